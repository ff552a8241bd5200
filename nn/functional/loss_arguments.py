"""What every loss function shares: its arguments checked and its reduction applied.

A loss takes the network's output as a Tensor (a numpy array is wrapped) and the target as a
numpy array or a Tensor; a numpy target is cast to the output's dtype, a Tensor target
follows autograd's promotion (an int target next to a float32 output gives float32).
"""
import math

import numpy as np

from autograd import Tensor, ops

from ..arguments import described, one_of

REDUCTIONS = ("mean", "sum", "none")


def as_tensor(value):
    """A Tensor as is; anything else as a constant Tensor."""
    return value if isinstance(value, Tensor) else Tensor(value)


def checked_reduction(reduction, operation):
    """`reduction`, one of 'mean', 'sum' and 'none'."""
    return one_of(reduction, REDUCTIONS, "reduction", operation)


def output_and_target(a, y, operation):
    """The output as a float Tensor and the target in a common dtype with it, of one shape."""
    a = as_tensor(a)
    if a.dtype.kind != "f":
        raise TypeError(f"{operation}: the input must hold floats, got dtype {a.dtype}")
    if isinstance(y, Tensor):
        a, y = ops.promoted(a, y)
    else:
        y = np.asarray(y).astype(a.dtype, copy=False)
    if a.shape != y.shape:
        raise ValueError(
            f"{operation}: output and target must have the same shape, got output "
            f"{a.shape} and target {y.shape}"
        )
    return a, y


def mean_scale(count, factor=1.0):
    """factor / count, the weight of each term of a mean over `count` terms; nan for none
    (0 * nan = nan, the mean over nothing, as PyTorch)."""
    return factor / count if count else math.nan


def reduced(loss, reduction):
    """The elementwise `loss` as asked: its mean (nan when empty), its sum, or itself."""
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def constant_numbers(value, name, dtype, operation):
    """`value` (an array, a list or a Tensor) as a constant numpy array of `dtype`. Weights
    are not differentiated, as PyTorch's."""
    values = value.data if isinstance(value, Tensor) else np.asarray(value)
    if values.dtype.kind not in "iuf":
        raise TypeError(f"{operation}: {name} must hold numbers, got {described(value)}")
    return values.astype(dtype, copy=False)


def constant_weights(weight, name, shape, dtype, operation):
    """`weight` as constant numbers of `dtype` that broadcast to `shape`; None stays None."""
    if weight is None:
        return None
    values = constant_numbers(weight, name, dtype, operation)
    try:
        fits = np.broadcast_shapes(values.shape, shape) == tuple(shape)
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(
            f"{operation}: {name} of shape {values.shape} does not broadcast to the input's "
            f"shape {tuple(shape)}"
        )
    return values
