"""Layers as modules, one file per kind: linear, containers, activation, the seeds' MLP."""
from .activation import ACTIVATIONS, ReLU, Sigmoid, Softmax, Tanh
from .containers import ModuleList, Sequential
from .linear import INIT_FANS, INITS, Linear
from .mlp import MLP

__all__ = ["ACTIVATIONS", "INIT_FANS", "INITS", "Linear", "MLP", "ModuleList", "ReLU",
           "Sequential", "Sigmoid", "Softmax", "Tanh"]
