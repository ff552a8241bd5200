"""autograd.grad and create_graph: gradients returned without touching .grad, unused and
non-leaf inputs, second derivatives and Hessian-vector products."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from strategies import arrays, floats, leaf, shapes


def sigma(z):
    return 1 / (1 + np.exp(-z))


@given(x=arrays(shapes()))
def test_grad_returns_the_gradient_and_leaves_dot_grad_alone(x):
    t = leaf(x)
    (g,) = ag.grad((t * t).sum(), t)
    np.testing.assert_allclose(g.data, 2 * x, rtol=1e-15)
    assert isinstance(g, ag.Tensor) and g.dtype == np.float64 and g.shape == x.shape
    assert t.grad is None


def test_grad_keeps_an_existing_dot_grad_unchanged():
    t = leaf(np.array([1.0, 2.0]))
    t.grad = np.array([10.0, 20.0])
    ag.grad((t * 3).sum(), [t])
    np.testing.assert_array_equal(t.grad, [10.0, 20.0])


def test_grad_of_an_unused_input_is_an_error_unless_allow_unused():
    x, unused = leaf(np.array(1.0)), leaf(np.array(2.0))
    with pytest.raises(RuntimeError, match="input 1 was not used.*allow_unused=True"):
        ag.grad(x * 3, [x, unused], retain_graph=True)
    gx, gu = ag.grad(x * 3, [x, unused], allow_unused=True)
    assert gx.item() == 3.0 and gu is None


@given(x=arrays(shapes(), floats(0.1, 3.0)))
def test_grad_works_for_non_leaf_inputs(x):
    """d(log h)/dh for h = x^2 is 1/h, and the chain to x still works after it."""
    t = leaf(x)
    h = t * t
    loss = h.log().sum()
    gh, gx = ag.grad(loss, [h, t])
    np.testing.assert_allclose(gh.data, 1 / x ** 2, rtol=1e-12)
    np.testing.assert_allclose(gx.data, 2 / x, rtol=1e-12)


def test_grad_with_several_outputs_and_grad_outputs_sums_their_products():
    x = leaf(np.array([1.0, 2.0]))
    (g,) = ag.grad([x * 2, x * x], [x], grad_outputs=[np.array([1.0, 1.0]), np.array([1.0, -1.0])])
    np.testing.assert_allclose(g.data, [2 + 2, 2 - 4])


def second_derivative_of_sigmoid(z):
    """sigma''(z) = sigma (1 - sigma) (1 - 2 sigma)."""
    s = sigma(z)
    return s * (1 - s) * (1 - 2 * s)


@given(z=floats(-6.0, 6.0))
def test_second_derivative_of_sigmoid_through_grad_with_create_graph(z):
    t = leaf(np.array(z))
    (first,) = ag.grad(t.sigmoid(), t, create_graph=True)
    assert first.grad_fn is not None
    np.testing.assert_allclose(first.data, sigma(z) * (1 - sigma(z)), rtol=1e-12)
    (second,) = ag.grad(first, t)
    np.testing.assert_allclose(second.data, second_derivative_of_sigmoid(z), rtol=1e-9, atol=1e-15)


@given(z=arrays(shapes(), floats(-6.0, 6.0)))
def test_second_derivative_of_sigmoid_through_backward_with_create_graph(z):
    t = leaf(z)
    t.sigmoid().sum().backward(create_graph=True)
    first = t.grad
    assert isinstance(first, ag.Tensor) and first.grad_fn is not None
    t.grad = None
    first.sum().backward()
    np.testing.assert_allclose(t.grad.data, second_derivative_of_sigmoid(z), rtol=1e-9, atol=1e-15)


@given(n=st.integers(1, 4), data=st.data())
def test_hessian_vector_product_of_a_quadratic_form_is_a_plus_a_transpose_times_v(n, data):
    """f(x) = x^T A x has gradient (A + A^T) x and Hessian A + A^T, so H v = (A + A^T) v."""
    a = data.draw(arrays((n, n)), label="A")
    x0, v = data.draw(arrays((n,)), label="x"), data.draw(arrays((n,)), label="v")
    x, matrix = leaf(x0), ag.Tensor(a)
    (g,) = ag.grad(x @ (matrix @ x), x, create_graph=True)
    np.testing.assert_allclose(g.data, (a + a.T) @ x0, rtol=1e-12, atol=1e-12)
    (hv,) = ag.grad((g * ag.Tensor(v)).sum(), x)
    np.testing.assert_allclose(hv.data, (a + a.T) @ v, rtol=1e-12, atol=1e-12)


def test_a_gradient_from_create_graph_can_be_differentiated_a_third_time():
    """d^3/dx^3 x^4 = 24 x."""
    x = leaf(np.array(1.5))
    (first,) = ag.grad(x ** 4, x, create_graph=True)
    (second,) = ag.grad(first, x, create_graph=True)
    (third,) = ag.grad(second, x)
    assert third.item() == pytest.approx(24 * 1.5, rel=1e-12)
