"""Fixed powers of one tensor: rsqrt (x^-1/2), square (x^2), reciprocal (x^-1).

rsqrt and reciprocal give the default float dtype for bool and int inputs (`real`); square
keeps an integer dtype (and makes bool int64), as PyTorch does.
"""
import numpy as np

from ..array_api import numpy_functions
from ..function import Function
from .elementwise import real


class Rsqrt(Function):
    """y = 1 / sqrt(x);  dy/dx = -1 / (2 x^(3/2)) = -y^3 / 2 (so -inf at x = 0, +inf at
    x = -0, where y = -inf)."""

    @staticmethod
    def forward(ctx, x):
        y = numpy_functions.rsqrt(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return -0.5 * grad * y ** 3

    @staticmethod
    def jvp(ctx, tangent):
        """dy = -y^3 / 2 dx."""
        return -0.5 * tangent * ctx.output_data ** 3


class Square(Function):
    """y = x^2;  dy/dx = 2 x."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return np.square(x.astype(np.int64) if x.dtype == np.bool_ else x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (2 * x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = 2 x dx."""
        return tangent * (2 * ctx.input_arrays[0])


class Reciprocal(Function):
    """y = 1 / x;  dy/dx = -1 / x^2 = -y^2 (so -inf at x = +-0)."""

    @staticmethod
    def forward(ctx, x):
        y = np.reciprocal(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return -grad * (y * y)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = -y^2 dx."""
        y = ctx.output_data
        return -tangent * (y * y)
