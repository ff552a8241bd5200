"""sum, mean, amax, amin over axis None / int / tuple / negative, with and without keepdims:
values and shapes equal numpy's, first and second derivatives equal finite differences."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from strategies import arrays, distinct_arrays, leaf, reduction_axes, shapes

NUMPY = {"sum": np.sum, "mean": np.mean, "amax": np.max, "amin": np.min}


@st.composite
def reduction_cases(draw, distinct):
    """(x, axis, keepdims); distinct=True gives no ties, so max/min are differentiable."""
    shape = draw(shapes(max_dims=4))
    x = draw(distinct_arrays(shape) if distinct else arrays(shape))
    return x, draw(reduction_axes(len(shape))), draw(st.booleans())


def check_reduction(name, case):
    x, axis, keepdims = case
    reduce = lambda t: getattr(t, name)(axis=axis, keepdims=keepdims)  # noqa: E731
    out = reduce(leaf(x))
    numpy_axis = None if axis == () else axis  # PyTorch's meaning: () reduces every axis
    expected = NUMPY[name](x, axis=numpy_axis, keepdims=keepdims)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-12, atol=1e-12)
    assert ag.gradcheck(reduce, (leaf(x),))
    assert ag.gradgradcheck(reduce, (leaf(x),))


@pytest.mark.parametrize("name", ["sum", "mean"])
@given(case=reduction_cases(distinct=False))
def test_sum_and_mean_match_numpy_and_pass_gradcheck_and_gradgradcheck(name, case):
    check_reduction(name, case)


@pytest.mark.parametrize("name", ["amax", "amin"])
@given(case=reduction_cases(distinct=True))
def test_amax_and_amin_of_distinct_values_match_numpy_and_pass_gradchecks(name, case):
    check_reduction(name, case)


@pytest.mark.parametrize("name", ["max", "min"])
@given(x=distinct_arrays(shapes(min_dims=1)))
def test_max_and_min_send_the_whole_gradient_to_the_extreme_element(name, x):
    t = leaf(x)
    getattr(t, name)().backward()
    expected = np.zeros_like(x)
    expected[np.unravel_index(np.argmax(x) if name == "max" else np.argmin(x), x.shape)] = 1.0
    np.testing.assert_array_equal(t.grad, expected)


@pytest.mark.parametrize("name", ["max", "min"])
def test_amax_and_amin_share_the_gradient_evenly_between_ties(name):
    t = leaf(np.array([[1.0, 5.0, 5.0], [2.0, 2.0, 2.0]]) * (1 if name == "max" else -1))
    getattr(t, "a" + name)(axis=1).sum().backward()
    np.testing.assert_allclose(t.grad, [[0.0, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]])


@given(x=arrays(shapes(min_dims=1)), data=st.data())
def test_mean_gradient_is_one_over_the_count_of_reduced_elements(x, data):
    axis = data.draw(reduction_axes(x.ndim), label="axis")
    t = leaf(x)
    out = t.mean(axis=axis)
    out.sum().backward()
    count = x.size // max(out.size, 1)
    np.testing.assert_allclose(t.grad, np.full(x.shape, 1.0 / count), rtol=1e-15)


def test_an_empty_axis_tuple_reduces_every_axis_as_in_pytorch_not_none_as_in_numpy():
    x = np.arange(6.0).reshape(2, 3)
    assert leaf(x).sum(axis=()).item() == 15.0
    assert leaf(x).amax(axis=()).item() == 5.0


def test_a_0d_tensor_accepts_axis_0_and_minus_1_and_refuses_others():
    t = leaf(np.array(3.0))
    for axis in (0, -1):
        assert t.sum(axis=axis).item() == 3.0
        assert t.mean(axis=axis).item() == 3.0
        assert t.amax(axis=axis).item() == 3.0
        assert t.softmax(axis=axis).item() == 1.0
        assert t.log_softmax(axis=axis).item() == 0.0
    with pytest.raises(IndexError, match="axis 1 is out of range"):
        t.sum(axis=1)


def test_mean_over_an_empty_axis_is_nan_with_an_empty_gradient():
    t = leaf(np.zeros((0, 3)))
    out = t.mean(axis=0)
    assert np.isnan(out.data).all() and out.shape == (3,)
    out.sum().backward()
    assert t.grad.shape == (0, 3)


@pytest.mark.parametrize("axis, error", [(1.0, TypeError), ("a", TypeError), (True, TypeError),
                                         (5, IndexError), ((0, 0), ValueError)])
def test_a_bad_axis_is_refused_naming_it(axis, error):
    with pytest.raises(error, match="axis"):
        leaf(np.ones((2, 3))).sum(axis=axis)


def test_reduction_names_show_the_axis():
    t = leaf(np.ones((2, 3)))
    assert t.sum().grad_fn.name == "sum"
    assert t.sum(axis=1).grad_fn.name == "sum(axis=1)"
    assert t.amax(axis=(0, -1)).grad_fn.name == "amax(axis=(0, -1))"
