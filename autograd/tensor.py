"""`Tensor`: a numpy array that remembers how it was computed.

A Tensor holds `data` (a numpy array), and, when it takes part in a recorded computation,
`grad_fn`: the node (a `Function` instance) that produced it. `backward()` walks those
nodes in reverse and leaves d(output)/d(leaf) in the `.grad` of every leaf with
`requires_grad=True`.
"""
import weakref

import numpy as np

from .dtypes import DEFAULT_DTYPE, check_numeric
from .modes import note_read
from .attribute_advice import PyTorchNames
from .ops.activation_methods import ActivationMethods
from .ops.binary_math_methods import BinaryMathMethods
from .ops.conversion_methods import ConversionMethods
from .ops.elementwise_methods import ElementwiseMethods
from .ops.indexing_methods import IndexingMethods
from .ops.math_methods import MathMethods
from .ops.reduction_methods import ReductionMethods
from .ops.shape_methods import ShapeMethods
from .tensor_in_place import InPlaceMethods

_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def as_array(data, dtype=None):
    """Turn tensor data (number, nested list, numpy array, Tensor) into a numpy array.

    Default dtype: float32, except that float64 numpy data stays float64 and integer or
    boolean numpy arrays keep their dtype. The result is always a new array: a Tensor never
    shares memory with the array or Tensor it was made from (as `torch.tensor`), so training
    it never changes the caller's array.
    """
    if isinstance(data, Tensor):
        data = data.data
    if isinstance(data, (str, bytes, dict, set)) or data is None:
        raise TypeError(
            f"Tensor data must be a number, a nested list of numbers or a numpy array; "
            f"got {type(data).__name__} {data!r:.60}"
        )
    if isinstance(data, (list, tuple)) and any(isinstance(item, Tensor) for item in data):
        raise TypeError(
            "Tensor data must be numbers or arrays; got a list holding Tensors: join them "
            "with autograd.stack(...) (differentiable) or pass their .data"
        )
    from_numpy = isinstance(data, (np.ndarray, np.generic))
    try:
        array = np.asarray(data)
    except ValueError as error:
        raise ValueError(
            f"Tensor data must be rectangular (every sub-list the same length); "
            f"got a ragged nested list: {error}"
        ) from None
    check_numeric(array.dtype, f"Tensor data (from {type(data).__name__})")
    if dtype is not None:
        try:
            wanted = np.dtype(dtype)
        except TypeError:
            raise TypeError(f"Tensor: dtype must be a numpy dtype; got {dtype!r}") from None
        check_numeric(wanted, "Tensor dtype")
    elif from_numpy and (array.dtype in _FLOAT_DTYPES or array.dtype.kind in "biu"):
        wanted = array.dtype
    else:
        wanted = DEFAULT_DTYPE
    return array.astype(wanted)  # a copy, also when the dtype is already right


class Tensor(InPlaceMethods, ElementwiseMethods, MathMethods, BinaryMathMethods,
             ActivationMethods, ReductionMethods, ShapeMethods, IndexingMethods,
             ConversionMethods, PyTorchNames):
    """An n-dimensional array with reverse-mode automatic differentiation.

    Tensor(data, requires_grad=False, dtype=None, name=None). `name` labels the tensor in
    diagrams and error messages. This file holds the data, the backward entry point and the
    operator dunders; the other methods sit beside their ops, one mixin per family
    (`ops/*_methods.py`: `grep -n "def sin" autograd/ops` finds `Tensor.sin`).
    """

    __slots__ = ("data", "grad", "requires_grad", "grad_fn", "name", "_version_counter",
                 "_tangent", "__weakref__")  # _tangent: (level, array), set in forward mode only
    __hash__ = object.__hash__
    # `size` and numpy's __array_ufunc__ / __array_function__ are in ops/conversion_methods.py;
    # PyTorch's names we lack answer with advice (attribute_advice.PyTorchNames, the last base).

    def __init__(self, data, requires_grad=False, dtype=None, name=None):
        self.data = as_array(data, dtype)
        self.grad = None
        self.grad_fn = None
        self.name = name
        self._version_counter = None
        self.requires_grad = False
        self.requires_grad_(requires_grad)

    @classmethod
    def _wrap(cls, data, requires_grad, grad_fn):
        """Fast constructor for results of ops: no checks, no conversion."""
        tensor = object.__new__(cls)
        tensor.data = data
        tensor.grad = None
        tensor.requires_grad = requires_grad
        tensor.grad_fn = grad_fn
        tensor.name = None
        tensor._version_counter = None
        return tensor

    # -- properties ------------------------------------------------------------------------

    shape = property(lambda self: self.data.shape, doc="The shape, as numpy's.")
    ndim = property(lambda self: self.data.ndim, doc="The number of dimensions.")
    dtype = property(lambda self: self.data.dtype, doc="The numpy dtype.")
    is_leaf = property(
        lambda self: self.grad_fn is None,
        doc="True for tensors made by the user, not by a recorded op.",
    )

    def __iter__(self):
        if self.data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(len(self.data)))

    def __len__(self):
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return len(self.data)

    def __array__(self, dtype=None, copy=None):
        note_read(self, "numpy.asarray()")
        return self.data if dtype is None else self.data.astype(dtype)

    def item(self):
        """The value of a one-element tensor as a Python number."""
        if self.data.size != 1:
            raise ValueError(f"item() needs a tensor with one element; got shape {self.shape}")
        note_read(self, "item()")
        return self.data.item()

    def numpy(self):
        """The data as a numpy array (shared, not copied)."""
        note_read(self, "numpy()")
        return self.data

    def detach(self):
        """A tensor sharing this data (and its version counter) but cut from the graph
        (requires_grad=False)."""
        detached = Tensor._wrap(self.data, False, None)
        detached._version_counter = self._counter()
        return detached

    def _carried_tangent(self):
        """(level, tangent) once forward mode gave this tensor one, else None. The slot stays
        unset on the hot path."""
        try:
            return self._tangent
        except AttributeError:
            return None

    def describe(self):
        """'name' or 'a float32 tensor of shape (2, 3)', for error messages."""
        if self.name is not None:
            return repr(self.name)
        return f"a {self.dtype} tensor of shape {self.shape}"

    def requires_grad_(self, requires_grad=True):
        """Set requires_grad in place (leaves only) and return self."""
        if requires_grad and self.data.dtype not in _FLOAT_DTYPES:
            raise TypeError(
                f"only float32/float64 tensors can require gradients; got dtype {self.dtype}"
            )
        if not requires_grad and self.grad_fn is not None:
            raise RuntimeError(
                "requires_grad can only be switched off on a leaf; use detach() on a result"
            )
        self.requires_grad = bool(requires_grad)
        return self

    def retain_grad(self):
        """Keep `.grad` on this non-leaf tensor during backward (leaves always keep it)."""
        if self.grad_fn is None:
            if not self.requires_grad:
                raise RuntimeError("retain_grad() on a tensor that does not require grad")
            return
        self.grad_fn.retained_output = weakref.ref(self)

    def backward(self, gradient=None, retain_graph=None, create_graph=False):
        """Accumulate d(self)/d(leaf) into `.grad` of every leaf that requires grad.

        `gradient` is d(loss)/d(self) and may be omitted only for a one-element tensor.
        The saved buffers are freed afterwards unless `retain_graph` (which defaults to
        `create_graph`); `create_graph` records the backward pass itself so the gradients
        can be differentiated again.
        """
        retain = create_graph if retain_graph is None else retain_graph
        engine.run_backward((self,), (gradient,), retain, create_graph)

    def __repr__(self):
        body = np.array2string(self.data, separator=", ", precision=4, prefix="tensor(")
        extras = [] if self.data.dtype == DEFAULT_DTYPE else [f"dtype={self.dtype}"]
        if self.name is not None:
            extras.append(f"name={self.name!r}")
        if self.grad_fn is not None:
            extras.append(f"grad_fn=<{self.grad_fn.name}>")
        elif self.requires_grad:
            extras.append("requires_grad=True")
        return "tensor(" + ", ".join([body] + extras) + ")"

    # -- arithmetic ------------------------------------------------------------------------

    def _binary(self, op, other, reflected=False, true_divide=False):
        """op(self, other), or op(other, self) when reflected, with both in their common
        dtype (PyTorch's promotion, see dtypes.py). Lists become arrays of their own dtype:
        never cast down to this tensor's."""
        kind = self.data.dtype.kind
        if type(other) is float or type(other) is int:
            if kind == "f":  # the common case, quickly: numpy keeps this tensor's dtype
                return op.apply(other, self) if reflected else op.apply(self, other)
        elif isinstance(other, Tensor):
            if other.data.dtype == self.data.dtype and (kind == "f" or not true_divide):
                return op.apply(other, self) if reflected else op.apply(self, other)
        elif not isinstance(other, (np.ndarray, np.generic, int, float)):
            other = as_array(other)
        pair = (other, self) if reflected else (self, other)
        return op.apply(*ops.promoted(*pair, true_divide=true_divide))

    def __add__(self, other):
        return self._binary(ops.Add, other)

    def __radd__(self, other):
        return self._binary(ops.Add, other, reflected=True)

    def __sub__(self, other):
        self._refuse_boolean_subtraction(other)
        return self._binary(ops.Sub, other)

    def __rsub__(self, other):
        self._refuse_boolean_subtraction(other)
        return self._binary(ops.Sub, other, reflected=True)

    def _refuse_boolean_subtraction(self, other):
        if self.data.dtype == bool or isinstance(other, (bool, np.bool_)) or (
                getattr(other, "dtype", None) == bool):
            raise TypeError(
                "sub: subtraction with a boolean tensor is not supported (as in PyTorch); "
                "convert the mask to numbers first, e.g. Tensor(mask.data, dtype=np.float32)"
            )

    def __mul__(self, other):
        return self._binary(ops.Mul, other)

    def __rmul__(self, other):
        return self._binary(ops.Mul, other, reflected=True)

    def __truediv__(self, other):
        return self._binary(ops.Div, other, true_divide=True)

    def __rtruediv__(self, other):
        return self._binary(ops.Div, other, reflected=True, true_divide=True)

    def __neg__(self):
        return ops.Neg.apply(self)

    def __pow__(self, exponent):
        if isinstance(exponent, (int, float, np.generic)):
            base = self
            if self.data.dtype.kind != "f" or isinstance(exponent, np.generic):
                base, exponent = ops.promoted(self, exponent)  # int ** 0.5 gives floats
            return ops.PowScalar.apply(base, exponent=exponent)
        return self._binary(ops.Pow, exponent)

    def __rpow__(self, base):
        return self._binary(ops.Pow, base, reflected=True)

    def __matmul__(self, other):
        return self._binary(ops.MatMul, other)

    def __rmatmul__(self, other):
        return self._binary(ops.MatMul, other, reflected=True)

    # -- comparisons: plain, non-differentiable boolean Tensors ------------------------------

    def _compare(self, other, compare):
        other = other.data if isinstance(other, Tensor) else other
        return Tensor._wrap(np.asarray(compare(self.data, other)), False, None)

    def __lt__(self, other):
        """Elementwise `<` as a boolean Tensor with requires_grad=False (like all comparisons)."""
        return self._compare(other, np.less)

    def __le__(self, other):
        return self._compare(other, np.less_equal)

    def __gt__(self, other):
        return self._compare(other, np.greater)

    def __ge__(self, other):
        return self._compare(other, np.greater_equal)

    def __eq__(self, other):
        return self._compare(other, np.equal)

    def __ne__(self, other):
        return self._compare(other, np.not_equal)

    def __bool__(self):
        note_read(self, "bool()")
        return bool(self.data)

    def __float__(self):
        return float(self.item())

    def __int__(self):
        return int(self.item())

    def __format__(self, spec):
        """f"{loss:.4f}" formats a one-element tensor's value; otherwise the repr."""
        return format(self.item() if spec and self.data.size == 1 else str(self), spec)


from . import engine, ops  # noqa: E402  (both build on Tensor, so they load after it)
