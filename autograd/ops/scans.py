"""Running sums and products along one axis: cumsum, cumprod (PyTorch's derivatives, zeros
included). A 0-d tensor accepts axis 0 and -1; ints and bools accumulate as int64.
(cummax and cummin pick elements: arg_reductions.py.)"""
import numpy as np

from ..function import Function
from .shapes import axis_index


def _flipped(array, axis):
    """`array` reversed along `axis` (numpy arrays and Tensors alike)."""
    return array[(slice(None),) * axis + (slice(None, None, -1),)]


def reversed_cumsum(array, axis):
    """r_j = sum_{i >= j} array_i along `axis`: a running sum from the end."""
    return _flipped(_flipped(array, axis).cumsum(axis=axis), axis)


def _part(array, axis, start, stop=None):
    return array[(slice(None),) * axis + (slice(start, stop),)]


class _Scan(Function):
    """Shared option handling: one axis, shown in the op's name."""

    @property
    def name(self):
        return f"{type(self).__name__.lower()}(axis={self.axis_option})"

    def remember(self, x, axis):
        self.axis_option = axis
        self.axis = axis_index(axis, x.ndim, type(self).__name__.lower())


class Cumsum(_Scan):
    """y_i = sum_{j <= i} x_j along the axis;  dy_i/dx_j = 1 for j <= i, so the gradient of
    x_j is sum_{i >= j} grad_i (a running sum from the end)."""

    @staticmethod
    def forward(ctx, x, axis):
        ctx.remember(x, axis)
        return np.cumsum(np.atleast_1d(x), axis=ctx.axis).reshape(x.shape)

    @staticmethod
    def backward(ctx, grad):
        return reversed_cumsum(grad, ctx.axis) if grad.ndim else grad

    @staticmethod
    def jvp(ctx, tangent):
        return np.cumsum(np.atleast_1d(tangent), axis=ctx.axis).reshape(tangent.shape)


class Cumprod(_Scan):
    """y_i = prod_{j <= i} x_j along the axis;  dy_i/dx_k = prod_{j <= i, j != k} x_j for
    i >= k, so the gradient of x_k is sum_{i >= k} grad_i prod_{j <= i, j != k} x_j.

    As PyTorch: without a zero in x that is (running sum from the end of y * grad)_k / x_k.
    With zeros, each slice is cut at its first zero z1 (and its second, z2): elements before
    z1 get that formula over the elements before z1; z1 gets sum_{z1 <= i < z2} grad_i
    prod_{z1 < j <= i} x_j times y_(z1-1); the rest get 0. Under create_graph the sum of
    omitted products is formed term by term instead, so that it can be differentiated again.
    """

    @staticmethod
    def forward(ctx, x, axis):
        ctx.remember(x, axis)
        ctx.has_zero = bool((x == 0).any())
        out = np.cumprod(np.atleast_1d(x), axis=ctx.axis).reshape(x.shape)
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        if x.size <= 1 or x.shape[ctx.axis] == 1:
            return grad
        if not ctx.has_zero:
            return reversed_cumsum(out * grad, ctx.axis) / x
        if ctx.create_graph:
            return _omitted_products_gradient(grad, x, ctx.axis, ctx.xp)
        return _gradient_with_zeros(grad, x, out, ctx.axis)

    @staticmethod
    def jvp(ctx, tangent):
        """dy_i = sum_{k <= i} (prod_{j <= i, j != k} x_j) dx_k: y_i sum_{k <= i} dx_k / x_k
        without a zero in x; with zeros, as backward's cuts (`_tangent_with_zeros`)."""
        x, out = ctx.input_arrays[0], ctx.output_data
        if x.size <= 1 or x.shape[ctx.axis] == 1:
            return tangent
        if not ctx.has_zero:
            return np.cumsum(tangent / x, axis=ctx.axis) * out
        return _tangent_with_zeros(tangent, x, out, ctx.axis)


def _omitted_products_gradient(grad, x, axis, xp):
    """sum_{i >= k} grad_i prod_{j <= i, j != k} x_j for each k, with recorded ops: the
    products omitting x_k are (prod_{j < k} x_j) * (1, x_(k+1), x_(k+1) x_(k+2), ...)."""
    n = x.shape[axis]
    columns = []
    for k in range(n):
        head = _part(x, axis, 0, k).prod(axis=axis, keepdims=True) if k else None
        tail = _part(x, axis, k + 1).cumprod(axis=axis) if k < n - 1 else None
        if head is None:
            ones = np.ones(tail.shape[:axis] + (1,) + tail.shape[axis + 1:], dtype=x.dtype)
            omitted = xp.concatenate([ones, tail], axis=axis)
        elif tail is None:
            omitted = head
        else:
            omitted = xp.concatenate([head, head * tail], axis=axis)
        columns.append((_part(grad, axis, k) * omitted).sum(axis=axis, keepdims=True))
    return xp.concatenate(columns, axis=axis)


def _gradient_with_zeros(grad, x, out, axis):
    """The rule of the docstring for a slice with zeros, on numpy arrays."""
    zeros_so_far = np.cumsum(x == 0, axis=axis)
    before_first = zeros_so_far == 0
    first_zero = (x == 0) & (zeros_so_far == 1)
    between = (zeros_so_far == 1) & ~first_zero
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(before_first,
                          reversed_cumsum(np.where(before_first, out * grad, 0), axis) / x, 0)
        run = np.cumprod(np.where(between, x, 1), axis=axis)
        at_first = (run * np.where(zeros_so_far == 1, grad, 0)).sum(axis=axis, keepdims=True)
        z1 = np.argmax(zeros_so_far == 1, axis=axis, keepdims=True)
        previous = np.take_along_axis(out, np.maximum(z1 - 1, 0), axis=axis)
        at_first = at_first * np.where(z1 == 0, 1, previous)
    return np.where(first_zero, at_first, result).astype(x.dtype, copy=False)


def _tangent_with_zeros(tangent, x, out, axis):
    """The jvp of cumprod for slices with zeros, the transpose of `_gradient_with_zeros`:
    before the first zero z1, y_i sum_{k <= i} dx_k / x_k; from z1 up to the second zero z2,
    only the term of x_z1 is left, y_(z1-1) dx_z1 prod_{z1 < j <= i} x_j; from z2 on, 0."""
    zeros_so_far = np.cumsum(x == 0, axis=axis)
    before_first = zeros_so_far == 0
    first_zero = (x == 0) & (zeros_so_far == 1)
    between = (zeros_so_far == 1) & ~first_zero
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.cumsum(np.where(before_first, tangent / x, 0), axis=axis)
        run = np.cumprod(np.where(between, x, 1), axis=axis)
        z1 = np.argmax(zeros_so_far == 1, axis=axis, keepdims=True)
        previous = np.take_along_axis(out, np.maximum(z1 - 1, 0), axis=axis)
        at_z1 = np.where(first_zero, tangent, 0).sum(axis=axis, keepdims=True)
        from_z1 = run * (at_z1 * np.where(z1 == 0, 1, previous))
    result = np.where(before_first, out * ratios, np.where(zeros_so_far == 1, from_z1, 0))
    return result.astype(x.dtype, copy=False)
