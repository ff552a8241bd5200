"""Where the indexing family deliberately differs from torch, each difference named by a test
that checks both sides (the differential programs steer around them), and the numpy
spellings that sit beside torch's."""
import numpy as np
import pytest
import torch

import autograd as ag
from indexing_checks import assert_same


def test_an_index_out_of_range_raises_index_error_where_torch_raises_runtime_error():
    x = np.arange(6.0).reshape(2, 3)
    with pytest.raises(RuntimeError):
        torch.from_numpy(x).gather(1, torch.tensor([[3]]))
    with pytest.raises(IndexError, match="gather: index 3 is out of range for dim 1 of size 3"):
        ag.Tensor(x).gather(1, np.array([[3]]))


def test_topk_keeps_equal_elements_in_order_of_position_where_torch_leaves_it_open():
    x = np.array([2.0, 1.0, 2.0, 2.0, 1.0, 1.0, 2.0, 0.0])
    ours = ag.topk(x, 3)
    assert ours.indices.data.tolist() == [0, 2, 3]  # the first three 2s
    theirs = torch.from_numpy(x).topk(3)
    assert_same(ours.values, theirs.values)  # the same values; torch may pick other 2s
    assert set(theirs.indices.tolist()) <= {0, 2, 3, 6}


def test_operands_of_two_dtypes_are_promoted_where_torch_refuses():
    a, b = np.ones(3, dtype=np.float32), np.ones(3)
    with pytest.raises(RuntimeError):
        torch.dot(torch.from_numpy(a), torch.from_numpy(b))
    assert ag.dot(ag.Tensor(a), ag.Tensor(b)).dtype == np.float64
    with pytest.raises(RuntimeError):
        torch.zeros(3).scatter(0, torch.tensor([1]), torch.ones(1, dtype=torch.float64))
    out = ag.Tensor(np.zeros(3, np.float32)).scatter(0, np.array([1]), ag.Tensor(np.ones(1)))
    assert out.dtype == np.float64


def test_one_hot_takes_any_integer_dtype_where_torch_takes_int64_only():
    labels = np.array([0, 2], dtype=np.int32)
    with pytest.raises(RuntimeError):
        torch.nn.functional.one_hot(torch.from_numpy(labels), 3)
    assert ag.one_hot(labels, 3).data.tolist() == [[1, 0, 0], [0, 0, 1]]


def test_gather_of_a_0d_tensor_takes_a_0d_index_only_where_torch_also_takes_a_vector():
    assert torch.tensor(3.0).gather(0, torch.tensor([0, 0])).shape == (2,)
    with pytest.raises(ValueError, match="gather"):
        ag.gather(np.array(3.0), 0, np.array([0, 0]))


def test_numpy_spellings_mean_what_they_mean_in_numpy():
    x = np.array([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])
    np.testing.assert_array_equal(ag.Tensor(x).sort(axis=0).values.data, np.sort(x, axis=0))
    np.testing.assert_array_equal(ag.argsort(x, axis=0).data, np.argsort(x, axis=0))
    index = np.array([[1], [0]])
    np.testing.assert_array_equal(ag.take_along_axis(x, index, 1).data,
                                  np.take_along_axis(x, index, 1))
    np.testing.assert_array_equal(ag.tensordot(x, x.T, axes=1).data, np.tensordot(x, x.T, 1))
    np.testing.assert_array_equal(ag.einsum("ij->j", x).data, np.einsum("ij->j", x))
    with pytest.raises(TypeError, match="sort: give dim"):
        ag.sort(x, 0, axis=0)


def test_an_einsum_whose_sum_is_empty_is_0_where_torch_can_give_nan():
    """torch sums y over i first (an empty sum, 0) and multiplies by x: 0 * inf = NaN."""
    x, y = np.array([[[np.inf]]]), np.zeros((1, 0, 1))  # i: size 1 in x, 0 in y
    assert torch.einsum("iii,jik", torch.from_numpy(x), torch.from_numpy(y)).isnan().all()
    np.testing.assert_array_equal(ag.einsum("iii,jik", x, y).data, [[0.0]])
