"""Whether operations are recorded for backward: `no_grad()` and `enable_grad()`.

Both work as context managers and as decorators. The flag is read by `Function.apply`
on every operation, so it lives in a plain module-level object.
"""
import contextlib


class _GradMode:
    enabled = True


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
