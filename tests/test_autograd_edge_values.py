"""The wrong results found off the seeds' path (issue 8), each a minimal repro with PyTorch's
answer: second derivatives through detach, masks that turned inf into NaN, relu and sigmoid at
extreme inputs, pow at 0, division's gradient at tiny values, autograd.grad walking below its
inputs, int and bool inputs, and values that cannot be represented."""
import numpy as np
import pytest

import autograd as ag
from programs import TORCH

import torch  # a dev dependency: ./dev.sh test installs it


def leaf(values):
    return ag.Tensor(np.array(values, dtype=np.float64), requires_grad=True)


def test_second_derivative_through_detach_treats_the_detached_copy_as_a_constant():
    x = leaf([2.0])
    (g,) = ag.grad((x ** x.detach()).sum(), x, create_graph=True)  # x^c: c x^(c-1), c = 2
    (h,) = ag.grad(g.sum(), x)
    assert h.item() == 2.0  # c (c - 1) x^(c-2) = 2


def test_detach_on_the_other_side_too():
    x = leaf([2.0])
    (g,) = ag.grad((x.detach() ** x).sum(), x, create_graph=True)  # c^x ln c
    (h,) = ag.grad(g.sum(), x)
    assert h.item() == pytest.approx(4.0 * np.log(2.0) ** 2, rel=1e-14)


def test_an_infinite_gradient_arriving_at_relu_clip_or_where_gives_zero_where_they_cut():
    x = leaf([-1.0, 0.0, 4.0])
    x.relu().sqrt().sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.25])
    x = leaf([-1.0, 0.0, 4.0])
    (x.clip(0.5, 10.0) - 0.5).sqrt().sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.5 / np.sqrt(3.5)])
    x = leaf([0.0, 4.0])
    ag.where(np.array([False, True]), x, 1.0).sqrt().sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.25])


def test_x_to_the_power_0_has_gradient_exactly_0_even_where_the_upstream_is_inf():
    x = leaf([0.0, 2.0])
    ((x ** 0) * np.inf).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0])


def test_relu_of_minus_inf_is_0_of_a_negative_number_plus_0_and_minus_0_passes_as_in_torch():
    y = ag.Tensor(np.array([-np.inf, -1.0, np.nan, -0.0])).relu().data
    assert y[0] == 0 and y[1] == 0 and not np.signbit(y[1]) and np.isnan(y[2])
    assert y[3] == 0 and np.signbit(y[3])  # torch's relu(-0.) is -0.


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_accurate_to_a_few_ulps_over_the_whole_range_and_never_warns(dtype):
    z = np.concatenate([np.linspace(-80, 80, 3201), [-17.0, -20.0, -40.0, 0.0]]).astype(dtype)
    exact = 1 / (1 + np.exp(-z.astype(np.longdouble)))
    with np.errstate(all="raise"):
        a = ag.Tensor(z).sigmoid().data
    assert a.dtype == dtype
    ulps = np.abs(a - exact) / np.spacing(exact.astype(dtype))
    assert ulps.max() <= 4
    assert ag.Tensor(np.array([-1e4, 1e4, -np.inf, np.inf], dtype=dtype)).sigmoid().data.tolist() == [0, 1, 0, 1]


def test_log_sigmoid_of_minus_40_and_its_gradient_agree_with_torch():
    x = leaf([-40.0])
    y = x.sigmoid().log()
    y.backward()
    assert y.item() == pytest.approx(-40.0, rel=1e-15) and x.grad[0] == pytest.approx(1.0)
    assert ag.Tensor(np.float32(-17)).sigmoid().item() == pytest.approx(4.1399375e-08, rel=1e-6)


def test_pow_with_a_tensor_exponent_at_base_0_and_exponent_0_agrees_with_torch():
    a, b = leaf([0.0, 0.0, 2.0]), leaf([0.0, 2.0, 0.0])
    (a ** b).sum().backward()
    ta = torch.tensor([0.0, 0.0, 2.0], dtype=torch.float64, requires_grad=True)
    tb = torch.tensor([0.0, 2.0, 0.0], dtype=torch.float64, requires_grad=True)
    (ta ** tb).sum().backward()
    np.testing.assert_array_equal(a.grad, ta.grad.numpy())
    np.testing.assert_array_equal(b.grad, tb.grad.numpy())


def test_division_gradient_at_tiny_values_does_not_overflow():
    x = leaf([1e-300])
    (x / x).sum().backward()
    assert x.grad[0] == 0.0
    x = leaf([1e-300])
    (g,) = ag.grad(x.log().sum(), x, create_graph=True)
    (h,) = ag.grad(g.sum(), x)
    tx = torch.tensor([1e-300], dtype=torch.float64, requires_grad=True)
    (tg,) = torch.autograd.grad(tx.log().sum(), tx, create_graph=True)
    (th,) = torch.autograd.grad(tg.sum(), tx)
    assert h.item() == th.item()  # both -inf: -1/x^2 overflows, but is never NaN


def test_grad_stops_at_the_inputs_asked_for():
    x = leaf([1.0, 2.0])
    y = x.exp()
    y.sum().backward()  # frees exp's saved values
    (g,) = ag.grad((y * 2).sum(), y)  # needs nothing below y
    np.testing.assert_array_equal(g.data, [2.0, 2.0])


@pytest.mark.parametrize("values", [np.array([0, 5, -5]), np.array([True, False])])
def test_float_functions_of_int_and_bool_tensors_give_the_default_float_dtype(values):
    """As torch for sigmoid, exp, tanh, sqrt, log. Deliberate difference: torch refuses softmax,
    log_softmax and mean of integers; we give what they give on the values as float32."""
    t = ag.Tensor(values)
    for name in ("sigmoid", "exp", "tanh", "sqrt", "log", "softmax", "log_softmax", "mean"):
        torch_refuses = name in ("softmax", "log_softmax", "mean")
        source = torch.tensor(values, dtype=torch.float32) if torch_refuses else torch.tensor(values)
        with np.errstate(all="ignore"):
            ours = getattr(t, name)()
            theirs = getattr(source, name)(*((-1,) if "softmax" in name else ()))
        assert ours.dtype == np.float32
        np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-6)
    with pytest.raises((RuntimeError, NotImplementedError)):
        torch.tensor(values).softmax(-1)


def test_an_int_tensor_with_float_operands_is_never_cast_down():
    t = ag.Tensor(np.array([0, 1, 2], dtype=np.int32))
    np.testing.assert_allclose((0.7 ** t).data, [1.0, 0.7, 0.49], rtol=1e-6)
    np.testing.assert_array_equal((t + [0.5, 0.5, 0.5]).data, [0.5, 1.5, 2.5])


@pytest.mark.parametrize("make", [
    lambda: leaf([1.0, 2.0]) * np.array([1j, 1j]),
    lambda: ag.Tensor([1.0], dtype=np.complex64),
    lambda: ag.Tensor([1.0], dtype=str),
    lambda: ag.Tensor([1.0], dtype=object),
    lambda: ag.where(np.array([True]), leaf([1.0]), np.array(["a"])),
])
def test_complex_string_and_object_values_are_refused(make):
    with pytest.raises(TypeError, match="numeric"):
        make()


@pytest.mark.parametrize("returned", ["no", None, [1.0]])
def test_a_custom_forward_that_returns_no_array_is_refused_naming_the_op(returned):
    class Bad(ag.Function):
        @staticmethod
        def forward(ctx, x):
            return returned

    with pytest.raises(TypeError, match="op 'bad': forward must return a numpy array"):
        Bad.apply(leaf([1.0]))


def _second_derivative(ours, theirs, value):
    """d/dx of sum(d f/dx) at x = value, in our engine and in torch (float64)."""
    x = leaf(value)
    (g,) = ag.grad(ours(x).sum(), x, create_graph=True)
    (h,) = ag.grad(g.sum(), x)
    tx = torch.tensor(value, dtype=torch.float64, requires_grad=True)
    (tg,) = torch.autograd.grad(theirs(tx).sum(), tx, create_graph=True)
    (th,) = torch.autograd.grad(tg.sum(), tx)
    return h.data, TORCH.array(th)  # torch may answer with a storage-less zero tensor


@pytest.mark.parametrize("ours, theirs, value", [
    (lambda x: x.relu(), lambda x: x.relu(), [-1.0, 2.0]),
    (lambda x: x.abs(), lambda x: x.abs(), [-1.0, 2.0]),
    (lambda x: x ** 1, lambda x: x ** 1, [-1.0, 2.0]),
    (lambda x: (x ** 0) * x.log(), lambda x: (x ** 0) * x.log(), [0.0]),
    (lambda x: (x / 0.0).abs(), lambda x: (x / 0.0).abs(), [0.0]),
    (lambda x: x.amax(axis=0).abs(), lambda x: x.amax(0).abs(), [[np.nan, 0.0]]),
])
def test_second_derivatives_through_zero_derivatives_agree_with_torch(ours, theirs, value):
    """relu, abs and x**1 have second derivative 0 (not a missing input); a derivative that is
    identically 0 (sign, x**0) sends nothing on, so it never meets an inf or NaN as 0 * inf."""
    with np.errstate(all="ignore"):
        mine, reference = _second_derivative(ours, theirs, value)
    np.testing.assert_array_equal(mine, reference)
