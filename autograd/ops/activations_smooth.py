"""Smooth activations: erf, gelu (exact and tanh form), silu, mish, softplus, logsigmoid.

Forward and backward follow PyTorch's formulas term by term, so they give its answers at
+-inf and NaN too (gelu, silu and mish are NaN at -inf, where x times a 0 meets an infinity).
erf, like PyTorch's, gives float32 for int and bool inputs; the others refuse them.
"""
import math

import numpy as np

from ..array_api import numpy_functions
from ..function import Function
from .activations import check_number, require_float
from .elementwise import real

TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)
SQRT_HALF = math.sqrt(0.5)
NORMAL_PDF_AT_0 = 1 / math.sqrt(2 * math.pi)
SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
GELU_KAPPA = 0.044715


class Erf(Function):
    """y = erf x = 2/sqrt(pi) int_0^x e^(-t^2) dt;  dy/dx = 2/sqrt(pi) e^(-x^2)."""

    @staticmethod
    def forward(ctx, x):
        x = real(x)
        ctx.save_for_backward(x)
        return numpy_functions.erf(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (ctx.xp.exp(-(x * x)) * TWO_OVER_SQRT_PI)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = 2/sqrt(pi) e^(-x^2) dx."""
        x = real(ctx.input_arrays[0])
        return tangent * (np.exp(-(x * x)) * TWO_OVER_SQRT_PI)


class GELU(Function):
    """y = x Phi(x), Phi(x) = (1 + erf(x / sqrt 2)) / 2 the standard normal CDF;
    dy/dx = Phi(x) + x phi(x), phi(x) = e^(-x^2 / 2) / sqrt(2 pi).

    approximate='tanh': y = x (1 + tanh u) / 2, u = sqrt(2/pi) (x + 0.044715 x^3);
    dy/dx = (1 + tanh u) / 2 + x/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 * 0.044715 x^2).
    """

    @property
    def name(self):
        return "gelu" if self.approximate == "none" else "gelu(approximate='tanh')"

    @staticmethod
    def forward(ctx, x, approximate="none"):
        if approximate not in ("none", "tanh"):
            raise ValueError(f"gelu: approximate must be 'none' or 'tanh'; got {approximate!r}")
        require_float(x, "gelu")
        ctx.approximate = approximate
        ctx.save_for_backward(x)
        if approximate == "none":
            return x * 0.5 * (1 + numpy_functions.erf(x * SQRT_HALF))
        return 0.5 * x * (1 + np.tanh(SQRT_2_OVER_PI * (x + GELU_KAPPA * (x * x * x))))

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * gelu_slope(ctx.xp, x, ctx.approximate)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = (Phi(x) + x phi(x)) dx, or the tanh form's slope."""
        return tangent * gelu_slope(numpy_functions, ctx.input_arrays[0], ctx.approximate)


def gelu_slope(xp, x, approximate):
    """dy/dx of gelu (see GELU), with the functions of `xp` (backward's and jvp's)."""
    if approximate == "none":
        cdf = (xp.erf(x * SQRT_HALF) + 1) * 0.5
        pdf = xp.exp(x * x * -0.5) * NORMAL_PDF_AT_0
        return cdf + x * pdf
    squared = x * x
    t = xp.tanh(SQRT_2_OVER_PI * (x + GELU_KAPPA * (squared * x)))
    slope_of_u = SQRT_2_OVER_PI * (1 + 3 * GELU_KAPPA * squared)
    return (1 + t) * 0.5 + x * 0.5 * (1 - t * t) * slope_of_u


class SiLU(Function):
    """y = x sigma(x) = x / (1 + e^-x);  dy/dx = sigma(x) (1 + x (1 - sigma(x)))."""

    @staticmethod
    def forward(ctx, x):
        require_float(x, "silu")
        ctx.save_for_backward(x)
        with np.errstate(over="ignore"):
            return x / (1 + np.exp(-x))

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        s = ctx.xp.sigmoid(x)
        return grad * s * (1 + x * (1 - s))

    @staticmethod
    def jvp(ctx, tangent):
        """dy = sigma(x) (1 + x (1 - sigma(x))) dx."""
        x = ctx.input_arrays[0]
        s = numpy_functions.sigmoid(x)
        return tangent * s * (1 + x * (1 - s))


class Mish(Function):
    """y = x tanh(softplus(x)), softplus(x) = ln(1 + e^x);
    dy/dx = t + x sigma(x) (1 - t^2), t = tanh(softplus(x))."""

    @staticmethod
    def forward(ctx, x):
        require_float(x, "mish")
        ctx.save_for_backward(x)
        return x * np.tanh(softplus_values(x))

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        xp = ctx.xp
        t = xp.tanh(xp.softplus(x))
        return grad * (t + x * xp.sigmoid(x) * (1 - t * t))

    @staticmethod
    def jvp(ctx, tangent):
        """dy = (t + x sigma(x) (1 - t^2)) dx, t = tanh(softplus(x))."""
        x = ctx.input_arrays[0]
        t = np.tanh(numpy_functions.softplus(x))
        return tangent * (t + x * numpy_functions.sigmoid(x) * (1 - t * t))


def softplus_values(x, beta=1.0, threshold=20.0):
    """ln(1 + e^(beta x)) / beta, and x itself where beta x > threshold (PyTorch's softplus)."""
    z = x * beta
    with np.errstate(over="ignore"):
        return np.where(z > threshold, x, np.log1p(np.exp(z)) / beta)


class Softplus(Function):
    """y = ln(1 + e^(beta x)) / beta, and y = x where beta x > threshold (as PyTorch);
    dy/dx = sigma(beta x), and 1 where beta x > threshold.

    The sigmoid is taken of beta x below the threshold and of the constant threshold from it
    on: the same values, but, as PyTorch's, no second derivative at beta x = threshold.
    """

    @property
    def name(self):
        return f"softplus(beta={self.beta:g}, threshold={self.threshold:g})"

    @staticmethod
    def forward(ctx, x, beta=1.0, threshold=20.0):
        require_float(x, "softplus")
        ctx.beta = check_number(beta, "beta", "softplus")
        ctx.threshold = check_number(threshold, "threshold", "softplus")
        z = x * ctx.beta
        ctx.linear = z > ctx.threshold
        ctx.from_threshold = z >= ctx.threshold
        ctx.save_for_backward(x)
        return softplus_values(x, ctx.beta, ctx.threshold)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        xp = ctx.xp
        s = xp.sigmoid(xp.where(ctx.from_threshold, ctx.threshold, x * ctx.beta))
        return xp.where(ctx.linear, grad, grad * s)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = sigma(beta x) dx (sigma of the threshold from it on), and dx where
        beta x > threshold."""
        z = np.where(ctx.from_threshold, ctx.threshold, ctx.input_arrays[0] * ctx.beta)
        return np.where(ctx.linear, tangent, tangent * numpy_functions.sigmoid(z))


class LogSigmoid(Function):
    """y = ln sigma(x) = min(x, 0) - ln(1 + e^-|x|) (never overflows);
    dy/dx = 1 - sigma(x) = sigma(-x).

    Written 1 - sigma(x) for x < 0 and sigma(-x) otherwise (as PyTorch picks its two forms):
    each keeps its digits, and so does its derivative -sigma(x) sigma(-x), taken from the
    sigmoid that is small there.
    """

    @staticmethod
    def forward(ctx, x):
        require_float(x, "logsigmoid")
        ctx.negative = x < 0
        ctx.save_for_backward(x)
        return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        xp = ctx.xp
        return grad * xp.where(ctx.negative, 1 - xp.sigmoid(x), xp.sigmoid(-x))

    @staticmethod
    def jvp(ctx, tangent):
        """dy = (1 - sigma(x)) dx = sigma(-x) dx, in backward's two forms."""
        x = ctx.input_arrays[0]
        sigmoid = numpy_functions.sigmoid
        return tangent * np.where(ctx.negative, 1 - sigmoid(x), sigmoid(-x))
