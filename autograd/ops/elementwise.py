"""Elementwise functions of one tensor: exp, log, sqrt, abs, sigmoid, tanh, relu, clip."""
import functools

import numpy as np

from ..function import Function


class Exp(Function):
    """y = e^x;  dy/dx = e^x = y."""

    @staticmethod
    def forward(ctx, x):
        y = np.exp(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * y


class Log(Function):
    """y = ln x;  dy/dx = 1 / x."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return np.log(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / x


class Sqrt(Function):
    """y = sqrt(x);  dy/dx = 1 / (2 sqrt(x)) = 0.5 / y."""

    @staticmethod
    def forward(ctx, x):
        y = np.sqrt(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * 0.5 / y


class Abs(Function):
    """y = |x|;  dy/dx = sign(x) (0 at x = 0, as PyTorch)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(np.sign(x))
        return np.abs(x)

    @staticmethod
    def backward(ctx, grad):
        (sign,) = ctx.saved_tensors
        return grad * sign


@functools.lru_cache(maxsize=None)
def _half_and_one(dtype):
    """0.5 and 1 as 0-d arrays of `dtype`. numpy combines these with an array of the same
    dtype about twice as fast as it does Python numbers, which shows on small arrays."""
    return np.array(0.5, dtype=dtype), np.array(1, dtype=dtype)


class Sigmoid(Function):
    """a = sigma(z) = 1 / (1 + e^-z);  sigma'(z) = sigma(z) (1 - sigma(z)) = a (1 - a).

    Computed as 1/2 + tanh(z/2)/2, which equals sigma(z) and never overflows. This op is on
    the hot path of the seeds' network, hence the dtype-matched constants.
    """

    @staticmethod
    def forward(ctx, z):
        half, _ = _half_and_one(z.dtype)
        a = half + half * np.tanh(half * z)
        ctx.save_for_backward(a)
        return a

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a * (_half_and_one(a.dtype)[1] - a)


class Tanh(Function):
    """y = tanh x;  dy/dx = 1 - tanh^2 x = 1 - y^2."""

    @staticmethod
    def forward(ctx, x):
        y = np.tanh(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * (1 - y * y)


class ReLU(Function):
    """y = max(x, 0);  dy/dx = 1 where x > 0, else 0."""

    @staticmethod
    def forward(ctx, x):
        positive = x > 0
        ctx.save_for_backward(positive)
        return x * positive

    @staticmethod
    def backward(ctx, grad):
        (positive,) = ctx.saved_tensors
        return grad * positive


class Clip(Function):
    """y = min(max(x, lo), hi);  dy/dx = 1 where lo <= x <= hi, else 0."""

    @property
    def name(self):
        return f"clip({self.lo}, {self.hi})"

    @staticmethod
    def forward(ctx, x, lo=None, hi=None):
        if lo is None and hi is None:
            raise ValueError("clip: give at least one of lo and hi; got neither")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"clip: lo must be <= hi; got lo={lo}, hi={hi}")
        ctx.lo, ctx.hi = lo, hi
        inside = np.ones(x.shape, dtype=bool)
        if lo is not None:
            inside &= x >= lo
        if hi is not None:
            inside &= x <= hi
        ctx.save_for_backward(inside)
        return np.clip(x, lo, hi).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (inside,) = ctx.saved_tensors
        return grad * inside
