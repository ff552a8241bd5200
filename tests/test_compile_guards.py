"""autograd.compile's guards: a change of shape, dtype, grad mode, parameter set or control flow
records anew (or falls back to eager mode), and never replays a wrong program."""
import warnings

import numpy as np
import pytest

import autograd
import nn
from autograd import Tensor

from compile_steps import assert_same_parameters, batches, run_twins, training_step, twin_models


def _small():
    return nn.MLP([6, 4, 3], seed=2, dtype=np.float64)


def _twins(optimizer=lambda ps: nn.optim.SGD(ps, lr=0.5)):
    eager, captured = twin_models(_small)
    eager_step = training_step(eager, optimizer(eager.parameters()))
    compiled = autograd.compile(training_step(captured, optimizer(captured.parameters())))
    return eager, captured, eager_step, compiled


def _data(sizes, dtype=np.float64):
    rng = np.random.default_rng(5)
    for n in sizes:
        x = Tensor(rng.random((n, 6)), dtype=dtype)
        yield x, np.eye(3, dtype=dtype)[rng.integers(0, 3, n)]


def test_a_new_batch_size_records_a_second_program():
    eager, captured, eager_step, compiled = _twins()
    sizes = [10, 10, 10, 7, 10, 7, 7, 10, 7]  # the last short batch of each epoch
    np.testing.assert_array_equal(*map(np.concatenate, [[a.ravel() for a in side] for side in
                                                         run_twins(eager_step, compiled, _data(sizes))]))
    assert_same_parameters(eager, captured)
    assert len(compiled.programs) == 2
    assert compiled.replays == 5


def test_a_new_dtype_records_anew():
    eager, captured, eager_step, compiled = _twins()
    data = list(_data([5, 5, 5])) + [(Tensor(x.data, dtype=np.float32), y)  # -> float64 out
                                     for x, y in _data([5, 5, 5])]
    np.testing.assert_array_equal(*map(np.array, run_twins(eager_step, compiled, data)))
    assert_same_parameters(eager, captured)
    assert len(compiled.programs) == 2


def test_grad_mode_is_part_of_the_key():
    model = _small()
    compiled = autograd.compile(lambda x: model(x).sum())
    x = Tensor(np.ones((2, 6)))
    for _ in range(3):
        with autograd.no_grad():
            assert not compiled(x).requires_grad
        compiled(x)
    assert len(compiled.programs) == 2
    with autograd.no_grad():
        assert compiled(x).item() == model(x).sum().item()


def test_a_new_parameter_array_or_a_frozen_parameter_records_anew():
    eager, captured, eager_step, compiled = _twins()
    run_twins(eager_step, compiled, _data([4, 4, 4]))
    for model in (eager, captured):  # a new array for a parameter (load it, replace .data)
        model.layers[0].weight.data = model.layers[0].weight.data * 0.5
    run_twins(eager_step, compiled, _data([4, 4, 4]))
    assert_same_parameters(eager, captured)
    for model in (eager, captured):
        model.layers[2].bias.requires_grad_(False)
    eager.layers[2].bias.grad = captured.layers[2].bias.grad = None
    run_twins(eager_step, compiled, _data([4, 4, 4]))
    assert_same_parameters(eager, captured)
    assert captured.layers[2].bias.grad is None
    assert len(compiled.programs) == 3


def test_a_non_tensor_argument_is_a_guard_by_value():
    model = _small()

    def step(x, scale, activation):
        h = model(x)
        return (h.tanh() if activation == "tanh" else h.relu()).sum() * scale

    compiled = autograd.compile(step)
    x = Tensor(np.linspace(-1, 1, 12).reshape(2, 6))
    for _ in range(3):
        for scale, activation in [(2.0, "tanh"), (3.0, "relu")]:
            assert compiled(x, scale, activation).item() == step(x, scale, activation).item()
    assert len(compiled.programs) == 2


def _only_warning(record):
    assert len(record) == 1, [str(w.message) for w in record]
    assert record[0].category is autograd.CaptureWarning
    return str(record[0].message)


def _fallback(step, calls=4):
    """Call the compiled step `calls` times; the single warning's text."""
    compiled = autograd.compile(step)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        for _ in range(calls):
            compiled(Tensor(np.ones(3)))
    assert compiled.replays == 0 and compiled.eager_reason
    return _only_warning(record)


def test_control_flow_that_changes_between_calls_falls_back():
    w = Tensor(np.ones(3), requires_grad=True)
    calls = []

    def step(x):
        calls.append(1)
        return (w * x).sum() if len(calls) % 2 else (w + x).sum()

    assert "control flow" in _fallback(step)


@pytest.mark.parametrize("read, how", [
    (lambda loss: loss.item(), "item()"),
    (lambda loss: bool(loss > 0), "bool()"),
    (lambda loss: loss.numpy(), "numpy()"),
    (lambda loss: float(loss), "item()"),
])
def test_reading_values_in_the_step_falls_back_with_one_warning(read, how):
    w = Tensor(np.ones(3), requires_grad=True)

    def step(x):
        loss = (w * x).sum()
        read(loss)
        return loss

    message = _fallback(step)
    assert how in message and "return the tensor" in message


def test_values_made_outside_the_ops_fall_back():
    rng = np.random.default_rng(0)
    w = Tensor(np.ones(3), requires_grad=True)
    message = _fallback(lambda x: (w * x + Tensor(rng.random(3))).sum())
    assert "new on each call" in message


def test_constants_made_in_the_step_are_fine():
    w = Tensor(np.ones(3), requires_grad=True)
    compiled = autograd.compile(lambda x: (w * x + Tensor(np.arange(3.0))).sum())
    assert [compiled(Tensor(np.ones(3))).item() for _ in range(4)] == [6.0] * 4
    assert compiled.replays == 2


class Cube(autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 3 * x ** 2


class ReplayableCube(Cube):
    replayable = True


def test_custom_functions_replay_only_when_marked_replayable():
    message = _fallback(lambda x: Cube.apply(x).sum())
    assert "Cube" in message and "replayable = True" in message
    w = Tensor(np.full(3, 2.0), requires_grad=True)

    def step(x):
        w.grad = None
        loss = ReplayableCube.apply(w * x).sum()
        loss.backward()
        return loss

    compiled = autograd.compile(step)
    for _ in range(4):
        assert compiled(Tensor(np.ones(3))).item() == 24.0
        np.testing.assert_array_equal(w.grad, [12.0, 12.0, 12.0])
    assert compiled.replays == 2


def test_gradients_left_from_before_fall_back():
    """Without zero_grad, eager mode adds each call's gradient to the last: not replayed."""
    model = _small()
    optimizer = nn.optim.SGD(model.parameters(), lr=0.1)

    def step(x):
        model(x).sum().backward()
        optimizer.step()

    compiled = autograd.compile(step)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        for _ in range(3):
            compiled(Tensor(np.ones((2, 6))))
    assert "zero the gradients" in _only_warning(record)


def test_in_place_changes_outside_run_update_fall_back():
    params = [Tensor(np.ones(3), requires_grad=True)]

    def step(x):
        w = params[0]
        w.grad = None
        (w * x).sum().backward()
        with autograd.no_grad():
            w -= 0.1 * w.grad

    message = _fallback(step)
    assert "in place outside autograd.run_update" in message


def test_create_graph_and_returning_other_values_fall_back():
    w = Tensor(np.ones(3), requires_grad=True)

    def double_backward(x):
        (g,) = autograd.grad((w * w * x).sum(), w, create_graph=True)
        g.sum().backward()

    assert "create_graph" in _fallback(double_backward)
    assert "returns list" in _fallback(lambda x: [(w * x).sum()])


def test_watching_tools_see_an_eager_run():
    w = Tensor(np.ones(3), requires_grad=True)
    compiled = autograd.compile(lambda x: (w * x).sum())
    for _ in range(3):
        compiled(Tensor(np.ones(3)))
    with warnings.catch_warnings(record=True) as record, autograd.count_ops() as count:
        warnings.simplefilter("always")
        compiled(Tensor(np.ones(3)))
        compiled(Tensor(np.ones(3)))
    assert count.forward_total == 4
    assert "watches the ops" in _only_warning(record)
    assert compiled(Tensor(np.ones(3))).item() == 3.0 and compiled.replays == 2


def test_bad_arguments_of_compile():
    with pytest.raises(TypeError, match="step must be a function"):
        autograd.compile(3)
    with pytest.raises(ValueError, match="recordings must be a positive int"):
        autograd.compile(lambda: None, recordings=0)
    assert autograd.compile(recordings=2)(lambda: None).recordings == 2


class HalvedWhileTraining(nn.Module):
    """A module whose forward branches on its training flag (as dropout does)."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(np.full(3, 2.0), dtype=np.float64)

    def forward(self, x):
        return (self.weight * x * 0.5 if self.training else self.weight * x).sum()


def test_a_module_in_another_training_mode_records_anew():
    module = HalvedWhileTraining()
    compiled = autograd.compile(lambda x: module(x))
    x = Tensor(np.ones(3))
    for training in (True, True, True, False, False, False, True, False):
        module.train(training)
        assert compiled(x).item() == (3.0 if training else 6.0)
    assert len(compiled.programs) == 2 and compiled.replays == 4


def test_star_import_leaves_the_builtin_compile_alone():
    namespace = {}
    exec("from autograd import *", namespace)
    assert "compile" not in namespace and "CaptureWarning" in namespace
    assert autograd.compile is not compile
