"""Trigonometric functions and their inverses: sin, cos, tan, asin, acos, atan; angles in
degrees and radians: deg2rad, rad2deg.

Each gives the default float dtype for bool and int inputs (`real`). The backward formulas
are written with the same operations as PyTorch's, so that they meet inf, NaN and the ends
of the domains (asin and acos at |x| = 1) the same way, in first and second derivatives.
"""
import math

import numpy as np

from ..array_api import numpy_functions
from ..function import Function
from .elementwise import real


class Sin(Function):
    """y = sin x;  dy/dx = cos x."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.sin(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.cos(x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = cos x dx."""
        return tangent * np.cos(real(ctx.input_arrays[0]))


class Cos(Function):
    """y = cos x;  dy/dx = -sin x."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.cos(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * -ctx.xp.sin(x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = -sin x dx."""
        return tangent * -np.sin(real(ctx.input_arrays[0]))


class Tan(Function):
    """y = tan x;  dy/dx = 1 / cos^2 x = 1 + tan^2 x = 1 + y^2."""

    @staticmethod
    def forward(ctx, x):
        y = np.tan(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * (1 + y * y)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = (1 + y^2) dx."""
        y = ctx.output_data
        return tangent * (1 + y * y)


class Asin(Function):
    """y = asin x (arcsin), for -1 <= x <= 1;  dy/dx = 1 / sqrt(1 - x^2), inf at |x| = 1."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.arcsin(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.rsqrt(1 - x * x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / sqrt(1 - x^2)."""
        x = real(ctx.input_arrays[0])
        return tangent * numpy_functions.rsqrt(1 - x * x)


class Acos(Function):
    """y = acos x (arccos), for -1 <= x <= 1;  dy/dx = -1 / sqrt(1 - x^2), -inf at |x| = 1."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.arccos(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * -ctx.xp.rsqrt(1 - x * x)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = -dx / sqrt(1 - x^2)."""
        x = real(ctx.input_arrays[0])
        return tangent * -numpy_functions.rsqrt(1 - x * x)


class Atan(Function):
    """y = atan x (arctan);  dy/dx = 1 / (1 + x^2), 0 at x = +-inf."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.arctan(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (x * x + 1)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / (1 + x^2)."""
        x = real(ctx.input_arrays[0])
        return tangent / (x * x + 1)


class Deg2rad(Function):
    """y = x pi / 180 (degrees to radians);  dy/dx = pi / 180."""

    @staticmethod
    def forward(ctx, x):
        return real(x) * (math.pi / 180)

    @staticmethod
    def backward(ctx, grad):
        return grad * (math.pi / 180)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx pi / 180."""
        return tangent * (math.pi / 180)


class Rad2deg(Function):
    """y = x 180 / pi (radians to degrees);  dy/dx = 180 / pi."""

    @staticmethod
    def forward(ctx, x):
        return real(x) * (180 / math.pi)

    @staticmethod
    def backward(ctx, grad):
        return grad * (180 / math.pi)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx 180 / pi."""
        return tangent * (180 / math.pi)
