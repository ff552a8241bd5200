"""`run_update(update)`: how code outside the graph (an optimizer's step) changes tensors in
place so that a captured step (`autograd.compile`) can do it again.

An optimizer's step is plain numpy on `p.data` and `p.grad`, not a recorded op, so nothing
in the graph shows it. Wrapping it as `run_update(self._update)` runs `update()` at once and
tells the thread's step observers about it; `autograd.compile`'s recorder keeps the callable
and calls it again on every replay, after giving each parameter its replayed `.grad`. So the
update must read everything it uses (gradients, hyperparameters, its state) when it is
called, and change tensors only in place (`data -= ...`, then `t.mark_changed()`).
"""
from .modes import _per_thread


def run_update(update):
    """Call `update()` (no arguments; it changes tensors' data in place) and return its result.
    Under `autograd.compile` it is recorded, to be called again each time the step replays."""
    observers = _per_thread.modes.step_observers
    for observer in observers:
        observer.updating(update)
    result = update()
    for observer in observers:
        observer.updated(update)
    return result
