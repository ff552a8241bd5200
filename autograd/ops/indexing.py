"""x[index] and its adjoint, index_add: the gradient of a selection is a scatter."""
import numpy as np

from ..function import Function
from .. import tensor as tensor_module
from .tangents import or_zeros


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

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx[index] (dx broadcast first where forward broadcast x: masked_select)."""
        return np.broadcast_to(tangent, ctx.input_shape)[ctx.index]


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

    @staticmethod
    def jvp(ctx, tangent):
        """dy = zeros(shape) with dy[index] += dvalues (added to -0, the sum of nothing, so
        that a -0 stays -0)."""
        out = np.zeros_like(ctx.output_data)
        out[ctx.index] = -0.0
        np.add.at(out, ctx.index, tangent)
        return out


class IndexPut(Function):
    """y = x with y[index] = value (value broadcast to x[index]'s shape), written into x's own
    array: `t[index] = value` on a tensor in the graph, as torch's index_put_;  dy/dx = 0 at
    the written elements, else 1 (chosen with `where`);  dy/dvalue = grad[index], summed back
    over the axes value was broadcast along. An element named twice gets one of its values
    (numpy's choice: the last), as torch leaves it open."""

    @staticmethod
    def forward(ctx, x, value, index):
        ctx.index = index
        ctx.value_dtype = np.result_type(value)
        try:
            x[index] = value
        except (IndexError, ValueError) as error:
            raise type(error)(f"item assignment: {error} (tensor of shape {x.shape})") from None
        ctx.kept = np.ones(x.shape, dtype=bool)
        ctx.kept[index] = False
        return x

    @staticmethod
    def backward(ctx, grad):
        need_x, need_value = ctx.needs_input_grad
        return (ctx.xp.where(ctx.kept, grad, 0) if need_x else None,
                ctx.xp.astype(grad[ctx.index], ctx.value_dtype) if need_value else None)

    @staticmethod
    def jvp(ctx, tangent_x, tangent_value):
        """dy = dx where kept, else 0, and dy[index] += dvalue (broadcast): the adjoint of
        backward, so an element named twice gets the sum of its values' tangents (from -0,
        the sum of nothing: a -0 stays -0)."""
        x, value = ctx.input_arrays
        out = np.where(ctx.kept, or_zeros(tangent_x, x), -0.0).astype(ctx.output_data.dtype,
                                                                      copy=False)
        tangent_value = or_zeros(tangent_value, value)
        np.add.at(out, ctx.index, np.broadcast_to(tangent_value, out[ctx.index].shape))
        return out


def index_array(index, op_name, dim, size, negative_wraps=False):
    """An index argument (an integer Tensor, numpy array or list) as an int64 array whose values
    address an axis of `size`; negatives count from the end only where `negative_wraps` (as in
    the torch op this serves). Out of range: IndexError naming the op, dim, index and size."""
    array = index.data if isinstance(index, tensor_module.Tensor) else np.asarray(index)
    if array.size == 0 and not isinstance(index, (tensor_module.Tensor, np.ndarray)):
        array = array.astype(np.int64)  # [] is float64 to numpy
    if array.dtype.kind not in "iu":
        raise TypeError(
            f"{op_name}: index must hold integers (int64, as torch's LongTensor); got dtype "
            f"{array.dtype} (a tensor made from a list is float32 unless given dtype=np.int64)"
        )
    array = array.astype(np.int64, copy=False)
    low = -size if negative_wraps else 0
    outside = (array < low) | (array >= size)
    if outside.any():
        raise IndexError(
            f"{op_name}: index {array[outside].flat[0]} is out of range for dim {dim} of size "
            f"{size} (expected {low}..{size - 1})"
        )
    return array % size if negative_wraps and size else array


def open_index(sizes, dim, index):
    """The numpy index that picks x[..., index[i, j, k], ...] at axis `dim` and the position
    itself (0 .. sizes[a] - 1, broadcast against `index`) at every other axis a: the index of
    gather, scatter and take_along_dim, in which every part is an array."""
    ndim = len(sizes)
    return tuple(
        index if a == dim else np.arange(sizes[a]).reshape([-1 if b == a else 1
                                                             for b in range(ndim)])
        for a in range(ndim)
    )


def operand(value):
    """A Tensor or numpy array as it is; a number or nested list as an array (torch's
    functions take tensors: this spares the user wrapping a literal)."""
    if isinstance(value, (tensor_module.Tensor, np.ndarray)):
        return value
    return tensor_module.as_array(value)
