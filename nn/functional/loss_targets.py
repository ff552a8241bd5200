"""The arguments of the classification losses (cross_entropy, nll_loss) checked: where the
class axis is, the class indices, the per-class weights, label smoothing.

Shapes are PyTorch's: the input is (C,) for one example, (N, C) for a batch, or
(N, C, d1, d2, ...) for a score per class at every position (a pixel of a segmentation);
class indices drop the class axis: (), (N,) or (N, d1, d2, ...).
"""
import numbers

import numpy as np

from autograd import Tensor
from autograd.modes import note_read

from ..arguments import described, is_int
from .loss_arguments import constant_numbers


def class_axis(input, operation):
    """The class axis of `input`: 0 for an unbatched (C,), else 1."""
    if input.dtype.kind != "f":
        raise TypeError(f"{operation}: the input must hold floats, got dtype {input.dtype}")
    if input.ndim == 0:
        raise ValueError(
            f"{operation}: expected an input of shape (C,), (N, C) or (N, C, d1, ...), got a "
            f"0-d input"
        )
    return 0 if input.ndim == 1 else 1


def index_shape(shape):
    """The shape class indices have for an input of `shape`: the class axis dropped."""
    return () if len(shape) == 1 else shape[:1] + shape[2:]


def target_values(target, operation):
    """The target's numpy array: integers (class indices) or floats (probabilities)."""
    values = target.data if isinstance(target, Tensor) else np.asarray(target)
    if values.dtype.kind not in "iuf":
        raise TypeError(
            f"{operation}: target must be class indices (integers) or class probabilities "
            f"(floats), got dtype {values.dtype}"
        )
    return values


def read_as_indices(target):
    """Tell a step being captured (autograd.compile) that Python reads `target`'s values: the
    loss picks, checks and skips by class index in numpy, which a replay cannot redo, so the
    step runs eagerly, with one warning that says so."""
    note_read(target, "its values as class indices")


def class_indices(values, shape, ignore_index, operation):
    """`values` checked as class indices for an input of `shape`: integers, of the input's
    shape without its class axis, each in 0..C-1 or equal to ignore_index."""
    expected = index_shape(shape)
    if values.dtype.kind == "f":
        raise TypeError(
            f"{operation}: class indices must be integers, got dtype {values.dtype} (a target "
            f"of class probabilities has the input's shape {shape}, got shape {values.shape}; "
            f"a Tensor made from a list holds floats: give np.array([0, 2]) for indices)"
        )
    if values.shape != expected:
        raise ValueError(
            f"{operation}: class indices must have shape {expected} for an input of shape "
            f"{shape}, got shape {values.shape}"
        )
    classes = shape[0 if len(shape) == 1 else 1]
    counted = values[values != ignore_index]
    if counted.size and (counted.min() < 0 or counted.max() >= classes):
        raise ValueError(
            f"{operation}: class indices must lie in 0..{classes - 1} for {classes} classes "
            f"(or equal ignore_index={ignore_index}), got values {counted.min()}..{counted.max()}"
        )
    return values


def checked_ignore_index(ignore_index, operation):
    """`ignore_index` as an int."""
    if not is_int(ignore_index):
        raise TypeError(f"{operation}: ignore_index must be an int, got {described(ignore_index)}")
    return int(ignore_index)


def class_weights(weight, classes, dtype, operation):
    """`weight` as a constant numpy array of C numbers in `dtype`, or None."""
    if weight is None:
        return None
    values = constant_numbers(weight, "weight", dtype, operation)
    if values.shape != (classes,):
        raise ValueError(
            f"{operation}: weight must hold one number per class, shape ({classes},), got "
            f"shape {values.shape}"
        )
    return values


def checked_label_smoothing(label_smoothing, operation):
    """`label_smoothing`, a number in [0, 1]."""
    if not isinstance(label_smoothing, numbers.Real) or isinstance(label_smoothing, bool):
        raise TypeError(
            f"{operation}: label_smoothing must be a number in [0.0, 1.0], got "
            f"{described(label_smoothing)}"
        )
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(
            f"{operation}: label_smoothing must be a number in [0.0, 1.0], got "
            f"{label_smoothing!r}"
        )
    return float(label_smoothing)
