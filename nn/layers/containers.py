"""Containers: `ModuleList` (modules whose parameters count) and `Sequential` (a chain)."""
from collections.abc import Iterable

from ..arguments import described, is_int
from ..module import Module


class ModuleList(Module):
    """A list of modules whose parameters count: ModuleList([Linear(2, 3), Linear(3, 1)]).

    The children are named "0", "1", ...; indexing, len(), iteration and append() go
    through them. (A plain Python list of modules would hide their parameters.)
    """

    def __init__(self, modules=()):
        super().__init__()
        if not isinstance(modules, Iterable):
            raise TypeError(
                f"{type(self).__name__}: expected an iterable of Modules, got {described(modules)}"
            )
        for module in modules:
            self.append(module)

    def append(self, module):
        if not isinstance(module, Module):
            raise TypeError(
                f"{type(self).__name__}: item {len(self)} must be a Module, "
                f"got {type(module).__name__}"
            )
        setattr(self, str(len(self)), module)
        return self

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __getitem__(self, index):
        modules = list(self._modules.values())
        if isinstance(index, slice):
            return self._of(modules[index])
        if not is_int(index):
            raise TypeError(
                f"{type(self).__name__}: index must be an int or a slice, got {described(index)}"
            )
        try:
            return modules[index]
        except IndexError:
            raise IndexError(
                f"{type(self).__name__}: index {index} out of range for {len(modules)} modules"
            ) from None

    @staticmethod
    def _of(modules):
        return ModuleList(modules)


class Sequential(ModuleList):
    """Modules applied one after another: Sequential(f, g, h)(x) = h(g(f(x))).

    The children are named "0", "1", ...; indexing, len() and iteration go through them.
    """

    def __init__(self, *modules):
        super().__init__(modules)

    def forward(self, x):
        for module in self._modules.values():
            x = module(x)
        return x

    @staticmethod
    def _of(modules):
        return Sequential(*modules)
