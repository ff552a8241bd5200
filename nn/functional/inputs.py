"""What every nn.functional function does with its input first: make it a Tensor, and run
the computation in place when asked.

`inplace=True` has PyTorch's meaning: the input Tensor's data is overwritten with the result
and the same Tensor is returned (`Tensor.replace_in_place`). It saves no memory here (the
engine keeps a copy of the old values when it records), and, as in PyTorch, it is refused on
a leaf that requires grad, and a node that saved the old values refuses backward afterwards.
"""
import autograd
from autograd import Tensor

from ..arguments import described


def as_tensor(input, name):
    """`input` as a Tensor (a Tensor itself; numbers, lists and arrays become one)."""
    if isinstance(input, Tensor):
        return input
    try:
        return autograd.tensor(input)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name}: input must be a Tensor or array-like, got "
                        f"{described(input)}") from error


def elementwise(function, input, inplace, name):
    """function(input) as a new Tensor, or written into `input` when `inplace`."""
    if not inplace:
        return function(as_tensor(input, name))
    if not isinstance(input, Tensor):
        raise TypeError(f"{name}: inplace=True overwrites the input, which must be a Tensor; "
                        f"got {described(input)}")
    return input.replace_in_place(function, f"{name}(inplace=True)")
