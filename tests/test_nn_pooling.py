"""Pooling (max, average, adaptive average; 1d and 2d): values and gradients equal torch's on
drawn windows (ties, NaN and -inf included for max pooling), derivatives and forward mode
equal finite differences, and bad arguments get clear errors."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
import nn.functional as F
from autograd.testing import assert_jvp_matches_vjp
from conv_cases import CHECK_EXAMPLES, pool_cases

TF = torch.nn.functional


def _compare(ours, theirs, x, dtype=np.float64, **options):
    """Our and torch's pooling of x agree in shape, dtype, values and gradient."""
    mine = ag.tensor(x.astype(dtype), requires_grad=True)
    torch_x = torch.tensor(x.astype(dtype), requires_grad=True)
    y, y_torch = ours(mine, **options), theirs(torch_x, **options)
    assert y.shape == tuple(y_torch.shape) and y.dtype == dtype
    tolerance = 1e-12 if dtype == np.float64 else 1e-5
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), rtol=tolerance, atol=tolerance)
    v = np.random.default_rng(0).standard_normal(y.shape).astype(dtype)
    (y * ag.tensor(v)).sum().backward()
    (y_torch * torch.tensor(v)).sum().backward()
    np.testing.assert_allclose(mine.grad, torch_x.grad.numpy(), rtol=tolerance, atol=tolerance)


def _pool(case, kind):
    dims = case["input"].ndim - 2
    name = f"{kind}_pool{dims}d"
    options = {k: v for k, v in case.items() if k != "input"}
    return getattr(F, name), getattr(TF, name), options


@given(pool_cases(), st.sampled_from((np.float64, np.float32)))
def test_max_pool_values_and_gradients_equal_torchs(case, dtype):
    ours, theirs, options = _pool(case, "max")
    _compare(ours, theirs, case["input"], dtype, **options)


@settings(max_examples=CHECK_EXAMPLES)
@given(pool_cases(ties=False))
def test_max_pool_derivatives_and_forward_mode_equal_finite_differences(case):
    ours, _, options = _pool(case, "max")
    x = ag.tensor(case["input"], requires_grad=True)
    assert ag.gradcheck(lambda t: ours(t, **options), [x], check_forward_ad=True)
    assert ag.gradgradcheck(lambda t: ours(t, **options), [x])
    assert_jvp_matches_vjp(lambda t: ours(t, **options), x)


def test_max_pool_on_nan_and_inf_gives_torchs_values_indices_and_gradient():
    nan, inf = np.nan, np.inf
    x = np.array([[[[1.0, nan, 3.0, -inf], [nan, 2.0, -inf, -inf], [inf, 0.0, 5.0, 5.0]]]])
    for options in (dict(kernel_size=2), dict(kernel_size=2, padding=1),
                    dict(kernel_size=(2, 3), stride=1, ceil_mode=True)):
        _compare(F.max_pool2d, TF.max_pool2d, x, **options)
        _, indices = F.max_pool2d(x, return_indices=True, **options)
        _, torch_indices = TF.max_pool2d(torch.tensor(x), return_indices=True, **options)
        assert indices.dtype == np.int64
        np.testing.assert_array_equal(indices.data, torch_indices.numpy())


def test_equal_maxima_send_the_gradient_to_the_first_as_torch():
    x = ag.tensor(np.ones((1, 1, 2, 2)), requires_grad=True)
    F.max_pool2d(x, 2).sum().backward()
    np.testing.assert_array_equal(x.grad, [[[[1.0, 0.0], [0.0, 0.0]]]])


@given(pool_cases(dilation=False), st.booleans(), st.sampled_from((np.float64, np.float32)))
def test_avg_pool_values_and_gradients_equal_torchs(case, count_include_pad, dtype):
    ours, theirs, options = _pool(case, "avg")
    _compare(ours, theirs, case["input"], dtype, count_include_pad=count_include_pad, **options)


@given(pool_cases(dims=2, dilation=False), st.integers(1, 7))
def test_avg_pool2d_with_a_divisor_override_equals_torchs(case, divisor):
    ours, theirs, options = _pool(case, "avg")
    _compare(ours, theirs, case["input"], divisor_override=divisor, **options)


@settings(max_examples=CHECK_EXAMPLES)
@given(pool_cases(dilation=False, ties=False))
def test_avg_pool_derivatives_and_forward_mode_equal_finite_differences(case):
    ours, _, options = _pool(case, "avg")
    x = ag.tensor(case["input"], requires_grad=True)
    assert ag.gradcheck(lambda t: ours(t, **options), [x], check_forward_ad=True)
    assert ag.gradgradcheck(lambda t: ours(t, **options), [x])


sizes = st.integers(1, 6)


@given(st.tuples(sizes, sizes), st.tuples(sizes, st.one_of(st.none(), sizes)),
       st.sampled_from((np.float64, np.float32)))
def test_adaptive_avg_pool_values_and_gradients_equal_torchs(size, output_size, dtype):
    x = np.random.default_rng(sum(size)).standard_normal((2, 3) + size)
    _compare(F.adaptive_avg_pool2d, TF.adaptive_avg_pool2d, x, dtype, output_size=output_size)
    _compare(F.adaptive_avg_pool1d, TF.adaptive_avg_pool1d, x[:, :, 0], dtype,
             output_size=output_size[0])


def test_adaptive_avg_pool_derivatives_equal_finite_differences():
    x = ag.tensor(np.random.default_rng(0).standard_normal((1, 2, 5, 4)), requires_grad=True)
    pool = lambda t: F.adaptive_avg_pool2d(t, (3, 3))  # noqa: E731
    assert ag.gradcheck(pool, [x], check_forward_ad=True)
    assert ag.gradgradcheck(pool, [x])
    assert_jvp_matches_vjp(pool, x)


BAD = [
    (F.max_pool2d, TF.max_pool2d, (1, 1, 4, 4), dict(kernel_size=2, padding=2),
     "at most half"),
    (F.max_pool2d, TF.max_pool2d, (1, 1, 4, 4), dict(kernel_size=5), "too small"),
    (F.avg_pool2d, TF.avg_pool2d, (1, 1, 4, 4), dict(kernel_size=3, padding=2), "at most half"),
    (F.max_pool2d, TF.max_pool2d, (4, 4), dict(kernel_size=2), "3-d (unbatched)"),
    (F.max_pool2d, TF.max_pool2d, (1, 1, 4, 4), dict(kernel_size=0), "must be positive"),
    (F.avg_pool1d, TF.avg_pool1d, (1, 1, 4), dict(kernel_size=2, stride=0), "must be positive"),
]


@pytest.mark.parametrize("ours, theirs, shape, options, words", BAD)
def test_bad_pooling_arguments_get_a_clear_error_where_torch_refuses_too(ours, theirs, shape,
                                                                         options, words):
    with pytest.raises(ValueError, match=ours.__name__) as raised:
        ours(np.ones(shape), **options)
    assert words in str(raised.value)
    with pytest.raises(RuntimeError):
        theirs(torch.ones(shape), **options)


def test_a_max_pool_window_of_only_padding_is_refused_where_torch_gives_minus_inf():
    """A deliberate difference: with dilation 2 and padding 1, the window of a length-1 input
    taps positions -1 and 1, both padding. torch answers -inf with index 1, outside the
    input; ours refuses with a message that says why."""
    x = np.array([[[-1.0]]])
    y, index = TF.max_pool1d(torch.tensor(x), 2, padding=1, dilation=2, return_indices=True)
    assert y.item() == -np.inf and index.item() == 1
    with pytest.raises(ValueError, match="holds only padding"):
        F.max_pool1d(x, 2, padding=1, dilation=2)


@pytest.mark.parametrize("pool, options", [
    (F.max_pool2d, dict(kernel_size=2)), (F.avg_pool2d, dict(kernel_size=2)),
    (F.adaptive_avg_pool2d, dict(output_size=(1, 3))),
])
def test_an_empty_batch_gives_an_empty_output_and_gradient(pool, options):
    x = ag.tensor(np.zeros((0, 2, 4, 4)), requires_grad=True)
    y = pool(x, **options)
    theirs = getattr(TF, pool.__name__)(torch.zeros(0, 2, 4, 4), **options)
    assert y.shape == tuple(theirs.shape)
    y.sum().backward()
    assert x.grad.shape == (0, 2, 4, 4)


def test_a_1x1_window_with_stride_1_is_the_identity():
    x = np.random.default_rng(0).standard_normal((2, 3, 4, 5))
    np.testing.assert_array_equal(F.max_pool2d(x, 1).data, x)
    np.testing.assert_array_equal(F.avg_pool2d(x, 1).data, x)


def test_adaptive_output_size_0_gives_an_empty_axis_as_torch():
    x = np.ones((1, 2, 4, 4))
    assert F.adaptive_avg_pool2d(x, (0, 2)).shape == tuple(
        TF.adaptive_avg_pool2d(torch.tensor(x), (0, 2)).shape)


def test_unbatched_input_is_pooled_as_torch():
    x = np.random.default_rng(0).standard_normal((3, 5, 6))
    for ours, theirs in ((F.max_pool2d, TF.max_pool2d), (F.avg_pool2d, TF.avg_pool2d)):
        np.testing.assert_allclose(ours(x, 2, 1).data, theirs(torch.tensor(x), 2, 1).numpy())


def test_nan_and_inf_stay_inside_their_adaptive_and_average_windows_as_torch():
    x = np.array([[[np.nan, 0.0, 0.0, 1.0], [0.0, 0.0, 2.0, 0.0], [np.inf, 1.0, -np.inf, 3.0]]])
    for ours, theirs, options in ((F.adaptive_avg_pool1d, TF.adaptive_avg_pool1d, (3,)),
                                  (F.avg_pool1d, TF.avg_pool1d, (2,)),
                                  (F.max_pool1d, TF.max_pool1d, (2,))):
        np.testing.assert_array_equal(ours(x, *options).data,
                                      theirs(torch.tensor(x), *options).numpy())
