"""Forward mode of the shape family (reshapes, permutations, broadcasts, flip, roll, repeat/tile,
repeat_interleave, pad in every mode): the jvp rules' Jacobian equals finite differences and
<v, J u> by forward mode equals <J^T v, u> by reverse mode for the ops, options and shapes the
value tests draw; the tangents equal torch's forward AD, edge values moved as they are (0, -0,
+-inf, NaN in the input and in the tangent), and keep a float32 input's dtype.
(narrow, split, chunk and unbind are x[...]: their forward mode is the indexing family's.)"""
import math

import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from autograd import forward_ad
from autograd.testing import assert_gradients_match, assert_jvp_matches_vjp
from strategies import arrays, leaf, shapes
from test_autograd_ops_shape_copies import COPIES
from test_autograd_ops_shape_views import VIEWS

nan, inf = math.nan, math.inf


def check_both_modes(op, x):
    """The forward-mode Jacobian against finite differences and against reverse mode."""
    assert_gradients_match(op, leaf(x), mode="forward")
    assert_jvp_matches_vjp(op, leaf(x))


def draw_case(table, name, data):
    """x and our spelling of the op, drawn as the value tests draw them."""
    least, most, draw_op = table[name]
    x = data.draw(arrays(shapes(least, most)), label="x")
    ours, _ = draw_op(data.draw, x.shape)
    return ours, x


@pytest.mark.parametrize("name", sorted(VIEWS))
@given(data=st.data())
def test_reshapes_permutations_and_broadcasts_have_jvps_equal_to_finite_differences_and_reverse(
        name, data):
    check_both_modes(*draw_case(VIEWS, name, data))


@pytest.mark.parametrize("name", sorted(COPIES))
@given(data=st.data())
def test_reorderings_repeats_and_pads_have_jvps_equal_to_finite_differences_and_reverse(
        name, data):
    check_both_modes(*draw_case(COPIES, name, data))


# -- against torch's forward AD at edge values -----------------------------------------------

def same(op):
    """The op spelled the same way for both engines."""
    return op, op


# name -> (ours(t), theirs(t)) for a tensor of shape (2, 3)
OPS = {
    "view": same(lambda t: t.view(3, 2)),
    "reshape(-1)": same(lambda t: t.reshape(-1)),
    "unsqueeze": same(lambda t: t.unsqueeze(1)),
    "squeeze": same(lambda t: t.view(2, 1, 3).squeeze(1)),
    "unflatten": same(lambda t: t.unflatten(1, (3, 1))),
    "permute": same(lambda t: t.permute(1, 0)),
    "transpose": same(lambda t: t.transpose(0, -1)),
    "movedim": same(lambda t: t.view(2, 3, 1).movedim(0, -1)),
    "expand": same(lambda t: t.expand(2, 2, 3)),
    "broadcast_to": (lambda t: ag.broadcast_to(t, (4, 2, 3)),
                     lambda t: torch.broadcast_to(t, (4, 2, 3))),
    "flip": same(lambda t: t.flip(0, 1)),
    "roll": same(lambda t: t.roll(4)),
    "roll(dims)": same(lambda t: t.roll((1, -2, 1), (0, 1, 1))),
    "repeat": same(lambda t: t.repeat(2, 1, 2)),
    "tile": (lambda t: ag.tile(t, (2,)), lambda t: torch.tile(t, (2,))),
    "repeat_interleave": same(lambda t: t.repeat_interleave(2)),
    "repeat_interleave(counts)": (
        lambda t: ag.repeat_interleave(t, ag.Tensor(np.array([0, 2, 1])), 1),
        lambda t: torch.repeat_interleave(t, torch.tensor([0, 2, 1]), 1)),
    "pad constant": (lambda t: ag.pad(t, (1, -1, 2, 0), value=inf),
                     lambda t: F.pad(t, (1, -1, 2, 0), value=inf)),
    "pad reflect": (lambda t: ag.pad(t, (2, 1), "reflect"),
                    lambda t: F.pad(t, (2, 1), mode="reflect")),
    "pad replicate": (lambda t: ag.pad(t.unsqueeze(0), (3, -1, 1, 2), "replicate"),
                      lambda t: F.pad(t.unsqueeze(0), (3, -1, 1, 2), mode="replicate")),
    "pad circular": (lambda t: ag.pad(t, (3, 1), "circular"),
                     lambda t: F.pad(t, (3, 1), mode="circular")),
}
EDGES = np.array([[0.0, -0.0, 1.0], [-2.5, inf, nan]])
DIRECTIONS = {
    "ordinary": np.linspace(0.5, -1.25, 6).reshape(2, 3),
    "edge values": np.array([[-0.0, 0.0, inf], [nan, -inf, 5e-324]]),
}


def our_tangent(op, x, u):
    with forward_ad.dual_level():
        out = op(forward_ad.make_dual(ag.Tensor(x), u))
        return forward_ad.unpack_dual(out).tangent.data


def torch_tangent(op, x, u):
    with torch_forward_ad.dual_level():
        out = op(torch_forward_ad.make_dual(torch.tensor(x), torch.tensor(u)))
        return torch_forward_ad.unpack_dual(out).tangent.numpy()


@pytest.mark.parametrize("direction", sorted(DIRECTIONS))
@pytest.mark.parametrize("name", sorted(OPS))
def test_tangents_at_edge_values_equal_torchs_forward_ad_signs_of_zeros_included(
        name, direction):
    ours_op, torch_op = OPS[name]
    u = DIRECTIONS[direction]
    ours, theirs = our_tangent(ours_op, EDGES, u), torch_tangent(torch_op, EDGES, u)
    assert ours.shape == theirs.shape
    np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_array_equal(np.signbit(ours), np.signbit(theirs))


@pytest.mark.parametrize("name", sorted(OPS))
def test_a_float32_tangent_stays_float32(name):
    x = EDGES.astype(np.float32)
    u = DIRECTIONS["ordinary"].astype(np.float32)
    ours = our_tangent(OPS[name][0], x, u)
    assert ours.dtype == np.float32
    np.testing.assert_array_equal(ours, our_tangent(OPS[name][0], EDGES, u.astype(np.float64)))


# name -> (ours(t), theirs(t), x): empty and 0-d tensors
SMALL = {
    "reshape(empty)": (*same(lambda t: t.reshape(0, 2)), np.zeros((2, 0))),
    "expand(empty)": (*same(lambda t: t.expand(3, 2, 0)), np.zeros((2, 0))),
    "roll(empty)": (*same(lambda t: t.roll(1)), np.zeros((2, 0))),
    "repeat(empty)": (*same(lambda t: t.repeat(2, 3)), np.zeros((2, 0))),
    "pad(empty)": (lambda t: ag.pad(t, (1, 1)), lambda t: F.pad(t, (1, 1)), np.zeros((2, 0))),
    "reshape(0-d)": (*same(lambda t: t.reshape(1, 1)), np.array(-0.0)),
    "expand(0-d)": (*same(lambda t: t.expand(2)), np.array(inf)),
    "flip(0-d)": (*same(lambda t: t.flip(0)), np.array(nan)),
    "repeat(0-d)": (*same(lambda t: t.repeat(3)), np.array(1.5)),
}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_tangents_of_empty_and_0d_tensors_equal_torchs(name):
    ours_op, torch_op, x = SMALL[name]
    u = np.full(x.shape, -0.75)
    ours, theirs = our_tangent(ours_op, x, u), torch_tangent(torch_op, x, u)
    assert ours.shape == theirs.shape
    np.testing.assert_array_equal(ours, theirs)
