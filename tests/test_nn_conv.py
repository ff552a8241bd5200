"""Convolution (autograd.conv1d/conv2d, F.conv*): values and gradients equal torch's on drawn
geometries (float64; float32 stays float32), first and second derivatives and forward mode
equal finite differences, forward mode agrees with reverse mode."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings

import autograd as ag
import nn.functional as F
from autograd.testing import assert_jvp_matches_vjp
from conv_cases import CHECK_EXAMPLES, conv_cases

pytestmark = pytest.mark.filterwarnings("ignore:Using padding=.same. with even kernel")

CONV = {1: F.conv1d, 2: F.conv2d}
TORCH_CONV = {1: torch.nn.functional.conv1d, 2: torch.nn.functional.conv2d}


def _split(case):
    arrays = [case["input"], case["weight"]] + ([case["bias"]] if case["bias"] is not None else [])
    options = {k: case[k] for k in ("stride", "padding", "dilation", "groups")}
    return arrays, options


def _ours_and_torch(case, dtype=np.float64):
    """Our and torch's output and gradients of sum(y * v) for every operand."""
    arrays, options = _split(case)
    dims = case["input"].ndim - 2
    ours = [ag.tensor(a.astype(dtype), requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a.astype(dtype), requires_grad=True) for a in arrays]
    y = CONV[dims](*ours, **options) if len(ours) == 3 else CONV[dims](*ours, None, **options)
    y_torch = TORCH_CONV[dims](*theirs, **options)
    v = np.random.default_rng(1).standard_normal(y.shape).astype(dtype)
    (y * ag.tensor(v)).sum().backward()
    (y_torch * torch.tensor(v)).sum().backward()
    return (y, [t.grad for t in ours]), (y_torch, [t.grad for t in theirs])


@given(conv_cases())
def test_conv_values_and_gradients_equal_torchs_in_float64(case):
    (y, grads), (y_torch, grads_torch) = _ours_and_torch(case)
    assert y.shape == tuple(y_torch.shape)
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), rtol=1e-10, atol=1e-10)
    for grad, grad_torch in zip(grads, grads_torch):
        np.testing.assert_allclose(grad, grad_torch.numpy(), rtol=1e-10, atol=1e-10)


@given(conv_cases(batch=(1, 2)))
def test_conv_in_float32_stays_float32_and_is_near_torchs(case):
    (y, grads), (y_torch, grads_torch) = _ours_and_torch(case, np.float32)
    assert y.dtype == np.float32 and all(g.dtype == np.float32 for g in grads)
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), rtol=1e-4, atol=1e-4)
    for grad, grad_torch in zip(grads, grads_torch):
        np.testing.assert_allclose(grad, grad_torch.numpy(), rtol=1e-4, atol=1e-4)


def _conv_of(case):
    arrays, options = _split(case)
    dims = case["input"].ndim - 2
    tensors = [ag.tensor(a, requires_grad=True) for a in arrays]

    def conv(x, w, b=None):
        return CONV[dims](x, w, b, **options)
    return conv, tensors


@settings(max_examples=CHECK_EXAMPLES)
@given(conv_cases(batch=(1, 1)))
def test_conv_first_and_second_derivatives_and_forward_mode_equal_finite_differences(case):
    conv, tensors = _conv_of(case)
    assert ag.gradcheck(conv, tensors, check_forward_ad=True)
    assert ag.gradgradcheck(conv, tensors)


@given(conv_cases(batch=(1, 2)))
def test_conv_forward_mode_agrees_with_reverse_mode(case):
    conv, tensors = _conv_of(case)
    assert_jvp_matches_vjp(conv, *tensors)


def test_conv2d_of_a_digit_sized_batch_equals_torchs():
    rng = np.random.default_rng(0)
    x, w, b = rng.random((4, 1, 28, 28)), rng.standard_normal((8, 1, 5, 5)), rng.random(8)
    y = F.conv2d(x, w, b)
    expected = torch.nn.functional.conv2d(*(torch.tensor(a) for a in (x, w, b)))
    np.testing.assert_allclose(y.data, expected.numpy(), rtol=1e-12)


def test_a_1x1_kernel_is_a_matrix_product_over_the_channels():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 3, 4, 5)), rng.standard_normal((6, 3, 1, 1))
    y = F.conv2d(x, w)
    np.testing.assert_allclose(y.data, np.einsum("nchw,oc->nohw", x, w[:, :, 0, 0]))


def test_an_empty_batch_gives_an_empty_output_and_gradients_of_zeros():
    w = ag.tensor(np.ones((4, 2, 3, 3)), requires_grad=True)
    x = ag.tensor(np.zeros((0, 2, 5, 5)), requires_grad=True)
    y = F.conv2d(x, w, padding=1)
    assert y.shape == tuple(torch.nn.functional.conv2d(
        torch.zeros(0, 2, 5, 5), torch.ones(4, 2, 3, 3), padding=1).shape)
    y.sum().backward()
    assert x.grad.shape == (0, 2, 5, 5) and not w.grad.any()


def test_an_unbatched_input_gives_an_unbatched_output_as_torch():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 6, 7)), rng.standard_normal((3, 2, 2, 3))
    np.testing.assert_allclose(
        F.conv2d(x, w, stride=2).data,
        torch.nn.functional.conv2d(torch.tensor(x), torch.tensor(w), stride=2).numpy())


@pytest.mark.parametrize("kernel, dilation", [((2, 4), (1, 1)), ((3, 2), (2, 3))])
def test_same_padding_with_even_kernels_pads_the_extra_zero_after(kernel, dilation):
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((1, 1, 6, 7)), rng.standard_normal((1, 1) + kernel)
    y = F.conv2d(x, w, padding="same", dilation=dilation)
    expected = torch.nn.functional.conv2d(torch.tensor(x), torch.tensor(w), padding="same",
                                          dilation=dilation)
    assert y.shape == x.shape
    np.testing.assert_allclose(y.data, expected.numpy(), rtol=1e-12)


BAD_INPUTS = [
    ("a kernel larger than the input", (1, 1, 4, 4), (1, 1, 5, 5), {}, ValueError,
     "padded input size per channel"),
    ("same with a stride", (1, 1, 4, 4), (1, 1, 3, 3), dict(stride=2, padding="same"),
     ValueError, "not supported for strided"),
    ("a padding string torch lacks", (1, 1, 4, 4), (1, 1, 3, 3), dict(padding="full"),
     ValueError, "'valid' or 'same'"),
    ("channels that do not match", (1, 1, 4, 4), (1, 2, 3, 3), {}, ValueError,
     "expects an input with 2 channels"),
    ("output channels not divisible by groups", (1, 2, 4, 4), (3, 1, 3, 3), dict(groups=2),
     ValueError, "divisible by groups=2"),
    ("a 2-d input", (4, 4), (1, 1, 3, 3), {}, ValueError, "4-d (batched) input"),
    ("a 3-d weight", (1, 1, 4, 4), (1, 3, 3), {}, ValueError, "4-d weight"),
    ("a stride of 0", (1, 1, 4, 4), (1, 1, 3, 3), dict(stride=0), ValueError,
     "stride must be positive"),
    ("a negative padding", (1, 1, 4, 4), (1, 1, 3, 3), dict(padding=-1), ValueError,
     "padding must be non-negative"),
    ("a stride of three numbers", (1, 1, 4, 4), (1, 1, 3, 3), dict(stride=(1, 2, 1)),
     ValueError, "tuple of 2 ints"),
    ("a float stride", (1, 1, 4, 4), (1, 1, 3, 3), dict(stride=1.5), TypeError,
     "stride must be an int"),
]


@pytest.mark.parametrize("what, x_shape, w_shape, options, error, words", BAD_INPUTS,
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_refused_with_a_message_naming_conv2d(what, x_shape, w_shape, options,
                                                           error, words):
    with pytest.raises(error, match="conv2d") as raised:
        F.conv2d(np.ones(x_shape), np.ones(w_shape), **options)
    assert words in str(raised.value)
    with pytest.raises((RuntimeError, TypeError)):  # torch refuses them too
        torch.nn.functional.conv2d(torch.ones(x_shape), torch.ones(w_shape), **options)


def test_mixed_dtypes_and_integer_inputs_are_refused_as_torch_does():
    with pytest.raises(TypeError, match="same dtype"):
        F.conv2d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2, 2), dtype=np.float32))
    with pytest.raises(TypeError, match="floating-point input"):
        F.conv2d(np.ones((1, 1, 3, 3), dtype=np.int64), np.ones((1, 1, 2, 2)))
    with pytest.raises(ValueError, match=r"bias of shape \(1,\)"):
        F.conv2d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2, 2)), np.ones(2))


def test_zero_input_channels_give_the_bias_where_torch_drops_the_output_channels():
    """A deliberate difference: with no input channels each output is an empty sum plus the
    bias. torch (2.13) answers a tensor with 0 output channels instead of 2."""
    x, w, b = np.ones((1, 0, 4, 4)), np.ones((2, 0, 3, 3)), np.array([1.0, 2.0])
    assert torch.nn.functional.conv2d(*(torch.tensor(a) for a in (x, w, b))).shape[1] == 0
    y = F.conv2d(x, w, b)
    np.testing.assert_array_equal(y.data, np.broadcast_to(b[:, None, None], (1, 2, 2, 2)))


def test_a_weight_without_output_channels_or_with_an_empty_kernel_is_refused():
    for shape in ((0, 1, 3, 3), (1, 1, 0, 3)):
        with pytest.raises(ValueError, match="at least one channel on axis 0"):
            F.conv2d(np.ones((1, 1, 4, 4)), np.ones(shape))


def test_conv3d_equals_torchs():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 4, 5, 4, 6)), rng.standard_normal((2, 2, 2, 3, 2))
    b = rng.random(2)
    options = dict(stride=(1, 2, 1), padding=(1, 0, 1), dilation=(2, 1, 1), groups=2)
    ours = [ag.tensor(a, requires_grad=True) for a in (x, w, b)]
    theirs = [torch.tensor(a, requires_grad=True) for a in (x, w, b)]
    y, y_torch = F.conv3d(*ours, **options), torch.nn.functional.conv3d(*theirs, **options)
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), rtol=1e-12, atol=1e-12)
    (y * y).sum().backward()
    (y_torch * y_torch).sum().backward()
    for mine, torch_leaf in zip(ours, theirs):
        np.testing.assert_allclose(mine.grad, torch_leaf.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_gradients_under_create_graph_are_recorded_by_the_transpose_and_weight_ops():
    x = ag.tensor(np.random.default_rng(0).standard_normal((1, 2, 5)), requires_grad=True)
    w = ag.tensor(np.random.default_rng(1).standard_normal((3, 2, 2)), requires_grad=True)
    grad_x, grad_w = ag.grad(F.conv1d(x, w, stride=2).sum(), [x, w], create_graph=True)
    assert grad_x.grad_fn.name == "conv_transpose1d"
    assert grad_w.grad_fn.name == "conv_weight1d"
