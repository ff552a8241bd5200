"""autograd: reverse-mode automatic differentiation on numpy arrays.

    import autograd as ag
    w = ag.tensor(0.5, requires_grad=True)
    c = ((w * 2.0 + 1.0).sigmoid() - 1.0) ** 2
    c.backward()
    w.grad          # dC/dw by the chain rule
"""
from .anomaly import detect_anomaly, is_anomaly_enabled
from .creation import (arange, empty_like, eye, full, full_like, linspace, logspace, ones,
                       ones_like, tensor, zeros, zeros_like)
from .random import Generator, manual_seed, rand, randint, randn
from .dtype_names import (bool, double, float, float16, float32, float64, half, int, int8, int16,
                          int32, int64, long, short, uint8)
from .ops.conversion_methods import clone, is_floating_point, is_tensor, numel, pow
from .ops.elementwise_methods import clamp, clamp_max, clamp_min, clip
from .ops.joining import cat
from .engine import grad
from .function import Function, unbroadcast
from .ops.activation_methods import (celu, elu, erf, gelu, hardsigmoid, hardswish, hardtanh,
                                     leaky_relu, logsigmoid, mish, relu6, selu, silu, softmin,
                                     softplus, softsign)
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from .grad_mode import enable_grad, is_grad_enabled, no_grad
from .ops import concatenate, stack, where
from .ops.reduction_functions import (  # noqa: A004 (torch's names: sum, max, any, ...)
    all, amax, amin, any, argmax, argmin, cummax, cummin, cumprod, cumsum, log_softmax,
    logsumexp, max, mean, min, norm, prod, softmax, std, sum, var)
from .ops.math_methods import (acos, acosh, arccos, arccosh, arcsin, arcsinh, arctan, arctanh,
                               asin, asinh, atan, atanh, cos, cosh, deg2rad, exp, exp2, expm1,
                               log, log1p, log2, log10, rad2deg, reciprocal, rsqrt, sin, sinh,
                               sqrt, square, tan)
from .ops.indexing_methods import (argsort, diag, diag_embed, diagonal, dot, einsum, gather,
                                     index_select, masked_fill, masked_select, matmul, one_hot,
                                     outer, scatter, scatter_add, sort, take_along_axis,
                                     take_along_dim, tensordot, topk, tril, triu)
from .ops.binary_math_methods import (
    allclose, arctan2, atan2, bitwise_and, bitwise_not, bitwise_or, bitwise_xor, ceil, div, divide,
    equal, fix, floor, floor_divide, fmod, frac, hypot, isclose, isfinite, isinf, isnan, isneginf,
    isposinf, lerp, logaddexp, logical_and, logical_not, logical_or, logical_xor, maximum, minimum,
    mod, remainder, round, trunc)
from .scope import scope
from .ops.shape_functions import (
    broadcast_to, chunk, expand_dims, flatten, flip, fliplr, flipud, moveaxis, movedim, narrow,
    pad, permute, repeat_interleave, reshape, roll, split, squeeze, swapaxes, swapdims, t, tile,
    transpose, unbind, unflatten, unsqueeze)
from .tensor import Tensor
from .viz import draw

__all__ = [
    "Function", "GradcheckError", "Tensor", "arange", "concatenate", "detect_anomaly",
    "draw", "enable_grad", "grad", "gradcheck", "gradgradcheck", "is_anomaly_enabled",
    "is_grad_enabled", "no_grad",
    "ones", "randn", "scope", "stack", "tensor", "unbroadcast", "where", "zeros",
]
