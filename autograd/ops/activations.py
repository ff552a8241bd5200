"""Piecewise activations: leaky_relu, the elu family (elu, celu, selu), hardtanh (relu6),
hardsigmoid, hardswish.

Their derivatives at the kinks, at +-inf and at NaN are PyTorch's (each docstring says which
side a kink takes); gradients are picked with `where`, so an infinite gradient arriving where
the derivative is 0 gives 0, not inf * 0 = NaN. Like PyTorch, they refuse bool and int inputs,
except hardtanh (and relu6), which clamps integers in their own dtype.
"""
import numpy as np

from ..function import Function

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def require_float(x, op_name):
    """TypeError unless the array holds floats (PyTorch has no such kernel for ints or bools)."""
    if x.dtype.kind != "f":
        raise TypeError(
            f"{op_name}: expected a float32 or float64 tensor (as PyTorch); got dtype {x.dtype}"
        )


def check_number(value, option, op_name):
    """The option as a Python float; TypeError unless it is a real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{op_name}: {option} must be a number; got {value!r}")
    return float(value)


class LeakyReLU(Function):
    """y = x for x > 0, else s x (s = negative_slope);  dy/dx = 1 for x > 0, else s (also at
    x = 0 and at NaN, as PyTorch)."""

    @property
    def name(self):
        return f"leaky_relu({self.slope:g})"

    @staticmethod
    def forward(ctx, x, negative_slope=0.01):
        require_float(x, "leaky_relu")
        ctx.slope = check_number(negative_slope, "negative_slope", "leaky_relu")
        ctx.positive = x > 0
        return np.where(ctx.positive, x, x * ctx.slope)

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.where(ctx.positive, grad, grad * ctx.slope)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx for x > 0, else s dx."""
        return np.where(ctx.positive, tangent, tangent * ctx.slope)


def _elu_forward(ctx, x, op_name, alpha, scale=1.0, input_scale=1.0):
    """The forward of elu, celu and selu (see ELU); remembers what backward needs."""
    require_float(x, op_name)
    ctx.alpha = check_number(alpha, "alpha", op_name)
    ctx.scale, ctx.input_scale = scale, input_scale
    ctx.positive = ~(x <= 0)
    ctx.negative = x < 0
    ctx.save_for_backward(x)
    with np.errstate(over="ignore"):
        below = np.expm1(x * input_scale) * (ctx.alpha * scale)
    return np.where(ctx.positive, x * scale, below)


class ELU(Function):
    """y = scale x for x > 0, else scale alpha (e^(input_scale x) - 1);
    dy/dx = scale for x > 0 (and at NaN), else scale alpha input_scale e^(input_scale x)
    (also at x = 0, as PyTorch).

    The exponential is taken of x where x < 0 and of a constant 0 elsewhere: the same values,
    but no second derivative at x = 0 (PyTorch's is 0 there) and no e^inf on the other side.
    """

    @property
    def name(self):
        return f"elu(alpha={self.alpha:g})"

    @staticmethod
    def forward(ctx, x, alpha=1.0):
        return _elu_forward(ctx, x, "elu", alpha)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        xp = ctx.xp
        below = xp.where(ctx.negative, x, 0)
        slope = xp.exp(below * ctx.input_scale) * (ctx.alpha * ctx.scale * ctx.input_scale)
        return xp.where(ctx.positive, grad * ctx.scale, grad * slope)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = scale dx for x > 0, else scale alpha input_scale e^(input_scale x) dx (as
        backward: the exponential of x where x < 0 only)."""
        below = np.where(ctx.negative, ctx.input_arrays[0], 0)
        slope = np.exp(below * ctx.input_scale) * (ctx.alpha * ctx.scale * ctx.input_scale)
        return np.where(ctx.positive, tangent * ctx.scale, tangent * slope)


class CELU(ELU):
    """y = x for x > 0, else alpha (e^(x / alpha) - 1): ELU with input_scale = 1 / alpha;
    dy/dx = 1 for x > 0, else e^(x / alpha)."""

    @property
    def name(self):
        return f"celu(alpha={self.alpha:g})"

    @staticmethod
    def forward(ctx, x, alpha=1.0):
        if check_number(alpha, "alpha", "celu") == 0:
            raise ValueError("celu: alpha cannot be 0 (x is divided by it); got alpha=0")
        return _elu_forward(ctx, x, "celu", alpha, input_scale=1 / alpha)


class SELU(ELU):
    """y = scale x for x > 0, else scale alpha (e^x - 1), with the fixed alpha ~ 1.6733 and
    scale ~ 1.0507 of self-normalizing networks;  dy/dx = scale, else scale alpha e^x."""

    name = "selu"

    @staticmethod
    def forward(ctx, x):
        return _elu_forward(ctx, x, "selu", SELU_ALPHA, scale=SELU_SCALE)


class Hardtanh(Function):
    """y = min_val for x < min_val, max_val for x > max_val, else x;  dy/dx = 1 strictly
    between the bounds (and at NaN), else 0: 0 AT either bound, as PyTorch. relu6 is
    hardtanh(0, 6). Integers keep their dtype (float bounds are truncated, as PyTorch)."""

    @property
    def name(self):
        return f"hardtanh({self.min_val:g}, {self.max_val:g})"

    @staticmethod
    def forward(ctx, x, min_val=-1.0, max_val=1.0):
        if x.dtype == bool:
            raise TypeError("hardtanh: expected a number tensor (as PyTorch); got dtype bool")
        lo = check_number(min_val, "min_val", "hardtanh")
        hi = check_number(max_val, "max_val", "hardtanh")
        if lo > hi:
            raise ValueError(
                f"hardtanh: min_val cannot be greater than max_val; got min_val={min_val}, "
                f"max_val={max_val}")
        if x.dtype.kind != "f":
            lo, hi = int(lo), int(hi)
        ctx.min_val, ctx.max_val = lo, hi
        ctx.outside = (x <= lo) | (x >= hi)
        return np.where(x < lo, lo, np.where(x > hi, hi, x)).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.where(ctx.outside, 0, grad)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx strictly between the bounds, else 0."""
        return np.where(ctx.outside, 0, tangent)


class Hardsigmoid(Function):
    """y = relu6(x + 3) / 6: 0 for x <= -3, 1 for x >= 3, else x / 6 + 1/2;  dy/dx = 1/6
    strictly inside (-3, 3), else 0 (also at NaN, as PyTorch)."""

    @staticmethod
    def forward(ctx, x):
        require_float(x, "hardsigmoid")
        ctx.inside = (x > -3) & (x < 3)
        return np.minimum(np.maximum(x + 3, 0), 6) / 6

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.where(ctx.inside, grad / 6, 0)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx / 6 strictly inside (-3, 3), else 0."""
        return np.where(ctx.inside, tangent / 6, 0)


class Hardswish(Function):
    """y = x relu6(x + 3) / 6;  dy/dx = 0 for x <= -3, x / 3 + 1/2 for -3 < x < 3, and 1 for
    x >= 3 (and at NaN), as PyTorch.

    The middle piece multiplies grad and x only where -3 < x < 3 (0 and 0 elsewhere): an
    infinite grad or x outside never meets the 0 of a `where` in the second derivative.
    """

    @staticmethod
    def forward(ctx, x):
        require_float(x, "hardswish")
        ctx.high = ~(x < 3)
        ctx.middle = (x > -3) & (x < 3)
        ctx.save_for_backward(x)
        return x * np.minimum(np.maximum(x + 3, 0), 6) / 6

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        where = ctx.xp.where
        middle = where(ctx.middle, grad, 0) * (where(ctx.middle, x, 0) / 3 + 0.5)
        return where(ctx.high, grad, middle)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = 0 for x <= -3, (x / 3 + 1/2) dx inside, dx for x >= 3 (the same pieces as
        backward's, so an infinite dx outside the middle gives no NaN)."""
        x = ctx.input_arrays[0]
        middle = np.where(ctx.middle, tangent, 0) * (np.where(ctx.middle, x, 0) / 3 + 0.5)
        return np.where(ctx.high, tangent, middle)
