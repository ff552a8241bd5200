"""Ways to make tensors, with PyTorch's signatures: tensor, zeros, ones, full, eye, arange,
linspace, logspace, and the `*_like` ones (random ones are in random.py).

Every maker takes `dtype=`, `requires_grad=`, `name=` and `device=` (only "cpu" exists
here). Floats default to float32, as in PyTorch.
"""
import numpy as np

from .dtypes import DEFAULT_DTYPE
from . import tensor as tensor_module  # (loaded after this module: Tensor's methods use it)


def check_device(device, op):
    """Only the CPU exists here: None or "cpu" pass; "cuda" and others are refused."""
    if device is not None and str(device) != "cpu":
        raise RuntimeError(
            f"{op}: device {device!r} is not available: autograd computes with numpy on the "
            f"CPU; leave device out (or say 'cpu')"
        )


def sizes(size, op):
    """A shape given as separate ints or as one tuple/list: (2, 3) from (2, 3) or ((2, 3),)."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    for n in size:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
            raise ValueError(f"{op}: a shape needs non-negative integers; got {size}")
    return tuple(int(n) for n in size)


def _made(data, dtype, requires_grad, name, device, op):
    check_device(device, op)
    return tensor_module.Tensor(data, requires_grad=requires_grad, dtype=dtype, name=name)


def tensor(data, requires_grad=False, dtype=None, name=None, device=None):
    """The same as `Tensor(data, ...)`: float32 by default, float64 for float64 data."""
    return _made(data, dtype, requires_grad, name, device, "tensor")


def zeros(*size, dtype=DEFAULT_DTYPE, requires_grad=False, name=None, device=None):
    """A tensor of zeros: zeros(2, 3) or zeros((2, 3))."""
    return _made(np.zeros(sizes(size, "zeros")), dtype, requires_grad, name, device, "zeros")


def ones(*size, dtype=DEFAULT_DTYPE, requires_grad=False, name=None, device=None):
    """A tensor of ones: ones(2, 3) or ones((2, 3))."""
    return _made(np.ones(sizes(size, "ones")), dtype, requires_grad, name, device, "ones")


def _fill_dtype(fill_value):
    """torch.full's dtype for a fill value: bool, int64 for an int, float32 for a float."""
    if isinstance(fill_value, (bool, np.bool_)):
        return np.dtype(bool)
    if isinstance(fill_value, (int, np.integer)):
        return np.dtype(np.int64)
    if isinstance(fill_value, (float, np.floating)):
        return DEFAULT_DTYPE
    raise TypeError(f"full: fill_value must be a number; got {type(fill_value).__name__}")


def full(size, fill_value, dtype=None, requires_grad=False, name=None, device=None):
    """A tensor of `size` (a tuple) filled with `fill_value`; the dtype follows the value
    (bool, int64, float32) unless given."""
    if not isinstance(size, (tuple, list)):
        size = (size,)
    dtype = _fill_dtype(fill_value) if dtype is None else dtype
    data = np.full(sizes((size,), "full"), fill_value)
    return _made(data, dtype, requires_grad, name, device, "full")


def _like(op, input, dtype):
    """The shape and dtype (given, else the input's) of a `*_like` maker."""
    if not isinstance(input, (tensor_module.Tensor, np.ndarray)):
        raise TypeError(f"{op}: expected a Tensor or numpy array; got {type(input).__name__}")
    return input.shape, input.dtype if dtype is None else dtype


def full_like(input, fill_value, dtype=None, requires_grad=False, name=None, device=None):
    """A tensor of input's shape and dtype (unless given) filled with `fill_value`."""
    shape, dtype = _like("full_like", input, dtype)
    return _made(np.full(shape, fill_value), dtype, requires_grad, name, device, "full_like")


def zeros_like(input, dtype=None, requires_grad=False, name=None, device=None):
    """Zeros in input's shape and dtype (unless given)."""
    shape, dtype = _like("zeros_like", input, dtype)
    return _made(np.zeros(shape), dtype, requires_grad, name, device, "zeros_like")


def ones_like(input, dtype=None, requires_grad=False, name=None, device=None):
    """Ones in input's shape and dtype (unless given)."""
    shape, dtype = _like("ones_like", input, dtype)
    return _made(np.ones(shape), dtype, requires_grad, name, device, "ones_like")


def empty_like(input, dtype=None, requires_grad=False, name=None, device=None):
    """A tensor in input's shape and dtype: zeros here (torch leaves it uninitialised)."""
    return zeros_like(input, dtype, requires_grad, name, device)


def eye(n, m=None, dtype=DEFAULT_DTYPE, requires_grad=False, name=None, device=None):
    """The n x m identity matrix (m = n unless given)."""
    n, m = sizes((n, n if m is None else m), "eye")
    return _made(np.eye(n, m), dtype, requires_grad, name, device, "eye")


def arange(start, stop=None, step=1, dtype=DEFAULT_DTYPE, requires_grad=False, name=None,
           device=None):
    """Evenly spaced values in [start, stop), as numpy.arange (float32 unless dtype= says)."""
    data = np.arange(0, start, step) if stop is None else np.arange(start, stop, step)
    return _made(data, dtype, requires_grad, name, device, "arange")


def _steps(steps, op):
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"{op}: steps must be a non-negative int; got {steps!r}")
    return int(steps)


def linspace(start, end, steps, dtype=DEFAULT_DTYPE, requires_grad=False, name=None,
             device=None):
    """`steps` evenly spaced values from start to end, both included."""
    data = np.linspace(start, end, _steps(steps, "linspace"))
    return _made(data, dtype, requires_grad, name, device, "linspace")


def logspace(start, end, steps, base=10.0, dtype=DEFAULT_DTYPE, requires_grad=False,
             name=None, device=None):
    """base ** linspace(start, end, steps)."""
    data = np.float_power(base, np.linspace(start, end, _steps(steps, "logspace")))
    return _made(data, dtype, requires_grad, name, device, "logspace")
