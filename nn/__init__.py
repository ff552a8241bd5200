"""nn: layers, losses, optimizers and data built on autograd.

    import nn
    model = nn.MLP([784, 16, 16, 10])            # the seeds' network, sigmoid everywhere
    optimizer = nn.optim.SGD(model.parameters(), lr=3.0)
    cost = nn.quadratic_cost(model(x), y)        # C = 1/(2n) sum_x ||y(x) - a^L(x)||^2
    optimizer.zero_grad(); cost.backward(); optimizer.step()

`nn.data`, `nn.reference` and `nn.transforms` load on first use, so `import nn` stays quick.
"""
import importlib
import os

from . import startup

startup.quiet_interrupts()  # before anything slow is imported
startup.check_engine()

import autograd.anomaly  # noqa: E402  (after the checks above)

from . import functional, init, optim, utils  # noqa: E402
from .checkpoint import load, save
from .functional import cross_entropy, mse_loss, quadratic_cost
from .layers import (CELU, CNN, ELU, GELU, GLU, MLP, SELU, AdaptiveAvgPool1d, AdaptiveAvgPool2d,
                     AvgPool1d, AvgPool2d, BCELoss, BCEWithLogitsLoss, BatchNorm1d, BatchNorm2d,
                     Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, CrossEntropyLoss,
                     Dropout, Dropout1d, Dropout2d, Embedding, Flatten, Hardshrink, Hardsigmoid,
                     Hardswish, Hardtanh, HuberLoss, Identity, KLDivLoss, L1Loss, LayerNorm,
                     LeakyReLU, Linear, LogSigmoid, LogSoftmax, MSELoss, MaxPool1d, MaxPool2d,
                     Mish, ModuleList, NLLLoss, PReLU, ReLU, ReLU6, Sequential, SiLU, Sigmoid,
                     SmoothL1Loss, Softmax, Softmin, Softplus, Softshrink, Softsign, Tanh,
                     Tanhshrink, Threshold, Unflatten)
from .module import Module, Parameter

_LAZY_SUBMODULES = ("data", "reference", "transforms")

# detect_anomaly names the user's line that called a layer, not the layer's own code.
autograd.anomaly.hide_frames_of(os.path.dirname(os.path.abspath(__file__)))

__all__ = [
    "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AvgPool1d", "AvgPool2d", "BatchNorm1d",
    "BatchNorm2d", "BCELoss", "BCEWithLogitsLoss", "CELU", "CNN", "Conv1d", "Conv2d", "Conv3d",
    "ConvTranspose1d", "ConvTranspose2d", "cross_entropy", "CrossEntropyLoss", "data",
    "Dropout", "Dropout1d", "Dropout2d", "ELU", "Embedding", "Flatten", "functional", "GELU",
    "GLU", "Hardshrink", "Hardsigmoid", "Hardswish", "Hardtanh", "HuberLoss", "Identity",
    "init", "KLDivLoss", "L1Loss", "LayerNorm", "LeakyReLU", "Linear", "load", "LogSigmoid",
    "LogSoftmax", "MaxPool1d", "MaxPool2d", "Mish", "MLP", "Module", "ModuleList", "mse_loss",
    "MSELoss", "NLLLoss", "optim", "Parameter", "PReLU", "quadratic_cost", "reference", "ReLU",
    "ReLU6", "save", "SELU", "Sequential", "Sigmoid", "SiLU", "SmoothL1Loss", "Softmax",
    "Softmin", "Softplus", "Softshrink", "Softsign", "Tanh", "Tanhshrink", "Threshold",
    "transforms", "Unflatten", "utils",
]


def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
