"""Shape checks shared by the ops: errors that name the op and both shapes."""
import numpy as np


def elementwise(op_name, ufunc, a, b):
    """ufunc(a, b) with numpy broadcasting; a shape mismatch names the op and both shapes."""
    try:
        return ufunc(a, b)
    except ValueError:
        raise ValueError(
            f"{op_name}: shapes {np.shape(a)} and {np.shape(b)} cannot be broadcast together"
        ) from None


def normalize_axes(axis, ndim):
    """`axis` (None, int or tuple, negatives allowed) as a sorted tuple of non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    normalized = []
    for a in axes:
        if not -ndim <= a < max(ndim, 1):
            raise ValueError(f"axis {a} is out of range for a tensor with {ndim} dimensions")
        normalized.append(int(a) % max(ndim, 1))
    if len(set(normalized)) != len(normalized):
        raise ValueError(f"repeated axis in {axis}")
    return tuple(sorted(normalized))


def kept_shape(shape, axes):
    """The shape after reducing `axes` with keepdims=True."""
    return tuple(1 if i in axes else n for i, n in enumerate(shape))
