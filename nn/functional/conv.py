"""Convolutions as functions, torch's F.conv1d/2d/3d and F.conv_transpose1d/2d/3d: the
autograd ops themselves (autograd/ops/convolution_functions.py)."""
from autograd.ops.convolution_functions import (conv1d, conv2d, conv3d, conv_transpose1d,
                                                conv_transpose2d, conv_transpose3d)

__all__ = ["conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
           "conv_transpose3d"]
