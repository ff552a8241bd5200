"""Elementwise functions of two tensors (broadcast): maximum, minimum, atan2, lerp, logaddexp,
hypot. Operands arrive in their common dtype (`promoted`); atan2, logaddexp and hypot, which
only make sense on reals, get floats (the default float dtype for ints and bools)."""
import numpy as np

from ..function import Function
from .cast import promoted
from .joining import _as_operands
from .shapes import elementwise
from .tangents import or_zeros, tangent_sum


class Maximum(Function):
    """c = max(a, b), NaN where either is NaN, and a at a tie (so max(0., -0.) is 0., as torch
    computes it element by element);  dc/da = 1 where a > b, 1/2 where a = b (a tie shares
    the gradient), 0 where a < b; dc/db alike. Where a or b is NaN neither loses, so both get
    the whole gradient (as PyTorch). Chosen with `where`: an infinite gradient never meets
    a 0."""

    extreme = staticmethod(np.maximum)
    beats = staticmethod(np.greater)

    @staticmethod
    def forward(ctx, a, b):
        c = elementwise(ctx.name, ctx.extreme, a, b)
        need_a, need_b = ctx.needs_input_grad
        ctx.tie = np.equal(a, b)
        c = np.where(ctx.tie, a, c)
        ctx.a_loses = ctx.beats(b, a) if need_a else None
        ctx.b_loses = ctx.beats(a, b) if need_b else None
        return c

    @staticmethod
    def backward(ctx, grad):
        where = ctx.xp.where
        share = where(ctx.tie, grad / 2, grad)
        need_a, need_b = ctx.needs_input_grad
        return (where(ctx.a_loses, 0, share) if need_a else None,
                where(ctx.b_loses, 0, share) if need_b else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dc = da where a wins, db where b wins, (da + db) / 2 at a tie, da + db at NaN."""
        a, b = ctx.input_arrays
        tangent_a, tangent_b = or_zeros(tangent_a, a), or_zeros(tangent_b, b)
        from_a = np.where(ctx.beats(b, a), 0, np.where(ctx.tie, tangent_a / 2, tangent_a))
        from_b = np.where(ctx.beats(a, b), 0, np.where(ctx.tie, tangent_b / 2, tangent_b))
        return from_a + from_b


class Minimum(Maximum):
    """c = min(a, b), NaN where either is NaN, and a at a tie;  dc/da = 1 where a < b, 1/2
    where a = b, 0 where a > b; dc/db alike (the rules of maximum)."""

    extreme = staticmethod(np.minimum)
    beats = staticmethod(np.less)


class Atan2(Function):
    """c = atan2(a, b), the angle of the point (b, a) in (-pi, pi];
    dc/da = b / (a^2 + b^2), dc/db = -a / (a^2 + b^2). As PyTorch: r = 1 / (a^2 + b^2), but
    0 where a^2 + b^2 is 0 (at (0, 0), and where the squares underflow), then grad * b * r
    and grad * -a * r."""

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return elementwise("atan2", np.arctan2, a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        squares = a * a + b * b
        with np.errstate(divide="ignore"):  # 1 / 0, replaced by 0
            reciprocal = ctx.xp.where(squares == 0, 0, 1 / squares)
        return (grad * b * reciprocal if need_a else None,
                grad * -a * reciprocal if need_b else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dc = (b da - a db) r, r as in backward (0 where a^2 + b^2 is 0)."""
        a, b = ctx.input_arrays
        squares = a * a + b * b
        reciprocal = np.where(squares == 0, 0, 1 / squares)
        return tangent_sum(None if tangent_a is None else tangent_a * b * reciprocal,
                           None if tangent_b is None else tangent_b * -a * reciprocal)


class Lerp(Function):
    """c = start + weight (end - start);  dc/dstart = 1 - weight, dc/dend = weight,
    dc/dweight = end - start. `weight` is a tensor or a number. Computed as PyTorch defines
    it (and computes it element by element): start + weight (end - start) where
    |weight| < 1/2, else end - (end - start)(1 - weight), so that weight 1 gives end exactly.
    (torch's vectorized loop, on 8 or more contiguous elements, computes the second form as
    end + (weight - 1)(end - start) with a fused multiply-add: its last bit, and the sign of
    a zero result, can differ.)"""

    @staticmethod
    def forward(ctx, start, end, weight):
        shapes = [np.shape(start), np.shape(end), np.shape(weight)]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise ValueError(f"lerp: shapes {shapes[0]} (start), {shapes[1]} (end) and "
                             f"{shapes[2]} (weight) cannot be broadcast together") from None
        ctx.save_for_backward(start, end, weight)
        with np.errstate(invalid="ignore", over="ignore"):  # in the branch `where` drops
            near_start = start + weight * (end - start)
            near_end = end - (end - start) * (1 - weight)
        return np.where(np.abs(weight) < 0.5, near_start, near_end)

    @staticmethod
    def backward(ctx, grad):
        start, end, weight = ctx.saved_tensors
        need_start, need_end, need_weight = ctx.needs_input_grad
        return (grad * (1 - weight) if need_start else None,
                grad * weight if need_end else None,
                grad * (end - start) if need_weight else None)

    @staticmethod
    def jvp(ctx, tangent_start, tangent_end, tangent_weight):
        """dc = (1 - weight) dstart + weight dend + (end - start) dweight."""
        start, end, weight = ctx.input_arrays
        return tangent_sum(None if tangent_start is None else tangent_start * (1 - weight),
                           None if tangent_end is None else tangent_end * weight,
                           None if tangent_weight is None else tangent_weight * (end - start))


class LogAddExp(Function):
    """c = log(e^a + e^b), computed as max(a, b) + log1p(e^-|a - b|) (never overflows), and
    c = a where a and b are the same infinity;  dc/da = 1 / (1 + e^(b - a)),
    dc/db = 1 / (1 + e^(a - b))."""

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        with np.errstate(invalid="ignore"):  # inf - inf, replaced below
            difference = elementwise("logaddexp", np.subtract, a, b)
            c = np.maximum(a, b) + np.log1p(np.exp(-np.abs(difference)))
        return np.where(np.isinf(a) & np.equal(a, b), a, c)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        exp = ctx.xp.exp
        return (grad / (1 + exp(b - a)) if need_a else None,
                grad / (1 + exp(a - b)) if need_b else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dc = da / (1 + e^(b - a)) + db / (1 + e^(a - b))."""
        a, b = ctx.input_arrays
        return tangent_sum(None if tangent_a is None else tangent_a / (1 + np.exp(b - a)),
                           None if tangent_b is None else tangent_b / (1 + np.exp(a - b)))


class Hypot(Function):
    """c = sqrt(a^2 + b^2), without overflow or underflow in the squares;  dc/da = a / c,
    dc/db = b / c (NaN at (0, 0), as PyTorch's grad * a / c)."""

    @staticmethod
    def forward(ctx, a, b):
        c = elementwise("hypot", np.hypot, a, b)
        ctx.save_for_backward(a, b, c)
        return c

    @staticmethod
    def backward(ctx, grad):
        a, b, c = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad * a / c if need_a else None), (grad * b / c if need_b else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dc = (a da + b db) / c."""
        a, b = ctx.input_arrays
        c = ctx.output_data
        return tangent_sum(None if tangent_a is None else tangent_a * a / c,
                           None if tangent_b is None else tangent_b * b / c)


def operands(op_name, *values, real=False):
    """Tensors, arrays, numbers and nested lists in their common dtype (PyTorch's promotion);
    with `real`, floats (the default float dtype for ints and bools). Numbers alone become
    0-d arrays; next to a tensor they stay numbers. A TypeError names the op."""
    try:
        return promoted(*_as_operands(values), true_divide=real)
    except TypeError as error:
        raise TypeError(f"{op_name}: {error}") from None


def maximum(input, other):
    """The elementwise maximum of two tensors (broadcast); NaN where either is NaN."""
    return Maximum.apply(*operands("maximum", input, other))


def minimum(input, other):
    """The elementwise minimum of two tensors (broadcast); NaN where either is NaN."""
    return Minimum.apply(*operands("minimum", input, other))


def atan2(input, other):
    """The angle of the point (other, input), elementwise: atan2(y, x) with y = input."""
    return Atan2.apply(*operands("atan2", input, other, real=True))


def lerp(input, end, weight):
    """input + weight (end - input): linear interpolation; weight a tensor or a number."""
    return Lerp.apply(*operands("lerp", input, end, weight, real=True))


def logaddexp(input, other):
    """log(e^input + e^other), elementwise, without overflow."""
    return LogAddExp.apply(*operands("logaddexp", input, other, real=True))


def hypot(input, other):
    """sqrt(input^2 + other^2), elementwise, without overflow."""
    return Hypot.apply(*operands("hypot", input, other, real=True))


arctan2 = atan2  # numpy's name
