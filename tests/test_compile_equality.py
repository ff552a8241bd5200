"""autograd.compile replays give the same numbers as eager mode: the same numpy calls run in the
same order, so parameters, gradients and losses are bit-identical after many steps."""
import numpy as np
import pytest

import autograd
import nn
from autograd import Tensor

from compile_steps import (SEEDS_SIZES, assert_same_parameters, batches, run_twins,
                           training_step, twin_models)


def _seeds_network(dtype=np.float64):
    return lambda: nn.MLP(SEEDS_SIZES, dtype=dtype, seed=0)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_seeds_network_with_sgd_equals_eager_after_100_steps(dtype):
    eager, captured = twin_models(_seeds_network(dtype))
    eager_opt = nn.optim.SGD(eager.parameters(), lr=3.0)
    compiled_opt = nn.optim.SGD(captured.parameters(), lr=3.0)
    compiled = autograd.compile(training_step(captured, compiled_opt))
    losses = run_twins(training_step(eager, eager_opt), compiled, batches(100, dtype=dtype))
    np.testing.assert_array_equal(*losses)
    assert_same_parameters(eager, captured)
    assert compiled.replays == 98  # two eager recordings, then replays
    assert losses[1][-1].dtype == dtype


@pytest.mark.parametrize("make_optimizer", [
    lambda ps: nn.optim.SGD(ps, lr=0.5, momentum=0.9),
    lambda ps: nn.optim.SGD(ps, lr=0.5, momentum=0.9, nesterov=True, weight_decay=1e-3),
    lambda ps: nn.optim.Adam(ps, lr=1e-2),
    lambda ps: nn.optim.Adam(ps, lr=1e-2, betas=(0.8, 0.99), weight_decay=1e-2),
], ids=["momentum", "nesterov-decay", "adam", "adam-decay"])
def test_optimizers_with_state_equal_eager(make_optimizer):
    """The update is the optimizer's own code, called again on replay: its first step (which
    creates the state) and Adam's step count behave as in eager mode."""
    eager, captured = twin_models(_seeds_network())
    compiled = autograd.compile(training_step(captured, make_optimizer(captured.parameters())))
    eager_step = training_step(eager, make_optimizer(eager.parameters()))
    np.testing.assert_array_equal(*run_twins(eager_step, compiled, batches(30)))
    assert_same_parameters(eager, captured)


@pytest.mark.parametrize("loss_fn, labels", [
    (nn.mse_loss, False),
    (nn.cross_entropy, False),
], ids=["mse", "cross-entropy-probabilities"])
def test_losses_equal_eager(loss_fn, labels):
    make = lambda: nn.MLP([784, 32, 10], activation="relu", output_activation=None, seed=1,
                          dtype=np.float64)
    eager, captured = twin_models(make)
    compiled = autograd.compile(training_step(
        captured, nn.optim.SGD(captured.parameters(), lr=0.1), loss_fn))
    eager_step = training_step(eager, nn.optim.SGD(eager.parameters(), lr=0.1), loss_fn)
    np.testing.assert_array_equal(*run_twins(eager_step, compiled, batches(12, labels=labels)))
    assert_same_parameters(eager, captured)


def _many_ops(w, v, x):
    """A step through several op families: broadcasting (unbroadcast in backward), a tensor used
    twice (x * x), reductions, shapes, softmax, exp/log, tanh, matmul, indexing."""
    h = (x @ w + v).tanh()
    h = h * h + h.exp().log1p()
    p = h.reshape(h.shape[0], 2, -1).softmax(axis=-1).reshape(h.shape[0], -1)
    picked = p[:, 1:5].sum(axis=1).mean() + (h.abs() ** 1.5).mean() - p.amax(axis=0).sum()
    return picked + x[:, :3].relu().sum() * 0.1


def test_op_families_and_input_gradients_equal_eager():
    rng = np.random.default_rng(3)
    w_e = Tensor(rng.standard_normal((5, 8)), requires_grad=True)
    v_e = Tensor(rng.standard_normal(8), requires_grad=True)
    w_c = Tensor(w_e.data.copy(), requires_grad=True)
    v_c = Tensor(v_e.data.copy(), requires_grad=True)

    def make(w, v):
        def step(x):
            w.grad = v.grad = None
            loss = _many_ops(w, v, x)
            loss.backward()
            return loss, x
        return step

    eager, compiled = make(w_e, v_e), autograd.compile(make(w_c, v_c))
    for _ in range(6):
        data = rng.standard_normal((4, 5))
        x_e, x_c = Tensor(data, requires_grad=True), Tensor(data, requires_grad=True)
        (loss_e, _), (loss_c, back) = eager(x_e), compiled(x_c)
        np.testing.assert_array_equal(loss_e.data, loss_c.data)
        np.testing.assert_array_equal(x_e.grad, x_c.grad)  # an argument's gradient
        np.testing.assert_array_equal(w_e.grad, w_c.grad)
        np.testing.assert_array_equal(v_e.grad, v_c.grad)
        np.testing.assert_array_equal(back.data, data)
    assert compiled.replays == 4


def test_replayed_results_are_tensors_that_do_not_require_grad():
    """A deliberate difference from a step run eagerly: the results of a replay are not part of
    a graph (there is none), so they cannot be differentiated again."""
    w = Tensor(np.ones(3), requires_grad=True)
    compiled = autograd.compile(lambda x: (w * x).sum())
    results = [compiled(Tensor(np.arange(3.0))) for _ in range(3)]
    assert results[0].requires_grad and not results[2].requires_grad
    assert results[2].item() == 3.0


def test_program_text_shows_the_step_as_straight_line_code():
    model = nn.MLP(SEEDS_SIZES, seed=0)
    optimizer = nn.optim.SGD(model.parameters(), lr=3.0)
    compiled = autograd.compile(training_step(model, optimizer))
    assert compiled.program is None and "not captured" in str(compiled)
    for x, y in batches(3, dtype=np.float32):
        compiled(x, y)
    lines = compiled.program.splitlines()
    assert lines[0] == "def step(x, y):"
    assert lines[1].strip() == "linear_0 = Linear.forward(x, layers.0.weight, layers.0.bias)"
    assert lines[2].strip() == "sigmoid_1 = Sigmoid.forward(linear_0)"
    assert lines[7].strip() == "squared_error_6 = SquaredError.forward(sigmoid_5, y, scale=0.05)"
    assert lines[8].strip() == "d_sigmoid_5, = SquaredError.backward(ones)"
    assert lines[10].strip() == ("d_sigmoid_3, layers.4.weight.grad, layers.4.bias.grad = "
                                 "Linear.backward(d_linear_4)")
    assert lines[-2].strip().startswith("SGD._update_all()")
    assert lines[-1].strip() == "return squared_error_6"
    assert len(lines) == 1 + 7 + 7 + 1 + 1
    assert str(compiled) == compiled.program
    assert "1 captured, 1 replays" in repr(compiled)


def test_cross_entropy_over_class_indices_runs_eagerly_with_one_warning_and_equal_results():
    """The loss picks, checks and skips by the labels' values in numpy (ignore_index, the
    range check): a replay could not redo that for other labels, so the step says so once and
    runs eagerly."""
    make = lambda: nn.MLP([784, 32, 10], activation="relu", output_activation=None, seed=1,
                          dtype=np.float64)
    eager, captured = twin_models(make)
    compiled = autograd.compile(training_step(
        captured, nn.optim.SGD(captured.parameters(), lr=0.1), nn.cross_entropy))
    eager_step = training_step(eager, nn.optim.SGD(eager.parameters(), lr=0.1), nn.cross_entropy)
    with pytest.warns(autograd.CaptureWarning, match="class indices") as caught:
        for x, y in batches(12, labels=True):
            np.testing.assert_array_equal(eager_step(x, y).data,
                                          compiled(Tensor(x.data), y).data)
    assert len(caught) == 1 and compiled.replays == 0
    assert_same_parameters(eager, captured)
