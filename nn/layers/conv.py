"""Convolution layers: Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d (torch's
arguments, initialisation and repr)."""
import math

import numpy as np

from autograd import Tensor, ops
from autograd.ops.convolution_functions import (check_padding_string, conv1d, conv2d, conv3d,
                                                conv_transpose1d, conv_transpose2d)
from autograd.ops.window_arguments import per_axis

from ..arguments import described, flag, float_dtype, generator, positive_int
from ..module import Module, Parameter


class _ConvNd(Module):
    """What every convolution layer shares: checked sizes, the weight W and bias b drawn as
    torch does, from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = weight.shape[1] *
    prod(kernel_size) (W first, then b, in float64 from `rng` or a Generator seeded with
    `seed`, then cast to `dtype`: float32, also for None, or float64)."""

    dims = None
    transposed = False

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation, groups,
                 bias, padding_mode, rng, seed, dtype):
        super().__init__()
        name = type(self).__name__
        self.in_channels = positive_int(in_channels, "in_channels", name)
        self.out_channels = positive_int(out_channels, "out_channels", name)
        self.groups = positive_int(groups, "groups", name)
        for what, channels in (("in_channels", self.in_channels),
                               ("out_channels", self.out_channels)):
            if channels % self.groups:
                raise ValueError(f"{name}: {what} ({channels}) must be divisible by groups "
                                 f"({self.groups})")
        self.kernel_size = per_axis(kernel_size, self.dims, "kernel_size", name)
        self.stride = per_axis(stride, self.dims, "stride", name)
        self.dilation = per_axis(dilation, self.dims, "dilation", name)
        if isinstance(padding, str) and not self.transposed:
            check_padding_string(padding, self.stride, name)
            self.padding = padding
        else:
            self.padding = per_axis(padding, self.dims, "padding", name, low=0)
        if padding_mode != "zeros":
            raise ValueError(f"{name}: only padding_mode='zeros' is supported; got "
                             f"{described(padding_mode)} (pad the input with autograd.pad "
                             f"first for the other modes)")
        self.padding_mode = padding_mode
        has_bias = flag(bias, "bias", name)
        dtype = float_dtype(dtype, name)
        rng = generator(rng, seed, name)
        channels = (self.in_channels, self.out_channels // self.groups) if self.transposed else (
            self.out_channels, self.in_channels // self.groups)
        shape = channels + self.kernel_size
        bound = 1 / math.sqrt(shape[1] * math.prod(self.kernel_size))
        self.weight = Parameter(rng.uniform(-bound, bound, shape), dtype=dtype)
        self.bias = (Parameter(rng.uniform(-bound, bound, self.out_channels), dtype=dtype)
                     if has_bias else None)

    def _input(self, x):
        """x as the layer takes it: numpy data, or a Tensor of ints or bools, is first cast to
        the weight's dtype."""
        if not isinstance(x, Tensor):
            return np.asarray(x, dtype=self.weight.dtype)
        if x.data.dtype.kind != "f":
            return ops.to_dtype(x, self.weight.dtype)
        return x

    def extra_repr(self):
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}")
        zeros, ones = (0,) * self.dims, (1,) * self.dims
        if self.padding != zeros:
            text += f", padding={self.padding}"
        if self.dilation != ones:
            text += f", dilation={self.dilation}"
        if getattr(self, "output_padding", zeros) != zeros:
            text += f", output_padding={self.output_padding}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        return text


class Conv1d(_ConvNd):
    """y = conv1d(x, W) + b for x (N, in_channels, L) or (in_channels, L); W has shape
    (out_channels, in_channels/groups, kernel_size)."""

    dims = 1

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros", rng=None, seed=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, rng, seed, dtype)

    def forward(self, x):
        return conv1d(self._input(x), self.weight, self.bias, self.stride, self.padding,
                      self.dilation, self.groups)


class Conv2d(_ConvNd):
    """y = conv2d(x, W) + b for x (N, in_channels, H, W) or (in_channels, H, W); W has shape
    (out_channels, in_channels/groups, kH, kW): each output channel one stack of kernels."""

    dims = 2

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros", rng=None, seed=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, rng, seed, dtype)

    def forward(self, x):
        return conv2d(self._input(x), self.weight, self.bias, self.stride, self.padding,
                      self.dilation, self.groups)


class Conv3d(_ConvNd):
    """y = conv3d(x, W) + b for x (N, in_channels, D, H, W); W (out_channels,
    in_channels/groups, kD, kH, kW)."""

    dims = 3

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros", rng=None, seed=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, rng, seed, dtype)

    def forward(self, x):
        return conv3d(self._input(x), self.weight, self.bias, self.stride, self.padding,
                      self.dilation, self.groups)


class _ConvTransposeNd(_ConvNd):
    """A transposed convolution: W has shape (in_channels, out_channels/groups, *kernel_size)
    and output_padding adds positions at the end of each axis (< stride or dilation)."""

    transposed = True

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, output_padding,
                 groups, bias, dilation, padding_mode, rng, seed, dtype):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, rng, seed, dtype)
        self.output_padding = per_axis(output_padding, self.dims, "output_padding",
                                       type(self).__name__, low=0)


class ConvTranspose1d(_ConvTransposeNd):
    """x = conv_transpose1d(y, W) + b, the adjoint of Conv1d in its input."""

    dims = 1

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1, padding_mode="zeros",
                 rng=None, seed=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding,
                         output_padding, groups, bias, dilation, padding_mode, rng, seed, dtype)

    def forward(self, x):
        return conv_transpose1d(self._input(x), self.weight, self.bias, self.stride,
                                self.padding, self.output_padding, self.groups, self.dilation)


class ConvTranspose2d(_ConvTransposeNd):
    """x = conv_transpose2d(y, W) + b, the adjoint of Conv2d in its input (upsampling)."""

    dims = 2

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1, padding_mode="zeros",
                 rng=None, seed=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding,
                         output_padding, groups, bias, dilation, padding_mode, rng, seed, dtype)

    def forward(self, x):
        return conv_transpose2d(self._input(x), self.weight, self.bias, self.stride,
                                self.padding, self.output_padding, self.groups, self.dilation)
