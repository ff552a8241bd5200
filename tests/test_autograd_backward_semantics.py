"""What backward() does with .grad and the graph: accumulation, retain_grad, retain_graph,
no_grad / enable_grad, detach, shared tensors, and dtypes (PyTorch's semantics)."""
import numpy as np
import pytest
from hypothesis import given

import autograd as ag
from autograd.ops import Linear
from strategies import arrays, floats, leaf, shapes


@given(x=arrays(shapes()))
def test_grad_accumulates_across_backward_calls_until_set_to_none(x):
    t = leaf(x)
    (t * 3.0).sum().backward()
    (t * t).sum().backward()
    np.testing.assert_allclose(t.grad, 3.0 + 2 * x, rtol=1e-15)
    t.grad = None
    (t * 3.0).sum().backward()
    np.testing.assert_array_equal(t.grad, np.full(x.shape, 3.0))


def test_non_leaves_keep_no_grad_unless_retain_grad():
    x = leaf(np.array([1.0, 2.0]))
    hidden = x * 3.0
    kept = x * 5.0
    kept.retain_grad()
    assert not hidden.is_leaf and x.is_leaf
    (hidden * kept).sum().backward()
    assert hidden.grad is None
    np.testing.assert_allclose(kept.grad, [3.0, 6.0])  # d(hidden * kept)/d(kept) = hidden
    np.testing.assert_allclose(x.grad, 2 * 15.0 * np.array([1.0, 2.0]))


def test_a_second_backward_without_retain_graph_is_a_runtime_error_naming_the_op():
    x = leaf(np.array([0.5, -1.0]))
    loss = x.sigmoid().sum()
    loss.backward(retain_graph=False)
    with pytest.raises(RuntimeError, match=r"'sigmoid'.*retain_graph=True"):
        loss.backward()


def test_a_graph_whose_ops_saved_nothing_can_be_walked_again_as_in_pytorch():
    x = leaf(np.array([0.5, -1.0]))
    loss = (x + 1.0).sum()
    loss.backward()
    loss.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 2.0])


def test_retain_graph_allows_a_second_backward_that_doubles_the_grad():
    x = leaf(np.array([0.5, -1.0]))
    loss = (x.sigmoid() * x).sum()
    loss.backward(retain_graph=True)
    once = x.grad.copy()
    loss.backward()
    np.testing.assert_allclose(x.grad, 2 * once, rtol=1e-15)


def test_no_grad_records_nothing_as_context_and_as_decorator():
    x = leaf(np.array([1.0, 2.0]))
    with ag.no_grad():
        assert not ag.is_grad_enabled()
        y = (x * 2).exp().sum()
    assert ag.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None

    @ag.no_grad()
    def double(t):
        return t * 2

    z = double(x)
    assert not z.requires_grad and z.grad_fn is None
    assert (x * 2).requires_grad


def test_enable_grad_records_again_inside_no_grad():
    x = leaf(np.array([1.0, 2.0]))
    with ag.no_grad():
        with ag.enable_grad():
            y = (x * x).sum()
        z = x * x
    assert y.grad_fn is not None and z.grad_fn is None
    y.backward()
    np.testing.assert_allclose(x.grad, [2.0, 4.0])


def test_no_grad_is_restored_after_an_exception_inside_it():
    with pytest.raises(ValueError):
        with ag.no_grad():
            raise ValueError("inside")
    assert ag.is_grad_enabled()


@given(x=arrays(shapes()))
def test_detach_shares_the_data_and_cuts_the_graph(x):
    t = leaf(x)
    frozen = (t * 2).detach()
    assert not frozen.requires_grad and frozen.grad_fn is None
    np.testing.assert_array_equal(frozen.data, 2 * x)
    (t * frozen).sum().backward()
    np.testing.assert_allclose(t.grad, 2 * x, rtol=1e-15)  # frozen counts as a constant
    assert t.detach().data is t.data


@given(x=arrays(shapes()))
def test_a_tensor_used_twice_gets_the_sum_of_both_gradients(x):
    """Diamond graph y = x * x + x: dy/dx = 2x + 1."""
    t = leaf(x)
    (t * t + t).sum().backward()
    np.testing.assert_allclose(t.grad, 2 * x + 1, rtol=1e-15)


def test_a_deep_diamond_sums_every_path():
    """y = (x + x) four times over: 2^4 paths from y to x, each with derivative 1."""
    x = leaf(np.array(1.5))
    y = x
    for _ in range(4):
        y = y + y
    y.backward()
    assert x.grad == 16.0


@given(z=floats())
def test_float32_stays_float32_through_forward_and_backward(z):
    """A small float32 network: every value and every gradient keeps the parameters' dtype."""
    x = ag.Tensor([[z, 1.0, -0.5]])
    weight = ag.randn(2, 3, seed=0, requires_grad=True)
    bias = ag.zeros(2, requires_grad=True)
    hidden = Linear.apply(x, weight, bias).sigmoid()
    out = ((hidden - 0.5) ** 2).mean() + (hidden @ ag.ones(2)).tanh().sum() / 3
    for t in (x, hidden, out):
        assert t.dtype == np.float32
    out.backward()
    assert weight.grad.dtype == np.float32 and bias.grad.dtype == np.float32


def test_a_float64_constant_does_not_change_the_dtype_of_a_float32_grad():
    w = ag.Tensor([1.0, 2.0], requires_grad=True)
    (w * np.array([0.5, 0.25])).sum().backward()
    assert w.grad.dtype == np.float32
    np.testing.assert_allclose(w.grad, [0.5, 0.25])


def test_backward_through_a_leaf_itself_gives_ones():
    x = leaf(np.array(3.0))
    x.backward()
    assert x.grad == 1.0


def test_backward_with_an_explicit_gradient_gives_the_vector_jacobian_product():
    x = leaf(np.array([1.0, 2.0, 3.0]))
    (x * x).backward(np.array([1.0, 0.0, -1.0]))
    np.testing.assert_allclose(x.grad, [2.0, 0.0, -6.0])


def test_a_shared_weight_keeps_its_first_gradient_array_and_accumulates_into_it_correctly():
    """linear's gradients are new arrays the weight keeps as .grad without a copy; a second
    use of the weight and a second backward must still add, never overwrite or alias."""
    rng = np.random.default_rng(0)
    w, b = leaf(rng.standard_normal((2, 3))), leaf(rng.standard_normal(2))
    x = rng.standard_normal((4, 3))
    loss = (ag.ops.Linear.apply(x, w, b).sum() + ag.ops.Linear.apply(x * 2, w, b).sum())
    loss.backward(retain_graph=True)
    once_w, once_b = w.grad.copy(), b.grad.copy()
    np.testing.assert_allclose(once_w, np.tile(3 * x.sum(axis=0), (2, 1)))
    np.testing.assert_allclose(once_b, [8.0, 8.0])
    loss.backward()
    np.testing.assert_allclose(w.grad, 2 * once_w)
    np.testing.assert_allclose(b.grad, 2 * once_b)
    assert not np.shares_memory(w.grad, b.grad)
