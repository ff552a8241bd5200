"""Tensor methods of the activation family, and its functions with the signatures of
torch.nn.functional (`autograd.gelu(x, approximate='tanh')`); ops in activations.py and
activations_smooth.py.

PyTorch's `inplace=True` is refused: a recorded op here always makes a new tensor.
"""
import numpy as np

from .. import tensor as tensor_module
from ..dtypes import DEFAULT_DTYPE
from .activations import CELU, ELU, SELU, Hardsigmoid, Hardswish, Hardtanh, LeakyReLU
from .activations_smooth import GELU, Erf, LogSigmoid, Mish, SiLU, Softplus
from .cast import to_dtype
from .shapes import axis_index, dim_or_axis


class ActivationMethods:
    __slots__ = ()

    def erf(self):
        return Erf.apply(self)


def _tensor(value, op_name, inplace=False):
    """The input as a Tensor (numbers, lists and arrays become one, as autograd.tensor);
    refuses inplace=True."""
    if inplace:
        raise ValueError(
            f"{op_name}: inplace=True is not supported (autograd records a new tensor); "
            f"use the result: x = {op_name}(x)")
    if isinstance(value, tensor_module.Tensor):
        return value
    return tensor_module.Tensor(value)


def erf(input):
    """The error function, elementwise (torch.erf); float32 for int and bool inputs."""
    return Erf.apply(_tensor(input, "erf"))


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x for x > 0, else negative_slope * x (see LeakyReLU)."""
    return LeakyReLU.apply(_tensor(input, "leaky_relu", inplace), negative_slope=negative_slope)


def elu(input, alpha=1.0, inplace=False):
    """x for x > 0, else alpha (e^x - 1) (see ELU)."""
    return ELU.apply(_tensor(input, "elu", inplace), alpha=alpha)


def celu(input, alpha=1.0, inplace=False):
    """x for x > 0, else alpha (e^(x / alpha) - 1) (see CELU)."""
    return CELU.apply(_tensor(input, "celu", inplace), alpha=alpha)


def selu(input, inplace=False):
    """scale * elu(x, alpha) with the self-normalizing constants (see SELU)."""
    return SELU.apply(_tensor(input, "selu", inplace))


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """x clamped to [min_val, max_val], with the derivative 0 at both bounds (see Hardtanh)."""
    return Hardtanh.apply(_tensor(input, "hardtanh", inplace), min_val=min_val, max_val=max_val)


def relu6(input, inplace=False):
    """min(max(x, 0), 6): hardtanh(x, 0, 6), with its derivative 0 at 0 and at 6."""
    return Hardtanh.apply(_tensor(input, "relu6", inplace), min_val=0.0, max_val=6.0)


def hardsigmoid(input, inplace=False):
    """relu6(x + 3) / 6 (see Hardsigmoid)."""
    return Hardsigmoid.apply(_tensor(input, "hardsigmoid", inplace))


def hardswish(input, inplace=False):
    """x * relu6(x + 3) / 6 (see Hardswish)."""
    return Hardswish.apply(_tensor(input, "hardswish", inplace))


def gelu(input, approximate="none"):
    """x * Phi(x), Phi the standard normal CDF; approximate='tanh' for the tanh form (GELU)."""
    return GELU.apply(_tensor(input, "gelu"), approximate=approximate)


def silu(input, inplace=False):
    """x * sigmoid(x), also called swish (see SiLU)."""
    return SiLU.apply(_tensor(input, "silu", inplace))


def mish(input, inplace=False):
    """x * tanh(softplus(x)) (see Mish)."""
    return Mish.apply(_tensor(input, "mish", inplace))


def softplus(input, beta=1.0, threshold=20.0):
    """ln(1 + e^(beta x)) / beta, and x where beta x > threshold (see Softplus)."""
    return Softplus.apply(_tensor(input, "softplus"), beta=beta, threshold=threshold)


def logsigmoid(input):
    """ln sigmoid(x), without overflow for large |x| (see LogSigmoid)."""
    return LogSigmoid.apply(_tensor(input, "logsigmoid"))


def softsign(input):
    """y = x / (1 + |x|);  dy/dx = 1 / (1 + |x|)^2. Made of abs, + and /, as PyTorch makes it,
    so it has their answers at the edges too (NaN at +-inf: inf / inf). Integers give float32
    (true division); bools are refused, as in PyTorch."""
    x = _tensor(input, "softsign")
    if x.dtype == bool:
        raise TypeError("softsign: expected a number tensor (as PyTorch); got dtype bool")
    return x / (x.abs() + 1)


def softmin(input, dim=None, *, dtype=None, axis=None):
    """s_i = e^(-x_i) / sum_j e^(-x_j) along `dim` (numpy: `axis`), the last axis when not
    given (as Tensor.softmax): softmax of -x. `dtype` converts the input first. Integers and
    bools give float32, as softmax does here."""
    x = _tensor(input, "softmin")
    if dtype is not None:
        x = to_dtype(x, np.dtype(dtype))
    if x.dtype.kind != "f":
        x = to_dtype(x, DEFAULT_DTYPE)
    axis = dim_or_axis(dim, axis, "softmin")
    axis = -1 if axis is None else axis
    axis_index(axis, x.ndim, "softmin")
    return (-x).softmax(axis=axis)
