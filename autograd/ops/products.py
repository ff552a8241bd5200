"""prod over axes, with PyTorch's derivative where x holds zeros."""
import numpy as np

from ..array_api import numpy_functions
from .reductions import _Reduction
from .shapes import kept_shape


def product_of_the_others(x, axes, xp):
    """prod_{j != i} x_j over the reduced `axes`, for every element i, exact with zeros: the
    axes go last and are flattened into rows, and each element gets (product of those before
    it in its row) * (product of those after it), both by exclusive running products."""
    order = [d for d in range(x.ndim) if d not in axes] + list(axes)
    moved = xp.permute(x, order)
    rest = moved.shape[:x.ndim - len(axes)]
    rows = moved.reshape(rest + (int(np.prod([x.shape[a] for a in axes])),))
    ones = np.ones(rest + (1,), dtype=x.dtype)
    before = xp.concatenate([ones, rows[..., :-1]], axis=-1).cumprod(axis=-1)
    after = xp.concatenate([ones, rows[..., :0:-1]], axis=-1).cumprod(axis=-1)[..., ::-1]
    return xp.permute((before * after).reshape(moved.shape), list(np.argsort(order)))


class Prod(_Reduction):
    """p = prod_i x_i over the axes;  dp/dx_i = prod_{j != i} x_j.

    As PyTorch: when no element of x is 0 the gradient is grad * p / x_i; otherwise the
    product of the others is formed directly (`product_of_the_others`), so that one zero gets
    the product of the rest and every other element 0, and several zeros give 0 everywhere;
    outside create_graph, the product of every element with several zeros has the constant
    gradient 0 (whatever grad is, inf included). The product of nothing is 1; ints and bools
    multiply as int64.
    """

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.remember(x, axis, keepdims)
        ctx.zeros = int((x == 0).sum())
        ctx.everything = axis is None
        out = np.prod(x, axis=ctx.axes, keepdims=keepdims)
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        spread = ctx.spread(grad)
        if not ctx.axes or x.size == 0:
            return spread
        if ctx.everything and ctx.zeros > 1 and not ctx.create_graph:
            return ctx.xp.zeros_like(x)
        if not ctx.zeros:
            return spread * (out.reshape(kept_shape(x.shape, ctx.axes)) / x)
        return spread * product_of_the_others(x, ctx.axes, ctx.xp)

    @staticmethod
    def jvp(ctx, tangent):
        """dp = sum_i (prod_{j != i} x_j) dx_i, with backward's cases."""
        x = ctx.input_arrays[0]
        if not ctx.axes or x.size == 0:
            return ctx.gather(tangent)
        if ctx.everything and ctx.zeros > 1:
            return np.zeros_like(ctx.output_data)
        if not ctx.zeros:
            out = ctx.output_data.reshape(kept_shape(x.shape, ctx.axes))
            return ctx.gather(tangent * (out / x))
        return ctx.gather(tangent * product_of_the_others(x, ctx.axes, numpy_functions))
