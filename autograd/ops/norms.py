"""Vector p-norms over axes (PyTorch's norm / linalg.vector_norm): p = 2 (default), 1, inf,
-inf, 0 or any other float; on floats (ints and bools give the default float dtype)."""
import math

import numpy as np

from ..array_api import numpy_functions
from .elementwise import real
from .reductions import _Reduction
from .shapes import kept_shape


class Norm(_Reduction):
    """||x||_p = (sum_i |x_i|^p)^(1/p) over the axes; ||x||_inf = max |x_i|, ||x||_-inf =
    min |x_i|, ||x||_0 = the number of non-zero x_i. Over one element it is |x| for every
    p but 0 (as PyTorch, which then never squares a tiny |x| to 0), except for a 0-d tensor
    with an explicit dim (as PyTorch again).

    d||x||_p/dx_i = sign(x_i) |x_i|^(p-1) / ||x||^(p-1), with PyTorch's choices:
    p = 2: x_i / ||x||, and 0 where ||x|| = 0 (the zero vector);  p = 1: sign(x_i);
    p = +-inf: sign(x_i) / k at the k elements whose |x_i| is the norm (or NaN), else 0;
    p = 0: none (PyTorch's is undefined: an x reached only through it gets no .grad);
    p < 1: 0 at x_i = 0;  other p: 0 where ||x|| = 0.
    """

    @property
    def name(self):
        axis = "" if self.axis_option is None else f", axis={self.axis_option}"
        return f"norm(p={self.p:g}{axis})"

    @staticmethod
    def forward(ctx, x, p=2.0, axis=None, keepdims=False):
        x = real(x)
        ctx.p = p
        ctx.remember(x, axis, keepdims)
        count = math.prod(x.shape[a] for a in ctx.axes)
        a, axes = np.abs(x), ctx.axes
        if count == 0 and (math.isinf(p) or p < 0):
            raise RuntimeError(f"{ctx.name}: the {p:g}-norm of no elements is undefined "
                               f"(shape {x.shape}, reduced axes {axes})")
        with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
            if p == 0:
                norm = (x != 0).sum(axis=axes, keepdims=True).astype(x.dtype)
            elif p == 1 or (count == 1 and (x.ndim or axis is None or axis == ())):
                norm = a.sum(axis=axes, keepdims=True)
            elif math.isinf(p):
                norm = (a.max if p > 0 else a.min)(axis=axes, keepdims=True)
            elif p == 2:
                norm = np.sqrt((a * a).sum(axis=axes, keepdims=True))
            else:
                norm = (a ** p).sum(axis=axes, keepdims=True) ** (1 / p)
        ctx.zero_norm = np.broadcast_to(norm == 0, x.shape)
        if math.isinf(p):
            ctx.picked = (a == norm) | np.isnan(a)
            ctx.count = ctx.picked.sum(axis=axes, keepdims=True).astype(x.dtype)
        ctx.zero_x = x == 0
        out = norm if keepdims else norm.reshape(
            [n for i, n in enumerate(x.shape) if i not in axes])
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, norm = ctx.saved_tensors
        p, xp = ctx.p, ctx.xp
        grad = ctx.spread(grad)
        norm = norm.reshape(kept_shape(x.shape, ctx.axes))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            if p == 0:
                return None
            if p == 1:
                return xp.sign(x) * grad
            if p == 2:
                return grad * xp.where(ctx.zero_norm, 0, x / norm)
            if math.isinf(p):
                return xp.sign(x) * (grad / ctx.count * ctx.picked)
            if p < 1:
                scaled = xp.sign(x) * xp.where(ctx.zero_x, 0, xp.abs(x) ** (p - 1))
                return scaled * grad * norm ** (1 - p)
            scaled = (xp.sign(x) * xp.abs(x) ** (p - 1) if p < 2
                      else x * xp.abs(x) ** (p - 2))
            return scaled * xp.where(ctx.zero_norm, 0, grad / norm ** (p - 1))

    @staticmethod
    def jvp(ctx, tangent):
        """d||x|| = sum_i (d||x||/dx_i) dx_i, with backward's choices (0 for p = 0)."""
        x, p, sign = real(ctx.input_arrays[0]), ctx.p, numpy_functions.sign
        norm = ctx.output_data.reshape(kept_shape(x.shape, ctx.axes))
        if p == 0:
            return np.zeros_like(ctx.output_data)
        if p == 1:
            slope = sign(x)
        elif p == 2:
            slope = np.where(ctx.zero_norm, 0, x / norm)
        elif math.isinf(p):
            slope = sign(x) / ctx.count * ctx.picked
        elif p < 1:
            slope = sign(x) * np.where(ctx.zero_x, 0, np.abs(x) ** (p - 1)) * norm ** (1 - p)
        else:
            scaled = sign(x) * np.abs(x) ** (p - 1) if p < 2 else x * np.abs(x) ** (p - 2)
            slope = scaled * np.where(ctx.zero_norm, 0, 1 / norm ** (p - 1))
        return ctx.gather(tangent * slope)
