"""F.dropout and nn.Dropout (and the channel dropouts dropout1d/2d): the mask's rate and scale, the gradient m / (1 - p), torch's
answers at p = 0, p = 1 and when not training, reproducible randomness, float32 kept,
inplace=True, train/eval, and errors.

Deliberate differences (named in test_dropout_errors):
- p=True or p=False is refused (TypeError): it is almost always the `training` flag put in
  p's place; torch reads it as p = 1 or 0.
- an integer tensor is a TypeError here, a RuntimeError in torch.
"""
import contextlib

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


@pytest.mark.parametrize("kind", ["Dropout", "Dropout1d", "Dropout2d"])
@pytest.mark.parametrize("args", [(), (0.2,), (0.2, True), (1,)])
def test_dropout_repr_is_torchs(kind, args):
    assert repr(getattr(nn, kind)(*args)) == repr(getattr(torch.nn, kind)(*args))


@pytest.mark.parametrize("name, shape", [("dropout1d", (40, 30, 5)), ("dropout1d", (60, 7)),
                                         ("dropout2d", (40, 30, 2, 3)),
                                         ("dropout2d", (40, 30, 4))])
def test_channel_dropout_zeroes_whole_channels_as_torch(name, shape):
    ag.manual_seed(0)
    torch.manual_seed(0)
    ours = getattr(F, name)(ag.ones(*shape, dtype=ag.float64), 0.4)
    # torch warns that a 3-d input to dropout2d is read as (N, C, L), as here
    with pytest.warns(UserWarning) if shape == (40, 30, 4) else contextlib.nullcontext():
        theirs = getattr(TF, name)(torch.ones(shape, dtype=torch.float64), 0.4)
    channel_axes = 1 if len(shape) == 2 else 2  # the axes drawn over
    for out in (ours.data, theirs.numpy()):
        per_channel = out.reshape(shape[:channel_axes] + (-1,))
        assert (per_channel.min(axis=-1) == per_channel.max(axis=-1)).all()  # one draw each
        assert abs((per_channel[..., 0] != 0).mean() - 0.6) < 0.06
        assert set(np.unique(out)) == {0.0, 1 / 0.6}


def test_channel_dropout_gradient_and_module_train_eval():
    ag.manual_seed(1)
    x = leaf(np.ones((3, 4, 2, 2)))
    out = nn.Dropout2d(0.5)(x)
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, out.data)  # dy/dx = m / (1 - p) = y for x = 1
    layer = nn.Dropout1d(0.5).eval()
    y = ag.ones(2, 3)
    assert layer(y) is y


def test_channel_dropout_needs_its_shapes():
    with pytest.raises(ValueError, match=r"dropout2d: expected a 3-d or 4-d input; got shape "
                                         r"\(2, 3\)"):
        F.dropout2d(ag.ones(2, 3))
    with pytest.raises(ValueError, match=r"dropout1d: expected a 2-d or 3-d input"):
        nn.Dropout1d()(ag.ones(2, 3, 4, 5))
    with pytest.raises(RuntimeError, match="dropout1d: Expected 2D or 3D input"):
        TF.dropout1d(torch.ones(2, 3, 4, 5))



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
