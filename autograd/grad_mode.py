"""Whether operations are recorded for backward: `no_grad()` and `enable_grad()`.

Both work as context managers and as decorators. The flag belongs to the thread that sets
it, as in PyTorch: one thread evaluating under `no_grad()` leaves another thread's training
step recording, and every new thread starts with grad mode on. `Function.apply` reads it on
every operation (a thread-local attribute: a few tens of nanoseconds).
"""
import contextlib
import threading


class _GradModeState(threading.local):
    enabled = True  # each thread's starting value


_GradMode = _GradModeState()


def is_grad_enabled():
    """True when new operations are being recorded into the graph."""
    return _GradMode.enabled


class _SetGradMode(contextlib.ContextDecorator):
    def __init__(self, enabled):
        self.enabled = enabled

    def __enter__(self):
        self.previous = _GradMode.enabled
        _GradMode.enabled = self.enabled
        return self

    def __exit__(self, *exc):
        _GradMode.enabled = self.previous
        return False


def no_grad():
    """Record nothing inside: results of operations have requires_grad=False and no grad_fn."""
    return _SetGradMode(False)


def enable_grad():
    """Record operations again inside a `no_grad()` block."""
    return _SetGradMode(True)
