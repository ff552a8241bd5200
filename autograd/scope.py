"""A neutral naming hook: `scope(owner)` tags every node created inside it.

autograd knows nothing about modules. A library (such as `nn`) runs a module's forward with
`run_in_scope(module, forward, ...)`, or a user writes `with scope(owner):`; each node
recorded inside keeps `node.scope`, the tuple of open scopes, outermost first, each with its
`.owner`. Every scope is a new object, so two calls of the same module are told apart; the
diagrams draw one box per scope. Each thread has its own stack of open scopes (`modes.py`;
read directly here: nn enters one per module call).

`record_scopes(False)` is the switch for a hot loop that never draws: `run_in_scope` then
calls straight through, at the cost of one flag test. It is on by default, so a diagram drawn
after an ordinary forward still shows its module boxes.
"""
from .mode_context import ModeContext
from .modes import _per_thread


class scope:
    """`with scope(owner):` tags the nodes created inside with this scope (nested scopes
    give a path). Explicit scopes are always recorded, whatever `record_scopes` says."""

    __slots__ = ("owner", "_modes", "_previous")

    def __init__(self, owner):
        self.owner = owner

    def __enter__(self):
        self._modes = _per_thread.modes
        self._previous = self._modes.scope
        self._modes.scope = self._previous + (self,)
        return self

    def __exit__(self, *exc):
        self._modes.scope = self._previous
        return False

    def __repr__(self):
        return f"<scope of {self.owner!r:.60}>"


def run_in_scope(owner, function, *args, **kwargs):
    """function(*args, **kwargs) inside a new `scope(owner)` (what `with scope(owner):` does,
    in one call: nn.Module.__call__ runs every forward so), or directly where the calling
    thread switched scopes off with `record_scopes(False)`."""
    modes = _per_thread.modes
    if not modes.record_scopes:
        return function(*args, **kwargs)
    outer = modes.scope
    modes.scope = outer + (scope(owner),)
    try:
        return function(*args, **kwargs)
    finally:
        modes.scope = outer


def are_scopes_recorded():
    """True when `run_in_scope` opens scopes in this thread (the default)."""
    return _per_thread.modes.record_scopes


class record_scopes(ModeContext):
    """`with record_scopes(False):` (or as a decorator) module calls inside open no scope:
    nothing per call but a flag test, and diagrams of graphs recorded inside show no module
    boxes or parameter names. `record_scopes(True)` switches them back on inside."""

    def __init__(self, enabled):
        if not isinstance(enabled, bool):
            raise TypeError(f"record_scopes: enabled must be True or False; got {enabled!r}")
        self.enabled = enabled

    def fresh(self):
        return record_scopes(self.enabled)

    def __enter__(self):
        self.modes = _per_thread.modes
        self.previous = self.modes.record_scopes
        self.modes.record_scopes = self.enabled
        return self

    def __exit__(self, *exc):
        self.modes.record_scopes = self.previous
        return False
