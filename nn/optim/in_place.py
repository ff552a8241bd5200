"""The arithmetic the optimizers share, written into arrays they own (no allocation).

The operations follow the rounding of PyTorch's fused ones (`lerp_`, `add(alpha=)`), so that
ten steps agree with torch.optim to the last bits or nearly.
"""
import numpy as np

from autograd import Tensor


def gradient_of(param):
    """The parameter's gradient as a numpy array (a gradient held as a Tensor, after
    `backward(create_graph=True)`, gives its numbers), or None."""
    grad = param.grad
    if isinstance(grad, Tensor):
        return grad.data
    return grad


def effective_gradient(grad, data, weight_decay, maximize, out):
    """g = (-grad if maximize else grad) + weight_decay * p: `grad` itself when nothing is
    added, else computed into `out`."""
    if weight_decay:
        np.multiply(data, weight_decay, out)
        if maximize:
            return np.subtract(out, grad, out)
        return np.add(out, grad, out)
    if maximize:
        return np.negative(grad, out)
    return grad


def lerp_(start, end, weight, scratch):
    """start <- start + weight * (end - start), in place; for weight >= 0.5 computed as
    end - (1 - weight) * (end - start), which rounds better there (as torch's lerp)."""
    np.subtract(end, start, scratch)
    if weight < 0.5:
        scratch *= weight
        start += scratch
    else:
        scratch *= 1 - weight
        np.subtract(end, scratch, start)
