"""What each thread has switched on: recording (grad mode), anomaly detection, open scopes,
and who watches the backward pass (`viz.trace_backward`).

As in PyTorch these belong to the thread that sets them: one thread evaluating under
`no_grad()` leaves another thread's training step recording, and a new thread starts with
recording on, anomaly detection off and no scope open. They live together in one object per
thread, so that `Function.apply`, which needs all three on every operation, looks the
thread up once (a thread-local lookup costs several times a plain attribute read).
"""
import threading


class Modes:
    """One thread's modes."""

    __slots__ = ("grad_enabled", "anomaly", "check_nan", "scope", "backward_observer")

    def __init__(self):
        self.grad_enabled = True
        self.anomaly = False  # detect_anomaly() is on
        self.check_nan = True  # ... and checks gradients for NaN
        self.scope = ()  # the open scopes, outermost first
        self.backward_observer = None  # told each step of the engine's walk (see engine.py)


class _PerThread(threading.local):
    def __init__(self):
        self.modes = Modes()


_per_thread = _PerThread()


def current():
    """The calling thread's modes."""
    return _per_thread.modes
