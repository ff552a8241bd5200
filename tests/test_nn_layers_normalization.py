"""F.layer_norm, F.batch_norm, F.normalize and nn.LayerNorm, nn.BatchNorm1d/2d against torch:
values and gradients (float64), gradcheck, gradgradcheck and forward mode on drawn shapes,
running statistics after several training steps (momentum, momentum=None), eval mode,
track_running_stats=False, affine=False, buffers in state_dict, reprs and errors.

Deliberate differences (named in test_normalization_errors): wrong shapes are ValueErrors
(torch: RuntimeError); F.layer_norm also takes an int normalized_shape, as nn.LayerNorm does.
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
from strategies import arrays, floats, leaf, shapes

FEW = max(1, settings.default.max_examples // 4)


def _agree(ours, theirs, rtol=1e-10, atol=1e-12):
    np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=rtol, atol=atol)


def _compare(ours_fn, torch_fn, *arrays_):
    """Values and the gradients of every input agree with torch's."""
    ours = [leaf(a) for a in arrays_]
    theirs = [torch.from_numpy(a.copy()).requires_grad_() for a in arrays_]
    out, expected = ours_fn(*ours), torch_fn(*theirs)
    _agree(out.data, expected)
    weights = np.cos(np.arange(out.data.size)).reshape(out.shape)
    out.backward(weights)
    expected.backward(torch.from_numpy(weights))
    for mine, other in zip(ours, theirs):
        _agree(mine.grad, other.grad, rtol=1e-8, atol=1e-10)


def _checks(function, *arrays_):
    inputs = [leaf(a) for a in arrays_]
    assert ag.gradcheck(function, inputs, check_forward_ad=True)
    assert ag.gradgradcheck(function, inputs)
    assert_jvp_matches_vjp(function, *inputs)


@settings(max_examples=FEW)
@given(data=st.data(), lead=shapes(min_dims=0, max_dims=2), tail=shapes(min_dims=1, max_dims=2))
def test_layer_norm_matches_torch_and_passes_checks(data, lead, tail):
    a = data.draw(arrays(lead + tail), label="x")
    if a.size and np.ptp(a.reshape(-1, int(np.prod(tail))), axis=1).min() < 0.1:
        a = a + np.arange(a.size).reshape(a.shape)  # spread: var + eps well above eps
    w, b = data.draw(arrays(tail), label="weight"), data.draw(arrays(tail), label="bias")
    _compare(lambda x, w, b: F.layer_norm(x, tail, w, b),
             lambda x, w, b: TF.layer_norm(x, tail, w, b), a, w, b)
    _compare(lambda x: F.layer_norm(x, tail, eps=0.1),
             lambda x: TF.layer_norm(x, tail, eps=0.1), a)
    _checks(lambda x, w, b: F.layer_norm(x, tail, w, b), a, w, b)


@settings(max_examples=FEW)
@given(data=st.data(), n=st.integers(2, 3), c=st.integers(1, 3), spatial=shapes(0, 2, 2))
def test_batch_norm_in_training_matches_torch_and_passes_checks(data, n, c, spatial):
    a = data.draw(arrays((n, c) + spatial, floats(-3, 3)), label="x")
    a = a + np.arange(a.size).reshape(a.shape) % 3  # no constant channel
    w, b = data.draw(arrays((c,)), label="weight"), data.draw(arrays((c,)), label="bias")
    _compare(lambda x, w, b: F.batch_norm(x, None, None, w, b, True),
             lambda x, w, b: TF.batch_norm(x, None, None, w, b, True), a, w, b)
    _checks(lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), a, w, b)
    mean, var = ag.zeros(c, dtype=ag.float64), ag.ones(c, dtype=ag.float64)
    torch_mean, torch_var = torch.zeros(c, dtype=torch.float64), torch.ones(c, dtype=torch.float64)
    F.batch_norm(ag.tensor(a), mean, var, training=True, momentum=0.3)
    TF.batch_norm(torch.from_numpy(a), torch_mean, torch_var, training=True, momentum=0.3)
    _agree(mean.data, torch_mean, atol=1e-14)
    _agree(var.data, torch_var, atol=1e-14)
    _compare(lambda x: F.batch_norm(x, mean, var, eps=0.01),
             lambda x: TF.batch_norm(x, torch_mean, torch_var, eps=0.01), a)


@settings(max_examples=FEW)
@given(data=st.data(), p=st.sampled_from([1.0, 2.0, 3.0, float("inf")]))
def test_normalize_matches_torch_and_passes_checks(data, p):
    a = data.draw(arrays(shapes(min_dims=2, max_dims=3), floats(0.2, 3)), label="x")
    a = a + np.arange(a.size).reshape(a.shape)  # no ties: the inf-norm's max has no derivative
    dim = data.draw(st.integers(-a.ndim, a.ndim - 1), label="dim")
    _compare(lambda x: F.normalize(x, p, dim), lambda x: TF.normalize(x, p, dim), a)
    _checks(lambda x: F.normalize(x, p, dim), a)


def test_normalize_leaves_zero_vectors_at_zero_as_torch():
    a = np.array([[0.0, 0.0], [3.0, 4.0]])
    _compare(F.normalize, TF.normalize, a)


# -- the modules --------------------------------------------------------------------------------

@pytest.mark.parametrize("args, kwargs", [((5,), {}), (((2, 3),), {"eps": 1e-3}),
                                          ((4,), {"elementwise_affine": False}),
                                          ((4,), {"bias": False})])
def test_layer_norm_module_matches_torch(args, kwargs):
    ours = nn.LayerNorm(*args, **kwargs, dtype=np.float64)
    theirs = torch.nn.LayerNorm(*args, **kwargs, dtype=torch.float64)
    assert repr(ours) == repr(theirs)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    shape = (3,) + ours.normalized_shape
    a = np.random.default_rng(0).standard_normal(shape)
    _agree(ours(a).data, theirs(torch.from_numpy(a)))
    assert nn.LayerNorm(*args, **kwargs)(a.astype(np.float32)).dtype == np.float32


def _torch_twin(ours, kind):
    """torch's BatchNorm with our constructor's settings, float64."""
    return getattr(torch.nn, kind)(ours.num_features, eps=ours.eps, momentum=ours.momentum,
                                   affine=ours.affine, bias=ours.bias is not None,
                                   track_running_stats=ours.track_running_stats,
                                   dtype=torch.float64)


@pytest.mark.parametrize("kind, shape", [("BatchNorm1d", (6, 3)), ("BatchNorm1d", (4, 3, 5)),
                                         ("BatchNorm2d", (4, 3, 2, 3))])
@pytest.mark.parametrize("options", [{}, {"momentum": None}, {"momentum": 0.5, "eps": 1e-3},
                                     {"affine": False}, {"bias": False},
                                     {"track_running_stats": False}])
def test_batch_norm_module_trains_and_evaluates_as_torch(kind, shape, options):
    """Five training steps (the layer's output into a loss, an SGD step on weight and bias),
    then eval: the running statistics and every output equal torch's."""
    ours = getattr(nn, kind)(3, **options, dtype=np.float64)
    theirs = _torch_twin(ours, kind)
    assert repr(ours) == repr(theirs)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    rng = np.random.default_rng(1)
    for step in range(5):
        a = rng.standard_normal(shape) * (step + 1) + step
        x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
        out, expected = ours(x), theirs(reference)
        _agree(out.data, expected)
        (out * out * out).sum().backward()
        (expected ** 3).sum().backward()
        _agree(x.grad, reference.grad, rtol=1e-8, atol=1e-9)
        with ag.no_grad(), torch.no_grad():
            for mine, other in zip(ours.parameters(), theirs.parameters()):
                _agree(mine.grad, other.grad, rtol=1e-8, atol=1e-9)
                mine.data -= 0.1 * mine.grad
                other -= 0.1 * other.grad
                mine.grad, other.grad = None, None
    for name, buffer in theirs.named_buffers():
        _agree(getattr(ours, name).data, buffer, atol=1e-13)
    ours.eval()
    theirs.eval()
    a = rng.standard_normal(shape)
    _compare(ours, theirs, a)


def test_batch_norm_buffers_are_in_state_dict_and_keep_float32():
    layer = nn.BatchNorm2d(2)
    assert {n: b.dtype for n, b in layer.named_buffers()} == {
        "running_mean": np.float32, "running_var": np.float32, "num_batches_tracked": np.int64}
    out = layer(np.random.default_rng(0).standard_normal((3, 2, 2, 2)).astype(np.float32))
    assert out.dtype == np.float32 and layer.running_mean.dtype == np.float32
    state = layer.state_dict()
    assert int(state["num_batches_tracked"]) == 1
    fresh = nn.BatchNorm2d(2)
    fresh.load_state_dict(state)
    np.testing.assert_array_equal(fresh.running_var.data, layer.running_var.data)
    layer.reset_running_stats()
    assert int(layer.num_batches_tracked.data) == 0 and (layer.running_var.data == 1).all()
    untracked = nn.BatchNorm1d(2, track_running_stats=False)
    assert untracked.running_mean is None and list(untracked.state_dict()) == ["weight", "bias"]


def test_normalization_errors():
    x = ag.ones(2, 3)
    with pytest.raises(ValueError, match=r"layer_norm: normalized_shape=\(4,\) expects input of "
                                         r"shape \(\*, 4\); got \(2, 3\)"):
        F.layer_norm(x, (4,))
    with pytest.raises(RuntimeError, match="normalized_shape"):
        TF.layer_norm(torch.ones(2, 3), (4,))
    with pytest.raises(ValueError, match=r"layer_norm: weight must have shape \(3,\); got \(2,\)"):
        F.layer_norm(x, 3, ag.ones(2))
    with pytest.raises(TypeError, match="LayerNorm: normalized_shape must be an int or a tuple "
                                        "of positive ints"):
        nn.LayerNorm("5")
    with pytest.raises(ValueError, match="batch_norm: expected more than 1 value per channel "
                                         r"when training; got input of shape \(1, 3\)"):
        F.batch_norm(ag.ones(1, 3), None, None, training=True)
    with pytest.raises(ValueError, match="batch_norm: running_mean must be given in evaluation"):
        F.batch_norm(x, None, None)
    with pytest.raises(ValueError, match=r"batch_norm: running_var must be a Tensor of shape "
                                         r"\(3,\)"):
        F.batch_norm(x, ag.zeros(3), np.ones(3))
    with pytest.raises(ValueError, match="BatchNorm1d: expected 2D or 3D input \\(got 4D input"):
        nn.BatchNorm1d(3)(ag.ones(2, 3, 2, 2))
    with pytest.raises(ValueError, match="expected 2D or 3D input"):
        torch.nn.BatchNorm1d(3)(torch.ones(2, 3, 2, 2))
    with pytest.raises(ValueError, match="BatchNorm2d: expected 4D input \\(got 2D input"):
        nn.BatchNorm2d(3)(x)
    with pytest.raises(TypeError, match="BatchNorm2d: momentum must be a number"):
        nn.BatchNorm2d(3, momentum="0.1")
    with pytest.raises(TypeError, match="normalize: out= is not supported"):
        F.normalize(x, out=ag.ones(2, 3))
