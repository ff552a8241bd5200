"""var, std and logsumexp over axes (None, an int or a tuple; keepdims), on floats (ints and
bools give the default float dtype)."""
import numpy as np

from .elementwise import real
from .reductions import _Reduction
from .shapes import kept_shape


class Var(_Reduction):
    """v = sum_i (x_i - m)^2 / max(N - c, 0), with m the mean of the N elements and c the
    correction (1 by default, as PyTorch: Bessel's);  dv/dx_i = 2 (x_i - m) / max(N - c, 0).

    One element with c = 1 gives 0 / 0 = NaN, as PyTorch (with a NaN gradient). Over every
    axis with N <= c the gradient is PyTorch's constant: NaN where x_i = m, else inf.
    """

    degenerate = None  # the constant gradient over every axis when N <= c

    @property
    def name(self):
        axis = "" if self.axis_option is None else f"axis={self.axis_option}, "
        return f"{type(self).__name__.lower()}({axis}correction={self.correction:g})"

    @staticmethod
    def forward(ctx, x, axis=None, correction=1, keepdims=False):
        x = real(x)
        ctx.correction = correction
        ctx.remember(x, axis, keepdims)
        count = int(np.prod([x.shape[a] for a in ctx.axes]))
        ctx.dof = x.dtype.type(max(count - correction, 0))
        ctx.save_for_backward(x)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = x.mean(axis=ctx.axes, keepdims=True) if count else np.nan
            squares = ((x - mean) ** 2).sum(axis=ctx.axes, keepdims=keepdims)
            if ctx.dof == 0 and (x.ndim == 0 or axis is None or axis == ()):
                nan, inf = x.dtype.type(np.nan), x.dtype.type(np.inf)
                ctx.degenerate = np.where(x == mean, nan, inf)
            return (squares / ctx.dof).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return variance_gradient(ctx, ctx.spread(grad), x)

    @staticmethod
    def jvp(ctx, tangent):
        """dv = sum_i (dv/dx_i) dx_i, dv/dx_i as backward's (`variance_gradient`)."""
        return ctx.gather(variance_gradient(ctx, tangent, real(ctx.input_arrays[0])))


def variance_gradient(ctx, spread, x):
    """The gradient of var for the gradient `spread` (laid over x's shape)."""
    with np.errstate(divide="ignore"):
        factor = x.dtype.type(2) / ctx.dof
    if x.size == 0:
        return spread
    if ctx.degenerate is not None:
        return spread * ctx.degenerate
    return spread * (x - x.mean(axis=ctx.axes, keepdims=True)) * factor


class Std(Var):
    """s = sqrt(var x) (same correction);  ds/dx_i = (dvar/dx_i) / (2 s), and 0 where s = 0
    (as PyTorch: a constant slice gets gradient 0, not NaN)."""

    @staticmethod
    def forward(ctx, x, axis=None, correction=1, keepdims=False):
        s = np.sqrt(Var.forward(ctx, x, axis, correction, keepdims))
        x = ctx.saved[0]
        ctx.at_zero = np.broadcast_to(s.reshape(kept_shape(x.shape, ctx.axes)) == 0, x.shape)
        ctx.save_for_backward(x, s)
        return s

    @staticmethod
    def backward(ctx, grad):
        x, s = ctx.saved_tensors
        kept = kept_shape(x.shape, ctx.axes)
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = ctx.xp.where(ctx.at_zero, 0, ctx.spread(grad) / (s.reshape(kept) * 2))
        return variance_gradient(ctx, scaled, x)

    @staticmethod
    def jvp(ctx, tangent):
        """ds = dvar / (2 s), and 0 where s = 0."""
        s = ctx.output_data
        return np.where(s == 0, 0, Var.jvp(ctx, tangent) / (s * 2))


class LogSumExp(_Reduction):
    """l = log sum_i e^(x_i) over the axes, computed as m + log sum_i e^(x_i - m) with m the
    largest x_i (0 where that is infinite, or over no elements: then l = -inf, as PyTorch);
    dl/dx_i = e^(x_i - l), the softmax of x."""

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        x = real(x)
        ctx.remember(x, axis, keepdims)
        kept = kept_shape(x.shape, ctx.axes)
        if any(x.shape[a] == 0 for a in ctx.axes):
            m = np.zeros(kept, dtype=x.dtype)
        else:
            m = x.max(axis=ctx.axes, keepdims=True)
            m = np.where(np.isinf(m), x.dtype.type(0), m)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.log(np.exp(x - m).sum(axis=ctx.axes, keepdims=True)) + m
        out = out if keepdims else out.reshape([n for i, n in enumerate(kept)
                                                if i not in ctx.axes])
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        return ctx.spread(grad) * ctx.xp.exp(x - out.reshape(kept_shape(x.shape, ctx.axes)))

    @staticmethod
    def jvp(ctx, tangent):
        """dl = sum_i e^(x_i - l) dx_i."""
        x = real(ctx.input_arrays[0])
        out = ctx.output_data.reshape(kept_shape(x.shape, ctx.axes))
        return ctx.gather(tangent * np.exp(x - out))
