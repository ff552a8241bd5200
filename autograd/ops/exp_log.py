"""Exponentials and logarithms besides e^x and ln x (elementwise.py): exp2, expm1, log2,
log10, log1p.

Each gives the default float dtype for bool and int inputs (`real`). expm1 and log1p keep
their precision near 0, where e^x - 1 and ln(1 + x) lose it.
"""
import math

import numpy as np

from ..function import Function
from .elementwise import real

LN2 = math.log(2.0)
LN10 = math.log(10.0)


class Exp2(Function):
    """y = 2^x;  dy/dx = 2^x ln 2 = y ln 2."""

    @staticmethod
    def forward(ctx, x):
        y = np.exp2(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * y * LN2

    @staticmethod
    def jvp(ctx, tangent):
        """dy = y ln 2 dx."""
        return tangent * ctx.output_data * LN2


class Expm1(Function):
    """y = e^x - 1;  dy/dx = e^x = y + 1."""

    @staticmethod
    def forward(ctx, x):
        y = np.expm1(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * (y + 1)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = (y + 1) dx."""
        return tangent * (ctx.output_data + 1)


class Log2(Function):
    """y = log2 x = ln x / ln 2;  dy/dx = 1 / (x ln 2)."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.log2(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (x * LN2)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / (x ln 2)."""
        return tangent / (real(ctx.input_arrays[0]) * LN2)


class Log10(Function):
    """y = log10 x = ln x / ln 10;  dy/dx = 1 / (x ln 10)."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.log10(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (x * LN10)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / (x ln 10)."""
        return tangent / (real(ctx.input_arrays[0]) * LN10)


class Log1p(Function):
    """y = ln(1 + x);  dy/dx = 1 / (1 + x), inf at x = -1."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.log1p(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (x + 1)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / (1 + x)."""
        return tangent / (real(ctx.input_arrays[0]) + 1)
