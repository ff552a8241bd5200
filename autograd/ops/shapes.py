"""Shape checks shared by the ops: errors that name the op and both shapes."""
import numpy as np


def elementwise(op_name, ufunc, a, b):
    """ufunc(a, b) with numpy broadcasting; an error names the op, both shapes and the reason."""
    try:
        return ufunc(a, b)
    except ValueError as error:
        try:
            np.broadcast_shapes(np.shape(a), np.shape(b))
        except ValueError:
            raise ValueError(
                f"{op_name}: shapes {np.shape(a)} and {np.shape(b)} cannot be broadcast together"
            ) from None
        raise ValueError(
            f"{op_name} of shapes {np.shape(a)} and {np.shape(b)} (dtypes {np.result_type(a)} "
            f"and {np.result_type(b)}): {error}"
        ) from None


def check_axis_type(axis, op_name, allow_tuple=True):
    """TypeError unless `axis` is an int (or, when allowed, None or a tuple/list of ints)."""
    def is_int(a):
        return isinstance(a, (int, np.integer)) and not isinstance(a, (bool, np.bool_))
    if is_int(axis) or (allow_tuple and (axis is None or (
            isinstance(axis, (tuple, list)) and all(is_int(a) for a in axis)))):
        return
    expected = "None, an int or a tuple of ints" if allow_tuple else "an int"
    raise TypeError(f"{op_name}: axis must be {expected}; got {axis!r}")


def axis_index(axis, ndim, op_name):
    """One axis as a non-negative int; a 0-d tensor accepts 0 and -1 (as PyTorch).
    Out of range: numpy's AxisError (both an IndexError, as PyTorch's, and a ValueError)."""
    check_axis_type(axis, op_name, allow_tuple=False)
    if not -max(ndim, 1) <= axis < max(ndim, 1):
        raise np.exceptions.AxisError(
            f"{op_name}: axis {axis} is out of range for a tensor with {ndim} dimensions "
            f"(expected {-max(ndim, 1)}..{max(ndim, 1) - 1})"
        )
    return int(axis) % max(ndim, 1)


def normalize_axes(axis, ndim, op_name="reduction"):
    """`axis` (None, int or tuple, negatives allowed) as a sorted tuple of non-negative ints.

    On a 0-d tensor, axis 0 or -1 means the tensor itself: the tuple is empty. An empty
    tuple means every axis, as in PyTorch (numpy would reduce none).
    """
    check_axis_type(axis, op_name)
    if axis is None or (isinstance(axis, (tuple, list)) and len(axis) == 0):
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    normalized = [axis_index(a, ndim, op_name) for a in axes]
    if len(set(normalized)) != len(normalized):
        raise ValueError(f"{op_name}: repeated axis in {axis}")
    return tuple(sorted(normalized)) if ndim else ()


def kept_shape(shape, axes):
    """The shape after reducing `axes` with keepdims=True."""
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


def dim_or_axis(dim, axis, op_name):
    """PyTorch's `dim=` or numpy's `axis=` (they mean the same); both given is an error."""
    if dim is not None and axis is not None:
        raise TypeError(f"{op_name}: give dim (PyTorch's name) or axis (numpy's), not both")
    return axis if dim is None else dim


def keepdim_or_keepdims(keepdim, keepdims, op_name):
    """PyTorch's `keepdim=` or numpy's `keepdims=` (None when not given); default False."""
    if keepdim is not None and keepdims is not None:
        raise TypeError(f"{op_name}: give keepdim (PyTorch's name) or keepdims (numpy's), not both")
    chosen = keepdims if keepdim is None else keepdim
    return False if chosen is None else chosen
