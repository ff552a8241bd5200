"""Questions about values, and logic: isnan, isinf, isfinite, isposinf, isneginf, isclose,
allclose, equal, logical_and/or/xor/not, and bitwise and/or/xor/not (`&`, `|`, `^`, `~`).

None of them is differentiable: each gives a plain boolean (or, bitwise on integers, integer)
Tensor with requires_grad=False, also for inputs that require grad (as comparisons do), and
allclose and equal give a Python bool.
"""
import numpy as np

from .. import tensor as tensor_module
from ..dtypes import DEFAULT_DTYPE
from .binary_math import operands
from .shapes import elementwise


def _data(value, op_name):
    """A Tensor's array, or anything else as a Tensor would hold it (a TypeError names the op)."""
    if isinstance(value, tensor_module.Tensor):
        return value.data
    try:
        return tensor_module.as_array(value)
    except TypeError as error:
        raise TypeError(f"{op_name}: {error}") from None


def _result(array):
    return tensor_module.Tensor._wrap(np.asarray(array), False, None)


def _common_arrays(a, b, op_name):
    """a and b as numpy arrays of their common dtype (PyTorch's promotion)."""
    a, b = operands(op_name, a, b)
    dtype = next(v.dtype for v in (a, b) if hasattr(v, "dtype"))
    return [np.asarray(getattr(v, "data", v), dtype=dtype) for v in (a, b)]


def isnan(input):
    """True where the value is NaN (never for integers and bools)."""
    return _result(np.isnan(_data(input, "isnan")))


def isinf(input):
    """True where the value is +inf or -inf."""
    return _result(np.isinf(_data(input, "isinf")))


def isposinf(input):
    """True where the value is +inf."""
    return _result(np.isposinf(_data(input, "isposinf")))


def isneginf(input):
    """True where the value is -inf."""
    return _result(np.isneginf(_data(input, "isneginf")))


def isfinite(input):
    """True where the value is neither infinite nor NaN."""
    return _result(np.isfinite(_data(input, "isfinite")))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True where |input - other| <= atol + rtol |other| (broadcast), or where both are equal
    (the same infinity), or both NaN when equal_nan. As PyTorch, the bounds are computed in
    the operands' float dtype (the default float dtype for ints and bools)."""
    for bound_name, bound in (("rtol", rtol), ("atol", atol)):
        if not isinstance(bound, (int, float, np.integer, np.floating)) or not bound >= 0:
            raise ValueError(f"isclose: {bound_name} must be a number >= 0; got {bound!r}")
    a, b = _common_arrays(input, other, "isclose")
    if a.dtype == bool:
        a, b = a.astype(DEFAULT_DTYPE), b.astype(DEFAULT_DTYPE)
    close = elementwise("isclose", np.equal, a, b)
    if equal_nan:
        close = close | (np.isnan(a) & np.isnan(b))
    with np.errstate(invalid="ignore", over="ignore"):  # inf - inf: not close, as wanted
        allowed = atol + np.abs(rtol * (b if b.dtype.kind == "f" else b.astype(DEFAULT_DTYPE)))
        actual = np.abs(a - b).astype(allowed.dtype)
        return _result(close | (np.isfinite(actual) & (actual <= allowed)))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True (a Python bool) when isclose holds for every element."""
    return bool(isclose(input, other, rtol, atol, equal_nan).data.all())


def equal(input, other):
    """True (a Python bool) when both have the same shape and the same values (NaN equals
    nothing; the dtypes may differ)."""
    return bool(np.array_equal(_data(input, "equal"), _data(other, "equal")))


def logical_and(input, other):
    """True where both are true (nonzero; NaN counts as true), broadcast."""
    a, b = _data(input, "logical_and"), _data(other, "logical_and")
    return _result(elementwise("logical_and", np.logical_and, a, b))


def logical_or(input, other):
    """True where either is true (nonzero), broadcast."""
    a, b = _data(input, "logical_or"), _data(other, "logical_or")
    return _result(elementwise("logical_or", np.logical_or, a, b))


def logical_xor(input, other):
    """True where exactly one is true (nonzero), broadcast."""
    a, b = _data(input, "logical_xor"), _data(other, "logical_xor")
    return _result(elementwise("logical_xor", np.logical_xor, a, b))


def logical_not(input):
    """True where the value is false (zero)."""
    return _result(np.logical_not(_data(input, "logical_not")))


def _check_bitwise(array, op_name, logical_name):
    if array.dtype.kind not in "biu":
        raise TypeError(f"{op_name}: expected bool or integer tensors; got dtype {array.dtype} "
                        f"(for truth values of numbers use {logical_name})")


def _bitwise(op_name, logical_name, ufunc, input, other):
    a, b = _common_arrays(input, other, op_name)
    _check_bitwise(a, op_name, logical_name)
    return _result(elementwise(op_name, ufunc, a, b))


def bitwise_and(input, other):
    """Bitwise and of bools or integers (`&`): for bools, logical and."""
    return _bitwise("bitwise_and (&)", "logical_and", np.bitwise_and, input, other)


def bitwise_or(input, other):
    """Bitwise or of bools or integers (`|`)."""
    return _bitwise("bitwise_or (|)", "logical_or", np.bitwise_or, input, other)


def bitwise_xor(input, other):
    """Bitwise exclusive or of bools or integers (`^`)."""
    return _bitwise("bitwise_xor (^)", "logical_xor", np.bitwise_xor, input, other)


def bitwise_not(input):
    """Bitwise not of bools or integers (`~`): for bools, logical not; for integers -x - 1."""
    array = _data(input, "bitwise_not (~)")
    _check_bitwise(array, "bitwise_not (~)", "logical_not")
    return _result(np.invert(array))
