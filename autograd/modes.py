"""What each thread has switched on: recording (grad mode), anomaly detection, open scopes,
and who watches each op and each step of the backward pass (forward-mode levels, op counters,
`viz.trace_backward`) and each value read or in-place update (`autograd.compile`'s recorder).

As in PyTorch these belong to the thread that sets them: one thread evaluating under
`no_grad()` leaves another thread's training step recording, and a new thread starts with
recording on, anomaly detection off and no scope open. They live together in one object per
thread, so that `Function.apply`, which needs all three on every operation, looks the
thread up once (a thread-local lookup costs several times a plain attribute read).
"""
import contextlib
import threading


class Modes:
    """One thread's modes."""

    __slots__ = ("grad_enabled", "anomaly", "check_nan", "scope", "record_scopes",
                 "apply_observers", "backward_observers", "step_observers")

    def __init__(self):
        self.grad_enabled = True
        self.anomaly = False  # detect_anomaly() is on
        self.check_nan = True  # ... and checks gradients for NaN
        self.scope = ()  # the open scopes, outermost first
        self.record_scopes = True  # module calls open scopes (see scope.py)
        self.apply_observers = ()  # told each op applied (see function.py)
        self.backward_observers = ()  # told each step of the engine's walk (see engine.py)
        self.step_observers = ()  # told of value reads and in-place updates (see below)


class _PerThread(threading.local):
    def __init__(self):
        self.modes = Modes()


_per_thread = _PerThread()


def current():
    """The calling thread's modes."""
    return _per_thread.modes


@contextlib.contextmanager
def observing(apply=None, backward=None, step=None):
    """Add observers of ops applied, of backward steps and of value reads and in-place updates
    (`step`: see `note_read` and `updates.run_update`) for the calling thread, inside."""
    modes = _per_thread.modes
    kept = modes.apply_observers, modes.backward_observers, modes.step_observers
    if apply is not None:
        modes.apply_observers = kept[0] + (apply,)
    if backward is not None:
        modes.backward_observers = kept[1] + (backward,)
    if step is not None:
        modes.step_observers = kept[2] + (step,)
    try:
        yield
    finally:
        modes.apply_observers, modes.backward_observers, modes.step_observers = kept


def note_read(tensor, how):
    """Tell the thread's step observers that Python reads `tensor`'s values (a Tensor or an
    array; `how`: "item()",
    "bool()", ...): a captured step cannot replay a decision taken on them. Costs one
    thread-local lookup, and only on reads."""
    for observer in _per_thread.modes.step_observers:
        observer.read(tensor, how)
