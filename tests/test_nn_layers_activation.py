"""The activation modules against torch.nn's: same values and gradients (float64), float32
kept, the same reprs, inplace=True, Softmax/LogSoftmax/Softmin along dim (or numpy's axis),
the seeds' ACTIVATIONS, and constructor errors."""
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
import nn
from strategies import arrays, leaf, shapes

# (class name, positional arguments, keyword arguments): built from nn and from torch.nn
CONFIGS = [
    ("ReLU", (), {}), ("ReLU", (True,), {}), ("ReLU6", (), {}), ("ReLU6", (), {"inplace": True}),
    ("LeakyReLU", (), {}), ("LeakyReLU", (0.2, True), {}), ("ELU", (), {}), ("ELU", (2,), {}),
    ("SELU", (), {}), ("SELU", (True,), {}), ("CELU", (), {}), ("CELU", (0.5, True), {}),
    ("GELU", (), {}), ("GELU", ("tanh",), {}), ("SiLU", (), {}), ("SiLU", (True,), {}),
    ("Mish", (), {}), ("Mish", (True,), {}), ("Softplus", (), {}), ("Softplus", (2, 1.5), {}),
    ("Hardtanh", (), {}), ("Hardtanh", (-2, 3, True), {}), ("Hardsigmoid", (), {}),
    ("Hardsigmoid", (True,), {}), ("Hardswish", (), {}), ("Hardswish", (True,), {}),
    ("Sigmoid", (), {}), ("Tanh", (), {}), ("LogSigmoid", (), {}), ("Softsign", (), {}),
    ("Tanhshrink", (), {}), ("Threshold", (0.1, 20), {}), ("Threshold", (0.1, 20, True), {}),
    ("Softmax", (), {"dim": 1}), ("Softmax", (-1,), {}), ("LogSoftmax", (0,), {}),
    ("Softmin", (), {"dim": -1}), ("Hardshrink", (), {}), ("Softshrink", (0.3,), {}),
]
IDS = [f"{name}{args}{kwargs or ''}" for name, args, kwargs in CONFIGS]


def _both(config):
    name, args, kwargs = config
    return getattr(nn, name)(*args, **kwargs), getattr(torch.nn, name)(*args, **kwargs)


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_repr_is_torchs(config):
    ours, theirs = _both(config)
    assert repr(ours) == repr(theirs)


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
@settings(max_examples=max(1, settings.default.max_examples // 8))
@given(data=st.data())
def test_module_values_and_gradients_match_torch(config, data):
    """On a recorded input (x * 1), so that inplace=True modules may overwrite it."""
    ours, theirs = _both(config)
    a = data.draw(arrays(shapes(min_dims=2, max_dims=3), st.floats(-5, 5)), label="x")
    x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
    out, expected = ours(x * 1.0), theirs(reference * 1.0)
    assert out.dtype == np.float64 and out.shape == a.shape
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-15)
    weights = np.linspace(-1.0, 2.0, a.size).reshape(a.shape)
    out.backward(weights)
    expected.backward(torch.from_numpy(weights))
    np.testing.assert_allclose(x.grad, reference.grad.numpy(), rtol=1e-7, atol=1e-14)


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_module_keeps_float32_and_takes_numpy_arrays(config):
    ours, theirs = _both(config)
    a = np.array([[-2.5, -0.5, 0.25], [1.5, 4.0, 30.0]], dtype=np.float32)
    expected = theirs(torch.from_numpy(a.copy())).numpy()
    out = ours(ag.tensor(a))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.data, expected, rtol=1e-5, atol=1e-7)
    if not getattr(ours, "inplace", False):
        np.testing.assert_allclose(ours(a).data, expected, rtol=1e-5, atol=1e-7)


def test_inplace_module_overwrites_its_input_and_keeps_the_graph():
    x = leaf(np.array([-2.0, 0.5, 3.0]))
    hidden = x * 2.0
    assert nn.ReLU(inplace=True)(hidden) is hidden
    np.testing.assert_array_equal(hidden.data, [0.0, 1.0, 6.0])
    hidden.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 2.0, 2.0])
    with pytest.raises(RuntimeError, match="requires grad"):
        nn.ReLU(inplace=True)(leaf(np.array([1.0])))


def test_sequential_of_new_activations_trains_like_torch():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((5, 4))
    ours = nn.Sequential(nn.Linear(4, 6, dtype=np.float64, seed=0), nn.GELU(), nn.Dropout(0.0),
                         nn.Linear(6, 3, dtype=np.float64, seed=1), nn.LogSoftmax(dim=1))
    theirs = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.GELU(), torch.nn.Dropout(0.0),
                                 torch.nn.Linear(6, 3), torch.nn.LogSoftmax(dim=1)).double()
    with torch.no_grad():
        for mine, other in zip([ours[0], ours[3]], [theirs[0], theirs[3]]):
            other.weight.copy_(torch.from_numpy(mine.weight.data))
            other.bias.copy_(torch.from_numpy(mine.bias.data))
    out, expected = ours(a), theirs(torch.from_numpy(a))
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12)
    out.sum().backward()
    expected.sum().backward()
    np.testing.assert_allclose(ours[0].weight.grad, theirs[0].weight.grad.numpy(), rtol=1e-9,
                               atol=1e-14)


def test_prelu_learns_a_slope_per_channel_as_torch():
    ours, theirs = nn.PReLU(3, init=0.75, dtype=np.float64), torch.nn.PReLU(3, 0.75).double()
    assert repr(ours) == repr(theirs) == "PReLU(num_parameters=3)"
    assert [n for n, _ in ours.named_parameters()] == ["weight"]
    a = np.random.default_rng(0).standard_normal((2, 3, 4))
    out, expected = ours(a), theirs(torch.from_numpy(a))
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12)
    out.sum().backward()
    expected.sum().backward()
    np.testing.assert_allclose(ours.weight.grad, theirs.weight.grad.numpy(), rtol=1e-12)
    single = nn.PReLU()
    assert single.weight.dtype == np.float32 and repr(single) == repr(torch.nn.PReLU())
    b = np.array([[-2.0, 3.0]], dtype=np.float32)
    np.testing.assert_array_equal(single(b).data, torch.nn.PReLU()(torch.from_numpy(b)).detach())


def test_glu_halves_its_dim_as_torch():
    a = np.random.default_rng(0).standard_normal((2, 4, 3))
    for dim in (1, -2):
        ours, theirs = nn.GLU(dim), torch.nn.GLU(dim)
        assert repr(ours) == repr(theirs)
        np.testing.assert_allclose(ours(a).data, theirs(torch.from_numpy(a)).numpy(), rtol=1e-12)
    assert repr(nn.GLU()) == "GLU(dim=-1)"


# -- the softmax family --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Softmax", "LogSoftmax", "Softmin"])
def test_softmax_modules_take_dim_or_axis_and_without_either_warn_as_torch(name):
    a = np.random.default_rng(1).standard_normal((2, 3, 4))
    by_dim, by_axis = getattr(nn, name)(dim=0), getattr(nn, name)(axis=0)
    expected = getattr(torch.nn, name)(dim=0)(torch.from_numpy(a)).numpy()
    np.testing.assert_allclose(by_dim(a).data, expected, rtol=1e-12)
    np.testing.assert_allclose(by_axis(a).data, expected, rtol=1e-12)
    assert repr(by_axis) == f"{name}(dim=0)"
    implicit = getattr(nn, name)()
    assert repr(implicit) == repr(getattr(torch.nn, name)()) == f"{name}(dim=None)"
    with pytest.warns(UserWarning, match="Implicit dimension choice") as record:
        out = implicit(a)
    assert record[0].filename == __file__  # the warning points at the caller's line
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.testing.assert_allclose(out.data, getattr(torch.nn, name)()(torch.from_numpy(a)),
                                   rtol=1e-12)


def test_softmax_options_are_checked():
    with pytest.raises(TypeError, match="Softmax: axis must be an int, got float 1.0"):
        nn.Softmax(axis=1.0)
    with pytest.raises(TypeError, match="LogSoftmax: dim must be an int, got str '1'"):
        nn.LogSoftmax("1")
    with pytest.raises(TypeError, match="Softmin: give dim .* or axis .*, not both"):
        nn.Softmin(dim=0, axis=0)


def test_seeds_activations_by_name_still_build_the_mlp_without_warnings():
    assert set(nn.layers.ACTIVATIONS) == {"sigmoid", "relu", "tanh", "softmax"}
    model = nn.MLP([4, 3, 2], output_activation="softmax", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = model(np.ones((5, 4), dtype=np.float32)).data
    np.testing.assert_allclose(rows.sum(axis=1), 1, rtol=1e-6)
    assert repr(model.layers[-1]) == "Softmax(dim=-1)"


# -- constructor errors --------------------------------------------------------------------------

@pytest.mark.parametrize("make, error, message", [
    (lambda: nn.ReLU(inplace=1), TypeError, "ReLU: inplace must be True or False, got int 1"),
    (lambda: nn.LeakyReLU("a"), TypeError, "LeakyReLU: negative_slope must be a number"),
    (lambda: nn.ELU(alpha=None), TypeError, "ELU: alpha must be a number"),
    (lambda: nn.Hardtanh(2, 1), ValueError, "Hardtanh: min_val cannot be greater than max_val"),
    (lambda: nn.Threshold(0.5, "x"), TypeError, "Threshold: value must be a number"),
    (lambda: nn.GELU("erf"), ValueError, "GELU: approximate must be one of"),
    (lambda: nn.Softplus(beta=[1]), TypeError, "Softplus: beta must be a number"),
])
def test_bad_options_raise_when_the_module_is_built(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_modules_refuse_what_their_op_refuses():
    with pytest.raises(TypeError, match="silu: expected a float32 or float64 tensor"):
        nn.SiLU()(ag.tensor(np.array([1, 2])))
    with pytest.raises(ValueError, match="celu: alpha cannot be 0"):
        nn.CELU(0)(ag.tensor([1.0]))
