"""Activation functions as modules: a^l = sigma(z^l) and its relatives, elementwise.

Each forward applies the engine's op directly, so the input may be a Tensor or a numpy
array.
"""
from autograd import ops

from ..arguments import described, is_int
from ..module import Module


class Sigmoid(Module):
    """sigma(z) = 1 / (1 + e^(-z)): the seeds' activation, squashing z into (0, 1)."""

    def forward(self, z):
        return ops.Sigmoid.apply(z)


class ReLU(Module):
    """relu(z) = max(0, z)."""

    def forward(self, z):
        return ops.ReLU.apply(z)


class Tanh(Module):
    """tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)), into (-1, 1)."""

    def forward(self, z):
        return ops.Tanh.apply(z)


class Softmax(Module):
    """softmax(z)_i = e^(z_i) / sum_j e^(z_j) along `axis`: rows that sum to 1."""

    def __init__(self, axis=-1):
        super().__init__()
        if not is_int(axis):
            raise TypeError(f"Softmax: axis must be an int, got {described(axis)}")
        self.axis = int(axis)

    def forward(self, z):
        return ops.Softmax.apply(z, axis=self.axis)

    def extra_repr(self):
        return f"axis={self.axis}"


ACTIVATIONS = {"sigmoid": Sigmoid, "relu": ReLU, "tanh": Tanh, "softmax": Softmax}
