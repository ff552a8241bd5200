"""Normalizations as functions: F.layer_norm, F.batch_norm, F.normalize.

Each is made of recorded ops (mean, subtraction, rsqrt, products), so its derivatives come
from theirs; x_hat = (x - mu) / sqrt(var + eps) with the biased variance
var = mean((x - mu)^2), as PyTorch normalizes.
"""
import numpy as np

import autograd
from autograd import Tensor

from ..arguments import described, flag, is_int
from .inputs import as_tensor


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """x_hat * weight + bias, with mu and var taken over the last len(normalized_shape)
    axes of each example (which must have exactly that shape); weight and bias, if given,
    have shape normalized_shape."""
    x = as_tensor(input, "layer_norm")
    shape = shape_tuple(normalized_shape, "layer_norm", "normalized_shape")
    if x.shape[x.ndim - len(shape):] != shape or x.ndim < len(shape):
        raise ValueError(f"layer_norm: normalized_shape={shape} expects input of shape "
                         f"(*, {', '.join(map(str, shape))}); got {x.shape}")
    axes = tuple(range(x.ndim - len(shape), x.ndim))
    return _affine(_standardized(x, axes, eps)[0], weight, bias, shape, shape, "layer_norm")


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """x_hat * weight + bias per channel (axis 1) of input (N, C, ...).

    Training: mu and var over the batch and every axis after the channels (N * L values per
    channel); the running statistics, when given (Tensors of shape (C,)), are updated in
    place outside the graph: r <- (1 - momentum) r + momentum * statistic, with the unbiased
    variance var * n / (n - 1) for running_var, as PyTorch. Not training: x is normalized
    with running_mean and running_var instead.
    """
    x = as_tensor(input, "batch_norm")
    training = flag(training, "training", "batch_norm")
    if x.ndim < 2:
        raise ValueError(f"batch_norm: expected input of shape (N, C) or (N, C, ...); got "
                         f"{x.shape}")
    channels = x.shape[1]
    for name, stat in (("running_mean", running_mean), ("running_var", running_var)):
        if stat is None and not training:
            raise ValueError(f"batch_norm: {name} must be given in evaluation mode "
                             f"(training=False)")
        if stat is not None and (not isinstance(stat, Tensor) or stat.shape != (channels,)):
            raise ValueError(f"batch_norm: {name} must be a Tensor of shape ({channels},) "
                             f"(one per channel); got {described(stat)}")
    axes = (0,) + tuple(range(2, x.ndim))
    broadcast = (1, channels) + (1,) * (x.ndim - 2)
    if not training:
        mean = running_mean.data.reshape(broadcast).astype(x.dtype)
        scale = 1 / np.sqrt(running_var.data.reshape(broadcast) + eps)
        return _affine((x - mean) * scale.astype(x.dtype), weight, bias, (channels,),
                       broadcast, "batch_norm")
    count = x.data.size // channels
    if count <= 1:
        raise ValueError(f"batch_norm: expected more than 1 value per channel when training; "
                         f"got input of shape {x.shape}")
    x_hat, mean, var = _standardized(x, axes, eps)
    if running_mean is not None:
        _update(running_mean, mean.data.reshape(channels), momentum)
    if running_var is not None:
        _update(running_var, var.data.reshape(channels) * (count / (count - 1)), momentum)
    return _affine(x_hat, weight, bias, (channels,), broadcast, "batch_norm")


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """x / max(||x||_p, eps), the p-norm taken along `dim`: unit vectors along dim."""
    if out is not None:
        raise TypeError("normalize: out= is not supported; use the result: y = normalize(x)")
    x = as_tensor(input, "normalize")
    return x / x.norm(p, dim, keepdim=True).clamp_min(eps)


def shape_tuple(shape, operation, name):
    """An int or a sequence of ints >= 1, as a tuple."""
    items = (shape,) if is_int(shape) else shape
    if not isinstance(items, (tuple, list)) or not all(is_int(n) and n >= 1 for n in items):
        raise TypeError(f"{operation}: {name} must be an int or a tuple of positive ints, got "
                        f"{described(shape)}")
    return tuple(int(n) for n in items)


def _standardized(x, axes, eps):
    """(x_hat, mu, var): x_hat = (x - mu) / sqrt(var + eps) over `axes` (kept as size 1)."""
    mean = x.mean(axes, keepdim=True)
    centered = x - mean
    var = (centered * centered).mean(axes, keepdim=True)
    return centered * (var + eps).rsqrt(), mean, var


def _affine(x_hat, weight, bias, shape, broadcast, operation):
    """x_hat * weight + bias; weight and bias (if given) have `shape` and are reshaped to
    `broadcast` to meet x_hat."""
    for name, parameter in (("weight", weight), ("bias", bias)):
        if parameter is not None:
            parameter = as_tensor(parameter, operation)
            if parameter.shape != shape:
                raise ValueError(f"{operation}: {name} must have shape {shape}; got "
                                 f"{parameter.shape}")
            reshaped = parameter.reshape(broadcast)
            x_hat = x_hat * reshaped if name == "weight" else x_hat + reshaped
    return x_hat


def _update(running, statistic, momentum):
    """running <- (1 - momentum) running + momentum * statistic, in place, no graph."""
    if isinstance(momentum, (bool, np.bool_)) or not isinstance(
            momentum, (int, float, np.integer, np.floating)):
        raise TypeError(f"batch_norm: momentum must be a number, got {described(momentum)}")
    with autograd.no_grad():
        running.data[...] = (1 - momentum) * running.data + momentum * statistic
        running.mark_changed()
