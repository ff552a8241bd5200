"""The reduction family as functions, as PyTorch's `torch.sum(t, dim)`: each calls the Tensor
method of the same name (reduction_methods.py), which holds the logic."""
from ..tensor import Tensor


def _method(input, name):
    if not isinstance(input, Tensor):
        raise TypeError(f"{name}: expected a Tensor as input; got {type(input).__name__} "
                        f"(make one with autograd.tensor(...))")
    return getattr(input, name)


def sum(input, *args, **kwargs):
    return _method(input, "sum")(*args, **kwargs)


def mean(input, *args, **kwargs):
    return _method(input, "mean")(*args, **kwargs)


def prod(input, *args, **kwargs):
    return _method(input, "prod")(*args, **kwargs)


def max(input, *args, **kwargs):
    """max(t): the largest element; max(t, dim): (values, indices); max(t, other): maximum."""
    return _method(input, "max")(*args, **kwargs)


def min(input, *args, **kwargs):
    """min(t): the smallest element; min(t, dim): (values, indices); min(t, other): minimum."""
    return _method(input, "min")(*args, **kwargs)


def amax(input, *args, **kwargs):
    return _method(input, "amax")(*args, **kwargs)


def amin(input, *args, **kwargs):
    return _method(input, "amin")(*args, **kwargs)


def argmax(input, *args, **kwargs):
    return _method(input, "argmax")(*args, **kwargs)


def argmin(input, *args, **kwargs):
    return _method(input, "argmin")(*args, **kwargs)


def any(input, *args, **kwargs):
    return _method(input, "any")(*args, **kwargs)


def all(input, *args, **kwargs):
    return _method(input, "all")(*args, **kwargs)


def var(input, *args, **kwargs):
    return _method(input, "var")(*args, **kwargs)


def std(input, *args, **kwargs):
    return _method(input, "std")(*args, **kwargs)


def logsumexp(input, *args, **kwargs):
    return _method(input, "logsumexp")(*args, **kwargs)


def norm(input, *args, **kwargs):
    return _method(input, "norm")(*args, **kwargs)


def cumsum(input, *args, **kwargs):
    return _method(input, "cumsum")(*args, **kwargs)


def cumprod(input, *args, **kwargs):
    return _method(input, "cumprod")(*args, **kwargs)


def cummax(input, *args, **kwargs):
    return _method(input, "cummax")(*args, **kwargs)


def cummin(input, *args, **kwargs):
    return _method(input, "cummin")(*args, **kwargs)


def softmax(input, *args, **kwargs):
    return _method(input, "softmax")(*args, **kwargs)


def log_softmax(input, *args, **kwargs):
    return _method(input, "log_softmax")(*args, **kwargs)
