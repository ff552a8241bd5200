"""Classification losses over C classes: nll_loss on log-probabilities, cross_entropy on raw
scores (logits), with PyTorch's arguments and answers.

With p = softmax(z) along the class axis and class indices c (ignored where c equals
ignore_index), per example (or position) x:

    nll_loss:       l_x = -w[c_x] log_p_x[c_x]           (input log_p given)
    cross_entropy:  l_x = -w[c_x] log softmax(z_x)[c_x]  (= nll_loss of log_softmax(z))
        label smoothing e: (1 - e) l_x + (e / C) sum_i -w[i] log p_x,i
        probabilities t:   l_x = -sum_i w[i] t_x,i log p_x,i  (t mixed to (1 - e) t + e / C)

'mean' divides the sum by the sum of w[c_x] over the examples not ignored (their count
without weights; nan when all are ignored), or for probabilities by the number of examples
(positions); 'sum' sums; 'none' gives l_x, 0 where ignored.
"""
import math

import numpy as np

from autograd import Tensor, ops

from .loss_arguments import as_tensor, checked_reduction, mean_scale
from .loss_targets import (checked_ignore_index, checked_label_smoothing, class_axis,
                           class_indices, class_weights, read_as_indices, target_values)


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """The negative log-likelihood -w[c] log_p[c] of class indices c, given log-probabilities
    (for example from log_softmax) of shape (C,), (N, C) or (N, C, d1, ...)."""
    checked_reduction(reduction, "nll_loss")
    ignore_index = checked_ignore_index(ignore_index, "nll_loss")
    log_p = as_tensor(input)
    axis = class_axis(log_p, "nll_loss")
    read_as_indices(target)
    labels = class_indices(target_values(target, "nll_loss"), log_p.shape, ignore_index,
                           "nll_loss")
    weight = class_weights(weight, log_p.shape[axis], log_p.dtype, "nll_loss")
    likelihood, total = _picked_log_likelihoods(log_p, axis, labels, weight, ignore_index)
    return -_reduced_by_weight(likelihood, total, reduction)


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean",
                  label_smoothing=0.0):
    """The cross-entropy of softmax(input) along the class axis against the target: class
    indices (input's shape without the class axis) or class probabilities (the input's
    shape, floats). The log-probabilities come from the stable log_softmax, so huge logits
    do not overflow; a class with logit -inf costs nothing unless it is the label.
    Its gradient is dL/dz = (softmax(z) - t) / n for one-hot t and no weights."""
    checked_reduction(reduction, "cross_entropy")
    ignore_index = checked_ignore_index(ignore_index, "cross_entropy")
    smoothing = checked_label_smoothing(label_smoothing, "cross_entropy")
    logits = as_tensor(input)
    axis = class_axis(logits, "cross_entropy")
    classes = logits.shape[axis]
    values = target_values(target, "cross_entropy")
    weight = class_weights(weight, classes, logits.dtype, "cross_entropy")
    log_p = logits.log_softmax(dim=axis)
    if values.shape == logits.shape:
        return _probability_loss(log_p, axis, target, values, weight, ignore_index, reduction,
                                 smoothing)
    read_as_indices(target)
    labels = class_indices(values, logits.shape, ignore_index, "cross_entropy")
    likelihood, total = _picked_log_likelihoods(log_p, axis, labels, weight, ignore_index)
    if smoothing:
        spread = log_p if weight is None else log_p * _along(weight, axis, log_p.ndim)
        spread = ops.where(labels != ignore_index, spread.sum(dim=axis), -0.0)
        likelihood = (1 - smoothing) * likelihood + _share(smoothing, classes) * spread
    return -_reduced_by_weight(likelihood, total, reduction)


def _picked_log_likelihoods(log_p, axis, labels, weight, ignore_index):
    """(w[c] log_p[c] per example, -0 where ignored (a loss of 0 once negated); the sum of
    w[c] over the kept ones, or None when that is the number of examples: no weights, none
    ignored)."""
    kept = labels != ignore_index
    safe = np.where(kept, labels, 0)
    if log_p.shape[axis] == 0:  # no classes: every label is ignored; keep the graph's shape
        picked = log_p.sum(dim=axis)
    else:  # log_p[n, c_n, d1, ...] for every position: one gather
        index = list(np.indices(safe.shape, sparse=True))
        index.insert(axis, safe)
        picked = log_p[tuple(index)]
    if weight is None and kept.all():  # the common case, in the fewest nodes
        return picked, None
    counted = kept if weight is None else np.where(kept, weight[safe], 0)
    counted = counted.astype(log_p.dtype)
    return ops.where(kept, picked * counted, -0.0), counted.sum()


def _reduced_by_weight(values, total, reduction):
    """'mean': the sum over the total weight (nan when it is 0, as PyTorch), or the plain
    mean when `total` is None; or as asked."""
    if reduction == "mean":
        return values.mean() if total is None else values.sum() * mean_scale(total)
    return values.sum() if reduction == "sum" else values


def _probability_loss(log_p, axis, target, values, weight, ignore_index, reduction, smoothing):
    """-sum_i w[i] t_i log_p_i per example, from a target of the input's shape."""
    if values.dtype.kind != "f":
        raise TypeError(
            f"cross_entropy: a target of the input's shape {log_p.shape} holds class "
            f"probabilities and must be floats, got dtype {values.dtype}"
        )
    if ignore_index >= 0:
        raise ValueError(
            f"cross_entropy: ignore_index applies to class indices only, not to a target of "
            f"probabilities; got ignore_index={ignore_index}"
        )
    classes = log_p.shape[axis]
    t = target if isinstance(target, Tensor) else values.astype(log_p.dtype, copy=False)
    if smoothing:
        t = t * (1 - smoothing) + _share(smoothing, classes)
    terms = log_p * t
    if weight is not None:
        terms = terms * _along(weight, axis, log_p.ndim)
    if reduction == "none":
        return -terms.sum(dim=axis)
    total = -terms.sum()
    if reduction == "sum":
        return total
    return total * mean_scale(log_p.size // classes if log_p.size else 0)


def _share(smoothing, classes):
    """e / C, each class's share of the smoothing; inf for no classes (as PyTorch's, whose
    losses are then nan)."""
    return smoothing / classes if classes else math.inf


def _along(weight, axis, ndim):
    """The per-class weights shaped to broadcast along the class axis of an ndim input."""
    return weight.reshape((-1,) + (1,) * (ndim - 1 - axis))
