"""One kind of step of the differential programs (see programs.py)."""
from typing import Callable, NamedTuple


class Op(NamedTuple):
    """One kind of step: how our engine and torch compute it, and how it reads as code.

    `ours` and `torch` take the argument tensors and the step's params as keywords. `text` is
    a format string over the argument names ({0}, {1}, ... or {args} for a list) and params.
    """
    ours: Callable
    torch: Callable
    text: str
