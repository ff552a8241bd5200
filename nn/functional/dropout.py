"""F.dropout: zero each element with probability p while training, scale the rest by
1/(1 - p), so that the expected output is the input."""
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
    result into the input (see nn.functional.activation)."""
    p = probability(p, "dropout")
    training = flag(training, "training", "dropout")
    if not training or p == 0:
        return input if isinstance(input, Tensor) else as_tensor(input, "dropout")

    def dropped(x):
        if x.dtype.kind != "f":
            raise TypeError(f"dropout: expected a float32 or float64 tensor; got dtype {x.dtype}")
        keep = autograd.rand(x.shape, generator=generator, dtype=np.float64).data < 1 - p
        scale = 0.0 if p == 1 else 1 / (1 - p)
        return x * (keep * scale).astype(x.dtype)
    return elementwise(dropped, input, inplace, "dropout")


def probability(p, name):
    """`p` as a float in [0, 1] (a bool, likely a misplaced `training` flag, is refused)."""
    if isinstance(p, (bool, np.bool_)) or not isinstance(p, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: p must be a probability (a number in [0, 1]), got "
                        f"{described(p)}")
    if not 0 <= p <= 1:
        raise ValueError(f"{name}: p must be a probability in [0, 1] (the chance to zero an "
                         f"element), got {p!r}")
    return float(p)
