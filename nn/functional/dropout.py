"""F.dropout: zero each element with probability p while training, scale the rest by
1/(1 - p), so that the expected output is the input; F.dropout1d and F.dropout2d zero whole
channels instead (for convolutional feature maps)."""
import numpy as np

import autograd
from autograd import Tensor

from ..arguments import described, flag
from .inputs import as_tensor, elementwise


def dropout(input, p=0.5, training=True, inplace=False, *, generator=None):
    """y = x * m / (1 - p), m_i = 1 with probability 1 - p, else 0 (drawn anew each call from
    autograd's default generator, so autograd.manual_seed(s) repeats them, or from
    `generator`, an autograd.Generator);  dy/dx = m / (1 - p). p = 1 gives zeros. Not
    training, or p = 0, it returns the input itself, as PyTorch. `inplace=True` writes the
    result into the input (see nn.functional.inputs)."""
    return _dropout(input, p, training, inplace, generator, "dropout", None)


def dropout1d(input, p=0.5, training=True, inplace=False, *, generator=None):
    """dropout of whole channels: for input (N, C, L) or (C, L), one draw per channel zeroes
    or scales its whole row of L values."""
    return _dropout(input, p, training, inplace, generator, "dropout1d", (2, 3))


def dropout2d(input, p=0.5, training=True, inplace=False, *, generator=None):
    """dropout of whole channels: for input (N, C, H, W), one draw per channel zeroes or
    scales its whole H x W map. A 3-d input is taken as (N, C, L), as PyTorch does today."""
    return _dropout(input, p, training, inplace, generator, "dropout2d", (3, 4))


def _dropout(input, p, training, inplace, generator, name, channel_ndims):
    """The dropouts: one draw per element, or (given the numbers of axes the input may have)
    one per channel, shared by every value after the channel axis (the first min(2, ndim - 1)
    axes are drawn over)."""
    p = probability(p, name)
    training = flag(training, "training", name)
    x = input if isinstance(input, Tensor) else as_tensor(input, name)
    if channel_ndims is not None and x.ndim not in channel_ndims:
        raise ValueError(f"{name}: expected a {' or '.join(f'{n}-d' for n in channel_ndims)} "
                         f"input; got shape {x.shape}")
    if not training or p == 0:
        return x

    def dropped(x):
        if x.dtype.kind != "f":
            raise TypeError(f"{name}: expected a float32 or float64 tensor; got dtype {x.dtype}")
        shape = x.shape
        if channel_ndims is not None:
            drawn = min(2, x.ndim - 1)
            shape = shape[:drawn] + (1,) * (x.ndim - drawn)
        keep = autograd.rand(shape, generator=generator, dtype=np.float64).data < 1 - p
        scale = 0.0 if p == 1 else 1 / (1 - p)
        return x * (keep * scale).astype(x.dtype)
    return elementwise(dropped, input, inplace, name)


def probability(p, name):
    """`p` as a float in [0, 1] (a bool, likely a misplaced `training` flag, is refused)."""
    if isinstance(p, (bool, np.bool_)) or not isinstance(p, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: p must be a probability (a number in [0, 1]), got "
                        f"{described(p)}")
    if not 0 <= p <= 1:
        raise ValueError(f"{name}: p must be a probability in [0, 1] (the chance to zero an "
                         f"element), got {p!r}")
    return float(p)
