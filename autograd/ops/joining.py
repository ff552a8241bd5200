"""Ops over several tensors: concatenate, stack, where."""
import numpy as np

from ..function import Function
from ..tensor import Tensor


def _as_operands(values, like_dtype=None):
    """Tensors stay; numbers and arrays become arrays (numbers in `like_dtype`)."""
    return [v if isinstance(v, (Tensor, np.ndarray)) else np.asarray(v, dtype=like_dtype)
            for v in values]


def _common_float_dtype(values):
    dtypes = [v.dtype for v in values if isinstance(v, (Tensor, np.ndarray))]
    return np.result_type(*dtypes) if dtypes else np.float32


class Concatenate(Function):
    """y = [x_1, x_2, ...] joined along `axis`;  each x_k's gradient is its slice of grad."""

    @staticmethod
    def forward(ctx, *parts, axis=0):
        ctx.axis = axis
        ctx.bounds = np.cumsum([0] + [np.shape(p)[axis] for p in parts])
        try:
            return np.concatenate(parts, axis=axis)
        except (ValueError, np.exceptions.AxisError) as error:
            raise ValueError(
                f"concatenate: shapes {[np.shape(p) for p in parts]} along axis {axis}: {error}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        lead = (slice(None),) * (ctx.axis % grad.ndim)
        return tuple(grad[lead + (slice(start, stop),)]
                     for start, stop in zip(ctx.bounds[:-1], ctx.bounds[1:]))


class Stack(Function):
    """y = x_1, x_2, ... stacked along a new `axis`;  x_k's gradient is grad[..., k, ...]."""

    @staticmethod
    def forward(ctx, *parts, axis=0):
        try:
            out = np.stack(parts, axis=axis)
        except (ValueError, np.exceptions.AxisError) as error:
            raise ValueError(
                f"stack: shapes {[np.shape(p) for p in parts]} along axis {axis}: {error}"
            ) from None
        ctx.axis = axis % out.ndim
        return out

    @staticmethod
    def backward(ctx, grad):
        lead = (slice(None),) * ctx.axis
        return tuple(grad[lead + (k,)] for k in range(grad.shape[ctx.axis]))


class Where(Function):
    """y = a where cond else b (broadcasting);  dy/da = cond, dy/db = not cond."""

    @staticmethod
    def forward(ctx, cond, a, b):
        ctx.condition = cond
        try:
            return np.where(cond, a, b)
        except ValueError:
            raise ValueError(
                f"where: shapes {np.shape(cond)}, {np.shape(a)} and {np.shape(b)} cannot be "
                f"broadcast together"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        return None, grad * ctx.condition, grad * ~ctx.condition


def concatenate(tensors, axis=0):
    """Join tensors along an existing axis (numpy.concatenate), differentiably."""
    tensors = list(tensors)
    if not tensors:
        raise ValueError("concatenate: needs at least one tensor; got an empty sequence")
    return Concatenate.apply(*_as_operands(tensors, _common_float_dtype(tensors)), axis=axis)


def stack(tensors, axis=0):
    """Stack same-shaped tensors along a new axis (numpy.stack), differentiably."""
    tensors = list(tensors)
    if not tensors:
        raise ValueError("stack: needs at least one tensor; got an empty sequence")
    return Stack.apply(*_as_operands(tensors, _common_float_dtype(tensors)), axis=axis)


def where(condition, a, b):
    """Elementwise choice: `a` where `condition` is true, else `b`; differentiable in a and b.

    `condition` is a boolean array or Tensor (never differentiated).
    """
    cond = np.asarray(getattr(condition, "data", condition), dtype=bool)
    dtype = _common_float_dtype([a, b])
    a, b = _as_operands([a, b], dtype)
    return Where.apply(cond, a, b)
