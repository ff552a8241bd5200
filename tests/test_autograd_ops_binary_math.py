"""Rounding, % and //, fmod, maximum, minimum, atan2, logaddexp, hypot, lerp on hypothesis-drawn
shapes (0-d and size-1 axes, broadcast pairs): values and gradients equal torch's (float64),
float32 stays float32, and first and second derivatives equal finite differences on inputs
kept away from kinks (whole quotients, ties) and singularities (the origin)."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from program_ops_binary_math import strided
from strategies import (arrays, broadcastable_arrays, floats, leaf, nonzero_floats,
                        quotients_away_from_whole, shapes, values_away_from_whole)

GRADGRAD_EXAMPLES = 30  # gradgradcheck is the slow part of these tests


@st.composite
def apart_pairs(draw):
    """(a, b) of broadcastable shapes with |a - b| >= 0.05 everywhere (no ties), either
    operand the larger."""
    a, difference = draw(broadcastable_arrays(floats(), nonzero_floats(0.05, 3.0), max_dims=2))
    pair = (a, a + difference)
    return pair if draw(st.booleans()) else pair[::-1]


@st.composite
def dividend_divisor_pairs(draw):
    """(a, b) with b of magnitude 0.5 to 3 and a / b at least 0.05 from a whole number."""
    quotient, b = draw(broadcastable_arrays(quotients_away_from_whole(), nonzero_floats(),
                                            max_dims=2))
    return quotient * b, b


@st.composite
def pairs_off_the_origin(draw):
    """(a, b) of broadcastable shapes with b of magnitude 0.5 to 3, either operand first."""
    pair = draw(broadcastable_arrays(floats(), nonzero_floats(), max_dims=2))
    return pair if draw(st.booleans()) else pair[::-1]


# name -> (ours, torch's, strategy of (a, b))
TWO_TENSORS = {
    "remainder": (lambda a, b: a % b, torch.remainder, dividend_divisor_pairs()),
    "fmod": (ag.fmod, torch.fmod, dividend_divisor_pairs()),
    "floor_divide": (lambda a, b: a // b, lambda a, b: torch.div(a, b, rounding_mode="floor"),
                     dividend_divisor_pairs()),
    "div_trunc": (lambda a, b: ag.div(a, b, rounding_mode="trunc"),
                  lambda a, b: torch.div(a, b, rounding_mode="trunc"), dividend_divisor_pairs()),
    "maximum": (ag.maximum, torch.maximum, apart_pairs()),
    "minimum": (ag.minimum, torch.minimum, apart_pairs()),
    "atan2": (ag.atan2, torch.atan2,  # (y, x) off the cut y = 0, x <= 0
              broadcastable_arrays(nonzero_floats(0.05, 3.0), floats(), max_dims=2)),
    "hypot": (ag.hypot, torch.hypot, pairs_off_the_origin()),
    "logaddexp": (ag.logaddexp, torch.logaddexp,
                  broadcastable_arrays(floats(-20.0, 20.0), floats(-20.0, 20.0), max_dims=2)),
}


def check_against_torch(ours, theirs, arrays_, data):
    """Values and gradients (of a random weighting of the output) equal torch's."""
    xs = [leaf(a) for a in arrays_]
    ts = [torch.tensor(a, requires_grad=True) for a in arrays_]
    out, expected = ours(*xs), theirs(*ts)
    assert out.dtype == np.float64 and out.shape == tuple(expected.shape)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-15)
    weights = data.draw(arrays(out.shape), label="weights")
    (out * ag.Tensor(weights)).sum().backward()
    (expected * torch.tensor(weights)).sum().backward()
    for x, t in zip(xs, ts):
        np.testing.assert_allclose(x.grad, t.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(TWO_TENSORS))
@settings(max_examples=GRADGRAD_EXAMPLES)
@given(data=st.data())
def test_two_tensor_op_matches_torch_and_passes_gradcheck_and_gradgradcheck(name, data):
    ours, theirs, pairs = TWO_TENSORS[name]
    a, b = data.draw(pairs, label="a, b")
    check_against_torch(ours, theirs, (a, b), data)
    assert ag.gradcheck(ours, (leaf(a), leaf(b)))
    assert ag.gradgradcheck(ours, (leaf(a), leaf(b)))


@pytest.mark.parametrize("name", sorted(TWO_TENSORS))
@given(pair=broadcastable_arrays(floats(), nonzero_floats()))
def test_two_tensor_op_keeps_float32(name, pair):
    ours = TWO_TENSORS[name][0]
    a, b = (ag.Tensor(x.astype(np.float32), requires_grad=True) for x in pair)
    out = ours(a, b)
    assert out.dtype == np.float32
    out.sum().backward()
    assert a.grad.dtype == np.float32 and b.grad.dtype == np.float32


@settings(max_examples=GRADGRAD_EXAMPLES)
@given(triple=broadcastable_arrays(floats(), floats(), floats(-1.0, 2.0), max_dims=2),
       data=st.data())
def test_lerp_with_a_weight_tensor_matches_torch_and_passes_gradchecks(triple, data):
    check_against_torch(ag.lerp, lambda *ts: torch.lerp(*(strided(t) for t in ts)), triple, data)
    assert ag.gradcheck(ag.lerp, tuple(leaf(x) for x in triple))
    assert ag.gradgradcheck(ag.lerp, tuple(leaf(x) for x in triple))


@settings(max_examples=GRADGRAD_EXAMPLES)
@given(pair=broadcastable_arrays(floats(), floats(), max_dims=2),
       weight=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, -1.5, 2.0]), data=st.data())
def test_lerp_with_a_weight_number_matches_torch_and_passes_gradchecks(pair, weight, data):
    def lerp(a, b):
        return a.lerp(b, weight)
    check_against_torch(lerp, lambda a, b: torch.lerp(strided(a), strided(b), weight), pair, data)
    assert ag.gradcheck(lerp, tuple(leaf(x) for x in pair))
    assert ag.gradgradcheck(lerp, tuple(leaf(x) for x in pair))
    assert lerp(*(ag.Tensor(x.astype(np.float32)) for x in pair)).dtype == np.float32


# name -> (ours, torch's, inputs where the op is smooth)
ROUNDING = {
    "floor": (ag.Tensor.floor, torch.floor, values_away_from_whole()),
    "ceil": (ag.Tensor.ceil, torch.ceil, values_away_from_whole()),
    "trunc": (ag.Tensor.trunc, torch.trunc, values_away_from_whole()),
    "fix": (ag.Tensor.fix, torch.fix, values_away_from_whole()),
    "round": (ag.Tensor.round, torch.round, values_away_from_whole(halves=True)),
    "round(decimals=1)": (lambda x: x.round(decimals=1), lambda x: torch.round(x, decimals=1),
                          values_away_from_whole(halves=True, scale=10.0)),
    "round(decimals=-1)": (lambda x: x.round(decimals=-1), lambda x: torch.round(x, decimals=-1),
                           values_away_from_whole(halves=True, scale=0.1)),
    "frac": (ag.Tensor.frac, torch.frac, values_away_from_whole()),
}


@pytest.mark.parametrize("name", sorted(ROUNDING))
@settings(max_examples=GRADGRAD_EXAMPLES)
@given(data=st.data())
def test_rounding_op_matches_torch_and_passes_gradcheck_and_gradgradcheck(name, data):
    ours, theirs, elements = ROUNDING[name]
    x = data.draw(arrays(shapes(), elements), label="x")
    check_against_torch(ours, theirs, (x,), data)
    assert ag.gradcheck(ours, (leaf(x),))
    assert ag.gradgradcheck(ours, (leaf(x),))
    assert ours(ag.Tensor(x.astype(np.float32))).dtype == np.float32


@pytest.mark.parametrize("name", ["floor", "ceil", "trunc", "round"])
@given(x=arrays(shapes(min_dims=1)))
def test_a_leaf_reached_only_through_rounding_gets_a_zero_gradient_as_in_torch(name, x):
    t = leaf(x)
    getattr(t, name)().sum().backward()
    expected = torch.tensor(x, requires_grad=True)
    getattr(expected, name)().sum().backward()
    np.testing.assert_array_equal(t.grad, expected.grad.numpy())
    np.testing.assert_array_equal(t.grad, np.zeros_like(x))


@given(pair=broadcastable_arrays(floats(-2.0, 2.0), floats(-2.0, 2.0)))
def test_maximum_and_minimum_at_ties_share_the_gradient_half_and_half_as_torch(pair):
    x, y = np.round(pair[0]), np.round(pair[1])  # whole numbers: some ties
    for name in ("maximum", "minimum"):
        for first, second in ((x, x), (x, y)):
            a, b = leaf(first), leaf(second)
            ta, tb = (torch.tensor(v, requires_grad=True) for v in (first, second))
            getattr(ag, name)(a, b).sum().backward()
            getattr(torch, name)(ta, tb).sum().backward()
            np.testing.assert_array_equal(a.grad, ta.grad.numpy())
            np.testing.assert_array_equal(b.grad, tb.grad.numpy())
