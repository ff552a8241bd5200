"""The activations (erf, leaky_relu, elu, celu, selu, relu6, hardtanh, hardsigmoid, hardswish,
gelu, silu, mish, softplus, logsigmoid, softsign, softmin): values equal torch's (float64),
float32 stays float32, and first and second derivatives equal finite differences on inputs
kept away from the kinks."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from activation_cases import CASES
from strategies import arrays, floats_away_from, leaf, shapes, single_axis


def _drawn_input(data, name, min_dims=0):
    case = CASES[name]
    elements = floats_away_from(case.kinks, case.lo, case.hi)
    return case, data.draw(arrays(shapes(min_dims=min_dims), elements), label="x")


# 22 cases of one kind of property: a quarter of the profile's examples each keeps them fast.
@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=max(1, settings.default.max_examples // 4))
@given(data=st.data())
def test_activation_and_its_gradient_match_torch_and_pass_gradcheck_and_gradgradcheck(name, data):
    case, a = _drawn_input(data, name)
    x = leaf(a)
    out = case.ours(x)
    assert out.shape == a.shape and out.dtype == np.float64
    assert out.grad_fn.name == case.name
    reference = torch.from_numpy(a.copy()).requires_grad_()
    expected = case.torch(reference)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-300)
    out.sum().backward()
    expected.sum().backward()
    rtol = 1e-7 if name == "hardsigmoid" else 1e-12  # torch's 1/6 is float32's (see the edges)
    atol = 1e-15 if name == "softmin" else 1e-300  # the gradient of a sum of softmin is ~0
    np.testing.assert_allclose(x.grad, reference.grad.numpy(), rtol=rtol, atol=atol)
    assert ag.gradcheck(case.ours, (leaf(a),))
    assert ag.gradgradcheck(case.ours, (leaf(a),))


@pytest.mark.parametrize("name", sorted(CASES))
def test_activation_keeps_float32(name):
    case = CASES[name]
    a = np.array([[-2.5, -0.5, 0.25, 1.5, 4.0]], dtype=np.float32)
    x = ag.Tensor(a, requires_grad=True)
    out = case.ours(x)
    assert out.dtype == np.float32
    out.sum().backward()
    assert x.grad.dtype == np.float32
    expected = case.torch(torch.from_numpy(a)).numpy()
    np.testing.assert_allclose(out.data, expected, rtol=2e-6, atol=1e-7)


@given(a=arrays(shapes(min_dims=1), floats_away_from([], -3.0, 3.0)), data=st.data())
def test_softmin_along_any_axis_matches_torch_and_passes_gradgradcheck(a, data):
    axis = data.draw(single_axis(a.ndim), label="axis")
    softmin = lambda t: ag.softmin(t, dim=axis)  # noqa: E731
    np.testing.assert_allclose(softmin(leaf(a)).data,
                               F.softmin(torch.from_numpy(a), dim=axis).numpy(), rtol=1e-12)
    np.testing.assert_allclose(ag.softmin(leaf(a), axis=axis).data, softmin(leaf(a)).data)
    assert ag.gradcheck(softmin, (leaf(a),))
    assert ag.gradgradcheck(softmin, (leaf(a),))


def test_erf_is_a_tensor_method_and_a_function_of_arrays_and_numbers():
    a = np.array([-1.0, 0.5, 2.0])
    np.testing.assert_array_equal(ag.Tensor(a).erf().data, ag.erf(a).data)
    assert ag.erf(a).dtype == np.float64  # float64 numpy data stays float64
    assert ag.erf(0.5).dtype == np.float32
    np.testing.assert_allclose(ag.erf(0.5).item(), torch.erf(torch.tensor(0.5)).item())


def test_relu6_is_hardtanh_between_0_and_6():
    a = np.array([-1.0, 0.0, 2.5, 6.0, 7.0])
    np.testing.assert_array_equal(ag.relu6(a).data, ag.hardtanh(a, 0.0, 6.0).data)
    np.testing.assert_array_equal(ag.relu6(a).data, [0.0, 0.0, 2.5, 6.0, 6.0])


def test_softmin_is_softmax_of_minus_x_and_converts_to_the_dtype_asked_for():
    a = np.array([[1.0, 2.0, 4.0], [0.0, -1.0, 3.0]])
    np.testing.assert_allclose(ag.softmin(a, 0).data, ag.Tensor(-a).softmax(0).data)
    np.testing.assert_allclose(ag.softmin(a).data, ag.Tensor(-a).softmax(-1).data)
    x = ag.Tensor(a.astype(np.float32), requires_grad=True)
    out = ag.softmin(x, 1, dtype=np.float64)
    assert out.dtype == np.float64
    out.sum().backward()
    assert x.grad.dtype == np.float32


def test_selu_uses_the_self_normalizing_constants():
    x = ag.Tensor(np.array([-1.0, 1.0]))
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    np.testing.assert_allclose(ag.selu(x).data, [scale * alpha * np.expm1(-1.0), scale])
