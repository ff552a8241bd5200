"""The eager hot path keeps its answers: the backward walk's order where chains take the
shortcut past the heap, the sigmoid's in-place form, the fused cost's 0-d value, and the
gradients leaves keep without a copy."""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from autograd.modes import observing
from nn.reference import sigmoid as floor_sigmoid
from strategies import leaf


class Order:
    """Records the nodes in the order the engine visits them."""

    def __init__(self):
        self.nodes = []

    def visit(self, node, grad):
        self.nodes.append(node)

    def sent(self, node, tensor, grad):
        pass


def assert_reverse_topological(visited):
    """Every node comes after every node that uses its output."""
    position = {id(node): i for i, node in enumerate(visited)}
    for node in visited:
        for tensor in node.inputs:
            if tensor is not None and tensor.grad_fn is not None:
                assert position[id(tensor.grad_fn)] > position[id(node)], (node, tensor.grad_fn)


@given(pattern=st.lists(st.sampled_from(["chain", "fork", "reuse"]), min_size=1, max_size=12))
def test_chains_forks_and_reuse_are_walked_in_reverse_topological_order(pattern):
    """Straight stretches take the shortcut past the heap; a fork or a tensor used twice
    puts two nodes pending: the walk must still visit a node only after all its users, and
    the gradient must be torch's."""
    x = leaf(np.array([0.3, -0.7]))
    tx = torch.tensor([0.3, -0.7], dtype=torch.float64, requires_grad=True)
    h, th, kept, tkept = x, tx, [], []
    for step in pattern:
        if step == "chain":
            h, th = (h * 1.5).sigmoid(), torch.sigmoid(th * 1.5)
        elif step == "fork":  # two branches of different lengths that meet again
            h, th = h.tanh() + (h * 0.5).sigmoid().tanh(), th.tanh() + torch.sigmoid(th * 0.5).tanh()
        else:  # an earlier value used again later
            kept.append(h)
            tkept.append(th)
            h, th = h * kept[0], th * tkept[0]
    order = Order()
    with observing(backward=order):
        h.sum().backward()
    th.sum().backward()
    assert_reverse_topological(order.nodes)
    assert len(order.nodes) == len(set(map(id, order.nodes)))  # each node once
    np.testing.assert_allclose(x.grad, tx.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_a_chain_hooks_retain_grad_and_a_second_backward_behave_as_through_the_heap():
    x = leaf(np.array([1.0, -2.0]))
    middle = (x * 2.0).sigmoid()
    middle.retain_grad()
    out = (middle * 3.0).tanh().sum()
    out.backward(retain_graph=True)
    first_x, first_middle = x.grad.copy(), middle.grad.copy()
    out.backward()
    np.testing.assert_array_equal(x.grad, 2 * first_x)
    np.testing.assert_array_equal(middle.grad, 2 * first_middle)
    with pytest.raises(RuntimeError, match="a second time"):
        out.backward()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_bit_for_bit_the_floors_where_e_to_minus_z_is_finite(dtype):
    z = np.random.default_rng(0).normal(scale=15.0, size=(100, 100)).astype(dtype)
    z = np.maximum(z, -80)
    np.testing.assert_array_equal(ag.Tensor(z).sigmoid().data, floor_sigmoid(z))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_of_a_0_d_tensor_and_an_empty_tensor_keep_their_shape_and_dtype(dtype):
    zero_d = ag.Tensor(np.array(0.5, dtype=dtype)).sigmoid()
    assert type(zero_d.data) is np.ndarray and zero_d.shape == () and zero_d.dtype == dtype
    theirs = torch.sigmoid(torch.tensor(0.5, dtype=getattr(torch, np.dtype(dtype).name)))
    assert zero_d.item() == pytest.approx(theirs.item(), rel=1e-7 if dtype == np.float32 else 1e-15)
    empty = ag.Tensor(np.zeros((0, 3), dtype=dtype)).sigmoid()
    assert empty.shape == (0, 3) and empty.dtype == dtype


def test_the_cost_is_a_0_d_array_of_the_output_dtype_and_its_gradient_is_torchs():
    a = leaf(np.array([[0.2, 0.9], [0.4, 0.1]]))
    cost = ag.ops.SquaredError.apply(a, np.array([[0.0, 1.0], [1.0, 0.0]]), scale=0.25)
    assert type(cost.data) is np.ndarray and cost.shape == () and cost.dtype == np.float64
    cost.backward()
    ta = torch.tensor([[0.2, 0.9], [0.4, 0.1]], dtype=torch.float64, requires_grad=True)
    tcost = 0.25 * ((ta - torch.tensor([[0.0, 1.0], [1.0, 0.0]], dtype=torch.float64)) ** 2).sum()
    tcost.backward()
    assert cost.item() == pytest.approx(tcost.item(), rel=1e-15)
    np.testing.assert_allclose(a.grad, ta.grad.numpy(), rtol=1e-15)


def test_a_leaf_owns_the_gradient_linear_made_and_it_is_nobody_elses_array():
    """The leaf keeps linear's new array as .grad (no copy); the next backward adds into it
    in place, so it must share memory with nothing else: not the other leaf's gradient, not
    the input, not what flowed down to the layer's input."""
    rng = np.random.default_rng(1)
    w, b = leaf(rng.standard_normal((3, 4))), leaf(rng.standard_normal(3))
    x = leaf(rng.standard_normal((5, 4)))
    sent = {}

    class Keep(Order):
        def sent(self, node, tensor, grad):
            sent[id(tensor)] = grad

    loss = ag.ops.Linear.apply(x, w, b).sigmoid().sum()
    with observing(backward=Keep()):
        loss.backward(retain_graph=True)
    assert sent[id(w)] is w.grad and sent[id(b)] is b.grad  # kept without a copy
    others = [x.data, x.grad, w.data, b.data]
    for owned in (w.grad, b.grad):
        assert not any(np.shares_memory(owned, other) for other in others)
    assert not np.shares_memory(w.grad, b.grad)
    once_w, once_b, once_x = w.grad.copy(), b.grad.copy(), x.grad.copy()
    loss.backward()
    np.testing.assert_allclose(w.grad, 2 * once_w, rtol=1e-15)
    np.testing.assert_allclose(b.grad, 2 * once_b, rtol=1e-15)
    np.testing.assert_allclose(x.grad, 2 * once_x, rtol=1e-15)


def test_module_calls_open_scopes_by_default_and_none_under_record_scopes_false():
    import nn
    model = nn.MLP([3, 2], seed=0)
    x = ag.Tensor(np.ones((1, 3)), requires_grad=True)
    assert ag.are_scopes_recorded()
    assert [s.owner for s in model(x).grad_fn.scope] == [model, model.layers, model.layers[1]]
    with ag.record_scopes(False):
        assert not ag.are_scopes_recorded()
        quiet = model(x)
        with ag.scope("explicit"):  # a scope the user opens is always recorded
            tagged = quiet * 2.0
        with ag.record_scopes(True):
            loud = model(x)
    assert quiet.grad_fn.scope == () and [s.owner for s in tagged.grad_fn.scope] == ["explicit"]
    assert loud.grad_fn.scope[0].owner is model and ag.are_scopes_recorded()
    np.testing.assert_array_equal(quiet.data, loud.data)


def test_record_scopes_is_per_thread_a_decorator_and_wants_a_bool():
    import threading
    seen = []

    @ag.record_scopes(False)
    def quiet():
        worker = threading.Thread(target=lambda: seen.append(ag.are_scopes_recorded()))
        worker.start()
        worker.join()
        return ag.are_scopes_recorded()

    assert quiet() is False and seen == [True] and ag.are_scopes_recorded()
    with pytest.raises(TypeError, match="record_scopes: enabled must be True or False; got 0"):
        ag.record_scopes(0)


def test_run_in_scope_restores_the_scope_when_forward_raises():
    def failing():
        raise ValueError("inside")

    with pytest.raises(ValueError, match="inside"):
        ag.run_in_scope("owner", failing)
    assert (ag.Tensor([1.0], requires_grad=True) * 2.0).grad_fn.scope == ()
