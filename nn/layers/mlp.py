"""`MLP`: the seeds' fully connected network, 784-16-16-10 and any other sizes."""
from collections.abc import Iterable

import numpy as np

from autograd import no_grad

from ..arguments import described, float_dtype, generator, one_of, positive_int
from ..module import Module
from .activation import ACTIVATIONS
from .containers import Sequential
from .linear import INITS, Linear

HIDDEN_ACTIVATIONS = ("sigmoid", "relu", "tanh")


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
        one_of(init, INITS, "init", "MLP")
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

    @staticmethod
    def parameter_count(config):
        """How many weights and biases MLP(**config) would have, counted without building it
        (checkpoints check it first); TypeError or ValueError if config["sizes"] is not a
        list of sizes."""
        sizes = _layer_sizes(config.get("sizes"))
        return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))

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
