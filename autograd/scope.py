"""A neutral naming hook: `scope(owner)` tags every node created inside it.

autograd knows nothing about modules. A library (such as `nn`) enters `scope(module)` around
a module's forward; each node recorded inside keeps `node.scope`, the tuple of open scopes,
outermost first, each with its `.owner`. Every `scope(...)` is a new object, so two calls of
the same module are told apart; the diagrams draw one box per scope. Each thread has its
own stack of open scopes (`modes.py`; read directly here: nn enters one per module call).
"""
from .modes import _per_thread


class scope:
    """`with scope(owner):` tags the nodes created inside with this scope (nested scopes
    give a path). A plain class: nn enters one per module call, on the training hot path."""

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
