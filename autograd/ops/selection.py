"""Masks and classes: masked_fill, masked_select (a selection: GetItem's backward), one_hot."""
import numpy as np

from ..function import Function
from .. import tensor as tensor_module
from .indexing import GetItem, index_array, operand
from .tangents import or_zeros


def _mask_array(mask, op_name, shape):
    """The boolean mask as a numpy array, and the shape it and `shape` broadcast to."""
    array = mask.data if isinstance(mask, tensor_module.Tensor) else np.asarray(mask)
    if array.dtype != bool:
        raise TypeError(f"{op_name}: mask must be boolean; got dtype {array.dtype}")
    try:
        return array, np.broadcast_shapes(shape, array.shape)
    except ValueError:
        raise ValueError(
            f"{op_name}: mask of shape {array.shape} does not broadcast with the input of shape "
            f"{shape}"
        ) from None


class MaskedFill(Function):
    """y = value where mask, else x (x and mask broadcast; value converted to x's dtype, a
    number or a 0-d tensor);  dy/dx = 0 where mask, else 1;  dy/dvalue = 1 where mask, so
    value's gradient is the sum of grad over the masked elements. Chosen with `where`."""

    @staticmethod
    def forward(ctx, x, value, mask):
        if np.ndim(value):
            raise ValueError(
                f"masked_fill: value must be a number or a 0-d tensor; got shape {np.shape(value)}")
        ctx.mask, shape = _mask_array(mask, "masked_fill", x.shape)
        ctx.value_dtype = np.result_type(value)
        return np.where(ctx.mask, np.asarray(value).astype(x.dtype), np.broadcast_to(x, shape))

    @staticmethod
    def backward(ctx, grad):
        need_x, need_value = ctx.needs_input_grad
        where = ctx.xp.where
        grad_value = None
        if need_value:
            total = where(ctx.mask, grad, 0).sum(keepdims=True).reshape(())  # 0-d, not a scalar
            grad_value = ctx.xp.astype(total, ctx.value_dtype)
        return (where(ctx.mask, 0, grad) if need_x else None), grad_value

    @staticmethod
    def jvp(ctx, tangent_x, tangent_value):
        """dy = dvalue where mask, else dx."""
        x, value = ctx.input_arrays
        return np.where(ctx.mask, or_zeros(tangent_value, value), or_zeros(tangent_x, x))


class MaskedSelect(GetItem):
    """y = the elements of x where mask (both broadcast), as a 1-d tensor in row-major order;
    dy/dx adds each gradient back to its element (GetItem's backward, then summed over the
    axes x was broadcast along)."""

    @staticmethod
    def forward(ctx, x, mask):
        mask, shape = _mask_array(mask, "masked_select", x.shape)
        return GetItem.forward(ctx, np.broadcast_to(x, shape), np.broadcast_to(mask, shape))


def masked_fill(input, mask, value):
    """torch.masked_fill: value (a number or 0-d tensor) where mask is True, else input."""
    return MaskedFill.apply(operand(input), value, mask=mask)


def masked_select(input, mask):
    """torch.masked_select: the elements where mask is True, as a 1-d tensor."""
    return MaskedSelect.apply(operand(input), mask=mask)


def one_hot(tensor, num_classes=-1):
    """torch.nn.functional.one_hot: int64 of shape tensor.shape + (num_classes,) with 1 at each
    class index; num_classes=-1 takes the largest index + 1. Not differentiable (an int64
    result): the tensor it gives never requires grad."""
    array = tensor.data if isinstance(tensor, tensor_module.Tensor) else np.asarray(tensor)
    if array.dtype.kind not in "iu":
        raise TypeError(f"one_hot: expects an integer tensor (int64); got dtype {array.dtype}")
    if num_classes == -1:
        if array.size == 0:
            raise ValueError("one_hot: cannot infer the number of classes from an empty tensor; "
                             "give num_classes")
        num_classes = int(array.max()) + 1
    classes = index_array(array, "one_hot", -1, max(num_classes, 0))
    out = (classes[..., None] == np.arange(num_classes)).astype(np.int64)
    return tensor_module.Tensor._wrap(out, False, None)
