"""The fused op behind huber_loss and smooth_l1_loss: quadratic near 0, linear beyond.

Composed of where, abs and clamp, some branch would hold an inf or a NaN that a masked
gradient multiplies by 0, or give a NaN difference the wrong curvature; one op keeps
PyTorch's answers there: slope +-delta at +-inf, a NaN slope and curvature 0 at NaN.
"""
import numpy as np

from ..function import Function
from .tangents import tangent_sum


class Huber(Function):
    """h = 0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere, with d = a - y;

    dh/dd = d inside, clamp(d, -delta, delta) elsewhere (+-delta, NaN at NaN), so
    dh/da = dh/dd and dh/dy = -dh/dd; d2h/dd2 = 1 inside, 0 elsewhere (also at NaN).
    """

    @property
    def name(self):
        return f"huber(delta={self.delta:g})"

    @staticmethod
    def forward(ctx, a, y, delta=1.0):
        d = a - y
        ctx.delta = delta
        magnitude = np.abs(d)
        ctx.inside = magnitude < delta
        ctx.edge_slope = np.where(ctx.inside, 0, np.clip(d, -delta, delta))
        ctx.save_for_backward(a, y)
        return np.where(ctx.inside, 0.5 * d * d, delta * (magnitude - 0.5 * delta))

    @staticmethod
    def backward(ctx, grad):
        a, y = ctx.saved_tensors
        need_a, need_y = ctx.needs_input_grad
        slope = grad * ctx.xp.where(ctx.inside, a - y, ctx.edge_slope)
        return (slope if need_a else None), (-slope if need_y else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_y):
        """dh = dh/dd (da - dy)."""
        a, y = ctx.input_arrays
        difference = tangent_sum(tangent_a, None if tangent_y is None else -tangent_y)
        return np.where(ctx.inside, a - y, ctx.edge_slope) * difference
