"""Ops over several tensors: concatenate, stack, where (operands promoted to one dtype)."""
import numpy as np

from ..function import Function
from .. import tensor as tensor_module
from .cast import promoted
from .shapes import axis_index, dim_or_axis
from .tangents import or_zeros


def _as_operands(values):
    """Tensors, arrays and numbers as they are, nested lists as arrays."""
    kept = (tensor_module.Tensor, np.ndarray, int, float, np.generic)
    return [v if isinstance(v, kept) else tensor_module.as_array(v) for v in values]


class Concatenate(Function):
    """y = [x_1, x_2, ...] joined along `axis`;  each x_k's gradient is its slice of grad."""

    @staticmethod
    def forward(ctx, *parts, axis=0):
        shapes = [np.shape(p) for p in parts]
        if any(len(shape) == 0 for shape in shapes):
            raise ValueError(
                f"concatenate: 0-d tensors have no axis to join along (shapes {shapes}); "
                f"use stack"
            )
        ctx.axis = axis_index(axis, len(shapes[0]), "concatenate")
        ctx.bounds = np.cumsum([0] + [shape[ctx.axis] if len(shape) > ctx.axis else 0
                                      for shape in shapes])
        try:
            return np.concatenate(parts, axis=ctx.axis)
        except ValueError as error:
            raise ValueError(
                f"concatenate: shapes {shapes} along axis {axis}: {error}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        lead = (slice(None),) * ctx.axis
        return tuple(grad[lead + (slice(start, stop),)]
                     for start, stop in zip(ctx.bounds[:-1], ctx.bounds[1:]))

    @staticmethod
    def jvp(ctx, *tangents):
        return np.concatenate([or_zeros(tangent, part) for tangent, part
                               in zip(tangents, ctx.input_arrays)], axis=ctx.axis)


class Stack(Function):
    """y = x_1, x_2, ... stacked along a new `axis`;  x_k's gradient is grad[..., k, ...]."""

    @staticmethod
    def forward(ctx, *parts, axis=0):
        ctx.axis = axis_index(axis, np.ndim(parts[0]) + 1, "stack")
        try:
            return np.stack(parts, axis=ctx.axis)
        except ValueError as error:
            raise ValueError(
                f"stack: shapes {[np.shape(p) for p in parts]} along axis {axis}: {error}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        lead = (slice(None),) * ctx.axis
        return tuple(grad[lead + (k,)] for k in range(grad.shape[ctx.axis]))

    @staticmethod
    def jvp(ctx, *tangents):
        return np.stack([or_zeros(tangent, part) for tangent, part
                         in zip(tangents, ctx.input_arrays)], axis=ctx.axis)


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
        where = ctx.xp.where
        return None, where(ctx.condition, grad, 0), where(ctx.condition, 0, grad)

    @staticmethod
    def jvp(ctx, tangent_condition, tangent_a, tangent_b):
        _, a, b = ctx.input_arrays
        return np.where(ctx.condition, or_zeros(tangent_a, a), or_zeros(tangent_b, b))


def concatenate(tensors, dim=None, *, axis=None):
    """Join tensors along an existing axis, `dim` (PyTorch's name) or `axis` (numpy's),
    0 by default; differentiably. `cat` is its other name (torch.cat)."""
    tensors = list(tensors)
    if not tensors:
        raise ValueError("concatenate: needs at least one tensor; got an empty sequence")
    axis = dim_or_axis(dim, axis, "concatenate")
    return Concatenate.apply(*promoted(*_as_operands(tensors)), axis=0 if axis is None else axis)


cat = concatenate


def stack(tensors, dim=None, *, axis=None):
    """Stack same-shaped tensors along a new axis, `dim` or `axis` (0 by default),
    differentiably."""
    tensors = list(tensors)
    if not tensors:
        raise ValueError("stack: needs at least one tensor; got an empty sequence")
    axis = dim_or_axis(dim, axis, "stack")
    return Stack.apply(*promoted(*_as_operands(tensors)), axis=0 if axis is None else axis)


def where(condition, a, b):
    """Elementwise choice: `a` where `condition` is true, else `b`; differentiable in a and b.

    `condition` is a boolean array or Tensor (never differentiated).
    """
    cond = np.asarray(getattr(condition, "data", condition), dtype=bool)
    a, b = promoted(*_as_operands([a, b]))
    return Where.apply(cond, a, b)
