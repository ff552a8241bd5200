"""Forward mode of the reductions (sum, mean, amax/amin, max/min, prod, var, std, logsumexp,
norm, cumsum, cumprod, max/min along a dim, cummax/cummin): the jvp rules' Jacobian equals
finite differences and <v, J u> by forward mode equals <J^T v, u> by reverse mode on drawn
shapes and axes; the tangents equal torch's forward AD at edge values (0, -0, ties, +-inf,
empty axes), except where torch's forward formula departs from the derivative both engines'
backward use; argmax/argmin, any/all give no tangent."""
import math

import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
from hypothesis import assume, given
from hypothesis import strategies as st

import autograd as ag
from autograd import forward_ad
from autograd.testing import assert_gradients_match, assert_jvp_matches_vjp
from strategies import arrays, distinct_arrays, floats_away_from, leaf, reduction_axes, shapes
from test_autograd_ops_reductions_edges import EDGES, OPS
from test_autograd_ops_reductions_values import MANY_AXES, ONE_AXIS, cases

nan, inf = math.nan, math.inf

# The ops the tables of the value tests leave out: name -> (ours(t, axis, keepdims), elements)
MORE = {
    "sum": (lambda t, a, k: t.sum(axis=a, keepdims=k), "any"),
    "mean": (lambda t, a, k: t.mean(axis=a, keepdims=k), "any"),
    "norm0": (lambda t, a, k: t.norm(0, a, k), "nonzero"),  # a step at 0: FD needs |x| > eps
    "prod_with_zeros": (lambda t, a, k: t.prod(axis=a, keepdims=k), "zeros"),
    "max()": (lambda t, a, k: t.max(), "distinct"),
    "min()": (lambda t, a, k: ag.min(t), "distinct"),
}
# zeros are where prod and cumprod have their special cases (both are polynomials there);
# no subnormal numbers: cumprod's tangent divides by x, as torch's (1 / 5e-324 is inf)
WITH_ZEROS = st.sampled_from([0.0, -0.0]) | st.floats(-3.0, 3.0, allow_nan=False,
                                                      allow_subnormal=False)


@st.composite
def more_cases(draw, name):
    shape = draw(shapes())
    kind = MORE[name][1]
    elements = {"zeros": WITH_ZEROS, "nonzero": floats_away_from([0.0])}.get(kind)
    x = draw(distinct_arrays(shape) if kind == "distinct" else arrays(shape, elements))
    return x, draw(reduction_axes(len(shape))), draw(st.booleans())


def check_both_modes(reduce, x):
    """The forward-mode Jacobian against finite differences and against reverse mode."""
    assert_gradients_match(reduce, leaf(x), mode="forward")
    assert_jvp_matches_vjp(reduce, leaf(x))


def reduced_count(x, axis):
    axes = range(x.ndim) if axis is None or x.ndim == 0 else np.atleast_1d(axis)
    return math.prod(x.shape[a] for a in axes)


@given(name=st.sampled_from(sorted(MANY_AXES) + sorted(MORE)), data=st.data())
def test_reductions_over_axes_have_jvps_equal_to_finite_differences_and_to_reverse_mode(
        name, data):
    if name in MORE:
        ours = MORE[name][0]
        x, axis, keepdims = data.draw(more_cases(name))
    else:
        ours = MANY_AXES[name][0]
        x, axis, keepdims = data.draw(cases(name, many_axes=True))
        if name in ("var", "std", "std0"):  # var of one element with correction 1 is NaN
            assume(reduced_count(x, axis) >= 2)
    check_both_modes(lambda t: ours(t, axis, keepdims), x)


@given(name=st.sampled_from(sorted(ONE_AXIS) + ["cumprod_with_zeros"]), data=st.data())
def test_scans_and_picks_along_one_axis_have_jvps_equal_to_finite_differences_and_reverse(
        name, data):
    if name == "cumprod_with_zeros":
        x = data.draw(arrays(shapes(), WITH_ZEROS))
        axis = data.draw(st.integers(-max(x.ndim, 1), max(x.ndim, 1) - 1))
        check_both_modes(lambda t: t.cumprod(axis), x)
        return
    ours = ONE_AXIS[name][0]
    x, axis, keepdims = data.draw(cases(name, many_axes=False))
    check_both_modes(lambda t: ours(t, axis, keepdims), x)


# -- against torch's forward AD at edge values -----------------------------------------------

EXTRA_OPS = {
    "sum(0)": (lambda t: t.sum(0), lambda t: t.sum(0)),
    "mean(0)": (lambda t: t.mean(0), lambda t: t.mean(0)),
    "amin(0)": (lambda t: t.amin(0), lambda t: t.amin(0)),
    "norm(0)": (lambda t: t.norm(0), lambda t: torch.linalg.vector_norm(t, 0)),
    "norm(1.5)": (lambda t: t.norm(1.5), lambda t: torch.linalg.vector_norm(t, 1.5)),
    "norm(-1)": (lambda t: t.norm(-1), lambda t: torch.linalg.vector_norm(t, -1)),
}
ALL_OPS = {**OPS, **EXTRA_OPS}

# Where torch's forward formula is not the derivative its (and our) backward uses; ours is:
# one element of cumprod passes its tangent on (torch: dx / x * y, NaN at +-inf and NaN);
# the mean and logsumexp of nothing have tangent 0 (torch: NaN), their gradient being empty;
# max() and min() of a tensor holding NaN share the tangent among the NaNs (torch: NaN);
# norm(0.5) with an infinite element: its derivative 0 * inf is NaN (torch sums first: inf).
DIFFERENT = [("cumprod(0)", -inf), ("cumprod(0)", nan), ("logsumexp(0)", []), ("mean(0)", []),
             ("max()", [nan, 1.0]), ("max()", [1.0, nan, 3.0, nan]), ("max()", nan),
             ("min()", [nan, 1.0]), ("min()", [1.0, nan, 3.0, nan]), ("min()", nan),
             ("norm(0.5)", [inf, 2.0]), ("norm(0.5)", [inf, 0.0, 3.0]),
             ("norm(0.5)", [[inf, 1.0], [2.0, -3.0]])]


def our_tangent(op, x, u):
    with np.errstate(all="ignore"), forward_ad.dual_level():
        out = op(forward_ad.make_dual(ag.Tensor(x), u))
        tangent = forward_ad.unpack_dual(out).tangent
    return np.zeros(out.shape) if tangent is None else tangent.data


def torch_tangent(op, x, u):
    with torch_forward_ad.dual_level():
        out = op(torch_forward_ad.make_dual(torch.tensor(x), torch.tensor(u)))
        tangent = torch_forward_ad.unpack_dual(out).tangent
    return np.zeros(tuple(out.shape)) if tangent is None else tangent.numpy()


def direction(x):
    return np.linspace(0.5, -1.25, x.size).reshape(x.shape)


@pytest.mark.filterwarnings("ignore:.*degrees of freedom")
@pytest.mark.parametrize("values", EDGES, ids=str)
@pytest.mark.parametrize("name", sorted(ALL_OPS))
def test_tangents_at_edges_equal_torchs_forward_ad(name, values):
    ours_op, torch_op = ALL_OPS[name]
    x = np.array(values, dtype=np.float64)
    u = direction(x)
    try:
        theirs = torch_tangent(torch_op, x, u)
    except (RuntimeError, IndexError):  # torch refuses (the max of nothing): ours raises as well
        with pytest.raises((ValueError, RuntimeError, IndexError)), np.errstate(all="ignore"):
            ours_op(ag.Tensor(x))
        return
    ours = our_tangent(ours_op, x, u)
    assert ours.shape == theirs.shape
    if (name, str(values)) in {(n, str(v)) for n, v in DIFFERENT}:
        assert not np.allclose(ours, theirs, equal_nan=True)
        return
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("name, values", DIFFERENT, ids=str)
def test_where_torchs_forward_ad_differs_our_tangent_is_the_gradient_times_the_direction(
        name, values):
    op = ALL_OPS[name][0]
    x = np.array(values, dtype=np.float64)
    u = direction(x)
    t = ag.Tensor(x, requires_grad=True)
    with np.errstate(all="ignore"):
        op(t).backward()  # every case has one output
        expected = np.vdot(t.grad, u)
    np.testing.assert_array_equal(our_tangent(op, x, u), expected)


def test_indices_and_predicates_carry_no_tangent_and_values_follow_the_index():
    x = np.array([[1.0, 5.0, 5.0], [2.0, 0.0, 2.0]])
    u = np.arange(6.0).reshape(2, 3)
    with forward_ad.dual_level():
        dual = forward_ad.make_dual(ag.Tensor(x), u)
        for result in (dual.argmax(), dual.argmin(1), dual.any(), dual.all(0),
                       dual.max(1).indices, dual.cummax(1).indices):
            assert forward_ad.unpack_dual(result).tangent is None
        values = forward_ad.unpack_dual(dual.max(1).values).tangent.data
    np.testing.assert_array_equal(values, [1.0, 3.0])  # ties are not split: the index decides
