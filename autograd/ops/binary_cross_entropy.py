"""The fused op behind binary_cross_entropy: -(y ln x + (1 - y) ln(1 - x)) elementwise, each
log floored at -100 as PyTorch's.

Composed of log and clamp, the gradient at x = 0 or 1 would be 0 * inf = nan; this op gives
PyTorch's gradient instead, (x - y) / max(x (1 - x), 1e-12), finite everywhere.
"""
import numpy as np

from ..function import Function
from .tangents import tangent_sum

LOG_FLOOR = -100.0
SPREAD_FLOOR = float(np.float32(1e-12))  # PyTorch keeps its epsilon as a float32


class BinaryCrossEntropy(Function):
    """l = (y - 1) max(ln(1 - x), -100) - y max(ln x, -100), for probabilities x in [0, 1];

    dl/dx = (x - y) / max(x (1 - x), 1e-12): the exact (x - y) / (x (1 - x)) unless x is
    within 1e-12 of 0 or 1;
    dl/dy = ln(1 - x) - ln x = -logit(x), not floored (inf at x = 0, as PyTorch).
    """

    @staticmethod
    def forward(ctx, x, y):
        outside = ~((x >= 0) & (x <= 1))
        if outside.any():
            raise ValueError(
                f"binary_cross_entropy: every input must be a probability in [0, 1] (apply "
                f"sigmoid first, or use binary_cross_entropy_with_logits), got "
                f"{x[outside].ravel()[0]!r}"
            )
        ctx.flat = x * (1 - x) < SPREAD_FLOOR
        ctx.save_for_backward(x, y)
        with np.errstate(divide="ignore"):
            log_x = np.maximum(np.log(x), LOG_FLOOR)
            log_rest = np.maximum(np.log1p(-x), LOG_FLOOR)
        return (y - 1) * log_rest - y * log_x

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        need_x, need_y = ctx.needs_input_grad
        xp = ctx.xp
        grad_x = grad_y = None
        if need_x:
            grad_x = grad * (x - y) / xp.where(ctx.flat, SPREAD_FLOOR, x * (1 - x))
        if need_y:
            with np.errstate(divide="ignore"):
                grad_y = grad * (xp.log(1 - x) - xp.log(x))
        return grad_x, grad_y

    @staticmethod
    def jvp(ctx, tangent_x, tangent_y):
        """dl = (x - y) / max(x (1 - x), 1e-12) dx + (ln(1 - x) - ln x) dy."""
        x, y = ctx.input_arrays
        if tangent_x is not None:
            tangent_x = (x - y) / np.where(ctx.flat, SPREAD_FLOOR, x * (1 - x)) * tangent_x
        if tangent_y is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                tangent_y = (np.log(1 - x) - np.log(x)) * tangent_y
        return tangent_sum(tangent_x, tangent_y)
