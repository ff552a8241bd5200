"""sort, argsort, topk: the order comes from numpy's stable sort; the values are a gather of
the input at that order, so their gradient is gather's (each value's gradient goes back to
the element it came from).

As torch: NaN counts as larger than every number (last ascending, first descending), -0. and
0. are equal, and equal elements keep their order of position (torch's stable sort; torch's
topk leaves the order of ties unspecified, ours is the stable sort's).
"""
from typing import NamedTuple

import numpy as np

from .. import tensor as tensor_module
from .gather_scatter import gather
from .indexing import operand
from .shapes import axis_index, dim_or_axis


class ValuesIndices(NamedTuple):
    """What sort and topk return, as torch's named tuples: `.values` (differentiable) and
    `.indices` (int64)."""
    values: object
    indices: object


def _order(array, axis, descending):
    """int64 positions that sort `array` along `axis` stably; descending keeps equal elements
    in their order too (the reverse of the ascending sort of the reversed array)."""
    if not descending:
        return np.argsort(array, axis=axis, kind="stable")
    flipped = np.flip(array, axis)
    return array.shape[axis] - 1 - np.flip(np.argsort(flipped, axis=axis, kind="stable"), axis)


def _sorted_positions(input, dim, descending, op_name):
    array = input.data if isinstance(input, tensor_module.Tensor) else np.asarray(input)
    axis = axis_index(dim, array.ndim, op_name)
    if array.ndim == 0:
        return np.zeros((), dtype=np.int64), axis
    return _order(array, axis, descending).astype(np.int64, copy=False), axis


def _indices_tensor(positions):
    return tensor_module.Tensor._wrap(positions, False, None)


def sort(input, dim=None, descending=False, *, stable=False, axis=None):
    """torch.sort: (values, indices) sorted along `dim` (numpy's `axis`; default the last),
    always stably: stable=True is what torch's CPU sort does anyway."""
    input = operand(input)
    dim = dim_or_axis(dim, axis, "sort")
    positions, axis = _sorted_positions(input, -1 if dim is None else dim, descending, "sort")
    return ValuesIndices(gather(input, axis, positions), _indices_tensor(positions))


def argsort(input, dim=None, descending=False, stable=False, *, axis=None):
    """torch.argsort / numpy.argsort: the int64 positions that sort `input` along `dim`
    (numpy's `axis`; default the last), stably."""
    dim = dim_or_axis(dim, axis, "argsort")
    return _indices_tensor(_sorted_positions(input, -1 if dim is None else dim, descending,
                                             "argsort")[0])


def topk(input, k, dim=-1, largest=True, sorted=True):
    """torch.topk: (values, indices) of the k largest (or smallest) along `dim`, in sorted
    order (also when sorted=False, which lets torch choose any order)."""
    input = operand(input)
    positions, axis = _sorted_positions(input, dim, largest, "topk")
    size = input.shape[axis] if input.ndim else 1
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or not 0 <= k <= size:
        raise ValueError(f"topk: k must be an int in 0..{size} (the size of dim {dim}); got {k!r}")
    if input.ndim:
        positions = np.take(positions, np.arange(k), axis=axis)
    return ValuesIndices(gather(input, axis, positions), _indices_tensor(positions))
