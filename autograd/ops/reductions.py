"""Reductions over axes: sum, mean, max, min (axis None, an int or a tuple; keepdims)."""
import numpy as np

from ..function import Function
from .shapes import kept_shape, normalize_axes


class _Reduction(Function):
    """Shared option handling: the op's name shows the axes it reduces."""

    @property
    def name(self):
        axis = self.axis_option
        return type(self).__name__.lower() + ("" if axis is None else f"(axis={axis})")

    def remember(self, x, axis, keepdims):
        self.axis_option = axis
        self.axes = normalize_axes(axis, x.ndim)
        self.keepdims = keepdims
        self.input_shape = x.shape

    def spread(self, grad):
        """The output gradient laid back over the input shape (each reduced axis repeated)."""
        if not self.keepdims:
            grad = grad.reshape(kept_shape(self.input_shape, self.axes))
        return self.xp.broadcast_to(grad, self.input_shape)


class Sum(_Reduction):
    """s = sum_i x_i over the axes;  ds/dx_i = 1."""

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.remember(x, axis, keepdims)
        return x.sum(axis=ctx.axes, keepdims=keepdims)

    @staticmethod
    def backward(ctx, grad):
        return ctx.spread(grad)


class Mean(_Reduction):
    """m = (1/N) sum_i x_i over the axes (N elements each);  dm/dx_i = 1/N."""

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.remember(x, axis, keepdims)
        ctx.count = int(np.prod([x.shape[a] for a in ctx.axes]))
        return x.mean(axis=ctx.axes, keepdims=keepdims)

    @staticmethod
    def backward(ctx, grad):
        return ctx.spread(grad) * (1.0 / ctx.count)


class Max(_Reduction):
    """m = max_i x_i over the axes;  dm/dx_i = 1/k for the k elements equal to the max, else 0.

    Ties share the gradient evenly (as PyTorch's amax).
    """

    reduce = staticmethod(np.max)

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.remember(x, axis, keepdims)
        if x.size == 0:
            raise ValueError(f"{ctx.name}: cannot reduce an empty tensor of shape {x.shape}")
        extreme = ctx.reduce(x, axis=ctx.axes, keepdims=True)
        winners = x == extreme
        share = winners / winners.sum(axis=ctx.axes, keepdims=True)
        ctx.save_for_backward(share.astype(x.dtype, copy=False))
        return extreme if keepdims else extreme.reshape(
            [n for i, n in enumerate(x.shape) if i not in ctx.axes]
        )

    @staticmethod
    def backward(ctx, grad):
        (share,) = ctx.saved_tensors
        return ctx.spread(grad) * share


class Min(Max):
    """m = min_i x_i over the axes;  dm/dx_i = 1/k for the k elements equal to the min, else 0."""

    reduce = staticmethod(np.min)
