"""Operands brought to one dtype (the rules are in `dtypes.py`), the ops that convert and copy
(Cast, Clone), and dtypes read from the ways users name them (`as_dtype`)."""
import numpy as np

from ..dtypes import check_numeric, number_dtype, result_dtype
from ..function import Function
from .. import tensor as tensor_module


class Cast(Function):
    """y = x converted to another dtype;  dy/dx = 1, the gradient converted back."""

    @property
    def name(self):
        return f"to({self.dtype})"

    @staticmethod
    def forward(ctx, x, dtype):
        ctx.dtype, ctx.input_dtype = np.dtype(dtype), x.dtype
        return x.astype(dtype)

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.astype(grad, ctx.input_dtype)

    @staticmethod
    def jvp(ctx, tangent):
        return tangent.astype(ctx.dtype)


def to_dtype(operand, dtype):
    """A Tensor, array or number as `dtype`; a Tensor that requires grad or carries a tangent
    through `Cast` when `dtype` is a float type (as PyTorch, a cast to integers or bool cuts
    the graph)."""
    if isinstance(operand, tensor_module.Tensor):
        if operand.data.dtype == dtype:
            return operand
        differentiable = operand.requires_grad or operand._carried_tangent() is not None
        if differentiable and np.dtype(dtype).kind == "f":
            return Cast.apply(operand, dtype=dtype)
        converted = tensor_module.Tensor._wrap(operand.data.astype(dtype), False, None)
        converted.name = operand.name  # a constant keeps its label in diagrams
        return converted
    return np.asarray(operand).astype(dtype, copy=False)


def promoted(*operands, true_divide=False):
    """The operands of an elementwise op in their common dtype (PyTorch's promotion).

    Plain numbers stay numbers when a tensor or array is among the operands (numpy then
    takes the array's dtype for them); otherwise everything becomes an array. (Tensor's
    operators skip this when nothing needs converting, the common case.)
    """
    arrays, numbers = [], []
    for operand in operands:
        if isinstance(operand, tensor_module.Tensor):
            arrays.append(operand.data)
        elif isinstance(operand, np.ndarray):
            check_numeric(operand.dtype, "an array operand")
            arrays.append(operand)
        else:
            number_dtype(operand)  # refuses what is not a number
            numbers.append(operand)
    dtype = result_dtype(arrays, numbers, true_divide)
    if not arrays:
        return tuple(np.asarray(n, dtype=dtype) for n in operands)
    return tuple(
        (n.item() if isinstance(n, np.generic) else n)
        if not isinstance(n, (tensor_module.Tensor, np.ndarray)) else to_dtype(n, dtype)
        for n in operands
    )


class Clone(Function):
    """y = a copy of x;  dy/dx = 1."""

    @staticmethod
    def forward(ctx, x):
        return x.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad

    @staticmethod
    def jvp(ctx, tangent):
        return tangent


# PyTorch's dtype names that numpy reads otherwise (numpy: "float" is float64, "int" int64).
_AMBIGUOUS_NAMES = {"float": "float32", "int": "int32"}


def as_dtype(spec, op):
    """A numpy dtype from a numpy dtype or type, Python's float/int/bool, an autograd name
    (autograd.float32, autograd.long) or a numpy dtype string ('float32'). The strings
    'float' and 'int' are refused: numpy and PyTorch read them differently."""
    if isinstance(spec, str) and spec in _AMBIGUOUS_NAMES:
        raise TypeError(
            f"{op}: the dtype name {spec!r} is ambiguous (numpy reads it as "
            f"{np.dtype(spec)}, PyTorch's torch.{spec} is {_AMBIGUOUS_NAMES[spec]}); write "
            f"'{_AMBIGUOUS_NAMES[spec]}' or '{np.dtype(spec)}', or autograd.{spec}"
        )
    try:
        dtype = np.dtype(spec)
    except TypeError:
        raise TypeError(
            f"{op}: expected a dtype (autograd.float32, numpy.float64, 'int64', ...); got "
            f"{spec!r}"
        ) from None
    check_numeric(dtype, f"{op}: the dtype")
    return dtype
