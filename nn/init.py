"""nn.init: fill a tensor in place with its first values, as torch.nn.init.

Every function writes into `tensor.data` without recording anything (as under `no_grad`),
marks the tensor changed (a graph recorded before cannot be differentiated after) and
returns the tensor, so `nn.init.zeros_(layer.bias)` reads as PyTorch's. Random ones take
`generator=`: an autograd.Generator, a numpy Generator, or None for autograd's default
generator (seeded by `autograd.manual_seed`). Numbers are drawn in float64 and cast to the
tensor's dtype.

Fans, as PyTorch's: for a weight of shape (n_out, n_in, k1, k2, ...) (a Linear's is
(n_out, n_in), a convolution's (out_channels, in_channels / groups, *kernel)), with
receptive field r = k1 k2 ..., fan_in = n_in r and fan_out = n_out r.
  xavier (Glorot):  std = gain sqrt(2 / (fan_in + fan_out))
  kaiming (He):     std = gain / sqrt(fan)        (fan = fan_in or fan_out: `mode`)
  uniform versions draw from U(-sqrt(3) std, sqrt(3) std), which has that std.

nn.Linear keeps the seeds' "scaled" initialisation by default (W from N(0, 1/n_in), b from
N(0, 1)); `nn.Linear(..., init="pytorch")` is PyTorch's default: kaiming_uniform_(W,
a=sqrt(5)), that is W and b from U(-1/sqrt(n_in), 1/sqrt(n_in)).
"""
import math
import numbers
import warnings

import numpy as np

from autograd import Tensor

from .arguments import described, numpy_generator

__all__ = [
    "calculate_gain", "constant_", "dirac_", "eye_", "kaiming_normal_", "kaiming_uniform_",
    "normal_", "ones_", "orthogonal_", "trunc_normal_", "uniform_", "xavier_normal_",
    "xavier_uniform_", "zeros_",
]

_LINEAR_GAINS = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                 "conv_transpose2d", "conv_transpose3d", "sigmoid")
# The smallest share of N(mean, std) that trunc_normal_'s interval [a, b] may hold: it draws
# until every number falls inside, about 1/share rounds.
_SMALLEST_TRUNCATED_SHARE = 1e-3


def calculate_gain(nonlinearity, param=None):
    """The gain that keeps activations' scale through `nonlinearity`, as PyTorch's: 1 for
    linear, conv and sigmoid, 5/3 for tanh, sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for
    leaky_relu (`param` the negative slope, 0.01 by default) and 3/4 for selu."""
    if nonlinearity in _LINEAR_GAINS:
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        if isinstance(slope, bool) or not isinstance(slope, numbers.Real):
            raise ValueError(f"calculate_gain: the negative slope of leaky_relu must be a "
                             f"number, got {described(param)}")
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"calculate_gain: unsupported nonlinearity {nonlinearity!r}; expected one "
                     f"of {_LINEAR_GAINS + ('tanh', 'relu', 'leaky_relu', 'selu')}")


def _calculate_fan_in_and_fan_out(tensor):
    """(fan_in, fan_out) of a weight of shape (n_out, n_in, *kernel), as PyTorch's."""
    shape = _tensor(tensor, "_calculate_fan_in_and_fan_out").shape
    if len(shape) < 2:
        raise ValueError(f"fan in and fan out need a tensor of at least 2 dimensions (a "
                         f"weight), got shape {shape}")
    receptive_field = math.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


def _calculate_correct_fan(tensor, mode):
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"mode must be 'fan_in' or 'fan_out', got {mode!r}")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


# -- constants ---------------------------------------------------------------------------------

def constant_(tensor, val):
    """Fill `tensor` with `val`."""
    return _fill(_tensor(tensor, "constant_"), np.full(tensor.shape, val))


def zeros_(tensor):
    """Fill `tensor` with 0."""
    return _fill(_tensor(tensor, "zeros_"), np.zeros(tensor.shape))


def ones_(tensor):
    """Fill `tensor` with 1."""
    return _fill(_tensor(tensor, "ones_"), np.ones(tensor.shape))


def eye_(tensor):
    """The identity matrix into a 2-D `tensor` (ones on the diagonal, zeros elsewhere)."""
    if _tensor(tensor, "eye_").ndim != 2:
        raise ValueError(f"eye_: expected a 2-D tensor, got shape {tensor.shape}")
    return _fill(tensor, np.eye(*tensor.shape))


def dirac_(tensor, groups=1):
    """The identity convolution into a 3-, 4- or 5-D weight (out_channels, in_channels,
    *kernel): a 1 at the kernel's centre from input channel i to output channel i of each of
    `groups` groups, zeros elsewhere."""
    shape = _tensor(tensor, "dirac_").shape
    if tensor.ndim not in (3, 4, 5):
        raise ValueError(f"dirac_: expected a 3-, 4- or 5-D tensor, got shape {shape}")
    if isinstance(groups, bool) or not isinstance(groups, numbers.Integral) or groups < 1:
        raise ValueError(f"dirac_: groups must be a positive int, got {described(groups)}")
    if shape[0] % groups:
        raise ValueError(f"dirac_: the first dimension ({shape[0]}) must be divisible by "
                         f"groups ({groups})")
    out_per_group = shape[0] // groups
    values = np.zeros(shape)
    centre = tuple(k // 2 for k in shape[2:])
    for group in range(groups):
        for channel in range(min(out_per_group, shape[1])):
            values[(group * out_per_group + channel, channel) + centre] = 1
    return _fill(tensor, values)


# -- random --------------------------------------------------------------------------------------

def uniform_(tensor, a=0.0, b=1.0, generator=None):
    """Numbers drawn from U(a, b)."""
    rng = numpy_generator(generator, "nn.init.uniform_")
    return _fill(_tensor(tensor, "uniform_"), rng.uniform(a, b, tensor.shape))


def normal_(tensor, mean=0.0, std=1.0, generator=None):
    """Numbers drawn from N(mean, std^2)."""
    rng = numpy_generator(generator, "nn.init.normal_")
    return _fill(_tensor(tensor, "normal_"), rng.normal(mean, std, tensor.shape))


def trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None):
    """Numbers drawn from N(mean, std^2) truncated to [a, b]: draws outside are drawn
    again. ValueError when [a, b] holds less than 0.1% of N(mean, std^2)."""
    rng = numpy_generator(generator, "nn.init.trunc_normal_")
    _tensor(tensor, "trunc_normal_")
    if not a < b:
        raise ValueError(f"trunc_normal_: expected a < b, got a={a!r}, b={b!r}")
    share = _normal_cdf((b - mean) / std) - _normal_cdf((a - mean) / std)
    if share < _SMALLEST_TRUNCATED_SHARE:
        raise ValueError(f"trunc_normal_: [a, b] = [{a}, {b}] holds only {share:.2g} of "
                         f"N({mean}, {std}^2); choose an interval nearer the mean")
    values = rng.normal(mean, std, tensor.shape)
    outside = (values < a) | (values > b)
    while outside.any():
        values[outside] = rng.normal(mean, std, int(outside.sum()))
        outside = (values < a) | (values > b)
    return _fill(tensor, values)


def xavier_uniform_(tensor, gain=1.0, generator=None):
    """Glorot: U(-bound, bound), bound = gain sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(_tensor(tensor, "xavier_uniform_"))
    bound = math.sqrt(3.0) * gain * math.sqrt(2.0 / (fan_in + fan_out))
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor, gain=1.0, generator=None):
    """Glorot: N(0, std^2), std = gain sqrt(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(_tensor(tensor, "xavier_normal_"))
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), generator)


def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He: U(-bound, bound), bound = sqrt(3) gain / sqrt(fan), gain =
    calculate_gain(nonlinearity, a), fan = fan_in or fan_out (`mode`). A tensor with no
    elements is left as it is (with a warning, as PyTorch)."""
    if _no_elements(tensor, "kaiming_uniform_"):
        return tensor
    std = _kaiming_std(tensor, a, mode, nonlinearity)
    return uniform_(tensor, -math.sqrt(3.0) * std, math.sqrt(3.0) * std, generator)


def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He: N(0, std^2), std = gain / sqrt(fan) (as kaiming_uniform_)."""
    if _no_elements(tensor, "kaiming_normal_"):
        return tensor
    return normal_(tensor, 0.0, _kaiming_std(tensor, a, mode, nonlinearity), generator)


def orthogonal_(tensor, gain=1.0, generator=None):
    """A (semi-)orthogonal matrix times `gain`, from the QR decomposition of a normal draw,
    into a tensor of at least 2 dimensions (viewed as shape[0] rows)."""
    if _tensor(tensor, "orthogonal_").ndim < 2:
        raise ValueError(f"orthogonal_: expected a tensor of at least 2 dimensions, got shape "
                         f"{tensor.shape}")
    if tensor.size == 0:
        return tensor
    rows = tensor.shape[0]
    columns = tensor.size // rows
    draws = numpy_generator(generator, "nn.init.orthogonal_").normal(size=(rows, columns))
    q, r = np.linalg.qr(draws.T if rows < columns else draws)
    q *= np.sign(np.diag(r))  # makes the decomposition unique: uniform over orthogonal ones
    q = q.T if rows < columns else q
    return _fill(tensor, gain * q.reshape(tensor.shape))


# -- helpers -------------------------------------------------------------------------------------

def _kaiming_std(tensor, a, mode, nonlinearity):
    return calculate_gain(nonlinearity, a) / math.sqrt(_calculate_correct_fan(tensor, mode))


def _no_elements(tensor, function):
    """True (and a warning) for a tensor with no elements, which kaiming leaves alone."""
    if _tensor(tensor, function).size:
        return False
    warnings.warn(f"nn.init.{function}: the tensor has no elements (shape {tensor.shape}); "
                  f"nothing to initialise", UserWarning, stacklevel=3)
    return True


def _normal_cdf(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def _tensor(tensor, function):
    if not isinstance(tensor, Tensor):
        raise TypeError(f"nn.init.{function}: expected a Tensor (a layer's weight, say), got "
                        f"{described(tensor)}")
    return tensor


def _fill(tensor, values):
    """Copy `values` into `tensor` (cast to its dtype), mark it changed, return it."""
    tensor.data[...] = values
    tensor.mark_changed()
    return tensor
