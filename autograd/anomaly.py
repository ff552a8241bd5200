"""`detect_anomaly()`: stop at the first NaN or inf, naming the op and the user code behind it.

Inside the context (or a function it decorates) every operation remembers the line of user
code that created it, and both its forward output and the gradients its backward produces
are checked for non-finite values. The mode belongs to the thread that turns it on.

The line named is the innermost one outside the libraries: autograd itself and any package
that called `hide_frames_of(its directory)` (nn does), so an op run inside a layer points at
the user's line that called the layer.
"""
import contextlib
import os
import threading
import traceback

import numpy as np

_LIBRARY_DIRS = [os.path.dirname(os.path.abspath(__file__)) + os.sep]


class _AnomalyModeState(threading.local):
    enabled = False  # each thread's starting value


_AnomalyMode = _AnomalyModeState()


def hide_frames_of(directory):
    """Treat code under `directory` as library code: detect_anomaly names the first line of
    code outside it (a neutral hook: libraries built on autograd register themselves)."""
    path = os.path.abspath(directory) + os.sep
    if path not in _LIBRARY_DIRS:
        _LIBRARY_DIRS.append(path)


class detect_anomaly(contextlib.ContextDecorator):
    """Raise a FloatingPointError at the first NaN/inf produced in forward or backward."""

    def __enter__(self):
        self.previous = _AnomalyMode.enabled
        _AnomalyMode.enabled = True
        return self

    def __exit__(self, *exc):
        _AnomalyMode.enabled = self.previous
        return False


def user_code_location():
    """'file:line in function: source' of the innermost frame outside the libraries."""
    for frame in reversed(traceback.extract_stack()):
        if not os.path.abspath(frame.filename).startswith(tuple(_LIBRARY_DIRS)):
            return f"{frame.filename}:{frame.lineno} in {frame.name}: {frame.line}"
    return "<unknown location>"


def check_finite(values, op_name, phase, created_at):
    """Raise if any array in `values` holds a NaN or inf."""
    for value in values:
        if value is None:
            continue
        array = getattr(value, "data", value)
        if np.issubdtype(np.asarray(array).dtype, np.inexact) and not np.all(np.isfinite(array)):
            raise FloatingPointError(
                f"detect_anomaly: op '{op_name}' produced NaN or inf in its {phase}; "
                f"the op was created at {created_at}"
            )
