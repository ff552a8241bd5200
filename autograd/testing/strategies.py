"""Hypothesis strategies that draw Tensors and shapes for property tests of gradients.

Sides are small (at most 3 by default): a gradient check costs two forward passes per input
element. 0-d tensors and size-1 axes come up often, since that is where broadcasting and
reductions go wrong.
"""
import inspect

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ..function import Function
from ..tensor import Tensor
from . import domains

MAX_SIDE = 3


def shapes(min_dims=0, max_dims=3, min_side=1, max_side=MAX_SIDE):
    """Array shapes: 0-d included when min_dims=0, size-1 axes included (min_side=0 also draws
    empty axes)."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side)


def broadcastable_shapes(n, min_dims=0, max_dims=3, min_side=1, max_side=MAX_SIDE):
    """Tuples of `n` shapes that broadcast together (some axes 1, some leading axes missing)."""
    return hnp.mutually_broadcastable_shapes(
        num_shapes=n, min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side,
    ).map(lambda drawn: drawn.input_shapes)


def matmul_shapes(max_dims=3, max_side=MAX_SIDE):
    """Pairs of shapes that `a @ b` accepts: vectors, matrices, and stacks that broadcast."""
    return hnp.mutually_broadcastable_shapes(
        signature=np.matmul.signature, max_dims=max_dims - 2 if max_dims > 2 else 0,
        max_side=max_side,
    ).map(lambda drawn: drawn.input_shapes)


def arrays(shape=None, elements=None):
    """float64 numpy arrays of `shape` (a tuple or a strategy; default `shapes()`) with elements
    from `elements` (default `domains.real`)."""
    return hnp.arrays(np.float64, shapes() if shape is None else shape,
                      elements=domains.real if elements is None else elements)


@st.composite
def tensors(draw, shape=None, dtype=np.float64, elements=None, requires_grad=True):
    """Tensors of `shape` (a tuple or a strategy; default `shapes()`) with elements from
    `elements` (default `domains.real`), float64 unless asked otherwise."""
    values = draw(arrays(shape, elements))
    return Tensor(values.astype(dtype), requires_grad=requires_grad)


def input_count(op):
    """How many tensor inputs `op` takes: the positional parameters without defaults of a
    Function's forward (after ctx) or of a plain function."""
    function = op.forward if isinstance(op, type) and issubclass(op, Function) else op
    parameters = list(inspect.signature(function).parameters.values())
    if function is not op:
        parameters = parameters[1:]  # ctx
    if any(p.kind is p.VAR_POSITIONAL for p in parameters):
        raise TypeError(
            f"op_inputs: {getattr(op, '__name__', op)!r} takes any number of inputs; "
            f"say how many with count="
        )
    return sum(1 for p in parameters
               if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty)


@st.composite
def op_inputs(draw, op, domain=domains.real, count=None, max_dims=3, max_side=MAX_SIDE):
    """A tuple of float64 leaf Tensors for `op` (a Function subclass or a function of
    Tensors), one per input, of mutually broadcastable shapes. `domain` is an element strategy
    (see `domains`) or a list of them, one per input."""
    count = input_count(op) if count is None else count
    per_input = list(domain) if isinstance(domain, (list, tuple)) else [domain] * count
    if len(per_input) != count:
        raise ValueError(f"op_inputs: {count} inputs but {len(per_input)} domains")
    drawn = draw(broadcastable_shapes(count, max_dims=max_dims, max_side=max_side))
    return tuple(draw(tensors(shape, elements=elements))
                 for shape, elements in zip(drawn, per_input))
