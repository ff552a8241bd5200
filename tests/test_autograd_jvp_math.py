"""Forward mode of the smooth math family (sin ... reciprocal, deg2rad, rad2deg): the jvp
rules' Jacobian equals finite differences and <v, J u> by forward mode equals <J^T v, u> by
reverse mode on drawn shapes and values inside each op's domain; at the edge values (0, -0,
+-1, +-inf, NaN, the ends of the domains) the tangent is the direction times the derivative
that backward uses, and equals torch's forward AD; float32 stays float32."""
import math

import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from autograd import forward_ad
from autograd.testing import assert_gradients_match, assert_jvp_matches_vjp
from autograd.testing.strategies import tensors
from strategies import MATH_DOMAINS, shapes
from test_autograd_ops_math_edges import EDGES, assert_same

NAMES = sorted(MATH_DOMAINS)
# a direction of each sign and size, cycled over the edge values (never 0: 0 * inf is NaN)
DIRECTIONS = np.resize(np.array([1.0, -2.0, 0.5, -0.25, 3.0, 1e-3]), EDGES.shape)


def method(name):
    """x.<name>() as a function of x."""
    return lambda x: getattr(x, name)()


def our_tangent(name, array, direction):
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.Tensor(array), direction)  # no requires_grad: nothing saved
        y = getattr(x, name)()
        value, tangent = forward_ad.unpack_dual(y)
    return value.data, tangent.data


def torch_tangent(name, array, direction):
    with torch_forward_ad.dual_level():
        x = torch_forward_ad.make_dual(torch.tensor(array), torch.tensor(direction))
        value, tangent = torch_forward_ad.unpack_dual(getattr(torch, name)(x))
    return value.numpy(), tangent.numpy()


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_forward_mode_jacobian_equals_finite_differences(name, data):
    x = data.draw(tensors(shapes(), elements=MATH_DOMAINS[name]), label="x")
    assert_gradients_match(method(name), x, mode="forward")


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_forward_mode_agrees_with_reverse_mode(name, data):
    x = data.draw(tensors(shapes(), elements=MATH_DOMAINS[name]), label="x")
    seed = data.draw(st.integers(0, 2**16), label="seed")
    assert_jvp_matches_vjp(method(name), x, seed=seed)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # numpy notes log(0), sinh(1e4)
@pytest.mark.parametrize("name", NAMES)
def test_tangent_at_edge_values_is_the_direction_times_backwards_derivative(name):
    """Forward and reverse mode agree everywhere, infinities and NaN included: the tangent
    is u * dy/dx with the very dy/dx that backward gives (ones upstream)."""
    x = ag.Tensor(EDGES, requires_grad=True)
    (derivative,) = ag.grad(getattr(x, name)().sum(), [x])
    _, tangent = our_tangent(name, EDGES, DIRECTIONS)
    assert_same(tangent, DIRECTIONS * derivative.data, f"{name}: tangent at {EDGES}")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name", NAMES)
def test_tangent_equals_torch_forward_ad_at_edge_values(name):
    ours, theirs = our_tangent(name, EDGES, DIRECTIONS), torch_tangent(name, EDGES, DIRECTIONS)
    for what, a, b in zip(("value", "tangent"), ours, theirs):
        assert_same(a, b, f"{name}: {what} at {EDGES}")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(0,), (2, 0), ()])
def test_empty_and_zero_dimensional_tangents_equal_torch(name, shape):
    array = np.full(shape, 0.25 if name != "acosh" else 1.25)
    direction = np.full(shape, -1.5)
    ours, theirs = our_tangent(name, array, direction), torch_tangent(name, array, direction)
    for what, a, b in zip(("value", "tangent"), ours, theirs):
        assert_same(a, b, f"{name}: {what} on shape {shape}")


@pytest.mark.parametrize("name", NAMES)
def test_float32_tangent_stays_float32_and_equals_torch(name):
    array = np.linspace(0.2, 0.9, 6, dtype=np.float32).reshape(2, 3) + np.float32(
        1.5 if name == "acosh" else 0)
    direction = np.linspace(-1.0, 2.0, 6, dtype=np.float32).reshape(2, 3)
    (_, ours), (_, theirs) = our_tangent(name, array, direction), torch_tangent(
        name, array, direction)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)


def test_a_chain_of_math_ops_passes_gradcheck_with_forward_ad():
    def f(x, y):
        return (x.cos() * y.exp2() + x.atan().square()).log1p().rsqrt() + y.cosh().reciprocal()

    x = ag.Tensor(np.array([[0.3, -0.7], [1.1, 0.05]]), requires_grad=True)
    y = ag.Tensor(np.array([-0.4, 0.9]), requires_grad=True)
    assert ag.gradcheck(f, (x, y), check_forward_ad=True)
    assert_jvp_matches_vjp(f, x, y)


def test_log_variants_and_inverse_functions_at_their_poles_give_infinite_tangents():
    """At the ends of the domains the derivative is infinite, so is the tangent (its sign the
    direction's), as in reverse mode and torch."""
    cases = {"asin": 1.0, "acos": -1.0, "atanh": 1.0, "acosh": 1.0, "log2": 0.0,
             "log10": 0.0, "log1p": -1.0, "rsqrt": 0.0, "reciprocal": -0.0}
    for name, at in cases.items():
        for direction in (1.0, -2.0):
            with np.errstate(divide="ignore"):
                _, tangent = our_tangent(name, np.array([at]), np.array([direction]))
                _, theirs = torch_tangent(name, np.array([at]), np.array([direction]))
            assert math.isinf(tangent[0]) and tangent[0] == theirs[0], (name, direction)
