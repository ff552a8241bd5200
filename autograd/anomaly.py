"""`detect_anomaly()`: stop at the first NaN a backward produces, naming the op and the line
of user code that recorded it (PyTorch's `detect_anomaly(check_nan=True)`).

Inside the context (or a function it decorates) every operation remembers the line of user
code that recorded it, and backward raises a RuntimeError as soon as an op's backward returns
a NaN gradient. As in PyTorch, infinities and forward values are not checked: -inf logits
that mask a class, or sqrt at 0, are legitimate. The mode belongs to the thread that turns
it on.

The line named is the innermost one outside the libraries: autograd itself and any package
that called `hide_frames_of(its directory)` (nn does), so an op run inside a layer points at
the user's line that called the layer.
"""
import os
import traceback

import numpy as np

from . import modes
from .mode_context import ModeContext

_LIBRARY_DIRS = [os.path.dirname(os.path.abspath(__file__)) + os.sep]


def is_anomaly_enabled():
    """True inside detect_anomaly() (in this thread)."""
    return modes.current().anomaly


def hide_frames_of(directory):
    """Treat code under `directory` as library code: detect_anomaly names the first line of
    code outside it (a neutral hook: libraries built on autograd register themselves)."""
    path = os.path.abspath(directory) + os.sep
    if path not in _LIBRARY_DIRS:
        _LIBRARY_DIRS.append(path)


class detect_anomaly(ModeContext):
    """Raise a RuntimeError at the first NaN gradient that backward produces; `check_nan=False`
    only records where each op was created (as PyTorch)."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan

    def fresh(self):
        return detect_anomaly(self.check_nan)

    def __enter__(self):
        self.modes = modes.current()
        self.previous = self.modes.anomaly, self.modes.check_nan
        self.modes.anomaly, self.modes.check_nan = True, bool(self.check_nan)
        return self

    def __exit__(self, *exc):
        self.modes.anomaly, self.modes.check_nan = self.previous
        return False


def user_code_location():
    """'file:line in function: source' of the innermost frame outside the libraries."""
    for frame in reversed(traceback.extract_stack()):
        if not os.path.abspath(frame.filename).startswith(tuple(_LIBRARY_DIRS)):
            return f"{frame.filename}:{frame.lineno} in {frame.name}: {frame.line}"
    return "<unknown location>"


def check_gradients(gradients, node):
    """Raise if a gradient in `gradients` (what `node`'s backward returned) holds a NaN."""
    if not modes.current().check_nan:
        return
    for index, value in enumerate(gradients):
        array = getattr(value, "data", value)
        if array is not None and np.asarray(array).dtype.kind == "f" and np.isnan(array).any():
            where = (f"was recorded at {node.created_at}" if node.created_at is not None else
                     "was recorded outside detect_anomaly(), so its line is unknown: run the "
                     "forward pass inside the block too")
            raise RuntimeError(
                f"detect_anomaly: op '{node.name}' returned NaN in the gradient of its input "
                f"{index} during backward; the op {where}"
            )
