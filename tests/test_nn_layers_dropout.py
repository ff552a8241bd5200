"""F.dropout and nn.Dropout: the mask's rate and scale, the gradient m / (1 - p), torch's
answers at p = 0, p = 1 and when not training, reproducible randomness, float32 kept,
inplace=True, train/eval, and errors.

Deliberate differences (named in test_dropout_errors):
- p=True or p=False is refused (TypeError): it is almost always the `training` flag put in
  p's place; torch reads it as p = 1 or 0.
- an integer tensor is a TypeError here, a RuntimeError in torch.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
import nn
import nn.functional as F
from autograd.testing import assert_jvp_matches_vjp
from strategies import arrays, leaf, shapes


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_zeroes_about_p_and_scales_the_rest(p):
    ag.manual_seed(0)
    x = ag.ones(200_000, dtype=ag.float64)
    out = F.dropout(x, p)
    kept = out.data != 0
    assert abs(kept.mean() - (1 - p)) < 0.01
    np.testing.assert_allclose(out.data[kept], 1 / (1 - p), rtol=1e-15)
    assert abs(out.data.mean() - 1) < 0.03  # the expected output is the input
    torch.manual_seed(0)
    theirs = TF.dropout(torch.ones(200_000, dtype=torch.float64), p)
    assert abs((theirs != 0).double().mean().item() - (1 - p)) < 0.01
    assert set(np.unique(out.data)) == set(np.unique(theirs.numpy()))


def test_dropout_gradient_is_the_mask_over_one_minus_p():
    ag.manual_seed(3)
    x = leaf(np.linspace(1, 2, 50))
    out = F.dropout(x, 0.25)
    out.sum().backward()
    np.testing.assert_allclose(x.grad, (out.data != 0) / 0.75, rtol=1e-15)


@settings(max_examples=max(1, settings.default.max_examples // 4))
@given(a=arrays(shapes()), p=st.sampled_from([0.0, 0.3, 0.9, 1.0]))
def test_dropout_passes_gradcheck_with_a_fixed_mask(a, p):
    def dropped(x):  # the same mask on every call: reseeded
        return F.dropout(x, p, generator=ag.Generator().manual_seed(7))
    assert ag.gradcheck(dropped, (leaf(a),), check_forward_ad=True)
    assert ag.gradgradcheck(dropped, (leaf(a),))
    assert_jvp_matches_vjp(dropped, leaf(a))


def test_dropout_edges_are_torchs():
    x = ag.tensor([-1.0, 2.0, 0.5])
    t = torch.tensor([-1.0, 2.0, 0.5])
    assert F.dropout(x, 0.0) is x and TF.dropout(t, 0.0) is t
    assert F.dropout(x, 0.7, training=False) is x and TF.dropout(t, 0.7, training=False) is t
    zeros, theirs = F.dropout(x, 1.0), TF.dropout(t, 1.0)
    np.testing.assert_array_equal(zeros.data, theirs.numpy())
    np.testing.assert_array_equal(np.signbit(zeros.data), np.signbit(theirs.numpy()))  # -0.
    assert F.dropout(ag.ones(0, 3), 0.5).shape == (0, 3)
    assert F.dropout(ag.tensor(2.0), 0.5).shape == ()


def test_dropout_is_reproducible_and_keeps_float32():
    ag.manual_seed(11)
    first = F.dropout(ag.ones(4, 5), 0.5)
    ag.manual_seed(11)
    second = F.dropout(ag.ones(4, 5), 0.5)
    np.testing.assert_array_equal(first.data, second.data)
    assert first.dtype == np.float32
    a = F.dropout(ag.ones(30), 0.5, generator=ag.Generator().manual_seed(1))
    b = F.dropout(ag.ones(30), 0.5, generator=ag.Generator().manual_seed(1))
    np.testing.assert_array_equal(a.data, b.data)


def test_dropout_inplace_overwrites_the_input():
    x = leaf(np.ones(40))
    hidden = x * 3.0
    assert F.dropout(hidden, 0.5, inplace=True) is hidden
    assert set(np.unique(hidden.data)) <= {0.0, 6.0}
    hidden.sum().backward()
    np.testing.assert_array_equal(x.grad, hidden.data)  # d(3 m x / 0.5)/dx = 6 m = out


def test_dropout_module_drops_in_training_and_passes_in_eval():
    layer = nn.Dropout(0.5)
    x = ag.ones(1000)
    ag.manual_seed(0)
    assert (layer(x).data == 0).any()
    layer.eval()
    assert layer(x) is x
    layer.train()
    ag.manual_seed(0)
    expected = F.dropout(x, 0.5)
    ag.manual_seed(0)
    np.testing.assert_array_equal(layer(x).data, expected.data)
    seq = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.9))
    seq.eval()
    assert not seq[1].training
    assert list(layer.parameters()) == []


@pytest.mark.parametrize("args", [(), (0.2,), (0.2, True), (1,)])
def test_dropout_repr_is_torchs(args):
    assert repr(nn.Dropout(*args)) == repr(torch.nn.Dropout(*args))


def test_dropout_errors():
    x = ag.ones(3)
    with pytest.raises(ValueError, match=r"dropout: p must be a probability in \[0, 1\] .* got "
                                         r"1.5"):
        F.dropout(x, 1.5)
    with pytest.raises(ValueError, match="Dropout: p must be a probability"):
        nn.Dropout(-0.1)
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1"):
        TF.dropout(torch.ones(3), 1.5)
    # deliberate: a bool in p's place is refused; torch takes True as p = 1
    with pytest.raises(TypeError, match="dropout: p must be a probability .* got bool True"):
        F.dropout(x, True)
    assert (TF.dropout(torch.ones(3), True) == 0).all()
    with pytest.raises(TypeError, match="dropout: training must be True or False"):
        F.dropout(x, 0.5, "yes")
    with pytest.raises(TypeError, match="dropout: expected a float32 or float64 tensor; got "
                                        "dtype int64"):
        F.dropout(ag.tensor(np.array([1, 2])), 0.5)
    with pytest.raises(TypeError, match="generator must be an autograd.Generator"):
        F.dropout(x, 0.5, generator=np.random.default_rng(0))
