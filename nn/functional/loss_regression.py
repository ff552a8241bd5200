"""Regression losses: how far the output a is from a target y of the same shape.

    quadratic_cost   the seeds' C = 1/(2n) sum_x ||y(x) - a(x)||^2
    mse_loss         (a - y)^2
    l1_loss          |a - y|
    smooth_l1_loss   (a - y)^2 / (2 beta) near 0, |a - y| - beta/2 beyond beta
    huber_loss       (a - y)^2 / 2 near 0, delta (|a - y| - delta/2) beyond delta

each elementwise, then reduced: 'mean' over every element (nan for none), 'sum', or 'none'.
"""
from autograd.ops import SquaredError
from autograd.ops.huber import Huber

from ..arguments import real_number
from .loss_arguments import checked_reduction, mean_scale, output_and_target, reduced


def quadratic_cost(a, y):
    """The seeds' cost C = 1/(2n) sum_x ||y(x) - a^L(x)||^2 over a batch of n rows.

    `a` and `y` have shape (n, n_L), one example per row. Its gradient is
    dC/da^L = (a^L - y) / n, the start of backpropagation. A batch of no rows gives nan
    (a mean over nothing, as PyTorch's 0.5 * ((a - y)**2).sum() / n).
    """
    a, y = output_and_target(a, y, "quadratic_cost")
    if a.ndim != 2:
        raise ValueError(
            f"quadratic_cost: expected an output of shape (n, k) with one example per row, "
            f"got shape {a.shape}"
        )
    return SquaredError.apply(a, y, scale=mean_scale(a.shape[0], 0.5))


def mse_loss(input, target, reduction="mean"):
    """The squared error (a - y)^2, elementwise, then reduced as PyTorch's mse_loss:

    "mean": the mean over ALL elements (so it equals quadratic_cost * 2 / k for k outputs;
    nan for no elements); "sum": the sum over all elements; "none": the elementwise Tensor.
    The reduced forms are one fused node (SquaredError).
    """
    checked_reduction(reduction, "mse_loss")
    a, y = output_and_target(input, target, "mse_loss")
    if reduction == "none":
        residual = a - y
        return residual * residual
    return SquaredError.apply(a, y, scale=mean_scale(a.size) if reduction == "mean" else 1.0)


def l1_loss(input, target, reduction="mean"):
    """The absolute error |a - y|, elementwise, then reduced; d/da = sign(a - y) (0 at 0)."""
    checked_reduction(reduction, "l1_loss")
    a, y = output_and_target(input, target, "l1_loss")
    return reduced((a - y).abs(), reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    """With d = a - y: 0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere, then
    reduced; the slope d / beta grows to +-1 and stays there. beta = 0 is l1_loss."""
    checked_reduction(reduction, "smooth_l1_loss")
    beta = real_number(beta, "beta", "smooth_l1_loss", 0)
    if beta == 0:
        return l1_loss(input, target, reduction)
    a, y = output_and_target(input, target, "smooth_l1_loss")
    return reduced(Huber.apply(a, y, delta=beta) / beta, reduction)


def huber_loss(input, target, reduction="mean", delta=1.0):
    """With d = a - y: 0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere, then
    reduced: delta * smooth_l1_loss with beta = delta, slope capped at +-delta."""
    checked_reduction(reduction, "huber_loss")
    delta = real_number(delta, "delta", "huber_loss", 0, low_inclusive=False)
    a, y = output_and_target(input, target, "huber_loss")
    return reduced(Huber.apply(a, y, delta=delta), reduction)
