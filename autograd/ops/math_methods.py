"""Tensor methods of the smooth elementwise math family, and the same as functions
(`autograd.sin(x)` is `x.sin()`): trigonometric.py, hyperbolic.py, exp_log.py, powers.py;
also `autograd.exp`, `log` and `sqrt` for the methods of elementwise.py.

numpy's names of the inverse functions (arcsin, arccos, arctan, arcsinh, arccosh, arctanh)
are aliases, as in PyTorch.
"""
from .. import tensor as tensor_module
from .exp_log import Exp2, Expm1, Log10, Log1p, Log2
from .hyperbolic import Acosh, Asinh, Atanh, Cosh, Sinh
from .powers import Reciprocal, Rsqrt, Square
from .trigonometric import Acos, Asin, Atan, Cos, Deg2rad, Rad2deg, Sin, Tan


class MathMethods:
    __slots__ = ()

    def sin(self):
        return Sin.apply(self)

    def cos(self):
        return Cos.apply(self)

    def tan(self):
        return Tan.apply(self)

    def asin(self):
        return Asin.apply(self)

    def acos(self):
        return Acos.apply(self)

    def atan(self):
        return Atan.apply(self)

    def deg2rad(self):
        return Deg2rad.apply(self)

    def rad2deg(self):
        return Rad2deg.apply(self)

    def sinh(self):
        return Sinh.apply(self)

    def cosh(self):
        return Cosh.apply(self)

    def asinh(self):
        return Asinh.apply(self)

    def acosh(self):
        return Acosh.apply(self)

    def atanh(self):
        return Atanh.apply(self)

    def exp2(self):
        return Exp2.apply(self)

    def expm1(self):
        return Expm1.apply(self)

    def log2(self):
        return Log2.apply(self)

    def log10(self):
        return Log10.apply(self)

    def log1p(self):
        return Log1p.apply(self)

    def rsqrt(self):
        return Rsqrt.apply(self)

    def square(self):
        return Square.apply(self)

    def reciprocal(self):
        return Reciprocal.apply(self)

    def arcsin(self):
        return self.asin()

    def arccos(self):
        return self.acos()

    def arctan(self):
        return self.atan()

    def arcsinh(self):
        return self.asinh()

    def arccosh(self):
        return self.acosh()

    def arctanh(self):
        return self.atanh()


def _tensor(input, op_name):
    """`input` itself when it is a Tensor; else a TypeError naming the op (as torch.sin)."""
    if not isinstance(input, tensor_module.Tensor):
        raise TypeError(f"{op_name}: expected a Tensor; got {type(input).__name__} {input!r:.60}"
                        f" (make one with autograd.tensor(...))")
    return input


def sin(input):
    return _tensor(input, "sin").sin()


def cos(input):
    return _tensor(input, "cos").cos()


def tan(input):
    return _tensor(input, "tan").tan()


def asin(input):
    return _tensor(input, "asin").asin()


def acos(input):
    return _tensor(input, "acos").acos()


def atan(input):
    return _tensor(input, "atan").atan()


def deg2rad(input):
    return _tensor(input, "deg2rad").deg2rad()


def rad2deg(input):
    return _tensor(input, "rad2deg").rad2deg()


def sinh(input):
    return _tensor(input, "sinh").sinh()


def cosh(input):
    return _tensor(input, "cosh").cosh()


def asinh(input):
    return _tensor(input, "asinh").asinh()


def acosh(input):
    return _tensor(input, "acosh").acosh()


def atanh(input):
    return _tensor(input, "atanh").atanh()


def exp2(input):
    return _tensor(input, "exp2").exp2()


def expm1(input):
    return _tensor(input, "expm1").expm1()


def log2(input):
    return _tensor(input, "log2").log2()


def log10(input):
    return _tensor(input, "log10").log10()


def log1p(input):
    return _tensor(input, "log1p").log1p()


def rsqrt(input):
    return _tensor(input, "rsqrt").rsqrt()


def square(input):
    return _tensor(input, "square").square()


def reciprocal(input):
    return _tensor(input, "reciprocal").reciprocal()


def arcsin(input):
    return _tensor(input, "arcsin").asin()


def arccos(input):
    return _tensor(input, "arccos").acos()


def arctan(input):
    return _tensor(input, "arctan").atan()


def arcsinh(input):
    return _tensor(input, "arcsinh").asinh()


def arccosh(input):
    return _tensor(input, "arccosh").acosh()


def arctanh(input):
    return _tensor(input, "arctanh").atanh()


def exp(input):
    return _tensor(input, "exp").exp()


def log(input):
    return _tensor(input, "log").log()


def sqrt(input):
    return _tensor(input, "sqrt").sqrt()
