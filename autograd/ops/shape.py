"""Ops that move elements without changing them: reshape, permute (transpose), broadcast_to.

view, flatten, unflatten, squeeze and unsqueeze are reshapes; transpose, swapaxes, movedim,
.T and .mT are permutations; expand is broadcast_to (their Tensor methods are in
shape_methods.py). Each is linear: its jvp is the op itself applied to the tangent.
"""
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

    @staticmethod
    def jvp(ctx, tangent):
        return tangent.reshape(ctx.output_data.shape)


class Transpose(Function):
    """y = x with its axes permuted (torch's permute; numpy's transpose(axes));  the gradient
    is permuted back by the inverse order."""

    @property
    def name(self):
        return f"permute{self.axes}"

    @staticmethod
    def forward(ctx, x, axes=None):
        axes = tuple(reversed(range(x.ndim))) if axes is None else tuple(axes)
        if sorted(a % max(x.ndim, 1) for a in axes) != list(range(x.ndim)) or any(
                not -max(x.ndim, 1) <= a < max(x.ndim, 1) for a in axes):
            raise ValueError(
                f"permute: dims {axes} are not a permutation of the {x.ndim} axes of a "
                f"tensor of shape {x.shape}"
            )
        ctx.axes = axes
        return x.transpose(axes)

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.permute(grad, tuple(np.argsort([a % grad.ndim for a in ctx.axes])))

    @staticmethod
    def jvp(ctx, tangent):
        return tangent.transpose(ctx.axes)


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

    @staticmethod
    def jvp(ctx, tangent):
        return np.broadcast_to(tangent, ctx.output_data.shape)
