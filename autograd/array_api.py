"""The few array functions backward formulas need, for numpy arrays and for Tensors.

A backward formula is written once, with operators (`*`, `@`, `.sum`, `.reshape`) and the
functions of `ctx.xp`. On the training hot path `ctx.xp` is `numpy_functions` and everything
is plain numpy. Under `backward(create_graph=True)` it is `tensor_functions`, whose functions
are recorded ops, so the gradient is itself a differentiable Tensor.
"""
import numpy as np

from . import tensor as tensor_module


def _numpy_index_add(shape, index, values):
    """zeros(shape) with `values` added at `index` (repeated indices accumulate)."""
    out = np.zeros(shape, dtype=values.dtype)
    np.add.at(out, index, values)
    return out


def _numpy_sign(x):
    """-1, 0 or 1 in x's dtype, and 0 at NaN (as PyTorch; numpy's sign gives NaN there)."""
    return (x > 0).astype(x.dtype) - (x < 0)


def _numpy_astype(x, dtype):
    return x.astype(dtype, copy=False)


def _numpy_trunc_divide(a, b):
    """a / b rounded toward 0, for floats (torch.div(a, b, rounding_mode="trunc"))."""
    return np.trunc(np.true_divide(a, b))


class numpy_functions:
    astype = staticmethod(_numpy_astype)
    sign = staticmethod(_numpy_sign)
    zeros_like = staticmethod(np.zeros_like)
    exp = staticmethod(np.exp)
    log = staticmethod(np.log)
    where = staticmethod(np.where)
    broadcast_to = staticmethod(np.broadcast_to)
    swapaxes = staticmethod(np.swapaxes)
    index_add = staticmethod(_numpy_index_add)
    trunc_divide = staticmethod(_numpy_trunc_divide)


class tensor_functions:
    @staticmethod
    def astype(x, dtype):
        from .ops.cast import to_dtype
        return to_dtype(x, dtype)

    @staticmethod
    def zeros_like(x):
        from .ops.elementwise import ZerosLike
        return ZerosLike.apply(x)

    @staticmethod
    def sign(x):
        from .ops.elementwise import Sign
        return Sign.apply(x)

    @staticmethod
    def exp(x):
        from .ops.elementwise import Exp
        return Exp.apply(x) if isinstance(x, (tensor_module.Tensor, np.ndarray)) else np.exp(x)

    @staticmethod
    def log(x):
        from .ops.elementwise import Log
        return Log.apply(x) if isinstance(x, (tensor_module.Tensor, np.ndarray)) else np.log(x)

    @staticmethod
    def where(condition, a, b):
        from .ops.joining import where
        return where(condition, a, b)

    @staticmethod
    def broadcast_to(x, shape):
        from .ops.shape import BroadcastTo
        return BroadcastTo.apply(x, shape=shape)

    @staticmethod
    def swapaxes(x, axis1, axis2):
        return x.swapaxes(axis1, axis2)

    @staticmethod
    def index_add(shape, index, values):
        from .ops.indexing import IndexAdd
        return IndexAdd.apply(values, shape=shape, index=index)

    @staticmethod
    def trunc_divide(a, b):
        from .ops.division import TruncDivide
        return TruncDivide.apply(a, b)
