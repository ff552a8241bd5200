"""detect_anomaly(): as PyTorch's, the first NaN gradient produced in backward raises a
RuntimeError naming the op and the line of user code that recorded it; infinities and forward
values pass (they are often legitimate); outside the context nothing is checked."""
import os

import numpy as np
import pytest

import autograd as ag

THIS_FILE = os.path.basename(__file__)


def test_a_nan_gradient_raises_naming_the_op_and_the_user_line_that_recorded_it():
    """sqrt at 0 has the infinite derivative 1 / (2 sqrt(0)); times 0 it is NaN."""
    x = ag.Tensor(np.array([0.0, 4.0]), requires_grad=True)
    with ag.detect_anomaly(), np.errstate(all="ignore"):
        root = x.sqrt()  # the line the error must point at
        loss = (root * 0.0).sum()
        with pytest.raises(RuntimeError) as caught:
            loss.backward()
    message = str(caught.value)
    assert "'sqrt'" in message and "NaN" in message and "backward" in message
    assert THIS_FILE in message and "x.sqrt()" in message


def test_infinities_and_nan_forward_values_pass_as_in_pytorch():
    logits = ag.Tensor(np.array([[0.0, -np.inf, 1.0]]), requires_grad=True)
    x = ag.Tensor(np.array([0.0, 4.0]), requires_grad=True)
    with ag.detect_anomaly(), np.errstate(all="ignore"):
        logits.log_softmax(axis=1)[0, 0].backward()  # -inf masks a class
        x.sqrt().sum().backward()  # an infinite gradient, no NaN
        ag.Tensor(np.array([-1.0])).log()  # a NaN value in forward
    assert np.isinf(x.grad[0]) and logits.grad[0, 1] == 0


def test_check_nan_false_only_records_where_ops_were_created():
    x = ag.Tensor(np.array([0.0]), requires_grad=True)
    with ag.detect_anomaly(check_nan=False), np.errstate(all="ignore"):
        root = x.sqrt()
        (root * 0.0).sum().backward()
    assert np.isnan(x.grad[0]) and THIS_FILE in root.grad_fn.created_at


def test_detect_anomaly_works_as_a_decorator_also_on_a_recursive_function():
    @ag.detect_anomaly()
    def nan_gradient(t, depth):
        if depth:
            return nan_gradient(t, depth - 1)
        with np.errstate(all="ignore"):
            (t.sqrt() * 0.0).sum().backward()

    with pytest.raises(RuntimeError, match="'sqrt'"):
        nan_gradient(ag.Tensor(np.array([0.0]), requires_grad=True), 3)
    assert not ag.is_anomaly_enabled()


def test_a_graph_recorded_outside_the_block_says_its_line_is_unknown():
    x = ag.Tensor(np.array([0.0]), requires_grad=True)
    with np.errstate(all="ignore"):
        loss = (x.sqrt() * 0.0).sum()
        with ag.detect_anomaly(), pytest.raises(RuntimeError, match="outside detect_anomaly"):
            loss.backward()


def test_outside_the_context_nan_and_inf_pass_silently():
    x = ag.Tensor(np.array([0.0, -1.0]), requires_grad=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        with ag.detect_anomaly():
            pass
        y = x.log()
        (x.sqrt() * 0.0).sum().backward()
    assert np.isnan(y.data[1]) and np.isinf(y.data[0])
    assert np.isnan(x.grad[0])


def test_anomaly_mode_ends_with_its_context_even_after_an_error():
    x = ag.Tensor(np.array([0.0]), requires_grad=True)
    with pytest.raises(RuntimeError):
        with ag.detect_anomaly(), np.errstate(all="ignore"):
            (x.sqrt() * 0.0).sum().backward()
    assert not ag.is_anomaly_enabled()


def test_an_op_inside_an_nn_layer_names_the_users_line_that_called_the_layer():
    import nn

    layer = nn.Linear(2, 1, seed=0, dtype=np.float64)
    x = ag.Tensor(np.array([[np.inf, 1.0]]))
    with ag.detect_anomaly(), np.errstate(all="ignore"):
        out = layer(x)  # the line the error must point at
        with pytest.raises(RuntimeError) as caught:
            (out * 0.0).sum().backward()
    assert THIS_FILE in str(caught.value) and "layer(x)" in str(caught.value)
