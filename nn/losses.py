"""Loss functions: how far the network's output a^L is from the target y, as a Tensor.

Each takes the output as a Tensor (a numpy array is wrapped) and the target as a numpy
array or a Tensor; a numpy target is cast to the output's dtype.
"""
import numpy as np

from autograd import Tensor
from autograd.ops import SquaredError

REDUCTIONS = ("mean", "sum", "none")


def _as_tensor(value, dtype=None):
    """A Tensor as is; anything else as a constant Tensor (of `dtype` when given)."""
    return value if isinstance(value, Tensor) else Tensor(value, dtype=dtype)


def _same_shape(a, y, operation):
    if a.shape != y.shape:
        raise ValueError(
            f"{operation}: output and target must have the same shape, got output "
            f"{a.shape} and target {y.shape}"
        )


def quadratic_cost(a, y):
    """The seeds' cost C = 1/(2n) sum_x ||y(x) - a^L(x)||^2 over a batch of n rows.

    `a` and `y` have shape (n, n_L), one example per row. Its gradient is
    dC/da^L = (a^L - y) / n, the start of backpropagation.
    """
    a = _as_tensor(a)
    y = _as_tensor(y, a.dtype)
    if a.ndim != 2:
        raise ValueError(
            f"quadratic_cost: expected an output of shape (n, k) with one example per row, "
            f"got shape {a.shape}"
        )
    _same_shape(a, y, "quadratic_cost")
    return SquaredError.apply(a, y, scale=0.5 / a.shape[0])


def mse_loss(a, y, reduction="mean"):
    """The squared error (a - y)^2, elementwise, then reduced as PyTorch's mse_loss:

    "mean": the mean over ALL elements (so it equals quadratic_cost * 2 / k for k outputs);
    "sum": the sum over all elements; "none": the elementwise Tensor.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"mse_loss: reduction must be one of {REDUCTIONS}, got {reduction!r}")
    a = _as_tensor(a)
    y = _as_tensor(y, a.dtype)
    _same_shape(a, y, "mse_loss")
    if reduction == "none":
        residual = a - y
        return residual * residual
    return SquaredError.apply(a, y, scale=1.0 / max(a.size, 1) if reduction == "mean" else 1.0)


def cross_entropy(logits, target):
    """The mean over the batch of -log softmax(logits)[target]: -(1/n) sum_x sum_i t_i log p_i.

    `logits` has shape (n, k) (raw scores, no softmax applied). `target` is either integer
    labels of shape (n,) in 0..k-1 or rows of k probabilities (e.g. one-hot) of shape (n, k).
    The log-probabilities come from the stable log_softmax, so large logits do not overflow.
    Its gradient is dL/dlogits = (softmax(logits) - t) / n.
    """
    logits = _as_tensor(logits)
    if logits.ndim != 2:
        raise ValueError(
            f"cross_entropy: expected logits of shape (n, k), got shape {logits.shape}"
        )
    n, k = logits.shape
    target = _target_rows(target, n, k, logits.dtype)
    return (target * logits.log_softmax(axis=1)).sum() * (-1.0 / n)


def _target_rows(target, n, k, dtype):
    """The target as rows of k probabilities: labels become one-hot rows."""
    values = target.data if isinstance(target, Tensor) else np.asarray(target)
    if values.dtype.kind in "iu":
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
        return np.eye(k, dtype=dtype)[values]
    if values.shape != (n, k):
        raise ValueError(
            f"cross_entropy: a target of probabilities must have the logits' shape "
            f"({n}, {k}), got shape {values.shape}"
        )
    return target if isinstance(target, Tensor) else values.astype(dtype, copy=False)
