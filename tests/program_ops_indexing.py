"""The indexing family's steps for the differential programs (see program_families.py):
gather, take_along_dim, index_select, scatter (of a tensor or a number), scatter_add,
masked_fill (a number or a 0-d tensor), masked_select, sort, topk, diag, diagonal, diag_embed,
tril, triu, einsum, tensordot, outer and dot. Index arrays and masks are params written as
nested lists (so the program prints as code).

Steered around: indices out of range (torch raises RuntimeError where we raise IndexError, as
the design asks); scatter of a tensor with a position named twice (torch leaves the result
undefined) and with src larger than index (torch's backward then fails); topk's ties, whose
order torch leaves unspecified: the torch side of a topk step takes the first k of torch's
stable sort, the order our topk promises (the unit tests compare with torch.topk itself).
Einsums of two operands have no empty operand and no label of size 1 broadcast against
another size: torch sums an operand over the labels the other lacks (or has of size 1) before
it multiplies, ours multiplies then sums (numpy's einsum), and with infinities the two orders
differ: an empty sum, 0, times inf is NaN in torch where ours is the empty sum, 0; terms
inf, inf, inf, -inf give NaN in ours where torch multiplies inf by their sum, -inf. Neither
formula is wrong; the unit tests check the broadcasting on finite values.
"""
import math
import string

import numpy as np
import torch
from hypothesis import strategies as st

import autograd as ag
from program_draw import pick, shape_of
from program_op import Op


def _ours(index, dtype=np.int64):
    return np.array(index, dtype=dtype)


def _theirs(index, dtype=torch.int64):
    return torch.tensor(index, dtype=dtype)


def _torch_topk(x, k, dim, largest):
    values = x.sort(dim=dim, descending=largest, stable=True).values
    return values if x.ndim == 0 else values.narrow(dim, 0, k)


OPS = {
    "gather": Op(lambda x, dim, index: x.gather(dim, _ours(index)),
                 lambda x, dim, index: x.gather(dim, _theirs(index)),
                 "{0}.gather({dim}, np.array({index!r}))"),
    "take_along_dim": Op(lambda x, dim, index: x.take_along_dim(_ours(index), dim),
                         lambda x, dim, index: x.take_along_dim(_theirs(index), dim),
                         "{0}.take_along_dim(np.array({index!r}), {dim})"),
    "index_select": Op(lambda x, dim, index: x.index_select(dim, _ours(index)),
                       lambda x, dim, index: x.index_select(dim, _theirs(index)),
                       "{0}.index_select({dim}, np.array({index!r}))"),
    "scatter": Op(lambda x, src, dim, index: x.scatter(dim, _ours(index), src),
                  lambda x, src, dim, index: x.scatter(dim, _theirs(index), src),
                  "{0}.scatter({dim}, np.array({index!r}), {1})"),
    "scatter_value": Op(lambda x, dim, index, value: x.scatter(dim, _ours(index), value),
                        lambda x, dim, index, value: x.scatter(dim, _theirs(index), value),
                        "{0}.scatter({dim}, np.array({index!r}), {value!r})"),
    "scatter_add": Op(lambda x, src, dim, index: x.scatter_add(dim, _ours(index), src),
                      lambda x, src, dim, index: x.scatter_add(dim, _theirs(index), src),
                      "{0}.scatter_add({dim}, np.array({index!r}), {1})"),
    "masked_fill": Op(lambda x, mask, value: x.masked_fill(_ours(mask, bool), value),
                      lambda x, mask, value: x.masked_fill(_theirs(mask, torch.bool), value),
                      "{0}.masked_fill(np.array({mask!r}), {value!r})"),
    "masked_fill_tensor": Op(lambda x, v, mask: x.masked_fill(_ours(mask, bool), v),
                             lambda x, v, mask: x.masked_fill(_theirs(mask, torch.bool), v),
                             "{0}.masked_fill(np.array({mask!r}), {1})"),
    "masked_select": Op(lambda x, mask: x.masked_select(_ours(mask, bool)),
                        lambda x, mask: x.masked_select(_theirs(mask, torch.bool)),
                        "{0}.masked_select(np.array({mask!r}))"),
    "sort": Op(lambda x, dim, descending: x.sort(dim, descending).values,
               lambda x, dim, descending: x.sort(dim=dim, descending=descending,
                                                 stable=True).values,
               "{0}.sort({dim}, {descending}).values"),
    "topk": Op(lambda x, k, dim, largest: x.topk(k, dim, largest).values, _torch_topk,
               "{0}.topk({k}, {dim}, {largest}).values"),
    "diag": Op(lambda x, diagonal: x.diag(diagonal), lambda x, diagonal: x.diag(diagonal),
               "{0}.diag({diagonal})"),
    "diagonal": Op(lambda x, offset, dim1, dim2: x.diagonal(offset, dim1, dim2),
                   lambda x, offset, dim1, dim2: x.diagonal(offset, dim1, dim2),
                   "{0}.diagonal({offset}, {dim1}, {dim2})"),
    "diag_embed": Op(lambda x, offset, dim1, dim2: x.diag_embed(offset, dim1, dim2),
                     lambda x, offset, dim1, dim2: x.diag_embed(offset, dim1, dim2),
                     "{0}.diag_embed({offset}, {dim1}, {dim2})"),
    "tril": Op(lambda x, diagonal: x.tril(diagonal), lambda x, diagonal: x.tril(diagonal),
               "{0}.tril({diagonal})"),
    "triu": Op(lambda x, diagonal: x.triu(diagonal), lambda x, diagonal: x.triu(diagonal),
               "{0}.triu({diagonal})"),
    "einsum": Op(lambda *xs, equation: ag.einsum(equation, *xs),
                 lambda *xs, equation: torch.einsum(equation, *xs),
                 "ag.einsum({equation!r}, {args})"),
    "tensordot": Op(lambda a, b, dims: ag.tensordot(a, b, dims),
                    lambda a, b, dims: torch.tensordot(a, b, dims),
                    "ag.tensordot({0}, {1}, {dims!r})"),
    "outer": Op(ag.outer, torch.outer, "ag.outer({0}, {1})"),
    "dot": Op(ag.dot, torch.dot, "ag.dot({0}, {1})"),
}


def _index(draw, shape, size):
    """A nested list of ints in 0..size-1 of `shape`."""
    values = draw(st.lists(st.integers(0, size - 1), min_size=math.prod(shape),
                           max_size=math.prod(shape)))
    return np.array(values, dtype=np.int64).reshape(shape).tolist()


def _side_within(draw, n, longer=False):
    """An index side for an axis of side n: 1..n (up to 3 where longer). Never 0: a nested
    list with a side of 0 loses the sides after it."""
    return draw(st.integers(1, 3 if longer else n))


def _axis_with_positions(draw, shapes):
    """(x, dim) for a value with at least one axis and no side of 0, or None."""
    candidates = [i for i, s in enumerate(shapes) if s and 0 not in s]
    if not candidates:
        return None
    x = pick(draw, candidates)
    dim = draw(st.integers(0, len(shapes[x]) - 1))
    return x, dim - len(shapes[x]) * draw(st.booleans())


def draw_gather(draw, shapes):
    chosen = _axis_with_positions(draw, shapes)
    if chosen is None:
        return None
    x, dim = chosen
    shape = shapes[x]
    size = shape[dim]
    op = draw(st.sampled_from(["gather", "take_along_dim", "index_select"]))
    if op == "index_select":
        count = draw(st.integers(0, 4))
        index = _index(draw, (count,), size)
        out = tuple(count if a == dim % len(shape) else n for a, n in enumerate(shape))
        return op, (x,), {"dim": dim, "index": index}, out
    if op == "gather":
        index_shape = tuple(_side_within(draw, n, a == dim % len(shape))
                            for a, n in enumerate(shape))
        return op, (x,), {"dim": dim, "index": _index(draw, index_shape, size)}, index_shape
    index_shape = tuple(draw(st.integers(1, 3)) if a == dim % len(shape) else
                        draw(st.sampled_from([n, 1])) for a, n in enumerate(shape))
    index = (np.array(_index(draw, index_shape, size)) - size * draw(st.booleans())).tolist()
    out = shape_of(lambda z: np.take_along_axis(z, np.array(index, dtype=np.int64), dim),
                   shape)
    return op, (x,), {"dim": dim, "index": index}, out


def draw_scatter(draw, shapes):
    chosen = _axis_with_positions(draw, shapes)
    if chosen is None:
        return None
    x, dim = chosen
    shape = shapes[x]
    axis, size = dim % len(shape), shape[dim]
    op = draw(st.sampled_from(["scatter", "scatter_value", "scatter_add"]))
    if op == "scatter_value":  # a position named twice gets the same number: defined
        index_shape = tuple(_side_within(draw, n, a == axis) for a, n in enumerate(shape))
        params = {"dim": dim, "index": _index(draw, index_shape, size),
                  "value": draw(st.sampled_from([0.0, -1.5, 2.0, 1e4]))}
        return op, (x,), params, shape
    sources = [i for i, s in enumerate(shapes) if len(s) == len(shape) and 0 not in s and all(
        m <= n for a, (m, n) in enumerate(zip(s, shape))
        if a != axis or op == "scatter")]
    src = pick(draw, sources)  # x itself fits
    index_shape = shapes[src]
    if op == "scatter_add":
        index = _index(draw, index_shape, size)
    else:  # each position along dim at most once: a prefix of a permutation per line
        keys = np.array(draw(st.permutations(range(math.prod(shape) or 1))))
        keys = keys[:math.prod(shape)].reshape(shape)
        order = np.argsort(keys, axis=axis)
        index = np.take(order, np.arange(index_shape[axis]), axis=axis)[
            tuple(slice(0, n) for n in index_shape)].tolist()
    return op, (x, src), {"dim": dim, "index": index}, shape


def _mask(draw, shape):
    values = draw(st.lists(st.booleans(), min_size=math.prod(shape), max_size=math.prod(shape)))
    mask = np.array(values, dtype=bool).reshape(shape)
    return mask.tolist() if shape else bool(mask)


def draw_masked(draw, shapes):
    x = pick(draw, range(len(shapes)))
    shape = shapes[x]
    kept = shape[draw(st.integers(0, len(shape))):]  # trailing axes, some made 1
    mask_shape = tuple(1 if n == 0 or draw(st.integers(0, 3)) == 0 else n for n in kept)
    if len(kept) == len(shape) and draw(st.integers(0, 3)) == 0:
        mask_shape = (draw(st.integers(1, 2)),) + mask_shape  # a new leading axis
    mask = _mask(draw, mask_shape)
    out = np.broadcast_shapes(shape, mask_shape)
    op = draw(st.sampled_from(["masked_fill", "masked_fill_tensor", "masked_select"]))
    if op == "masked_select":
        return op, (x,), {"mask": mask}, (int(np.broadcast_to(np.array(mask), out).sum()),)
    scalars = [i for i, s in enumerate(shapes) if s == ()]
    if op == "masked_fill_tensor" and scalars:
        return op, (x, pick(draw, scalars)), {"mask": mask}, out
    value = draw(st.sampled_from([0.0, -2.5, 1e4, float("inf"), float("nan")]))
    return "masked_fill", (x,), {"mask": mask, "value": value}, out


def draw_sort(draw, shapes):
    x = pick(draw, range(len(shapes)))
    shape = shapes[x]
    dim = draw(st.integers(-max(len(shape), 1), max(len(shape), 1) - 1))
    if draw(st.booleans()):
        return "sort", (x,), {"dim": dim, "descending": draw(st.booleans())}, shape
    size = shape[dim] if shape else 1
    k = draw(st.integers(0, size))
    out = tuple(k if a == dim % len(shape) else n for a, n in enumerate(shape))
    return "topk", (x,), {"k": k, "dim": dim, "largest": draw(st.booleans())}, out


def draw_triangle(draw, shapes):
    x = pick(draw, range(len(shapes)))
    shape = shapes[x]
    ndim = len(shape)
    offset = draw(st.integers(-3, 3))
    kinds = (["diag"] if ndim in (1, 2) else []) + (["diag_embed"] if ndim else []) + (
        ["diagonal", "tril", "triu"] if ndim >= 2 else [])
    if not kinds:
        return None
    op = draw(st.sampled_from(kinds))
    if op in ("diag", "tril", "triu"):
        fn = {"diag": np.diag, "tril": np.tril, "triu": np.triu}[op]
        return op, (x,), {"diagonal": offset}, shape_of(lambda z: fn(z, offset), shape)
    dims = ndim + (op == "diag_embed")
    dim1, dim2 = draw(st.permutations(range(dims)))[:2]
    params = {"offset": offset, "dim1": dim1 - dims * draw(st.booleans()), "dim2": dim2}
    if op == "diagonal":
        return op, (x,), params, shape_of(lambda z: np.diagonal(z, offset, dim1, dim2), shape)
    side = shape[-1] + abs(offset)
    out = list(shape[:-1])
    for a in sorted((dim1, dim2)):
        out.insert(a, side)
    return op, (x,), params, tuple(out)


def _labels(draw, operands, shapes):
    """A label per axis of each operand: a new one, or one already used of the same size
    (no size-1 broadcasting: see the module docstring)."""
    sizes, terms = {}, []
    for i in operands:
        term = ""
        for n in shapes[i]:
            fitting = [c for c, m in sizes.items() if m == n]
            if fitting and draw(st.booleans()):
                label = draw(st.sampled_from(fitting))
            else:
                label = string.ascii_lowercase[len(sizes)]
            sizes[label] = n
            term += label
        terms.append(term)
    return terms, sizes


def draw_contraction(draw, shapes):
    op = draw(st.sampled_from(["einsum", "einsum", "tensordot", "outer", "dot"]))
    if op in ("outer", "dot"):
        vectors = [(i, j) for i, s in enumerate(shapes) for j, t in enumerate(shapes)
                   if len(s) == len(t) == 1 and (op == "outer" or s == t)]
        if not vectors:
            return None
        a, b = draw(st.sampled_from(vectors))
        return op, (a, b), {}, (shapes[a][0], shapes[b][0]) if op == "outer" else ()
    if op == "tensordot":
        a, b = pick(draw, range(len(shapes))), pick(draw, range(len(shapes)))
        fits = [n for n in range(min(len(shapes[a]), len(shapes[b])) + 1)
                if shapes[a][len(shapes[a]) - n:] == shapes[b][:n]]
        dims = draw(st.sampled_from(fits))
        out = shapes[a][:len(shapes[a]) - dims] + shapes[b][dims:]
        return op, (a, b), {"dims": dims}, out
    count = draw(st.integers(1, 2))
    candidates = [i for i, s in enumerate(shapes) if count == 1 or 0 not in s]
    if not candidates:
        return None
    operands = [pick(draw, candidates) for _ in range(count)]
    terms, sizes = _labels(draw, operands, shapes)
    equation = ",".join(terms)
    if draw(st.booleans()):
        used = sorted(sizes)
        output = "".join(draw(st.permutations(used))[:draw(st.integers(0, len(used)))])
        equation += "->" + output
    else:
        output = "".join(sorted(c for c in sizes if "".join(terms).count(c) == 1))
    out = tuple(sizes[c] for c in output)
    return "einsum", tuple(operands), {"equation": equation}, out


DRAWS = [draw_gather, draw_scatter, draw_masked, draw_sort, draw_triangle, draw_contraction]
