"""Reading the arguments of convolution and pooling: per-axis sizes given as one int or a
tuple, the input's rank and dtype, with errors that name the op."""
import numpy as np

from ..tensor import Tensor
from .shape_arguments import is_int


def per_axis(value, dims, name, op_name, low=1):
    """An int or a sequence of `dims` ints, each >= low, as a tuple of `dims` ints."""
    values = tuple(value) if isinstance(value, (tuple, list)) else (value,) * dims
    if not all(is_int(v) for v in values):
        raise TypeError(f"{op_name}: {name} must be an int or a tuple of {dims} ints; "
                        f"got {value!r}")
    if len(values) != dims:
        raise ValueError(f"{op_name}: {name} must be an int or a tuple of {dims} ints; "
                         f"got {value!r}")
    if any(v < low for v in values):
        bound = "positive" if low == 1 else "non-negative"
        raise ValueError(f"{op_name}: {name} must be {bound}; got {value!r}")
    return tuple(int(v) for v in values)


def batched_input(input, dims, op_name):
    """The input as a floating Tensor (N, C, *S) with `dims` spatial axes, and whether it
    came without the batch axis (C, *S), as torch accepts."""
    x = input if isinstance(input, Tensor) else Tensor(input)
    if x.ndim not in (dims + 1, dims + 2):
        raise ValueError(
            f"{op_name}: expected a {dims + 1}-d (unbatched) or {dims + 2}-d (batched) input "
            f"(N, C{', *S' if dims else ''}) with {dims} spatial axes; got shape {x.shape}")
    if x.data.dtype.kind != "f":
        raise TypeError(f"{op_name}: expected a floating-point input; got {x.data.dtype}")
    unbatched = x.ndim == dims + 1
    return (x.unsqueeze(0) if unbatched else x), unbatched


def same_dtype(x, other, what, op_name):
    """TypeError unless `other` (a Tensor or array) has x's dtype (torch mixes none)."""
    dtype = np.asarray(other.data if isinstance(other, Tensor) else other).dtype
    if dtype != x.data.dtype:
        raise TypeError(f"{op_name}: the input ({x.data.dtype}) and the {what} ({dtype}) "
                        f"must have the same dtype")


def check_window_fits(padded_size, extents, op_name, what="kernel size"):
    """ValueError when a window reaches past the padded input, as torch refuses."""
    if any(e > n for n, e in zip(padded_size, extents)):
        raise ValueError(
            f"{op_name}: the padded input size per channel {tuple(padded_size)} is smaller "
            f"than the (dilated) {what} {tuple(extents)}")
