"""In-place updates (the hand-written SGD step), Python number conversions, and the errors
for mistakes users make with them."""
import numpy as np
import pytest

import autograd as ag


def test_a_hand_written_sgd_step_under_no_grad_keeps_the_leaf():
    w = ag.tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()
    data = w.data
    with ag.no_grad():
        w -= 0.25 * w.grad
    assert w.is_leaf and w.requires_grad and w.data is data
    np.testing.assert_allclose(w.data, [0.5, 1.0])
    w.grad = None
    (w * w).sum().backward()
    np.testing.assert_allclose(w.grad, [1.0, 2.0])


@pytest.mark.parametrize("update", ["+=", "-=", "*=", "/="])
def test_in_place_on_a_leaf_that_requires_grad_is_refused_while_recording(update):
    w = ag.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=r"in-place '.=' .*no_grad"):
        exec(f"w {update} 2.0", {"w": w})
    np.testing.assert_array_equal(w.data, [1.0, 2.0])


def test_in_place_on_a_recorded_result_becomes_a_new_node_with_the_right_gradient():
    x = ag.tensor([1.0, 2.0], requires_grad=True)
    h = x * x
    first = h
    h += x
    assert h is not first and h.grad_fn.name == "add"
    np.testing.assert_array_equal(first.data, [1.0, 4.0])
    h.sum().backward()
    np.testing.assert_allclose(x.grad, 2 * x.data + 1)


def test_item_assignment_changes_data_and_is_refused_on_a_recording_leaf():
    t = ag.zeros(3)
    t[1] = 5.0
    t[ag.tensor([0, 2]).data.astype(int)] = ag.tensor([1.0, 2.0])
    np.testing.assert_array_equal(t.data, [1.0, 5.0, 2.0])
    w = ag.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="item assignment"):
        w[0] = 3.0


def test_python_number_conversions_and_formatting():
    loss = ag.tensor(0.123456, dtype=np.float64)
    assert float(loss) == 0.123456 and int(ag.tensor(3.7)) == 3
    assert f"{loss:.3f}" == "0.123"
    assert f"{ag.tensor([1.0, 2.0])}" == str(ag.tensor([1.0, 2.0]))
    with pytest.raises(ValueError, match="one element"):
        float(ag.tensor([1.0, 2.0]))


def test_a_list_of_tensors_as_data_points_to_stack():
    x = ag.tensor([1.0, 2.0])
    with pytest.raises(TypeError, match="autograd.stack"):
        ag.tensor([x[0], x[1]])


def test_a_custom_backward_of_the_wrong_shape_names_the_op_input_and_shapes():
    class SumWithBadGradient(ag.Function):
        @staticmethod
        def forward(ctx, x):
            return x.sum()

        @staticmethod
        def backward(ctx, grad):
            return np.ones(4)

    x = ag.ones(2, 3, requires_grad=True)
    with pytest.raises(RuntimeError, match=r"'sumwithbadgradient'.*\(4,\) for input 0.*\(2, 3\)"):
        SumWithBadGradient.apply(x).backward()


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_with_an_axis_out_of_range_names_it(name):
    with pytest.raises(ValueError, match="axis 3 is out of range for a tensor with 2"):
        getattr(ag.ones(2, 2), name)(axis=3)
