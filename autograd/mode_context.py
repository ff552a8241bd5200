"""`ModeContext`: a context manager that is also a decorator, safe to nest and to share.

`no_grad()`, `enable_grad()` and `detect_anomaly()` are used both ways. A decorated function
enters a fresh copy of the context on every call, so recursion, nesting and two threads
calling the same function never overwrite each other's saved state; a decorated generator
runs each of its steps inside the context, not the caller's code between them (as PyTorch).
"""
import functools
import inspect


class ModeContext:
    """Subclasses define `__enter__`, `__exit__` and `fresh()` (a new, unentered copy)."""

    def fresh(self):
        raise NotImplementedError

    def __call__(self, function):
        if inspect.isgeneratorfunction(function):
            return self._decorate_generator(function)

        @functools.wraps(function)
        def decorated(*args, **kwargs):
            with self.fresh():
                return function(*args, **kwargs)
        return decorated

    def _decorate_generator(self, function):
        @functools.wraps(function)
        def decorated(*args, **kwargs):
            generator = function(*args, **kwargs)
            step, argument = generator.send, None
            while True:
                try:
                    with self.fresh():
                        value = step(argument)
                except StopIteration as stop:
                    return stop.value
                try:
                    step, argument = generator.send, (yield value)
                except GeneratorExit:
                    generator.close()
                    raise
                except BaseException as error:  # thrown in by the caller: pass it on inside
                    step, argument = generator.throw, error
        return decorated
