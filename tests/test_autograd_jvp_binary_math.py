"""Forward mode of the binary math family (floor, ceil, trunc, round, frac; //, trunc division,
%, fmod; maximum, minimum, atan2, lerp, logaddexp, hypot): the jvp rules' Jacobian equals
finite differences where the ops are smooth, and <v, J u> by forward mode equals <J^T v, u> by
reverse mode also at their kinks (ties, whole quotients, whole numbers); at every pair of
edge values the tangent is the direction times the derivative backward uses, and equals
torch's forward AD except where torch's forward AD departs from its own backward (maximum and
minimum at NaN, atan2 at the origin); float32 stays float32; predicates and logic carry no
tangent."""
import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from autograd import forward_ad
from autograd.testing import assert_gradients_match, assert_jvp_matches_vjp
from strategies import (arrays, broadcastable_arrays, floats, leaf, nonzero_floats, shapes,
                        values_away_from_whole)
from test_autograd_ops_binary_math import apart_pairs, dividend_divisor_pairs, pairs_off_the_origin
from test_autograd_ops_binary_math_edges import (DIRECTION_A, DIRECTION_B, EDGE_OPS, FIRST,
                                                 ROUNDING, SECOND, UNARY_EDGES, assert_same)


def one(elements):
    """A 1-tuple of an array of a drawn shape (0-d included)."""
    return arrays(shapes(), elements).map(lambda x: (x,))


def whole_or_half(values):
    """Half of the numbers rounded to a whole number or a half: where rounding jumps."""
    return st.one_of(values, values.map(lambda v: round(v * 2) / 2))


@st.composite
def whole_quotients(draw):
    """(a, b) with b of magnitude 0.5 to 3 and a / b (about) a whole number, where // and
    trunc division jump and % and fmod have a kink."""
    q, b = draw(broadcastable_arrays(floats(), nonzero_floats(), max_dims=2))
    return np.round(q) * b, b


def with_ties(pairs):
    """The pairs, or both rounded to whole numbers: some elements tie."""
    return st.one_of(pairs, pairs.map(lambda pair: tuple(np.round(x) for x in pair)))


pairs = broadcastable_arrays(floats(), floats(), max_dims=2)
triples = broadcastable_arrays(floats(), floats(), floats(-1.0, 2.0), max_dims=2)
# name -> (function of tensors, inputs where the op is smooth, finite inputs at its kinks too)
CASES = {
    "floor": (ag.floor, one(values_away_from_whole()), one(whole_or_half(floats()))),
    "ceil": (ag.ceil, one(values_away_from_whole()), one(whole_or_half(floats()))),
    "trunc": (ag.trunc, one(values_away_from_whole()), one(whole_or_half(floats()))),
    "round": (ag.round, one(values_away_from_whole(halves=True)),
              one(whole_or_half(floats()))),
    "round(decimals=1)": (lambda x: x.round(decimals=1),
                          one(values_away_from_whole(halves=True, scale=10.0)),
                          one(whole_or_half(floats()))),
    "frac": (ag.frac, one(values_away_from_whole()), one(whole_or_half(floats()))),
    "floor_divide": (lambda a, b: a // b, dividend_divisor_pairs(), whole_quotients()),
    "div_trunc": (lambda a, b: ag.div(a, b, rounding_mode="trunc"), dividend_divisor_pairs(),
                  whole_quotients()),
    "remainder": (lambda a, b: a % b, dividend_divisor_pairs(), whole_quotients()),
    "fmod": (ag.fmod, dividend_divisor_pairs(), whole_quotients()),
    "maximum": (ag.maximum, apart_pairs(), with_ties(pairs)),
    "minimum": (ag.minimum, apart_pairs(), with_ties(pairs)),
    "maximum_with_a_number": (lambda a: ag.maximum(a, 0.5), one(floats().filter(
        lambda v: abs(v - 0.5) > 1e-2)), one(whole_or_half(floats()))),
    "atan2": (ag.atan2, broadcastable_arrays(nonzero_floats(0.05, 3.0), floats(), max_dims=2),
              # off the cut y = 0, x <= 0 for finite differences; on it and at the origin
              # too (in hundredths: a^2 + b^2 is 0 or normal, never 1 / subnormal = inf)
              pairs.map(lambda pair: tuple(np.round(x, 2) for x in pair))),
    "hypot": (ag.hypot, pairs_off_the_origin(), pairs_off_the_origin()),
    "logaddexp": (ag.logaddexp, broadcastable_arrays(floats(-20.0, 20.0), floats(-20.0, 20.0)),
                  with_ties(pairs)),
    "lerp": (ag.lerp, triples, triples),
    "lerp(weight=0.75)": (lambda a, b: a.lerp(b, 0.75), pairs, pairs),
}


@pytest.mark.parametrize("name", sorted(CASES))
@given(data=st.data())
def test_forward_mode_jacobian_equals_finite_differences(name, data):
    function, smooth, _ = CASES[name]
    inputs = [leaf(x) for x in data.draw(smooth, label="inputs")]
    assert_gradients_match(function, *inputs, mode="forward")


@pytest.mark.parametrize("name", sorted(CASES))
@given(data=st.data())
def test_forward_mode_agrees_with_reverse_mode_also_at_kinks(name, data):
    """Ties share the tangent half and half, whole quotients take backward's quotient:
    <v, J u> = <J^T v, u> wherever both modes are finite, kinks included."""
    function, _, anywhere = CASES[name]
    inputs = [leaf(x) for x in data.draw(anywhere, label="inputs")]
    assert_jvp_matches_vjp(function, *inputs, seed=data.draw(st.integers(0, 2**16)))


# -- edge values: every pair of 0, -0, +-1, halves, +-1e-300, +-1e300, +-inf, NaN -----------
def our_tangent(function, arrays_, directions):
    with forward_ad.dual_level():
        duals = [forward_ad.make_dual(ag.Tensor(x), d) for x, d in zip(arrays_, directions)]
        value, tangent = forward_ad.unpack_dual(function(*duals))
    return value.data, tangent.data


def torch_tangent(function, arrays_, directions):
    with torch_forward_ad.dual_level():
        duals = [torch_forward_ad.make_dual(torch.tensor(x), torch.tensor(d))
                 for x, d in zip(arrays_, directions)]
        value, tangent = torch_forward_ad.unpack_dual(function(*duals))
    return value.detach().numpy(), tangent.numpy()


def backwards_directional_derivative(function, arrays_, directions):
    """sum_i u_i * dy/dx_i with the dy/dx_i that backward gives (ones upstream)."""
    leaves = [leaf(x.copy()) for x in arrays_]
    gradients = ag.grad(function(*leaves).sum(), leaves, allow_unused=True)
    return sum(np.zeros_like(x) if g is None else u * g.data
               for x, u, g in zip(arrays_, directions, gradients))


# Where torch's forward AD gives another tangent than its own backward (ours follows backward):
# maximum/minimum at NaN, where torch's b_t + [a wins] (a_t - b_t) takes b_t alone and its
# backward gives both operands the whole gradient (a_t + b_t); atan2 where a^2 + b^2 is 0
# (at the origin and where the squares underflow), where torch divides by 0 and its backward
# (and ours) uses 1 / (a^2 + b^2) = 0; lerp with an infinite weight tensor, where torch takes
# lerp of the tangents, s_t + w (e_t - s_t), and its backward (and ours) (1 - w) s_t + w e_t,
# which is inf - inf = NaN when e_t and s_t are alike (here e = 2 s).
with np.errstate(all="ignore"):
    DIFFERENT_FROM_TORCH = {
        "maximum": np.isnan(FIRST) | np.isnan(SECOND),
        "minimum": np.isnan(FIRST) | np.isnan(SECOND),
        "atan2": FIRST * FIRST + SECOND * SECOND == 0,
        "lerp(weight=b)": np.isinf(SECOND),
    }
EDGE_INPUTS, EDGE_DIRECTIONS = (FIRST, SECOND), (DIRECTION_A, DIRECTION_B)
UNARY_DIRECTIONS = DIRECTION_A[:UNARY_EDGES.size]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name", sorted(EDGE_OPS))
def test_tangent_at_every_pair_of_edge_values_equals_torchs_forward_ad(name):
    ours_function, torch_function = EDGE_OPS[name]
    (value, ours), (expected, theirs) = (
        tangent(function, EDGE_INPUTS, EDGE_DIRECTIONS)
        for tangent, function in ((our_tangent, ours_function), (torch_tangent, torch_function)))
    assert_same(value, expected, f"{name} value")
    kept = ~DIFFERENT_FROM_TORCH.get(name, np.zeros(FIRST.shape, bool))
    assert_same(ours[kept], theirs[kept], f"{name} tangent", signed_zeros=False)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name", sorted(ROUNDING))
def test_rounding_tangent_at_edge_values_equals_torchs_forward_ad(name):
    ours, theirs = ROUNDING[name]
    (value, tangent), (expected_value, expected) = (
        our_tangent(ours, (UNARY_EDGES,), (UNARY_DIRECTIONS,)),
        torch_tangent(theirs, (UNARY_EDGES,), (UNARY_DIRECTIONS,)))
    assert_same(value, expected_value, f"{name} value")
    assert_same(tangent, expected, f"{name} tangent")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name", sorted(EDGE_OPS) + sorted(ROUNDING))
def test_tangent_at_edge_values_is_the_direction_times_backwards_derivative(name):
    """Forward and reverse mode agree everywhere, infinities, NaN and the places where
    torch's forward AD differs included."""
    function = EDGE_OPS[name][0] if name in EDGE_OPS else ROUNDING[name][0]
    inputs, directions = ((EDGE_INPUTS, EDGE_DIRECTIONS) if name in EDGE_OPS
                          else ((UNARY_EDGES,), (UNARY_DIRECTIONS,)))
    _, tangent = our_tangent(function, inputs, directions)
    expected = backwards_directional_derivative(function, inputs, directions)
    assert_same(tangent, expected, f"{name}: tangent", signed_zeros=False)


def test_the_deliberate_differences_from_torchs_forward_ad():
    """maximum(NaN, 1) passes both tangents on (a_t + b_t, as both backwards do), torch's
    forward AD only b_t; atan2(0, 0) has tangent 0 (as both backwards), torch's NaN; lerp
    with infinite operands sums its infinite terms as backward does (NaN), torch -inf."""
    nan_and_one = (np.array([np.nan]), np.array([1.0]))
    directions = (np.array([1.0]), np.array([2.0]))
    for ours, theirs in ((ag.maximum, torch.maximum), (ag.minimum, torch.minimum)):
        assert our_tangent(ours, nan_and_one, directions)[1] == [3.0]
        assert torch_tangent(theirs, nan_and_one, directions)[1] == [2.0]
    origin = (np.array([0.0]), np.array([0.0]))
    assert our_tangent(ag.atan2, origin, directions)[1] == [0.0]
    with np.errstate(invalid="ignore"):
        assert np.isnan(torch_tangent(torch.atan2, origin, directions)[1]).all()
    # lerp(inf, 1e4, inf): (1 - w) dstart + (end - start) dweight = -inf + inf, NaN as the
    # directional derivative by backward; torch's forward AD adds the terms in another order
    infinite = (np.array([np.inf]), np.array([1e4]), np.array([np.inf]))
    along = (np.array([1.0]), np.array([0.0]), np.array([1.0]))
    with np.errstate(invalid="ignore"):
        assert np.isnan(our_tangent(ag.lerp, infinite, along)[1]).all()
        assert torch_tangent(torch.lerp, infinite, along)[1] == [-np.inf]


def test_a_number_weight_of_lerp_has_no_tangent_term():
    """lerp(a, inf, 0.5): the number 0.5 sends no tangent, so no 0 * inf = NaN (as torch)."""
    function = lambda a: ag.lerp(a, np.inf, 0.5)  # noqa: E731
    _, tangent = our_tangent(function, (np.array([1.0, -2.0]),), (np.array([2.0, 1.0]),))
    np.testing.assert_array_equal(tangent, [1.0, 0.5])


# -- shapes and dtypes -------------------------------------------------------------------------
TWO_TENSOR_OPS = ["remainder", "fmod", "floor_divide", "div_trunc", "maximum", "minimum",
                  "atan2", "logaddexp", "hypot", "lerp(weight=0.75)"]


@pytest.mark.parametrize("name", TWO_TENSOR_OPS)
@pytest.mark.parametrize("shapes_", [((0,), (0,)), ((2, 0), (1,)), ((), ()), ((), (3,))])
def test_empty_and_zero_dimensional_tangents_equal_torch(name, shapes_):
    inputs = [np.full(shape, 1.25) for shape in shapes_]
    directions = [np.full(shape, -1.5) for shape in shapes_]
    ours, theirs = EDGE_OPS[name]
    ours, theirs = our_tangent(ours, inputs, directions), torch_tangent(theirs, inputs, directions)
    for what, a, b in zip(("value", "tangent"), ours, theirs):
        assert a.shape == b.shape, (name, what)
        assert_same(a, b, f"{name}: {what} on shapes {shapes_}")


@pytest.mark.parametrize("name", TWO_TENSOR_OPS)
def test_float32_tangent_stays_float32_and_equals_torch(name):
    a = np.linspace(-2.3, 2.9, 6, dtype=np.float32).reshape(2, 3)
    b = np.array([0.7, -1.3, 2.1], dtype=np.float32)
    directions = (np.linspace(-1.0, 2.0, 6, dtype=np.float32).reshape(2, 3),
                  np.array([0.5, -0.25, 1.0], dtype=np.float32))
    ours, theirs = EDGE_OPS[name]
    (_, tangent), (_, expected) = (our_tangent(ours, (a, b), directions),
                                   torch_tangent(theirs, (a, b), directions))
    assert tangent.dtype == np.float32
    np.testing.assert_allclose(tangent, expected, rtol=1e-5, atol=1e-6)


def test_predicates_and_logic_carry_no_tangent():
    """They give bool tensors (integer for bitwise ops on integers) made without an op: no
    jvp is needed and none is asked for."""
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.Tensor(np.array([0.5, np.nan, -np.inf])),
                                np.array([1.0, 2.0, 3.0]))
        results = [x.isnan(), x.isinf(), x.isfinite(), x.isposinf(), x.isneginf(),
                   x.isclose(x * 1.0), ag.logical_and(x, x), ag.logical_not(x), x > 0,
                   ag.bitwise_and(x.isnan(), x.isinf())]
        for result in results:
            assert result.dtype == bool and forward_ad.unpack_dual(result).tangent is None
        assert ag.allclose(x, x, equal_nan=True) and not ag.equal(x, x + 1.0)


def test_a_chain_of_the_family_passes_gradcheck_with_forward_ad():
    def f(a, b, w):
        return (ag.maximum(a, b).lerp(ag.hypot(a, b), w) + ag.atan2(a, b) % 0.75
                + ag.logaddexp(a, b).frac() + ag.fmod(a * 3.0, b) + (a // b) * a.round())

    a = ag.Tensor(np.array([[0.3, -0.7], [1.1, 0.05]]), requires_grad=True)
    b = ag.Tensor(np.array([-0.4, 0.9]), requires_grad=True)
    w = ag.Tensor(np.array([0.2, 1.3]), requires_grad=True)
    assert ag.gradcheck(f, (a, b, w), check_forward_ad=True)
    assert_jvp_matches_vjp(f, a, b, w)
