"""autograd: reverse-mode automatic differentiation on numpy arrays.

    import autograd as ag
    w = ag.tensor(0.5, requires_grad=True)
    c = ((w * 2.0 + 1.0).sigmoid() - 1.0) ** 2
    c.backward()
    w.grad          # dC/dw by the chain rule
"""
from .anomaly import detect_anomaly, is_anomaly_enabled
from .creation import arange, ones, randn, tensor, zeros
from .engine import grad
from .function import Function, unbroadcast
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from .grad_mode import enable_grad, is_grad_enabled, no_grad
from .ops import concatenate, stack, where
from .ops.binary_math_methods import (
    allclose, arctan2, atan2, bitwise_and, bitwise_not, bitwise_or, bitwise_xor, ceil, div, divide,
    equal, fix, floor, floor_divide, fmod, frac, hypot, isclose, isfinite, isinf, isnan, isneginf,
    isposinf, lerp, logaddexp, logical_and, logical_not, logical_or, logical_xor, maximum, minimum,
    mod, remainder, round, trunc)
from .scope import scope
from .tensor import Tensor
from .viz import draw

__all__ = [
    "Function", "GradcheckError", "Tensor", "arange", "concatenate", "detect_anomaly",
    "draw", "enable_grad", "grad", "gradcheck", "gradgradcheck", "is_anomaly_enabled",
    "is_grad_enabled", "no_grad",
    "ones", "randn", "scope", "stack", "tensor", "unbroadcast", "where", "zeros",
]
