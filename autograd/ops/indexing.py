"""x[index] and its adjoint, index_add: the gradient of a selection is a scatter."""
import numpy as np

from ..function import Function
from .. import tensor as tensor_module


def plain_index(index):
    """The index with any Tensors in it replaced by their numpy arrays."""
    if isinstance(index, tuple):
        return tuple(plain_index(i) for i in index)
    if isinstance(index, tensor_module.Tensor):
        return index.data
    if isinstance(index, list):
        return np.asarray(index)
    return index


def _is_basic(index):
    """True when numpy would use basic indexing (slices, ints, None, ...): no element repeats."""
    parts = index if isinstance(index, tuple) else (index,)
    return all(isinstance(p, (int, np.integer, slice, type(None), type(Ellipsis))) for p in parts)


class GetItem(Function):
    """y = x[index] (slices, ints, integer arrays, boolean masks).

    dy/dx scatters the gradient back: dx[index] += grad, where an element picked several
    times (repeated integer indices) collects every one of its gradients.
    """

    @staticmethod
    def forward(ctx, x, index):
        ctx.index, ctx.input_shape = index, x.shape
        try:
            return x[index]
        except IndexError as error:
            raise IndexError(f"getitem: {error} (tensor of shape {x.shape})") from None

    @staticmethod
    def backward(ctx, grad):
        if _is_basic(ctx.index) and not ctx.create_graph:
            out = np.zeros(ctx.input_shape, dtype=grad.dtype)
            out[ctx.index] = grad
            return out
        return ctx.xp.index_add(ctx.input_shape, ctx.index, grad)


class IndexAdd(Function):
    """y = zeros(shape) with y[index] += values (repeats accumulate);  dy/dvalues = grad[index]."""

    @staticmethod
    def forward(ctx, values, shape, index):
        ctx.index = index
        out = np.zeros(shape, dtype=values.dtype)
        np.add.at(out, index, values)
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad[ctx.index]
