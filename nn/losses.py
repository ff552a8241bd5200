"""Loss functions: how far the network's output a^L is from the target y, as a Tensor.

Each takes the output as a Tensor (a numpy array is wrapped) and the target as a numpy
array or a Tensor; a numpy target is cast to the output's dtype.
"""
import math

import numpy as np

from autograd import Tensor, ops
from autograd.ops import SquaredError

from .arguments import one_of

REDUCTIONS = ("mean", "sum", "none")


def _as_tensor(value):
    """A Tensor as is; anything else as a constant Tensor."""
    return value if isinstance(value, Tensor) else Tensor(value)


def _output_and_target(a, y):
    """The output as a Tensor and the target in a common dtype with it: a numpy target is
    cast to the output's dtype, a Tensor target follows autograd's promotion (an int target
    next to a float32 output gives float32, as in PyTorch)."""
    a = _as_tensor(a)
    if isinstance(y, Tensor):
        return ops.promoted(a, y)
    return a, np.asarray(y).astype(a.dtype, copy=False)


def _same_shape(a, y, operation):
    if a.shape != y.shape:
        raise ValueError(
            f"{operation}: output and target must have the same shape, got output "
            f"{a.shape} and target {y.shape}"
        )


def quadratic_cost(a, y):
    """The seeds' cost C = 1/(2n) sum_x ||y(x) - a^L(x)||^2 over a batch of n rows.

    `a` and `y` have shape (n, n_L), one example per row. Its gradient is
    dC/da^L = (a^L - y) / n, the start of backpropagation. A batch of no rows gives nan
    (a mean over nothing, as PyTorch's 0.5 * ((a - y)**2).sum() / n).
    """
    a, y = _output_and_target(a, y)
    if a.ndim != 2:
        raise ValueError(
            f"quadratic_cost: expected an output of shape (n, k) with one example per row, "
            f"got shape {a.shape}"
        )
    _same_shape(a, y, "quadratic_cost")
    return SquaredError.apply(a, y, scale=_mean_scale(a.shape[0], 0.5))


def mse_loss(a, y, reduction="mean"):
    """The squared error (a - y)^2, elementwise, then reduced as PyTorch's mse_loss:

    "mean": the mean over ALL elements (so it equals quadratic_cost * 2 / k for k outputs;
    nan for no elements); "sum": the sum over all elements; "none": the elementwise Tensor.
    """
    one_of(reduction, REDUCTIONS, "reduction", "mse_loss")
    a, y = _output_and_target(a, y)
    _same_shape(a, y, "mse_loss")
    if reduction == "none":
        residual = a - y
        return residual * residual
    return SquaredError.apply(a, y, scale=_mean_scale(a.size) if reduction == "mean" else 1.0)


def _mean_scale(count, factor=1.0):
    """factor / count, the weight of each term of a mean over `count` terms; nan for none
    (0 * nan = nan, the mean over nothing)."""
    return factor / count if count else math.nan


def cross_entropy(logits, target):
    """The mean over the batch of n rows of -log softmax(logits)[target], as PyTorch's:

    integer labels c_x:        L = -(1/n) sum_x log p_x[c_x]
    rows of probabilities t_x: L = -(1/n) sum_x sum_i t_x,i log p_x,i

    with p_x = softmax(logits_x). `logits` has shape (n, k) (raw scores, no softmax applied).
    `target` is either integer labels of shape (n,) in 0..k-1 or rows of k probabilities (e.g.
    one-hot) of shape (n, k). The log-probabilities come from the stable log_softmax, so large
    logits do not overflow. A label picks its log-probability (a differentiable gather), so a
    class with logit -inf and probability 0 costs nothing unless it is the label; rows of
    probabilities multiply every log-probability, so there 0 * -inf gives nan, as in PyTorch.
    Its gradient is dL/dlogits = (softmax(logits) - t) / n (t the one-hot row of a label).
    A batch of no rows gives nan (a mean over nothing).
    """
    logits = _as_tensor(logits)
    if logits.ndim != 2:
        raise ValueError(
            f"cross_entropy: expected logits of shape (n, k), got shape {logits.shape}"
        )
    n, k = logits.shape
    log_p = logits.log_softmax(axis=1)
    labels = _labels(target, n, k)
    if labels is not None:
        return -log_p[np.arange(n), labels].mean()
    target = _probability_rows(target, n, k, logits.dtype)
    return -(target * log_p).sum(axis=1).mean()


def _target_values(target):
    """The target's numpy array; integer labels or float probabilities, nothing else."""
    values = target.data if isinstance(target, Tensor) else np.asarray(target)
    if values.dtype.kind not in "iuf":
        raise TypeError(
            f"cross_entropy: target must be integer labels or float probabilities, "
            f"got dtype {values.dtype}"
        )
    return values


def _labels(target, n, k):
    """The integer labels of shape (n,) in 0..k-1, or None for a float target."""
    values = _target_values(target)
    if values.dtype.kind == "f":
        return None
    if values.shape != (n,):
        raise ValueError(
            f"cross_entropy: integer labels must have shape ({n},) for logits of shape "
            f"({n}, {k}), got shape {values.shape}"
        )
    if values.size and (values.min() < 0 or values.max() >= k):
        raise ValueError(
            f"cross_entropy: labels must lie in 0..{k - 1} for {k} classes, "
            f"got values {values.min()}..{values.max()}"
        )
    return values


def _probability_rows(target, n, k, dtype):
    """The float target of shape (n, k): a Tensor as is, a numpy array cast to `dtype`."""
    values = _target_values(target)
    if values.shape != (n, k):
        raise ValueError(
            f"cross_entropy: a target of probabilities must have the logits' shape "
            f"({n}, {k}), got shape {values.shape} (for class labels pass integers, e.g. "
            f"np.array([0, 2]): a Tensor made from a list holds floats)"
        )
    return target if isinstance(target, Tensor) else values.astype(dtype, copy=False)
