"""Rounding, % and //, fmod, maximum, minimum, atan2, logaddexp, hypot and lerp at the edges,
against torch itself (float64): every pair of edge values (0, -0, +-1, halves, +-1e-300,
+-1e300, +-inf, NaN) in value (the sign of a zero included), gradient and Hessian-vector
product; empty and 0-d tensors; the dtypes of int, bool and float32 operands; Python's
`%`, `//`, `divmod`, `round`, `abs` with numbers and arrays."""
import itertools
import math

import numpy as np
import pytest
import torch

import autograd as ag
from program_ops_binary_math import strided

EDGES = [0.0, -0.0, 1.0, -1.0, 2.5, -0.5, 3.0, 1e-300, -1e-300, 1e300, -1e300, math.inf,
         -math.inf, math.nan, 7.3]
FIRST, SECOND = (np.array(column) for column in zip(*itertools.product(EDGES, EDGES)))
rng = np.random.default_rng(0)
WEIGHTS, DIRECTION_A, DIRECTION_B = (rng.integers(1, 9, size=FIRST.shape) / 4 *
                                     rng.choice([-1.0, 1.0], size=FIRST.shape) for _ in range(3))


def assert_same(ours, theirs, what, signed_zeros=True):
    """Equal elementwise (NaN equals NaN), up to 1e-12 relative for finite numbers; zeros of
    the same sign when `signed_zeros`."""
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    assert ours.shape == theirs.shape, what
    with np.errstate(invalid="ignore"):
        close = (ours == theirs) | (np.isnan(ours) & np.isnan(theirs)) | (
            np.isfinite(theirs) & (np.abs(ours - theirs) <= 1e-12 * np.abs(theirs)))
    if signed_zeros:
        close &= ~((ours == 0) & (theirs == 0) & (np.signbit(ours) != np.signbit(theirs)))
    assert close.all(), (f"{what}: ours {ours[~close][:5]}, torch {theirs[~close][:5]} at "
                         f"flat positions {np.flatnonzero(~close)[:5]}")


INPUTS = (FIRST, SECOND)


def gradients_and_hvp(function, inputs, backend):
    """The value, the gradients of <weights, value> (create_graph) and the Hessian-vector
    product with the directions, as numpy arrays (zeros for an input not reached)."""
    tensors = [backend(a) for a in inputs]
    value = function(*tensors)
    weighted = (value * type(value)(WEIGHTS) if isinstance(value, ag.Tensor)
                else value * torch.tensor(WEIGHTS)).sum()
    grad = ag.grad if isinstance(value, ag.Tensor) else torch.autograd.grad
    firsts = grad(weighted, tensors, create_graph=True, allow_unused=True)
    directions = (DIRECTION_A, DIRECTION_B)
    terms = [(g * type(g)(d) if isinstance(g, ag.Tensor) else g * torch.tensor(d)).sum()
             for g, d in zip(firsts, directions) if g is not None and g.requires_grad]
    seconds = grad(sum(terms[1:], terms[0]), tensors, allow_unused=True) if terms else [None] * 2
    def as_array(t, like):
        if t is None:
            return np.zeros_like(like)
        return t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(
            t.data if isinstance(t, ag.Tensor) else t)
    return ([as_array(value, inputs[0])] + [as_array(g, a) for g, a in zip(firsts, inputs)]
            + [as_array(h, a) for h, a in zip(seconds, inputs)])


def ours_leaf(array):
    return ag.Tensor(array.copy(), requires_grad=True)


def torch_leaf(array):
    return torch.tensor(array, requires_grad=True)


# name -> (ours, torch's)
EDGE_OPS = {
    "remainder": (lambda a, b: a % b, lambda a, b: torch.remainder(strided(a), strided(b))),
    "fmod": (ag.fmod, lambda a, b: torch.fmod(strided(a), strided(b))),
    "floor_divide": (lambda a, b: a // b, lambda a, b: torch.div(a, b, rounding_mode="floor")),
    "div_trunc": (lambda a, b: ag.div(a, b, rounding_mode="trunc"),
                  lambda a, b: torch.div(a, b, rounding_mode="trunc")),
    "maximum": (ag.maximum, lambda a, b: torch.maximum(strided(a), strided(b))),
    "minimum": (ag.minimum, lambda a, b: torch.minimum(strided(a), strided(b))),
    "atan2": (ag.atan2, torch.atan2),
    "logaddexp": (ag.logaddexp, torch.logaddexp),
    "hypot": (ag.hypot, torch.hypot),
    "lerp(weight=0.25)": (lambda a, b: ag.lerp(a, b, 0.25),
                          lambda a, b: torch.lerp(strided(a), strided(b), 0.25)),
    "lerp(weight=0.75)": (lambda a, b: ag.lerp(a, b, 0.75),
                          lambda a, b: torch.lerp(strided(a), strided(b), 0.75)),
    "lerp(weight=b)": (lambda a, b: ag.lerp(a, a * 2, b),
                       lambda a, b: torch.lerp(strided(a), strided(a * 2), strided(b))),
}


@pytest.mark.parametrize("name", sorted(EDGE_OPS))
def test_two_tensor_op_at_every_pair_of_edge_values_agrees_with_torch(name):
    ours, theirs = EDGE_OPS[name]
    with np.errstate(all="ignore"):
        mine = gradients_and_hvp(ours, INPUTS, ours_leaf)
    reference = gradients_and_hvp(theirs, INPUTS, torch_leaf)
    for what, m, r in zip(["value", "d/da", "d/db", "H v (a)", "H v (b)"], mine, reference):
        assert_same(m, r, f"{name} {what}", signed_zeros=what == "value")


UNARY_EDGES = np.array(EDGES + [0.5, -2.5, 1.5, 0.49999999999999994, 4.5, 0.25, 0.35, 1.05])
ROUNDING = {
    "floor": (ag.floor, torch.floor), "ceil": (ag.ceil, torch.ceil),
    "trunc": (ag.trunc, torch.trunc), "round": (ag.round, torch.round),
    "frac": (ag.frac, torch.frac),
    "round(decimals=1)": (lambda x: ag.round(x, decimals=1), lambda x: torch.round(x, decimals=1)),
    "round(decimals=-1)": (lambda x: x.round(decimals=-1), lambda x: torch.round(x, decimals=-1)),
    "round(decimals=400)": (lambda x: x.round(decimals=400),
                            lambda x: torch.round(x, decimals=400)),
}


@pytest.mark.parametrize("name", sorted(ROUNDING))
def test_rounding_at_edge_values_agrees_with_torch_in_value_and_gradient(name):
    ours, theirs = ROUNDING[name]
    x, t = ours_leaf(UNARY_EDGES), torch_leaf(UNARY_EDGES)
    with np.errstate(all="ignore"):
        mine = ours(x)
    expected = theirs(t)
    assert_same(mine.data, expected.detach().numpy(), f"{name} value")
    weights = WEIGHTS[:UNARY_EDGES.size]
    (mine * ag.Tensor(weights)).sum().backward()
    (expected * torch.tensor(weights)).sum().backward()
    assert_same(x.grad, t.grad.numpy(), f"{name} gradient", signed_zeros=False)


TORCH_FUNCTIONS = {"floor_divide": lambda a, b: torch.div(a, b, rounding_mode="floor")}
TWO_TENSOR_FUNCTIONS = ["remainder", "fmod", "floor_divide", "maximum", "minimum", "atan2",
                        "logaddexp", "hypot"]


@pytest.mark.parametrize("name", TWO_TENSOR_FUNCTIONS + ["lerp"])
@pytest.mark.parametrize("shapes", [((0,), (0,)), ((2, 0), (1,)), ((), ()), ((), (3,)),
                                    ((0, 3), (3,))])
def test_empty_and_0d_operands_broadcast_and_differentiate_as_in_torch(name, shapes):
    arrays = [np.full(shape, 1.5) for shape in shapes]
    xs, ts = [ours_leaf(a) for a in arrays], [torch_leaf(a) for a in arrays]
    extra = (0.5,) if name == "lerp" else ()
    torch_function = TORCH_FUNCTIONS.get(name, getattr(torch, name))
    out, expected = getattr(ag, name)(*xs, *extra), torch_function(*ts, *extra)
    assert out.shape == tuple(expected.shape)
    assert_same(out.data, expected.detach().numpy(), name)
    if expected.requires_grad:
        out.sum().backward()
        expected.sum().backward()
        for x, t in zip(xs, ts):
            assert x.grad.shape == t.grad.shape
            assert_same(x.grad, t.grad.numpy(), f"{name} gradient")


@pytest.mark.parametrize("name", ["floor", "ceil", "trunc", "round", "frac"])
@pytest.mark.parametrize("shape", [(), (0,), (2, 0)])
def test_rounding_of_empty_and_0d_tensors_as_in_torch(name, shape):
    x, t = ours_leaf(np.full(shape, -2.5)), torch_leaf(np.full(shape, -2.5))
    out, expected = getattr(x, name)(), getattr(t, name)()
    assert_same(out.data, expected.detach().numpy(), name)
    out.sum().backward()
    expected.sum().backward()
    assert_same(x.grad, t.grad.numpy(), f"{name} gradient")


DTYPES = [(np.float32, torch.float32), (np.float64, torch.float64), (np.int64, torch.int64),
          (np.int32, torch.int32), (np.uint8, torch.uint8), (np.bool_, torch.bool)]


def our_and_torch_tensors(numpy_dtype, torch_dtype, values=(3, 1, 2)):
    return ag.Tensor(np.array(values).astype(numpy_dtype)), torch.tensor(
        np.array(values).astype(numpy_dtype), dtype=torch_dtype)


def torch_outcome(function):
    """torch's result dtype, or None where torch refuses these dtypes."""
    try:
        return function().dtype
    except (RuntimeError, NotImplementedError):
        return None


@pytest.mark.parametrize("name", ["maximum", "minimum", "remainder", "fmod", "floor_divide",
                                  "atan2"])
@pytest.mark.parametrize("first, second", itertools.product(DTYPES, DTYPES))
def test_result_dtypes_of_two_tensors_are_torchs(name, first, second):
    a, ta = our_and_torch_tensors(*first)
    b, tb = our_and_torch_tensors(*second, values=(2, 1, 1))
    expected = torch_outcome(lambda: getattr(torch, name)(ta, tb))
    if expected is None:  # bool % bool and the like: refused by both
        with pytest.raises(TypeError, match=name):
            getattr(ag, name)(a, b)
        return
    assert str(getattr(ag, name)(a, b).dtype) == str(expected).removeprefix("torch.")


@pytest.mark.parametrize("name", ["hypot", "logaddexp", "lerp"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_real_valued_functions_of_integers_give_float32(name, dtype):
    a = our_and_torch_tensors(*dtype)[0]
    extra = (0.5,) if name == "lerp" else ()
    expected = np.float64 if dtype[0] == np.float64 else np.float32
    assert getattr(ag, name)(a, a, *extra).dtype == expected


@pytest.mark.parametrize("name", ["floor", "ceil", "trunc", "round"])
@pytest.mark.parametrize("dtype", DTYPES[:-1])
def test_rounding_keeps_integer_and_float_dtypes_as_torch(name, dtype):
    a, ta = our_and_torch_tensors(*dtype)
    out = getattr(a, name)()
    assert str(out.dtype) == str(getattr(ta, name)().dtype).removeprefix("torch.")
    np.testing.assert_array_equal(out.data, getattr(ta, name)().numpy())


def test_integer_remainder_and_floor_division_follow_python_signs_as_torch():
    a, b = np.array([-7, 7, -7, 7, 0, -6]), np.array([2, -2, -2, 2, 3, 3])
    pairs = [(ag.Tensor(a) % ag.Tensor(b), torch.tensor(a) % torch.tensor(b)),
             (ag.Tensor(a) // ag.Tensor(b), torch.div(torch.tensor(a), torch.tensor(b),
                                                      rounding_mode="floor")),
             (ag.fmod(ag.Tensor(a), ag.Tensor(b)), torch.fmod(torch.tensor(a), torch.tensor(b))),
             (ag.div(ag.Tensor(a), ag.Tensor(b), rounding_mode="trunc"),
              torch.div(torch.tensor(a), torch.tensor(b), rounding_mode="trunc"))]
    for ours, theirs in pairs:
        assert ours.dtype == np.int64
        np.testing.assert_array_equal(ours.data, theirs.numpy())


def test_python_protocol_with_numbers_and_arrays_on_either_side():
    x = ag.Tensor(np.array([5.5, -5.5, 2.0]), requires_grad=True)
    t = torch.tensor([5.5, -5.5, 2.0], dtype=torch.float64)
    array = np.array([2.0, 2.0, -3.0])
    checks = [(x % 2, t % 2), (7 % x, 7 % t), (x // 2, t // 2), (7 // x, 7 // t),
              (array % x, torch.tensor(array) % t), (x // array, t // torch.tensor(array)),
              (divmod(x, 2)[0], t // 2), (divmod(x, 2)[1], t % 2), (divmod(7, x)[1], 7 % t),
              (round(x), torch.round(t)), (round(x, 1), torch.round(t, decimals=1)),
              (abs(x), abs(t)), (x.div(2, rounding_mode="floor"), t.div(2, rounding_mode="floor")),
              (ag.divide(x, 4), torch.divide(t, 4)), (x.divide(4), t.divide(4)),
              (ag.mod(x, 3), np.mod(t.numpy(), 3)),
              (x.arctan2(array), np.arctan2(t.numpy(), array))]
    for ours, theirs in checks:
        assert isinstance(ours, ag.Tensor) and ours.dtype == np.float64
        np.testing.assert_array_equal(ours.data, np.asarray(theirs))


def test_float32_stays_float32_next_to_python_numbers_and_float64_0d_tensors():
    x = ag.Tensor(np.array([5.5, -2.0], np.float32))
    zero_d = ag.Tensor(np.array(2.0))
    for result in (x % 2.5, 7.5 // x, ag.maximum(x, zero_d), ag.lerp(x, x, zero_d),
                   ag.atan2(x, 1), ag.hypot(x, zero_d), x.logaddexp(zero_d), divmod(x, 3)[1]):
        assert result.dtype == np.float32


@pytest.mark.parametrize("name", ["remainder", "fmod"])
def test_the_quotient_in_the_divisors_derivative_is_recorded_as_in_torch(name):
    """v = x % (x % x) at x = 0: the quotient 0 // NaN of the outer op's derivative is
    differentiated again (derivative zeros, times the inner op's NaN quotient): NaN, as torch."""
    def second_derivative(x, function):
        inner = function(x, x)
        (first,) = (ag.grad if isinstance(x, ag.Tensor) else torch.autograd.grad)(
            function(x, inner).sum() + inner.sum(), [x], create_graph=True)
        return (ag.grad if isinstance(x, ag.Tensor) else torch.autograd.grad)(first.sum(), [x])[0]
    with np.errstate(all="ignore"):
        ours = second_derivative(ours_leaf(np.array([0.0, 2.5])), getattr(ag, name))
    theirs = second_derivative(torch_leaf(np.array([0.0, 2.5])), getattr(torch, name))
    assert_same(np.asarray(getattr(ours, "data", ours)), theirs.numpy(), f"{name} H")
    assert np.isnan(theirs[0].item())
