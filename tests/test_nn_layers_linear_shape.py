"""F.linear, Flatten, Unflatten and Identity against torch: values, gradients (float64),
gradcheck and forward mode on drawn shapes, float32 kept, reprs and errors.

Deliberate difference (named in test_linear_errors_name_the_shapes): a shape mismatch in
F.linear is a ValueError here (the engine's convention for shapes), a RuntimeError in torch.
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


@settings(max_examples=max(1, settings.default.max_examples // 2))
@given(data=st.data(), batch=shapes(min_dims=0, max_dims=2), n_in=st.integers(1, 3),
       n_out=st.integers(1, 3), with_bias=st.booleans())
def test_linear_matches_torch_and_passes_gradcheck(data, batch, n_in, n_out, with_bias):
    a = data.draw(arrays(batch + (n_in,)), label="x")
    w = data.draw(arrays((n_out, n_in)), label="weight")
    b = data.draw(arrays((n_out,)), label="bias") if with_bias else None
    ours = [leaf(v) for v in (a, w, b) if v is not None]
    theirs = [torch.from_numpy(v.copy()).requires_grad_() for v in (a, w, b) if v is not None]
    out, expected = F.linear(*ours), TF.linear(*theirs)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-14)
    weights = np.linspace(-1, 1, out.data.size).reshape(out.shape)
    out.backward(weights)
    expected.backward(torch.from_numpy(weights))
    for mine, other in zip(ours, theirs):
        np.testing.assert_allclose(mine.grad, other.grad.numpy(), rtol=1e-12, atol=1e-14)
    fresh = [leaf(v) for v in (a, w, b) if v is not None]
    assert ag.gradcheck(F.linear, fresh, check_forward_ad=True)
    assert ag.gradgradcheck(F.linear, fresh)
    assert_jvp_matches_vjp(F.linear, *fresh)


def test_linear_with_a_1d_weight_and_float32():
    a, w = np.arange(6.0).reshape(2, 3), np.array([0.5, -1.0, 2.0])
    out = F.linear(ag.tensor(a), ag.tensor(w))
    expected = TF.linear(torch.from_numpy(a), torch.from_numpy(w))
    assert out.shape == (2,)
    np.testing.assert_allclose(out.data, expected.numpy())
    single = F.linear(ag.ones(3), ag.ones(2, 3))
    assert single.shape == (2,) and single.dtype == np.float32
    assert F.linear(ag.ones(0, 3), ag.ones(2, 3)).shape == (0, 2)


def test_linear_errors_name_the_shapes():
    """Deliberate difference: torch raises RuntimeError for a shape mismatch."""
    with pytest.raises(ValueError, match=r"linear: input of shape \(2, 3\) does not fit weight "
                                         r"of shape \(4, 2\)"):
        F.linear(ag.ones(2, 3), ag.ones(4, 2))
    with pytest.raises(RuntimeError):
        TF.linear(torch.ones(2, 3), torch.ones(4, 2))
    with pytest.raises(ValueError, match=r"linear: bias of shape \(5,\) does not fit the output "
                                         r"of shape \(2, 4\)"):
        F.linear(ag.ones(2, 3), ag.ones(4, 3), ag.ones(5))
    with pytest.raises(RuntimeError, match="linear: input, weight and bias must have the same "
                                           "dtype; got float32, float64"):
        F.linear(ag.ones(2, 3), ag.ones(4, 3, dtype=ag.float64))
    with pytest.raises(ValueError, match="linear: input must have at least 1 dimension"):
        F.linear(ag.tensor(1.0), ag.ones(4, 1))


# -- Flatten, Unflatten, Identity --------------------------------------------------------------

@pytest.mark.parametrize("args, shape", [((), (2, 3, 4)), ((0,), (2, 3)), ((1, 2), (2, 3, 4, 5)),
                                         ((-2, -1), (2, 3, 4)), ((), (3, 1)), ((2,), (2, 3, 4))])
def test_flatten_matches_torch_with_gradients(args, shape):
    a = np.arange(float(np.prod(shape))).reshape(shape)
    x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
    out, expected = nn.Flatten(*args)(x), torch.nn.Flatten(*args)(reference)
    assert out.shape == tuple(expected.shape)
    np.testing.assert_array_equal(out.data, expected.detach().numpy())
    weights = np.arange(out.data.size, dtype=float).reshape(out.shape)
    out.backward(weights)
    expected.backward(torch.from_numpy(weights))
    np.testing.assert_array_equal(x.grad, reference.grad.numpy())
    assert repr(nn.Flatten(*args)) == repr(torch.nn.Flatten(*args))


@pytest.mark.parametrize("dim, sizes, shape", [(1, (2, 3), (4, 6)), (1, [2, -1], (4, 6)),
                                               (-1, (1, 28, 28), (2, 784)), (0, (2, 1), (2, 3))])
def test_unflatten_matches_torch_with_gradients(dim, sizes, shape):
    a = np.random.default_rng(0).standard_normal(shape)
    x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
    out, expected = nn.Unflatten(dim, sizes)(x), torch.nn.Unflatten(dim, sizes)(reference)
    np.testing.assert_array_equal(out.data, expected.detach().numpy())
    out.backward(np.ones(out.shape))
    expected.backward(torch.ones_like(expected))
    np.testing.assert_array_equal(x.grad, reference.grad.numpy())
    assert repr(nn.Unflatten(dim, sizes)) == repr(torch.nn.Unflatten(dim, sizes))


def test_flatten_then_unflatten_round_trips_a_digit_batch_in_float32():
    images = ag.tensor(np.random.default_rng(0).random((5, 1, 28, 28)).astype(np.float32))
    rows = nn.Flatten()(images)
    assert rows.shape == (5, 784) and rows.dtype == np.float32
    np.testing.assert_array_equal(nn.Unflatten(1, (1, 28, 28))(rows).data, images.data)


def test_identity_passes_its_input_and_ignores_arguments_as_torch():
    x = ag.tensor([1.0, 2.0], requires_grad=True)
    assert nn.Identity(54, unused="x")(x) is x
    assert repr(nn.Identity(3)) == repr(torch.nn.Identity(3)) == "Identity()"
    assert list(nn.Identity().parameters()) == []


def test_shape_module_errors():
    with pytest.raises(TypeError, match="Flatten: start_dim must be an int, got float 1.0"):
        nn.Flatten(1.0)
    with pytest.raises(TypeError, match="Unflatten: unflattened_size must be a tuple or list "
                                        "of ints, got int 5"):
        nn.Unflatten(1, 5)
    with pytest.raises(ValueError, match="flatten: start_dim 2 comes after end_dim 1"):
        nn.Flatten(2, 1)(ag.ones(2, 3, 4))
    with pytest.raises((ValueError, IndexError), match="flatten"):
        nn.Flatten()(ag.ones(3))
    with pytest.raises(ValueError, match="unflatten"):
        nn.Unflatten(1, (2, 4))(ag.ones(2, 6))
