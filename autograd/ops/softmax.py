"""softmax and log_softmax along an axis, stable for large inputs.

A 0-d tensor accepts axis 0 and -1 (its softmax is 1), and an empty tensor gives an empty
result, as in PyTorch.
"""
import numpy as np

from ..function import Function
from .elementwise import real
from .shapes import axis_index


def _prepared(ctx, x, axis):
    """x as floats, and the axis for numpy (None for a 0-d tensor); remembers the axis."""
    ctx.axis = axis
    index = axis_index(axis, x.ndim, ctx.name)
    ctx.numpy_axis = index if x.ndim else None
    return real(x)


def _shifted(x, axis):
    """x - max(x) along the axis: same softmax, and exp never overflows."""
    if x.size == 0:
        return x.copy()
    return x - x.max(axis=axis, keepdims=True)


class Softmax(Function):
    """s_i = e^(x_i) / sum_j e^(x_j);  ds_i/dx_j = s_i (delta_ij - s_j).

    So grad_x = s * (grad - sum_j grad_j s_j).
    """

    @property
    def name(self):
        return f"softmax(axis={self.axis})"

    @staticmethod
    def forward(ctx, x, axis=-1):
        x = _prepared(ctx, x, axis)
        e = np.exp(_shifted(x, ctx.numpy_axis))
        s = e / e.sum(axis=ctx.numpy_axis, keepdims=True)
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad):
        (s,) = ctx.saved_tensors
        return s * (grad - (grad * s).sum(axis=ctx.numpy_axis, keepdims=True))

    @staticmethod
    def jvp(ctx, tangent):
        """ds = s (dx - sum_j s_j dx_j)."""
        s = ctx.output_data
        return s * (tangent - (tangent * s).sum(axis=ctx.numpy_axis, keepdims=True))


class LogSoftmax(Function):
    """l_i = x_i - log sum_j e^(x_j);  dl_i/dx_j = delta_ij - softmax(x)_j.

    So grad_x = grad - softmax(x) * sum_i grad_i, with softmax(x) = e^l.
    """

    @property
    def name(self):
        return f"log_softmax(axis={self.axis})"

    @staticmethod
    def forward(ctx, x, axis=-1):
        x = _prepared(ctx, x, axis)
        shifted = _shifted(x, ctx.numpy_axis)
        out = shifted - np.log(np.exp(shifted).sum(axis=ctx.numpy_axis, keepdims=True))
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad - ctx.xp.exp(out) * grad.sum(axis=ctx.numpy_axis, keepdims=True)

    @staticmethod
    def jvp(ctx, tangent):
        """dl = dx - sum_j softmax(x)_j dx_j."""
        softmax = np.exp(ctx.output_data)
        return tangent - (softmax * tangent).sum(axis=ctx.numpy_axis, keepdims=True)
