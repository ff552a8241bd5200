"""Activation functions as modules: a^l = sigma(z^l) and its relatives, elementwise, and
the softmax family along a dim.

Each module keeps its options and calls its nn.functional function (see there for the
formulas, and for `inplace=True`); the input may be a Tensor or a numpy array. The reprs
are PyTorch's.
"""
import numpy as np

from autograd.ops.activations import check_number

from .. import functional as F
from ..arguments import described, flag, float_dtype, is_int, one_of, positive_int
from ..module import Module, Parameter


class Sigmoid(Module):
    """sigma(z) = 1 / (1 + e^(-z)): the seeds' activation, squashing z into (0, 1)."""

    def forward(self, z):
        return F.sigmoid(z)


class Tanh(Module):
    """tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)), into (-1, 1)."""

    def forward(self, z):
        return F.tanh(z)


class LogSigmoid(Module):
    """ln sigma(z), without overflow."""

    def forward(self, z):
        return F.logsigmoid(z)


class Softsign(Module):
    """z / (1 + |z|)."""

    def forward(self, z):
        return F.softsign(z)


class Tanhshrink(Module):
    """z - tanh(z)."""

    def forward(self, z):
        return F.tanhshrink(z)


class InPlaceActivation(Module):
    """An activation with PyTorch's `inplace` option (and perhaps others, in `extra_repr`)."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = flag(inplace, "inplace", type(self).__name__)

    def extra_repr(self):
        return "inplace=True" if self.inplace else ""

    def _with_inplace(self, options):
        """`options` (a repr text), followed by inplace=True when set."""
        return options + (", inplace=True" if self.inplace else "")


class ReLU(InPlaceActivation):
    """relu(z) = max(0, z)."""

    def forward(self, z):
        return F.relu(z, inplace=self.inplace)


class ReLU6(InPlaceActivation):
    """min(max(0, z), 6)."""

    def forward(self, z):
        return F.relu6(z, inplace=self.inplace)


class SELU(InPlaceActivation):
    """scale * elu(z, alpha) with the self-normalizing constants."""

    def forward(self, z):
        return F.selu(z, inplace=self.inplace)


class SiLU(InPlaceActivation):
    """z sigma(z) (swish)."""

    def forward(self, z):
        return F.silu(z, inplace=self.inplace)


class Mish(InPlaceActivation):
    """z tanh(softplus(z))."""

    def forward(self, z):
        return F.mish(z, inplace=self.inplace)


class Hardsigmoid(InPlaceActivation):
    """relu6(z + 3) / 6. (PyTorch's repr leaves out inplace here.)"""

    def forward(self, z):
        return F.hardsigmoid(z, inplace=self.inplace)

    def extra_repr(self):
        return ""


class Hardswish(InPlaceActivation):
    """z relu6(z + 3) / 6. (PyTorch's repr leaves out inplace here.)"""

    def forward(self, z):
        return F.hardswish(z, inplace=self.inplace)

    def extra_repr(self):
        return ""


class LeakyReLU(InPlaceActivation):
    """z for z > 0, else negative_slope * z."""

    def __init__(self, negative_slope=0.01, inplace=False):
        super().__init__(inplace)
        check_number(negative_slope, "negative_slope", "LeakyReLU")
        self.negative_slope = negative_slope

    def forward(self, z):
        return F.leaky_relu(z, self.negative_slope, self.inplace)

    def extra_repr(self):
        return self._with_inplace(f"negative_slope={self.negative_slope}")


class ELU(InPlaceActivation):
    """z for z > 0, else alpha (e^z - 1)."""

    def __init__(self, alpha=1.0, inplace=False):
        super().__init__(inplace)
        check_number(alpha, "alpha", type(self).__name__)
        self.alpha = alpha

    def forward(self, z):
        return F.elu(z, self.alpha, self.inplace)

    def extra_repr(self):
        return self._with_inplace(f"alpha={self.alpha}")


class CELU(ELU):
    """z for z > 0, else alpha (e^(z / alpha) - 1)."""

    def forward(self, z):
        return F.celu(z, self.alpha, self.inplace)


class Hardtanh(InPlaceActivation):
    """z clamped to [min_val, max_val]."""

    def __init__(self, min_val=-1.0, max_val=1.0, inplace=False):
        super().__init__(inplace)
        if check_number(min_val, "min_val", "Hardtanh") > check_number(max_val, "max_val",
                                                                       "Hardtanh"):
            raise ValueError(f"Hardtanh: min_val cannot be greater than max_val; got "
                             f"min_val={min_val}, max_val={max_val}")
        self.min_val, self.max_val = min_val, max_val

    def forward(self, z):
        return F.hardtanh(z, self.min_val, self.max_val, self.inplace)

    def extra_repr(self):
        return self._with_inplace(f"min_val={self.min_val}, max_val={self.max_val}")


class Threshold(InPlaceActivation):
    """z where z > threshold, else value."""

    def __init__(self, threshold, value, inplace=False):
        super().__init__(inplace)
        check_number(threshold, "threshold", "Threshold")
        check_number(value, "value", "Threshold")
        self.threshold, self.value = threshold, value

    def forward(self, z):
        return F.threshold(z, self.threshold, self.value, self.inplace)

    def extra_repr(self):
        return self._with_inplace(f"threshold={self.threshold}, value={self.value}")


class GELU(Module):
    """z Phi(z), Phi the standard normal CDF; approximate='tanh' for the tanh form."""

    def __init__(self, approximate="none"):
        super().__init__()
        self.approximate = one_of(approximate, ("none", "tanh"), "approximate", "GELU")

    def forward(self, z):
        return F.gelu(z, approximate=self.approximate)

    def extra_repr(self):
        return f"approximate={self.approximate!r}"


class Softplus(Module):
    """ln(1 + e^(beta z)) / beta, and z where beta z > threshold."""

    def __init__(self, beta=1.0, threshold=20.0):
        super().__init__()
        check_number(beta, "beta", "Softplus")
        check_number(threshold, "threshold", "Softplus")
        self.beta, self.threshold = beta, threshold

    def forward(self, z):
        return F.softplus(z, self.beta, self.threshold)

    def extra_repr(self):
        return f"beta={self.beta}, threshold={self.threshold}"


class Hardshrink(Module):
    """z where |z| > lambd, else 0."""

    def __init__(self, lambd=0.5):
        super().__init__()
        check_number(lambd, "lambd", type(self).__name__)
        self.lambd = lambd

    def forward(self, z):
        return F.hardshrink(z, self.lambd)

    def extra_repr(self):
        return f"{self.lambd}"


class Softshrink(Hardshrink):
    """z - lambd above lambd, z + lambd below -lambd, else 0."""

    def forward(self, z):
        return F.softshrink(z, self.lambd)


class GLU(Module):
    """a * sigma(b) for the two halves a, b of z along `dim`."""

    def __init__(self, dim=-1):
        super().__init__()
        if not is_int(dim):
            raise TypeError(f"GLU: dim must be an int, got {described(dim)}")
        self.dim = int(dim)

    def forward(self, z):
        return F.glu(z, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class PReLU(Module):
    """z for z > 0, else w z, the slope w learned: one shared (num_parameters=1) or one per
    channel (axis 1), each starting at `init`, in `dtype`."""

    def __init__(self, num_parameters=1, init=0.25, dtype=None):
        super().__init__()
        self.num_parameters = positive_int(num_parameters, "num_parameters", "PReLU")
        check_number(init, "init", "PReLU")
        self.init = init
        self.weight = Parameter(np.full(self.num_parameters, float(init)),
                                float_dtype(dtype, "PReLU"))

    def forward(self, z):
        return F.prelu(z, self.weight)

    def extra_repr(self):
        return f"num_parameters={self.num_parameters}"


class AlongDim(Module):
    """A normalization along one dim (PyTorch's `dim`, or numpy's `axis`). Without one,
    PyTorch's old implicit choice, with its deprecation warning (see nn.functional)."""

    def __init__(self, dim=None, *, axis=None):
        super().__init__()
        name = type(self).__name__
        if dim is not None and axis is not None:
            raise TypeError(f"{name}: give dim (PyTorch's name) or axis (numpy's), not both")
        spelling, value = ("axis", axis) if axis is not None else ("dim", dim)
        if value is not None and not is_int(value):
            raise TypeError(f"{name}: {spelling} must be an int, got {described(value)}")
        self.dim = None if value is None else int(value)

    def extra_repr(self):
        return f"dim={self.dim}"


class Softmax(AlongDim):
    """softmax(z)_i = e^(z_i) / sum_j e^(z_j) along `dim`: rows that sum to 1."""

    def forward(self, z):
        return F.softmax(z, self.dim, _stacklevel=6)


class LogSoftmax(AlongDim):
    """z_i - ln sum_j e^(z_j) along `dim`."""

    def forward(self, z):
        return F.log_softmax(z, self.dim, _stacklevel=6)


class Softmin(AlongDim):
    """softmax(-z) along `dim`."""

    def forward(self, z):
        return F.softmin(z, self.dim, _stacklevel=6)


def softmax_over_classes():
    """The seeds' output softmax: over the last axis, each row's classes."""
    return Softmax(dim=-1)


# The activations MLP knows by name: each value makes a new module.
ACTIVATIONS = {"sigmoid": Sigmoid, "relu": ReLU, "tanh": Tanh, "softmax": softmax_over_classes}
