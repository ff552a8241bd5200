"""Tensor methods of dtype conversions, copies, PyTorch-style accessors and numpy interop;
the module-level functions torch has for them (autograd.clone, autograd.pow, ...)."""
import numpy as np

from .. import numpy_interop
from .. import creation  # (partly loaded when this loads: used at call time)
from .. import tensor as tensor_module
from .cast import Clone, as_dtype, to_dtype
from .shapes import axis_index


class ElementCount(int):
    """`t.size`: numpy's meaning, the number of elements (an int: `t.size == 6`,
    `range(t.size)`), that can also be called as PyTorch's `t.size()`, the shape tuple, or
    `t.size(dim)`, the length of one axis. (A small int subclass, made on each access.)"""

    def __call__(self, dim=None):
        if dim is None:
            return self.shape
        if not self.shape:
            raise IndexError(f"size: dim {dim!r} given for a 0-d tensor, which has no dims")
        return self.shape[axis_index(dim, len(self.shape), "size")]


_DEVICE_PREFIXES = ("cpu", "cuda", "mps", "xpu", "meta", "hip", "xla")


def _is_device(spec):
    return (isinstance(spec, str) and spec.split(":")[0] in _DEVICE_PREFIXES) or (
        type(spec).__name__ == "device")


class ConversionMethods:
    __slots__ = ()

    # -- sizes -----------------------------------------------------------------------------

    @property
    def size(self):
        """The number of elements (numpy's `a.size`); called, the shape: `t.size()` is
        `t.shape`, `t.size(0)` its first side (PyTorch's). See `ElementCount`."""
        count = ElementCount(self.data.size)
        count.shape = self.data.shape
        return count

    def numel(self):
        """The number of elements."""
        return self.data.size

    nelement = numel

    def dim(self):
        """The number of dimensions (`t.ndim`)."""
        return self.data.ndim

    ndimension = dim

    device = property(lambda self: "cpu", doc="Always 'cpu': autograd computes with numpy.")

    # -- dtypes ----------------------------------------------------------------------------

    def to(self, *args, dtype=None, device=None, copy=False):
        """A tensor of another dtype (differentiable between float types, as PyTorch):
        `t.to(autograd.float64)`, `t.to('float64')`, `t.to(other)` (other's dtype),
        `t.to('cpu')`, `t.to('cpu', dtype)`. Returns `self` when nothing changes, unless
        `copy=True`."""
        for arg in args:
            if isinstance(arg, tensor_module.Tensor):
                arg = arg.dtype
            elif _is_device(arg):
                device = arg
                continue
            if dtype is not None:
                raise TypeError(f"to: give one dtype; got {args!r} and dtype={dtype!r}")
            dtype = arg
        creation.check_device(device, "to")
        converted = self if dtype is None else to_dtype(self, as_dtype(dtype, "to"))
        return converted.clone() if copy and converted is self else converted

    def astype(self, dtype, copy=True):
        """numpy's astype: a converted tensor (`to`), by default a copy even of the same dtype."""
        return self.to(dtype, copy=copy)

    def type_as(self, other):
        """This tensor in `other`'s dtype."""
        return self.to(other.dtype)

    def float(self):
        """As float32 (PyTorch's `torch.float`)."""
        return to_dtype(self, np.dtype(np.float32))

    def double(self):
        """As float64."""
        return to_dtype(self, np.dtype(np.float64))

    def half(self):
        """As float16 (differentiable from a tensor that requires grad; a float16 leaf
        cannot require grad here)."""
        return to_dtype(self, np.dtype(np.float16))

    def long(self):
        """As int64 (cut from the graph: integers have no gradient)."""
        return to_dtype(self, np.dtype(np.int64))

    def int(self):
        """As int32 (PyTorch's `t.int()`; Python's `int(t)` is the value of a 1-element
        tensor). Cut from the graph."""
        return to_dtype(self, np.dtype(np.int32))

    def short(self):
        """As int16 (cut from the graph)."""
        return to_dtype(self, np.dtype(np.int16))

    def char(self):
        """As int8 (cut from the graph)."""
        return to_dtype(self, np.dtype(np.int8))

    def byte(self):
        """As uint8 (cut from the graph)."""
        return to_dtype(self, np.dtype(np.uint8))

    def bool(self):
        """As bool: True where non-zero (cut from the graph)."""
        return to_dtype(self, np.dtype(bool))

    def is_floating_point(self):
        return self.data.dtype.kind == "f"

    # -- copies and conversions out --------------------------------------------------------

    def clone(self):
        """A copy that stays in the graph (d copy / dx = 1)."""
        return Clone.apply(self)

    def tolist(self):
        """The values as (nested) Python lists; a 0-d tensor gives a number."""
        return self.data.tolist()

    def cpu(self):
        """This tensor (there is only the CPU)."""
        return self

    # -- new tensors of this dtype ---------------------------------------------------------

    def new_tensor(self, data, dtype=None, requires_grad=False):
        """A new tensor from `data`, in this tensor's dtype unless `dtype` says."""
        return tensor_module.Tensor(data, requires_grad=requires_grad,
                                    dtype=self.dtype if dtype is None else dtype)

    def new_full(self, size, fill_value, dtype=None, requires_grad=False):
        """A tensor of `size` filled with `fill_value`, in this dtype unless `dtype` says."""
        return creation.full(size, fill_value, dtype=self.dtype if dtype is None else dtype,
                    requires_grad=requires_grad)

    def new_zeros(self, *size, dtype=None, requires_grad=False):
        return self.new_full(creation.sizes(size, "new_zeros"), 0, dtype, requires_grad)

    def new_ones(self, *size, dtype=None, requires_grad=False):
        return self.new_full(creation.sizes(size, "new_ones"), 1, dtype, requires_grad)

    def new_empty(self, *size, dtype=None, requires_grad=False):
        """Zeros here (PyTorch leaves the values uninitialised)."""
        return self.new_full(creation.sizes(size, "new_empty"), 0, dtype, requires_grad)

    # -- Python protocol -------------------------------------------------------------------

    def pow(self, exponent):
        """`self ** exponent` (a number or a tensor)."""
        return self ** exponent

    # -- numpy and attribute lookup --------------------------------------------------------

    __array_ufunc__ = numpy_interop.array_ufunc
    __array_function__ = numpy_interop.array_function


# -- the functions torch has at top level for these ---------------------------------------------


def clone(input):
    """A copy of `input` that stays in the graph."""
    return input.clone()


def numel(input):
    """The number of elements of `input`."""
    return input.numel()


def pow(input, exponent):
    """input ** exponent; either may be a number."""
    return input ** exponent


def is_tensor(obj):
    """True for an autograd Tensor."""
    return isinstance(obj, tensor_module.Tensor)


def is_floating_point(input):
    return input.is_floating_point()
