"""Hypothesis strategies shared by the test files: shapes, bounded float arrays, axes, indices.

Numbers, shapes and arrays come from `autograd.testing` (users' property tests use the same);
what is here adds the test suite's own spellings and its axes, indices and layer sizes.

Gradient checks use float64 arrays with small sides (at most 3 per axis, at most 3 axes
unless a test asks for more): every element costs two forward passes in gradcheck.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
from autograd.testing import broadcastable_shapes, interval, magnitudes
from autograd.testing import arrays as testing_arrays
from autograd.testing import shapes as testing_shapes
from autograd.testing.domains import away_from
from autograd.testing.strategies import MAX_SIDE

# -- nn.reference: layer sizes, mini-batch sizes, seeds --------------------------------------
layer_sizes = st.lists(st.integers(min_value=1, max_value=6), min_size=2, max_size=4)
batch_sizes = st.integers(min_value=1, max_value=5)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


# -- numbers, shapes and arrays: autograd.testing's (the same strategies users get) -----------
def floats(lo=-3.0, hi=3.0):
    """Finite float64 numbers in [lo, hi]."""
    return interval(lo, hi)


def floats_away_from(points, lo=-3.0, hi=3.0, margin=1e-2):
    """Numbers in [lo, hi] at least `margin` from each of `points` (kinks, clip bounds)."""
    return away_from(*points, lo=lo, hi=hi, margin=margin)


def nonzero_floats(lo=0.5, hi=3.0):
    """Numbers with lo <= |v| <= hi, of either sign (divisors)."""
    return magnitudes(lo, hi)


def shapes(min_dims=0, max_dims=3, max_side=MAX_SIDE):
    """Array shapes, 0-d scalars and size-1 axes included."""
    return testing_shapes(min_dims=min_dims, max_dims=max_dims, max_side=max_side)


def arrays(shape, elements=None):
    """float64 arrays of `shape` (a tuple or a strategy) with the given element strategy."""
    return testing_arrays(shape, elements)


@st.composite
def distinct_arrays(draw, shape):
    """float64 arrays of `shape` (a tuple or a strategy) whose elements differ pairwise by at
    least 1/8, in a random order (max/min without ties)."""
    if isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    size = int(np.prod(shape))
    order = np.array(draw(st.permutations(range(size))), dtype=np.float64)
    return ((order - size / 2) / 8 + draw(floats(-1.0, 1.0))).reshape(shape)


@st.composite
def broadcastable_arrays(draw, *element_strategies, max_dims=3):
    """One float64 array per element strategy, of mutually broadcastable shapes."""
    shapes_ = draw(broadcastable_shapes(len(element_strategies), max_dims=max_dims))
    return tuple(draw(arrays(shape, elements))
                 for shape, elements in zip(shapes_, element_strategies))


def leaf(array):
    """A float64 leaf Tensor over `array` (float64 data stays float64) that requires grad."""
    return ag.Tensor(array, requires_grad=True)


# -- axes and indices ------------------------------------------------------------------------
@st.composite
def reduction_axes(draw, ndim):
    """`axis` for a reduction over `ndim` axes: None, an int or a tuple, negatives included."""
    if ndim == 0:
        return draw(st.sampled_from([None, ()]))
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none":
        return None
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    chosen = draw(st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim))
    return tuple(a - ndim if draw(st.booleans()) else a for a in chosen)


def single_axis(ndim, extra=0):
    """One axis of an `ndim`-axis array (negatives included); extra=1 for a new axis (stack)."""
    n = ndim + extra
    return st.integers(-n, n - 1)


@st.composite
def permutations_of_axes(draw, ndim):
    """A random order of the `ndim` axes, some written as negative numbers."""
    order = draw(st.permutations(range(ndim)))
    return tuple(a - ndim if draw(st.booleans()) else a for a in order)


@st.composite
def reshape_targets(draw, size):
    """A shape with `size` elements (sometimes with one -1), built from divisors of size."""
    dims, remaining = [], size
    for _ in range(draw(st.integers(0, 3))):
        divisor = draw(st.sampled_from([d for d in range(1, remaining + 1) if remaining % d == 0]))
        dims.append(divisor)
        remaining //= divisor
    dims.append(remaining)
    if len(dims) > 1 and draw(st.booleans()):
        dims[draw(st.integers(0, len(dims) - 1))] = -1
    if size == 1 and draw(st.booleans()):
        return ()
    return tuple(dims)


# -- the math family: where each op is smooth ------------------------------------------------
# op name -> numbers at least 0.01 inside its domain, away from its singularities (asin, acos
# and atanh at +-1, acosh at 1, the logs and rsqrt at 0, log1p at -1, tan at +-pi/2, 1/x at 0)
MATH_DOMAINS = {
    "sin": floats(), "cos": floats(), "tan": floats(-1.4, 1.4),
    "deg2rad": floats(-360.0, 360.0), "rad2deg": floats(),
    "asin": floats(-0.99, 0.99), "acos": floats(-0.99, 0.99), "atan": floats(),
    "sinh": floats(), "cosh": floats(), "asinh": floats(), "acosh": floats(1.01, 5.0),
    "atanh": floats(-0.99, 0.99), "exp2": floats(), "expm1": floats(),
    "log2": floats(0.1, 5.0), "log10": floats(0.1, 5.0), "log1p": floats(-0.9, 5.0),
    "rsqrt": floats(0.1, 5.0), "square": floats(), "reciprocal": nonzero_floats(),
}


# -- edge values and empty shapes (the shape family's checks against torch) -------------------
EDGE_FLOATS = (0.0, -0.0, 1.0, -2.5, 1e-300, np.inf, -np.inf, np.nan)
edge_floats = st.sampled_from(EDGE_FLOATS)


def shapes_with_empty(min_dims=0, max_dims=3):
    """Shapes whose sides may be 0 (an empty tensor) as well as 1 to MAX_SIDE."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=0, max_side=MAX_SIDE)


@st.composite
def subset_of_axes(draw, ndim, min_size=0):
    """Distinct axes of an `ndim`-axis array in a random order, some written as negatives."""
    chosen = draw(st.lists(st.integers(0, ndim - 1), unique=True, min_size=min_size,
                           max_size=ndim)) if ndim else []
    return tuple(a - ndim if draw(st.booleans()) else a for a in chosen)


# -- the indexing family: index arrays and the shapes they fit ---------------------------------
def index_arrays(shape, size):
    """int64 arrays of `shape` (a tuple or a strategy) with values in 0..size-1 (repeats
    included)."""
    return hnp.arrays(np.int64, shape, elements=st.integers(0, max(size - 1, 0)))


@st.composite
def shapes_within(draw, shape, free_axis=None, max_side=MAX_SIDE):
    """A shape with as many axes as `shape`, each side 1..shape's (1..max_side along
    `free_axis`): an index shape for gather and scatter."""
    return tuple(draw(st.integers(1, max_side if a == free_axis else max(n, 1)))
                 for a, n in enumerate(shape))


# -- rounding and remainders (the binary math family) ----------------------------------------
def _distance_to_whole(value, halves):
    """How far `value` is from the nearest whole number (or half, when `halves`)."""
    step = 0.5 if halves else 1.0
    return abs(value / step - round(value / step)) * step


def values_away_from_whole(halves=False, scale=1.0, margin=0.02):
    """Numbers v in [-3, 3] / scale with v * scale at least `margin` from every whole number
    (and from every half, when `halves`): where rounding v to 1/scale is flat."""
    return floats(-3.0 / scale, 3.0 / scale).filter(
        lambda v: _distance_to_whole(v * scale, halves) > margin)


def quotients_away_from_whole(margin=0.05):
    """Quotients a / b in [-3, 3] at least `margin` from every whole number: where the
    floor and trunc of a / b are flat."""
    return values_away_from_whole(margin=margin)
