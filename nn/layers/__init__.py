"""Layers as modules, one file per kind: linear, containers, activation, shape, dropout,
sparse (Embedding), normalization, conv, pooling, the seeds' MLP."""
from .activation import (ACTIVATIONS, CELU, ELU, GELU, GLU, SELU, Hardshrink, Hardsigmoid,
                         Hardswish, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax, Mish, PReLU, ReLU,
                         ReLU6, SiLU, Sigmoid, Softmax, Softmin, Softplus, Softshrink, Softsign,
                         Tanh, Tanhshrink, Threshold)
from .cnn import CNN
from .containers import ModuleList, Sequential
from .conv import Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d
from .dropout import Dropout, Dropout1d, Dropout2d
from .linear import INITS, INIT_FANS, Linear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss,
                   MSELoss, NLLLoss, SmoothL1Loss)
from .mlp import MLP
from .normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from .pooling import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, MaxPool1d,
                      MaxPool2d)
from .shape import Flatten, Identity, Unflatten
from .sparse import Embedding

__all__ = ["ACTIVATIONS", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AvgPool1d", "AvgPool2d",
           "BatchNorm1d", "BatchNorm2d", "BCELoss", "BCEWithLogitsLoss", "CELU", "CNN", "Conv1d",
           "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "CrossEntropyLoss", "Dropout",
           "Dropout1d", "Dropout2d", "ELU", "Embedding", "Flatten", "GELU", "GLU", "Hardshrink",
           "Hardsigmoid", "Hardswish", "Hardtanh", "HuberLoss", "Identity", "INIT_FANS", "INITS",
           "KLDivLoss", "L1Loss", "LayerNorm", "LeakyReLU", "Linear", "LogSigmoid", "LogSoftmax",
           "MaxPool1d", "MaxPool2d", "Mish", "MLP", "ModuleList", "MSELoss", "NLLLoss", "PReLU",
           "ReLU", "ReLU6", "SELU", "Sequential", "Sigmoid", "SiLU", "SmoothL1Loss", "Softmax",
           "Softmin", "Softplus", "Softshrink", "Softsign", "Tanh", "Tanhshrink", "Threshold",
           "Unflatten"]
