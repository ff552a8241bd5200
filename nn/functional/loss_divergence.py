"""kl_div: the Kullback-Leibler divergence of a target distribution t from the input's,
given as log-probabilities (as PyTorch's, the input is log q, not q):

    l = t (ln t - log_q)           elementwise (0 where t = 0, as t ln t -> 0)
    l = e^t (t - log_q)            with log_target=True (the target given as ln t too)

then reduced: 'batchmean' (the sum over the batch size, the true KL divergence per example),
'sum', 'mean' over every element, or 'none'.
"""
import warnings

import numpy as np

from autograd import ops

from ..arguments import flag, one_of
from .loss_arguments import as_tensor, mean_scale, output_and_target, reduced

KL_REDUCTIONS = ("mean", "batchmean", "sum", "none")


def kl_div(input, target, reduction="mean", log_target=False):
    """sum_i t_i (ln t_i - log_q_i), elementwise then reduced; see the module docstring."""
    one_of(reduction, KL_REDUCTIONS, "reduction", "kl_div")
    if reduction == "mean":
        warnings.warn("kl_div: reduction='mean' divides the sum by the number of elements, "
                      "not by the batch size; the KL divergence per example is "
                      "reduction='batchmean' (as PyTorch, which warns too)", UserWarning,
                      stacklevel=2)
    log_target = flag(log_target, "log_target", "kl_div")
    log_q, t = output_and_target(input, target, "kl_div")
    t = as_tensor(t)
    if log_target:
        loss = t.exp() * (t - log_q)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            t_log_t = ops.where(t.data == 0, 0.0, t * t.log())  # PyTorch's xlogy(t, t)
        loss = t_log_t - t * log_q
    if reduction != "batchmean":
        return reduced(loss, reduction)
    if loss.ndim == 0:
        return loss.sum()
    return loss.sum() * mean_scale(loss.shape[0])
