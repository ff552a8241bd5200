"""Drawing random programs for the differential tests (`programs()`): leaf shapes and values
that reach the edges, and steps chosen so that most are valid; `programs.py` holds what a
program is and how it runs."""
import math

import numpy as np
from hypothesis import strategies as st

from program_draw import (EDGE_LEVELS, axes_options, broadcast, elements, exponents,
                          leaf_shapes, numbers, pairs, pick, reduced_shape, shape_of)
from program_families import FAMILY_DRAWS
from programs import ARITHMETIC, Program, Step

# Each draw_* below returns (op, args, params, output shape), the shape None for a step
# drawn invalid on purpose (it ends the program), or returns None when the values so far
# offer no valid step of its kind.

UNARY = ["exp", "log", "sqrt", "abs", "sigmoid", "tanh", "relu", "neg", "clip", "pow_number"]


def draw_unary(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(UNARY))
    params = {}
    if op == "clip":
        lo, hi = draw(numbers), draw(numbers)
        lo, hi = min(lo, hi), max(lo, hi)  # lo > hi is a deliberate difference: not drawn
        which = draw(st.sampled_from(["both", "lo", "hi"]))
        params = {"lo": None if which == "hi" else lo, "hi": None if which == "lo" else hi}
    if op == "pow_number":
        params = {"exponent": draw(exponents)}
    return op, (x,), params, shapes[x]


def draw_detach(draw, shapes):
    x = pick(draw, range(len(shapes)))
    return "detach", (x,), {}, shapes[x]


def draw_with_number(draw, shapes):
    x = pick(draw, range(len(shapes)))
    params = {"symbol": draw(st.sampled_from(list(ARITHMETIC))), "number": draw(numbers),
              "number_first": draw(st.booleans())}
    return "number", (x,), params, shapes[x]


def draw_binary(draw, shapes):
    op = draw(st.sampled_from(["add", "sub", "mul", "div", "pow"]))
    if draw(st.integers(0, 19)) == 19:  # any pair, broadcastable or not
        a, b = pick(draw, range(len(shapes))), pick(draw, range(len(shapes)))
    else:
        a, b = draw(st.sampled_from(pairs(shapes, lambda s, t: broadcast(s, t) is not None)))
    return op, (a, b), {}, broadcast(shapes[a], shapes[b])


def draw_where(draw, shapes):
    a, b = draw(st.sampled_from(pairs(shapes, lambda s, t: broadcast(s, t) is not None)))
    fitting = [c for c in range(len(shapes))
               if broadcast(shapes[c], shapes[a], shapes[b]) is not None]
    c = pick(draw, fitting)
    params = {"threshold": draw(st.sampled_from([0.0, 1.0, -1.0]))}
    return "where", (c, a, b), params, broadcast(shapes[c], shapes[a], shapes[b])


def draw_matmul(draw, shapes):
    def multiply(s, t):
        return shape_of(np.matmul, s, t)
    if draw(st.integers(0, 19)) == 19:  # any pair, aligned or not
        a, b = pick(draw, range(len(shapes))), pick(draw, range(len(shapes)))
    else:
        fitting = pairs(shapes, lambda s, t: multiply(s, t) is not None)
        if not fitting:
            return None
        a, b = draw(st.sampled_from(fitting))
    return "matmul", (a, b), {}, multiply(shapes[a], shapes[b])


def draw_reduction(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(["sum", "mean", "max", "min"]))
    axis = draw(axes_options(len(shapes[x])))
    keepdims = draw(st.booleans())
    return op, (x,), {"axis": axis, "keepdims": keepdims}, reduced_shape(shapes[x], axis, keepdims)


def draw_softmax(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(["softmax", "log_softmax"]))
    return op, (x,), {"axis": draw(axes_options(len(shapes[x]), allow_tuple=False))}, shapes[x]


def draw_reshape(draw, shapes):
    x = pick(draw, range(len(shapes)))
    size = math.prod(shapes[x])
    if size == 0:  # the same axes in another order, with axes of size 1 put in
        dims = list(draw(st.permutations(shapes[x])))
        for _ in range(draw(st.integers(0, 1))):
            dims.insert(draw(st.integers(0, len(dims))), 1)
    else:  # a product of divisors of the size, sometimes one written as -1
        dims, remaining = [], size
        for _ in range(draw(st.integers(0, 2))):
            divisor = draw(st.sampled_from([d for d in range(1, remaining + 1)
                                            if remaining % d == 0]))
            dims.append(divisor)
            remaining //= divisor
        dims.append(remaining)
        if size == 1 and draw(st.booleans()):
            dims = []
        elif len(dims) > 1 and draw(st.booleans()):
            dims[draw(st.integers(0, len(dims) - 1))] = -1
    shape = tuple(dims)
    return "reshape", (x,), {"shape": shape}, shape_of(lambda z: z.reshape(shape), shapes[x])


def draw_transpose(draw, shapes):
    x = pick(draw, range(len(shapes)))
    ndim = len(shapes[x])
    if ndim == 2 and draw(st.booleans()):
        return "T", (x,), {}, shapes[x][::-1]
    if draw(st.booleans()):
        return "permute", (x,), {"axes": None}, shapes[x][::-1]
    order = draw(st.permutations(range(ndim)))
    axes = tuple(a - ndim if draw(st.booleans()) else a for a in order)
    return "permute", (x,), {"axes": axes}, tuple(shapes[x][a] for a in order)


@st.composite
def index_parts(draw, shape):
    """A tuple index of ints and slices (positive steps) over the first axes; rarely an int
    out of range."""
    parts = []
    for n in shape[:draw(st.integers(1, len(shape)))]:
        if n > 0 and draw(st.booleans()):
            parts.append(draw(st.integers(-n, n - 1)))
        elif draw(st.integers(0, 29)) == 29:
            parts.append(n)  # one past the end: an IndexError in both engines
        else:
            bound = st.none() | st.integers(-4, 4)
            parts.append(slice(draw(bound), draw(bound), draw(st.sampled_from([None, 1, 2]))))
    return tuple(parts)


def draw_getitem(draw, shapes):
    candidates = [i for i, s in enumerate(shapes) if len(s) > 0]
    if not candidates:
        return None
    x = pick(draw, candidates)
    index = draw(index_parts(shapes[x]))
    return "getitem", (x,), {"index": index}, shape_of(lambda z: z[index], shapes[x])


def draw_join(draw, shapes):
    op = draw(st.sampled_from(["concatenate", "stack"]))
    with_axes = [i for i, s in enumerate(shapes) if s]
    if op == "concatenate" and with_axes and draw(st.integers(0, 19)) < 19:
        first = pick(draw, with_axes)
    elif op == "concatenate" and draw(st.integers(0, 19)) < 19:
        op, first = "stack", pick(draw, range(len(shapes)))
    else:  # stack, or rarely the concatenation of a 0-d tensor (an error in both engines)
        first = pick(draw, range(len(shapes)))
    shape = shapes[first]
    if op == "stack":
        axis = draw(st.integers(-len(shape) - 1, len(shape)))
        partners = [i for i, s in enumerate(shapes) if s == shape]
        join = lambda *zs: np.stack(zs, axis=axis)  # noqa: E731
    else:
        if not shape:  # an error in both engines
            axis = 0
            partners = [first]
        else:
            axis = draw(st.integers(-len(shape), len(shape) - 1))
            partners = [i for i, s in enumerate(shapes) if len(s) == len(shape) and all(
                m == n for k, (m, n) in enumerate(zip(s, shape)) if k != axis % len(shape))]
        join = lambda *zs: np.concatenate(zs, axis=axis)  # noqa: E731
    rest = draw(st.lists(st.sampled_from(partners), min_size=0, max_size=2))
    args = (first, *rest)
    return op, args, {"axis": axis}, shape_of(join, *[shapes[i] for i in args])


STEP_KINDS = [draw_unary, draw_with_number, draw_binary, draw_reduction, draw_detach,
              draw_where, draw_matmul, draw_softmax, draw_reshape, draw_transpose,
              draw_getitem, draw_join] + FAMILY_DRAWS


@st.composite
def programs(draw, min_ops=3, max_ops=25, max_leaves=3):
    """Random programs (see the module docstring), with their loss weights and HVP vector."""
    level = draw(st.sampled_from(list(EDGE_LEVELS)))
    shapes = draw(leaf_shapes(draw(st.integers(1, max_leaves))))
    leaves = [np.array(draw(st.lists(elements(level), min_size=math.prod(s),
                                     max_size=math.prod(s))), dtype=np.float64).reshape(s)
              for s in shapes]
    steps, no_grad = [], False
    for _ in range(draw(st.integers(min_ops, max_ops))):
        if draw(st.integers(0, 9)) == 9:  # enter or leave a no_grad() block
            no_grad = not no_grad
        drawn = draw(st.sampled_from(STEP_KINDS))(draw, shapes)
        if drawn is None:
            drawn = draw_unary(draw, shapes)
        op, args, params, shape = drawn
        steps.append(Step(op, args, params, no_grad))
        if shape is None:  # an invalid step ends the program
            break
        shapes.append(tuple(shape))
    # The loss weights and the HVP vector: multiples of 1/4 in [-2, 2] without 0, so that
    # products with them are exact and no value's gradient is switched off.
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))

    def constants(shape):
        return rng.choice([-1.0, 1.0], size=shape) * rng.integers(1, 9, size=shape) / 4
    return Program(leaves, steps, [constants(s) for s in shapes],
                   [constants(np.shape(a)) for a in leaves])
