"""nn.functional's activations against torch.nn.functional: values and gradients (float64,
drawn inputs and edge values), float32 kept, gradcheck/gradgradcheck and forward mode for
each, `inplace=True` with PyTorch's meaning, softmax's implicit dim, and the errors.

Deliberate difference (named in test_softmax_of_integers_gives_float32):
- softmax, log_softmax and softmin of an integer tensor give float32 here (as Tensor.softmax
  does); PyTorch has no integer kernel and raises.
"""
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
import nn.functional as F
from activation_cases import EDGES
from autograd.testing import assert_jvp_matches_vjp
from strategies import arrays, floats_away_from, leaf, shapes

# name -> (options, kinks of the function or its derivative): called as F.name(x, **options)
ELEMENTWISE = {
    "relu": ({}, (0.0,)), "relu6": ({}, (0.0, 6.0)),
    "leaky_relu": ({"negative_slope": 0.2}, (0.0,)), "elu": ({"alpha": 1.5}, (0.0,)),
    "selu": ({}, (0.0,)), "celu": ({"alpha": 0.5}, (0.0,)), "gelu": ({}, ()),
    "gelu(tanh)": ({"approximate": "tanh"}, ()), "silu": ({}, ()), "mish": ({}, ()),
    "softplus": ({"beta": 2.0, "threshold": 3.0}, (1.5,)),
    "hardtanh": ({"min_val": -0.5, "max_val": 2.0}, (-0.5, 2.0)),
    "hardsigmoid": ({}, (-3.0, 3.0)), "hardswish": ({}, (-3.0, 3.0)), "sigmoid": ({}, ()),
    "tanh": ({}, ()), "logsigmoid": ({}, ()), "softsign": ({}, (0.0,)),
    "tanhshrink": ({}, ()), "threshold": ({"threshold": 0.5, "value": -2.0}, (0.5,)),
    "hardshrink": ({"lambd": 0.7}, (-0.7, 0.7)), "softshrink": ({"lambd": 0.7}, (-0.7, 0.7)),
}
IN_PLACE = ["relu", "relu6", "leaky_relu", "elu", "selu", "celu", "silu", "mish", "hardtanh",
            "hardsigmoid", "hardswish", "threshold"]
ALONG_DIM = ["softmax", "log_softmax", "softmin"]


def _pair(name):
    """(ours, torch's) as functions of one tensor, with the options of ELEMENTWISE[name]."""
    function = name.split("(")[0]
    options = ELEMENTWISE[name][0]
    return (lambda x: getattr(F, function)(x, **options),
            lambda x: getattr(TF, function)(x, **options))


def _grads_agree(ours, theirs, rtol, atol=1e-300):
    np.testing.assert_allclose(ours, theirs.numpy(), rtol=rtol, atol=atol, equal_nan=True)


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@settings(max_examples=max(1, settings.default.max_examples // 4))
@given(data=st.data())
def test_elementwise_values_and_gradients_match_torch(name, data):
    ours, theirs = _pair(name)
    kinks = ELEMENTWISE[name][1]
    a = data.draw(arrays(shapes(), floats_away_from(kinks, -5.0, 5.0)), label="x")
    x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
    out, expected = ours(x), theirs(reference)
    assert out.dtype == np.float64 and out.shape == a.shape
    # (1e-15 absolute besides: x - tanh(x) near 0 and gelu's tails cancel, where numpy's
    # and torch's tanh and erf differ in the last digit)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-15)
    out.sum().backward()
    expected.sum().backward()
    _grads_agree(x.grad, reference.grad, 1e-7 if name == "hardsigmoid" else 1e-12, atol=1e-14)
    assert ag.gradcheck(ours, (leaf(a),), check_forward_ad=True)
    assert ag.gradgradcheck(ours, (leaf(a),))
    assert_jvp_matches_vjp(ours, leaf(a))


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_elementwise_edge_values_and_gradients_match_torch(name):
    """At 0, -0, +-inf, NaN, huge and tiny numbers and the kinks. torch's gradients are taken
    one value at a time (its scalar formula: its vectorized loop may answer otherwise at NaN,
    see test_autograd_ops_activations_edges.py)."""
    ours, theirs = _pair(name)
    a = np.array(EDGES + ELEMENTWISE[name][1])
    x = leaf(a)
    with np.errstate(all="ignore"):
        out = ours(x)
        out.backward(np.ones_like(a))
    values, grads = [], []
    for value in a:
        reference = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        expected = theirs(reference)
        expected.backward()
        values.append(expected.item())
        grads.append(reference.grad.item())
    np.testing.assert_allclose(out.data, values, rtol=1e-12, atol=1e-300, equal_nan=True)
    rtol = 1e-7 if name == "hardsigmoid" else 1e-12  # torch's 1/6 is float32's
    _grads_agree(x.grad, torch.tensor(grads, dtype=torch.float64), rtol)


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_elementwise_keeps_float32_and_empty_and_0d_shapes(name):
    ours, theirs = _pair(name)
    a = np.array([[-2.5, -0.5, 0.25, 1.5, 4.0]], dtype=np.float32)
    out = ours(ag.tensor(a))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.data, theirs(torch.from_numpy(a)).numpy(), rtol=1e-5,
                               atol=1e-7)
    assert ours(ag.tensor(np.zeros((0, 3), dtype=np.float32))).shape == (0, 3)
    scalar = ours(ag.tensor(np.float32(-0.75)))
    assert scalar.shape == () and scalar.dtype == np.float32
    assert float(scalar.data) == pytest.approx(float(theirs(torch.tensor(-0.75))), rel=1e-6)


def test_integer_inputs_keep_their_dtype_where_torch_does():
    a = np.array([-3, 1, 5, 9])
    x, t = ag.tensor(a, dtype=ag.int64), torch.from_numpy(a)
    for ours, theirs in [(F.relu(x), TF.relu(t)), (F.relu6(x), TF.relu6(t)),
                         (F.hardtanh(x, -2, 4), TF.hardtanh(t, -2, 4)),
                         (F.threshold(x, 1, 7.5), TF.threshold(t, 1, 7.5)),
                         (F.tanhshrink(x), TF.tanhshrink(t)), (F.softsign(x), TF.softsign(t))]:
        assert str(ours.dtype) == str(theirs.dtype).removeprefix("torch.")
        np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-6)


@pytest.mark.parametrize("name", ALONG_DIM)
@settings(max_examples=max(1, settings.default.max_examples // 4))
@given(data=st.data())
def test_softmax_family_matches_torch_along_any_dim(name, data):
    a = data.draw(arrays(shapes(min_dims=1)), label="x")
    dim = data.draw(st.integers(-a.ndim, a.ndim - 1), label="dim")
    ours = lambda x: getattr(F, name)(x, dim)  # noqa: E731
    x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
    out, expected = ours(x), getattr(TF, name)(reference, dim)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-15)
    weights = np.arange(a.size, dtype=np.float64).reshape(a.shape)
    out.backward(weights)
    expected.backward(torch.from_numpy(weights))
    np.testing.assert_allclose(x.grad, reference.grad.numpy(), rtol=1e-9, atol=1e-12)
    assert ag.gradcheck(ours, (leaf(a),), check_forward_ad=True)
    assert ag.gradgradcheck(ours, (leaf(a),))


@pytest.mark.parametrize("name", ALONG_DIM)
@pytest.mark.parametrize("shape", [(), (4,), (2, 3), (2, 3, 4), (2, 3, 2, 2)])
def test_softmax_family_without_dim_takes_torchs_implicit_dim_and_warns(name, shape):
    a = np.random.default_rng(0).standard_normal(shape)
    with pytest.warns(UserWarning, match=f"Implicit dimension choice for {name}"):
        out = getattr(F, name)(ag.tensor(a))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = getattr(TF, name)(torch.from_numpy(a))
    np.testing.assert_allclose(out.data, expected.numpy(), rtol=1e-12)


@pytest.mark.parametrize("name", ALONG_DIM)
def test_softmax_family_dtype_converts_first_and_float32_stays(name):
    a = np.array([[1.0, 2.0, 30.0]], dtype=np.float32)
    assert getattr(F, name)(ag.tensor(a), 1).dtype == np.float32
    out = getattr(F, name)(ag.tensor(a), dim=1, dtype=ag.float64)
    expected = getattr(TF, name)(torch.from_numpy(a), dim=1, dtype=torch.float64)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out.data, expected.numpy(), rtol=1e-12)


@pytest.mark.parametrize("name", ALONG_DIM)
def test_softmax_of_integers_gives_float32(name):
    """Deliberate difference: torch raises for integer input; here softmax, like
    Tensor.softmax, computes it in float32."""
    out = getattr(F, name)(ag.tensor(np.array([1, 2, 3])), 0)
    assert out.dtype == np.float32
    expected = getattr(TF, name)(torch.tensor([1.0, 2.0, 3.0]), 0)
    np.testing.assert_allclose(out.data, expected.numpy(), rtol=1e-6)


@settings(max_examples=max(1, settings.default.max_examples // 4))
@given(data=st.data())
def test_glu_and_prelu_match_torch_with_gradients(data):
    shape = data.draw(shapes(min_dims=2, max_dims=3), label="shape")
    shape = (shape[0], 2 * shape[1]) + shape[2:]
    a = data.draw(arrays(shape, floats_away_from((0.0,))), label="x")  # prelu's kink at 0
    w = data.draw(arrays((data.draw(st.sampled_from([1, shape[1]]), label="slopes"),)), label="w")
    for ours, theirs, inputs in [(lambda x: F.glu(x, 1), lambda x: TF.glu(x, 1), (a,)),
                                 (F.prelu, TF.prelu, (a, w))]:
        mine = [leaf(v) for v in inputs]
        other = [torch.from_numpy(v.copy()).requires_grad_() for v in inputs]
        out, expected = ours(*mine), theirs(*other)
        np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-15)
        out.sum().backward()
        expected.sum().backward()
        for m, o in zip(mine, other):
            np.testing.assert_allclose(m.grad, o.grad.numpy(), rtol=1e-12, atol=1e-14)
        assert ag.gradcheck(ours, [leaf(v) for v in inputs], check_forward_ad=True)


def test_glu_and_prelu_errors():
    with pytest.raises(ValueError, match=r"glu: dim -1 of the input must exist and have an even "
                                         r"size .* got shape \(2, 3\)"):
        F.glu(ag.ones(2, 3))
    with pytest.raises(ValueError, match=r"prelu: weight must have 1 element or one per channel "
                                         r"\(4, axis 1"):
        F.prelu(ag.ones(2, 4), ag.ones(3))
    with pytest.raises(ValueError, match="softshrink: lambd must be >= 0, got -1"):
        F.softshrink(ag.ones(2), -1)


# -- inplace=True ------------------------------------------------------------------------------

def _in_place_pair(name):
    options = ELEMENTWISE[name][0]
    return (lambda x: getattr(F, name)(x, **options, inplace=True),
            lambda x: getattr(TF, name)(x, **options, inplace=True))


@pytest.mark.parametrize("name", IN_PLACE)
def test_in_place_overwrites_a_recorded_result_and_gradients_match_torch(name):
    ours, theirs = _in_place_pair(name)
    a = np.array([-4.0, -1.0, -0.25, 0.75, 2.5, 7.0])
    x, reference = leaf(a), torch.from_numpy(a.copy()).requires_grad_()
    y, expected = x * 1.5, reference * 1.5
    alias = y.data
    assert ours(y) is y and theirs(expected) is expected
    assert y.data is alias  # the same array, overwritten
    np.testing.assert_allclose(y.data, expected.detach().numpy(), rtol=1e-12)
    (y * y).sum().backward()
    (expected * expected).sum().backward()
    np.testing.assert_allclose(x.grad, reference.grad.numpy(), rtol=1e-7, atol=1e-300)


@pytest.mark.parametrize("name", IN_PLACE)
def test_in_place_on_a_tensor_without_grad_or_under_no_grad_changes_it(name):
    ours, theirs = _in_place_pair(name)
    a = np.array([-4.0, -0.25, 0.75, 7.0])
    expected = theirs(torch.from_numpy(a.copy())).numpy()
    plain = ag.tensor(a)
    assert ours(plain) is plain and plain._version == 1
    np.testing.assert_allclose(plain.data, expected, rtol=1e-12)
    parameter = leaf(a)
    with ag.no_grad():
        ours(parameter)
    assert parameter.requires_grad and parameter.grad_fn is None
    np.testing.assert_allclose(parameter.data, expected, rtol=1e-12)


def test_in_place_refuses_a_leaf_that_requires_grad_as_torch():
    x = leaf(np.array([-1.0, 2.0]))
    with pytest.raises(RuntimeError, match=r"relu\(inplace=True\) on a tensor that requires grad"):
        F.relu(x, inplace=True)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        TF.relu(torch.tensor([-1.0, 2.0], requires_grad=True), inplace=True)
    np.testing.assert_array_equal(x.data, [-1.0, 2.0])


def test_in_place_over_a_saved_output_makes_backward_raise_as_torch():
    x = leaf(np.array([-1.0, 2.0]))
    e = x.exp()
    F.relu_(e - 2.0)  # on a new tensor: fine
    F.relu_(e)
    with pytest.raises(RuntimeError, match="changed by an in-place operation"):
        e.sum().backward()
    t = torch.tensor([-1.0, 2.0], requires_grad=True).exp()
    TF.relu_(t)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        t.sum().backward()


def test_in_place_needs_a_tensor_and_keeps_its_dtype():
    with pytest.raises(TypeError, match="relu: inplace=True overwrites the input, which must "
                                        "be a Tensor; got ndarray"):
        F.relu(np.ones(3), inplace=True)
    x = ag.tensor(np.array([1.0, -2.0], dtype=np.float32))
    F.elu_(x)
    assert x.dtype == np.float32


def test_in_place_forward_mode_carries_the_new_tangent():
    with ag.forward_ad.dual_level():
        x = ag.forward_ad.make_dual(ag.tensor([-1.0, 2.0], dtype=ag.float64), np.ones(2))
        F.leaky_relu_(x, 0.5)
        tangent = ag.forward_ad.unpack_dual(x).tangent
    np.testing.assert_allclose(tangent.data, [0.5, 1.0])


def test_underscore_functions_are_inplace_true():
    for name in ["relu_", "leaky_relu_", "elu_", "hardtanh_", "threshold_"]:
        x = ag.tensor([-2.0, 0.5, 3.0], dtype=ag.float64)
        args = (0.0, 9.0) if name == "threshold_" else ()
        expected = getattr(TF, name)(torch.tensor([-2.0, 0.5, 3.0], dtype=torch.float64), *args)
        assert getattr(F, name)(x, *args) is x
        np.testing.assert_allclose(x.data, expected.numpy())


# -- errors --------------------------------------------------------------------------------------

def test_bad_arguments_raise_clear_errors():
    x = ag.tensor([1.0, -1.0])
    with pytest.raises(TypeError, match="threshold: threshold must be a number; got 'a'"):
        F.threshold(x, "a", 1.0)
    with pytest.raises(TypeError, match="threshold: expected a number tensor"):
        F.threshold(ag.tensor(np.array([True])), 0.5, 1.0)
    with pytest.raises(TypeError, match="softmax: dim must be an int, got float 1.0"):
        F.softmax(x, 1.0)
    with pytest.raises(ValueError, match="gelu: approximate must be 'none' or 'tanh'"):
        F.gelu(x, approximate="erf")
    with pytest.raises(TypeError, match="relu: input must be a Tensor or array-like"):
        F.relu(object())
    with pytest.raises(TypeError, match="elu: expected a float32 or float64 tensor"):
        F.elu(ag.tensor(np.array([1, 2])))
