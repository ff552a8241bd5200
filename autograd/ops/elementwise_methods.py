"""Tensor methods of the elementwise family (ops in elementwise.py)."""
import numpy as np

from .cast import promoted
from .elementwise import Abs, Clip, Exp, Log, ReLU, Sigmoid, Sign, Sqrt, Tanh
from .. import tensor as tensor_module


class ElementwiseMethods:
    __slots__ = ()

    def exp(self):
        return Exp.apply(self)

    def log(self):
        return Log.apply(self)

    def sqrt(self):
        return Sqrt.apply(self)

    def abs(self):
        return Abs.apply(self)

    def sign(self):
        return Sign.apply(self)

    def sigmoid(self):
        return Sigmoid.apply(self)

    def tanh(self):
        return Tanh.apply(self)

    def relu(self):
        return ReLU.apply(self)

    def clamp(self, min=None, max=None):
        """PyTorch's clamp: min(max(x, min), max), bounds numbers (min > max raises, see Clip)."""
        for bound in (min, max):
            if isinstance(bound, tensor_module.Tensor):
                raise TypeError(
                    "clamp: the bounds must be numbers here; for tensor bounds use "
                    "autograd.maximum(x, lo) and autograd.minimum(x, hi)"
                )
        bounds = [bound for bound in (min, max) if isinstance(bound, (int, float, np.generic))]
        tensor = promoted(self, *bounds)[0]  # an int tensor with float bounds gives floats
        return Clip.apply(tensor, lo=min, hi=max)

    def clip(self, min=None, max=None, *, lo=None, hi=None):
        """clamp (PyTorch's and numpy's other name); lo= and hi= are this project's older
        spelling of min= and max=."""
        return self.clamp(min if lo is None else lo, max if hi is None else hi)

    def clamp_min(self, min):
        return self.clamp(min=min)

    def clamp_max(self, max):
        return self.clamp(max=max)


def clamp(input, min=None, max=None):
    """min(max(input, min), max) (torch.clamp)."""
    return input.clamp(min, max)


def clip(input, min=None, max=None):
    return input.clamp(min, max)


def clamp_min(input, min):
    return input.clamp(min=min)


def clamp_max(input, max):
    return input.clamp(max=max)
