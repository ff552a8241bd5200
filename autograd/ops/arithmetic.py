"""+, -, *, /, unary -, and ** — elementwise, with numpy broadcasting.

Each backward returns the gradient for every input at the broadcast output shape; the
engine sums it back to the input's own shape (`unbroadcast`).
"""
import numpy as np

from ..function import Function
from .shapes import elementwise
from .tangents import tangent_sum


class Add(Function):
    """c = a + b;  dc/da = 1, dc/db = 1."""

    @staticmethod
    def forward(ctx, a, b):
        return elementwise("add", np.add, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, grad

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        return tangent_sum(tangent_a, tangent_b)


class Sub(Function):
    """c = a - b;  dc/da = 1, dc/db = -1."""

    @staticmethod
    def forward(ctx, a, b):
        return elementwise("sub", np.subtract, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        return tangent_sum(tangent_a, None if tangent_b is None else -tangent_b)


class Mul(Function):
    """c = a * b;  dc/da = b, dc/db = a."""

    @staticmethod
    def forward(ctx, a, b):
        need_a, need_b = ctx.needs_input_grad  # keep only what the gradients need
        ctx.save_for_backward(a if need_b else None, b if need_a else None)
        return elementwise("mul", np.multiply, a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad * b if need_a else None), (grad * a if need_b else None)

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        a, b = ctx.input_arrays
        return tangent_sum(None if tangent_a is None else tangent_a * b,
                           None if tangent_b is None else a * tangent_b)


class Div(Function):
    """c = a / b;  dc/da = 1 / b, dc/db = -a / b^2, computed as -(a / b) / b (as PyTorch:
    never forms b^2, which under/overflows where a / b does not)."""

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, b)
        return elementwise("div", np.divide, a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        grad_a = grad / b if need_a else None
        grad_b = -grad * ((a / b) / b) if need_b else None
        return grad_a, grad_b

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dc = da / b - (a / b) / b db."""
        b = ctx.input_arrays[1]
        return tangent_sum(None if tangent_a is None else tangent_a / b,
                           None if tangent_b is None else -(ctx.output_data / b) * tangent_b)


class Neg(Function):
    """c = -a;  dc/da = -1."""

    @staticmethod
    def forward(ctx, a):
        return -a

    @staticmethod
    def backward(ctx, grad):
        return -grad

    @staticmethod
    def jvp(ctx, tangent):
        return -tangent


class PowScalar(Function):
    """c = a^p for a constant number p;  dc/da = p a^(p-1), and exactly 0 when p = 0 (also
    where the incoming gradient is inf or NaN)."""

    @property
    def name(self):
        return f"pow({self.exponent:g})"

    @staticmethod
    def forward(ctx, a, exponent):
        ctx.exponent = exponent
        ctx.save_for_backward(a)
        return a ** exponent

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        p = ctx.exponent
        if p == 0:
            return ctx.xp.zeros_like(grad)
        return grad * (p * a ** (p - 1))

    @staticmethod
    def jvp(ctx, tangent):
        p = ctx.exponent
        if p == 0:
            return np.zeros_like(tangent)
        return tangent * (p * ctx.input_arrays[0] ** (p - 1))


class Pow(Function):
    """c = a^b elementwise, both tensors;  dc/da = b a^(b-1), dc/db = a^b ln a.

    As in PyTorch, dc/da is 0 where b = 0 (even at a = 0), and dc/db is 0 where a = 0 and
    b >= 0 (the limit of a^b ln a); both are chosen with `where`, so an infinite or NaN value
    on the other branch never leaks in (a NaN arriving from above still gives NaN in dc/db,
    whose `where` sits inside the product, exactly as PyTorch writes it).
    """

    @staticmethod
    def forward(ctx, a, b):
        out = elementwise("pow", np.power, a, b)
        ctx.zero_exponent = np.equal(b, 0)
        ctx.zero_base = np.logical_and(np.equal(a, 0), np.greater_equal(b, 0))
        ctx.save_for_backward(a, b, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        a, b, out = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        where = ctx.xp.where
        grad_a = grad_b = None
        with np.errstate(divide="ignore", invalid="ignore"):
            if need_a:
                grad_a = where(ctx.zero_exponent, 0.0, grad * (b * a ** (b - 1)))
            if need_b:
                grad_b = grad * where(ctx.zero_base, 0.0, out * ctx.xp.log(a))
        return grad_a, grad_b

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dc = b a^(b-1) da + a^b ln a db, each term 0 where backward's is."""
        a, b = ctx.input_arrays
        from_a = None if tangent_a is None else np.where(
            ctx.zero_exponent, 0.0, tangent_a * (b * a ** (b - 1)))
        from_b = None if tangent_b is None else tangent_b * np.where(
            ctx.zero_base, 0.0, ctx.output_data * np.log(a))
        return tangent_sum(from_a, from_b)
