"""Optimizers with PyTorch's interface (parameter groups, state_dict, zero_grad, step), and
learning-rate schedulers in `nn.optim.lr_scheduler`. One file per optimizer family."""
from . import lr_scheduler
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "SGD", "lr_scheduler"]
