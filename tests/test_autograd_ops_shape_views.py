"""Reshapes, permutations and broadcasts (view, squeeze, unsqueeze, flatten, unflatten, permute,
transpose, swapaxes, T, mT, t, movedim, expand, broadcast_to): values, signs of zeros and
gradients equal torch's at ordinary and edge values (0, -0, +-inf, NaN, empty and 0-d
tensors), float32 kept, first and second derivatives equal finite differences."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from shape_checks import agree_with_torch, passes_gradchecks
from strategies import (arrays, edge_floats, permutations_of_axes, reshape_targets, shapes,
                        shapes_with_empty, single_axis, subset_of_axes)


def same(op):
    """The op spelled the same way for both engines."""
    return op, op


def axis_of(ndim):
    """One axis; a 0-d tensor takes 0 and -1, as in torch."""
    return single_axis(ndim) if ndim else st.sampled_from([0, -1])


def target_shape(draw, shape):
    """A shape with as many elements (for an empty tensor: its sides in another order)."""
    if 0 in shape:
        return tuple(draw(st.permutations(shape))) + (1,) * draw(st.integers(0, 1))
    return draw(reshape_targets(int(np.prod(shape))))


def view(draw, shape):
    target = target_shape(draw, shape)
    return same(lambda t: t.view(target))


def view_as(draw, shape):
    target = np.zeros(shape).reshape(target_shape(draw, shape)).shape
    return (lambda t: t.view_as(ag.Tensor(np.zeros(target))),
            lambda t: t.reshape_as(torch.zeros(target)))


def unsqueeze(draw, shape):
    dim = draw(single_axis(len(shape), extra=1))
    return same(lambda t: t.unsqueeze(dim))


def squeeze(draw, shape):
    dims = draw(st.one_of(st.none(), axis_of(len(shape)), subset_of_axes(len(shape))))
    if dims is None:
        return same(lambda t: t.squeeze())
    return same(lambda t: t.squeeze(dims))


def flatten(draw, shape):
    start, end = sorted(draw(st.lists(st.integers(0, max(len(shape) - 1, 0)), min_size=2,
                                      max_size=2)))
    start -= len(shape) * draw(st.booleans())
    return same(lambda t: t.flatten(start, end))


def unflatten(draw, shape):
    dim = draw(single_axis(len(shape)))
    n = shape[dim]
    sizes = (draw(st.sampled_from([(0,), (1, 0), (0, 3)])) if n == 0
             else draw(reshape_targets(n)) or (1,))
    return same(lambda t: t.unflatten(dim, sizes))


def permute(draw, shape):
    dims = draw(permutations_of_axes(len(shape)))
    return same(lambda t: t.permute(dims)) if draw(st.booleans()) else (
        lambda t: ag.permute(t, dims), lambda t: torch.permute(t, dims))


def transpose(draw, shape):
    first, second = draw(axis_of(len(shape))), draw(axis_of(len(shape)))
    spelling = draw(st.sampled_from(["transpose", "swapaxes", "swapdims"]))
    return (lambda t: getattr(t, spelling)(first, second),
            lambda t: getattr(t, spelling)(first, second))


def reverse(draw, shape):
    if draw(st.booleans()):
        return same(lambda t: t.T)
    return lambda t: t.transpose(), lambda t: t.permute(tuple(reversed(range(t.ndim))))


def matrix_transpose(draw, shape):
    return same(lambda t: t.mT)


def t(draw, shape):
    return same(lambda t: t.t())


def movedim(draw, shape):
    source = draw(subset_of_axes(len(shape)))
    destination = draw(subset_of_axes(len(shape), min_size=len(source)))[:len(source)]
    if len(source) == 1 and draw(st.booleans()):
        source, destination = source[0], destination[0]
    spelling = draw(st.sampled_from(["movedim", "moveaxis"]))
    return same(lambda t: getattr(t, spelling)(source, destination))


def expand(draw, shape):
    lead = tuple(draw(st.lists(st.integers(0, 3), max_size=2)))
    kept = tuple(draw(st.sampled_from([-1, 0, 2, 3])) if n == 1 else
                 draw(st.sampled_from([-1, n])) for n in shape)
    target = lead + tuple(n if s == -1 else s for n, s in zip(shape, kept))
    spelling = draw(st.sampled_from(["expand", "broadcast_to", "expand_as"]))
    if spelling == "expand" and draw(st.booleans()) and target:
        return same(lambda t: t.expand(*lead, *kept))
    if spelling == "expand":
        return same(lambda t: t.expand(lead + kept))
    if spelling == "broadcast_to":
        return lambda t: ag.broadcast_to(t, target), lambda t: torch.broadcast_to(t, target)
    return (lambda t: t.expand_as(ag.Tensor(np.zeros(target))),
            lambda t: t.expand_as(torch.zeros(target)))


# name -> (least number of axes, most, draw(draw, shape) -> (ours, theirs))
VIEWS = {
    "view": (0, 3, view), "view_as": (0, 3, view_as), "unsqueeze": (0, 3, unsqueeze),
    "squeeze": (0, 3, squeeze), "flatten": (0, 3, flatten), "unflatten": (1, 3, unflatten),
    "permute": (0, 3, permute), "transpose": (0, 3, transpose), "T": (0, 3, reverse),
    "mT": (2, 3, matrix_transpose), "t": (0, 2, t), "movedim": (0, 3, movedim),
    "expand": (0, 3, expand),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
@settings(max_examples=30)
@given(data=st.data())
def test_view_op_matches_torch_and_passes_gradcheck_and_gradgradcheck(name, data):
    least, most, draw_op = VIEWS[name]
    x = data.draw(arrays(shapes(least, most)), label="x")
    ours, theirs = draw_op(data.draw, x.shape)
    agree_with_torch(ours, theirs, x)
    assert passes_gradchecks(ours, x)


@pytest.mark.parametrize("name", sorted(VIEWS))
@settings(max_examples=30)
@given(data=st.data())
def test_view_op_matches_torch_at_edge_values_and_on_empty_tensors(name, data):
    least, most, draw_op = VIEWS[name]
    x = data.draw(arrays(shapes_with_empty(least, most), edge_floats), label="x")
    ours, theirs = draw_op(data.draw, x.shape)
    agree_with_torch(ours, theirs, x, upstream_elements=[0.0, -0.0, 1.0, np.inf, np.nan])
