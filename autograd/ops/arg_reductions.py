"""Reductions that pick elements: argmax/argmin (int64 indices), max/min along a dim and
cummax/cummin as (values, indices), whose values are taken at the picked indices.

The indices are computed on numpy arrays (no gradient); the values come from `TakeAlongAxis`,
so the gradient goes to the picked element only (ties are not split: the index decides).
"""
from typing import NamedTuple

import numpy as np

from .. import tensor as tensor_module
from .indexing import GetItem
from .shapes import axis_index


class ValuesIndices(NamedTuple):
    """What max/min with a dim and cummax/cummin return, as PyTorch's torch.return_types:
    `values` (differentiable) and `indices` (int64)."""
    values: object
    indices: object


def along_axis_index(indices, axis, ndim, keepdims=True):
    """The numpy index that takes x's elements at `indices` along `axis`: x[index] has the
    shape of `indices` (which has x's shape with `axis` reduced, or removed unless keepdims)."""
    parts = []
    for d in range(ndim):
        if d == axis:
            parts.append(indices)
            continue
        out_axis = d if keepdims or d < axis else d - 1
        shape = [1] * indices.ndim
        shape[out_axis] = indices.shape[out_axis]
        parts.append(np.arange(indices.shape[out_axis]).reshape(shape))
    return tuple(parts)


class TakeAlongAxis(GetItem):
    """y = x at the given indices along one axis (max/min with a dim, cummax/cummin);
    dy/dx sends each gradient to the element it was taken from (repeats add up), 0 elsewhere."""

    @property
    def name(self):
        return f"{self.label}(dim={self.axis})"

    @staticmethod
    def forward(ctx, x, indices, axis, keepdims=True, label="take_along_axis"):
        ctx.label, ctx.axis, ctx.input_shape = label, axis, x.shape
        ctx.index = along_axis_index(indices, axis, x.ndim, keepdims)
        return x[ctx.index]


def _checked_axis(x, dim, op_name):
    """dim as a non-negative axis (0 for a 0-d tensor); an empty axis is an IndexError."""
    axis = axis_index(dim, x.ndim, op_name)
    if x.ndim and x.shape[axis] == 0:
        raise IndexError(
            f"{op_name}: cannot reduce over dim {dim} of length 0 (shape {x.shape}): there is "
            f"no index of the maximum or minimum of nothing")
    return axis


def _int64(array):
    return tensor_module.Tensor._wrap(np.asarray(array, dtype=np.int64), False, None)


def arg_extreme(x, dim, keepdim, largest, op_name):
    """argmax (largest) or argmin of Tensor x along dim (None: of the flattened tensor), the
    first one among ties, a NaN counting as the extreme; an int64 Tensor."""
    find = np.argmax if largest else np.argmin
    if dim is None:
        if x.size == 0:
            raise IndexError(f"{op_name}: cannot take the index of the extreme of an empty "
                             f"tensor (shape {x.shape})")
        index = find(x.data)
        return _int64(np.reshape(index, (1,) * x.ndim) if keepdim else index)
    axis = _checked_axis(x, dim, op_name)
    if x.ndim == 0:
        return _int64(0)
    return _int64(find(x.data, axis=axis, keepdims=bool(keepdim)))


def extreme_along(x, dim, keepdim, largest, op_name):
    """max (largest) or min of Tensor x along dim as (values, indices), as PyTorch's
    x.max(dim): the first extreme among ties, a NaN counting as the extreme."""
    indices = arg_extreme(x, dim, True, largest, op_name).data
    axis = axis_index(dim, x.ndim, op_name)
    if not keepdim and x.ndim:
        indices = indices.squeeze(axis)
    values = TakeAlongAxis.apply(x, indices=indices, axis=axis, keepdims=bool(keepdim),
                                 label=op_name)
    return ValuesIndices(values, _int64(indices))


def cumulative_extreme(x, dim, largest, op_name):
    """cummax (largest) or cummin of Tensor x along dim as (values, indices), as PyTorch's:
    index i is the latest position up to i holding the running extreme (a later tie takes
    over), and a NaN takes over and stays until the next NaN."""
    axis = axis_index(dim, x.ndim, op_name)
    data = np.moveaxis(np.atleast_1d(x.data), axis, 0)
    indices = np.zeros(data.shape, dtype=np.int64)
    best = data[0] if len(data) else None
    for i in range(1, len(data)):
        beats = (data[i] >= best) if largest else (data[i] <= best)
        takes_over = beats | np.isnan(data[i])
        best = np.where(takes_over, data[i], best)
        indices[i] = np.where(takes_over, i, indices[i - 1])
    indices = np.moveaxis(indices, 0, axis).reshape(x.shape)
    values = TakeAlongAxis.apply(x, indices=indices, axis=axis, label=op_name)
    return ValuesIndices(values, _int64(indices))
