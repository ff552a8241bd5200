"""Checks of the arguments that nn's constructors and functions take.

Each check returns the value in its plain form or raises a standard exception whose message
names the operation, the argument, what was expected and what was given: TypeError for a
value of the wrong kind (a float or a bool where an int belongs), ValueError for a value of
the right kind out of range.
"""
import numbers

import numpy as np

from autograd import Generator, Tensor
from autograd.dtypes import DEFAULT_DTYPE
from autograd.random import default_generator

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def described(value):
    """`value` as the message shows it: its type and repr (cut short)."""
    text = repr(value)
    return f"{type(value).__name__} {text[:57] + '...' if len(text) > 60 else text}"


def is_int(value):
    """True for Python and numpy integers; False for bools, floats (even 2.0) and the rest."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def positive_int(value, name, operation):
    """`value` as an int >= 1."""
    if not is_int(value):
        raise TypeError(f"{operation}: {name} must be a positive integer, got {described(value)}")
    if value < 1:
        raise ValueError(f"{operation}: {name} must be a positive integer, got {value!r}")
    return int(value)


def flag(value, name, operation):
    """`value` as a bool; only True and False (Python's or numpy's) are accepted."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{operation}: {name} must be True or False, got {described(value)}")
    return bool(value)


def real_number(value, name, operation, low, high=np.inf, low_inclusive=True):
    """`value`, a real number (not a bool) in [low, high), or (low, high) when not
    `low_inclusive`."""
    interval = f"{'[' if low_inclusive else '('}{low}, {high})"
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{operation}: {name} must be a number in {interval}, got {described(value)}"
        )
    if not ((value >= low if low_inclusive else value > low) and value < high):
        raise ValueError(f"{operation}: {name} must be a number in {interval}, got {value!r}")
    return value


def one_of(value, choices, name, operation):
    """`value`, which must be one of the strings (or None) in the tuple `choices`."""
    if not any(value is choice or (isinstance(value, str) and value == choice)
               for choice in choices):
        raise ValueError(f"{operation}: {name} must be one of {choices}, got {value!r}")
    return value


def generator(rng, seed, operation):
    """The numpy Generator to draw from: `rng` itself, or a new one seeded with `seed`
    (an int >= 0, or None for fresh entropy)."""
    if rng is not None and seed is not None:
        raise ValueError(f"{operation}: give seed or rng, not both")
    if rng is not None:
        if not isinstance(rng, np.random.Generator):
            raise TypeError(
                f"{operation}: rng must be a numpy.random.Generator, got {type(rng).__name__}"
            )
        return rng
    if seed is not None:
        if not is_int(seed):
            raise TypeError(
                f"{operation}: seed must be a non-negative integer or None, got {described(seed)}"
            )
        if seed < 0:
            raise ValueError(
                f"{operation}: seed must be a non-negative integer or None, got {seed!r}"
            )
    return np.random.default_rng(seed)


def numpy_generator(generator, operation):
    """The numpy Generator behind PyTorch's `generator=` argument: that of an
    autograd.Generator, a numpy Generator itself, or autograd's default generator for None
    (seeded by autograd.manual_seed)."""
    if generator is None:
        return default_generator.numpy
    if isinstance(generator, Generator):
        return generator.numpy
    if isinstance(generator, np.random.Generator):
        return generator
    raise TypeError(f"{operation}: generator must be an autograd.Generator, a "
                    f"numpy.random.Generator or None, got {described(generator)}")


def float_dtype(dtype, operation):
    """`dtype` as a numpy dtype, float32 or float64; None means the default, float32."""
    if dtype is None:
        return DEFAULT_DTYPE
    try:
        wanted = np.dtype(dtype)
    except (TypeError, ValueError):
        raise TypeError(
            f"{operation}: dtype must be float32 or float64, got {described(dtype)}"
        ) from None
    if wanted not in FLOAT_DTYPES:
        raise TypeError(f"{operation}: dtype must be float32 or float64, got {wanted}")
    return wanted


def tensor_list(values, operation, what="parameters"):
    """`values` (a Tensor, or an iterable of Tensors such as model.parameters()) as a list of
    Tensors; a TypeError names what else was given."""
    if isinstance(values, Tensor):
        return [values]
    try:
        values = list(values)
    except TypeError:
        raise TypeError(f"{operation}: {what} must be a Tensor or an iterable of Tensors "
                        f"(e.g. model.parameters()), got {described(values)}") from None
    for index, value in enumerate(values):
        if not isinstance(value, Tensor):
            raise TypeError(f"{operation}: parameter {index} must be a Tensor, got "
                            f"{described(value)}")
    return values
