"""Saving and loading a module's state: `state_dict()` and `load_state_dict()`.

The state is an OrderedDict: dotted name -> numpy array, module by module (the module's own
parameters, then its persistent buffers, then each child's entries), as PyTorch's order.
"""
from collections import OrderedDict, namedtuple
from collections.abc import Mapping

import numpy as np

from .arguments import flag


class IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What `load_state_dict(strict=False)` skipped: names the module has but the state
    lacks (`missing_keys`), and names of the state the module does not have
    (`unexpected_keys`)."""

    __slots__ = ()
    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()


class StateMethods:
    """Module's state_dict() and load_state_dict() (Module inherits them)."""

    __slots__ = ()

    def _state_tensors(self, prefix=""):
        """(dotted name, tensor) of every entry of the state: a parameter or buffer shared
        by two modules is given under both names (as PyTorch's state_dict)."""
        for name, parameter in self._parameters.items():
            if parameter is not None:
                yield prefix + name, parameter
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers:
                yield prefix + name, buffer
        for name, child in self._modules.items():
            if child is not None:
                yield from child._state_tensors(f"{prefix}{name}.")

    def state_dict(self, *, prefix="", keep_vars=False):
        """An OrderedDict: dotted name -> a copy of the numpy array of every parameter and
        persistent buffer (with `keep_vars=True`, the tensors themselves)."""
        keep_vars = flag(keep_vars, "keep_vars", f"{type(self).__name__}.state_dict")
        return OrderedDict(
            (name, tensor if keep_vars else tensor.data.copy())
            for name, tensor in self._state_tensors(prefix)
        )

    def load_state_dict(self, state_dict, strict=True):
        """Copy the arrays of `state_dict` (name -> array or Tensor) into the parameters and
        buffers of the same names, in place (cast to their dtype), and return
        IncompatibleKeys(missing_keys, unexpected_keys).

        With `strict` (the default) the names must be exactly those of `state_dict()`, else a
        RuntimeError lists the missing and unexpected ones. A shape that differs is a
        RuntimeError naming both shapes, also when not strict. Everything is checked before
        anything is copied, so on error nothing changes (PyTorch copies the entries that fit
        before raising). Each tensor copied into is marked changed, so a graph recorded
        before cannot be differentiated after.
        """
        where = type(self).__name__
        if not isinstance(state_dict, Mapping):
            raise TypeError(
                f"{where}.load_state_dict: expected a mapping name -> array (a dict, as "
                f"state_dict() gives), got {type(state_dict).__name__}"
            )
        strict = flag(strict, "strict", f"{where}.load_state_dict")
        targets = OrderedDict(self._state_tensors())
        missing = [name for name in targets if name not in state_dict]
        unexpected = [name for name in state_dict if name not in targets]
        errors = []
        if strict and missing:
            errors.append("Missing key(s) in state_dict: " + ", ".join(map(repr, missing)))
        if strict and unexpected:
            errors.append("Unexpected key(s) in state_dict: " + ", ".join(map(repr, unexpected)))
        arrays = {}
        for name, tensor in targets.items():
            if name in state_dict:
                array = np.asarray(state_dict[name])
                problem = _misfit(name, array, tensor)
                if problem:
                    errors.append(problem)
                arrays[name] = array
        if errors:
            raise RuntimeError(f"Error(s) in loading state_dict for {where}: "
                               + "; ".join(errors))
        for name, array in arrays.items():
            targets[name].data[...] = array
            targets[name].mark_changed()
        return IncompatibleKeys(missing, unexpected)


def _misfit(name, array, tensor):
    """Why `array` cannot be copied into `tensor`, the entry `name` (shape or dtype), or ""."""
    if array.dtype.kind not in "biuf":
        return f"{name!r} holds no numbers: an array of dtype {array.dtype}"
    if array.shape != tensor.shape:
        return (f"size mismatch for {name!r}: shape {array.shape} in the state, "
                f"{tensor.shape} in the module")
    return ""
