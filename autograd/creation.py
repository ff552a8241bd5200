"""Ways to make tensors: tensor, zeros, ones, randn, arange."""
import numpy as np

from .tensor import Tensor


def tensor(data, requires_grad=False, dtype=None, name=None):
    """The same as `Tensor(data, ...)`: float32 by default, float64 for float64 data."""
    return Tensor(data, requires_grad=requires_grad, dtype=dtype, name=name)


def _shape(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    for n in shape:
        if not isinstance(n, (int, np.integer)) or n < 0:
            raise ValueError(f"a shape needs non-negative integers; got {shape}")
    return tuple(int(n) for n in shape)


def zeros(*shape, dtype=np.float32, requires_grad=False, name=None):
    """A tensor of zeros: zeros(2, 3) or zeros((2, 3))."""
    return Tensor(np.zeros(_shape(shape), dtype=dtype), requires_grad=requires_grad, name=name)


def ones(*shape, dtype=np.float32, requires_grad=False, name=None):
    """A tensor of ones: ones(2, 3) or ones((2, 3))."""
    return Tensor(np.ones(_shape(shape), dtype=dtype), requires_grad=requires_grad, name=name)


def randn(*shape, seed=None, rng=None, dtype=np.float32, requires_grad=False, name=None):
    """Standard normal samples N(0, 1). Reproducible with `seed`, or draw from a given
    numpy Generator `rng` (not both)."""
    if seed is not None and rng is not None:
        raise ValueError("randn: give seed or rng, not both")
    generator = rng if rng is not None else np.random.default_rng(seed)
    data = generator.standard_normal(_shape(shape)).astype(dtype, copy=False)
    return Tensor(data, requires_grad=requires_grad, name=name)


def arange(start, stop=None, step=1, dtype=np.float32, requires_grad=False, name=None):
    """Evenly spaced values in [start, stop), as numpy.arange."""
    data = np.arange(0, start, step) if stop is None else np.arange(start, stop, step)
    return Tensor(data.astype(dtype), requires_grad=requires_grad, name=name)
