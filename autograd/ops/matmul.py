"""Matrix products: `a @ b` (numpy.matmul semantics) and the fused layer op `linear`."""
import numpy as np

from ..function import Function, unbroadcast


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
        ctx.save_for_backward(a, b)
        try:
            return np.matmul(a, b)
        except ValueError:
            raise _matmul_error(a, b) from None

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        swap = ctx.xp.swapaxes
        a2 = a.reshape((1,) + a.shape) if a.ndim == 1 else a
        b2 = b.reshape(b.shape + (1,)) if b.ndim == 1 else b
        grad2 = grad
        if a.ndim == 1:
            grad2 = grad2.reshape(grad2.shape[:-1] + (1,) + grad2.shape[-1:])
        if b.ndim == 1:
            grad2 = grad2.reshape(grad2.shape + (1,))
        grad_a = unbroadcast(grad2 @ swap(b2, -1, -2), a2.shape).reshape(a.shape) if need_a else None
        grad_b = unbroadcast(swap(a2, -1, -2) @ grad2, b2.shape).reshape(b.shape) if need_b else None
        return grad_a, grad_b


class Linear(Function):
    """z = x W^T + b for a batch of rows x (the seeds' z = W a + b, one row per example).

    dz/dx: grad W;  dz/dW: grad^T x;  dz/db: grad summed over the batch. One node instead of
    matmul + transpose + add, as PyTorch's `linear`.
    """

    @staticmethod
    def forward(ctx, x, weight, bias=None):
        if np.ndim(weight) != 2 or np.shape(x)[-1:] != np.shape(weight)[1:]:
            raise ValueError(
                f"linear: input of shape {np.shape(x)} does not fit weight of shape "
                f"{np.shape(weight)} (expected input (..., {np.shape(weight)[-1]}))"
            )
        ctx.save_for_backward(x, weight)
        z = x @ weight.T
        if bias is not None:
            z += bias
        return z

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        if x.ndim != 2:  # fold leading batch axes into one
            x = x.reshape((-1, x.shape[-1]))
        rows_grad = grad if grad.ndim == 2 else grad.reshape((-1, grad.shape[-1]))
        grad_x = grad @ weight if needs[0] else None
        grad_weight = rows_grad.T @ x if needs[1] else None
        grad_bias = rows_grad.sum(axis=0) if len(needs) == 3 and needs[2] else None
        return grad_x, grad_weight, grad_bias
