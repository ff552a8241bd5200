"""Layers as modules, one file per kind: linear, containers, activation, the seeds' MLP."""
from .activation import ACTIVATIONS, ReLU, Sigmoid, Softmax, Tanh
from .containers import ModuleList, Sequential
from .linear import INIT_FANS, Linear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss,
                   MSELoss, NLLLoss, SmoothL1Loss)
from .mlp import MLP

__all__ = ["ACTIVATIONS", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "HuberLoss",
           "INIT_FANS", "KLDivLoss", "L1Loss", "Linear", "MLP", "MSELoss", "ModuleList", "NLLLoss", "ReLU",
           "Sequential", "Sigmoid", "SmoothL1Loss", "Softmax", "Tanh"]
