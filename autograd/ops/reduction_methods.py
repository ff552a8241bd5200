"""Tensor methods of the reduction family (ops in reductions.py, products.py, statistics.py,
norms.py, scans.py, arg_reductions.py and softmax.py).

Each takes PyTorch's `dim`/`keepdim` or numpy's `axis`/`keepdims`: the same meaning. As in
PyTorch, `t.max()` is the largest element, `t.max(dim)` the pair (values, indices) along dim,
and `t.max(other)` the elementwise maximum; `t.amax(dim)` gives the values only.
"""
import numpy as np

from .. import tensor as tensor_module
from .arg_reductions import arg_extreme, cumulative_extreme, extreme_along
from .norms import Norm
from .products import Prod
from .reductions import Amax, Amin, Max, Mean, Min, Sum, any_or_all
from .scans import Cumprod, Cumsum
from .shapes import dim_or_axis, keepdim_or_keepdims
from .softmax import LogSoftmax, Softmax
from .statistics import LogSumExp, Std, Var


def _options(dim, keepdim, axis, keepdims, op_name):
    return (dim_or_axis(dim, axis, op_name),
            keepdim_or_keepdims(keepdim, keepdims, op_name))


def _extreme(x, dim, keepdim, axis, keepdims, largest):
    """max/min: of every element, along one dim (values, indices), or against a tensor."""
    op_name = "max" if largest else "min"
    if isinstance(dim, (tensor_module.Tensor, np.ndarray)):
        if keepdim is not None or axis is not None or keepdims is not None:
            raise TypeError(f"{op_name}(other): takes no dim or keepdim with a tensor")
        return x.maximum(dim) if largest else x.minimum(dim)
    axis, keep = dim_or_axis(dim, axis, op_name), keepdim_or_keepdims(keepdim, keepdims, op_name)
    if axis is None:
        if keep:
            raise TypeError(f"{op_name}: keepdim needs a dim; got keepdim={keep!r} alone")
        return (Max if largest else Min).apply(x)
    if isinstance(axis, (tuple, list)):
        raise TypeError(
            f"{op_name}: dim must be one int (it returns values and indices along it); got "
            f"{axis!r}; for the values over several axes use amax/amin")
    return extreme_along(x, axis, keep, largest, op_name)


def _correction(correction, unbiased, ddof, op_name):
    """PyTorch's `correction=` (default 1), its older `unbiased=` (True: 1, False: 0), or
    numpy's `ddof=` (the same as correction; numpy's default 0 does not apply)."""
    given = [name for name, value in (("correction", correction), ("unbiased", unbiased),
                                      ("ddof", ddof)) if value is not None]
    if len(given) > 1:
        raise TypeError(f"{op_name}: give one of correction, unbiased and ddof; got {given}")
    if unbiased is not None:
        if not isinstance(unbiased, (bool, np.bool_)):
            raise TypeError(f"{op_name}: unbiased must be True or False; got {unbiased!r}")
        return int(unbiased)
    chosen = correction if correction is not None else ddof
    if chosen is None:
        return 1
    if isinstance(chosen, (bool, np.bool_)) or not isinstance(
            chosen, (int, float, np.integer, np.floating)) or chosen < 0:
        raise TypeError(f"{op_name}: correction must be a number >= 0; got {chosen!r}")
    return chosen


def _spread_options(dim, unbiased, keepdim, correction, axis, keepdims, ddof, op_name):
    if isinstance(dim, (bool, np.bool_)):  # PyTorch's old positional var(unbiased)
        dim, unbiased = None, dim if unbiased is None else unbiased
    axis, keep = _options(dim, keepdim, axis, keepdims, op_name)
    return dict(axis=axis, keepdims=keep,
                correction=_correction(correction, unbiased, ddof, op_name))


def _norm_order(p, op_name="norm"):
    """p as a float: 'fro' (PyTorch's default) is 2 for vectors and over all axes."""
    if p is None or p == "fro":
        return 2.0
    if isinstance(p, (bool, np.bool_)) or not isinstance(
            p, (int, float, np.integer, np.floating)):
        raise ValueError(f"{op_name}: p must be a number, inf, -inf or 'fro'; got {p!r}")
    return float(p)


def _scan_axis(x, dim, axis, op_name):
    """dim for cumsum/cumprod; None (numpy's default) runs over the flattened tensor."""
    axis = dim_or_axis(dim, axis, op_name)
    return (x.reshape(-1), 0) if axis is None else (x, axis)


class ReductionMethods:
    __slots__ = ()

    def sum(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "sum")
        return Sum.apply(self, axis=axis, keepdims=keep)

    def mean(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "mean")
        return Mean.apply(self, axis=axis, keepdims=keep)

    def prod(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "prod")
        return Prod.apply(self, axis=axis, keepdims=keep)

    def max(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        """The largest element; with dim, (values, indices) along it; with a tensor, the
        elementwise maximum."""
        return _extreme(self, dim, keepdim, axis, keepdims, largest=True)

    def min(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        """The smallest element; with dim, (values, indices) along it; with a tensor, the
        elementwise minimum."""
        return _extreme(self, dim, keepdim, axis, keepdims, largest=False)

    def amax(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "amax")
        return Amax.apply(self, axis=axis, keepdims=keep)

    def amin(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "amin")
        return Amin.apply(self, axis=axis, keepdims=keep)

    def argmax(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "argmax")
        return arg_extreme(self, axis, keep, True, "argmax")

    def argmin(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "argmin")
        return arg_extreme(self, axis, keep, False, "argmin")

    def any(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "any")
        return tensor_module.Tensor._wrap(
            np.asarray(any_or_all(self.data, axis, keep, every=False)), False, None)

    def all(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "all")
        return tensor_module.Tensor._wrap(
            np.asarray(any_or_all(self.data, axis, keep, every=True)), False, None)

    def var(self, dim=None, unbiased=None, keepdim=None, *, correction=None, axis=None,
            keepdims=None, ddof=None):
        return Var.apply(self, **_spread_options(dim, unbiased, keepdim, correction,
                                                 axis, keepdims, ddof, "var"))

    def std(self, dim=None, unbiased=None, keepdim=None, *, correction=None, axis=None,
            keepdims=None, ddof=None):
        return Std.apply(self, **_spread_options(dim, unbiased, keepdim, correction,
                                                 axis, keepdims, ddof, "std"))

    def logsumexp(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "logsumexp")
        return LogSumExp.apply(self, axis=axis, keepdims=keep)

    def norm(self, p="fro", dim=None, keepdim=None, *, axis=None, keepdims=None):
        axis, keep = _options(dim, keepdim, axis, keepdims, "norm")
        return Norm.apply(self, p=_norm_order(p), axis=axis, keepdims=keep)

    def cumsum(self, dim=None, *, axis=None):
        x, axis = _scan_axis(self, dim, axis, "cumsum")
        return Cumsum.apply(x, axis=axis)

    def cumprod(self, dim=None, *, axis=None):
        x, axis = _scan_axis(self, dim, axis, "cumprod")
        return Cumprod.apply(x, axis=axis)

    def cummax(self, dim=None, *, axis=None):
        return cumulative_extreme(self, dim_or_axis(dim, axis, "cummax"), True, "cummax")

    def cummin(self, dim=None, *, axis=None):
        return cumulative_extreme(self, dim_or_axis(dim, axis, "cummin"), False, "cummin")

    def softmax(self, dim=None, *, axis=None):
        axis = dim_or_axis(dim, axis, "softmax")
        return Softmax.apply(self, axis=-1 if axis is None else axis)

    def log_softmax(self, dim=None, *, axis=None):
        axis = dim_or_axis(dim, axis, "log_softmax")
        return LogSoftmax.apply(self, axis=-1 if axis is None else axis)
