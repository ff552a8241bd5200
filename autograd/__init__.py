"""autograd: reverse-mode automatic differentiation on numpy arrays.

    import autograd as ag
    w = ag.tensor(0.5, requires_grad=True)
    c = ((w * 2.0 + 1.0).sigmoid() - 1.0) ** 2
    c.backward()
    w.grad          # dC/dw by the chain rule

Every op is a function here (`autograd.sin(x)`) and a Tensor method where PyTorch has one
(`x.sin()`). `from autograd import *` leaves out the names that would hide Python's builtins
(sum, max, min, any, all, round, pow, float, int, bool): use them as `autograd.sum` and so on.
"""
from .anomaly import detect_anomaly, is_anomaly_enabled
from .counting import count_ops
from .creation import (arange, empty_like, eye, full, full_like, linspace, logspace, ones,
                       ones_like, tensor, zeros, zeros_like)
from .dtype_names import (bool, double, float, float16, float32, float64, half, int, int8, int16,
                          int32, int64, long, short, uint8)
from .engine import grad
from .function import Function, unbroadcast
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from .grad_mode import enable_grad, is_grad_enabled, no_grad
from .random import Generator, manual_seed, rand, randint, randn
from .scope import are_scopes_recorded, record_scopes, run_in_scope, scope
from .tensor import Tensor
from .capture import CaptureWarning, compile  # compile: not in __all__ (the builtin's name)
from .updates import run_update
from .viz import draw
from . import forward_ad, functional  # noqa: E402 (after Tensor: both build on it)
# the ops as functions, family by family (each also a Tensor method where PyTorch has one)
from .ops import concatenate, stack, where
from .ops.activation_methods import (celu, elu, erf, gelu, hardsigmoid, hardswish, hardtanh,
                                     leaky_relu, logsigmoid, mish, relu6, selu, silu, softmin,
                                     softplus, softsign)
from .ops.binary_math_methods import (
    allclose, arctan2, atan2, bitwise_and, bitwise_not, bitwise_or, bitwise_xor, ceil, div, divide,
    equal, fix, floor, floor_divide, fmod, frac, hypot, isclose, isfinite, isinf, isnan, isneginf,
    isposinf, lerp, logaddexp, logical_and, logical_not, logical_or, logical_xor, maximum, minimum,
    mod, remainder, round, trunc)
from .ops.conversion_methods import clone, is_floating_point, is_tensor, numel, pow
from .ops.elementwise_methods import clamp, clamp_max, clamp_min, clip
from .ops.indexing_methods import (argsort, diag, diag_embed, diagonal, dot, einsum, gather,
                                   index_select, masked_fill, masked_select, matmul, one_hot,
                                   outer, scatter, scatter_add, sort, take_along_axis,
                                   take_along_dim, tensordot, topk, tril, triu)
from .ops.joining import cat
from .ops.convolution_functions import (conv1d, conv2d, conv3d, conv_transpose1d,
                                        conv_transpose2d, conv_transpose3d)
from .ops.pooling import adaptive_avg_pool1d, avg_pool1d, max_pool1d, max_pool2d, max_pool3d
from .ops.padding import pad
from .ops.math_methods import (acos, acosh, arccos, arccosh, arcsin, arcsinh, arctan, arctanh,
                               asin, asinh, atan, atanh, cos, cosh, deg2rad, exp, exp2, expm1,
                               log, log1p, log2, log10, rad2deg, reciprocal, rsqrt, sin, sinh,
                               sqrt, square, tan)
from .ops.reduction_functions import (
    all, amax, amin, any, argmax, argmin, cummax, cummin, cumprod, cumsum, log_softmax,
    logsumexp, max, mean, min, norm, prod, softmax, std, sum, var)
from .ops.shape_functions import (
    broadcast_to, chunk, expand_dims, flatten, flip, fliplr, flipud, moveaxis, movedim, narrow,
    permute, repeat_interleave, reshape, roll, split, squeeze, swapaxes, swapdims, t, tile,
    transpose, unbind, unflatten, unsqueeze)

__all__ = [
    "acos", "acosh", "allclose", "amax", "amin", "arange", "arccos", "arccosh", "arcsin",
    "arcsinh", "arctan", "arctan2", "arctanh", "are_scopes_recorded", "argmax", "argmin",
    "argsort", "asin", "asinh",
    "atan", "atan2", "atanh", "bitwise_and", "bitwise_not", "bitwise_or", "bitwise_xor",
    "broadcast_to",
    "CaptureWarning", "cat", "ceil", "celu", "chunk", "clamp", "clamp_max", "clamp_min", "clip",
    "clone", "concatenate", "cos", "cosh", "count_ops", "cummax", "cummin", "cumprod", "cumsum",
    "deg2rad", "detect_anomaly", "diag", "diag_embed", "diagonal", "div", "divide", "dot",
    "double", "draw", "einsum", "elu", "empty_like", "enable_grad", "equal", "erf", "exp", "exp2",
    "expand_dims", "expm1", "eye", "fix", "flatten", "flip", "fliplr", "flipud", "float16",
    "float32", "float64", "floor", "floor_divide", "fmod", "forward_ad", "frac", "full",
    "full_like", "Function", "functional", "gather", "gelu", "Generator", "grad", "gradcheck",
    "GradcheckError", "gradgradcheck", "half", "hardsigmoid", "hardswish", "hardtanh", "hypot",
    "index_select", "int16", "int32", "int64", "int8", "is_anomaly_enabled", "is_floating_point",
    "is_grad_enabled", "is_tensor", "isclose", "isfinite", "isinf", "isnan", "isneginf",
    "isposinf", "leaky_relu", "lerp", "linspace", "log", "log10", "log1p", "log2", "log_softmax",
    "logaddexp", "logical_and", "logical_not", "logical_or", "logical_xor", "logsigmoid",
    "logspace", "logsumexp", "long", "manual_seed", "masked_fill", "masked_select", "matmul",
    "maximum", "mean", "minimum", "mish", "mod", "moveaxis", "movedim", "narrow", "no_grad",
    "norm", "numel", "one_hot", "ones", "ones_like", "outer", "pad", "permute", "prod", "rad2deg",
    "rand", "randint", "randn", "reciprocal", "relu6", "remainder", "repeat_interleave", "reshape",
    "record_scopes", "roll", "rsqrt", "run_in_scope", "run_update", "scatter", "scatter_add",
    "scope", "selu", "short", "silu", "sin", "sinh",
    "softmax", "softmin", "softplus", "softsign", "sort", "split", "sqrt", "square", "squeeze",
    "stack", "std", "swapaxes", "swapdims", "t", "take_along_axis", "take_along_dim", "tan",
    "Tensor", "tensor", "tensordot", "tile", "topk", "transpose", "tril", "triu", "trunc", "uint8",
    "unbind", "unbroadcast", "unflatten", "unsqueeze", "var", "where", "zeros", "zeros_like",
    # convolution and pooling (ops/convolution_functions.py, ops/pooling.py)
    "adaptive_avg_pool1d", "avg_pool1d", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
    "conv_transpose2d", "conv_transpose3d", "max_pool1d", "max_pool2d", "max_pool3d",
]
