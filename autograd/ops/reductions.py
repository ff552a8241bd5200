"""Reductions over axes: sum, mean, amax, amin (axis None, an int or a tuple; keepdims), and
max(), min() of every element.

As in PyTorch, `axis=()` reduces every axis, and a 0-d tensor accepts axis 0 and -1.
"""
import numpy as np

from ..function import Function
from .elementwise import real
from .shapes import kept_shape, normalize_axes


class _Reduction(Function):
    """Shared option handling: the op's name shows the axes it reduces."""

    @property
    def name(self):
        axis = self.axis_option
        return type(self).__name__.lower() + ("" if axis is None else f"(axis={axis})")

    def remember(self, x, axis, keepdims):
        self.axis_option = axis
        self.axes = normalize_axes(axis, x.ndim, type(self).__name__.lower())
        if not isinstance(keepdims, (bool, np.bool_)):
            raise TypeError(f"{self.name}: keepdims must be True or False; got {keepdims!r}")
        self.keepdims = keepdims
        self.input_shape = x.shape

    def spread(self, grad):
        """The output gradient laid back over the input shape (each reduced axis repeated)."""
        if not self.keepdims:
            grad = grad.reshape(kept_shape(self.input_shape, self.axes))
        return self.xp.broadcast_to(grad, self.input_shape)

    def gather(self, tangent):
        """The transpose of spread, for jvp: a tangent over the input shape summed over the
        reduced axes, in the output's shape."""
        return tangent.sum(axis=self.axes, keepdims=True).reshape(np.shape(self.output_data))


class Sum(_Reduction):
    """s = sum_i x_i over the axes;  ds/dx_i = 1."""

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.remember(x, axis, keepdims)
        return x.sum(axis=ctx.axes, keepdims=keepdims)

    @staticmethod
    def backward(ctx, grad):
        return ctx.spread(grad)

    @staticmethod
    def jvp(ctx, tangent):
        return ctx.gather(tangent)


class Mean(_Reduction):
    """m = (1/N) sum_i x_i over the axes (N elements each);  dm/dx_i = 1/N.

    Over N = 0 elements the mean is NaN (and the gradient empty), as in PyTorch.
    """

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        x = real(x)
        ctx.remember(x, axis, keepdims)
        ctx.count = int(np.prod([x.shape[a] for a in ctx.axes]))
        total = x.sum(axis=ctx.axes, keepdims=keepdims)
        if ctx.count == 0:
            return np.full(np.shape(total), np.nan, dtype=x.dtype)
        return total / x.dtype.type(ctx.count)

    @staticmethod
    def backward(ctx, grad):
        return ctx.spread(grad) / max(ctx.count, 1)

    @staticmethod
    def jvp(ctx, tangent):
        """dm = (1/N) sum_i dx_i (0 over no elements, as backward's empty gradient)."""
        return ctx.gather(tangent) / max(ctx.count, 1)


class Amax(_Reduction):
    """m = max_i x_i over the axes (PyTorch's amax);  dm/dx_i = 1/k for the k elements equal
    to the max, else 0.

    Ties share the gradient evenly: grad / k times the 0/1 mask, as PyTorch's amax (so a slice
    holding NaN, whose max is NaN, gets NaN gradients).
    """

    reduce = staticmethod(np.max)

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.remember(x, axis, keepdims)
        if any(x.shape[a] == 0 for a in ctx.axes):
            raise ValueError(
                f"{ctx.name}: cannot reduce over an axis of length 0 (shape {x.shape}): there "
                f"is no maximum or minimum of nothing"
            )
        extreme = ctx.reduce(x, axis=ctx.axes, keepdims=True)
        ctx.winners = x == extreme
        ctx.count = ctx.winners.sum(axis=ctx.axes, keepdims=True).astype(x.dtype)
        return extreme if keepdims else extreme.reshape(
            [n for i, n in enumerate(x.shape) if i not in ctx.axes]
        )

    @staticmethod
    def backward(ctx, grad):
        with np.errstate(divide="ignore", invalid="ignore"):
            return ctx.spread(grad) / ctx.count * ctx.winners

    @staticmethod
    def jvp(ctx, tangent):
        """dm = (1/k) sum of dx_i over the k winners (NaN where k = 0, as backward); max, min
        and amin share it."""
        return ctx.gather(tangent / ctx.count * ctx.winners)


class Amin(Amax):
    """m = min_i x_i over the axes (PyTorch's amin);  dm/dx_i = 1/k for the k elements equal
    to the min, else 0 (the same rules as amax)."""

    reduce = staticmethod(np.min)


class Max(Amax):
    """m = max of every element (PyTorch's `t.max()`);  dm/dx_i = 1/k for the k elements
    equal to the max, exactly 0 elsewhere (chosen with `where`).

    When x holds NaN, the max is NaN and the k NaN elements share the gradient.
    """

    @staticmethod
    def forward(ctx, x):
        extreme = Amax.forward(ctx, x)
        if np.isnan(extreme):
            ctx.winners = np.isnan(x)
            ctx.count = ctx.winners.sum(keepdims=True).astype(x.dtype)
        return extreme

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.where(ctx.winners, ctx.spread(grad) / ctx.count, 0)


class Min(Max):
    """m = min of every element (PyTorch's `t.min()`);  the same rules as max."""

    reduce = staticmethod(np.min)


def any_or_all(x, axis, keepdims, every):
    """Whether any (every=False) or every element over the axes is non-zero (NaN counts as
    non-zero): a bool array, not differentiable. Over no elements any is False, all True.
    Unlike the other reductions, and as PyTorch's any/all, `axis=()` reduces no axis."""
    op_name = "all" if every else "any"
    axes = () if axis == () else normalize_axes(axis, x.ndim, op_name)
    if not isinstance(keepdims, (bool, np.bool_)):
        raise TypeError(f"{op_name}: keepdims must be True or False; got {keepdims!r}")
    return (np.all if every else np.any)(x, axis=axes, keepdims=keepdims)
