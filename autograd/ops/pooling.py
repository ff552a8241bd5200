"""Pooling, as torch's functions: max_pool1d/2d/3d, avg_pool1d/2d/3d, adaptive_avg_pool1d/2d.

Max pooling is a selection, y = x[argmax of each window] (the gradient goes to the one
element each maximum was taken from). Average pooling is a
convolution of each channel with a kernel of ones, divided by the window's count; adaptive
average pooling gathers each window's elements (an index array), sums and divides, axis by
axis. Both are built from recorded ops, so every derivative (and jvp) comes from those.
"""
import math

import numpy as np

from .convolution import ConvNd, Geometry
from .padding import ConstantPad
from ..function import Function
from ..tensor import Tensor
from .window_arguments import batched_input, per_axis


def _output_size(n, kernel, stride, padding, dilation, ceil_mode):
    """Windows along one axis (torch's rule: with ceil_mode a last, partial window counts
    when it starts inside the input or its left padding)."""
    reach = n + 2 * padding - dilation * (kernel - 1) - 1
    size = (reach + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (size - 1) * stride >= n + padding:
        size -= 1
    return size


def pooling_geometry(x, kernel_size, stride, padding, dilation, ceil_mode, op_name):
    """The Geometry of a pooling over x's spatial axes (the stride defaults to the kernel);
    with ceil_mode, padding after each axis reaches the last window. Padding may be at most
    half the kernel size (torch's limit, whatever the dilation)."""
    dims = x.ndim - 2
    kernel = per_axis(kernel_size, dims, "kernel_size", op_name)
    stride = kernel if stride is None or stride == () or stride == [] else per_axis(
        stride, dims, "stride", op_name)
    padding = per_axis(padding, dims, "padding", op_name, low=0)
    dilation = per_axis(dilation, dims, "dilation", op_name)
    if any(p > k // 2 for p, k in zip(padding, kernel)):
        raise ValueError(f"{op_name}: padding {padding} must be at most half of the kernel "
                         f"size {kernel}")
    sizes = tuple(_output_size(n, k, s, p, d, ceil_mode) for n, k, s, p, d in zip(
        x.shape[2:], kernel, stride, padding, dilation))
    if any(size < 1 for size in sizes):
        raise ValueError(f"{op_name}: the input of shape {x.shape} is too small for the "
                         f"(padded, dilated) kernel {kernel}: output size {sizes}")
    pairs = tuple((p, max(p, (size - 1) * s + d * (k - 1) + 1 - n - p)) for n, k, s, p, d, size in
                  zip(x.shape[2:], kernel, stride, padding, dilation, sizes))
    return Geometry(x.shape[2:], kernel, stride, pairs, dilation, 1, sizes)


class MaxPoolNd(Function):
    """y[n, c, p] = max over the window at p of x = x[n, c, positions[n, c, p]] (the
    positions from `max_positions`);  dy/dx sends each gradient to the element its maximum
    was taken from: index_add into x's elements, flattened."""

    @property
    def name(self):
        return f"max_pool{len(self.input_shape) - 2}d"

    @staticmethod
    def forward(ctx, x, positions):
        ctx.input_shape = x.shape
        planes = np.arange(x.shape[0] * x.shape[1]).reshape(positions.shape[:2] + (1,) * (
            positions.ndim - 2)) * math.prod(x.shape[2:])
        ctx.flat = (planes + positions).ravel()
        return x.reshape(-1)[ctx.flat].reshape(positions.shape)

    @staticmethod
    def backward(ctx, grad):
        size = math.prod(ctx.input_shape)
        return ctx.xp.index_add((size,), (ctx.flat,), grad.reshape(-1)).reshape(ctx.input_shape)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx at the positions of the maxima."""
        return tangent.reshape(-1)[ctx.flat].reshape(ctx.output_data.shape)


def max_positions(x, geometry):
    """Per output element, the flat position in its (n, c) plane of its window's maximum,
    found by torch's scan over the window in order: an element replaces the maximum so far
    when it is larger or NaN (so the first of equal maxima wins, and the last NaN); a window
    of -inf keeps its first element inside the input."""
    dims = len(geometry.kernel_size)
    # a plane's flat position = sum over axes of coordinate * plane_strides[axis]
    plane_strides = [math.prod(x.shape[3 + axis:]) for axis in range(dims)]
    start, first = 0, 0  # per window: the position of its origin and of its first tap inside
    for axis, tap in enumerate(_first_taps_inside(geometry)):
        shape = (-1,) + (1,) * (dims - axis - 1)
        origin = (np.arange(geometry.output_size[axis]) * geometry.stride[axis]
                  - geometry.padding[axis][0])
        start = start + (origin * plane_strides[axis]).reshape(shape)
        first = first + (tap * geometry.dilation[axis] * plane_strides[axis]).reshape(shape)
    windows = geometry.windows(x, fill=-np.inf)
    best = np.full(windows.shape[:2 + dims], -np.inf, dtype=x.dtype)
    offset = np.full(best.shape, -1, dtype=np.int64)  # of the maximum from the origin
    has_nan = bool(np.isnan(x).any())
    for taps in np.ndindex(*geometry.kernel_size):
        values = windows[(Ellipsis,) + taps]
        better = values > best
        if has_nan:
            better |= np.isnan(values)
        best = np.where(better, values, best)
        offset = np.where(better, sum(k * d * stride for k, d, stride in zip(
            taps, geometry.dilation, plane_strides)), offset)
    if (offset < 0).any():
        offset = np.where(offset < 0, first, offset)
    return start + offset


def _first_taps_inside(geometry):
    """Per axis and window, the first tap of the window inside the input; ValueError where
    a window holds only padding (torch gives -inf there and an index outside the input)."""
    taps = []
    for n, k, s, (before, _), d, count in zip(
            geometry.input_size, geometry.kernel_size, geometry.stride, geometry.padding,
            geometry.dilation, geometry.output_size):
        origin = np.arange(count) * s - before
        tap = np.maximum(0, -(origin // d))  # the first j with origin + j d >= 0
        if np.any((tap >= k) | (origin + tap * d >= n)):
            dims = len(geometry.kernel_size)
            raise ValueError(
                f"max_pool{dims}d: with padding {geometry.padding} and dilation "
                f"{geometry.dilation}, a window of kernel {geometry.kernel_size} on an input of "
                f"size {geometry.input_size} holds only padding (torch gives -inf there and an "
                f"index outside the input); pad less or dilate less")
        taps.append(tap)
    return taps


def _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, dims):
    op_name = f"max_pool{dims}d"
    x, unbatched = batched_input(input, dims, op_name)
    geometry = pooling_geometry(x, kernel_size, stride, padding, dilation, ceil_mode, op_name)
    positions = max_positions(x.data, geometry)
    y = MaxPoolNd.apply(x, positions=positions)
    if not return_indices:
        return y.squeeze(0) if unbatched else y
    indices = Tensor(positions)
    return (y.squeeze(0), indices.squeeze(0)) if unbatched else (y, indices)


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """y[n, c, i] = max of x[n, c, i stride + k dilation] over k < kernel_size (padding
    with -inf), for x (N, C, L) or (C, L). With return_indices, also each maximum's
    position in its row (int64)."""
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices,
                     1)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """max_pool1d over two spatial axes, x (N, C, H, W) or (C, H, W); the indices are flat
    positions in each H x W plane."""
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices,
                     2)


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """max_pool1d over three spatial axes."""
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices,
                     3)


def _window_counts(geometry, include_pad):
    """Per axis, how many elements each window averages: inside the padded input
    (include_pad) or inside the input only; padding added for ceil_mode never counts."""
    counts = []
    for n, k, s, (before, _), size in zip(geometry.input_size, geometry.kernel_size,
                                          geometry.stride, geometry.padding,
                                          geometry.output_size):
        start = np.arange(size) * s - before
        end = np.minimum(start + k, n + before)
        if not include_pad:
            start, end = np.maximum(start, 0), np.minimum(end, n)
        counts.append(end - start)
    return counts


def _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
              divisor_override, dims):
    op_name = f"avg_pool{dims}d"
    x, unbatched = batched_input(input, dims, op_name)
    geometry = pooling_geometry(x, kernel_size, stride, padding, 1, ceil_mode, op_name)
    n, c = x.shape[:2]
    ones = np.ones((1, 1) + geometry.kernel_size, dtype=x.data.dtype)
    sums = ConvNd.apply(x.reshape((n * c, 1) + x.shape[2:]), ones, geometry=geometry)
    if divisor_override is not None:
        divisor = per_axis(divisor_override, 1, "divisor_override", op_name)[0]
    else:
        counts = _window_counts(geometry, count_include_pad)
        divisor = np.ones((), dtype=x.data.dtype)
        for count in counts:
            divisor = np.multiply.outer(divisor, count.astype(x.data.dtype))
    y = (sums / divisor).reshape((n, c) + geometry.output_size)
    return y.squeeze(0) if unbatched else y


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    """y[n, c, i] = mean of x[n, c, i stride + k] over k < kernel_size (zero padding counted
    unless count_include_pad=False), for x (N, C, L) or (C, L)."""
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, None, 1)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """avg_pool1d over two spatial axes; divisor_override replaces the window's count."""
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                     divisor_override, 2)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """avg_pool1d over three spatial axes."""
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                     divisor_override, 3)


def _adaptive_windows(n, size):
    """torch's adaptive windows along an axis of n elements: window i is
    x[floor(i n / size) : ceil((i + 1) n / size)] (windows may overlap). Returns the index
    array (size, longest window), positions past a window's end pointing at n (a zero put
    after the axis), and each window's length."""
    rows = np.arange(size)
    start, end = rows * n // size, -(-(rows + 1) * n // size)
    longest = int((end - start).max()) if size else 0
    index = start[:, None] + np.arange(longest)
    return np.where(index < end[:, None], index, n), end - start


def _adaptive_avg_pool(input, output_size, dims):
    op_name = f"adaptive_avg_pool{dims}d"
    x, unbatched = batched_input(input, dims, op_name)
    wanted = output_size if isinstance(output_size, (tuple, list)) else (output_size,) * dims
    if len(wanted) != dims:
        raise ValueError(f"{op_name}: output_size must be an int or a tuple of {dims} ints "
                         f"(or None); got {output_size!r}")
    sizes = per_axis(tuple(n if s is None else s for n, s in zip(x.shape[2:], wanted)), dims,
                     "output_size", op_name, low=0)
    y = x
    for axis, (n, size) in enumerate(zip(x.shape[2:], sizes)):  # the mean of means per axis
        index, lengths = _adaptive_windows(n, size)
        widths = ((0, 0),) * (2 + axis) + ((0, 1),) + ((0, 0),) * (dims - axis - 1)
        padded = ConstantPad.apply(y, widths=widths, value=0)
        windows = padded[(slice(None),) * (2 + axis) + (index,)]  # (..., size, longest, ...)
        lengths = lengths.reshape((-1,) + (1,) * (dims - axis - 1)).astype(x.data.dtype)
        y = windows.sum(axis=3 + axis) / lengths
    return y.squeeze(0) if unbatched else y


def adaptive_avg_pool1d(input, output_size):
    """y[n, c, i] = mean of x[n, c, floor(i L / size) : ceil((i + 1) L / size)], for x
    (N, C, L) or (C, L): `output_size` windows, whatever L."""
    return _adaptive_avg_pool(input, output_size, 1)


def adaptive_avg_pool2d(input, output_size):
    """adaptive_avg_pool1d along both spatial axes; output_size an int, a pair, or None in
    the pair to keep that axis's size."""
    return _adaptive_avg_pool(input, output_size, 2)
