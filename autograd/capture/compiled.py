"""`CompiledStep`: a step function that runs eagerly twice per kind of call, then replays.

Calls are told apart by their *key* (grad mode, and per argument: a Tensor's shape, dtype and
requires_grad, an array's shape and dtype, any other argument's value) and, within a key, by
each program's guards (program.py). A new kind of call is recorded (eager, watched); the next
call of that kind is recorded again and compared (build.py); from then on it replays. Anything
that cannot be replayed faithfully turns the compiled step into the plain step, with one
warning that says why.
"""
import inspect
import threading
import warnings

import numpy as np

from ..modes import current, observing
from ..tensor import Tensor
from .build import NotCapturable, build_program
from .recorder import Recorder


class CaptureWarning(UserWarning):
    """A compiled step runs eagerly: the warning says why."""


class _Entry:
    """One kind of call: its key, the first recording (until confirmed), then the Program."""

    def __init__(self, key, first):
        self.key, self.first, self.program = key, first, None

    def first_holds(self, arguments):
        """The parameters the first recording read still hold the same arrays, and its modules
        are in the same training mode."""
        return all(ref[1].data is ref[2] for op in self.first.ops for ref in op.refs
                   if ref[0] == "leaf") and all(
            getattr(owner, "training", None) == flag for owner, flag in self.first.flags.values())


class CompiledStep:
    """`step` captured: call it as the step itself. `program` is the text of the newest
    captured step, `programs` every Program kept (at most `recordings`)."""

    def __init__(self, step, recordings=4):
        if not callable(step):
            raise TypeError(f"compile: step must be a function; got {type(step).__name__}")
        if isinstance(recordings, bool) or not isinstance(recordings, int) or recordings < 1:
            raise ValueError(f"compile: recordings must be a positive int; got {recordings!r}")
        self.step, self.recordings = step, recordings
        self.name = getattr(step, "__name__", type(step).__name__)
        self.eager_reason = None
        self.replays = 0
        self._entries = []
        self._lock = threading.Lock()
        self._warned_watching = False

    def __call__(self, *args, **kwargs):
        if self.eager_reason is not None:
            return self.step(*args, **kwargs)
        modes = current()
        if modes.anomaly or modes.apply_observers or modes.backward_observers or modes.step_observers:
            self._warn_watching()
            return self.step(*args, **kwargs)
        arguments = list(args) + [kwargs[name] for name in sorted(kwargs)] if kwargs else list(args)
        try:
            key = (modes.grad_enabled, len(args), tuple(sorted(kwargs)),
                   tuple(map(_kind, arguments)))
            hash(key)
        except TypeError as error:
            self._give_up(f"an argument cannot be a guard ({error}); pass Tensors, arrays, and "
                          f"hashable values")
            return self.step(*args, **kwargs)
        with self._lock:
            entries = [entry for entry in self._entries if entry.key == key]
        for entry in entries:
            if entry.program is not None and entry.program.guards.hold(arguments):
                return self._replay(entry.program, arguments)
        for entry in entries:
            if entry.program is None and entry.first_holds(arguments):
                return self._confirm(entry, args, kwargs, arguments)
        result, recorder = self._record(args, kwargs, arguments)
        if recorder is not None:
            with self._lock:
                self._entries.append(_Entry(key, recorder))
                del self._entries[:-self.recordings]
        return result

    # -- the three ways of running a call -------------------------------------------------------

    def _record(self, args, kwargs, arguments):
        """Run the step eagerly, watched; (its result, the Recorder or None on a problem)."""
        recorder = Recorder(arguments)
        with observing(apply=recorder, backward=recorder, step=recorder):
            result = self.step(*args, **kwargs)
        recorder.finish(result)
        if recorder.problem is not None:
            self._give_up(recorder.problem)
            return result, None
        return result, recorder

    def _confirm(self, entry, args, kwargs, arguments):
        first = entry.first
        entry_grads = {key: leaf.tensor.grad is None for key, leaf in first.grad_leaves.items()}
        entry_grads.update((id(a), a.grad is None) for a in arguments if isinstance(a, Tensor))
        result, second = self._record(args, kwargs, arguments)
        if second is None:
            return result
        try:
            program = build_program(first, second, entry_grads, self._names(args, kwargs),
                                    self._signature(args, kwargs))
        except NotCapturable as error:
            self._give_up(str(error))
            return result
        with self._lock:
            entry.program, entry.first = program, None
        return result

    def _replay(self, program, arguments):
        results = program.run(arguments)
        self.replays += 1
        if isinstance(results, tuple):
            return tuple(Tensor._wrap(r, False, None) for r in results)
        return None if results is None else Tensor._wrap(results, False, None)

    # -- what it shows -------------------------------------------------------------------------

    @property
    def programs(self):
        """The captured Programs, oldest first (print one to read it)."""
        with self._lock:
            return [entry.program for entry in self._entries if entry.program is not None]

    @property
    def program(self):
        """The newest captured step as straight-line code (None before one is captured)."""
        programs = self.programs
        return str(programs[-1]) if programs else None

    def __str__(self):
        return self.program or f"<{self.name}: not captured yet>"

    def __repr__(self):
        state = (f"eager ({self.eager_reason})" if self.eager_reason
                 else f"{len(self.programs)} captured, {self.replays} replays")
        return f"<compiled step {self.name}: {state}>"

    def _names(self, args, kwargs):
        try:
            parameters = list(inspect.signature(self.step).parameters.values())
        except (TypeError, ValueError):
            parameters = []
        positional = [p.name for p in parameters
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        names = [positional[k] if k < len(positional) else f"args[{k}]" for k in range(len(args))]
        return names + sorted(kwargs)

    def _signature(self, args, kwargs):
        return f"{self.name}({', '.join(self._names(args, kwargs))})"

    # -- falling back -----------------------------------------------------------------------

    def _give_up(self, reason):
        self.eager_reason = reason
        with self._lock:
            self._entries = []
        warnings.warn(f"autograd.compile({self.name}): running eagerly from now on: {reason}",
                      CaptureWarning, stacklevel=4)

    def _warn_watching(self):
        if not self._warned_watching:
            self._warned_watching = True
            warnings.warn(f"autograd.compile({self.name}): running eagerly while a tool watches "
                          f"the ops (count_ops, forward_ad, trace_backward, detect_anomaly)",
                          CaptureWarning, stacklevel=3)


def _kind(value):
    """What a call's key holds of one argument."""
    if type(value) is np.ndarray:  # (the common case first: `__array_interface__` makes a dict)
        return ("array", value.shape, value.dtype)
    if isinstance(value, Tensor):
        return ("tensor", value.shape, value.dtype, value.requires_grad)
    shape, dtype = getattr(value, "shape", None), getattr(value, "dtype", None)
    if shape is not None and dtype is not None and hasattr(value, "__array_interface__"):
        return ("array", shape, dtype)
    return ("value", type(value), value)
