"""Division with whole quotients and its remainders: floor_divide (`//`), trunc division,
remainder (`%`, Python's and PyTorch's sign: the divisor's) and fmod (C's: the dividend's).

Operands arrive in their common dtype (`promoted`). Integer operands give integer results and
refuse a divisor of 0 (RuntimeError, as PyTorch); bool operands are refused. The quotients are
flat between whole numbers: their derivative is 0, sent as zeros (as torch.div with a
rounding_mode; torch's own floor_divide has no derivative and raises in backward).
"""
import numpy as np

from ..array_api import numpy_functions
from ..function import Function
from .arithmetic import Div
from .binary_math import operands
from .rounding import PiecewiseConstant
from .shapes import elementwise
from .tangents import tangent_sum


def _check_operands(a, b, op_name):
    """TypeError for bool operands, RuntimeError for an integer divisor holding a 0."""
    kind = np.result_type(a, b).kind
    if kind == "b":
        raise TypeError(f"{op_name}: expected numeric tensors; got bool operands (convert them "
                        f"to numbers first)")
    if kind in "iu" and np.any(np.equal(b, 0)):
        raise RuntimeError(f"{op_name}: integer division by zero (the divisor holds a 0)")
    return kind == "f"


def trunc_quotient(a, b, floats):
    """a / b rounded toward 0: trunc(a / b) for floats, exact for integers."""
    if floats:
        return numpy_functions.trunc_divide(a, b)
    floor = np.floor_divide(a, b)
    return floor + ((floor < 0) & (floor * b != a))


class FloorDivide(PiecewiseConstant):
    """q = floor(a / b) (numpy's floor_divide is PyTorch's and Python's `//`, also at zeros of
    either sign, infinities and NaN);  dq/da = dq/db = 0 (zeros)."""

    @property
    def name(self):
        return "floor_divide"

    @staticmethod
    def forward(ctx, a, b):
        _check_operands(a, b, "floor_divide")
        return elementwise("floor_divide", np.floor_divide, a, b)


class TruncDivide(PiecewiseConstant):
    """q = trunc(a / b), the quotient rounded toward 0;  dq/da = dq/db = 0 (zeros)."""

    @property
    def name(self):
        return "div(rounding_mode='trunc')"

    @staticmethod
    def forward(ctx, a, b):
        floats = _check_operands(a, b, ctx.name)
        return elementwise(ctx.name, lambda a, b: trunc_quotient(a, b, floats), a, b)


class Remainder(Function):
    """r = a - b floor(a / b), with the sign of b (Python's `%`);  dr/da = 1,
    dr/db = -floor(a / b).

    For floats it is computed as C's fmod(a, b) (exact), moved by b where it is not 0 and its
    sign differs from b's, as PyTorch: so -0. % 3 is -0. and 5 % -inf is -inf. The quotient
    in dr/db is recorded under create_graph (a `//` whose derivative is zeros), as in
    PyTorch, so that its second derivative meets a NaN quotient as PyTorch's does.
    """

    @staticmethod
    def forward(ctx, a, b):
        floats = _check_operands(a, b, "remainder")
        if ctx.needs_input_grad[1]:
            ctx.save_for_backward(a, b)
        if not floats:
            return elementwise("remainder", np.remainder, a, b)
        mod = elementwise("remainder", np.fmod, a, b)
        return np.where((mod != 0) & ((b < 0) != (mod < 0)), mod + b, mod)

    @staticmethod
    def backward(ctx, grad):
        need_a, need_b = ctx.needs_input_grad
        if not need_b:
            return grad, None
        a, b = ctx.saved_tensors
        return (grad if need_a else None), -grad * (a // b)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dr = da - floor(a / b) db."""
        a, b = ctx.input_arrays
        return tangent_sum(tangent_a,
                           None if tangent_b is None else -tangent_b * np.floor_divide(a, b))


class Fmod(Function):
    """r = a - b trunc(a / b), with the sign of a (C's fmod);  dr/da = 1,
    dr/db = -trunc(a / b) (recorded under create_graph, as remainder's quotient)."""

    @staticmethod
    def forward(ctx, a, b):
        _check_operands(a, b, "fmod")
        if ctx.needs_input_grad[1]:
            ctx.save_for_backward(a, b)
        return elementwise("fmod", np.fmod, a, b)

    @staticmethod
    def backward(ctx, grad):
        need_a, need_b = ctx.needs_input_grad
        if not need_b:
            return grad, None
        a, b = ctx.saved_tensors
        return (grad if need_a else None), -grad * ctx.xp.trunc_divide(a, b)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dr = da - trunc(a / b) db."""
        a, b = ctx.input_arrays
        return tangent_sum(
            tangent_a,
            None if tangent_b is None else -tangent_b * numpy_functions.trunc_divide(a, b))


def floor_divide(input, other):
    """floor(input / other), elementwise (`//`): integers for integers."""
    return FloorDivide.apply(*operands("floor_divide", input, other))


def remainder(input, other):
    """input - other * floor(input / other), with the sign of other (`%`)."""
    return Remainder.apply(*operands("remainder", input, other))


def fmod(input, other):
    """input - other * trunc(input / other), with the sign of input (C's fmod)."""
    return Fmod.apply(*operands("fmod", input, other))


def div(input, other, *, rounding_mode=None):
    """input / other (true division, floats), or with rounding_mode 'trunc' or 'floor' the
    quotient rounded toward 0 or down (integers for integers), as torch.div."""
    if rounding_mode is None:
        return Div.apply(*operands("div", input, other, real=True))
    if rounding_mode == "trunc":
        return TruncDivide.apply(*operands("div", input, other))
    if rounding_mode == "floor":
        return floor_divide(input, other)
    raise ValueError(f"div: rounding_mode must be None, 'trunc' or 'floor'; got {rounding_mode!r}")


divide = div  # PyTorch's other name
mod = remainder  # numpy's other name
