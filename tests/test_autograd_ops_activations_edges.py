"""The activations at their edges, against torch itself: values, first and second derivatives
at 0, -0, the kinks, +-inf, NaN, huge and tiny numbers; empty and 0-d tensors; int and bool
inputs; the errors of bad options; and the deliberate differences from torch, each named."""
import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import autograd as ag
from activation_cases import CASES, EDGES, ELEMENTWISE

TINY = np.finfo(np.float64).tiny


def _ours_with_derivatives(function, values):
    """(y, dy/dx, d2y/dx2) elementwise, by our engine (grad of grad under create_graph)."""
    x = ag.Tensor(np.array(values), requires_grad=True)
    with np.errstate(all="ignore"):
        y = function(x)
        (g,) = ag.grad(y.sum(), [x], create_graph=True)
        h = (ag.grad(g.sum(), [x], allow_unused=True)[0] if g.requires_grad else None)
    return y.data, g.data, np.zeros(len(values)) if h is None else h.data


def _torch_with_derivatives(function, values):
    """The same by torch, each value on its own as a 0-d tensor (torch's scalar formula: its
    vectorized loop may answer otherwise at NaN, see the deliberate differences below); the
    second derivative is NaN where torch has none (an error)."""
    results = []
    for value in values:
        x = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        y = function(x)
        (g,) = torch.autograd.grad(y, x, create_graph=True)
        try:
            (h,) = torch.autograd.grad(g, x, allow_unused=True)
            h = 0.0 if h is None else h.item()
        except RuntimeError:
            h = math.nan
        results.append((y.item(), g.item(), h))
    return tuple(np.array(column) for column in zip(*results))


def _assert_same(ours, theirs, what, rtol=1e-12):
    """Equal to rtol (differences below the smallest normal number do not count), NaN where
    torch has NaN, the same infinities, and zeros of the same sign."""
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=TINY, err_msg=what)
    zeros = (ours == 0) & (theirs == 0)
    np.testing.assert_array_equal(np.signbit(ours[zeros]), np.signbit(theirs[zeros]),
                                  err_msg=f"{what}: signs of zeros")


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_at_edge_values_matches_torch_with_first_and_second_derivatives(name):
    case = CASES[name]
    y, g, h = _ours_with_derivatives(case.ours, EDGES)
    ty, tg, th = _torch_with_derivatives(case.torch, EDGES)
    _assert_same(y, ty, f"{name} at {EDGES}")
    if name == "hardsigmoid":  # torch: a float32 1/6 and no second derivative (see below)
        _assert_same(g, tg, f"{name}'", rtol=1e-7)
        return
    _assert_same(g, tg, f"{name}' at {EDGES}")
    if name == "mish":  # torch's second derivative is NaN above ~709 (see below)
        h, th = h[~(np.array(EDGES) > 709)], th[~(np.array(EDGES) > 709)]
    # (1e-12 absolute besides: a second derivative from a saturated tanh, 1 - t^2, keeps
    # no relative precision, as in the differential test)
    np.testing.assert_allclose(h, th, rtol=1e-12, atol=1e-12, err_msg=f"{name}''")


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("shape", [(), (0,), (2, 0), (1, 1)])
def test_activation_of_empty_and_0d_tensors_keeps_the_shape_and_gives_gradients(name, shape):
    case = CASES[name]
    x = ag.Tensor(np.full(shape, 0.75), requires_grad=True)
    y = case.ours(x)
    assert y.shape == case.torch(torch.full(shape, 0.75, dtype=torch.float64)).shape == shape
    y.sum().backward()
    assert x.grad.shape == shape


@np.errstate(all="ignore")
def test_0d_values_equal_the_values_inside_an_array():
    for name in ELEMENTWISE:
        whole = CASES[name].ours(ag.Tensor(np.array(EDGES))).data
        alone = [CASES[name].ours(ag.Tensor(np.array(v))).item() for v in EDGES]
        np.testing.assert_array_equal(whole, alone, err_msg=name)


@pytest.mark.parametrize("name", [n for n in sorted(CASES) if n != "softmin"])
@pytest.mark.parametrize("values", [np.array([3, -2, 0, 7], np.int64),
                                    np.array([1, -4], np.int32), np.array([True, False])])
def test_int_and_bool_inputs_raise_or_promote_as_torch_does(name, values):
    case = CASES[name]
    try:
        expected = case.torch(torch.from_numpy(values))
    except (RuntimeError, NotImplementedError):
        with pytest.raises(TypeError, match=r"got dtype (bool|int)"):
            case.ours(values)
        return
    out = case.ours(values)
    assert out.dtype == expected.numpy().dtype
    np.testing.assert_allclose(out.data, expected.numpy(), rtol=1e-6)


@pytest.mark.parametrize("call, error, message", [
    (lambda x: ag.hardtanh(x, 2.0, 1.0), ValueError,
     r"hardtanh: min_val cannot be greater than max_val; got min_val=2.0, max_val=1.0"),
    (lambda x: ag.celu(x, alpha=0.0), ValueError, r"celu: alpha cannot be 0"),
    (lambda x: ag.gelu(x, approximate="sigmoid"), ValueError,
     r"gelu: approximate must be 'none' or 'tanh'; got 'sigmoid'"),
    (lambda x: ag.leaky_relu(x, "0.1"), TypeError,
     r"leaky_relu: negative_slope must be a number; got '0.1'"),
    (lambda x: ag.elu(x, alpha=None), TypeError, r"elu: alpha must be a number; got None"),
    (lambda x: ag.softplus(x, beta=[1]), TypeError, r"softplus: beta must be a number"),
    (lambda x: ag.hardtanh(x, max_val="1"), TypeError, r"hardtanh: max_val must be a number"),
    (lambda x: ag.relu6(x, inplace=True), ValueError,
     r"relu6: inplace=True is not supported .*x = relu6\(x\)"),
    (lambda x: ag.softmin(x, dim=2), IndexError, r"softmin: axis 2 is out of range .* 1 dim"),
    (lambda x: ag.softmin(x, dim=0, axis=0), TypeError, r"softmin: give dim .* or axis"),
    (lambda x: ag.selu(x.data.astype(np.int64)), TypeError,
     r"selu: expected a float32 or float64 tensor \(as PyTorch\); got dtype int64"),
    (lambda x: ag.relu6(x.data > 0), TypeError, r"hardtanh: expected a number tensor .* bool"),
])
def test_bad_input_raises_an_error_that_names_the_op_and_what_was_expected(call, error, message):
    with pytest.raises(error, match=message):
        call(ag.Tensor([1.0, -2.0]))


def test_softplus_is_linear_above_its_threshold_exactly_as_torch():
    x = np.array([19.5, 20.0, 20.5, 2.4, 2.5, 2.6])
    beta = np.array([1, 1, 1, 8, 8, 8])
    ours = [ag.softplus(ag.Tensor(np.array(v)), beta=float(b)).item() for v, b in zip(x, beta)]
    theirs = [F.softplus(torch.tensor(v), beta=float(b)).item() for v, b in zip(x, beta)]
    assert ours == theirs
    assert ours[2] == 20.5 and ours[1] != 20.0  # linear only strictly above beta x = 20


def test_logsigmoid_of_large_negative_numbers_neither_overflows_nor_loses_digits():
    x = np.array([-1000.0, -40.0, 40.0, -1e300])
    with np.errstate(over="raise", invalid="raise"):
        ours = ag.logsigmoid(ag.Tensor(x)).data
    np.testing.assert_allclose(ours, F.logsigmoid(torch.from_numpy(x)).numpy(), rtol=1e-15)
    assert ours[2] == pytest.approx(-math.exp(-40.0), rel=1e-15)


# -- deliberate differences from torch -------------------------------------------------------


def test_hardsigmoid_gradient_is_one_sixth_with_a_zero_second_derivative_where_torch_has_float32s_sixth_and_none():
    x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(F.hardsigmoid(x), x, create_graph=True)
    assert g.item() == float(np.float32(1 / 6)) != 1 / 6
    with pytest.raises(RuntimeError, match="not implemented"):
        torch.autograd.grad(g, x)
    ours = ag.Tensor(np.array(1.0), requires_grad=True)
    (g,) = ag.grad(ag.hardsigmoid(ours), [ours], create_graph=True)
    assert g.item() == 1 / 6
    assert not g.requires_grad  # the second derivative is 0 (autograd.grad answers 0 for it)


def test_mish_second_derivative_above_709_is_0_where_torch_gives_nan():
    x = torch.tensor(1e4, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(F.mish(x), x, create_graph=True)
    assert math.isnan(torch.autograd.grad(g, x)[0].item())
    _, g, h = _ours_with_derivatives(ag.mish, [1e4, 800.0])
    np.testing.assert_array_equal(g, [1.0, 1.0])
    np.testing.assert_array_equal(h, [0.0, 0.0])


@pytest.mark.parametrize("name", ["elu", "celu(0.5)", "selu", "relu6", "hardtanh", "hardswish"])
def test_gradient_at_nan_is_the_scalar_formulas_where_torchs_depends_on_the_tensor_size(name):
    """torch's vectorized loop answers NaN or 0 for a NaN in a whole block of 8 or 16 elements
    (with AVX512; the block depends on the machine), its scalar loop the formula's value (1,
    or selu's scale). Ours is the scalar formula's wherever the NaN is."""
    case = CASES[name]
    answers = set()
    for size in (1, 16):
        x = torch.full((size,), math.nan, dtype=torch.float64, requires_grad=True)
        case.torch(x).sum().backward()
        answers.add(repr(x.grad[0].item()))
    scalar = _torch_with_derivatives(case.torch, [math.nan])[1]
    ours = _ours_with_derivatives(case.ours, [math.nan] * 16)[1]
    np.testing.assert_array_equal(ours, np.full(16, scalar[0]))
    if torch.backends.cpu.get_cpu_capability() != "DEFAULT":
        assert len(answers) == 2  # torch's own answer changes with the size


def test_softmin_of_integers_gives_float32_where_torch_refuses_as_softmax_does():
    values = np.array([1, 2, 4])
    with pytest.raises((RuntimeError, NotImplementedError)):
        F.softmin(torch.tensor(values), dim=0)
    assert ag.softmin(values).dtype == np.float32
    np.testing.assert_allclose(ag.softmin(values).data, ag.softmin(values.astype(float)).data,
                               rtol=1e-6)


def test_softmin_without_dim_takes_the_last_axis_where_torch_guesses_one_and_warns():
    a = np.arange(8.0).reshape(2, 2, 2)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        implicit = F.softmin(torch.from_numpy(a)).numpy()
    np.testing.assert_allclose(implicit, F.softmin(torch.from_numpy(a), dim=0).numpy())
    np.testing.assert_allclose(ag.softmin(a).data, ag.softmin(a, dim=-1).data)
    assert not np.allclose(ag.softmin(a).data, implicit)


def test_inplace_true_is_refused_where_torch_changes_the_input():
    x = torch.tensor([-1.0, 2.0])
    F.relu6(x, inplace=True)
    F.elu(x, inplace=True)
    assert x.tolist()[1] == 2.0 and x.tolist()[0] == pytest.approx(0.0)
    for function in (ag.leaky_relu, ag.elu, ag.celu, ag.selu, ag.relu6, ag.hardtanh,
                     ag.hardsigmoid, ag.hardswish, ag.silu, ag.mish):
        with pytest.raises(ValueError, match="inplace=True is not supported"):
            function(ag.Tensor([-1.0, 2.0]), inplace=True)


def test_exact_gelu_second_derivative_beyond_1e154_is_0_where_torch_gives_nan():
    """torch's formula forms x^2 (inf there) times the density (0)."""
    x = torch.tensor(1e200, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(F.gelu(x), x, create_graph=True)
    assert g.item() == 1.0 and math.isnan(torch.autograd.grad(g, x)[0].item())
    _, g, h = _ours_with_derivatives(ag.gelu, [1e200, -1e200])
    np.testing.assert_array_equal(g, [1.0, 0.0])
    np.testing.assert_array_equal(h, [0.0, 0.0])


def test_hardswish_second_derivative_under_an_infinite_gradient_is_0_outside_as_torch():
    values = [-1e4, -3.0, 3.0, 1e4, 1.0]
    x = ag.Tensor(np.array(values), requires_grad=True)
    (g,) = ag.grad(ag.hardswish(x), [x], grad_outputs=np.full(5, math.inf), create_graph=True)
    (h,) = ag.grad(g, [x], grad_outputs=np.ones(5))
    for value, ours in zip(values, h.data):
        t = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        (tg,) = torch.autograd.grad(F.hardswish(t), t, torch.tensor(math.inf, dtype=torch.float64),
                                    create_graph=True)
        assert repr(float(ours)) == repr(torch.autograd.grad(tg, t)[0].item())


def test_logsigmoid_derivatives_keep_their_digits_on_both_sides():
    """-sigma(x) sigma(-x) at +-40 is -4.2e-18 (torch's second derivative is 0 at +40)."""
    _, g, h = _ours_with_derivatives(ag.logsigmoid, [40.0, -40.0])
    np.testing.assert_allclose(g, [math.exp(-40.0), 1.0], rtol=1e-15)
    np.testing.assert_allclose(h, [-math.exp(-40.0)] * 2, rtol=1e-15)
