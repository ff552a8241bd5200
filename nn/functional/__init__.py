"""nn.functional, imported as F: every layer, activation and loss of nn as a function,
with PyTorch's names and arguments (F.relu, F.softmax(x, dim=1), F.cross_entropy,
F.conv2d, F.max_pool2d, F.dropout(x, p, training), F.linear, F.one_hot, ...).

One file per family; this file only gathers their names.
"""
from .conv import conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d
from .pooling import (adaptive_avg_pool1d, adaptive_avg_pool2d, avg_pool1d, avg_pool2d,
                      avg_pool3d, max_pool1d, max_pool2d, max_pool3d)

__all__ = [
    "adaptive_avg_pool1d", "adaptive_avg_pool2d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
    "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "max_pool1d", "max_pool2d", "max_pool3d",
]
