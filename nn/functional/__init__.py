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
from .normalization import batch_norm, layer_norm, normalize
from .pooling import (adaptive_avg_pool1d, adaptive_avg_pool2d, avg_pool1d, avg_pool2d, avg_pool3d,
                      max_pool1d, max_pool2d, max_pool3d)
from .sparse import embedding, one_hot

__all__ = ["adaptive_avg_pool1d", "adaptive_avg_pool2d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
           "batch_norm", "celu", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
           "conv_transpose2d", "conv_transpose3d", "dropout", "dropout1d", "dropout2d", "elu",
           "elu_", "embedding", "gelu", "glu", "hardshrink", "hardsigmoid", "hardswish",
           "hardtanh", "hardtanh_", "layer_norm", "leaky_relu", "leaky_relu_", "linear",
           "log_softmax", "logsigmoid", "max_pool1d", "max_pool2d", "max_pool3d", "mish",
           "normalize", "one_hot", "prelu", "relu", "relu6", "relu_", "selu", "sigmoid", "silu",
           "softmax", "softmin", "softplus", "softshrink", "softsign", "tanh", "tanhshrink",
           "threshold", "threshold_"]
