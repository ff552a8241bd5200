"""conv_transpose1d/2d (the adjoint of conv in its input): values and gradients equal torch's
on drawn geometries, derivatives of first and second order and forward mode equal finite
differences, and it is the adjoint: <conv(x, W), y> = <x, conv_transpose(y, W)>."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
import nn.functional as F
from autograd.ops.convolution import ConvNd, ConvWeightNd, Geometry
from autograd.testing import assert_jvp_matches_vjp
from conv_cases import CHECK_EXAMPLES, conv_cases

OURS = {1: F.conv_transpose1d, 2: F.conv_transpose2d}
THEIRS = {1: torch.nn.functional.conv_transpose1d, 2: torch.nn.functional.conv_transpose2d}


@st.composite
def transpose_cases(draw, batch=(0, 2)):
    """A conv case turned around: an input with the weight's first axis as channels, any
    small size, and an output_padding below the stride or the dilation."""
    case = draw(conv_cases(batch=batch, strings=False))
    weight, dims = case["weight"], case["weight"].ndim - 2
    size = tuple(draw(st.lists(st.integers(1, 4), min_size=dims, max_size=dims)))
    n = case["input"].shape[0]
    case["input"] = np.random.default_rng(n).standard_normal((n, weight.shape[0]) + size)
    case["output_padding"] = tuple(draw(st.integers(0, max(s, d) - 1))
                                   for s, d in zip(case["stride"], case["dilation"]))
    if case["bias"] is not None:
        case["bias"] = np.resize(case["bias"], weight.shape[1] * case["groups"])
    return case


def _call(functions, case, arrays):
    dims = case["input"].ndim - 2
    x, w = arrays[:2]
    bias = arrays[2] if len(arrays) == 3 else None
    return functions[dims](x, w, bias, stride=case["stride"], padding=case["padding"],
                           output_padding=case["output_padding"], groups=case["groups"],
                           dilation=case["dilation"])


def _arrays(case):
    return [case["input"], case["weight"]] + ([case["bias"]] if case["bias"] is not None else [])


def _valid_for_torch(case):
    """torch's output size (L - 1) stride - 2 padding + dilation (K - 1) + output_padding + 1
    is positive."""
    sizes = [(n - 1) * s - 2 * p + d * (k - 1) + e + 1 for n, s, p, d, k, e in zip(
        case["input"].shape[2:], case["stride"], case["padding"], case["dilation"],
        case["weight"].shape[2:], case["output_padding"])]
    return all(size > 0 for size in sizes)


@given(transpose_cases())
def test_conv_transpose_values_and_gradients_equal_torchs(case):
    arrays = _arrays(case)
    ours = [ag.tensor(a, requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a, requires_grad=True) for a in arrays]
    if not _valid_for_torch(case):
        with pytest.raises(ValueError, match="is not positive"):
            _call(OURS, case, ours)
        return
    y, y_torch = _call(OURS, case, ours), _call(THEIRS, case, theirs)
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), rtol=1e-10, atol=1e-10)
    v = np.random.default_rng(0).standard_normal(y.shape)
    (y * ag.tensor(v)).sum().backward()
    (y_torch * torch.tensor(v)).sum().backward()
    for mine, torch_leaf in zip(ours, theirs):
        np.testing.assert_allclose(mine.grad, torch_leaf.grad.numpy(), rtol=1e-10, atol=1e-10)


@settings(max_examples=CHECK_EXAMPLES)
@given(transpose_cases(batch=(1, 1)))
def test_conv_transpose_derivatives_and_forward_mode_equal_finite_differences(case):
    if not _valid_for_torch(case):
        return
    tensors = [ag.tensor(a, requires_grad=True) for a in _arrays(case)]

    def transpose(*arrays):
        return _call(OURS, case, arrays)
    assert ag.gradcheck(transpose, tensors, check_forward_ad=True)
    assert ag.gradgradcheck(transpose, tensors)
    assert_jvp_matches_vjp(transpose, *tensors)


@given(conv_cases(batch=(1, 2), strings=False))
def test_conv_transpose_is_the_adjoint_of_conv_in_its_input(case):
    x, w = case["input"], case["weight"]
    options = dict(stride=case["stride"], padding=case["padding"], dilation=case["dilation"],
                   groups=case["groups"])
    y = F.conv2d(x, w, **options) if x.ndim == 4 else F.conv1d(x, w, **options)
    v = np.random.default_rng(0).standard_normal(y.shape)
    # the output padding that gives back x's size
    extra = tuple(n - ((m - 1) * s - 2 * p + d * (k - 1) + 1) for n, m, s, p, d, k in zip(
        x.shape[2:], y.shape[2:], case["stride"], case["padding"], case["dilation"],
        w.shape[2:]))
    back = OURS[x.ndim - 2](v, w, stride=case["stride"], padding=case["padding"],
                            output_padding=extra, groups=case["groups"],
                            dilation=case["dilation"]) if all(
        e < max(s, d) for e, s, d in zip(extra, case["stride"], case["dilation"])) else None
    if back is not None:
        assert np.isclose(np.vdot(y.data, v), np.vdot(x, back.data), rtol=1e-10, atol=1e-10)


@settings(max_examples=CHECK_EXAMPLES)
@given(conv_cases(batch=(1, 2), strings=False))
def test_the_weight_gradient_op_is_checked_like_every_op(case):
    """conv_weight(x, v), the map from the input and the output's gradient v to the weight's
    gradient that backward(create_graph=True) records: it gives the weight's gradient, and
    its own derivatives and jvp equal finite differences and reverse mode."""
    x, w = case["input"], case["weight"]
    geometry = Geometry.fitting(x.shape[2:], w.shape[2:], case["stride"],
                                tuple((p, p) for p in case["padding"]), case["dilation"],
                                case["groups"])
    weight = ag.tensor(w, requires_grad=True)
    y = ConvNd.apply(ag.tensor(x), weight, geometry=geometry)
    v = np.random.default_rng(0).standard_normal(y.shape)
    (y * ag.tensor(v)).sum().backward()
    leaves = [ag.tensor(x, requires_grad=True), ag.tensor(v, requires_grad=True)]

    def weight_gradient(inputs, grads):
        return ConvWeightNd.apply(inputs, grads, geometry=geometry)
    np.testing.assert_allclose(weight_gradient(*leaves).data, weight.grad, rtol=1e-12)
    assert ag.gradcheck(weight_gradient, leaves, check_forward_ad=True)
    assert ag.gradgradcheck(weight_gradient, leaves)
    assert_jvp_matches_vjp(weight_gradient, *leaves)
