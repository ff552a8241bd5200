"""nn: layers, losses, optimizers and data built on autograd.

    import nn
    model = nn.MLP([784, 16, 16, 10])            # the seeds' network, sigmoid everywhere
    optimizer = nn.optim.SGD(model.parameters(), lr=3.0)
    cost = nn.quadratic_cost(model(x), y)        # C = 1/(2n) sum_x ||y(x) - a^L(x)||^2
    optimizer.zero_grad(); cost.backward(); optimizer.step()

`nn.data` and `nn.reference` load on first use, so `import nn` stays quick.
"""
import importlib
import os

from . import startup

startup.quiet_interrupts()  # before anything slow is imported
startup.check_engine()

import autograd.anomaly  # noqa: E402  (after the checks above)

from . import optim  # noqa: E402

from .checkpoint import load, save
from .layers import CNN, MLP, Linear, ModuleList, ReLU, Sequential, Sigmoid, Softmax, Tanh
from .layers import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, Conv1d,
                     Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, MaxPool1d, MaxPool2d)
from .losses import cross_entropy, mse_loss, quadratic_cost
from .module import Module, Parameter

_LAZY_SUBMODULES = ("data", "reference")

# detect_anomaly names the user's line that called a layer, not the layer's own code.
autograd.anomaly.hide_frames_of(os.path.dirname(os.path.abspath(__file__)))

__all__ = [
    "CNN", "MLP", "Linear", "Module", "ModuleList", "Parameter", "ReLU", "Sequential", "Sigmoid", "Softmax",
    "Tanh", "cross_entropy", "data", "load", "mse_loss", "optim", "quadratic_cost",
    "reference", "save",
    "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AvgPool1d", "AvgPool2d", "Conv1d", "Conv2d",
    "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "MaxPool1d", "MaxPool2d",
]

def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
