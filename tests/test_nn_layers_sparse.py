"""F.one_hot, F.embedding and nn.Embedding against torch: values, gradients (repeated
indices add up, the padding row gets none), max_norm's renormalization, from_pretrained,
reprs and errors.

Deliberate differences (each named in a test below):
- one_hot and embedding raise IndexError (a class or index out of range), TypeError (not an
  integer tensor) and ValueError (num_classes, padding_idx); torch raises RuntimeError,
  IndexError and AssertionError. one_hot accepts int32 indices (torch only int64).
- nn.Embedding needs num_embeddings >= 1 (torch allows an empty table); its weight is drawn
  from `rng`/`seed` as nn.Linear's (torch: its global generator).
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn
import nn.functional as F
from strategies import arrays, leaf, shapes


@given(indices=hnp.arrays(np.int64, shapes(max_dims=3), elements=st.integers(0, 4)),
       extra=st.integers(0, 2))
def test_one_hot_matches_torch(indices, extra):
    classes = 5 + extra if extra or indices.size == 0 else -1  # -1: the largest index + 1
    out = F.one_hot(ag.tensor(indices, dtype=ag.int64), classes)
    expected = TF.one_hot(torch.from_numpy(indices), classes)
    assert out.dtype == np.int64 and not out.requires_grad
    np.testing.assert_array_equal(out.data, expected.numpy())


def test_one_hot_errors_in_torchs_cases():
    """Deliberate difference: the exception types (torch: RuntimeError for each)."""
    with pytest.raises(IndexError, match="one_hot: index -1 is out of range"):
        F.one_hot(ag.tensor(np.array([1, -1])))
    with pytest.raises(IndexError, match="one_hot: index 3 is out of range"):
        F.one_hot(ag.tensor(np.array([1, 3])), 3)
    with pytest.raises(TypeError, match="one_hot: expects an integer tensor"):
        F.one_hot(ag.tensor([1.0, 2.0]))
    with pytest.raises(ValueError, match="one_hot: cannot infer the number of classes from an "
                                         "empty tensor"):
        F.one_hot(ag.tensor(np.array([], dtype=np.int64)))
    with pytest.raises(ValueError, match="one_hot: num_classes must be -1 .* got int -2"):
        F.one_hot(ag.tensor(np.array([1])), -2)
    for bad in ([1, -1], [1, 3]):
        with pytest.raises(RuntimeError, match="Class values must be"):
            TF.one_hot(torch.tensor(bad), 3)
    np.testing.assert_array_equal(F.one_hot(ag.tensor(np.array([1], dtype=np.int32))).data,
                                  [[0, 1]])


# -- embedding ------------------------------------------------------------------------------------

@settings(max_examples=max(1, settings.default.max_examples // 2))
@given(data=st.data(), padding=st.sampled_from([None, 0, 2, -1]))
def test_embedding_values_and_gradients_match_torch(data, padding):
    weight = data.draw(arrays((5, 3)), label="weight")
    indices = data.draw(hnp.arrays(np.int64, shapes(max_dims=2), elements=st.integers(0, 4)),
                        label="indices")
    w, reference = leaf(weight), torch.from_numpy(weight.copy()).requires_grad_()
    out = F.embedding(ag.tensor(indices, dtype=ag.int64), w, padding_idx=padding)
    expected = TF.embedding(torch.from_numpy(indices), reference, padding_idx=padding)
    assert out.shape == indices.shape + (3,)
    np.testing.assert_array_equal(out.data, expected.detach().numpy())
    grad = np.arange(1.0, out.data.size + 1).reshape(out.shape)
    out.backward(grad)
    expected.backward(torch.from_numpy(grad))
    np.testing.assert_allclose(w.grad, reference.grad.numpy(), rtol=1e-15)
    if padding is None:  # (the padding row's zero gradient is by design, not a derivative)
        picks = ag.tensor(indices, dtype=ag.int64)
        assert ag.gradcheck(lambda t: F.embedding(picks, t), (leaf(weight),),
                            check_forward_ad=True)


@pytest.mark.parametrize("max_norm, norm_type", [(1.0, 2.0), (0.5, 1.0), (2.0, float("inf"))])
def test_embedding_max_norm_renormalizes_the_rows_looked_up_as_torch(max_norm, norm_type):
    weight = np.random.default_rng(0).standard_normal((6, 4)) * 2
    indices = np.array([[0, 2], [2, 5]])
    w, reference = leaf(weight), torch.from_numpy(weight.copy()).requires_grad_()
    out = F.embedding(ag.tensor(indices, dtype=ag.int64), w, max_norm=max_norm,
                      norm_type=norm_type)
    expected = TF.embedding(torch.from_numpy(indices), reference, max_norm=max_norm,
                            norm_type=norm_type)
    np.testing.assert_allclose(w.data, reference.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12)
    np.testing.assert_array_equal(w.data[[1, 3, 4]], weight[[1, 3, 4]])  # rows not looked up


def test_embedding_errors():
    w = ag.ones(5, 3)
    with pytest.raises(IndexError, match=r"embedding: index 5 is out of range for 5 embeddings "
                                         r"\(expected 0..4\)"):
        F.embedding(ag.tensor(np.array([1, 5])), w)
    with pytest.raises(IndexError, match="embedding: index -1 is out of range"):
        F.embedding(ag.tensor(np.array([-1])), w)
    with pytest.raises(IndexError, match="index out of range in self"):
        TF.embedding(torch.tensor([-1]), torch.ones(5, 3))
    with pytest.raises(TypeError, match="embedding: indices must be an int64 or int32 tensor; "
                                        "got dtype float32"):
        F.embedding(ag.tensor([1.0]), w)
    with pytest.raises(ValueError, match=r"embedding: weight must be 2-d .* got shape \(5,\)"):
        F.embedding(ag.tensor(np.array([1])), ag.ones(5))
    with pytest.raises(ValueError, match=r"embedding: padding_idx must be within num_embeddings "
                                         r"\(5\): in \[-5, 4\], got 5"):
        F.embedding(ag.tensor(np.array([1])), w, padding_idx=5)
    with pytest.raises(AssertionError, match="Padding_idx must be within num_embeddings"):
        TF.embedding(torch.tensor([1]), torch.ones(5, 3), padding_idx=5)
    with pytest.raises(NotImplementedError, match="scale_grad_by_freq=True and sparse=True"):
        F.embedding(ag.tensor(np.array([1])), w, sparse=True)


# -- nn.Embedding ---------------------------------------------------------------------------------

def test_embedding_module_initial_weight_and_padding_row():
    layer = nn.Embedding(10, 4, padding_idx=-2, seed=0)
    assert layer.weight.shape == (10, 4) and layer.weight.dtype == np.float32
    assert layer.padding_idx == 8
    np.testing.assert_array_equal(layer.weight.data[8], 0)
    assert abs(layer.weight.data.std() - 1) < 0.35  # N(0, 1), as torch's
    np.testing.assert_array_equal(layer.weight.data,
                                  nn.Embedding(10, 4, padding_idx=8, seed=0).weight.data)
    out = layer(ag.tensor(np.array([[8, 1], [1, 1]])))
    out.sum().backward()
    np.testing.assert_array_equal(layer.weight.grad[8], 0)
    np.testing.assert_array_equal(layer.weight.grad[1], 3)
    assert nn.Embedding(3, 2, dtype=np.float64).weight.dtype == np.float64


@pytest.mark.parametrize("args, kwargs", [((10, 3), {}), ((10, 3), {"padding_idx": -1}),
                                          ((4, 2), {"max_norm": 1.0, "norm_type": 1.0})])
def test_embedding_repr_is_torchs(args, kwargs):
    assert repr(nn.Embedding(*args, **kwargs)) == repr(torch.nn.Embedding(*args, **kwargs))


def test_from_pretrained_copies_and_freezes_by_default():
    table = np.arange(8.0).reshape(4, 2)
    frozen = nn.Embedding.from_pretrained(ag.tensor(table))
    assert not frozen.weight.requires_grad and frozen.weight.dtype == np.float64
    table[0, 0] = 99.0
    assert frozen.weight.data[0, 0] == 0.0
    trainable = nn.Embedding.from_pretrained(table, freeze=False, padding_idx=0)
    theirs = torch.nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=False,
                                                padding_idx=0)
    assert repr(trainable) == repr(theirs)
    np.testing.assert_array_equal(trainable.weight.data[0], [99.0, 1.0])  # not zeroed
    out = trainable(ag.tensor(np.array([0, 3])))
    out.sum().backward()
    np.testing.assert_array_equal(trainable.weight.grad, [[0, 0], [0, 0], [0, 0], [1, 1]])
    assert [name for name, _ in trainable.named_parameters()] == ["weight"]


def test_embedding_module_errors():
    with pytest.raises(ValueError, match="Embedding: num_embeddings must be a positive integer"):
        nn.Embedding(0, 3)
    with pytest.raises(TypeError, match="Embedding: embedding_dim must be a positive integer"):
        nn.Embedding(3, 2.0)
    with pytest.raises(TypeError, match="Embedding: padding_idx must be an int or None"):
        nn.Embedding(3, 2, padding_idx=1.0)
    with pytest.raises(NotImplementedError, match="Embedding: scale_grad_by_freq=True"):
        nn.Embedding(3, 2, scale_grad_by_freq=True)
    with pytest.raises(ValueError, match="Embedding.from_pretrained: embeddings must be 2-d"):
        nn.Embedding.from_pretrained(np.ones(3))
    with pytest.raises(TypeError, match="Embedding: dtype must be float32 or float64"):
        nn.Embedding.from_pretrained(np.ones((3, 2), dtype=np.int64))
