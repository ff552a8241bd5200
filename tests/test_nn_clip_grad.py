"""nn.utils.clip_grad_norm_ and clip_grad_value_ against torch.nn.utils: the same total norm
and the same clipped gradients, for every norm type, in float64 and float32, with
parameters lacking a gradient, non-finite gradients, and gradients held as Tensors.

Deliberate differences (tested here): a negative max_norm or clip_value is a ValueError
(torch flips the gradients' signs); the inf-norm of an empty gradient is 0 (torch raises).
"""
import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
import nn
from nn.utils import clip_grad_norm_, clip_grad_value_
from strategies import floats, seeds

NORM_TYPES = [2.0, 1.0, 3.5, 0.5, math.inf, -math.inf, 0.0]
SHAPES = [(3, 2), (4,), (), (2, 2)]


def _pairs(seed, dtypes=(np.float64,), scale=1.0, without_grad=(2,)):
    """Parameters in both engines with the same gradients (none for the indices
    `without_grad`)."""
    rng = np.random.default_rng(seed)
    ours, theirs = [], []
    for index, shape in enumerate(SHAPES):
        dtype = dtypes[index % len(dtypes)]
        start = rng.standard_normal(shape).astype(dtype)
        our, their = ag.Tensor(start, requires_grad=True), torch.tensor(start, requires_grad=True)
        if index not in without_grad:
            grad = np.array(scale * rng.standard_normal(shape), dtype=dtype)
            our.grad, their.grad = grad, torch.tensor(grad)
        ours.append(our)
        theirs.append(their)
    return ours, theirs


def _same_gradients(ours, theirs, rtol):
    for our, their in zip(ours, theirs):
        if their.grad is None:
            assert our.grad is None
            continue
        assert our.grad.dtype == their.grad.numpy().dtype
        np.testing.assert_allclose(our.grad, their.grad.numpy(), rtol=rtol, atol=1e-300)


@given(st.sampled_from(NORM_TYPES), floats(0.0, 5.0) | st.just(math.inf), floats(0.01, 10.0),
       seeds)
def test_clip_grad_norm_is_torchs_in_float64(norm_type, max_norm, scale, seed):
    ours, theirs = _pairs(seed, scale=scale)
    our_total = clip_grad_norm_(ours, max_norm, norm_type)
    their_total = torch.nn.utils.clip_grad_norm_(theirs, max_norm, norm_type)
    assert isinstance(our_total, ag.Tensor) and our_total.shape == ()
    assert our_total.dtype == np.float64
    np.testing.assert_allclose(our_total.data, their_total.numpy(), rtol=1e-13)
    _same_gradients(ours, theirs, rtol=1e-13)


@pytest.mark.parametrize("norm_type", NORM_TYPES)
@pytest.mark.parametrize("dtypes", [(np.float32,), (np.float32, np.float64)])
def test_clip_grad_norm_is_torchs_in_float32_and_mixed(norm_type, dtypes):
    ours, theirs = _pairs(7, dtypes=dtypes, scale=3.0)
    our_total = clip_grad_norm_(ours, 1.0, norm_type=norm_type)
    their_total = torch.nn.utils.clip_grad_norm_(theirs, 1.0, norm_type=norm_type)
    assert our_total.dtype == their_total.numpy().dtype
    np.testing.assert_allclose(our_total.data, their_total.numpy(), rtol=2e-6)
    _same_gradients(ours, theirs, rtol=2e-6)


def test_a_single_tensor_and_a_generator_are_accepted():
    ours, theirs = _pairs(1, without_grad=())
    np.testing.assert_allclose(clip_grad_norm_(ours[0], 0.1).data,
                               torch.nn.utils.clip_grad_norm_(theirs[0], 0.1).numpy())
    clip_grad_norm_((p for p in ours), 0.1)
    torch.nn.utils.clip_grad_norm_((p for p in theirs), 0.1)
    _same_gradients(ours, theirs, rtol=1e-13)


def test_no_gradients_give_a_zero_norm_and_change_nothing():
    params = [ag.Tensor(np.ones(2), requires_grad=True)]
    total = clip_grad_norm_(params, 1.0)
    assert total.item() == 0.0 and total.dtype == np.float32
    assert torch.nn.utils.clip_grad_norm_([], 1.0).item() == 0.0
    assert clip_grad_norm_([], 1.0).item() == 0.0


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_a_non_finite_norm_raises_only_when_asked(bad):
    ours, theirs = _pairs(2)
    ours[0].grad[0, 0] = bad
    theirs[0].grad[0, 0] = bad
    with pytest.raises(RuntimeError, match=f"clip_grad_norm_: the total norm of order 2.0 of "
                                           f"the gradients is {bad}"):
        clip_grad_norm_(ours, 1.0, error_if_nonfinite=True)
    with np.errstate(invalid="ignore"):  # inf * nan: numpy's notice, torch is silent
        our_total = clip_grad_norm_(ours, 1.0)
    their_total = torch.nn.utils.clip_grad_norm_(theirs, 1.0)
    np.testing.assert_array_equal(our_total.data, their_total.numpy())
    _same_gradients(ours, theirs, rtol=0)


def test_a_gradient_held_as_a_tensor_is_replaced_and_its_graph_untouched():
    w = ag.Tensor([3.0, 4.0], requires_grad=True)
    (w * w).sum().backward(create_graph=True)
    recorded = w.grad
    total = clip_grad_norm_([w], 1.0)
    np.testing.assert_allclose(total.data, 10.0)
    np.testing.assert_allclose(w.grad, [0.6, 0.8], rtol=1e-6)
    np.testing.assert_array_equal(recorded.data, [6.0, 8.0])


@given(floats(0.0, 2.0), seeds)
def test_clip_grad_value_is_torchs(clip_value, seed):
    ours, theirs = _pairs(seed, dtypes=(np.float64, np.float32), scale=2.0)
    assert clip_grad_value_(ours, clip_value) is None
    torch.nn.utils.clip_grad_value_(theirs, clip_value)
    _same_gradients(ours, theirs, rtol=0)


def test_gradients_are_changed_in_place():
    ours, _ = _pairs(3, without_grad=())
    arrays = [p.grad for p in ours]
    clip_grad_norm_(ours, 0.01)
    clip_grad_value_(ours, 0.001)
    assert all(p.grad is array for p, array in zip(ours, arrays))
    assert max(np.abs(p.grad).max() for p in ours) <= 0.001


def test_deliberate_differences_negative_limits_and_the_inf_norm_of_nothing():
    ours, theirs = _pairs(4)
    with pytest.raises(ValueError, match="clip_grad_norm_: max_norm must be >= 0, got -1.0"):
        clip_grad_norm_(ours, -1.0)
    with pytest.raises(ValueError, match="clip_grad_value_: clip_value must be >= 0"):
        clip_grad_value_(ours, -0.5)
    empty = ag.Tensor(np.zeros(0), requires_grad=True)
    empty.grad = np.zeros(0)
    assert clip_grad_norm_([empty], 1.0, norm_type=math.inf).item() == 0.0
    their_empty = torch.zeros(0, dtype=torch.float64, requires_grad=True)
    their_empty.grad = torch.zeros(0, dtype=torch.float64)
    with pytest.raises(RuntimeError):
        torch.nn.utils.clip_grad_norm_([their_empty], 1.0, norm_type=math.inf)


@pytest.mark.parametrize("call, error, pattern", [
    (lambda ps: clip_grad_norm_(ps, "1"), TypeError, "max_norm must be a number, got str"),
    (lambda ps: clip_grad_norm_(ps, True), TypeError, "max_norm must be a number, got bool"),
    (lambda ps: clip_grad_norm_(ps, math.nan), ValueError, "max_norm must be a number"),
    (lambda ps: clip_grad_norm_(ps, 1.0, norm_type=None), TypeError, "norm_type must be"),
    (lambda ps: clip_grad_norm_(ps, 1.0, error_if_nonfinite=1), TypeError,
     "error_if_nonfinite must be True or False"),
    (lambda ps: clip_grad_norm_(3, 1.0), TypeError, "parameters must be a Tensor or an iterable"),
    (lambda ps: clip_grad_norm_([np.ones(2)], 1.0), TypeError, "parameter 0 must be a Tensor"),
    (lambda ps: clip_grad_value_(ps, None), TypeError, "clip_value must be a number"),
])
def test_bad_arguments_are_clear_errors(call, error, pattern):
    ours, _ = _pairs(5)
    with pytest.raises(error, match=pattern):
        call(ours)


def test_exported_as_nn_utils():
    assert nn.utils.clip_grad_norm_ is clip_grad_norm_
    assert nn.utils.clip_grad_value_ is clip_grad_value_
