"""What to use instead, when a PyTorch name is looked up on a Tensor that does not have it.

`PyTorchNames`, Tensor's last base class, holds one `Missing` attribute for every public name
of torch.Tensor (`torch_tensor_names.py`); the mixins before it define the names we have, so
only the names we lack reach it, and reading one raises the AttributeError made here. Names
whose counterpart here is spelled otherwise get that spelling (`TENSOR_ADVICE`); PyTorch's
in-place methods (`add_`, `zero_`, ...) get the out-of-place way; any other name gets the
general way out. (A `__getattr__` would do this for any name, but a class that defines one
loses Python's fast attribute reads on every instance: reading `t.data` went from 7 to 22 ns,
on every op.)
"""
from .torch_tensor_names import TORCH_TENSOR_NAMES

_NO_GPU = ("there is no GPU here: autograd computes with numpy on the CPU; drop the call "
           "(t.cpu() and t.to('cpu') return the tensor itself)")
_NO_STORAGE = ("a Tensor has no storage or strides of its own: its values are the numpy array "
               "t.data (t.data.strides, t.data.ctypes.data, ...)")
_NO_COMPLEX = "tensors here are real (float, int or bool): there are no complex numbers"
_AS_DATA = "read it from the numpy array: t.data.{0}"
_FILL = ("change a leaf's values under autograd.no_grad() with item assignment, "
         "e.g. t[...] = value (what nn's initialisation does)")

# PyTorch's Tensor attribute -> what to write here.
TENSOR_ADVICE = {
    "add": "use t + other", "sub": "use t - other", "subtract": "use t - other",
    "mul": "use t * other", "multiply": "use t * other", "div": "use t / other",
    "divide": "use t / other", "true_divide": "use t / other", "neg": "use -t",
    "negative": "use -t", "positive": "use t itself (or t.clone())",
    "mm": "use t @ other", "bmm": "use t @ other (batches broadcast)",
    "mv": "use t @ vector", "ger": "use autograd.outer(t, other)",
    "eq": "use t == other", "ne": "use t != other", "not_equal": "use t != other",
    "lt": "use t < other", "less": "use t < other", "le": "use t <= other",
    "less_equal": "use t <= other", "gt": "use t > other", "greater": "use t > other",
    "ge": "use t >= other", "greater_equal": "use t >= other",
    "sgn": "use t.sign()", "absolute": "use t.abs()", "fix": "use t.trunc()",
    "swapdims": "use t.swapaxes(dim0, dim1)",
    "cuda": _NO_GPU, "xpu": _NO_GPU, "ipu": _NO_GPU, "mtia": _NO_GPU, "is_cuda": _NO_GPU,
    "pin_memory": _NO_GPU, "get_device": _NO_GPU, "is_cpu": "every tensor is on the CPU",
    "record_stream": _NO_GPU,
    "storage": _NO_STORAGE, "untyped_storage": _NO_STORAGE, "data_ptr": _NO_STORAGE,
    "const_data_ptr": _NO_STORAGE, "stride": _NO_STORAGE, "storage_offset": _NO_STORAGE,
    "is_contiguous": _NO_STORAGE, "as_strided": _NO_STORAGE, "is_shared": _NO_STORAGE,
    "real": _NO_COMPLEX, "imag": _NO_COMPLEX, "conj": _NO_COMPLEX, "angle": _NO_COMPLEX,
    "H": _NO_COMPLEX, "mH": _NO_COMPLEX, "adjoint": _NO_COMPLEX, "is_complex": _NO_COMPLEX,
    "resolve_conj": _NO_COMPLEX, "resolve_neg": "use t itself",
    "element_size": _AS_DATA.format("itemsize"), "itemsize": _AS_DATA.format("itemsize"),
    "nbytes": _AS_DATA.format("nbytes"),
    "type": "use t.dtype to read the dtype and t.to(dtype) to convert",
    "new": "use t.new_tensor(data) or t.new_zeros(size)",
    "register_hook": ("there are no tensor hooks: compute gradients with autograd.grad(output, "
                      "inputs) and change them before use"),
    "retains_grad": "call t.retain_grad() before backward; non-leaf .grad is then kept",
    "sum_to_size": "use autograd.unbroadcast(grad, shape) (sums over broadcast axes)",
    "detach_": "use t = t.detach()",
    "requires_grad_": "use t.requires_grad_(flag) on a leaf",
    "zero_": _FILL, "fill_": _FILL, "copy_": _FILL, "normal_": _FILL, "uniform_": _FILL,
    "random_": _FILL, "bernoulli_": _FILL, "exponential_": _FILL,
}

_IN_PLACE = ("in-place '{0}' is not recorded here: write the out-of-place form, t = t.{1}(...) "
             "(or, on a leaf, change t.data under autograd.no_grad())")
_ANY_OTHER = ("if you know '{0}' from PyTorch: autograd has no counterpart for it; compute it "
              "with numpy from t.detach().numpy() (a constant, no gradient) or write it as an "
              "autograd.Function")


def advice(name):
    """What to use instead of PyTorch's `name`: the table's entry, the in-place rule or the
    general way out."""
    if name in TENSOR_ADVICE:
        return TENSOR_ADVICE[name]
    if name.endswith("_") and not name.endswith("__"):
        return _IN_PLACE.format(name, name.rstrip("_"))
    return _ANY_OTHER.format(name)


def tensor_attribute_error(tensor, name):
    """The AttributeError for a lookup of PyTorch's `name` on `tensor`."""
    message = f"'{type(tensor).__name__}' object has no attribute '{name}'; {advice(name)}"
    return AttributeError(message, name=name, obj=tensor)


class Missing:
    """A PyTorch name that Tensor lacks: reading it raises AttributeError with advice (so
    `hasattr(t, name)` is False, as for any missing attribute)."""

    def __init__(self, name):
        self.name = name

    def __get__(self, tensor, owner=None):
        raise tensor_attribute_error(tensor if tensor is not None else owner, self.name)


class PyTorchNames:
    """Tensor's last base: a `Missing` for each public name of torch.Tensor (set below)."""

    __slots__ = ()


for _name in TORCH_TENSOR_NAMES:  # data, not code: one plain attribute per PyTorch name
    setattr(PyTorchNames, _name, Missing(_name))
