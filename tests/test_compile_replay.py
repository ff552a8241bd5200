"""How a captured step replays (autograd/capture/source.py): one Python function written from
the program, which skips the value of an op nobody reads, keeps its ctx objects per thread,
and still gives eager mode's numbers bit for bit."""
import sys
import threading
import warnings

import numpy as np
import pytest

import autograd
import nn
from autograd import Tensor
from autograd.ops import SquaredError

from compile_steps import SEEDS_SIZES, assert_same_parameters, batches, twin_models


def _step_without_result(model, optimizer):
    def step(x, y):
        loss = nn.quadratic_cost(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return step


def _quiet(compiled, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error", autograd.CaptureWarning)
        return compiled(*args)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_unread_loss_is_not_computed_and_parameters_equal_eager(dtype):
    """The step returns nothing: its loss value is never read, so the replay runs only what
    SquaredError's forward keeps for backward; the parameters and gradients stay bit-identical
    to eager mode's after 40 steps."""
    eager, captured = twin_models(lambda: nn.MLP(SEEDS_SIZES, dtype=dtype, seed=0))
    eager_step = _step_without_result(eager, nn.optim.SGD(eager.parameters(), lr=3.0))
    compiled = autograd.compile(_step_without_result(captured,
                                                     nn.optim.SGD(captured.parameters(), lr=3.0)))
    for x, y in batches(40, dtype=dtype):
        eager_step(x, y)
        _quiet(compiled, Tensor(x.data), y)
    assert compiled.replays == 38
    assert_same_parameters(eager, captured)
    assert "SquaredError.forward_for_backward(sigmoid_5, y, scale=0.05)" in compiled.program
    assert "squared_error_6 =" not in compiled.program
    source = compiled.programs[-1].source
    assert source.startswith("def replay(contexts, arguments, a0, a1):")
    assert "v6 =" not in source


def test_returned_loss_is_computed():
    """The same step returning its loss computes it, as eager mode does."""
    model = nn.MLP([6, 4, 3], dtype=np.float64, seed=0)
    optimizer = nn.optim.SGD(model.parameters(), lr=0.5)

    def step(x, y):
        loss = nn.quadratic_cost(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    compiled = autograd.compile(step)
    rng = np.random.default_rng(0)
    for _ in range(3):
        x, y = rng.random((5, 6)), rng.random((5, 3))
        expected = SquaredError.apply(Tensor(model(Tensor(x)).data), Tensor(y), scale=0.1).item()
        assert _quiet(compiled, Tensor(x), Tensor(y)).item() == expected
    assert "squared_error_4 = SquaredError.forward(" in compiled.program
    assert compiled.replays == 1


def test_forward_for_backward_keeps_what_forward_keeps():
    """SquaredError's forward is forward_for_backward plus the value: the same checks, the
    same saved arrays and scale."""
    a, y = np.arange(6.0).reshape(2, 3), np.ones((2, 3))
    full, part = SquaredError(), SquaredError()
    full.needs_input_grad = part.needs_input_grad = (True, False)
    assert SquaredError.forward(full, a, y, scale=0.25) == 0.25 * np.sum((a - y) ** 2)
    assert SquaredError.forward_for_backward(part, a, y, scale=0.25) is None
    assert part.scale == full.scale and all(p is f for p, f in zip(part.saved, full.saved))
    with pytest.raises(ValueError, match="squared_error: output and target must have the same"):
        SquaredError.forward_for_backward(part, a, np.ones(3))


def test_results_of_a_replay_are_not_overwritten_by_the_next():
    w = Tensor(np.array([[1.0, -2.0], [0.5, 3.0]]), requires_grad=True)

    def step(x):
        out = nn.functional.linear(x, w).sigmoid()
        out.sum().backward()
        return out

    compiled = autograd.compile(step)
    rng = np.random.default_rng(1)
    results = []
    for _ in range(5):
        w.grad = None
        x = rng.standard_normal((3, 2))
        out = _quiet(compiled, Tensor(x))
        results.append((x, out.data.copy(), out.data, w.grad))
    assert compiled.replays == 3
    for x, copied, kept, grad in results:
        np.testing.assert_array_equal(kept, copied)
        w.grad = None
        eager = nn.functional.linear(Tensor(x), w).sigmoid()
        eager.sum().backward()
        np.testing.assert_array_equal(kept, eager.data)
        np.testing.assert_array_equal(grad, w.grad)


def test_threads_replaying_one_program_keep_their_own_contexts():
    """Each running replay takes a set of ctx objects of its own: four threads replaying the
    gradient of one function at once each get eager mode's answer for their inputs."""
    weight = np.random.default_rng(2).standard_normal((8, 5))

    def gradient(x):
        y = (Tensor(weight) @ x).tanh()
        y.square().sum().backward()
        return y

    def given(x):
        return Tensor(x, requires_grad=True)

    compiled = autograd.compile(gradient)
    for seed in range(2):
        _quiet(compiled, given(np.random.default_rng(seed).standard_normal((5, 3))))
    inputs = [np.random.default_rng(10 + k).standard_normal((5, 3)) for k in range(4)]
    expected = []
    for x in inputs:
        tensor = given(x)
        expected.append((gradient(tensor).data, tensor.grad))
    wrong, barrier = [0] * 4, threading.Barrier(4)

    def worker(k):
        barrier.wait()
        for _ in range(200):
            tensor = given(inputs[k])
            value = _quiet(compiled, tensor).data
            wrong[k] += not (np.array_equal(value, expected[k][0])
                             and np.array_equal(tensor.grad, expected[k][1]))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns inside replays
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == [0] * 4
    assert compiled.replays == 800


def test_an_error_in_a_replay_shows_the_line_of_the_captured_step():
    """The replay is a Python function whose text tracebacks show: an update that fails on its
    third call fails inside the replay, at the line that calls it."""
    w = Tensor(np.ones(3), requires_grad=True)
    calls = []

    def update():
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the update failed")

    def step(x):
        (w * x).sum().backward()
        autograd.run_update(update)
        w.grad = None

    compiled = autograd.compile(step)
    for _ in range(2):
        _quiet(compiled, Tensor(np.arange(3.0)))
    with pytest.raises(RuntimeError, match="the update failed") as failure:
        compiled(Tensor(np.arange(3.0)))
    replay = [entry for entry in failure.traceback if "captured step step(x)" in str(entry.path)]
    assert len(replay) == 1 and str(replay[0].statement).strip().startswith("update_")
