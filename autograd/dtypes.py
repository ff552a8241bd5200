"""Which dtype a result has: PyTorch's promotion rules, written down once.

Training must never leave float32 by accident, so mixed operands follow PyTorch, not numpy:

- Operands are ranked: tensors and arrays with at least one dimension first, then 0-d tensors
  and arrays, then plain numbers (Python's or numpy's scalars). Within a rank the higher kind
  wins (bool < integers < floats: int32 with float32 is float32), and within a kind the wider
  (float32 with float64 is float64).
- A lower rank changes the result only when it is of a higher kind (bool < int < float): then
  the result is the lower rank's float (or int) type. So a float32 tensor stays float32 next to
  a Python number, a numpy float64 scalar or a 0-d float64 array, and an int tensor combined
  with a float gives a float.
- A plain float number counts as the default dtype, float32; a plain int as int64.
- True division (`/`) of integers and functions that only make sense on reals (exp, log,
  sigmoid, softmax, mean, ...) give the default float dtype for bool and int inputs.
- Complex, string and object data are refused with a TypeError.
"""
import numpy as np

DEFAULT_DTYPE = np.dtype(np.float32)
_KIND_ORDER = {"b": 0, "u": 1, "i": 1, "f": 2}
_NUMBER_DTYPES = {bool: np.dtype(np.bool_), int: np.dtype(np.int64), float: DEFAULT_DTYPE}


def check_numeric(dtype, what):
    """TypeError unless `dtype` is bool, integer or real floating point."""
    if np.dtype(dtype).kind not in _KIND_ORDER:
        raise TypeError(
            f"{what} must be numeric (bool, int or float); got dtype {np.dtype(dtype)}"
        )


def number_dtype(value):
    """The dtype a plain number (Python or numpy scalar) counts as."""
    if isinstance(value, np.generic):
        check_numeric(value.dtype, "a number operand")
        value = value.item()
    for kind in (bool, int, float):  # bool first: True is an int too
        if isinstance(value, kind):
            return _NUMBER_DTYPES[kind]
    raise TypeError(f"expected a number, a numpy array or a Tensor; got {type(value).__name__}")


def promote_types(a, b):
    """The common dtype of two dtypes, as PyTorch: of two kinds the higher kind's dtype (int32
    with float32 is float32; numpy would say float64), of one kind the wider."""
    if a is None or b is None:
        return b if a is None else a
    kind_a, kind_b = _KIND_ORDER[a.kind], _KIND_ORDER[b.kind]
    if kind_a != kind_b:
        return a if kind_a > kind_b else b
    return np.promote_types(a, b)


def _combine(higher, lower):
    """A higher rank's dtype, changed by a lower rank only if that is of a higher kind."""
    if higher is None:
        return lower
    if lower is None or _KIND_ORDER[lower.kind] <= _KIND_ORDER[higher.kind]:
        return higher
    return promote_types(higher, lower)


def result_dtype(arrays, numbers=(), true_divide=False):
    """The dtype of an elementwise op on `arrays` (numpy arrays, ranked by ndim) and plain
    `numbers`."""
    ranks = [None, None, None]  # with dimensions, 0-d, numbers
    for array in arrays:
        rank = 0 if array.ndim else 1
        ranks[rank] = promote_types(ranks[rank], array.dtype)
    for value in numbers:
        ranks[2] = promote_types(ranks[2], number_dtype(value))
    result = _combine(ranks[0], _combine(ranks[1], ranks[2]))
    if true_divide and result.kind != "f":
        return DEFAULT_DTYPE
    return result
