"""Forward mode of the activations (erf, leaky_relu, elu, celu, selu, relu6, hardtanh,
hardsigmoid, hardswish, gelu in both forms, silu, mish, softplus, logsigmoid, and softsign and
softmin, which are made of other ops): the jvp rules' Jacobian equals finite differences and
<v, J u> by forward mode equals <J^T v, u> by reverse mode on drawn shapes and values away
from the kinks; at the kinks, +-inf, NaN and signed zeros the tangent is exactly what backward
gives for the same direction (both are elementwise: J is diagonal), and it equals torch's
forward AD, except hardsigmoid's 1/6 (torch's is float32's, as in its backward)."""
import math

import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from activation_cases import CASES, EDGES, ELEMENTWISE
from autograd import forward_ad
from autograd.testing import assert_gradients_match, assert_jvp_matches_vjp
from strategies import arrays, floats_away_from, leaf, shapes, single_axis

TINY = np.finfo(np.float64).tiny
NAMES = sorted(CASES)
VALUES = np.array(EDGES)
# a direction of each sign and size, cycled over the edge values (never 0: 0 * inf is NaN)
DIRECTIONS = np.resize(np.array([1.0, -2.0, 0.5, -0.25, 3.0, 1e-3]), VALUES.shape)
# the ops themselves (softsign and softmin are compositions: their rules are other ops')
RULES = [name for name in ELEMENTWISE if name != "softsign"]


def drawn_leaf(data, name, min_dims=0):
    case = CASES[name]
    elements = floats_away_from(case.kinks, case.lo, case.hi)
    return leaf(data.draw(arrays(shapes(min_dims=min_dims), elements), label="x"))


def our_tangent(function, array, direction):
    """(value, tangent) of function at array in the given direction, by our forward mode."""
    with np.errstate(all="ignore"), forward_ad.dual_level():
        x = forward_ad.make_dual(ag.Tensor(array), direction)  # no requires_grad: nothing saved
        value, tangent = forward_ad.unpack_dual(function(x))
    return value.data, tangent.data


def torch_tangent(function, array, direction):
    """The same by torch's forward AD, each element on its own as a 0-d tensor: torch's scalar
    formula (its vectorized loop answers NaN or 0 at a NaN in a block, which its scalar loop
    and ours do not; see test_autograd_ops_activations_edges)."""
    results = []
    for value, du in zip(array.flat, direction.flat):
        with torch_forward_ad.dual_level():
            x = torch_forward_ad.make_dual(torch.tensor(value), torch.tensor(du))
            y, dy = torch_forward_ad.unpack_dual(function(x))
        results.append((y.item(), dy.item()))
    return tuple(np.array(column).reshape(array.shape) for column in zip(*results))


def assert_same(ours, theirs, what, rtol=1e-12):
    """Equal to rtol (differences below the smallest normal number do not count), NaN where the
    other has NaN, the same infinities, and zeros of the same sign."""
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=TINY, err_msg=what)
    zeros = (ours == 0) & (theirs == 0)
    np.testing.assert_array_equal(np.signbit(ours[zeros]), np.signbit(theirs[zeros]),
                                  err_msg=f"{what}: signs of zeros")


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_forward_mode_jacobian_equals_finite_differences(name, data):
    assert_gradients_match(CASES[name].ours, drawn_leaf(data, name), mode="forward")


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_forward_mode_agrees_with_reverse_mode(name, data):
    x = drawn_leaf(data, name)
    seed = data.draw(st.integers(0, 2**16), label="seed")
    assert_jvp_matches_vjp(CASES[name].ours, x, seed=seed)


@given(a=arrays(shapes(min_dims=1), floats_away_from([], -3.0, 3.0)), data=st.data())
def test_softmin_along_any_axis_has_a_jvp_equal_to_finite_differences_and_reverse_mode(a, data):
    axis = data.draw(single_axis(a.ndim), label="axis")
    softmin = lambda t: ag.softmin(t, dim=axis)  # noqa: E731
    assert_gradients_match(softmin, leaf(a), mode="forward")
    assert_jvp_matches_vjp(softmin, leaf(a), seed=data.draw(st.integers(0, 2**16)))


@pytest.mark.parametrize("name", RULES)
@pytest.mark.parametrize("directions", ["finite", "infinite and zero"])
def test_tangent_at_kinks_and_edge_values_is_exactly_backwards_gradient_for_that_direction(
        name, directions):
    """J is diagonal, so J u (the jvp rule) and J^T u (backward, with u as the gradient
    arriving) are the same array: bit for bit, since each rule is its backward's formula with
    the tangent for the gradient. Infinite and zero directions included: where the
    derivative is 0 (outside hardtanh, below -3 for hardswish) an infinite direction gives
    0 in both, not inf * 0 = NaN."""
    u = DIRECTIONS if directions == "finite" else np.resize(
        np.array([math.inf, -math.inf, 0.0, -0.0, 2.0]), VALUES.shape)
    x = ag.Tensor(VALUES, requires_grad=True)
    with np.errstate(all="ignore"):
        (gradient,) = ag.grad(CASES[name].ours(x), [x], grad_outputs=u)
    _, tangent = our_tangent(CASES[name].ours, VALUES, u)
    np.testing.assert_array_equal(tangent, gradient.data, err_msg=f"{name} at {EDGES}")
    np.testing.assert_array_equal(np.signbit(tangent), np.signbit(gradient.data),
                                  err_msg=f"{name}: signs")


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_tangent_at_kinks_and_edge_values_equals_torch_forward_ad(name):
    case = CASES[name]
    (value, tangent), (torch_value, torch_tangent_) = (
        our_tangent(case.ours, VALUES, DIRECTIONS),
        torch_tangent(case.torch, VALUES, DIRECTIONS))
    assert_same(value, torch_value, f"{name} at {EDGES}")
    # torch's hardsigmoid slope is float32's 1/6 (a deliberate difference, as in backward)
    assert_same(tangent, torch_tangent_, f"{name}' at {EDGES}",
                rtol=1e-7 if name == "hardsigmoid" else 1e-12)


def test_hardsigmoid_tangent_is_one_sixth_where_torchs_is_float32s_sixth():
    _, ours = our_tangent(ag.hardsigmoid, np.array([1.0]), np.array([1.0]))
    _, theirs = torch_tangent(F.hardsigmoid, np.array([1.0]), np.array([1.0]))
    assert ours[0] == 1 / 6 and theirs[0] == float(np.float32(1 / 6))


def test_softmin_tangent_at_edge_values_equals_torch_forward_ad():
    a = np.array([[0.0, -0.0, 40.0, -40.0], [1e4, 1.0, 1.0, -720.0], [0.5, 0.5, 0.5, 0.5]])
    u = np.resize(DIRECTIONS, a.shape)
    for dim in (0, 1, -1):
        ours = our_tangent(lambda t: ag.softmin(t, dim=dim), a, u)[1]
        with torch_forward_ad.dual_level():
            x = torch_forward_ad.make_dual(torch.from_numpy(a), torch.from_numpy(u))
            theirs = torch_forward_ad.unpack_dual(F.softmin(x, dim=dim)).tangent.numpy()
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-15, err_msg=f"dim={dim}")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(), (0,), (2, 0), (1, 1)])
def test_tangents_of_empty_and_0d_tensors_keep_the_shape(name, shape):
    array, direction = np.full(shape, 0.75), np.full(shape, -1.5)
    _, tangent = our_tangent(CASES[name].ours, array, direction)
    with torch_forward_ad.dual_level():
        x = torch_forward_ad.make_dual(torch.from_numpy(array), torch.from_numpy(direction))
        theirs = torch_forward_ad.unpack_dual(CASES[name].torch(x)).tangent.numpy()
    assert tangent.shape == shape and tangent.dtype == np.float64
    np.testing.assert_allclose(tangent, theirs, rtol=1e-7 if name == "hardsigmoid" else 1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_float32_tangent_stays_float32_and_equals_torch(name):
    array = np.array([[-2.5, -0.5, 0.25, 1.5, 4.0]], dtype=np.float32)
    direction = np.array([[1.0, -2.0, 0.5, 3.0, -0.25]], dtype=np.float32)
    _, tangent = our_tangent(CASES[name].ours, array, direction)
    with torch_forward_ad.dual_level():
        x = torch_forward_ad.make_dual(torch.from_numpy(array), torch.from_numpy(direction))
        theirs = torch_forward_ad.unpack_dual(CASES[name].torch(x)).tangent.numpy()
    assert tangent.dtype == np.float32
    np.testing.assert_allclose(tangent, theirs, rtol=2e-6, atol=1e-7)


def test_tangent_only_through_the_input_that_carries_one():
    """An activation of a tensor without a tangent gives none; of a sum with one that has a
    tangent, the tangent of that term only."""
    a, b = np.array([-1.5, 0.25, 2.0]), np.array([0.5, -0.75, 1.0])
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.Tensor(a), np.ones(3))
        assert forward_ad.unpack_dual(ag.gelu(ag.Tensor(b))).tangent is None
        tangent = forward_ad.unpack_dual(ag.elu(x + ag.Tensor(b))).tangent.data
    np.testing.assert_allclose(tangent, np.where(a + b > 0, 1.0, np.exp(a + b)), rtol=1e-15)


def test_a_network_of_activations_passes_gradcheck_with_forward_ad():
    def f(x, w):
        h = ag.gelu(x @ w, approximate="tanh") + ag.mish(x @ w) * ag.hardswish(x @ w)
        h = ag.selu(h) - ag.softplus(h, beta=2.0) + ag.leaky_relu(h, 0.1) * ag.erf(h)
        return ag.logsigmoid(ag.silu(h) + ag.hardtanh(h, -2.0, 2.0)) + ag.softmin(h, dim=-1)

    x = ag.Tensor(np.array([[0.3, -0.7, 1.2], [1.1, 0.05, -0.4]]), requires_grad=True)
    w = ag.Tensor(np.array([[0.5, -1.0], [0.25, 0.8], [-0.6, 0.3]]), requires_grad=True)
    assert ag.gradcheck(f, (x, w), check_forward_ad=True)
    assert_jvp_matches_vjp(f, x, w)
