"""Hyperbolic functions and their inverses: sinh, cosh, asinh, acosh, atanh (tanh, which the
seeds' networks use as an activation, is in elementwise.py).

Each gives the default float dtype for bool and int inputs (`real`); the backward formulas use
the same operations as PyTorch's, so acosh at 1 and atanh at +-1 give the same infinities.
"""
import numpy as np

from ..array_api import numpy_functions
from ..function import Function
from .elementwise import real


class Sinh(Function):
    """y = sinh x = (e^x - e^-x) / 2;  dy/dx = cosh x."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.sinh(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.cosh(x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = cosh x dx."""
        return tangent * np.cosh(real(ctx.input_arrays[0]))


class Cosh(Function):
    """y = cosh x = (e^x + e^-x) / 2;  dy/dx = sinh x."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.cosh(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.sinh(x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = sinh x dx."""
        return tangent * np.sinh(real(ctx.input_arrays[0]))


class Asinh(Function):
    """y = asinh x (arcsinh) = ln(x + sqrt(x^2 + 1));  dy/dx = 1 / sqrt(x^2 + 1)."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.arcsinh(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.rsqrt(x * x + 1)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / sqrt(x^2 + 1)."""
        x = real(ctx.input_arrays[0])
        return tangent * numpy_functions.rsqrt(x * x + 1)


class Acosh(Function):
    """y = acosh x (arccosh) = ln(x + sqrt(x^2 - 1)), for x >= 1;  dy/dx = 1 / sqrt(x^2 - 1),
    inf at x = 1."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.arccosh(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.rsqrt(x * x - 1)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / sqrt(x^2 - 1)."""
        x = real(ctx.input_arrays[0])
        return tangent * numpy_functions.rsqrt(x * x - 1)


class Atanh(Function):
    """y = atanh x (arctanh) = ln((1 + x) / (1 - x)) / 2, for -1 <= x <= 1;
    dy/dx = 1 / (1 - x^2), inf at x = +-1."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.arctanh(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (1 - x * x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / (1 - x^2)."""
        x = real(ctx.input_arrays[0])
        return tangent / (1 - x * x)
