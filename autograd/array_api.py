"""The few array functions backward formulas need, for numpy arrays and for Tensors.

A backward formula is written once, with operators (`*`, `@`, `.sum`, `.reshape`) and the
functions of `ctx.xp`. On the training hot path `ctx.xp` is `numpy_functions` and everything
is plain numpy. Under `backward(create_graph=True)` it is `tensor_functions`, whose functions
are recorded ops, so the gradient is itself a differentiable Tensor.
"""
import math

import numpy as np

from . import tensor as tensor_module


def _numpy_index_add(shape, index, values):
    """zeros(shape) with `values` added at `index` (repeated indices accumulate)."""
    out = np.zeros(shape, dtype=values.dtype)
    np.add.at(out, index, values)
    return out


def _numpy_sign(x):
    """-1, 0 or 1 in x's dtype, and 0 at NaN (as PyTorch; numpy's sign gives NaN there)."""
    return (x > 0).astype(x.dtype) - (x < 0)


def _numpy_astype(x, dtype):
    return x.astype(dtype, copy=False)


def _numpy_rsqrt(x):
    """1 / sqrt(x), in x's dtype."""
    return 1 / np.sqrt(x)


def _numpy_constant_pad(x, widths, value):
    """x with `value` put around each axis, (before, after) elements; negative amounts crop."""
    source, target, shape = [], [], []
    for n, (before, after) in zip(x.shape, widths):
        start, stop = max(-before, 0), n - max(-after, 0)
        source.append(slice(start, stop))
        target.append(slice(max(before, 0), max(before, 0) + stop - start))
        shape.append(n + before + after)
    out = np.full(shape, value, dtype=x.dtype)
    out[tuple(target)] = x[tuple(source)]
    return out


_erf_elements = np.frompyfunc(math.erf, 1, 1)


def _numpy_erf(x):
    """erf elementwise (numpy has none): math.erf, accurate to an ulp, in x's float dtype."""
    x = np.asarray(x)
    return np.asarray(_erf_elements(x), dtype=np.float64).astype(x.dtype, copy=False)


def _numpy_sigmoid(x):
    from .ops.elementwise import sigmoid_values
    return sigmoid_values(x)


def _numpy_softplus(x):
    from .ops.activations_smooth import softplus_values
    return softplus_values(x)


def _numpy_einsum(subscripts, *operands):
    """numpy's einsum, a 0-d result as a 0-d array (not a numpy scalar)."""
    return np.asarray(np.einsum(subscripts, *operands))


def _numpy_trunc_divide(a, b):
    """a / b rounded toward 0, for floats (torch.div(a, b, rounding_mode="trunc"))."""
    return np.trunc(np.true_divide(a, b))


def _numpy_conv(x, weight, geometry):
    from .ops.convolution import convolve
    return convolve(x, weight, geometry)


def _numpy_conv_transpose(y, weight, geometry):
    from .ops.convolution import convolve_transpose
    return convolve_transpose(y, weight, geometry)


def _numpy_conv_weight(x, y, geometry):
    from .ops.convolution import convolve_weight
    return convolve_weight(x, y, geometry)


class numpy_functions:
    astype = staticmethod(_numpy_astype)
    sign = staticmethod(_numpy_sign)
    zeros_like = staticmethod(np.zeros_like)
    exp = staticmethod(np.exp)
    log = staticmethod(np.log)
    where = staticmethod(np.where)
    broadcast_to = staticmethod(np.broadcast_to)
    swapaxes = staticmethod(np.swapaxes)
    index_add = staticmethod(_numpy_index_add)
    abs = staticmethod(np.abs)
    concatenate = staticmethod(np.concatenate)
    sin = staticmethod(np.sin)
    cos = staticmethod(np.cos)
    sinh = staticmethod(np.sinh)
    cosh = staticmethod(np.cosh)
    rsqrt = staticmethod(_numpy_rsqrt)
    permute = staticmethod(np.transpose)
    constant_pad = staticmethod(_numpy_constant_pad)
    erf = staticmethod(_numpy_erf)
    sigmoid = staticmethod(_numpy_sigmoid)
    tanh = staticmethod(np.tanh)
    softplus = staticmethod(_numpy_softplus)
    einsum = staticmethod(_numpy_einsum)
    trunc_divide = staticmethod(_numpy_trunc_divide)
    conv = staticmethod(_numpy_conv)
    conv_transpose = staticmethod(_numpy_conv_transpose)
    conv_weight = staticmethod(_numpy_conv_weight)


class tensor_functions:
    @staticmethod
    def astype(x, dtype):
        from .ops.cast import to_dtype
        return to_dtype(x, dtype)

    @staticmethod
    def zeros_like(x):
        from .ops.elementwise import ZerosLike
        return ZerosLike.apply(x)

    @staticmethod
    def sign(x):
        from .ops.elementwise import Sign
        return Sign.apply(x)

    @staticmethod
    def exp(x):
        from .ops.elementwise import Exp
        return Exp.apply(x) if isinstance(x, (tensor_module.Tensor, np.ndarray)) else np.exp(x)

    @staticmethod
    def log(x):
        from .ops.elementwise import Log
        return Log.apply(x) if isinstance(x, (tensor_module.Tensor, np.ndarray)) else np.log(x)

    @staticmethod
    def where(condition, a, b):
        from .ops.joining import where
        return where(condition, a, b)

    @staticmethod
    def broadcast_to(x, shape):
        from .ops.shape import BroadcastTo
        return BroadcastTo.apply(x, shape=shape)

    @staticmethod
    def swapaxes(x, axis1, axis2):
        return x.swapaxes(axis1, axis2)

    @staticmethod
    def index_add(shape, index, values):
        from .ops.indexing import IndexAdd
        return IndexAdd.apply(values, shape=shape, index=index)

    @staticmethod
    def abs(x):
        from .ops.elementwise import Abs
        return Abs.apply(x)

    @staticmethod
    def concatenate(parts, axis=0):
        from .ops.joining import concatenate
        return concatenate(parts, axis=axis)

    @staticmethod
    def sin(x):
        from .ops.trigonometric import Sin
        return Sin.apply(x)

    @staticmethod
    def cos(x):
        from .ops.trigonometric import Cos
        return Cos.apply(x)

    @staticmethod
    def sinh(x):
        from .ops.hyperbolic import Sinh
        return Sinh.apply(x)

    @staticmethod
    def cosh(x):
        from .ops.hyperbolic import Cosh
        return Cosh.apply(x)

    @staticmethod
    def rsqrt(x):
        from .ops.powers import Rsqrt
        return Rsqrt.apply(x)

    @staticmethod
    def permute(x, axes):
        from .ops.shape import Transpose
        return Transpose.apply(x, axes=axes)

    @staticmethod
    def constant_pad(x, widths, value):
        from .ops.padding import ConstantPad
        return ConstantPad.apply(x, widths=widths, value=value)

    @staticmethod
    def erf(x):
        from .ops.activations_smooth import Erf
        return Erf.apply(x)

    @staticmethod
    def sigmoid(x):
        from .ops.elementwise import Sigmoid
        return Sigmoid.apply(x)

    @staticmethod
    def tanh(x):
        from .ops.elementwise import Tanh
        return Tanh.apply(x)

    @staticmethod
    def softplus(x):
        from .ops.activations_smooth import Softplus
        return Softplus.apply(x)

    @staticmethod
    def einsum(subscripts, *operands):
        from .ops.contractions import Einsum
        return Einsum.apply(*operands, subscripts=subscripts)

    @staticmethod
    def trunc_divide(a, b):
        from .ops.division import TruncDivide
        return TruncDivide.apply(a, b)

    @staticmethod
    def conv(x, weight, geometry):
        from .ops.convolution import ConvNd
        return ConvNd.apply(x, weight, geometry=geometry)

    @staticmethod
    def conv_transpose(y, weight, geometry):
        from .ops.convolution import ConvTransposeNd
        return ConvTransposeNd.apply(y, weight, geometry=geometry)

    @staticmethod
    def conv_weight(x, y, geometry):
        from .ops.convolution import ConvWeightNd
        return ConvWeightNd.apply(x, y, geometry=geometry)
