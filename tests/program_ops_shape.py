"""The shape family's steps for the differential programs (see program_families.py): squeeze,
unsqueeze, flatten, unflatten, transpose (two dims), mT, movedim, expand, flip, roll, repeat,
tile, repeat_interleave, pad, and one piece of narrow / split / chunk / unbind.

Steered around: reflect, replicate and circular padding only of the shapes torch pads in
those modes (1 pair on 2-3 axes, 2 pairs on 3 axes, no empty axis), never a negative
circular amount (torch's result then holds uninitialised memory); `view` is reshape's
(torch's view refuses non-contiguous tensors, ours does not), so it is not drawn apart.
`flatten(d, d)` and a 0-d tensor's `mT` return the tensor itself in both engines, which the
programs' rule that a result made under no_grad() does not require grad cannot express: not
drawn (the shape tests check them). No 0 count for repeat or tile: torch's repeat then
sends no graph back, and its second derivatives differ from ours (and from its own expand)."""
import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

import autograd as ag
from program_draw import pick
from program_op import Op


def _same(method, text):
    """A step spelled the same way on both engines: `method(x, **params)`."""
    return Op(method, method, text)


def _torch_repeat_interleave(x, repeats, dim):
    counts = repeats if isinstance(repeats, int) else torch.tensor(repeats, dtype=torch.int64)
    return x.repeat_interleave(counts, dim)


def _ours_repeat_interleave(x, repeats, dim):
    counts = repeats if isinstance(repeats, int) else np.array(repeats, dtype=np.int64)
    return x.repeat_interleave(counts, dim)


OPS = {
    "squeeze": _same(lambda x, dim: x.squeeze() if dim is None else x.squeeze(dim),
                     "{0}.squeeze({dim!r})"),
    "unsqueeze": _same(lambda x, dim: x.unsqueeze(dim), "{0}.unsqueeze({dim})"),
    "flatten": _same(lambda x, start, end: x.flatten(start, end), "{0}.flatten({start}, {end})"),
    "unflatten": _same(lambda x, dim, sizes: x.unflatten(dim, sizes),
                       "{0}.unflatten({dim}, {sizes!r})"),
    "transpose": _same(lambda x, dim0, dim1: x.transpose(dim0, dim1),
                       "{0}.transpose({dim0}, {dim1})"),
    "mT": _same(lambda x: x.mT, "{0}.mT"),
    "movedim": _same(lambda x, source, destination: x.movedim(source, destination),
                     "{0}.movedim({source!r}, {destination!r})"),
    "expand": _same(lambda x, sizes: x.expand(sizes), "{0}.expand({sizes!r})"),
    "flip": _same(lambda x, dims: x.flip(dims), "{0}.flip({dims!r})"),
    "roll": _same(lambda x, shifts, dims: x.roll(shifts, dims), "{0}.roll({shifts!r}, {dims!r})"),
    "repeat": _same(lambda x, sizes: x.repeat(sizes), "{0}.repeat({sizes!r})"),
    "tile": _same(lambda x, dims: x.tile(dims), "{0}.tile({dims!r})"),
    "repeat_interleave": Op(_ours_repeat_interleave, _torch_repeat_interleave,
                            "{0}.repeat_interleave({repeats!r}, {dim!r})"),
    "pad": Op(lambda x, widths, mode, value: ag.pad(x, widths, mode, value),
              lambda x, widths, mode, value: F.pad(x, widths, mode=mode, value=value),
              "ag.pad({0}, {widths!r}, {mode!r}, {value!r})"),
    "narrow": _same(lambda x, dim, start, length: x.narrow(dim, start, length),
                    "{0}.narrow({dim}, {start}, {length})"),
    "split": _same(lambda x, size, dim, piece: x.split(size, dim)[piece],
                   "{0}.split({size!r}, {dim})[{piece}]"),
    "chunk": _same(lambda x, chunks, dim, piece: x.chunk(chunks, dim)[piece],
                   "{0}.chunk({chunks}, {dim})[{piece}]"),
    "unbind": _same(lambda x, dim, piece: x.unbind(dim)[piece], "{0}.unbind({dim})[{piece}]"),
}


def _result_shape(op, shape, params):
    """The shape our engine gives for the step on zeros of `shape`; None if it raises (the
    program then checks that torch raises too)."""
    try:
        return getattr(OPS[op], "ours")(ag.Tensor(np.zeros(shape)), **params).shape
    except (ValueError, IndexError, RuntimeError):
        return None


def _axis(draw, ndim, extra=0, wrong_sometimes=True):
    """An axis (negatives too; 0 or -1 for a 0-d tensor); one in twenty is out of range."""
    n = max(ndim + extra, 1)
    if wrong_sometimes and draw(st.integers(0, 19)) == 19:
        return draw(st.sampled_from([n, -n - 1]))
    return draw(st.integers(-n, n - 1))


def _axes(draw, ndim):
    chosen = draw(st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim)) if ndim else []
    return tuple(a - ndim if draw(st.booleans()) else a for a in chosen)


def _step(op, x, params, shapes):
    return op, (x,), params, _result_shape(op, shapes[x], params)


def draw_reshaping(draw, shapes):
    x = pick(draw, range(len(shapes)))
    shape, ndim = shapes[x], len(shapes[x])
    op = draw(st.sampled_from(["squeeze", "unsqueeze", "flatten", "unflatten"]))
    if op == "squeeze":
        dim = draw(st.one_of(st.none(), st.just(_axis(draw, ndim)), st.just(_axes(draw, ndim))))
        return _step(op, x, {"dim": dim}, shapes)
    if op == "unsqueeze":
        return _step(op, x, {"dim": _axis(draw, ndim, extra=1)}, shapes)
    if op == "flatten":
        start, end = _axis(draw, ndim, wrong_sometimes=False), _axis(draw, ndim)
        if ndim and start % ndim == end % ndim:
            return None  # the tensor itself (see the module docstring)
        return _step(op, x, {"start": start, "end": end}, shapes)
    if not ndim:
        return None
    dim = _axis(draw, ndim, wrong_sometimes=False)
    n = shape[dim]
    sizes = draw(st.sampled_from([(n,), (1, n), (n, 1), (-1, 1), (1, -1)] + (
        [(n // 2, 2), (2, -1)] if n % 2 == 0 and n else []) + ([(3, 1)] if n != 3 else [])))
    return _step(op, x, {"dim": dim, "sizes": sizes}, shapes)


def draw_swapping(draw, shapes):
    x = pick(draw, range(len(shapes)))
    ndim = len(shapes[x])
    op = draw(st.sampled_from(["transpose", "mT", "movedim"]))
    if op == "transpose":
        return _step(op, x, {"dim0": _axis(draw, ndim), "dim1": _axis(draw, ndim)}, shapes)
    if op == "mT":  # (an error on 1 axis in both engines)
        return _step(op, x, {}, shapes) if ndim else None  # 0-d: itself (module docstring)
    source = _axes(draw, ndim)
    destination = _axes(draw, ndim)
    while len(destination) < len(source):
        destination = _axes(draw, ndim)
    return _step(op, x, {"source": source, "destination": destination[:len(source)]}, shapes)


def draw_expand(draw, shapes):
    x = pick(draw, range(len(shapes)))
    lead = tuple(draw(st.lists(st.integers(0, 3), max_size=1)))
    sizes = lead + tuple(draw(st.sampled_from([-1, 0, 2, 3])) if n == 1 else
                         draw(st.sampled_from([-1, n, -1, n + 1])) for n in shapes[x])
    return _step("expand", x, {"sizes": sizes}, shapes)


def draw_reordering(draw, shapes):
    x = pick(draw, range(len(shapes)))
    ndim = len(shapes[x])
    if draw(st.booleans()):
        dims = _axes(draw, ndim)
        if ndim and draw(st.integers(0, 19)) == 19:
            dims = (0, -ndim)  # the same axis twice: an error in both engines
        return _step("flip", x, {"dims": dims}, shapes)
    if not ndim or draw(st.booleans()):
        return _step("roll", x, {"shifts": draw(st.integers(-4, 4)), "dims": None}, shapes)
    dims = tuple(draw(st.lists(st.integers(-ndim, ndim - 1), min_size=1, max_size=3)))
    shifts = tuple(draw(st.integers(-4, 4)) for _ in dims)
    return _step("roll", x, {"shifts": shifts, "dims": dims}, shapes)


def draw_repeating(draw, shapes):
    """repeat, tile or repeat_interleave, each copying at most 3 times, of a tensor of at
    most 27 elements (the programs' values stay small)."""
    small = [i for i, s in enumerate(shapes) if np.prod(s) <= 27]
    if not small:
        return None
    x = pick(draw, small)
    shape, ndim = shapes[x], len(shapes[x])
    op = draw(st.sampled_from(["repeat", "tile", "repeat_interleave"]))
    least = 0 if op == "repeat_interleave" else 1  # (repeat, tile: see the module docstring)
    copies = st.integers(least, 3 if np.prod(shape) <= 9 else 1)
    if op == "repeat":
        most = max(ndim, min(ndim + 1, 3))
        sizes = tuple(draw(st.lists(copies, min_size=ndim, max_size=most)))
        if np.prod(sizes) > 3:
            sizes = tuple(min(n, 1) for n in sizes)
        return _step(op, x, {"sizes": sizes}, shapes)
    if op == "tile":
        dims = tuple(draw(st.lists(copies, max_size=3)))
        return _step(op, x, {"dims": dims if np.prod(dims) <= 3 else (3,)}, shapes)
    dim = draw(st.none() | st.integers(-ndim, ndim - 1)) if ndim else None
    n = int(np.prod(shape)) if dim is None else shape[dim]
    repeats = draw(copies | st.lists(copies, min_size=n, max_size=n))
    return _step(op, x, {"repeats": repeats, "dim": dim}, shapes)


def draw_pad(draw, shapes):
    """Constant padding of any tensor, or (half of the time when there is one) another mode
    for a tensor of a shape torch pads in that mode (see the module docstring)."""
    modal = [i for i, s in enumerate(shapes) if len(s) in (2, 3) and 0 not in s]
    if modal and draw(st.booleans()):
        x, mode = pick(draw, modal), draw(st.sampled_from(["reflect", "replicate", "circular"]))
    else:
        x, mode = pick(draw, range(len(shapes))), "constant"
    shape, ndim = shapes[x], len(shapes[x])
    pairs = draw(st.integers(0, ndim)) if mode == "constant" else (
        draw(st.integers(1, ndim - 1)) if ndim == 3 else 1)
    widths = []
    for n in shape[::-1][:pairs]:
        if mode == "constant":
            before = draw(st.integers(-n, 3))
            widths += [before, draw(st.integers(-n - min(before, 0), 3))]
            continue
        most = {"reflect": n - 1, "circular": n, "replicate": 3}[mode]
        least = 0 if mode == "circular" else -2
        before = draw(st.integers(max(1 - n - most, least), most))
        widths += [before, draw(st.integers(max(1 - n - before, least), most))]
    value = draw(st.sampled_from([0.0, -0.0, 1.5, -40.0])) if mode == "constant" else None
    return _step("pad", x, {"widths": tuple(widths), "mode": mode, "value": value}, shapes)


def draw_cutting(draw, shapes):
    candidates = [i for i, s in enumerate(shapes) if s]
    if not candidates:
        return None
    x = pick(draw, candidates)
    shape, ndim = shapes[x], len(shapes[x])
    dim = _axis(draw, ndim, wrong_sometimes=False)
    n = shape[dim]
    op = draw(st.sampled_from(["narrow", "split", "chunk", "unbind"]))
    if op == "narrow":
        start = draw(st.integers(-n, n))
        length = draw(st.integers(0, n - start % n if start < 0 else n - start))
        if draw(st.integers(0, 19)) == 19:
            length += 1  # past the end: an error in both engines
        return _step(op, x, {"dim": dim, "start": start, "length": length}, shapes)
    if op == "unbind":
        if n == 0:
            return None
        return _step(op, x, {"dim": dim, "piece": draw(st.integers(0, n - 1))}, shapes)
    if op == "chunk":
        chunks = draw(st.integers(1, 3))
        count = chunks if n == 0 else -(-n // -(-n // chunks))
        return _step(op, x, {"chunks": chunks, "dim": dim,
                             "piece": draw(st.integers(0, count - 1))}, shapes)
    size = draw(st.integers(1 if n else 0, n + 1))
    count = max(-(-n // size), 1) if size else 1
    return _step(op, x, {"size": size, "dim": dim, "piece": draw(st.integers(0, count - 1))},
                 shapes)


DRAWS = [draw_reshaping, draw_swapping, draw_expand, draw_reordering, draw_repeating, draw_pad,
         draw_cutting]
