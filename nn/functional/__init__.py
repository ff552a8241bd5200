"""nn.functional, imported as F: every layer, activation and loss of nn as a function,
with PyTorch's names and arguments (F.relu, F.softmax(x, dim=1), F.cross_entropy,
F.conv2d, F.max_pool2d, F.dropout(x, p, training), F.linear, F.one_hot, ...).

One file per family; this file only gathers their names.
"""
from .activation import (celu, elu, elu_, gelu, glu, hardshrink, hardsigmoid, hardswish, hardtanh,
                         hardtanh_, leaky_relu, leaky_relu_, log_softmax, logsigmoid, mish, prelu,
                         relu, relu6, relu_, selu, sigmoid, silu, softmax, softmin, softplus,
                         softshrink, softsign, tanh, tanhshrink, threshold, threshold_)
from .conv import conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d
from .dropout import dropout, dropout1d, dropout2d
from .linear import linear
from .loss_binary import binary_cross_entropy, binary_cross_entropy_with_logits
from .loss_classification import cross_entropy, nll_loss
from .loss_divergence import kl_div
from .loss_regression import huber_loss, l1_loss, mse_loss, quadratic_cost, smooth_l1_loss
from .normalization import batch_norm, layer_norm, normalize
from .pooling import (adaptive_avg_pool1d, adaptive_avg_pool2d, avg_pool1d, avg_pool2d, avg_pool3d,
                      max_pool1d, max_pool2d, max_pool3d)
from .sparse import embedding, one_hot

__all__ = ["adaptive_avg_pool1d", "adaptive_avg_pool2d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
           "batch_norm", "binary_cross_entropy", "binary_cross_entropy_with_logits", "celu",
           "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
           "conv_transpose3d", "cross_entropy", "dropout", "dropout1d", "dropout2d", "elu", "elu_",
           "embedding", "gelu", "glu", "hardshrink", "hardsigmoid", "hardswish", "hardtanh",
           "hardtanh_", "huber_loss", "kl_div", "l1_loss", "layer_norm", "leaky_relu",
           "leaky_relu_", "linear", "log_softmax", "logsigmoid", "max_pool1d", "max_pool2d",
           "max_pool3d", "mish", "mse_loss", "nll_loss", "normalize", "one_hot", "prelu",
           "quadratic_cost", "relu", "relu6", "relu_", "selu", "sigmoid", "silu", "smooth_l1_loss",
           "softmax", "softmin", "softplus", "softshrink", "softsign", "tanh", "tanhshrink",
           "threshold", "threshold_"]
