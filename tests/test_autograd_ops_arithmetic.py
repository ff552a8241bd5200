"""+ - * / unary - and **: values equal numpy's, gradients equal finite differences (float64),
with broadcasting, 0-d scalars and size-1 axes, and with numbers or arrays on either side."""
import operator

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from strategies import (
    arrays, broadcastable_arrays, floats, leaf, nonzero_floats, shapes,
)

ADD_SUB_MUL = [operator.add, operator.sub, operator.mul]
positive = floats(0.5, 3.0)


@pytest.mark.parametrize("op", ADD_SUB_MUL, ids=lambda op: op.__name__)
@given(pair=broadcastable_arrays(floats(), floats()))
def test_add_sub_mul_broadcast_like_numpy_and_pass_gradcheck(op, pair):
    a, b = pair
    out = op(leaf(a), leaf(b))
    np.testing.assert_array_equal(out.data, op(a, b))
    assert out.shape == np.broadcast_shapes(a.shape, b.shape)
    assert ag.gradcheck(op, (leaf(a), leaf(b)))


@given(pair=broadcastable_arrays(floats(), nonzero_floats()))
def test_div_broadcasts_like_numpy_and_passes_gradcheck(pair):
    a, b = pair
    np.testing.assert_array_equal((leaf(a) / leaf(b)).data, a / b)
    assert ag.gradcheck(operator.truediv, (leaf(a), leaf(b)))


@given(a=arrays(shapes()))
def test_negation_flips_values_and_gradient(a):
    x = leaf(a)
    np.testing.assert_array_equal((-x).data, -a)
    assert ag.gradcheck(operator.neg, (x,))


@given(a=arrays(shapes(), positive),
       exponent=st.one_of(st.sampled_from([0, 1, 2, 3, -1, 0.5, -1.5, 2.5]), floats(-2.0, 3.0)))
def test_power_with_a_number_exponent_passes_gradcheck_on_positive_bases(a, exponent):
    x = leaf(a)
    np.testing.assert_allclose((x ** exponent).data, a ** exponent, rtol=1e-15)
    assert ag.gradcheck(lambda t: t ** exponent, (x,))


@given(a=arrays(shapes()), exponent=st.sampled_from([2, 3, 4]))
def test_power_with_an_integer_exponent_works_for_negative_bases(a, exponent):
    x = leaf(a)
    (x ** exponent).sum().backward()
    np.testing.assert_allclose(x.grad, exponent * a ** (exponent - 1), rtol=1e-12)
    assert ag.gradcheck(lambda t: t ** exponent, (x,))


@given(pair=broadcastable_arrays(positive, floats(-2.0, 2.0)))
def test_power_with_a_tensor_exponent_passes_gradcheck_for_base_and_exponent(pair):
    base, exponent = pair
    np.testing.assert_allclose((leaf(base) ** leaf(exponent)).data, base ** exponent, rtol=1e-15)
    assert ag.gradcheck(operator.pow, (leaf(base), leaf(exponent)))


def test_power_of_a_zero_base_gives_the_exponent_a_zero_gradient():
    """d(a^b)/db = a^b ln a -> 0 as a -> 0 for b > 0; the engine takes that limit, not NaN."""
    base = leaf(np.array([0.0, 2.0]))
    exponent = leaf(np.array([2.0, 3.0]))
    (base ** exponent).sum().backward()
    np.testing.assert_allclose(exponent.grad, [0.0, 8.0 * np.log(2.0)])
    np.testing.assert_allclose(base.grad, [0.0, 12.0])


CONSTANT_OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]


@pytest.mark.parametrize("op", CONSTANT_OPS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("constant_on_the_left", [False, True], ids=["t_op_c", "c_op_t"])
@given(a=arrays(shapes(max_dims=2), positive), data=st.data())
def test_numbers_and_arrays_on_either_side_act_like_constant_tensors(
        op, constant_on_the_left, a, data):
    """2 * t, arr - t, t / 3, 2 ** t: same values and gradients as with a constant Tensor."""
    constant = data.draw(st.one_of(
        positive,                                            # a Python float
        st.integers(1, 3),                                   # a Python int
        arrays(st.sampled_from([(), a.shape[-1:], (1,) + a.shape]), positive),  # numpy arrays
    ), label="constant")
    apply = (lambda t, c: op(c, t)) if constant_on_the_left else op
    x = leaf(a)
    out = apply(x, constant)
    np.testing.assert_allclose(out.data, apply(a, np.asarray(constant, dtype=np.float64)),
                               rtol=1e-15)
    assert out.dtype == np.float64
    out.sum().backward()
    same_as_tensor = leaf(a)
    apply(same_as_tensor, ag.Tensor(np.asarray(constant, dtype=np.float64))).sum().backward()
    np.testing.assert_allclose(x.grad, same_as_tensor.grad, rtol=1e-14)
    assert ag.gradcheck(lambda t: apply(t, constant), (leaf(a),))


def test_numbers_keep_a_float32_tensor_float32():
    x = ag.Tensor([1.0, 2.0], requires_grad=True)
    for out in (2 * x, x - 1, x / 3, 2 ** x, x ** 2, 1 - x, 3 / x, x * 0.5):
        assert out.dtype == np.float32


SECOND_ORDER_OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]


@pytest.mark.parametrize("op", SECOND_ORDER_OPS, ids=lambda op: op.__name__)
@given(pair=broadcastable_arrays(positive, floats(-2.0, 2.0).filter(lambda v: abs(v) > 0.5)))
def test_second_derivatives_of_binary_ops_pass_gradgradcheck(op, pair):
    a, b = pair
    assert ag.gradgradcheck(op, (leaf(a), leaf(b)))


@given(a=arrays(shapes(), positive), exponent=st.sampled_from([2, 3, 0.5, -1.5]))
def test_second_derivatives_of_negation_and_number_powers_pass_gradgradcheck(a, exponent):
    assert ag.gradgradcheck(lambda t: -(t ** exponent), (leaf(a),))
