"""Casting a module: `to(dtype)`, `float()`, `double()`, and the CPU, the only device."""
import numpy as np

import autograd
from autograd import Tensor
from autograd.creation import check_device
from autograd.ops.cast import as_dtype


class CastMethods:
    """Module's to(), float(), double() and cpu() (Module inherits them)."""

    __slots__ = ()

    def to(self, *args, dtype=None, device=None, non_blocking=False):
        """Cast every floating parameter and buffer to `dtype` in place and return self:
        `module.to(autograd.float64)`, `module.to('float64')`, `module.to(tensor)` (its
        dtype), `module.to('cpu')`, `module.to('cpu', autograd.float64)`.

        Parameters stay the same Parameter objects (their `.data` and `.grad` are cast, as
        PyTorch's); a buffer is replaced by a cast copy; integer buffers keep their dtype.
        Only the CPU exists here: another device is a RuntimeError.
        """
        where = f"{type(self).__name__}.to"
        for arg in args:
            if isinstance(arg, Tensor):
                arg = arg.dtype
            elif _names_a_device(arg):
                device = arg
                continue
            if dtype is not None:
                raise TypeError(f"{where}: give one dtype, got {args!r} and dtype={dtype!r}")
            dtype = arg
        check_device(device, where)
        if dtype is None:
            return self
        dtype = as_dtype(dtype, where)
        if dtype.kind != "f":
            raise TypeError(f"{where}: modules take floating point dtypes only (float32 or "
                            f"float64), got {dtype}")
        return self._cast_floating(dtype)

    def float(self):
        """Cast floating parameters and buffers to float32; returns self."""
        return self._cast_floating(np.dtype(np.float32))

    def double(self):
        """Cast floating parameters and buffers to float64; returns self."""
        return self._cast_floating(np.dtype(np.float64))

    def cpu(self):
        """Returns self: every module is on the CPU already."""
        return self

    def _cast_floating(self, dtype):
        with autograd.no_grad():
            for module in self.modules():
                for parameter in module._parameters.values():
                    if parameter is not None and parameter.dtype.kind == "f":
                        _cast_in_place(parameter, dtype)
                for name, buffer in module._buffers.items():
                    if buffer is not None and buffer.dtype.kind == "f":
                        setattr(module, name, buffer.to(dtype))
        return self


def _cast_in_place(parameter, dtype):
    """Give `parameter` (and its grad) the dtype `dtype`, keeping the object."""
    parameter.data = parameter.data.astype(dtype, copy=False)
    if isinstance(parameter.grad, Tensor):
        parameter.grad.data = parameter.grad.data.astype(dtype, copy=False)
    elif parameter.grad is not None:
        parameter.grad = parameter.grad.astype(dtype, copy=False)


def _names_a_device(spec):
    """True for a device: PyTorch's device objects and the strings numpy cannot read as a
    dtype ('cpu', 'cuda:0', ...)."""
    if type(spec).__name__ == "device":
        return True
    if not isinstance(spec, str):
        return False
    try:
        np.dtype(spec)
    except TypeError:
        return True
    return False
