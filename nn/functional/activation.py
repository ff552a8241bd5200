"""Activations as functions, with torch.nn.functional's names and signatures.

Each calls the engine's op (autograd/ops/activations*.py, elementwise.py, softmax.py), so
the derivatives live there; softsign, tanhshrink, threshold, hardshrink, softshrink, glu and
prelu are made of recorded ops (where, products, sigmoid).
Inputs may be Tensors or anything `autograd.tensor` accepts (numbers, lists, numpy arrays).

`inplace=True` has PyTorch's meaning (see inputs.elementwise).
"""
import warnings

import numpy as np

import autograd
from autograd import ops
from autograd.ops.activation_methods import softsign as _softsign
from autograd.ops.activations import check_number, require_float

from ..arguments import described, is_int
from .inputs import as_tensor, elementwise


def relu(input, inplace=False):
    """max(0, x); dy/dx = 1 for x > 0, else 0 (also at 0)."""
    return elementwise(ops.ReLU.apply, input, inplace, "relu")


def relu_(input):
    """relu(input, inplace=True)."""
    return relu(input, inplace=True)


def relu6(input, inplace=False):
    """min(max(0, x), 6) = hardtanh(x, 0, 6)."""
    return elementwise(autograd.relu6, input, inplace, "relu6")


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x for x > 0, else negative_slope * x."""
    return elementwise(lambda x: autograd.leaky_relu(x, negative_slope), input, inplace,
                       "leaky_relu")


def leaky_relu_(input, negative_slope=0.01):
    """leaky_relu(input, negative_slope, inplace=True)."""
    return leaky_relu(input, negative_slope, inplace=True)


def elu(input, alpha=1.0, inplace=False):
    """x for x > 0, else alpha (e^x - 1)."""
    return elementwise(lambda x: autograd.elu(x, alpha), input, inplace, "elu")


def elu_(input, alpha=1.0):
    """elu(input, alpha, inplace=True)."""
    return elu(input, alpha, inplace=True)


def selu(input, inplace=False):
    """scale * elu(x, alpha), alpha ~ 1.6733 and scale ~ 1.0507 (self-normalizing)."""
    return elementwise(autograd.selu, input, inplace, "selu")


def celu(input, alpha=1.0, inplace=False):
    """x for x > 0, else alpha (e^(x / alpha) - 1)."""
    return elementwise(lambda x: autograd.celu(x, alpha), input, inplace, "celu")


def gelu(input, approximate="none"):
    """x Phi(x), Phi the standard normal CDF; approximate='tanh' for the tanh form."""
    return autograd.gelu(as_tensor(input, "gelu"), approximate=approximate)


def silu(input, inplace=False):
    """x sigma(x) (swish)."""
    return elementwise(autograd.silu, input, inplace, "silu")


def mish(input, inplace=False):
    """x tanh(softplus(x))."""
    return elementwise(autograd.mish, input, inplace, "mish")


def softplus(input, beta=1.0, threshold=20.0):
    """ln(1 + e^(beta x)) / beta, and x itself where beta x > threshold."""
    return autograd.softplus(as_tensor(input, "softplus"), beta=beta, threshold=threshold)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """x clamped to [min_val, max_val]; dy/dx = 1 strictly between them, else 0."""
    return elementwise(lambda x: autograd.hardtanh(x, min_val, max_val), input, inplace,
                       "hardtanh")


def hardtanh_(input, min_val=-1.0, max_val=1.0):
    """hardtanh(input, min_val, max_val, inplace=True)."""
    return hardtanh(input, min_val, max_val, inplace=True)


def hardsigmoid(input, inplace=False):
    """relu6(x + 3) / 6."""
    return elementwise(autograd.hardsigmoid, input, inplace, "hardsigmoid")


def hardswish(input, inplace=False):
    """x relu6(x + 3) / 6."""
    return elementwise(autograd.hardswish, input, inplace, "hardswish")


def sigmoid(input):
    """sigma(z) = 1 / (1 + e^(-z)), the seeds' activation."""
    return ops.Sigmoid.apply(as_tensor(input, "sigmoid"))


def tanh(input):
    """(e^z - e^(-z)) / (e^z + e^(-z))."""
    return ops.Tanh.apply(as_tensor(input, "tanh"))


def logsigmoid(input):
    """ln sigma(x), computed without overflow."""
    return autograd.logsigmoid(as_tensor(input, "logsigmoid"))


def softsign(input):
    """x / (1 + |x|)."""
    return _softsign(as_tensor(input, "softsign"))


def tanhshrink(input):
    """x - tanh(x);  dy/dx = tanh(x)^2. Integers and bools give float32, as PyTorch."""
    x = as_tensor(input, "tanhshrink")
    return x - x.tanh()


def threshold(input, threshold, value, inplace=False):
    """x where x > threshold, else `value` (NaN stays NaN);  dy/dx = 1 where x > threshold,
    else 0. The result keeps the input's dtype, as PyTorch's."""
    return _threshold(input, threshold, value, inplace)


def threshold_(input, threshold, value):
    """threshold(input, threshold, value, inplace=True)."""
    return _threshold(input, threshold, value, True)


def _threshold(input, limit, value, inplace):
    limit = check_number(limit, "threshold", "threshold")
    value = check_number(value, "value", "threshold")

    def thresholded(x):
        if x.dtype == bool:
            raise TypeError("threshold: expected a number tensor (as PyTorch); got dtype bool")
        return autograd.where(x.data <= limit, autograd.full_like(x, value), x)
    return elementwise(thresholded, input, inplace, "threshold")


def hardshrink(input, lambd=0.5):
    """x where |x| > lambd, else 0;  dy/dx = 1 where |x| > lambd (and at NaN), else 0."""
    x = as_tensor(input, "hardshrink")
    lambd = check_number(lambd, "lambd", "hardshrink")
    require_float(x.data, "hardshrink")
    return autograd.where(np.abs(x.data) <= lambd, autograd.zeros_like(x), x)


def softshrink(input, lambd=0.5):
    """x - lambd for x > lambd, x + lambd for x < -lambd, else 0 (signed as x);
    dy/dx = 1 outside [-lambd, lambd] (and at NaN), else 0. lambd must be >= 0."""
    x = as_tensor(input, "softshrink")
    if check_number(lambd, "lambd", "softshrink") < 0:
        raise ValueError(f"softshrink: lambd must be >= 0, got {lambd!r}")
    require_float(x.data, "softshrink")
    inside = np.abs(x.data) <= lambd
    return autograd.where(inside, x * 0, x - np.sign(x.data).astype(x.dtype) * lambd)


def glu(input, dim=-1):
    """a * sigma(b), where a and b are the two halves of x along `dim` (its size must be
    even): the gated linear unit."""
    x = as_tensor(input, "glu")
    if not is_int(dim):
        raise TypeError(f"glu: dim must be an int, got {described(dim)}")
    if x.ndim == 0 or not -x.ndim <= dim < x.ndim or x.shape[dim] % 2:
        raise ValueError(f"glu: dim {dim} of the input must exist and have an even size (it "
                         f"is halved); got shape {x.shape}")
    a, b = x.chunk(2, dim)
    return a * b.sigmoid()


def prelu(input, weight):
    """x for x > 0, else w x, with a learned slope w: one for all (weight of 1 element) or one
    per channel (axis 1; weight of shape (C,));  dy/dx = 1 for x > 0, else w; dy/dw = x for
    x <= 0, else 0."""
    x, w = as_tensor(input, "prelu"), as_tensor(weight, "prelu")
    channels = x.shape[1] if x.ndim >= 2 else 1
    if w.ndim != 1 or w.shape[0] not in (1, channels):
        raise ValueError(f"prelu: weight must have 1 element or one per channel ({channels}, "
                         f"axis 1 of input of shape {x.shape}); got shape {w.shape}")
    if w.shape[0] > 1:
        w = w.reshape((channels,) + (1,) * (x.ndim - 2))
    return autograd.where(x.data > 0, x, w * x)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """s_i = e^(x_i) / sum_j e^(x_j) along `dim`; `dtype` converts the input first."""
    x, dim = _along(input, dim, dtype, "softmax", _stacklevel)
    return x.softmax(dim)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """x_i - ln sum_j e^(x_j) along `dim`, stable for large inputs."""
    x, dim = _along(input, dim, dtype, "log_softmax", _stacklevel)
    return x.log_softmax(dim)


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    """softmax(-x) along `dim`."""
    x, dim = _along(input, dim, dtype, "softmin", _stacklevel)
    return autograd.softmin(x, dim)


def _along(input, dim, dtype, name, stacklevel):
    """The input (converted to `dtype` if given) and the dim to normalize along. Without a
    dim, PyTorch's old implicit choice (0 for 0-, 1- and 3-d input, else 1) with its
    deprecation warning."""
    x = as_tensor(input, name)
    if dtype is not None:
        x = ops.to_dtype(x, np.dtype(dtype))
    if dim is None:
        dim = 0 if x.ndim in (0, 1, 3) else 1
        warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the "
                      f"call to include dim=X as an argument.", UserWarning,
                      stacklevel=stacklevel)
    elif not is_int(dim):
        raise TypeError(f"{name}: dim must be an int, got {described(dim)}")
    return x, dim
