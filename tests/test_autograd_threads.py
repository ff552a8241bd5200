"""Grad mode, anomaly mode and naming scopes belong to the thread that sets them (as in
PyTorch): one thread evaluating under no_grad() never switches recording off for another,
and separate graphs trained in separate threads give exactly their sequential results."""
import threading

import numpy as np

import autograd as ag


def run_in_thread(target):
    """Run `target()` in a new thread and return what it returned (or raise what it raised)."""
    result = {}

    def wrapper():
        try:
            result["value"] = target()
        except BaseException as error:  # handed back to the test's thread
            result["error"] = error

    thread = threading.Thread(target=wrapper)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def test_no_grad_in_one_thread_leaves_another_thread_recording():
    inside, done = threading.Event(), threading.Event()

    def evaluate():
        with ag.no_grad():
            inside.set()
            done.wait(timeout=10)

    thread = threading.Thread(target=evaluate)
    thread.start()
    inside.wait(timeout=10)
    try:
        y = ag.Tensor(np.array([2.0]), requires_grad=True) * 3.0
        assert y.requires_grad and ag.is_grad_enabled()
    finally:
        done.set()
        thread.join()


def test_a_new_thread_starts_recording_even_when_its_parent_is_under_no_grad():
    with ag.no_grad():
        assert run_in_thread(ag.is_grad_enabled)
        assert not ag.is_grad_enabled()


def test_anomaly_mode_and_scopes_are_per_thread():
    def record():
        """A recorded op: (its node's scope, the line anomaly mode noted for it)."""
        node = (ag.Tensor(np.array([1.0]), requires_grad=True) * 2.0).grad_fn
        return node.scope, node.created_at

    with ag.detect_anomaly(), ag.scope("outer"):
        assert run_in_thread(record) == ((), None)
        scope, created_at = record()
        assert [s.owner for s in scope] == ["outer"] and created_at is not None


def test_grad_mode_decorators_nest_recurse_and_work_without_parentheses():
    @ag.no_grad
    def countdown(n):
        assert not ag.is_grad_enabled()
        return countdown(n - 1) if n else inner()

    @ag.enable_grad()
    def inner():
        return ag.is_grad_enabled()

    assert countdown(3) and ag.is_grad_enabled()


def test_a_decorated_generator_runs_its_steps_under_the_mode_and_not_the_caller():
    @ag.no_grad()
    def steps():
        for _ in range(2):
            yield ag.is_grad_enabled()

    seen = []
    for inside in steps():
        seen.append((inside, ag.is_grad_enabled()))
    assert seen == [(False, True), (False, True)]


def train(seed, steps=50):
    """A small regression trained by hand-written SGD, entering and leaving no_grad often."""
    rng = np.random.default_rng(seed)
    w = ag.Tensor(rng.standard_normal((3, 1)), requires_grad=True)
    x, y = rng.standard_normal((8, 3)), rng.standard_normal((8, 1))
    for _ in range(steps):
        loss = (((ag.Tensor(x) @ w) - y) ** 2).mean()
        w.grad = None
        loss.backward()
        with ag.no_grad():
            w -= 0.1 * w.grad
    return w.data.copy()


def test_separate_graphs_in_separate_threads_train_exactly_as_they_do_one_after_another():
    expected = {seed: train(seed) for seed in range(4)}
    results = {}
    threads = [threading.Thread(target=lambda s=seed: results.__setitem__(s, train(s)))
               for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ag.is_grad_enabled()
    for seed in range(4):
        np.testing.assert_array_equal(results[seed], expected[seed])
