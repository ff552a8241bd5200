"""Backward semantics against PyTorch, the same scenario run on both engines: accumulation,
retain_graph, retain_grad, allow_unused, explicit gradients, create_graph; and the deliberate
differences the random programs of test_differential_torch.py steer around."""
import numpy as np
import pytest
import torch

import autograd as ag
from agreement import disagreement
from programs import OURS, TORCH

# -- backward semantics, the same code run on both engines ---------------------------------------

BACKENDS = {"ours": OURS, "torch": TORCH}
A = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -3.0]])
B = np.array([[2.0, 0.5, -1.0], [1.0, -0.5, 4.0]])


def on_both(scenario):
    """Run `scenario(backend)` on both engines; return their results (numpy arrays) by name."""
    return {name: scenario(backend) for name, backend in BACKENDS.items()}


def assert_both_agree(results):
    for ours, theirs in zip(results["ours"], results["torch"]):
        problem = disagreement(np.asarray(ours), np.asarray(theirs))
        if problem is not None:
            raise AssertionError(problem)


def test_grad_accumulates_over_two_backward_calls_as_in_torch():
    def scenario(backend):
        x = backend.leaf(A)
        (x * x).sum().backward()
        first = backend.array(x.grad).copy()
        (x.exp() * 2.0).sum().backward()
        return first, backend.array(x.grad)
    assert_both_agree(on_both(scenario))


def test_a_second_backward_needs_retain_graph_in_both():
    def scenario(backend):
        x = backend.leaf(A)
        loss = (x.exp() * x).sum()
        loss.backward()
        with pytest.raises(RuntimeError):
            loss.backward()
        kept = (x.exp() * x).sum()
        x.grad = None
        kept.backward(retain_graph=True)
        kept.backward()  # the graph was kept: the gradient doubles
        return (backend.array(x.grad),)
    assert_both_agree(on_both(scenario))


@pytest.mark.filterwarnings("ignore:The .grad attribute of a Tensor that is not a leaf")
def test_retain_grad_keeps_a_non_leaf_gradient_as_in_torch():
    def scenario(backend):
        x = backend.leaf(A)
        hidden, kept = x.tanh(), x * 3.0
        kept.retain_grad()
        (hidden * kept).sum().backward()
        assert hidden.grad is None
        return backend.array(kept.grad), backend.array(x.grad)
    assert_both_agree(on_both(scenario))


def test_grad_with_allow_unused_gives_none_for_an_unused_input_as_in_torch():
    def scenario(backend):
        x, unused = backend.leaf(A), backend.leaf(B)
        with pytest.raises(RuntimeError):
            backend.grad((x * 3.0).sum(), [x, unused], retain_graph=True)
        gx, gu = backend.grad((x * 3.0).sum(), [x, unused], allow_unused=True)
        assert gu is None
        return (backend.array(gx),)
    assert_both_agree(on_both(scenario))


def test_backward_of_a_non_scalar_takes_an_explicit_gradient_as_in_torch():
    def scenario(backend):
        x = backend.leaf(A)
        y = x * x.sigmoid()
        with pytest.raises(RuntimeError):
            y.backward(retain_graph=True)  # a gradient is implied only for one element
        y.backward(gradient=backend.constant(B))
        return (backend.array(x.grad),)
    assert_both_agree(on_both(scenario))


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True")
def test_second_derivatives_through_create_graph_as_in_torch():
    """Through backward(create_graph=True) and through grad(create_graph=True)."""
    def scenario(backend):
        x = backend.leaf(A)
        (x ** 3 * x.sigmoid()).sum().backward(create_graph=True)
        first = x.grad
        x.grad = None
        first.sum().backward()
        through_backward = backend.array(x.grad)
        (g,) = backend.grad((x.tanh() * x).sum(), [x], create_graph=True)
        (h,) = backend.grad((g * backend.constant(B)).sum(), [x])
        return backend.array(first), through_backward, backend.array(h)
    assert_both_agree(on_both(scenario))


# -- the deliberate differences the programs steer around ----------------------------------------


def test_a_number_divided_by_a_tensor_divides_where_torch_multiplies_by_the_reciprocal():
    """torch's `number / t` is `t.reciprocal() * number`: NaN for 0 / a subnormal."""
    tiny = np.array([2.2e-311])
    with np.errstate(all="ignore"):
        assert (0.0 / ag.Tensor(tiny)).data[0] == 0.0
    assert torch.isnan(0.0 / torch.tensor(tiny))[0]


def test_a_view_made_under_no_grad_does_not_require_grad_where_torch_says_it_does():
    for backend in (OURS, TORCH):
        x = backend.leaf(A) * 2.0
        with backend.no_grad():
            views = [x.reshape((3, 2)), x[0], x.T]
        flags = {view.requires_grad for view in views}
        assert flags == ({False} if backend is OURS else {True})


def test_slices_with_a_negative_step_work_where_torch_refuses_them():
    x = ag.Tensor(A, requires_grad=True)
    x[:, ::-1].sum().backward()
    np.testing.assert_array_equal(x.grad, np.ones_like(A))
    with pytest.raises(ValueError):
        torch.tensor(A)[:, ::-1]
