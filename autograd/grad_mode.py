"""Whether operations are recorded for backward: `no_grad()` and `enable_grad()`.

Both work as context managers and as decorators, with or without parentheses
(`@no_grad()` and `@no_grad`). The flag belongs to the thread that sets it, as in PyTorch
(`modes.py`): one thread evaluating under `no_grad()` leaves another thread's training step
recording, and every new thread starts with grad mode on.
"""
from . import modes
from .mode_context import ModeContext


def is_grad_enabled():
    """True when new operations are being recorded into the graph (in this thread)."""
    return modes.current().grad_enabled


class _SetGradMode(ModeContext):
    def __init__(self, enabled):
        self.enabled = enabled

    def fresh(self):
        return _SetGradMode(self.enabled)

    def __enter__(self):
        self.modes = modes.current()
        self.previous = self.modes.grad_enabled
        self.modes.grad_enabled = self.enabled
        return self

    def __exit__(self, *exc):
        self.modes.grad_enabled = self.previous
        return False


def no_grad(function=None):
    """Record nothing inside: results of operations have requires_grad=False and no grad_fn.
    `with no_grad():`, `@no_grad()` or `@no_grad`."""
    mode = _SetGradMode(False)
    return mode if function is None else mode(function)


def enable_grad(function=None):
    """Record operations again inside a `no_grad()` block (same three spellings)."""
    mode = _SetGradMode(True)
    return mode if function is None else mode(function)
