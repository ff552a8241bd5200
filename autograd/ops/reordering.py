"""Ops that put the elements of each axis in another order: flip and roll.

Both are permutations y = x[p] of the elements, so the gradient is put back in place by the
inverse permutation, dx = grad[p^-1], an index that also records under create_graph; the
tangent moves as the elements do, dy = dx[p].
"""
import numpy as np

from ..function import Function


class Flip(Function):
    """y = x with the order of the given axes reversed;  dx = grad flipped the same way
    (a reversal is its own inverse)."""

    @property
    def name(self):
        return f"flip{self.axes}"

    @staticmethod
    def forward(ctx, x, axes):
        ctx.axes = axes
        ctx.index = tuple(slice(None, None, -1) if a in axes else slice(None)
                          for a in range(x.ndim))
        return x[ctx.index]

    @staticmethod
    def backward(ctx, grad):
        return grad[ctx.index]

    @staticmethod
    def jvp(ctx, tangent):
        return tangent[ctx.index]


class Roll(Function):
    """y = x shifted cyclically: y[j] = x[(j - s) mod n] along each rolled axis (axes None:
    over the flattened tensor, shape kept);  dx[i] = grad[(i + s) mod n]."""

    @property
    def name(self):
        return f"roll({self.shifts}, {self.axes})"

    @staticmethod
    def forward(ctx, x, shifts, axes):
        ctx.shifts, ctx.axes, ctx.shape = shifts, axes, x.shape
        work = x.reshape(-1) if axes is None else x
        ctx.work_shape = work.shape
        total = [0] * work.ndim
        for shift, axis in zip(shifts, (0,) if axes is None else axes):
            total[axis] += shift
        positions = [np.arange(n) for n in work.shape]
        ctx.index = np.ix_(*[(p - s) % max(len(p), 1) for p, s in zip(positions, total)])
        ctx.inverse = np.ix_(*[(p + s) % max(len(p), 1) for p, s in zip(positions, total)])
        return work[ctx.index].reshape(x.shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.work_shape)[ctx.inverse].reshape(ctx.shape)

    @staticmethod
    def jvp(ctx, tangent):
        return tangent.reshape(ctx.work_shape)[ctx.index].reshape(ctx.shape)
