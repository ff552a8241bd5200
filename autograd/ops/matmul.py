"""Matrix products: `a @ b` (numpy.matmul semantics) and the fused layer op `linear`."""
import numpy as np

from ..function import Function, unbroadcast
from .tangents import tangent_sum


def _matmul_error(a, b):
    return ValueError(
        f"matmul: shapes {np.shape(a)} and {np.shape(b)} are not aligned "
        f"(the last axis of the first must equal the "
        f"{'only' if np.ndim(b) == 1 else 'second-to-last'} axis of the second)"
    )


class MatMul(Function):
    """C = A B, batched over leading axes like numpy.matmul.

    dC/dA: grad B^T;  dC/dB: A^T grad (transposes swap the last two axes). A 1-D operand
    is treated as a row (for A) or column (for B) matrix, and the gradient reshaped back.
    """

    @staticmethod
    def forward(ctx, a, b):
        if np.ndim(a) == 0 or np.ndim(b) == 0:
            raise ValueError(
                f"matmul: both operands need at least one dimension; got shapes "
                f"{np.shape(a)} and {np.shape(b)}"
            )
        need_a, need_b = ctx.needs_input_grad  # keep only what the gradients need
        ctx.save_for_backward(a if need_b else None, b if need_a else None)
        ctx.shapes = a.shape, b.shape
        try:
            return np.matmul(a, b)
        except ValueError:
            raise _matmul_error(a, b) from None

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        shape_a, shape_b = ctx.shapes
        row_a = (1,) + shape_a if len(shape_a) == 1 else shape_a  # as matrices
        column_b = shape_b + (1,) if len(shape_b) == 1 else shape_b
        if len(shape_a) == 1:
            grad = grad.reshape(grad.shape[:-1] + (1,) + grad.shape[-1:])
        if len(shape_b) == 1:
            grad = grad.reshape(grad.shape + (1,))
        swap = ctx.xp.swapaxes
        grad_a = grad_b = None
        if need_a:
            grad_a = unbroadcast(grad @ swap(b.reshape(column_b), -1, -2), row_a).reshape(shape_a)
        if need_b:
            grad_b = unbroadcast(swap(a.reshape(row_a), -1, -2) @ grad, column_b).reshape(shape_b)
        return grad_a, grad_b

    @staticmethod
    def jvp(ctx, tangent_a, tangent_b):
        """dC = dA B + A dB."""
        a, b = ctx.input_arrays
        return tangent_sum(None if tangent_a is None else np.matmul(tangent_a, b),
                           None if tangent_b is None else np.matmul(a, tangent_b))


class Linear(Function):
    """z = x W^T + b for a batch of rows x (the seeds' z = W a + b, one row per example).

    dz/dx: grad W;  dz/dW: grad^T x;  dz/db: grad summed over the batch. One node instead of
    matmul + transpose + add, as PyTorch's `linear`. Each gradient is a new array, so a
    layer's parameters keep theirs as `.grad` without a copy.
    """

    returns_new_arrays = True

    @staticmethod
    def forward(ctx, x, weight, bias=None):
        if weight.ndim != 2 or x.shape[-1:] != weight.shape[1:]:
            raise ValueError(
                f"linear: input of shape {np.shape(x)} does not fit weight of shape "
                f"{np.shape(weight)} (expected input (..., {np.shape(weight)[-1]}))"
            )
        needs = ctx.needs_input_grad  # keep only what the gradients need
        ctx.save_for_backward(x if needs[1] else None, weight if needs[0] else None)
        z = x @ weight.T
        if bias is not None:
            z += bias
        return z

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        rows_grad = grad if grad.ndim == 2 else grad.reshape((-1, grad.shape[-1]))
        grad_x = grad @ weight if needs[0] else None
        grad_weight = None
        if needs[1]:
            rows_x = x if x.ndim == 2 else x.reshape((-1, x.shape[-1]))  # fold batch axes
            grad_weight = rows_grad.T @ rows_x
        grad_bias = np.add.reduce(rows_grad, axis=0) if len(needs) == 3 and needs[2] else None
        return grad_x, grad_weight, grad_bias

    @staticmethod
    def jvp(ctx, tangent_x, tangent_weight, tangent_bias=None):
        """dz = dx W^T + x dW^T + db."""
        x, weight = ctx.input_arrays[:2]
        return tangent_sum(None if tangent_x is None else tangent_x @ weight.T,
                           None if tangent_weight is None else x @ tangent_weight.T,
                           tangent_bias)
