"""autograd.compile in the training loop (`fit(compile=True)`, `python -m nn.train --compile`)
and across threads: the same results as eager mode."""
import threading
import warnings

import numpy as np
import pytest

import autograd
import nn
from nn.data import DataLoader
from nn.training import fit

from compile_steps import assert_same_parameters, batches, run_twins, training_step, twin_models
from train_helpers import QUICK, run_train


def _loader(labels, dtype, seed):
    rng = np.random.default_rng(seed)
    x = rng.random((95, 20)).astype(dtype)
    picked = rng.integers(0, 4, 95)
    y = picked if labels else np.eye(4, dtype=np.float32)[picked]
    return DataLoader(x, y, batch_size=10, shuffle=True, rng=np.random.default_rng(seed))


@pytest.mark.parametrize("loss_fn, optimizer, labels, dtype", [
    (nn.quadratic_cost, lambda ps: nn.optim.SGD(ps, lr=3.0), False, np.float32),
    (nn.quadratic_cost, lambda ps: nn.optim.SGD(ps, lr=1.0, momentum=0.9), False, np.float64),
    (nn.cross_entropy, lambda ps: nn.optim.Adam(ps, lr=1e-2), False, np.float64),
    (nn.mse_loss, lambda ps: nn.optim.SGD(ps, lr=0.5, nesterov=True, momentum=0.5), False,
     np.float32),
], ids=["seeds", "momentum-float64-target32", "cross-entropy-adam", "mse-nesterov"])
def test_fit_with_compile_equals_fit_without(loss_fn, optimizer, labels, dtype):
    """Epochs of 95 digits: the last mini-batch of 5 is a second captured program."""
    make = lambda: nn.MLP([20, 8, 4], seed=0, dtype=dtype)
    eager, captured = twin_models(make)
    with warnings.catch_warnings():
        warnings.simplefilter("error", autograd.CaptureWarning)
        history = [fit(model, loss_fn, optimizer(model.parameters()), _loader(labels, dtype, 1),
                       epochs=3, compile=compile)
                   for model, compile in ((eager, False), (captured, True))]
    assert [r.train_loss for r in history[0]] == [r.train_loss for r in history[1]]
    assert_same_parameters(eager, captured)


def test_train_command_with_compile_writes_the_same_model(tmp_path):
    for name, extra in (("eager", []), ("compiled", ["--compile"])):
        assert run_train(QUICK + ["--epochs", 2, "--out", tmp_path / name] + extra)[0] == 0
    eager = nn.load(tmp_path / "eager" / "model.npz").state_dict()
    compiled = nn.load(tmp_path / "compiled" / "model.npz").state_dict()
    for key in eager:
        np.testing.assert_array_equal(eager[key], compiled[key])


def test_steps_in_two_threads_are_recorded_and_replayed_apart():
    """Each thread's recorder sees only its own ops (modes are per thread), and no_grad in one
    thread does not change the other's key."""
    results, errors = {}, []

    def train(name, under_no_grad_too):
        try:
            eager, captured = twin_models(lambda: nn.MLP([784, 16, 16, 10], seed=4,
                                                         dtype=np.float64))
            compiled = autograd.compile(training_step(
                captured, nn.optim.SGD(captured.parameters(), lr=3.0)))
            eager_step = training_step(eager, nn.optim.SGD(eager.parameters(), lr=3.0))
            for x, y in batches(40, seed=len(name)):
                if under_no_grad_too:
                    with autograd.no_grad():
                        eager(x)
                run_twins(eager_step, compiled, [(x, y)])
            assert_same_parameters(eager, captured)
            results[name] = compiled.replays
        except Exception as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=train, args=(name, flag))
               for name, flag in (("a", False), ("bb", True))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert results == {"a": 38, "bb": 38}


def test_one_compiled_step_shared_by_threads_gives_each_its_own_answer():
    w = autograd.Tensor(np.arange(4.0), requires_grad=True)
    compiled = autograd.compile(lambda x: (w * x).sum() * 2)
    answers, errors = [], []

    def work(k):
        try:
            for i in range(50):
                x = autograd.Tensor(np.full(4, float(k * 100 + i)))
                answers.append((compiled(x).item(), 12.0 * (k * 100 + i)))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(answers) == 150
    assert all(got == expected for got, expected in answers)
    assert compiled.replays >= 100

