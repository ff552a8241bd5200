"""flip, roll, repeat, tile, repeat_interleave and pad (constant, reflect, replicate, circular):
values, signs of zeros and gradients (copies collect the gradients of all their copies) equal
torch's at ordinary and edge values (0, -0, +-inf, NaN, empty and 0-d tensors), float32 kept,
first and second derivatives equal finite differences."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from shape_checks import agree_with_torch, passes_gradchecks
from strategies import arrays, edge_floats, shapes, shapes_with_empty, subset_of_axes


def same(op):
    """The op spelled the same way for both engines."""
    return op, op


def flip(draw, shape):
    dims = draw(subset_of_axes(len(shape)))
    if draw(st.booleans()):
        return lambda t: ag.flip(t, dims), lambda t: torch.flip(t, dims)
    return same(lambda t: t.flip(*dims)) if dims else same(lambda t: t.flip(dims))


def flip_sides(draw, shape):
    spelling = "fliplr" if len(shape) >= 2 and draw(st.booleans()) else "flipud"
    return same(lambda t: getattr(t, spelling)())


def roll(draw, shape):
    shift = st.integers(-4, 4)
    if not shape or draw(st.booleans()):
        amount = draw(shift)
        return same(lambda t: t.roll(amount))
    dims = tuple(draw(st.lists(st.integers(-len(shape), len(shape) - 1), min_size=1,
                               max_size=3)))
    shifts = tuple(draw(shift) for _ in dims)
    if len(dims) == 1 and draw(st.booleans()):
        return same(lambda t: t.roll(shifts[0], dims[0]))
    return lambda t: ag.roll(t, shifts, dims), lambda t: torch.roll(t, shifts, dims)


def repeat(draw, shape):
    sizes = tuple(draw(st.lists(st.integers(0, 3), min_size=len(shape),
                                max_size=len(shape) + 2)))
    if draw(st.booleans()):
        return same(lambda t: t.repeat(sizes))
    return lambda t: ag.tile(t, sizes[2:]), lambda t: torch.tile(t, sizes[2:])


def repeat_interleave(draw, shape):
    dim = draw(st.none() | st.integers(-len(shape), len(shape) - 1)) if shape else None
    n = int(np.prod(shape)) if dim is None else shape[dim]
    if draw(st.booleans()):
        repeats = draw(st.integers(0, 3))
        return same(lambda t: t.repeat_interleave(repeats, dim))
    counts = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    return (lambda t: ag.repeat_interleave(t, ag.Tensor(np.array(counts, dtype=np.int64)), dim),
            lambda t: torch.repeat_interleave(t, torch.tensor(counts, dtype=torch.int64), dim))


def constant_pad(draw, shape):
    """Any number of (before, after) pairs up to all axes; negative ones crop."""
    pairs = draw(st.integers(0, len(shape)))
    widths = []
    for n in shape[::-1][:pairs]:
        before = draw(st.integers(-n, 3))
        widths += [before, draw(st.integers(-n - min(before, 0), 3))]
    value = draw(st.sampled_from([0.0, -0.0, 1.5, -3.0]))
    if draw(st.booleans()) and value == 0.0:
        return lambda t: ag.pad(t, widths), lambda t: F.pad(t, widths)
    return (lambda t: ag.pad(t, widths, value=value),
            lambda t: F.pad(t, widths, mode="constant", value=value))


def mode_pad(mode):
    """torch pads k = 1, 2 or 3 trailing axes of a tensor with k + 1 or k + 2 axes in these
    modes; each amount below the side (reflect), at most the side (circular), or any
    (replicate); negative ones crop, leaving at least one element (not drawn for circular:
    torch's result then holds uninitialised memory)."""
    def draw_op(draw, shape):
        pairs = len(shape) - draw(st.integers(1, min(2, len(shape) - 1)))
        widths = []
        for n in shape[::-1][:pairs]:
            most = {"reflect": n - 1, "circular": n, "replicate": 4}[mode]
            least = 0 if mode == "circular" else -2
            before = draw(st.integers(max(1 - n - most, least), most))
            widths += [before, draw(st.integers(max(1 - n - before, least), most))]
        return lambda t: ag.pad(t, widths, mode), lambda t: F.pad(t, widths, mode=mode)
    return draw_op


# name -> (least number of axes, most, draw(draw, shape) -> (ours, theirs))
COPIES = {
    "flip": (0, 3, flip), "fliplr/flipud": (1, 3, flip_sides), "roll": (0, 3, roll),
    "repeat/tile": (0, 3, repeat), "repeat_interleave": (0, 3, repeat_interleave),
    "pad constant": (0, 3, constant_pad), "pad reflect": (2, 3, mode_pad("reflect")),
    "pad replicate": (2, 3, mode_pad("replicate")), "pad circular": (2, 3, mode_pad("circular")),
}


@pytest.mark.parametrize("name", sorted(COPIES))
@settings(max_examples=30)
@given(data=st.data())
def test_copying_op_matches_torch_and_passes_gradcheck_and_gradgradcheck(name, data):
    least, most, draw_op = COPIES[name]
    x = data.draw(arrays(shapes(least, most)), label="x")
    ours, theirs = draw_op(data.draw, x.shape)
    agree_with_torch(ours, theirs, x)
    assert passes_gradchecks(ours, x)


@pytest.mark.parametrize("name", sorted(COPIES))
@settings(max_examples=30)
@given(data=st.data())
def test_copying_op_matches_torch_at_edge_values_and_on_empty_tensors(name, data):
    least, most, draw_op = COPIES[name]
    shape = shapes(least, most) if name.startswith("pad ") and name != "pad constant" else (
        shapes_with_empty(least, most))  # (torch refuses empty tensors in these modes)
    x = data.draw(arrays(shape, edge_floats), label="x")
    ours, theirs = draw_op(data.draw, x.shape)
    agree_with_torch(ours, theirs, x, upstream_elements=[0.0, -0.0, 1.0, np.inf, np.nan])


@pytest.mark.parametrize("value", [np.inf, -np.inf, np.nan, -0.0])
def test_constant_pad_fills_with_any_value_and_sends_no_gradient_there(value):
    x = np.array([[1.0, -0.0], [np.nan, np.inf]])
    widths = (1, -1, 2, 0)
    agree_with_torch(lambda t: ag.pad(t, widths, value=value),
                     lambda t: F.pad(t, widths, value=value), x)
