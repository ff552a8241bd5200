"""Version counters: a value changed in place after an op saved it for backward makes that
backward raise (PyTorch's "modified by an inplace operation"), instead of silently using the
new values; changes the graph does not depend on pass."""
import numpy as np
import pytest

import autograd as ag
import nn


def leaf(values):
    return ag.Tensor(np.array(values, dtype=np.float64), requires_grad=True)


def test_changing_a_saved_leaf_under_no_grad_makes_backward_raise_naming_the_op():
    w, x = leaf([1.0, 2.0]), leaf([3.0, 4.0])  # x needs d/dx = w: mul saves w
    y = (w * x).sum()
    with ag.no_grad():
        w -= 1
    with pytest.raises(RuntimeError, match=r"op 'mul'.*input 0.*in-place.*version 1"):
        y.backward()


def test_a_value_no_gradient_needs_is_not_saved_so_changing_it_passes_as_in_pytorch():
    w, x = leaf([1.0, 2.0]), ag.Tensor(np.array([3.0, 4.0]))  # d/dw = x: w is not kept
    y = (w * x).sum()
    with ag.no_grad():
        w -= 1
    y.backward()
    np.testing.assert_array_equal(w.grad, [3.0, 4.0])


def test_item_assignment_and_a_detached_alias_count_as_changes_of_the_tensor():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    x.detach()[0] = 5.0  # shares x's data and its version counter
    assert x._version == 1
    with pytest.raises(RuntimeError, match="in-place"):
        y.backward()


def test_changing_a_saved_output_makes_backward_raise():
    x = leaf([0.0, 1.0])
    y = x.exp()  # exp saves its output
    with ag.no_grad():
        y *= 2
    with pytest.raises(RuntimeError, match=r"op 'exp'.*its output"):
        y.sum().backward()


def test_a_change_the_backward_does_not_depend_on_passes_as_in_pytorch():
    x = leaf([1.0, 2.0])
    y = (x + 1.0).sum()  # add saves nothing
    with ag.no_grad():
        x += 1
    y.backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])


def test_an_optimizer_step_between_forward_and_backward_is_caught():
    model = nn.Linear(2, 1, seed=0, dtype=np.float64)
    optimizer = nn.optim.SGD(model.parameters(), lr=0.1)
    x = ag.Tensor(np.ones((3, 2)), requires_grad=True)  # d/dx needs the weight: it is kept
    model.weight.grad = np.ones((1, 2))
    loss = (model(x) ** 2).sum()
    optimizer.step()
    with pytest.raises(RuntimeError, match="in-place"):
        loss.backward()


def test_the_usual_training_loop_changes_parameters_only_after_backward_and_is_not_disturbed():
    model = nn.Linear(2, 1, seed=0, dtype=np.float64)
    optimizer = nn.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        loss = (model(np.ones((3, 2))) ** 2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    assert model.weight._version == 3


def test_versions_count_in_place_changes():
    t = ag.Tensor(np.zeros(2))
    assert t._version == 0
    t += 1
    t[0] = 3.0
    t.mark_changed()
    assert t._version == 3
