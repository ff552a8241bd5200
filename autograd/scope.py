"""A neutral naming hook: `scope(owner)` tags every node created inside it.

autograd knows nothing about modules. A library (such as `nn`) enters `scope(module)` around
a module's forward; each node recorded inside keeps `node.scope`, the tuple of open
`ScopeEntry`s, outermost first. Every entry is a new object, so two calls of the same module
are told apart; the diagrams draw one box per entry.
"""


class ScopeEntry:
    """One entry into `scope(owner)`: `owner` is whatever the caller passed (e.g. a module)."""

    __slots__ = ("owner",)

    def __init__(self, owner):
        self.owner = owner


class _ScopeStack:
    current = ()


class scope:
    """Tag nodes created inside with a new `ScopeEntry(owner)` (nested scopes give a path).

    A plain class rather than a generator-based context manager: nn enters one per module
    call, on the training hot path.
    """

    __slots__ = ("owner", "previous")

    def __init__(self, owner):
        self.owner = owner

    def __enter__(self):
        self.previous = _ScopeStack.current
        _ScopeStack.current = self.previous + (ScopeEntry(self.owner),)
        return self

    def __exit__(self, *exc):
        _ScopeStack.current = self.previous
        return False
