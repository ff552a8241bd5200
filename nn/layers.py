"""Layers: `Linear` (z = W a + b), `Sequential` (a chain of modules) and `MLP` (the seeds'
fully connected network, 784-16-16-10 and any other sizes)."""
from collections.abc import Iterable

import numpy as np

from autograd import Tensor, no_grad, ops

from .activations import ACTIVATIONS
from .arguments import described, flag, float_dtype, generator, is_int, one_of, positive_int
from .module import Module, Parameter

# Initial weights of a layer with n_in inputs and n_out outputs are drawn from N(0, 1/fan).
INIT_FANS = {
    "normal": lambda n_in, n_out: 1.0,
    "scaled": lambda n_in, n_out: n_in,
    "xavier": lambda n_in, n_out: (n_in + n_out) / 2,
    "he": lambda n_in, n_out: n_in / 2,
}
# Initialisations whose biases are drawn from N(0, 1); the others start biases at 0.
NORMAL_BIAS_INITS = ("normal", "scaled")
HIDDEN_ACTIVATIONS = ("sigmoid", "relu", "tanh")


class Linear(Module):
    """A fully connected layer: z = W a + b, for a batch of rows z = x W^T + b.

    `weight` W has shape (out_features, in_features): row i holds the weights into neuron i.
    `bias` b has shape (out_features,). Initialisations (n_in = in_features):
      "normal": W and b from N(0, 1), as the seeds' first network;
      "scaled": W from N(0, 1/n_in), b from N(0, 1) (the default: sigmoids stay unsaturated);
      "xavier": W from N(0, 2/(n_in + n_out)), b = 0 (Glorot);
      "he":     W from N(0, 2/n_in), b = 0 (for ReLU).
    Numbers are drawn in float64 (W, then b) from `rng` or a Generator seeded with `seed`,
    then cast to `dtype` (float32, also for None, or float64).
    """

    def __init__(self, in_features, out_features, bias=True, init="scaled", rng=None,
                 seed=None, dtype=np.float32):
        super().__init__()
        self.in_features = positive_int(in_features, "in_features", "Linear")
        self.out_features = positive_int(out_features, "out_features", "Linear")
        bias = flag(bias, "bias", "Linear")
        one_of(init, tuple(INIT_FANS), "init", "Linear")
        dtype = float_dtype(dtype, "Linear")
        rng = generator(rng, seed, "Linear")
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
        arrow = f"{self.in_features} -> {self.out_features}"
        return arrow if self.bias is not None else arrow + ", bias=False"


class ModuleList(Module):
    """A list of modules whose parameters count: ModuleList([Linear(2, 3), Linear(3, 1)]).

    The children are named "0", "1", ...; indexing, len(), iteration and append() go
    through them. (A plain Python list of modules would hide their parameters.)
    """

    def __init__(self, modules=()):
        super().__init__()
        if not isinstance(modules, Iterable):
            raise TypeError(
                f"{type(self).__name__}: expected an iterable of Modules, got {described(modules)}"
            )
        for module in modules:
            self.append(module)

    def append(self, module):
        if not isinstance(module, Module):
            raise TypeError(
                f"{type(self).__name__}: item {len(self)} must be a Module, "
                f"got {type(module).__name__}"
            )
        setattr(self, str(len(self)), module)
        return self

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __getitem__(self, index):
        modules = list(self._modules.values())
        if isinstance(index, slice):
            return self._of(modules[index])
        if not is_int(index):
            raise TypeError(
                f"{type(self).__name__}: index must be an int or a slice, got {described(index)}"
            )
        try:
            return modules[index]
        except IndexError:
            raise IndexError(
                f"{type(self).__name__}: index {index} out of range for {len(modules)} modules"
            ) from None

    @staticmethod
    def _of(modules):
        return ModuleList(modules)


class Sequential(ModuleList):
    """Modules applied one after another: Sequential(f, g, h)(x) = h(g(f(x))).

    The children are named "0", "1", ...; indexing, len() and iteration go through them.
    """

    def __init__(self, *modules):
        super().__init__(modules)

    def forward(self, x):
        for module in self._modules.values():
            x = module(x)
        return x

    @staticmethod
    def _of(modules):
        return Sequential(*modules)


class MLP(Module):
    """The seeds' network: Linear layers between consecutive `sizes`, each followed by an
    activation: a^l = sigma(W^l a^(l-1) + b^l).

    `layers` is a Sequential with the Linear layers at even indices and the activations at
    odd ones, so the parameters are named layers.0.weight, layers.0.bias, layers.2.weight...
    `activation` ("sigmoid", "relu" or "tanh") follows every hidden layer;
    `output_activation` follows the last: "same" (= activation; the seeds use sigmoid
    everywhere), one of "sigmoid", "relu", "tanh", "softmax", or None for raw logits (as
    `cross_entropy` wants). All layers draw from one Generator (`rng`, or seeded by `seed`).
    """

    def __init__(self, sizes, activation="sigmoid", output_activation="same", init="scaled",
                 seed=None, rng=None, dtype=np.float32):
        super().__init__()
        self.sizes = _layer_sizes(sizes)
        one_of(activation, HIDDEN_ACTIVATIONS, "activation", "MLP")
        one_of(output_activation, ("same",) + tuple(ACTIVATIONS) + (None,),
               "output_activation", "MLP")
        one_of(init, tuple(INIT_FANS), "init", "MLP")
        self.activation = activation
        self.output_activation = output_activation
        self.init = init
        self.dtype = float_dtype(dtype, "MLP")
        rng = generator(rng, seed, "MLP")
        last = activation if output_activation == "same" else output_activation
        modules = []
        for index, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            modules.append(Linear(n_in, n_out, init=init, rng=rng, dtype=self.dtype))
            name = last if index == len(self.sizes) - 2 else activation
            if name is not None:
                modules.append(ACTIVATIONS[name]())
        self.layers = Sequential(*modules)

    def forward(self, x):
        """a^L for the batch x of shape (n, n_0): shape (n, n_L)."""
        return self.layers(x)

    def predict(self, x):
        """The predicted labels (numpy, shape (n,)): the index of the largest output."""
        with no_grad():
            return np.argmax(self.forward(x).data, axis=-1)

    def config(self):
        """The constructor arguments (JSON-able), so that MLP(**config()) rebuilds it."""
        return {
            "sizes": list(self.sizes),
            "activation": self.activation,
            "output_activation": self.output_activation,
            "init": self.init,
            "dtype": self.dtype.name,
        }


def _layer_sizes(sizes):
    """`sizes` as a list of at least two positive ints [n_0, ..., n_L]."""
    expected = "a list of at least two layer sizes [n_0, ..., n_L]"
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Iterable):
        raise TypeError(f"MLP: sizes must be {expected}, got {described(sizes)}")
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"MLP: sizes must be {expected}, got {sizes!r}")
    return [positive_int(size, f"sizes[{index}]", "MLP") for index, size in enumerate(sizes)]
