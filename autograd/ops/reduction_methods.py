"""Tensor methods of the reduction family (ops in reductions.py and softmax.py).

Each takes PyTorch's `dim`/`keepdim` or numpy's `axis`/`keepdims`: the same meaning.
"""
from .reductions import Max, Mean, Min, Sum
from .shapes import dim_or_axis, keepdim_or_keepdims
from .softmax import LogSoftmax, Softmax


class ReductionMethods:
    __slots__ = ()

    def sum(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        return Sum.apply(self, axis=dim_or_axis(dim, axis, "sum"),
                         keepdims=keepdim_or_keepdims(keepdim, keepdims, "sum"))

    def mean(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        return Mean.apply(self, axis=dim_or_axis(dim, axis, "mean"),
                          keepdims=keepdim_or_keepdims(keepdim, keepdims, "mean"))

    def max(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        return Max.apply(self, axis=dim_or_axis(dim, axis, "max"),
                         keepdims=keepdim_or_keepdims(keepdim, keepdims, "max"))

    def min(self, dim=None, keepdim=None, *, axis=None, keepdims=None):
        return Min.apply(self, axis=dim_or_axis(dim, axis, "min"),
                         keepdims=keepdim_or_keepdims(keepdim, keepdims, "min"))

    def softmax(self, dim=None, *, axis=None):
        axis = dim_or_axis(dim, axis, "softmax")
        return Softmax.apply(self, axis=-1 if axis is None else axis)

    def log_softmax(self, dim=None, *, axis=None):
        axis = dim_or_axis(dim, axis, "log_softmax")
        return LogSoftmax.apply(self, axis=-1 if axis is None else axis)
