"""Layers as modules, one file per kind: linear, containers, activation, shape, dropout,
sparse (Embedding), normalization, the seeds' MLP."""
from .activation import (ACTIVATIONS, CELU, ELU, GELU, GLU, SELU, Hardshrink, Hardsigmoid,
                         Hardswish, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax, Mish, PReLU, ReLU,
                         ReLU6, Sigmoid, SiLU, Softmax, Softmin, Softplus, Softshrink, Softsign,
                         Tanh, Tanhshrink, Threshold)
from .containers import ModuleList, Sequential
from .dropout import Dropout, Dropout1d, Dropout2d
from .linear import INIT_FANS, INITS, Linear
from .mlp import MLP
from .normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from .shape import Flatten, Identity, Unflatten
from .sparse import Embedding

__all__ = ["ACTIVATIONS", "BatchNorm1d", "BatchNorm2d", "CELU", "Dropout", "Dropout1d",
           "Dropout2d", "ELU", "Embedding", "Flatten", "GELU", "GLU", "Hardshrink",
           "Hardsigmoid", "Hardswish", "Hardtanh", "Identity", "INIT_FANS", "INITS",
           "LayerNorm", "LeakyReLU", "Linear", "LogSigmoid", "LogSoftmax", "Mish", "MLP",
           "ModuleList", "PReLU", "ReLU", "ReLU6", "SELU", "Sequential", "Sigmoid", "SiLU",
           "Softmax", "Softmin", "Softplus", "Softshrink", "Softsign", "Tanh", "Tanhshrink",
           "Threshold", "Unflatten"]
