"""Layers as modules, one file per kind: linear, containers, activation, the seeds' MLP,
conv, pooling, the convolutional lesson's CNN."""
from .activation import ACTIVATIONS, ReLU, Sigmoid, Softmax, Tanh
from .cnn import CNN
from .containers import ModuleList, Sequential
from .conv import Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d
from .linear import INIT_FANS, Linear
from .mlp import MLP
from .pooling import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, MaxPool1d,
                      MaxPool2d)

__all__ = ["ACTIVATIONS", "CNN", "INIT_FANS", "Linear", "MLP", "ModuleList", "ReLU", "Sequential",
           "Sigmoid", "Softmax", "Tanh",
           "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AvgPool1d", "AvgPool2d", "Conv1d", "Conv2d",
           "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "MaxPool1d", "MaxPool2d"]
