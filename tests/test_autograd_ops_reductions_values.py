"""prod, var, std, logsumexp, norm, amax/amin, max/min along a dim, cumsum, cumprod,
cummax/cummin: values, shapes and dtypes equal torch's (float64; float32 stays float32), and
first and second derivatives equal finite differences on drawn shapes (0-d and size-1 axes)
with values away from kinks."""
import math

import numpy as np
import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import autograd as ag
from strategies import arrays, distinct_arrays, leaf, nonzero_floats, reduction_axes, shapes


def _torch_dims(axis, ndim):
    """numpy's axis (None: every axis) as torch's dim argument."""
    return tuple(range(ndim)) if axis is None else axis


def _torch_full_or_dim(full, along):
    """torch's reduction that has no `dim=None`: the full one, reshaped for keepdim."""
    def reduce(t, axis, keepdims):
        if axis is None:
            result = full(t)
            return result.reshape((1,) * t.ndim) if keepdims else result
        return along(t, axis, keepdims)
    return reduce


# name: (ours(t, axis, keepdims), torch's, element strategy, one axis only)
MANY_AXES = {
    "var": (lambda t, a, k: t.var(axis=a, keepdims=k),
            lambda t, a, k: t.var(dim=a, keepdim=k), "any"),
    "std": (lambda t, a, k: t.std(a, keepdim=k), lambda t, a, k: t.std(dim=a, keepdim=k),
            "distinct"),
    "std0": (lambda t, a, k: t.std(a, correction=0, keepdims=k),
             lambda t, a, k: t.std(dim=a, correction=0, keepdim=k), "distinct"),
    "var_ddof0": (lambda t, a, k: t.var(axis=a, ddof=0, keepdims=k),
                  lambda t, a, k: t.var(dim=a, unbiased=False, keepdim=k), "any"),
    "logsumexp": (lambda t, a, k: t.logsumexp(axis=a, keepdims=k),
                  lambda t, a, k: t.logsumexp(_torch_dims(a, t.ndim), k), "any"),
    "amax": (lambda t, a, k: t.amax(a, k), lambda t, a, k: t.amax(_torch_dims(a, t.ndim), k),
             "distinct"),
    "amin": (lambda t, a, k: ag.amin(t, axis=a, keepdims=k),
             lambda t, a, k: t.amin(_torch_dims(a, t.ndim), k), "distinct"),
    "norm2": (lambda t, a, k: t.norm(dim=a, keepdim=k),
              lambda t, a, k: torch.linalg.vector_norm(t, 2, a, k), "nonzero"),
    "norm1": (lambda t, a, k: ag.norm(t, 1, a, k),
              lambda t, a, k: torch.linalg.vector_norm(t, 1, a, k), "nonzero"),
    "norm3": (lambda t, a, k: t.norm(3, axis=a, keepdims=k),
              lambda t, a, k: torch.linalg.vector_norm(t, 3, a, k), "nonzero"),
    "norm1.5": (lambda t, a, k: t.norm(1.5, a, k),
                lambda t, a, k: torch.linalg.vector_norm(t, 1.5, a, k), "nonzero"),
    "norm0.5": (lambda t, a, k: t.norm(0.5, a, k),
                lambda t, a, k: torch.linalg.vector_norm(t, 0.5, a, k), "nonzero"),
    "norm-1": (lambda t, a, k: t.norm(-1, a, k),
               lambda t, a, k: torch.linalg.vector_norm(t, -1, a, k), "nonzero"),
    "norm_inf": (lambda t, a, k: t.norm(math.inf, a, k),
                 lambda t, a, k: torch.linalg.vector_norm(t, math.inf, a, k),
                 "distinct_magnitudes"),
    "norm_-inf": (lambda t, a, k: t.norm(-math.inf, a, k),
                  lambda t, a, k: torch.linalg.vector_norm(t, -math.inf, a, k),
                  "distinct_magnitudes"),
}

ONE_AXIS = {
    "prod": (lambda t, a, k: t.prod(a, k),
             _torch_full_or_dim(torch.prod, lambda t, a, k: t.prod(a, keepdim=k)), "nonzero"),
    "max_dim": (lambda t, a, k: t.max(a, k).values, lambda t, a, k: t.max(a, k).values,
                "distinct"),
    "min_dim": (lambda t, a, k: ag.min(t, dim=a, keepdim=k).values,
                lambda t, a, k: t.min(a, k).values, "distinct"),
    "cumsum": (lambda t, a, k: t.cumsum(a), lambda t, a, k: t.cumsum(a), "any"),
    "cumprod": (lambda t, a, k: ag.cumprod(t, a), lambda t, a, k: t.cumprod(a), "nonzero"),
    "cummax": (lambda t, a, k: t.cummax(a).values, lambda t, a, k: t.cummax(a).values,
               "distinct"),
    "cummin": (lambda t, a, k: ag.cummin(t, axis=a).values, lambda t, a, k: t.cummin(a).values,
               "distinct"),
}
NEEDS_AN_AXIS = {"max_dim", "min_dim", "cumsum", "cumprod", "cummax", "cummin"}


def _elements(kind, shape):
    if kind == "distinct":
        return distinct_arrays(shape)
    if kind == "distinct_magnitudes":  # no ties of |x|, none near 0
        return st.tuples(distinct_arrays(shape), st.booleans()).map(
            lambda pair: (pair[0] - pair[0].min() + 0.5) * (-1 if pair[1] else 1))
    return arrays(shape, nonzero_floats() if kind == "nonzero" else None)


@st.composite
def cases(draw, name, many_axes):
    shape = draw(shapes())
    kind = (MANY_AXES if many_axes else ONE_AXIS)[name][2]
    x = draw(_elements(kind, shape))
    if many_axes:
        axis = draw(reduction_axes(len(shape)).filter(lambda a: a != ()))
    else:
        ndim = max(len(shape), 1)
        options = st.integers(-ndim, ndim - 1)
        axis = draw(options if name in NEEDS_AN_AXIS else st.none() | options)
    return x, axis, draw(st.booleans())


def check(ours, theirs, case, at_least=1):
    """Values, shape and dtype against torch; gradcheck and gradgradcheck. `at_least`: the
    fewest elements each result must reduce (var with correction 1 of one element is NaN)."""
    x, axis, keepdims = case
    axes = range(x.ndim) if axis is None or x.ndim == 0 else np.atleast_1d(axis)
    assume(math.prod(x.shape[a] for a in axes) >= at_least)
    out = ours(leaf(x), axis, keepdims)
    expected = theirs(torch.tensor(x), axis, keepdims).numpy()
    assert out.shape == expected.shape and out.dtype == np.float64
    np.testing.assert_allclose(out.data, expected, rtol=1e-10, atol=1e-12)
    assert ours(ag.Tensor(x.astype(np.float32)), axis, keepdims).dtype == np.float32
    reduce = lambda t: ours(t, axis, keepdims)  # noqa: E731
    assert ag.gradcheck(reduce, (leaf(x),))
    assert ag.gradgradcheck(reduce, (leaf(x),))


# One property test per group, each example drawing its op (the gradient checks are costly).
@settings(max_examples=150)
@given(name=st.sampled_from(sorted(MANY_AXES)), data=st.data())
def test_reductions_over_axes_match_torch_and_pass_gradchecks(name, data):
    ours, theirs, _ = MANY_AXES[name]
    check(ours, theirs, data.draw(cases(name, many_axes=True)),
          at_least=2 if name in ("var", "std", "std0") else 1)


@settings(max_examples=100)
@given(name=st.sampled_from(sorted(ONE_AXIS)), data=st.data())
def test_reductions_and_scans_along_one_axis_match_torch_and_pass_gradchecks(name, data):
    ours, theirs, _ = ONE_AXIS[name]
    check(ours, theirs, data.draw(cases(name, many_axes=False)))


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.bool_])
def test_sums_and_products_of_ints_and_bools_are_int64_as_torch(dtype):
    x = np.array([[1, 0, 1], [1, 1, 1]]).astype(dtype)
    t, reference = ag.Tensor(x), torch.tensor(x)
    for ours, theirs in [(t.prod(), reference.prod()), (t.prod(1), reference.prod(1)),
                         (t.cumsum(1), reference.cumsum(1)),
                         (t.cumprod(0), reference.cumprod(0))]:
        assert ours.dtype == np.int64 and theirs.dtype == torch.int64
        np.testing.assert_array_equal(ours.data, theirs.numpy())


def test_float_reductions_of_ints_give_float32():
    t = ag.Tensor(np.array([1, 2, 4], dtype=np.int64))
    for result in (t.var(), t.std(), t.logsumexp(0), t.norm()):
        assert result.dtype == np.float32
    np.testing.assert_allclose(t.logsumexp(0).data, torch.tensor([1., 2., 4.]).logsumexp(0))


@given(x=arrays(shapes(min_dims=1)), data=st.data())
def test_argmax_and_argmin_are_int64_and_equal_torch(x, data):
    dim = data.draw(st.none() | st.integers(-x.ndim, x.ndim - 1))
    keepdim = data.draw(st.booleans())
    for name in ("argmax", "argmin"):
        ours = getattr(ag, name)(ag.Tensor(x), dim, keepdim)
        theirs = getattr(torch.tensor(x), name)(dim, keepdim)
        assert ours.dtype == np.int64 and not ours.requires_grad
        np.testing.assert_array_equal(ours.data, theirs.numpy())


@given(x=arrays(shapes(), st.sampled_from([0.0, 1.0, -2.0, math.nan])), data=st.data())
def test_any_and_all_are_bool_and_equal_torch(x, data):
    axis = data.draw(reduction_axes(x.ndim))  # () reduces nothing here, as torch's
    keepdim = data.draw(st.booleans())
    for name in ("any", "all"):
        ours = getattr(ag.Tensor(x), name)(axis=axis, keepdims=keepdim)
        reference = torch.tensor(x)
        theirs = (getattr(reference, name)() if axis is None else
                  getattr(reference, name)(dim=axis, keepdim=keepdim))
        if axis is None and keepdim:
            theirs = theirs.reshape((1,) * x.ndim)
        assert ours.dtype == np.bool_
        np.testing.assert_array_equal(ours.data, theirs.numpy())
