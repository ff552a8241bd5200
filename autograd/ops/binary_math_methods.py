"""Tensor methods of rounding, two-tensor math (maximum, atan2, lerp, ...), predicates and logic.

Each method calls the module-level function of the same name (ops in rounding.py, division.py,
binary_math.py; predicates and logic in predicates.py), which `autograd` exports too: so
`t.maximum(u)` is `autograd.maximum(t, u)`. Also Python's protocol: `%`, `//`, `divmod`,
`round`, `abs`, and `&`, `|`, `^`, `~` (bool and integer tensors).
"""
from .binary_math import arctan2, atan2, hypot, lerp, logaddexp, maximum, minimum
from .division import div, divide, fmod, floor_divide, mod, remainder
from .predicates import (allclose, bitwise_and, bitwise_not, bitwise_or, bitwise_xor, equal,
                         isclose, isfinite, isinf, isnan, isneginf, isposinf, logical_and,
                         logical_not, logical_or, logical_xor)
from .rounding import ceil, fix, floor, frac, round, trunc

__all__ = [
    "allclose", "arctan2", "atan2", "bitwise_and", "bitwise_not", "bitwise_or", "bitwise_xor",
    "ceil", "div", "divide", "equal", "fix", "floor", "floor_divide", "fmod", "frac", "hypot",
    "isclose", "isfinite", "isinf", "isnan", "isneginf", "isposinf", "lerp", "logaddexp",
    "logical_and", "logical_not", "logical_or", "logical_xor", "maximum", "minimum", "mod",
    "remainder", "round", "trunc",
]


class BinaryMathMethods:
    __slots__ = ()

    # -- rounding (rounding.py) ------------------------------------------------------------

    def floor(self):
        return floor(self)

    def ceil(self):
        return ceil(self)

    def trunc(self):
        return trunc(self)

    def fix(self):
        return trunc(self)

    def round(self, *, decimals=0):
        return round(self, decimals=decimals)

    def __round__(self, ndigits=None):
        """round(t) and round(t, n): a Tensor (as numpy's arrays give an array)."""
        return round(self, decimals=0 if ndigits is None else ndigits)

    def frac(self):
        return frac(self)

    def __abs__(self):
        return self.abs()

    # -- division with whole quotients (division.py) ----------------------------------------

    def floor_divide(self, other):
        return floor_divide(self, other)

    def __floordiv__(self, other):
        return floor_divide(self, other)

    def __rfloordiv__(self, other):
        return floor_divide(other, self)

    def remainder(self, other):
        return remainder(self, other)

    def __mod__(self, other):
        return remainder(self, other)

    def __rmod__(self, other):
        return remainder(other, self)

    def __divmod__(self, other):
        return floor_divide(self, other), remainder(self, other)

    def __rdivmod__(self, other):
        return floor_divide(other, self), remainder(other, self)

    def fmod(self, other):
        return fmod(self, other)

    def div(self, other, *, rounding_mode=None):
        return div(self, other, rounding_mode=rounding_mode)

    def divide(self, other, *, rounding_mode=None):
        return div(self, other, rounding_mode=rounding_mode)

    # -- two tensors (binary_math.py) ------------------------------------------------------

    def maximum(self, other):
        return maximum(self, other)

    def minimum(self, other):
        return minimum(self, other)

    def atan2(self, other):
        return atan2(self, other)

    def arctan2(self, other):
        return atan2(self, other)

    def lerp(self, end, weight):
        return lerp(self, end, weight)

    def logaddexp(self, other):
        return logaddexp(self, other)

    def hypot(self, other):
        return hypot(self, other)

    # -- predicates and logic (predicates.py): boolean results, never differentiated --------

    def isnan(self):
        return isnan(self)

    def isinf(self):
        return isinf(self)

    def isposinf(self):
        return isposinf(self)

    def isneginf(self):
        return isneginf(self)

    def isfinite(self):
        return isfinite(self)

    def isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        return isclose(self, other, rtol, atol, equal_nan)

    def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        return allclose(self, other, rtol, atol, equal_nan)

    def equal(self, other):
        return equal(self, other)

    def logical_and(self, other):
        return logical_and(self, other)

    def logical_or(self, other):
        return logical_or(self, other)

    def logical_xor(self, other):
        return logical_xor(self, other)

    def logical_not(self):
        return logical_not(self)

    def bitwise_and(self, other):
        return bitwise_and(self, other)

    def __and__(self, other):
        return bitwise_and(self, other)

    def __rand__(self, other):
        return bitwise_and(other, self)

    def bitwise_or(self, other):
        return bitwise_or(self, other)

    def __or__(self, other):
        return bitwise_or(self, other)

    def __ror__(self, other):
        return bitwise_or(other, self)

    def bitwise_xor(self, other):
        return bitwise_xor(self, other)

    def __xor__(self, other):
        return bitwise_xor(self, other)

    def __rxor__(self, other):
        return bitwise_xor(other, self)

    def bitwise_not(self):
        return bitwise_not(self)

    def __invert__(self):
        return bitwise_not(self)
