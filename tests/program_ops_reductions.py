"""The reductions family's steps for the differential programs (see program_families.py):
prod, max()/min() of everything, max/min along a dim (values; argmax/argmin give the int64
indices), var/std, logsumexp, norm, cumsum/cumprod, cummax/cummin (values)."""
import math

import numpy as np
import torch
from hypothesis import strategies as st

import autograd as ag

from program_draw import axes_options, pick, reduced_shape
from program_op import Op


def _keep_all(result, x, keepdims):
    """torch's full reduction with numpy's keepdims: the result reshaped to all 1s."""
    return result.reshape((1,) * x.ndim) if keepdims else result


def _torch_prod(x, axis, keepdims):
    if axis is None:
        return _keep_all(x.prod(), x, keepdims)
    return x.prod(axis, keepdim=keepdims)


def _torch_dims(x, axis):
    """numpy's axis=None as torch's list of every dim (torch's None is not always allowed)."""
    return tuple(range(x.ndim)) if axis is None else axis


def _ours_indices(indices):
    """argmax/argmin's int64 indices, checked, as float64 values for the rest of the program
    (torch refuses some float functions of integers where ours gives floats)."""
    assert indices.dtype == np.int64 and not indices.requires_grad, indices
    return ag.Tensor(indices.data, dtype=np.float64)


def _torch_indices(indices):
    assert indices.dtype == torch.int64, indices
    return indices.to(torch.float64)


OPS = {
    "prod": Op(lambda x, axis, keepdims: x.prod(axis=axis, keepdims=keepdims), _torch_prod,
               "{0}.prod(axis={axis!r}, keepdims={keepdims})"),
    "max_all": Op(lambda x: x.max(), lambda x: x.max(), "{0}.max()"),
    "min_all": Op(lambda x: x.min(), lambda x: x.min(), "{0}.min()"),
    "max_dim": Op(lambda x, dim, keepdim: x.max(dim, keepdim).values,
                  lambda x, dim, keepdim: x.max(dim, keepdim).values,
                  "{0}.max({dim}, {keepdim}).values"),
    "min_dim": Op(lambda x, dim, keepdim: x.min(dim=dim, keepdim=keepdim).values,
                  lambda x, dim, keepdim: x.min(dim=dim, keepdim=keepdim).values,
                  "{0}.min(dim={dim}, keepdim={keepdim}).values"),
    "argmax": Op(lambda x, dim, keepdim: _ours_indices(x.argmax(dim, keepdim)),
                 lambda x, dim, keepdim: _torch_indices(x.argmax(dim, keepdim)),
                 "ag.Tensor({0}.argmax({dim}, {keepdim}), dtype=np.float64)"),
    "argmin": Op(lambda x, dim, keepdim: _ours_indices(x.argmin(axis=dim, keepdims=keepdim)),
                 lambda x, dim, keepdim: _torch_indices(x.argmin(dim, keepdim)),
                 "ag.Tensor({0}.argmin(axis={dim}, keepdims={keepdim}), dtype=np.float64)"),
    "var": Op(lambda x, axis, correction, keepdims: x.var(
                  axis=axis, correction=correction, keepdims=keepdims),
              lambda x, axis, correction, keepdims: x.var(
                  dim=axis, correction=correction, keepdim=keepdims),
              "{0}.var(axis={axis!r}, correction={correction}, keepdims={keepdims})"),
    "std": Op(lambda x, axis, correction, keepdims: x.std(
                  axis, correction=correction, keepdim=keepdims),
              lambda x, axis, correction, keepdims: x.std(
                  dim=axis, correction=correction, keepdim=keepdims),
              "{0}.std({axis!r}, correction={correction}, keepdim={keepdims})"),
    "logsumexp": Op(lambda x, axis, keepdims: x.logsumexp(axis=axis, keepdims=keepdims),
                    lambda x, axis, keepdims: torch.logsumexp(x, _torch_dims(x, axis), keepdims),
                    "{0}.logsumexp(axis={axis!r}, keepdims={keepdims})"),
    "norm": Op(lambda x, p, axis, keepdims: x.norm(p, axis, keepdims),
               lambda x, p, axis, keepdims: torch.linalg.vector_norm(x, p, axis, keepdims),
               "{0}.norm({p!r}, {axis!r}, {keepdims})"),
    "cumsum": Op(lambda x, dim: x.cumsum(dim), lambda x, dim: x.cumsum(dim), "{0}.cumsum({dim})"),
    "cumprod": Op(lambda x, dim: x.cumprod(axis=dim), lambda x, dim: x.cumprod(dim),
                  "{0}.cumprod(axis={dim})"),
    "cummax": Op(lambda x, dim: x.cummax(dim).values, lambda x, dim: x.cummax(dim).values,
                 "{0}.cummax({dim}).values"),
    "cummin": Op(lambda x, dim: x.cummin(dim).values, lambda x, dim: x.cummin(dim).values,
                 "{0}.cummin({dim}).values"),
}

# Not p = 0: its derivative is undefined in torch (grad() answers None) where ours sends
# nothing and grad() answers 0, as for every op with a zero derivative (a deliberate
# difference, test_autograd_ops_reductions_more.py names it).
NORM_ORDERS = [2.0, 1.0, math.inf, -math.inf, 3.0, 0.5, 1.5, -1.0]


def _one_dim(draw, shape):
    """One dim of `shape` (0 or -1 for a 0-d tensor); rarely one out of range (an error in
    both engines, but torch's cummax/cummin accept any dim of an empty tensor)."""
    ndim = len(shape)
    if math.prod(shape) and draw(st.integers(0, 29)) == 29:
        return ndim + 1
    return draw(st.integers(-max(ndim, 1), max(ndim, 1) - 1))


def _without(shape, dim, keepdim):
    if not shape:
        return ()
    return reduced_shape(shape, dim % len(shape), keepdim)


def draw_prod(draw, shapes):
    x = pick(draw, range(len(shapes)))
    axis = draw(st.one_of(st.none(), st.just(_one_dim(draw, shapes[x]))))
    keepdims = draw(st.booleans())
    if axis is not None and axis >= max(len(shapes[x]), 1):
        return "prod", (x,), {"axis": axis, "keepdims": keepdims}, None
    return "prod", (x,), {"axis": axis, "keepdims": keepdims}, reduced_shape(
        shapes[x], axis, keepdims)


def draw_extreme(draw, shapes):
    """max()/min() of everything, or max/min/argmax/argmin along one dim (an empty dim, or
    an empty tensor for max(), is an error in both engines)."""
    x = pick(draw, range(len(shapes)))
    shape = shapes[x]
    op = draw(st.sampled_from(["max_all", "min_all", "max_dim", "min_dim", "argmax", "argmin"]))
    if op in ("max_all", "min_all"):
        return op, (x,), {}, (() if math.prod(shape) else None)
    dim, keepdim = _one_dim(draw, shape), draw(st.booleans())
    params = {"dim": dim, "keepdim": keepdim}
    if dim >= max(len(shape), 1) or (shape and shape[dim] == 0):
        return op, (x,), params, None
    return op, (x,), params, _without(shape, dim, keepdim)


def draw_spread(draw, shapes):
    """var, std (correction 0 or 1) and logsumexp over axes."""
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(["var", "std", "logsumexp"]))
    axis, keepdims = draw(axes_options(len(shapes[x]))), draw(st.booleans())
    params = {"axis": axis, "keepdims": keepdims}
    if op != "logsumexp":
        params["correction"] = draw(st.sampled_from([0, 1]))
    return op, (x,), params, reduced_shape(shapes[x], axis, keepdims)


def draw_norm(draw, shapes):
    x = pick(draw, range(len(shapes)))
    axis, keepdims = draw(axes_options(len(shapes[x]))), draw(st.booleans())
    p = draw(st.sampled_from(NORM_ORDERS))
    shape = shapes[x]
    axes = range(len(shape)) if axis is None else (axis,) if isinstance(axis, int) else axis
    out = reduced_shape(shape, axis, keepdims)
    if (math.isinf(p) or p < 0) and shape and math.prod(shape[a] for a in axes) == 0:
        out = None  # the inf- or negative norm of nothing: an error in both engines
    return "norm", (x,), {"p": p, "axis": axis, "keepdims": keepdims}, out


def draw_scan(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(["cumsum", "cumprod", "cummax", "cummin"]))
    dim = _one_dim(draw, shapes[x])
    return op, (x,), {"dim": dim}, (shapes[x] if dim < max(len(shapes[x]), 1) else None)


DRAWS = [draw_prod, draw_extreme, draw_spread, draw_norm, draw_scan]
