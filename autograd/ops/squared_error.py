"""The fused op behind quadratic and mean-squared-error costs: s * sum((a - y)^2).

One node instead of sub, mul, sum and a scaling (PyTorch fuses mse_loss the same way):
the training loop records and backpropagates four times fewer nodes for its cost.
"""
import numpy as np

from ..function import Function
from .tangents import tangent_sum


class SquaredError(Function):
    """C = scale * sum_i (a_i - y_i)^2 over every element (a and y of one shape);
    dC/da = 2 scale (a - y), dC/dy = -2 scale (a - y).

    With scale = 1/(2n) this is the seeds' quadratic cost C = 1/(2n) sum_x ||y(x) - a(x)||^2.
    """

    @property
    def name(self):
        """squared_error(scale=1/(2n), n=10) when the scale is the seeds' 1/(2n)."""
        n = 1 / (2 * self.scale) if self.scale else 0
        if n >= 1 and abs(n - round(n)) < 1e-6 * n:
            return f"squared_error(scale=1/(2n), n={round(n)})"
        return f"squared_error(scale={self.scale:.4g})"

    @staticmethod
    def forward(ctx, a, y, scale=1.0):
        SquaredError.forward_for_backward(ctx, a, y, scale)
        residual = (a - y).ravel()
        return np.asarray(np.dot(residual, residual) * scale)  # 0-d: not a numpy scalar

    @staticmethod
    def forward_for_backward(ctx, a, y, scale=1.0):
        """What forward keeps for backward, without the cost's value: a step captured by
        `autograd.compile` that never reads the value calls this instead of forward."""
        if a.shape != y.shape:
            raise ValueError(
                f"squared_error: output and target must have the same shape; got "
                f"{np.shape(a)} and {np.shape(y)}"
            )
        ctx.scale = scale
        ctx.save_for_backward(a, y)

    @staticmethod
    def backward(ctx, grad):
        a, y = ctx.saved_tensors
        need_a, need_y = ctx.needs_input_grad
        grad_a = (a - y) * (grad * (2 * ctx.scale))
        return (grad_a if need_a else None), (-grad_a if need_y else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_y):
        """dC = 2 scale sum_i (a_i - y_i)(da_i - dy_i)."""
        a, y = ctx.input_arrays
        difference = tangent_sum(tangent_a, None if tangent_y is None else -tangent_y)
        return 2 * ctx.scale * np.vdot(a - y, difference)
