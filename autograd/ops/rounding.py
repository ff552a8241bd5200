"""Rounding to whole numbers: floor, ceil, trunc, round (half to even, `decimals`), and frac.

floor, ceil, trunc and round are flat between the whole numbers: their derivative is 0
everywhere, sent as zeros (as PyTorch), so a leaf reached only through them gets a zero
gradient, not None. Integer tensors are whole already: these four keep their dtype (a copy);
bool tensors are refused, as PyTorch refuses them. frac needs floats.
"""
import numpy as np

from ..function import Function
from .binary_math import operands


def _check_not_bool(x, op_name):
    if x.dtype == bool:
        raise TypeError(f"{op_name}: expected a numeric tensor; got a bool tensor (convert it "
                        f"to numbers first)")


def _check_float(x, op_name):
    if x.dtype.kind != "f":
        raise TypeError(f"{op_name}: expected a float tensor; got dtype {x.dtype}")


class PiecewiseConstant(Function):
    """An op whose result is a step function of its inputs (rounding, floor division): every
    derivative is 0, sent as zeros, as PyTorch does, and its tangent is 0."""

    @staticmethod
    def backward(ctx, grad):
        return (ctx.xp.zeros_like(grad),) * len(ctx.inputs)

    @staticmethod
    def jvp(ctx, *tangents):
        return np.zeros_like(ctx.output_data)


class _Rounding(PiecewiseConstant):
    """Shared by floor, ceil and trunc: ints pass unchanged; dy/dx = 0 (zeros)."""

    rounding = None  # the numpy function of the subclass

    @staticmethod
    def forward(ctx, x):
        _check_not_bool(x, ctx.name)
        return x.copy() if x.dtype.kind in "iu" else ctx.rounding(x)


class Floor(_Rounding):
    """y = floor x, the largest whole number <= x;  dy/dx = 0."""

    rounding = staticmethod(np.floor)


class Ceil(_Rounding):
    """y = ceil x, the smallest whole number >= x;  dy/dx = 0."""

    rounding = staticmethod(np.ceil)


class Trunc(_Rounding):
    """y = trunc x, x with its fractional part dropped (toward 0);  dy/dx = 0."""

    rounding = staticmethod(np.trunc)


class Round(PiecewiseConstant):
    """y = x rounded to `decimals` decimal places, halves to the even neighbour (2.5 -> 2);
    dy/dx = 0. With decimals = d != 0: rint(x * 10^d) / 10^d, or rint(x / 10^-d) * 10^-d for
    d < 0, with 10^|d| computed in float64, then put in x's dtype (as PyTorch does)."""

    @property
    def name(self):
        return "round" if self.decimals == 0 else f"round(decimals={self.decimals})"

    @staticmethod
    def forward(ctx, x, decimals=0):
        if not isinstance(decimals, (int, np.integer)) or isinstance(decimals, (bool, np.bool_)):
            raise TypeError(f"round: decimals must be an int; got {decimals!r}")
        ctx.decimals = int(decimals)
        _check_not_bool(x, ctx.name)
        if x.dtype.kind in "iu":
            if ctx.decimals != 0:
                raise TypeError(f"{ctx.name}: expected a float tensor for decimals != 0; "
                                f"got dtype {x.dtype}")
            return x.copy()
        if ctx.decimals == 0:
            return np.rint(x)
        with np.errstate(over="ignore"):  # 10^400 is inf, as in PyTorch
            scale = x.dtype.type(np.power(10.0, abs(ctx.decimals)))
        if ctx.decimals > 0:
            return np.rint(x * scale) / scale
        return np.rint(x / scale) * scale


class Frac(Function):
    """y = x - trunc x, the fractional part with x's sign (NaN at +-inf);  dy/dx = 1."""

    @staticmethod
    def forward(ctx, x):
        _check_float(x, "frac")
        return x - np.trunc(x)

    @staticmethod
    def backward(ctx, grad):
        return grad

    @staticmethod
    def jvp(ctx, tangent):
        return tangent


def floor(input):
    """The largest whole number <= each element."""
    return Floor.apply(*operands("floor", input))


def ceil(input):
    """The smallest whole number >= each element."""
    return Ceil.apply(*operands("ceil", input))


def trunc(input):
    """Each element rounded toward 0."""
    return Trunc.apply(*operands("trunc", input))


def round(input, *, decimals=0):
    """Each element rounded to `decimals` places, halves to even (PyTorch's and numpy's)."""
    return Round.apply(*operands("round", input), decimals=decimals)


def frac(input):
    """The fractional part of each element, x - trunc x."""
    return Frac.apply(*operands("frac", input))


fix = trunc  # numpy's (and PyTorch's) other name
