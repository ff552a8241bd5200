"""nn.functional, imported as F: every layer, activation and loss of nn as a function,
with PyTorch's names and arguments (F.relu, F.softmax(x, dim=1), F.cross_entropy,
F.conv2d, F.max_pool2d, F.dropout(x, p, training), F.linear, F.one_hot, ...).

One file per family; this file only gathers their names.
"""
from .activation import (celu, elu, elu_, gelu, hardsigmoid, hardswish, hardtanh, hardtanh_,
                         leaky_relu, leaky_relu_, log_softmax, logsigmoid, mish, relu, relu_,
                         relu6, selu, sigmoid, silu, softmax, softmin, softplus, softsign, tanh,
                         tanhshrink, threshold, threshold_)

__all__ = [
    "celu", "elu", "elu_", "gelu", "hardsigmoid", "hardswish", "hardtanh", "hardtanh_",
    "leaky_relu", "leaky_relu_", "log_softmax", "logsigmoid", "mish", "relu", "relu_", "relu6",
    "selu", "sigmoid", "silu", "softmax", "softmin", "softplus", "softsign", "tanh",
    "tanhshrink", "threshold", "threshold_",
]
