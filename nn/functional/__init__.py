"""nn.functional, imported as F: every layer, activation and loss of nn as a function,
with PyTorch's names and arguments (F.relu, F.softmax(x, dim=1), F.cross_entropy,
F.conv2d, F.max_pool2d, F.dropout(x, p, training), F.linear, F.one_hot, ...).

One file per family; this file only gathers their names.
"""
from .loss_binary import binary_cross_entropy, binary_cross_entropy_with_logits
from .loss_classification import cross_entropy, nll_loss
from .loss_divergence import kl_div
from .loss_regression import huber_loss, l1_loss, mse_loss, quadratic_cost, smooth_l1_loss

__all__ = [
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy", "huber_loss",
    "kl_div", "l1_loss", "mse_loss", "nll_loss", "quadratic_cost", "smooth_l1_loss",
]
