"""Ops that copy elements: tile (torch's repeat) and repeat_interleave.

The gradient of a copied element is the sum of the gradients of all its copies; its tangent
is copied as the element is (the jvp is the op applied to the tangent).
"""
import numpy as np

from ..function import Function
from .indexing import GetItem


class Tile(Function):
    """y = x repeated r_k times along axis k, whole blocks after one another (numpy's tile,
    torch's repeat); x gets leading axes of size 1 when there are more reps than axes.
    dx = grad seen as (r_0, n_0, r_1, n_1, ...) summed over the r axes."""

    @property
    def name(self):
        return f"tile{self.reps}"

    @staticmethod
    def forward(ctx, x, reps):
        ctx.reps, ctx.input_shape = reps, x.shape
        ctx.padded_shape = (1,) * (len(reps) - x.ndim) + x.shape
        return np.tile(x.reshape(ctx.padded_shape), reps)

    @staticmethod
    def backward(ctx, grad):
        blocks = [n for pair in zip(ctx.reps, ctx.padded_shape) for n in pair]
        copies = tuple(range(0, len(blocks), 2))
        if not copies:
            return grad
        return grad.reshape(blocks).sum(axis=copies).reshape(ctx.input_shape)

    @staticmethod
    def jvp(ctx, tangent):
        return np.tile(tangent.reshape(ctx.padded_shape), ctx.reps)


class RepeatInterleave(GetItem):
    """y = each slice x[i] along `axis` repeated r_i times in place (numpy's repeat):
    y = x[index] with index = [0]*r_0 + [1]*r_1 + ...;  dx[i] = sum of grad over the r_i
    copies of x[i] (an index_add, which records under create_graph)."""

    @property
    def name(self):
        return f"repeat_interleave(dim={self.axis})"

    @staticmethod
    def forward(ctx, x, repeats, axis):
        ctx.axis, ctx.input_shape = axis, x.shape
        ctx.index = (slice(None),) * axis + (np.repeat(np.arange(x.shape[axis]), repeats),)
        return x[ctx.index]
