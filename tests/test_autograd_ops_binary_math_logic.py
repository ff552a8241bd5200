"""Predicates and logic (isnan, isinf, isfinite, isposinf, isneginf, isclose, allclose, equal,
logical_*, `&`, `|`, `^`, `~`) against torch, on edge values, broadcast shapes, empty and
0-d tensors; the errors of bad input in the whole family; and where the family deliberately
answers differently from torch, each difference named and checked against torch itself."""
import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag

VALUES = np.array([0.0, -0.0, 1.0, -1.0, 1e-300, 1e300, math.inf, -math.inf, math.nan, 2.5])
any_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)
edge_arrays = hnp.arrays(np.float64, any_shapes, elements=st.sampled_from(list(VALUES)))


def assert_boolean_result(ours, theirs):
    assert isinstance(ours, ag.Tensor) and not ours.requires_grad and ours.grad_fn is None
    assert ours.dtype == np.dtype(str(theirs.dtype).removeprefix("torch."))
    np.testing.assert_array_equal(ours.data, theirs.numpy())


@pytest.mark.parametrize("name", ["isnan", "isinf", "isfinite", "isposinf", "isneginf",
                                  "logical_not"])
@given(x=edge_arrays)
def test_predicates_of_one_tensor_agree_with_torch_also_on_tensors_that_require_grad(name, x):
    ours = getattr(ag.Tensor(x, requires_grad=True), name)()
    assert_boolean_result(ours, getattr(torch, name)(torch.tensor(x)))
    assert_boolean_result(getattr(ag, name)(x), getattr(torch, name)(torch.tensor(x)))


@pytest.mark.parametrize("name", ["isnan", "isinf", "isfinite", "isposinf", "isneginf"])
@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint8, np.bool_, np.float32])
def test_predicates_of_integers_bools_and_float32_agree_with_torch(name, dtype):
    x = np.array([0, 1, 3]).astype(dtype)
    assert_boolean_result(getattr(ag.Tensor(x), name)(), getattr(torch, name)(torch.tensor(x)))


@st.composite
def edge_pairs(draw):
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_side=3)).input_shapes
    return tuple(draw(hnp.arrays(np.float64, shape, elements=st.sampled_from(list(VALUES))))
                 for shape in shapes)


@pytest.mark.parametrize("name", ["logical_and", "logical_or", "logical_xor"])
@given(pair=edge_pairs())
def test_logical_functions_agree_with_torch_nonzero_and_nan_being_true(name, pair):
    a, b = pair
    expected = getattr(torch, name)(torch.tensor(a), torch.tensor(b))
    assert_boolean_result(getattr(ag, name)(ag.Tensor(a, requires_grad=True), b), expected)
    assert_boolean_result(getattr(ag.Tensor(a), name)(ag.Tensor(b)), expected)


@given(pair=edge_pairs(), rtol=st.sampled_from([1e-5, 0.0, 0.5]),
       atol=st.sampled_from([1e-8, 0.0, 2.0, math.inf]), equal_nan=st.booleans())
def test_isclose_and_allclose_agree_with_torch(pair, rtol, atol, equal_nan):
    a, b = (p + np.float64(1e-6) * (p == 1.0) for p in pair)  # some nearly equal values
    expected = torch.isclose(torch.tensor(a), torch.tensor(b), rtol, atol, equal_nan)
    assert_boolean_result(ag.isclose(a, ag.Tensor(b, requires_grad=True), rtol, atol, equal_nan),
                          expected)
    assert ag.Tensor(a).allclose(b, rtol, atol, equal_nan) is bool(expected.all())


def test_isclose_in_float32_and_of_integers_and_bools_agrees_with_torch():
    for values, other in (([1.0, 1.00001, 2.0], [1.0, 1.0, 2.00003]), ([0, 5, -3], [0, 6, -3])):
        for dtype in (np.float32, np.int64, np.bool_):
            a, b = np.array(values).astype(dtype), np.array(other).astype(dtype)
            assert_boolean_result(ag.isclose(ag.Tensor(a), ag.Tensor(b), rtol=0.1, atol=0.5),
                                  torch.isclose(torch.tensor(a), torch.tensor(b), 0.1, 0.5))


@pytest.mark.parametrize("a, b", [([1.0, 2.0], [1.0, 2.0]), ([1.0, 2.0], [1.0, 2.5]),
                                  ([1.0, 2.0], [1.0]), ([[1.0, 2.0]], [1.0, 2.0]),
                                  ([math.nan], [math.nan]), ([0.0], [-0.0]), ([], [])])
def test_equal_is_a_python_bool_as_torch_equal(a, b):
    expected = torch.equal(torch.tensor(a), torch.tensor(b))
    assert ag.equal(ag.Tensor(a), ag.Tensor(b)) is expected
    assert ag.Tensor(a, requires_grad=True).equal(np.array(b)) is expected


def test_equal_compares_values_across_dtypes_as_torch():
    ints, floats = np.array([1, 2]), np.array([1.0, 2.0], np.float32)
    assert torch.equal(torch.tensor(ints), torch.tensor(floats))
    assert ag.equal(ag.Tensor(ints), ag.Tensor(floats)) is True


BOOL_AND_INT = [np.array([True, False, True]), np.array([6, -3, 0]), np.array([5, 1, 2], np.uint8)]


@pytest.mark.parametrize("symbol, operator_", [("&", lambda a, b: a & b),
                                               ("|", lambda a, b: a | b),
                                               ("^", lambda a, b: a ^ b)])
@pytest.mark.parametrize("first", range(3))
@pytest.mark.parametrize("second", ["tensor", True, 3])
def test_bitwise_operators_on_bools_and_integers_agree_with_torch(symbol, operator_, first,
                                                                  second):
    a = BOOL_AND_INT[first]
    for b in ([BOOL_AND_INT[k] for k in range(3)] if second == "tensor" else [second]):
        other, torch_other = ((ag.Tensor(b), torch.tensor(b)) if isinstance(b, np.ndarray)
                              else (b, b))
        assert_boolean_result(operator_(ag.Tensor(a), other), operator_(torch.tensor(a),
                                                                          torch_other))
        assert_boolean_result(operator_(other, ag.Tensor(a)), operator_(torch_other,
                                                                          torch.tensor(a)))


@pytest.mark.parametrize("values", BOOL_AND_INT)
def test_invert_on_bools_and_integers_agrees_with_torch(values):
    assert_boolean_result(~ag.Tensor(values), ~torch.tensor(values))
    assert_boolean_result(ag.bitwise_not(values), torch.bitwise_not(torch.tensor(values)))


def test_masks_combine_with_comparisons_and_choose_with_where():
    x = ag.Tensor(np.array([-2.0, 0.5, 3.0, math.nan]), requires_grad=True)
    inside = (x > 0) & (x < 1) | x.isnan()
    y = ag.where(~inside, x * 2, x * 0)
    y.sum().backward()
    np.testing.assert_array_equal(inside.data, [False, True, False, True])
    np.testing.assert_array_equal(x.grad, [2.0, 0.0, 2.0, 0.0])


# -- errors -----------------------------------------------------------------------------------

FLOATS = ag.Tensor(np.array([1.5, -2.0]))
INTS = ag.Tensor(np.array([3, 4]))
BOOLS = ag.Tensor(np.array([True, False]))


@pytest.mark.parametrize("action, error, message", [
    (lambda: FLOATS & FLOATS, TypeError, r"bitwise_and \(&\).*float64.*logical_and"),
    (lambda: BOOLS | 1.5, TypeError, r"bitwise_or \(\|\).*float32.*logical_or"),
    (lambda: 2.5 ^ INTS, TypeError, r"bitwise_xor \(\^\).*logical_xor"),
    (lambda: ~FLOATS, TypeError, r"bitwise_not \(~\).*float64.*logical_not"),
    (lambda: INTS % ag.Tensor(np.array([2, 0])), RuntimeError,
     "remainder: integer division by zero"),
    (lambda: INTS // 0, RuntimeError, "floor_divide: integer division by zero"),
    (lambda: ag.fmod(INTS, 0), RuntimeError, "fmod: integer division by zero"),
    (lambda: ag.div(INTS, 0, rounding_mode="trunc"), RuntimeError, "trunc.*division by zero"),
    (lambda: BOOLS % BOOLS, TypeError, "remainder: expected numeric tensors; got bool"),
    (lambda: BOOLS.floor(), TypeError, "floor: expected a numeric tensor; got a bool"),
    (lambda: INTS.frac(), TypeError, "frac: expected a float tensor; got dtype int64"),
    (lambda: INTS.round(decimals=2), TypeError, r"round\(decimals=2\): expected a float tensor"),
    (lambda: FLOATS.round(decimals=0.5), TypeError, "round: decimals must be an int; got 0.5"),
    (lambda: ag.div(FLOATS, 2, rounding_mode="ceil"), ValueError,
     "div: rounding_mode must be None, 'trunc' or 'floor'; got 'ceil'"),
    (lambda: FLOATS.maximum(ag.Tensor([1.0, 2.0, 3.0])), ValueError,
     r"maximum: shapes \(2,\) and \(3,\) cannot be broadcast"),
    (lambda: FLOATS % np.ones((3,)), ValueError, r"remainder: shapes \(2,\) and \(3,\)"),
    (lambda: ag.atan2(FLOATS, np.ones((2, 3))), ValueError, r"atan2: shapes \(2,\) and \(2, 3\)"),
    (lambda: ag.lerp(FLOATS, FLOATS, np.ones(3)), ValueError,
     r"lerp: shapes \(2,\) \(start\), \(2,\) \(end\) and \(3,\) \(weight\) cannot be broadcast"),
    (lambda: ag.isclose(FLOATS, FLOATS, rtol=-1.0), ValueError,
     "isclose: rtol must be a number >= 0"),
    (lambda: ag.isclose(FLOATS, np.ones(3)), ValueError, r"isclose: shapes \(2,\) and \(3,\)"),
    (lambda: ag.logical_or(FLOATS, np.ones(3)), ValueError,
     r"logical_or: shapes \(2,\) and \(3,\)"),
    (lambda: FLOATS.hypot("1"), TypeError, "hypot: Tensor data must be a number"),
    (lambda: FLOATS.remainder({1: 2}), TypeError, "remainder: Tensor data must be a number"),
    (lambda: ag.floor(None), TypeError, "floor: Tensor data must be a number"),
    (lambda: ag.isnan("nan"), TypeError, "isnan: Tensor data must be a number"),
    (lambda: INTS & "1", TypeError, r"bitwise_and \(&\): Tensor data must be a number"),
])
def test_bad_input_raises_a_standard_error_naming_the_op(action, error, message):
    with pytest.raises(error, match=message):
        action()


def test_torch_also_refuses_integer_division_by_zero_and_bitwise_ops_on_floats():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        torch.tensor([3]) % torch.tensor([0])
    with pytest.raises((RuntimeError, TypeError)):
        torch.tensor([1.5]) & torch.tensor([1.5])


# -- deliberate differences from torch --------------------------------------------------------


def test_floor_division_has_derivative_0_where_torchs_floor_divide_raises_in_backward():
    """torch.div(a, b, rounding_mode='floor') has derivative 0, as ours; torch's `//` has none."""
    t = torch.tensor([7.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="floor_divide is not implemented"):
        (t // 2).sum().backward()
    x = ag.Tensor(np.array([7.0]), requires_grad=True)
    (x // 2).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0])


def test_remainder_where_the_quotient_overflows_is_exact_where_torchs_vectorized_loop_gives_nan():
    """1e300 % 1e-300: torch computes a - trunc(a / b) * b on 8 or more contiguous elements
    (NaN: a / b overflows) and C's fmod on fewer; ours is always C's fmod."""
    a, b = np.full(8, 1e300), np.full(8, 1e-300)
    assert torch.isnan(torch.remainder(torch.tensor(a), torch.tensor(b))).all()
    assert torch.isnan(torch.fmod(torch.tensor(a), torch.tensor(b))).all()
    exact = np.fmod(1e300, 1e-300)
    assert torch.fmod(torch.tensor(a[:1]), torch.tensor(b[:1])).item() == exact
    np.testing.assert_array_equal((ag.Tensor(a) % ag.Tensor(b)).data, exact)
    np.testing.assert_array_equal(ag.fmod(ag.Tensor(a), ag.Tensor(b)).data, exact)


def test_round_and_divmod_of_a_tensor_work_where_torch_has_no_such_protocol():
    t = torch.tensor([2.5])
    with pytest.raises(TypeError):
        round(t)
    with pytest.raises(TypeError):
        divmod(t, 2)
    np.testing.assert_array_equal(round(ag.Tensor([2.5, 3.5])).data, [2.0, 4.0])
    quotient, rest = divmod(ag.Tensor([7.0, -7.0]), 2)
    np.testing.assert_array_equal(quotient.data, [3.0, -4.0])
    np.testing.assert_array_equal(rest.data, [1.0, 1.0])


def test_lerp_isclose_and_two_tensor_functions_promote_mixed_dtypes_where_torch_refuses():
    f32, f64 = np.array([1.0, 2.0], np.float32), np.array([1.0, 3.0])
    with pytest.raises(RuntimeError):
        torch.lerp(torch.tensor(f32), torch.tensor(f64), 0.5)
    with pytest.raises(RuntimeError):
        torch.isclose(torch.tensor(f32), torch.tensor(f64))
    with pytest.raises(TypeError):
        torch.maximum(torch.tensor(f32), 2.0)
    assert ag.lerp(ag.Tensor(f32), ag.Tensor(f64), 0.5).dtype == np.float64
    np.testing.assert_array_equal(ag.isclose(ag.Tensor(f32), ag.Tensor(f64)).data, [True, False])
    assert ag.maximum(ag.Tensor(f32), 2.0).dtype == np.float32


def test_bitwise_operators_on_floats_raise_typeerror_where_torch_raises_notimplementederror():
    with pytest.raises(NotImplementedError):
        torch.tensor([1.5]) & torch.tensor([1.5])
    with pytest.raises(TypeError, match="logical_and"):
        ag.Tensor([1.5]) & ag.Tensor([1.5])


def test_rounding_of_bools_raises_typeerror_where_torch_raises_notimplementederror():
    with pytest.raises(NotImplementedError):
        torch.tensor([True]).floor()
    with pytest.raises(TypeError, match="floor"):
        ag.Tensor(np.array([True])).floor()


def test_lerp_is_torchs_element_by_element_loop_not_its_vectorized_one():
    """lerp(-0., -0., 1.): torch gives -0. element by element (end - (end - start)(1 - w)),
    as ours, and +0. in its vectorized loop on 8 or more contiguous elements (end + (w - 1)
    (end - start), fused)."""
    def lerp_sign(size):
        start = torch.full((size,), -0.0, dtype=torch.float64)
        return torch.signbit(torch.lerp(start, start, 1.0))[0].item()
    assert lerp_sign(1) and not lerp_sign(8)
    for size in (1, 8):
        ours = ag.lerp(np.full(size, -0.0), np.full(size, -0.0), 1.0)
        assert np.signbit(ours.data).all()


@pytest.mark.parametrize("name", ["maximum", "minimum"])
def test_maximum_and_minimum_at_a_tie_of_zeros_give_a_as_torchs_element_by_element_loop(name):
    """maximum(0., -0.): torch gives a (0.) element by element, as ours, and b (-0.) in its
    vectorized loop on 8 or more contiguous elements."""
    a, b = np.tile([0.0, -0.0], 4), np.tile([-0.0, 0.0], 4)
    def signs(size):
        return torch.signbit(getattr(torch, name)(torch.tensor(a[:size]),
                                                  torch.tensor(b[:size]))).tolist()
    assert signs(2) == [False, True] and signs(8)[:2] == [True, False]
    np.testing.assert_array_equal(np.signbit(getattr(ag, name)(a, b).data), np.signbit(a))

