"""numpy functions on Tensors give differentiable Tensors (numpy's NEP 13 and NEP 18).

`np.exp(t)`, `np.maximum(t, 0)`, `array - t`, `np.sum(t, axis=0)`, `np.concatenate([t, u])`
... call the op autograd has for them, so they are recorded as if written `t.exp()`. numpy
hands a call to us when a Tensor is among its operands: ufuncs (exp, add, maximum, ...) through
`Tensor.__array_ufunc__`, other functions (sum, reshape, where, ...) through
`Tensor.__array_function__`. The tables below map each numpy name to a Tensor method name,
an `autograd.<name>` function, or a small adapter where numpy's arguments mean something else
than PyTorch's (np.transpose permutes, np.repeat is repeat_interleave, np.var has ddof=0).
Names are looked up when called, so a table entry works once its op exists. A numpy function
with no differentiable op raises a TypeError that says so: numpy never silently computes on
the data and drops the graph. Functions that only read the data (np.shape, np.array_equal,
np.save, printing) run on it. `np.asarray(t)` is the data, as before.
"""
import sys

import numpy as np

from .ops.arithmetic import Add, Div, Mul, Pow, Sub
from .ops.matmul import MatMul
from . import tensor as tensor_module  # (loaded after this module: Tensor's methods use it)

# -- ufuncs -----------------------------------------------------------------------------------

# Operators: the ufunc's name -> (Tensor's method when the Tensor is the first operand, when
# it is the second). So `array - t` is `t.__rsub__(array)`, as Python itself would call it.
OPERATOR_UFUNCS = {
    "add": ("__add__", "__radd__"),
    "subtract": ("__sub__", "__rsub__"),
    "multiply": ("__mul__", "__rmul__"),
    "divide": ("__truediv__", "__rtruediv__"),
    "power": ("__pow__", "__rpow__"),
    "matmul": ("__matmul__", "__rmatmul__"),
    "floor_divide": ("__floordiv__", "__rfloordiv__"),
    "remainder": ("__mod__", "__rmod__"),
    "less": ("__lt__", "__gt__"),
    "less_equal": ("__le__", "__ge__"),
    "greater": ("__gt__", "__lt__"),
    "greater_equal": ("__ge__", "__le__"),
    "equal": ("__eq__", "__eq__"),
    "not_equal": ("__ne__", "__ne__"),
    "bitwise_and": ("__and__", "__rand__"),
    "bitwise_or": ("__or__", "__ror__"),
    "bitwise_xor": ("__xor__", "__rxor__"),
}

# The operators whose ops take an array and a Tensor of one float dtype as they are: `array op
# t` skips the dtype promotion that Tensor's operators do for arrays (the same result, sooner).
_SAME_DTYPE_OPS = {"add": Add, "subtract": Sub, "multiply": Mul, "divide": Div, "power": Pow,
                   "matmul": MatMul}

# Ufuncs of one tensor: the ufunc's name -> Tensor method.
UNARY_UFUNCS = {
    "negative": "__neg__", "positive": "clone", "absolute": "abs", "fabs": "abs",
    "sign": "sign", "exp": "exp", "exp2": "exp2", "expm1": "expm1", "log": "log",
    "log2": "log2", "log10": "log10", "log1p": "log1p", "sqrt": "sqrt", "square": "square",
    "reciprocal": "reciprocal", "sin": "sin", "cos": "cos", "tan": "tan", "arcsin": "asin",
    "arccos": "acos", "arctan": "atan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
    "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh", "floor": "floor",
    "ceil": "ceil", "trunc": "trunc", "rint": "round", "isnan": "isnan", "isinf": "isinf",
    "isfinite": "isfinite", "logical_not": "logical_not", "invert": "__invert__",
}

# Ufuncs of two operands that are `autograd.<name>(a, b)` functions.
BINARY_UFUNCS = {
    "maximum": "maximum", "minimum": "minimum", "arctan2": "atan2", "hypot": "hypot",
    "logaddexp": "logaddexp", "fmod": "fmod", "logical_and": "logical_and",
    "logical_or": "logical_or", "logical_xor": "logical_xor",
}

# `np.<ufunc>.reduce` and `.accumulate`: Tensor methods taking axis= and (reduce) keepdims=.
REDUCE_UFUNCS = {"add": "sum", "multiply": "prod", "maximum": "amax", "minimum": "amin",
                 "logical_and": "all", "logical_or": "any"}
ACCUMULATE_UFUNCS = {"add": "cumsum", "multiply": "cumprod"}


def array_ufunc(self, ufunc, method, *inputs, **kwargs):
    """Tensor.__array_ufunc__: run numpy's ufunc as autograd's op (see the module docstring)."""
    name = ufunc.__name__
    _refuse_out(name, kwargs)
    if method == "__call__" and not kwargs:
        if len(inputs) == 2 and name in OPERATOR_UFUNCS:
            first, second = OPERATOR_UFUNCS[name]
            a, b = inputs
            if (type(a) is np.ndarray and a.dtype == b.data.dtype and a.dtype.kind == "f"
                    and name in _SAME_DTYPE_OPS):
                return _SAME_DTYPE_OPS[name].apply(a, b)
            if isinstance(a, tensor_module.Tensor):
                return getattr(a, first)(b)
            return getattr(b, second)(a)
        if len(inputs) == 1 and name in UNARY_UFUNCS:
            return getattr(inputs[0], UNARY_UFUNCS[name])()
        if len(inputs) == 2 and name in BINARY_UFUNCS:
            return _function(BINARY_UFUNCS[name])(*inputs)
    if method == "reduce" and name in REDUCE_UFUNCS:
        return _reduce(REDUCE_UFUNCS[name], *inputs, **kwargs)
    if method == "accumulate" and name in ACCUMULATE_UFUNCS:
        return _accumulate(ACCUMULATE_UFUNCS[name], *inputs, **kwargs)
    shown = name if method == "__call__" else f"{name}.{method}"
    options = f" with {sorted(kwargs)}" if kwargs else ""
    raise TypeError(
        f"numpy.{shown}{options} on a Tensor: autograd has no differentiable op for it; "
        f"use the Tensor's own methods, or np.{shown}(t.detach().numpy()) for a constant "
        f"(no gradient)"
    )


def _reduce(method, x, axis=0, keepdims=False):
    return getattr(_as_tensor(x), method)(axis=axis, keepdims=keepdims)


def _accumulate(method, x, axis=0):
    return getattr(_as_tensor(x), method)(axis)


# -- other numpy functions ---------------------------------------------------------------------


def _transpose(a, axes=None):
    """np.transpose permutes all axes (PyTorch's permute); no axes reverses them (.T)."""
    tensor = _as_tensor(a)
    return tensor.T if axes is None else tensor.permute(*axes)


def _reshape(a, shape=None, order="C", *, newshape=None):
    if order != "C":
        raise TypeError(f"numpy.reshape on a Tensor: only order='C' exists here; got {order!r}")
    return _as_tensor(a).reshape(newshape if shape is None else shape)


def _ravel(a, order="C"):
    return _reshape(a, -1, order)


def _clip(a, a_min=None, a_max=None, *, min=None, max=None):
    return _as_tensor(a).clip(a_min if min is None else min, a_max if max is None else max)


def _flattened_if_none(a, axis):
    """numpy's axis=None on a function that works along one axis: the flattened tensor."""
    tensor = _as_tensor(a)
    return (tensor.reshape(-1), 0) if axis is None else (tensor, axis)


def _cumsum(a, axis=None):
    tensor, axis = _flattened_if_none(a, axis)
    return tensor.cumsum(axis)


def _cumprod(a, axis=None):
    tensor, axis = _flattened_if_none(a, axis)
    return tensor.cumprod(axis)


def _sort(a, axis=-1, kind=None, order=None, *, stable=None):
    tensor, axis = _flattened_if_none(a, axis)
    return tensor.sort(axis).values


def _argsort(a, axis=-1, kind=None, order=None, *, stable=None):
    tensor, axis = _flattened_if_none(a, axis)
    return tensor.argsort(axis)


def _repeat(a, repeats, axis=None):
    """np.repeat repeats each element (PyTorch's repeat_interleave; its repeat is np.tile)."""
    tensor, axis = _flattened_if_none(a, axis)
    return tensor.repeat_interleave(repeats, axis)


def _var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    """np.var divides by n - ddof with ddof=0 by default (PyTorch's correction=1)."""
    return _as_tensor(a).var(axis, correction=ddof, keepdim=keepdims)


def _std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    return _as_tensor(a).std(axis, correction=ddof, keepdim=keepdims)


def _expand_dims(a, axis):
    tensor = _as_tensor(a)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    ndim = tensor.ndim + len(axes)
    for new_axis in sorted(a % ndim if a < 0 else a for a in axes):
        tensor = tensor.unsqueeze(new_axis)
    return tensor


def _flip(m, axis=None):
    tensor = _as_tensor(m)
    dims = tuple(range(tensor.ndim)) if axis is None else axis
    return tensor.flip(dims)


def _roll(a, shift, axis=None):
    return _as_tensor(a).roll(shift, axis)


def _where(condition, *values):
    if len(values) != 2:
        raise TypeError(
            "numpy.where(condition) on a Tensor gives indices, which have no gradient: use "
            "np.nonzero(t.numpy()); np.where(condition, a, b) is differentiable"
        )
    return _function("where")(condition, *values)


def _concatenate(arrays, axis=0):
    """numpy's axis=None joins the flattened tensors."""
    if axis is None:
        arrays, axis = [_as_tensor(part).reshape(-1) for part in arrays], 0
    return _function("concatenate")(arrays, axis=axis)


def _dot(a, b):
    """np.dot: a product for 0-d operands, the matrix product up to two dimensions."""
    a, b = _as_tensor(a), _as_tensor(b)
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    if a.ndim > 2 or b.ndim > 2:
        raise TypeError(
            f"numpy.dot of shapes {a.shape} and {b.shape} on Tensors: for more than two "
            f"dimensions use np.matmul (a batch of products) or np.tensordot"
        )
    return a @ b


def _tril(m, k=0):
    return _as_tensor(m).tril(k)


def _triu(m, k=0):
    return _as_tensor(m).triu(k)


def _diag(v, k=0):
    return _as_tensor(v).diag(k)


def _diagonal(a, offset=0, axis1=0, axis2=1):
    return _as_tensor(a).diagonal(offset, axis1, axis2)


def _round(a, decimals=0):
    """np.round(a, 2): PyTorch's round takes decimals as a keyword."""
    rounding = _as_tensor(a).round
    return rounding(decimals=decimals) if decimals else rounding()


# numpy's pad modes by PyTorch's names
_PAD_MODES = {"constant": "constant", "reflect": "reflect", "edge": "replicate",
              "wrap": "circular"}


def _pad(array, pad_width, mode="constant", constant_values=0):
    """np.pad's widths per axis, (before, after), first axis first, as torch's pad list:
    last axis first, flat, without the unpadded leading axes (torch's reflect, replicate and
    circular modes pad only the last few)."""
    tensor = _as_tensor(array)
    if mode not in _PAD_MODES:
        raise TypeError(f"numpy.pad on a Tensor: mode {mode!r} has no op here; modes: "
                        f"{sorted(_PAD_MODES)}")
    widths = np.broadcast_to(np.asarray(pad_width, dtype=int), (tensor.ndim, 2))
    flat = [int(w) for before_after in widths[::-1] for w in before_after]
    while len(flat) > 2 and flat[-2:] == [0, 0]:
        flat = flat[:-2]
    options = {"value": constant_values} if mode == "constant" else {}
    return _function("pad")(tensor, flat, mode=_PAD_MODES[mode], **options)


def _norm(x, ord=None, axis=None, keepdims=False):
    """np.linalg.norm as PyTorch's norm: numpy's default (ord None or 'fro') is the 2-norm of
    the elements over `axis` (all by default); a number ord is a vector norm, p = ord, along
    one axis or of a 1-d tensor. Matrix norms (a number ord on a matrix or an axis pair, 'nuc')
    have no op here."""
    tensor = _as_tensor(x)
    elementwise = ord in (None, "fro")
    if not (elementwise or isinstance(axis, (int, np.integer)) or (
            axis is None and tensor.ndim == 1)):
        raise TypeError(
            f"numpy.linalg.norm(ord={ord!r}, axis={axis!r}) of shape {tensor.shape} on a "
            f"Tensor is a matrix norm, which has no op here; give one axis"
        )
    return tensor.norm(2 if elementwise else ord, axis, keepdims)


def _array_split(ary, indices_or_sections, axis=0):
    """np.array_split as slices (GetItem), so that each part is differentiable."""
    tensor = _as_tensor(ary)
    parts = np.array_split(np.arange(tensor.shape[axis]), indices_or_sections)
    starts = np.cumsum([0] + [len(part) for part in parts])
    lead = (slice(None),) * (axis % tensor.ndim)
    return [tensor[lead + (slice(start, stop),)] for start, stop in zip(starts[:-1], starts[1:])]


def _split(ary, indices_or_sections, axis=0):
    """np.split: np.array_split whose sections (a count) must be equal."""
    size = np.shape(ary)[axis]
    if isinstance(indices_or_sections, (int, np.integer)) and size % indices_or_sections:
        raise ValueError(
            f"numpy.split: axis {axis} of size {size} does not split into "
            f"{indices_or_sections} equal parts (np.array_split allows unequal ones)"
        )
    return _array_split(ary, indices_or_sections, axis)


# numpy function -> Tensor method (called on the first argument, numpy's other arguments and
# keywords passed on: our methods take numpy's axis= and keepdims=).
METHOD_FUNCTIONS = {
    np.sum: "sum", np.mean: "mean", np.prod: "prod", np.max: "amax", np.amax: "amax",
    np.min: "amin", np.amin: "amin", np.argmax: "argmax", np.argmin: "argmin",
    np.all: "all", np.any: "any", np.swapaxes: "swapaxes", np.moveaxis: "moveaxis",
    np.squeeze: "squeeze", np.broadcast_to: "broadcast_to", np.fliplr: "fliplr",
    np.flipud: "flipud", np.tile: "tile", np.copy: "clone",
}

# numpy function -> `autograd.<name>` function, called with numpy's arguments.
AUTOGRAD_FUNCTIONS = {
    np.stack: "stack", np.einsum: "einsum", np.tensordot: "tensordot", np.outer: "outer",
    np.take_along_axis: "take_along_axis", np.isclose: "isclose", np.allclose: "allclose",
    np.zeros_like: "zeros_like", np.ones_like: "ones_like", np.full_like: "full_like",
    np.empty_like: "empty_like",
}

# numpy function -> an adapter above, where numpy's arguments differ from PyTorch's.
ADAPTED_FUNCTIONS = {
    np.transpose: _transpose, np.reshape: _reshape, np.ravel: _ravel, np.clip: _clip,
    np.cumsum: _cumsum, np.cumprod: _cumprod, np.sort: _sort, np.argsort: _argsort,
    np.repeat: _repeat, np.var: _var, np.std: _std, np.expand_dims: _expand_dims,
    np.flip: _flip, np.roll: _roll, np.where: _where, np.concatenate: _concatenate,
    np.dot: _dot, np.tril: _tril, np.triu: _triu, np.split: _split,
    np.array_split: _array_split, np.diag: _diag, np.diagonal: _diagonal, np.round: _round,
    np.around: _round, np.pad: _pad, np.linalg.norm: _norm,
}

# Functions that only read the data (no gradient to lose): run on the arrays.
DATA_FUNCTIONS = {
    np.shape, np.ndim, np.size, np.array_equal, np.array_equiv, np.count_nonzero,
    np.nonzero, np.argwhere, np.flatnonzero, np.iscomplexobj, np.isrealobj, np.result_type,
    np.array2string, np.array_repr, np.array_str, np.save, np.savez, np.savez_compressed,
    np.savetxt, np.shares_memory, np.may_share_memory,
}


def array_function(self, func, types, args, kwargs):
    """Tensor.__array_function__: run a numpy function as autograd's op (module docstring)."""
    if not all(issubclass(kind, (tensor_module.Tensor, np.ndarray)) for kind in types):
        return NotImplemented
    name = func.__name__
    if func in DATA_FUNCTIONS:
        return func(*[_data(arg) for arg in args], **{k: _data(v) for k, v in kwargs.items()})
    _refuse_out(name, kwargs)
    if func in METHOD_FUNCTIONS:
        first, *rest = args
        return getattr(_as_tensor(first), METHOD_FUNCTIONS[func])(*rest, **kwargs)
    if func in AUTOGRAD_FUNCTIONS:
        return _function(AUTOGRAD_FUNCTIONS[func])(*args, **kwargs)
    if func in ADAPTED_FUNCTIONS:
        return ADAPTED_FUNCTIONS[func](*args, **kwargs)
    raise TypeError(
        f"numpy.{name} on a Tensor: autograd has no differentiable op for it; use "
        f"np.{name}(t.detach().numpy()) for a constant (no gradient), or write the "
        f"computation with Tensor ops"
    )


# -- shared helpers ----------------------------------------------------------------------------


def _refuse_out(name, kwargs):
    if kwargs.get("out") is not None:
        raise TypeError(
            f"numpy.{name}(..., out=...) on a Tensor: a result written into an array would "
            f"drop the graph; write `result = np.{name}(...)` (in-place `array += t` too: "
            f"write `array = array + t`)"
        )
    kwargs.pop("out", None)


def _as_tensor(value):
    """A Tensor as it is; an array (or list) as a constant Tensor of its dtype."""
    return value if isinstance(value, tensor_module.Tensor) else tensor_module.Tensor(value)


def _data(value):
    return value.data if isinstance(value, tensor_module.Tensor) else value


def _function(name):
    """`autograd.<name>` (looked up when called: autograd imports this module)."""
    return getattr(sys.modules[__package__], name)
