"""Where we deliberately answer differently from PyTorch, each difference named and checked
against torch itself (the README lists them with their reasons)."""
import numpy as np
import pytest

import autograd as ag

import torch  # a dev dependency: ./dev.sh test installs it


def test_a_list_of_whole_numbers_makes_a_float32_tensor_where_torch_makes_int64():
    assert ag.Tensor([1, 2]).dtype == np.float32
    assert torch.tensor([1, 2]).dtype == torch.int64


def test_clip_with_lo_above_hi_is_an_error_where_torch_returns_hi_everywhere():
    assert torch.clamp(torch.tensor([1.0, 5.0]), 3, 2).tolist() == [2.0, 2.0]
    with pytest.raises(ValueError, match="lo must be <= hi"):
        ag.Tensor([1.0, 5.0]).clip(3, 2)


def test_plus_equals_on_a_recorded_result_makes_a_new_node_where_torch_changes_it_in_place():
    """torch then refuses the backward of exp (its saved output changed); we give the answer."""
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    y = x.exp()
    y += 1
    with pytest.raises(RuntimeError, match="inplace"):
        y.sum().backward()
    ours = ag.Tensor(np.array([1.0, 2.0]), requires_grad=True)
    z = ours.exp()
    z += 1
    z.sum().backward()
    np.testing.assert_allclose(ours.grad, np.exp([1.0, 2.0]))


def test_softmax_and_mean_of_integers_give_float32_where_torch_refuses():
    values = np.array([1, 2, 4])
    with pytest.raises((RuntimeError, NotImplementedError)):
        torch.tensor(values).softmax(-1)
    with pytest.raises(RuntimeError):
        torch.tensor(values).mean()
    assert ag.Tensor(values).softmax().dtype == np.float32
    assert ag.Tensor(values).mean().item() == pytest.approx(7 / 3)


def test_integers_to_negative_integer_tensor_powers_are_an_error_where_torch_truncates_to_0():
    base, exponent = np.array([2, 3], np.int32), np.array([-2, 1], np.int32)
    assert (torch.tensor(base) ** torch.tensor(exponent)).tolist() == [0, 3]
    with pytest.raises(ValueError, match="Integers to negative integer powers"):
        ag.Tensor(base) ** ag.Tensor(exponent)


def test_matmul_of_float32_and_float64_promotes_where_torch_refuses():
    with pytest.raises(RuntimeError, match="same dtype"):
        torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.float64)
    assert (ag.Tensor(np.ones((2, 2), np.float32)) @ ag.Tensor(np.ones((2, 2)))).dtype == np.float64


@pytest.mark.parametrize("dtype, z", [(np.float32, -95.0), (np.float64, -720.0)])
def test_sigmoid_keeps_its_tiny_values_where_torch_flushes_them_to_0(dtype, z):
    """torch computes 1 / (1 + e^-z), and e^-z overflows; the exact value is e^z here."""
    theirs = torch.sigmoid(torch.tensor([z], dtype=getattr(torch, np.dtype(dtype).name)))
    assert theirs.item() == 0.0
    ours = ag.Tensor(np.array([z], dtype=dtype)).sigmoid().item()
    assert ours > 0 and ours == pytest.approx(np.exp(np.longdouble(z)), rel=1e-2)
