"""`detect_anomaly()`: stop at the first NaN or inf, naming the op and the user code behind it.

Inside the context (or a function it decorates) every operation remembers the line of user
code that created it, and both its forward output and the gradients its backward produces
are checked for non-finite values.
"""
import contextlib
import os
import traceback

import numpy as np

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class _AnomalyMode:
    enabled = False


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
    """'file:line in function: source' of the innermost frame outside the autograd package."""
    for frame in reversed(traceback.extract_stack()):
        if not os.path.abspath(frame.filename).startswith(_PACKAGE_DIR):
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
