"""Pooling layers: MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool1d/2d (torch's arguments and
repr; no parameters). The arguments are checked when the layer meets its input."""
from autograd.ops.pooling import (adaptive_avg_pool1d, adaptive_avg_pool2d, avg_pool1d,
                                  avg_pool2d, max_pool1d, max_pool2d)

from ..arguments import flag
from ..module import Module


class _MaxPoolNd(Module):
    """The maximum of each window; stride defaults to the kernel size."""

    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
                 ceil_mode=False):
        super().__init__()
        name = type(self).__name__
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding = padding
        self.dilation = dilation
        self.return_indices = flag(return_indices, "return_indices", name)
        self.ceil_mode = flag(ceil_mode, "ceil_mode", name)

    def extra_repr(self):
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")


class MaxPool1d(_MaxPoolNd):
    """y[n, c, i] = max of x[n, c, i stride + k dilation] over the window (-inf padding)."""

    def forward(self, x):
        return max_pool1d(x, self.kernel_size, self.stride, self.padding, self.dilation,
                          self.ceil_mode, self.return_indices)


class MaxPool2d(_MaxPoolNd):
    """y[n, c, i, j] = max of x[n, c] over the window at (i, j) (-inf padding); the gradient
    goes to the element each maximum came from."""

    def forward(self, x):
        return max_pool2d(x, self.kernel_size, self.stride, self.padding, self.dilation,
                          self.ceil_mode, self.return_indices)


class AvgPool1d(Module):
    """y[n, c, i] = mean of x[n, c] over the window at i (zero padding counted unless
    count_include_pad=False). Sizes are kept as 1-tuples, as torch does."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False,
                 count_include_pad=True):
        super().__init__()
        name = type(self).__name__
        self.kernel_size = _single(kernel_size)
        self.stride = _single(kernel_size if stride is None else stride)
        self.padding = _single(padding)
        self.ceil_mode = flag(ceil_mode, "ceil_mode", name)
        self.count_include_pad = flag(count_include_pad, "count_include_pad", name)

    def forward(self, x):
        return avg_pool1d(x, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad)

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


def _single(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


class AvgPool2d(Module):
    """y[n, c, i, j] = mean of x[n, c] over the window at (i, j); divisor_override replaces
    the window's count."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False,
                 count_include_pad=True, divisor_override=None):
        super().__init__()
        name = type(self).__name__
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding = padding
        self.ceil_mode = flag(ceil_mode, "ceil_mode", name)
        self.count_include_pad = flag(count_include_pad, "count_include_pad", name)
        self.divisor_override = divisor_override

    def forward(self, x):
        return avg_pool2d(x, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad, self.divisor_override)

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool1d(Module):
    """y[n, c, i] = mean of x[n, c, floor(i L / size) : ceil((i + 1) L / size)]: always
    `output_size` positions."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def forward(self, x):
        return adaptive_avg_pool1d(x, self.output_size)

    def extra_repr(self):
        return f"output_size={self.output_size}"


class AdaptiveAvgPool2d(AdaptiveAvgPool1d):
    """adaptive_avg_pool1d along both spatial axes (None in output_size keeps that axis)."""

    def forward(self, x):
        return adaptive_avg_pool2d(x, self.output_size)
