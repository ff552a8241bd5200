"""Elementwise functions of one tensor: exp, log, sqrt, abs, sign, sigmoid, tanh, relu, clip.

The real-valued ones (exp, log, sqrt, sigmoid, tanh) give the default float dtype for bool
and int inputs (`real`), as PyTorch does.
"""
import functools

import numpy as np

from ..array_api import numpy_functions
from ..dtypes import DEFAULT_DTYPE
from ..function import Function


def real(x):
    """x itself when it holds floats, else x as the default float dtype."""
    return x if x.dtype.kind == "f" else x.astype(DEFAULT_DTYPE)


class Exp(Function):
    """y = e^x;  dy/dx = e^x = y."""

    @staticmethod
    def forward(ctx, x):
        y = np.exp(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * y

    @staticmethod
    def jvp(ctx, tangent):
        return tangent * ctx.output_data


class Log(Function):
    """y = ln x;  dy/dx = 1 / x."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return np.log(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / x

    @staticmethod
    def jvp(ctx, tangent):
        return tangent / real(ctx.input_arrays[0])


class Sqrt(Function):
    """y = sqrt(x);  dy/dx = 1 / (2 sqrt(x)) = 1 / (2 y)."""

    @staticmethod
    def forward(ctx, x):
        y = np.sqrt(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad / (y * 2)

    @staticmethod
    def jvp(ctx, tangent):
        return tangent / (ctx.output_data * 2)


class Abs(Function):
    """y = |x|;  dy/dx = sign(x), which is 0 at x = 0 and (as PyTorch's) at NaN."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return np.abs(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.xp.sign(x)

    @staticmethod
    def jvp(ctx, tangent):
        return tangent * numpy_functions.sign(ctx.input_arrays[0])


class Sign(Function):
    """y = sign(x): -1, 0 or 1 (0 also at NaN, as PyTorch);  dy/dx = 0, sent as nothing
    (None), so no 0 meets an inf or NaN further down; autograd.grad still answers 0 for x."""

    @staticmethod
    def forward(ctx, x):
        return numpy_functions.sign(x)

    @staticmethod
    def backward(ctx, grad):
        return None

    @staticmethod
    def jvp(ctx, tangent):
        return np.zeros_like(ctx.output_data)


class ZerosLike(Function):
    """y = 0 in the shape of x;  dy/dx = 0, sent as nothing (as Sign). A backward formula's
    zero that still depends on x, so that x's second derivative is 0, not a missing input."""

    @staticmethod
    def forward(ctx, x):
        return np.zeros_like(x)

    @staticmethod
    def backward(ctx, grad):
        return None

    @staticmethod
    def jvp(ctx, tangent):
        return np.zeros_like(ctx.output_data)


@functools.lru_cache(maxsize=None)
def _sigmoid_constants(dtype):
    """0 and 1 as 0-d arrays of `dtype` (numpy combines these with an array of the same dtype
    about twice as fast as it does Python numbers, which shows on small arrays), and the
    lowest z for which e^-z is certainly finite in `dtype`."""
    return (np.array(0, dtype=dtype), np.array(1, dtype=dtype),
            float(1 - np.log(np.finfo(dtype).max)))


def sigmoid_values(z):
    """sigma(z) of a float array, as the Sigmoid op computes it (also `numpy_functions.sigmoid`).

    Where e^-z is finite everywhere (the usual case), 1 / (1 + e^-z) in one new array, each
    step in place (the same arithmetic as the seeds' floor, nn.reference.sigmoid)."""
    zero, one, lowest = _sigmoid_constants(z.dtype)
    if z.size and not np.minimum.reduce(z, axis=None) >= lowest:  # (NaN: the safe form too)
        return np.exp(np.minimum(z, zero)) / (one + np.exp(-np.abs(z)))
    a = np.negative(z, out=np.empty(z.shape, z.dtype))  # (an array also for 0-d z)
    np.exp(a, out=a)
    np.add(a, one, out=a)
    return np.reciprocal(a, out=a)


class Sigmoid(Function):
    """a = sigma(z) = 1 / (1 + e^-z);  sigma'(z) = sigma(z) (1 - sigma(z)) = a (1 - a).

    1 / (1 + e^-z) is accurate to an ulp or two wherever e^-z is finite. Where it would
    overflow (z below about -88 in float32, -709 in float64) the op uses e^min(z, 0) /
    (1 + e^-|z|) instead: for z < 0 that is e^z / (1 + e^z), which keeps the tiny value that
    PyTorch rounds to 0. (1/2 + tanh(z/2)/2 also never overflows, but loses all precision for
    negative z.) This op is on the hot path of the seeds' network, hence the constants.
    """

    @staticmethod
    def forward(ctx, z):
        a = sigmoid_values(real(z))
        ctx.save_for_backward(a)
        return a

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a * (_sigmoid_constants(a.dtype)[1] - a)

    @staticmethod
    def jvp(ctx, tangent):
        a = ctx.output_data
        return tangent * a * (1 - a)


class Tanh(Function):
    """y = tanh x;  dy/dx = 1 - tanh^2 x = 1 - y^2."""

    @staticmethod
    def forward(ctx, x):
        y = np.tanh(real(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * (1 - y * y)

    @staticmethod
    def jvp(ctx, tangent):
        y = ctx.output_data
        return tangent * (1 - y * y)


class ReLU(Function):
    """y = max(x, 0): 0 for x < 0, x itself otherwise (so -0 and NaN pass, as in PyTorch);
    dy/dx = 0 where x <= 0, else 1 (also at NaN, as PyTorch). Chosen with `where`: an infinite
    gradient arriving at x <= 0 gives 0, not inf * 0 = NaN."""

    @staticmethod
    def forward(ctx, x):
        ctx.passes = ~(x <= 0)
        y = np.where(x < 0, 0, x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return ctx.xp.where(ctx.passes, grad, ctx.xp.zeros_like(y))

    @staticmethod
    def jvp(ctx, tangent):
        return np.where(ctx.passes, tangent, 0)


class Clip(Function):
    """y = min(max(x, lo), hi);  dy/dx = 1 where lo <= x <= hi, else 0 (chosen with `where`)."""

    @property
    def name(self):
        return f"clip({self.lo}, {self.hi})"

    @staticmethod
    def forward(ctx, x, lo=None, hi=None):
        if lo is None and hi is None:
            raise ValueError("clip: give at least one of lo and hi; got neither")
        for bound, value in (("lo", lo), ("hi", hi)):
            if value is not None and not isinstance(value, (int, float, np.integer, np.floating)):
                raise TypeError(f"clip: {bound} must be a number or None; got {value!r}")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"clip: lo must be <= hi; got lo={lo}, hi={hi}")
        ctx.lo, ctx.hi = lo, hi
        inside = np.ones(x.shape, dtype=bool)
        if lo is not None:
            inside &= x >= lo
        if hi is not None:
            inside &= x <= hi
        ctx.inside = inside
        y = x  # chosen with `where`, as torch: x itself unless beyond a bound (so -0 stays -0
        if lo is not None:  # and a NaN x stays NaN); a NaN bound makes every value NaN
            y = np.where((y < lo) | (lo != lo), lo, y)
        if hi is not None:
            y = np.where((y > hi) | (hi != hi), hi, y)
        return y.astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.where(ctx.inside, grad, 0)

    @staticmethod
    def jvp(ctx, tangent):
        return np.where(ctx.inside, tangent, 0)
