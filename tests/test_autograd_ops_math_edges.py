"""The math family at the edges, against torch itself (float64): values, first and second
derivatives at 0, -0 (the sign of a zero included), +-1, +-inf, NaN, +-1e-300, +-1e4, pi/2,
the ends of the domains (asin and acos at +-1, atanh at +-1, acosh at 1, log1p at -1), and on
empty and 0-d tensors."""
import math

import numpy as np
import pytest
import torch

import autograd as ag
from strategies import MATH_DOMAINS

NAMES = sorted(MATH_DOMAINS)
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # numpy notes log(0), sinh(1e4)

EDGES = np.array([0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan, 1e-300, -1e-300, 1e4,
                  -1e4, 0.5, -0.5, 2.0, math.pi / 2, -math.pi / 2, 700.0, -700.0, 1 + 1e-12,
                  -1 + 1e-12, 1e-8, 3.5, -2.5, 1e-160, 180.0])


def assert_same(ours, theirs, what):
    """Equal to rtol 1e-12, with the same infinities, NaNs and signs of zero (or both None)."""
    if ours is None or theirs is None:
        assert ours is None and theirs is None, what
        return
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype, what
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=0, err_msg=what)
    zeros = theirs == 0
    np.testing.assert_array_equal(np.signbit(ours[zeros]), np.signbit(theirs[zeros]),
                                  err_msg=f"{what}: signs of zero")


def ours_with_derivatives(name, array):
    """y, dy/dx and d2y/dx2 (elementwise: the gradients of the sums); the second derivative
    None where the first is a constant (deg2rad, rad2deg: no graph to differentiate)."""
    x = ag.Tensor(array, requires_grad=True)
    y = getattr(x, name)()
    (first,) = ag.grad(y.sum(), [x], create_graph=True)
    if not first.requires_grad:
        return y.data, first.data, None
    (second,) = ag.grad(first.sum(), [x])
    return y.data, first.data, np.asarray(getattr(second, "data", second))


def torch_with_derivatives(name, array):
    x = torch.tensor(array, requires_grad=True)
    y = getattr(torch, name)(x)
    (first,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    if not first.requires_grad:
        return y.detach().numpy(), first.detach().numpy(), None
    (second,) = torch.autograd.grad(first.sum(), x)
    return y.detach().numpy(), first.detach().numpy(), second.numpy()


@pytest.mark.parametrize("name", NAMES)
def test_value_and_first_and_second_derivatives_equal_torch_at_edge_values(name):
    ours, theirs = ours_with_derivatives(name, EDGES), torch_with_derivatives(name, EDGES)
    for what, a, b in zip(("value", "derivative", "second derivative"), ours, theirs):
        assert_same(a, b, f"{name}: {what} at {EDGES}")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(0,), (2, 0), (0, 3, 1), ()])
def test_empty_and_zero_dimensional_tensors_give_torch_shapes_and_gradients(name, shape):
    array = np.full(shape, 0.25 if name != "acosh" else 1.25)
    ours, theirs = ours_with_derivatives(name, array), torch_with_derivatives(name, array)
    for what, a, b in zip(("value", "derivative", "second derivative"), ours, theirs):
        assert_same(a, b, f"{name}: {what} on shape {shape}")


@pytest.mark.parametrize("name", NAMES)
def test_an_infinite_upstream_gradient_where_the_derivative_is_0_gives_torch_answer(name):
    """inf * 0 = NaN in both engines; no engine hides it or makes one that torch does not."""
    array = np.array([0.0, math.inf, -math.inf, 1e4])
    upstream = np.array([math.inf, math.inf, -math.inf, math.inf])
    x = ag.Tensor(array, requires_grad=True)
    with np.errstate(all="ignore"):
        getattr(x, name)().backward(ag.Tensor(upstream))
    tx = torch.tensor(array, requires_grad=True)
    getattr(torch, name)(tx).backward(torch.from_numpy(upstream))
    assert_same(x.grad, tx.grad.numpy(), f"{name}: gradient with infinite upstream")


def test_the_derivative_at_the_ends_of_a_domain_is_the_infinite_one_sided_limit():
    """asin' and atanh' are +inf at x = +-1, acos' -inf; acosh' at 1 and log1p' at -1 +inf;
    rsqrt' is -inf at 0 and +inf at -0 (where rsqrt is -inf); reciprocal' -inf at +-0."""
    cases = {"asin": ([1.0, -1.0], math.inf), "acos": ([1.0, -1.0], -math.inf),
             "atanh": ([1.0, -1.0], math.inf), "acosh": ([1.0], math.inf),
             "log1p": ([-1.0], math.inf), "rsqrt": ([0.0, -0.0], [-math.inf, math.inf]),
             "reciprocal": ([0.0, -0.0], -math.inf)}
    for name, (points, expected) in cases.items():
        x = ag.Tensor(np.array(points), requires_grad=True)
        with np.errstate(divide="ignore"):
            getattr(x, name)().sum().backward()
        np.testing.assert_array_equal(x.grad, np.broadcast_to(expected, x.shape), err_msg=name)


@pytest.mark.parametrize("name", ["tan", "sinh", "cosh", "exp2", "expm1", "square"])
def test_overflowing_values_give_infinite_gradients_not_nan(name):
    array = np.array([math.pi / 2, 1e4, -1e4, math.inf])
    ours = ours_with_derivatives(name, array)[1]
    theirs = torch_with_derivatives(name, array)[1]
    assert_same(ours, theirs, f"{name}: derivative")
    assert not np.isnan(ours[1:3]).any()

