"""Tensor methods of the elementwise family (ops in elementwise.py)."""
import numpy as np

from .cast import promoted
from .elementwise import Abs, Clip, Exp, Log, ReLU, Sigmoid, Sign, Sqrt, Tanh


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

    def clip(self, lo=None, hi=None):
        bounds = [bound for bound in (lo, hi) if isinstance(bound, (int, float, np.generic))]
        tensor = promoted(self, *bounds)[0]  # an int tensor with float bounds gives floats
        return Clip.apply(tensor, lo=lo, hi=hi)
