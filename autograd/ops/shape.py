"""Ops that move elements without changing them: reshape, transpose, broadcast_to."""
import numpy as np

from ..function import Function, unbroadcast


class Reshape(Function):
    """y = x laid out in a new shape;  the gradient is reshaped back."""

    @staticmethod
    def forward(ctx, x, shape):
        ctx.input_shape = x.shape
        try:
            return x.reshape(shape)
        except ValueError:
            raise ValueError(
                f"reshape: cannot reshape a tensor of shape {x.shape} ({x.size} elements) "
                f"into shape {tuple(shape)}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.input_shape)


class Transpose(Function):
    """y = x with its axes permuted;  the gradient is permuted back by the inverse order."""

    @staticmethod
    def forward(ctx, x, axes=None):
        axes = tuple(reversed(range(x.ndim))) if axes is None else tuple(axes)
        if sorted(a % max(x.ndim, 1) for a in axes) != list(range(x.ndim)):
            raise ValueError(
                f"transpose: axes {axes} are not a permutation of the {x.ndim} axes of a "
                f"tensor of shape {x.shape}"
            )
        ctx.axes = axes
        return x.transpose(axes)

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(tuple(np.argsort([a % grad.ndim for a in ctx.axes])))


class BroadcastTo(Function):
    """y = x repeated along broadcast axes to `shape`;  the gradient is summed back."""

    @staticmethod
    def forward(ctx, x, shape):
        ctx.input_shape = x.shape
        try:
            return np.broadcast_to(x, shape)
        except ValueError:
            raise ValueError(
                f"broadcast_to: shape {x.shape} cannot be broadcast to {tuple(shape)}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        return unbroadcast(grad, ctx.input_shape)
