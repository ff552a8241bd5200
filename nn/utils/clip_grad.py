"""Gradient clipping, as torch.nn.utils.clip_grad_norm_ and clip_grad_value_: call between
`loss.backward()` and `optimizer.step()`; the gradients are changed in place."""
import math
import numbers

import numpy as np

from autograd import Tensor

from ..arguments import described, tensor_list


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False):
    """Scale the gradients so that their total norm is at most `max_norm`; returns the total
    norm before scaling, a 0-d Tensor.

    The total norm is the p-norm (p = norm_type: a positive number, inf for the largest
    |g|, 0 to count the non-zero entries, -inf for the smallest |g|) of the vector of each
    gradient's own p-norm, i.e. of all gradient numbers together. Every gradient is
    multiplied by min(1, max_norm / (total + 1e-6)). A total that is inf or NaN raises
    RuntimeError when `error_if_nonfinite`, else scales the gradients by it (NaN results).
    Parameters without a gradient are skipped; with none at all the total is 0.
    """
    operation = "clip_grad_norm_"
    params = tensor_list(parameters, operation)
    max_norm = _number(max_norm, "max_norm", operation, allow_inf=True)
    if max_norm < 0:
        raise ValueError(f"{operation}: max_norm must be >= 0, got {max_norm!r}")
    p = _number(norm_type, "norm_type", operation, allow_inf=True, allow_minus_inf=True)
    if not isinstance(error_if_nonfinite, (bool, np.bool_)):
        raise TypeError(f"{operation}: error_if_nonfinite must be True or False, got "
                        f"{described(error_if_nonfinite)}")
    grads = [grad for grad in map(_gradient, params) if grad is not None]
    if not grads:
        return Tensor(0.0)
    dtype = np.result_type(*grads)
    total = _vector_norm(np.array([_vector_norm(grad, p) for grad in grads], dtype=dtype), p)
    if error_if_nonfinite and not np.isfinite(total):
        raise RuntimeError(f"{operation}: the total norm of order {norm_type} of the gradients "
                           f"is {total}, so they cannot be clipped; pass "
                           "error_if_nonfinite=False to scale them by it anyway")
    factor = np.minimum(max_norm / (total + dtype.type(1e-6)), dtype.type(1.0))
    for param in params:
        _scale_gradient(param, factor)
    return Tensor(total)


def clip_grad_value_(parameters, clip_value):
    """Clip every gradient number into [-clip_value, clip_value], in place."""
    operation = "clip_grad_value_"
    params = tensor_list(parameters, operation)
    clip_value = _number(clip_value, "clip_value", operation, allow_inf=True)
    if clip_value < 0:
        raise ValueError(f"{operation}: clip_value must be >= 0, got {clip_value!r}")
    for param in params:
        grad = _writable_gradient(param)
        if grad is not None:
            np.clip(grad, -clip_value, clip_value, out=grad)


def _number(value, name, operation, allow_inf=False, allow_minus_inf=False):
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{operation}: {name} must be a number, got {described(value)}")
    value = float(value)
    if math.isnan(value) or (value == math.inf and not allow_inf) or (
            value == -math.inf and not allow_minus_inf):
        raise ValueError(f"{operation}: {name} must be a number{' or inf' if allow_inf else ''}"
                         f", got {value!r}")
    return value


def _gradient(param):
    grad = param.grad
    return grad.data if isinstance(grad, Tensor) else grad


def _vector_norm(x, p):
    """The p-norm of all the numbers of x, in x's dtype (0 for no numbers)."""
    magnitudes = np.abs(x)
    if magnitudes.size == 0:
        return magnitudes.dtype.type(0)
    if p == math.inf:
        return magnitudes.max()
    if p == -math.inf:
        return magnitudes.min()
    if p == 0:
        return magnitudes.dtype.type(np.count_nonzero(magnitudes))
    if p == 2:
        return np.sqrt(np.sum(magnitudes * magnitudes))
    return np.sum(magnitudes ** p) ** (1 / p)


def _writable_gradient(param):
    """param's gradient as an array that may be changed in place (a gradient held as a
    recorded Tensor, or a read-only array, is first replaced by a copy of its numbers, so the
    graph behind it stays untouched); None without a gradient."""
    grad = param.grad
    if grad is None:
        return None
    if isinstance(grad, Tensor) or not grad.flags.writeable:
        grad = param.grad = np.array(_gradient(param), dtype=param.dtype)
    return grad


def _scale_gradient(param, factor):
    grad = _writable_gradient(param)
    if grad is not None:
        grad *= grad.dtype.type(factor)
