"""`Linear`: the fully connected layer z = W a + b, and its initialisations."""
import math

import numpy as np

from autograd import Tensor, ops

from .. import init as initialise
from ..arguments import flag, float_dtype, generator, one_of, positive_int
from ..module import Module, Parameter

# Initial weights of a layer with n_in inputs and n_out outputs are drawn from N(0, 1/fan).
INIT_FANS = {
    "normal": lambda n_in, n_out: 1.0,
    "scaled": lambda n_in, n_out: n_in,
    "xavier": lambda n_in, n_out: (n_in + n_out) / 2,
    "he": lambda n_in, n_out: n_in / 2,
}
# Initialisations whose biases are drawn from N(0, 1); the others start biases at 0.
NORMAL_BIAS_INITS = ("normal", "scaled")
# Every initialisation: the normal ones above and PyTorch's default (uniform).
INITS = (*INIT_FANS, "pytorch")


class Linear(Module):
    """A fully connected layer: z = W a + b, for a batch of rows z = x W^T + b.

    `weight` W has shape (out_features, in_features): row i holds the weights into neuron i.
    `bias` b has shape (out_features,). Initialisations (n_in = in_features):
      "normal": W and b from N(0, 1), as the seeds' first network;
      "scaled": W from N(0, 1/n_in), b from N(0, 1) (the default: sigmoids stay unsaturated);
      "xavier": W from N(0, 2/(n_in + n_out)), b = 0 (Glorot);
      "he":     W from N(0, 2/n_in), b = 0 (for ReLU);
      "pytorch": W and b from U(-1/sqrt(n_in), 1/sqrt(n_in)), PyTorch's default (W by
                nn.init.kaiming_uniform_(W, a=sqrt(5)), b by nn.init.uniform_).
    Numbers are drawn in float64 (W, then b) from `rng` or a Generator seeded with `seed`,
    then cast to `dtype` (float32, also for None, or float64).
    """

    def __init__(self, in_features, out_features, bias=True, init="scaled", rng=None,
                 seed=None, dtype=np.float32):
        super().__init__()
        self.in_features = positive_int(in_features, "in_features", "Linear")
        self.out_features = positive_int(out_features, "out_features", "Linear")
        bias = flag(bias, "bias", "Linear")
        one_of(init, INITS, "init", "Linear")
        dtype = float_dtype(dtype, "Linear")
        rng = generator(rng, seed, "Linear")
        if init == "pytorch":
            self._init_as_pytorch(bias, dtype, rng)
            return
        fan = INIT_FANS[init](self.in_features, self.out_features)
        weight = rng.standard_normal((self.out_features, self.in_features))
        weight /= np.sqrt(fan)
        self.weight = Parameter(weight, dtype=dtype)
        if not bias:
            self.bias = None
        elif init in NORMAL_BIAS_INITS:
            self.bias = Parameter(rng.standard_normal(self.out_features), dtype=dtype)
        else:
            self.bias = Parameter(np.zeros(self.out_features), dtype=dtype)

    def _init_as_pytorch(self, bias, dtype, rng):
        """PyTorch's nn.Linear.reset_parameters: W by kaiming_uniform_(a=sqrt(5)), which is
        U(-1/sqrt(n_in), 1/sqrt(n_in)), and b from the same interval."""
        self.weight = Parameter(np.zeros((self.out_features, self.in_features)), dtype=dtype)
        initialise.kaiming_uniform_(self.weight, a=math.sqrt(5), generator=rng)
        self.bias = Parameter(np.zeros(self.out_features), dtype=dtype) if bias else None
        if bias:
            bound = 1 / math.sqrt(self.in_features)
            initialise.uniform_(self.bias, -bound, bound, generator=rng)

    def forward(self, x):
        """z = x W^T + b; a numpy x, or a Tensor of ints or bools, is first cast to the
        weights' dtype."""
        if not isinstance(x, Tensor):
            x = np.asarray(x, dtype=self.weight.dtype)
        elif x.data.dtype.kind != "f":
            x = ops.to_dtype(x, self.weight.dtype)
        if self.bias is None:
            return ops.Linear.apply(x, self.weight)
        return ops.Linear.apply(x, self.weight, self.bias)

    def extra_repr(self):
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")
