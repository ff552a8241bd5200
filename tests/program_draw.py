"""What the step drawers share: leaf shapes and values that reach the edges, numbers, and
small helpers over shapes (`program_strategies.py` and the op families' `program_ops_*.py`)."""
import math

import numpy as np
from hypothesis import strategies as st

MAX_DIMS = 3
MAX_SIDE = 3

# -- drawing programs ---------------------------------------------------------------------------

# Besides the extremes: +-40 (where a sigmoid written as 1/2 + tanh/2 loses all digits) and
# +-700 (exp near overflow and underflow, still normal numbers; below -708 torch's sigmoid
# flushes to 0 where ours keeps the subnormal e^x, a difference the programs should not court).
EDGE_VALUES = (0.0, -0.0, 1.0, -1.0, 1e4, -1e4, 1e-300, -1e-300, math.inf, -math.inf,
               40.0, -40.0, 700.0, -700.0)

# Per program: how many elements are edge values, and how many NaN (in percent). Programs
# with ordinary numbers only keep most results finite, so the comparison has teeth there too.
EDGE_LEVELS = {"ordinary": (0, 0), "some edges": (10, 0), "many edges": (30, 4)}

# Ordinary numbers are 0 or of magnitude 1e-300 to 3: near the smallest normal float64
# (2.2e-308) a second derivative such as x ** x's (which has a 1/x) overflows in several terms,
# and whether those meet as an infinity or NaN depends on each engine's order of operations.
ordinary_numbers = st.one_of(
    st.integers(-3, 3).map(float),  # round numbers: exact arithmetic, ties for max/min
    st.tuples(st.floats(1e-300, 3.0), st.booleans()).map(
        lambda magnitude_and_sign: -magnitude_and_sign[0] if magnitude_and_sign[1]
        else magnitude_and_sign[0]),
)
# Python numbers next to a tensor, and exponents of `x ** number` (ints and floats).
numbers = st.one_of(st.sampled_from([2.0, -1.0, 0.5, 0.0, 1e4, 1e-300, -2.5]), ordinary_numbers)
exponents = st.sampled_from([2, 3, 0, 1, -1, -2, 0.5, -0.5, 1.5, 2.0, 0.0, -1.0, 3.5])


@st.composite
def elements(draw, level):
    """One float64 number: ordinary, or at the given rate an edge value or NaN. Shrinks
    toward ordinary numbers."""
    edge_percent, nan_percent = EDGE_LEVELS[level]
    roll = draw(st.integers(0, 99))
    if roll >= 100 - nan_percent:
        return math.nan
    if roll >= 100 - nan_percent - edge_percent:
        return draw(st.sampled_from(EDGE_VALUES))
    return draw(ordinary_numbers)


# A side of a shape: mostly 1 to 3, sometimes 0 (an empty tensor makes the rest of the
# program empty too, so it should not come often). Shrinks toward 1.
sides = st.integers(0, 9).map(lambda i: 0 if i == 9 else i % MAX_SIDE + 1)


@st.composite
def leaf_shapes(draw, count):
    """`count` shapes: either mutually broadcastable, or each drawn on its own."""
    if draw(st.booleans()):
        base = draw(st.lists(sides, max_size=MAX_DIMS))
        shapes = []
        for _ in range(count):  # drop leading axes, and set some axes to 1
            kept = base[draw(st.integers(0, len(base))):]
            shapes.append(tuple(1 if draw(st.integers(0, 3)) == 0 else n for n in kept))
        return shapes
    return [tuple(draw(st.lists(sides, max_size=MAX_DIMS))) for _ in range(count)]


def pick(draw, candidates):
    """One of the candidate value indices; shrinks toward the most recent."""
    return draw(st.sampled_from(sorted(candidates, reverse=True)))


def broadcast(*shapes):
    """The broadcast shape, or None when the shapes do not broadcast."""
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        return None


def shape_of(function, *shapes):
    """The shape numpy gives for `function` of zero arrays of these shapes; None if it raises."""
    try:
        return np.shape(function(*[np.zeros(s) for s in shapes]))
    except (ValueError, IndexError):
        return None


def pairs(shapes, fits):
    return [(i, j) for i in range(len(shapes)) for j in range(len(shapes))
            if fits(shapes[i], shapes[j])]


@st.composite
def axes_options(draw, ndim, allow_tuple=True):
    """`axis` for a reduction or softmax: None, an int or a tuple, negatives included. A 0-d
    tensor takes axis 0 and -1, as in torch."""
    if ndim == 0:
        return draw(st.sampled_from([None, 0, -1] if allow_tuple else [0, -1]))
    kinds = ["none", "int", "tuple"] if allow_tuple else ["int"]
    kind = draw(st.sampled_from(kinds))
    if kind == "none":
        return None
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    chosen = draw(st.lists(st.integers(0, ndim - 1), unique=True, min_size=1, max_size=ndim))
    return tuple(a - ndim if draw(st.booleans()) else a for a in chosen)


def reduced_shape(shape, axis, keepdims):
    if not shape:
        return ()
    axes = range(len(shape)) if axis is None else [
        a % len(shape) for a in ((axis,) if isinstance(axis, int) else axis)]
    return tuple(1 if i in axes else n for i, n in enumerate(shape) if keepdims or i not in axes)
