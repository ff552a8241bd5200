"""reshape, permute, .T, swapaxes and [] (slices, ints, integer arrays, boolean masks):
values equal numpy's, gradients equal finite differences, repeated indices accumulate."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
from strategies import (
    MAX_SIDE, arrays, leaf, permutations_of_axes, reshape_targets, shapes, single_axis,
)


@given(x=arrays(shapes(max_dims=4)), data=st.data())
def test_reshape_matches_numpy_and_passes_gradcheck(x, data):
    target = data.draw(reshape_targets(x.size), label="target")
    reshape = lambda t: t.reshape(target)  # noqa: E731
    np.testing.assert_array_equal(reshape(leaf(x)).data, x.reshape(target))
    assert ag.gradcheck(reshape, (leaf(x),))
    assert ag.gradgradcheck(reshape, (leaf(x),))


def test_reshape_takes_the_shape_as_separate_numbers_or_one_tuple():
    x = leaf(np.arange(6.0))
    assert x.reshape(2, 3).shape == x.reshape((2, 3)).shape == x.reshape([2, -1]).shape == (2, 3)


@given(x=arrays(shapes(max_dims=4)), data=st.data())
def test_permute_by_a_random_permutation_matches_numpy_and_passes_gradcheck(x, data):
    axes = data.draw(permutations_of_axes(x.ndim), label="axes")
    transpose = lambda t: t.permute(axes)  # noqa: E731
    np.testing.assert_array_equal(transpose(leaf(x)).data, x.transpose(axes))
    assert ag.gradcheck(transpose, (leaf(x),))
    assert ag.gradgradcheck(transpose, (leaf(x),))


@given(x=arrays(shapes(max_dims=4)))
def test_dot_T_reverses_the_axes_and_passes_gradcheck(x):
    np.testing.assert_array_equal(leaf(x).T.data, x.T)
    assert ag.gradcheck(lambda t: t.T, (leaf(x),))


@given(x=arrays(shapes(min_dims=1, max_dims=4)), data=st.data())
def test_swapaxes_matches_numpy_and_passes_gradcheck(x, data):
    first, second = data.draw(single_axis(x.ndim)), data.draw(single_axis(x.ndim))
    swap = lambda t: t.swapaxes(first, second)  # noqa: E731
    np.testing.assert_array_equal(swap(leaf(x)).data, np.swapaxes(x, first, second))
    assert ag.gradcheck(swap, (leaf(x),))


def check_indexing(x, index):
    """x[index] equals numpy's, its gradient equals finite differences, and backward
    scatters the gradient g as numpy's add.at(zeros, index, g) does."""
    select = lambda t: t[index]  # noqa: E731
    out = select(leaf(x))
    np.testing.assert_array_equal(out.data, x[index])
    assert ag.gradcheck(select, (leaf(x),))
    t = leaf(x)
    upstream = np.random.default_rng(0).standard_normal(x[index].shape)
    select(t).backward(upstream)
    expected = np.zeros_like(x)
    np.add.at(expected, index, upstream)
    np.testing.assert_allclose(t.grad, expected, rtol=1e-15)


@given(x=arrays(shapes(max_dims=4)), data=st.data())
def test_basic_indexing_with_slices_ints_ellipsis_and_newaxis(x, data):
    index = data.draw(hnp.basic_indices(x.shape, allow_newaxis=True, allow_ellipsis=True),
                      label="index")
    check_indexing(x, index)


@given(x=arrays(shapes(min_dims=1)), data=st.data())
def test_integer_array_indexing_with_repeats_and_negatives(x, data):
    index = data.draw(hnp.integer_array_indices(
        x.shape, result_shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=4)
    ), label="index")
    check_indexing(x, index)


@given(x=arrays(shapes(min_dims=1)), data=st.data())
def test_boolean_mask_indexing_over_all_or_leading_axes(x, data):
    mask_dims = data.draw(st.integers(1, x.ndim), label="mask_dims")
    mask = data.draw(hnp.arrays(np.bool_, x.shape[:mask_dims]), label="mask")
    check_indexing(x, mask)


@given(n=st.integers(1, MAX_SIDE + 2), data=st.data())
def test_repeated_indices_accumulate_their_gradients(n, data):
    picks = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=8), label="picks")
    weights = data.draw(arrays((len(picks),)), label="weights")
    x = leaf(np.linspace(-1.0, 1.0, n))
    (x[np.array(picks)] * ag.Tensor(weights)).sum().backward()
    expected = np.zeros(n)
    for position, weight in zip(picks, weights):
        expected[position] += weight
    np.testing.assert_allclose(x.grad, expected, rtol=1e-15, atol=1e-15)
    assert ag.gradgradcheck(lambda t: t[np.array(picks)] ** 2, (x,))


def test_index_given_as_a_list_or_an_int_tensor_picks_the_same_rows():
    x = leaf(np.arange(12.0).reshape(4, 3))
    by_list = x[[3, 0, 3]]
    by_tensor = x[ag.Tensor(np.array([3, 0, 3]))]
    np.testing.assert_array_equal(by_list.data, by_tensor.data)
    by_tensor.sum().backward()
    np.testing.assert_array_equal(x.grad.sum(axis=1), [3.0, 0.0, 0.0, 6.0])


def test_a_mixed_index_of_an_integer_array_and_a_slice_passes_gradcheck():
    x = np.random.default_rng(1).standard_normal((4, 3))
    check_indexing(x, (np.array([2, 2, 0]), slice(1, None)))


@pytest.mark.parametrize("index", [5, (0, 3), np.array([0, 4])])
def test_an_index_out_of_range_is_an_index_error_naming_the_shape(index):
    with pytest.raises(IndexError, match=r"shape \(4, 3\)"):
        leaf(np.zeros((4, 3)))[index]
