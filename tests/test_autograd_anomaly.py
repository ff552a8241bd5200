"""detect_anomaly(): the first NaN/inf in forward or backward raises FloatingPointError naming
the op and the line of user code that created it; outside the context nothing is checked."""
import os

import numpy as np
import pytest

import autograd as ag

THIS_FILE = os.path.basename(__file__)


def test_log_of_a_negative_number_raises_in_forward_naming_log_and_the_user_line():
    x = ag.Tensor(np.array([1.0, -1.0]), requires_grad=True)
    with ag.detect_anomaly(), np.errstate(invalid="ignore"):
        with pytest.raises(FloatingPointError) as caught:
            x.log()  # the line the error must point at
    message = str(caught.value)
    assert "'log'" in message and "forward" in message
    assert THIS_FILE in message and "x.log()" in message


def test_nan_in_backward_raises_naming_the_op_that_produced_it():
    """sqrt at 0 is finite, but its derivative 1 / (2 sqrt(0)) is inf."""
    x = ag.Tensor(np.array([0.0, 4.0]), requires_grad=True)
    with ag.detect_anomaly(), np.errstate(divide="ignore"):
        root = x.sqrt()
        loss = root.sum()
        with pytest.raises(FloatingPointError) as caught:
            loss.backward()
    message = str(caught.value)
    assert "'sqrt'" in message and "backward" in message
    assert THIS_FILE in message and "x.sqrt()" in message


def test_detect_anomaly_works_as_a_decorator():
    @ag.detect_anomaly()
    def forward(t):
        return (t - 2.0).log()

    with np.errstate(invalid="ignore"), pytest.raises(FloatingPointError, match="'log'"):
        forward(ag.Tensor(np.array([1.0])))


def test_outside_the_context_nan_and_inf_pass_silently():
    x = ag.Tensor(np.array([0.0, -1.0]), requires_grad=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        with ag.detect_anomaly():
            pass
        y = x.log()
        x.sqrt().sum().backward()
    assert np.isnan(y.data[1]) and np.isinf(y.data[0])
    assert np.isinf(x.grad[0])


def test_anomaly_mode_ends_with_its_context_even_after_an_error():
    with pytest.raises(FloatingPointError):
        with ag.detect_anomaly(), np.errstate(invalid="ignore"):
            ag.Tensor(np.array([-1.0])).sqrt()
    with np.errstate(invalid="ignore"):
        assert np.isnan(ag.Tensor(np.array([-1.0])).sqrt().item())


def test_an_op_inside_an_nn_layer_names_the_users_line_that_called_the_layer():
    import nn

    layer = nn.Linear(2, 1, seed=0, dtype=np.float64)
    x = ag.Tensor(np.array([[np.inf, 1.0]]))
    with ag.detect_anomaly(), np.errstate(invalid="ignore"):
        with pytest.raises(FloatingPointError) as caught:
            layer(x)  # the line the error must point at
    assert THIS_FILE in str(caught.value) and "layer(x)" in str(caught.value)
