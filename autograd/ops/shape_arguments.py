"""Reading the arguments of the shape methods: sizes and dims given one by one or as one
sequence, checked, with errors that name the op."""
import numpy as np

from .shapes import axis_index


def is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def int_sequence(args, op_name, what="the sizes"):
    """Ints given one by one (t.view(2, 3)) or as one sequence (t.view((2, 3))), as a tuple."""
    if len(args) == 1 and isinstance(args[0], (tuple, list, np.ndarray)):
        args = tuple(args[0])
    if not all(is_int(n) for n in args):
        raise TypeError(f"{op_name}: {what} must be ints; got {args!r}")
    return tuple(int(n) for n in args)


def distinct_axes(dims, ndim, op_name):
    """An int or a sequence of ints as a tuple of distinct non-negative axes."""
    dims = int_sequence((dims,), op_name, "the dims")
    axes = tuple(axis_index(d, ndim, op_name) for d in dims)
    if len(set(axes)) != len(axes):
        raise ValueError(f"{op_name}: dims {dims} name the same axis twice")
    return axes


def moved_axes(source, destination, ndim):
    """The permutation that moves the `source` axes to the `destination` positions, the other
    axes keeping their order (movedim)."""
    source = distinct_axes(source, ndim, "movedim")
    destination = distinct_axes(destination, ndim, "movedim")
    if len(source) != len(destination):
        raise ValueError(
            f"movedim: source {source} and destination {destination} must name as many dims"
        )
    order = [None] * ndim
    for s, d in zip(source, destination):
        order[d] = s
    rest = iter(a for a in range(ndim) if a not in source)
    return tuple(a if a is not None else next(rest) for a in order)


def expanded_shape(shape, sizes, op_name):
    """The shape that expand(*sizes) makes: new leading axes, and -1 keeping an axis."""
    extra = len(sizes) - len(shape)
    if extra < 0:
        raise ValueError(
            f"{op_name}: sizes {sizes} have fewer entries than the {len(shape)} axes of a "
            f"tensor of shape {shape}"
        )
    if any(n == -1 for n in sizes[:extra]):
        raise ValueError(f"{op_name}: -1 cannot be the size of a new leading axis; got {sizes}")
    target = sizes[:extra] + tuple(n if s == -1 else s for n, s in zip(shape, sizes[extra:]))
    for n, s in zip(shape, target[extra:]):
        if s < 0 or (n != 1 and n != s):
            raise ValueError(f"{op_name}: a tensor of shape {shape} cannot be expanded to {sizes}")
    return target


def unflattened_shape(shape, axis, sizes):
    """`shape` with axis `axis` split into `sizes` (one of which may be -1)."""
    n = shape[axis]
    if not sizes:
        raise ValueError("unflatten: the sizes must not be empty")
    known = int(np.prod([s for s in sizes if s != -1]))
    if sizes.count(-1) > 1 or any(s < -1 for s in sizes) or (-1 in sizes and (
            known == 0 or n % known)) or (-1 not in sizes and known != n):
        raise ValueError(
            f"unflatten: sizes {sizes} do not multiply up to the size {n} of axis {axis} "
            f"(tensor of shape {shape})"
        )
    sizes = tuple(n // known if s == -1 else s for s in sizes)
    return shape[:axis] + sizes + shape[axis + 1:]


def repeat_counts(repeats, n):
    """repeat_interleave's `repeats` (an int, or ints in a sequence, array or Tensor: one,
    or one per slice of an axis of size n), checked, as an int or a 1-D int array."""
    counts = np.asarray(getattr(repeats, "data", repeats))
    if counts.dtype.kind not in "iu" or counts.ndim > 1:
        raise TypeError(f"repeat_interleave: repeats must be an int or a 1-D sequence of ints; "
                        f"got {repeats!r}")
    if counts.ndim == 1 and counts.size not in (1, n):
        raise ValueError(f"repeat_interleave: {counts.size} repeats for an axis of size {n}")
    if np.any(counts < 0):
        raise ValueError(f"repeat_interleave: repeats must be non-negative; got {repeats!r}")
    return counts.reshape(-1) if counts.ndim else int(counts)


def split_bounds(n, split_size_or_sections, op_name="split"):
    """(start, stop) of each piece along an axis of size n: pieces of one size (the last
    smaller), or the given sizes, which must add up to n."""
    if is_int(split_size_or_sections):
        size = int(split_size_or_sections)
        if size < 0 or (size == 0 and n > 0):
            raise ValueError(f"{op_name}: the split size must be positive; got {size} (axis "
                             f"of size {n})")
        if n == 0:
            return [(0, 0)]
        return [(start, min(start + size, n)) for start in range(0, n, size)]
    sizes = int_sequence((split_size_or_sections,), op_name, "the section sizes")
    if sum(sizes) != n or any(s < 0 for s in sizes):
        raise ValueError(
            f"{op_name}: section sizes {sizes} must be non-negative and add up to the size "
            f"{n} of the axis"
        )
    stops = np.cumsum(sizes)
    return [(int(stop - s), int(stop)) for s, stop in zip(sizes, stops)]
