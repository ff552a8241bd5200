"""autograd.testing: its strategies draw what they promise, its assertions pass correct ops,
and they catch deliberately wrong backwards (a missing factor, a flipped sign, a wrong
unbroadcast, an ignored incoming gradient, a constant where a saved tensor belongs), which
hypothesis shrinks to a small counterexample."""
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import autograd as ag
from autograd.testing import (GradientMismatch, assert_gradients_match,
                              assert_second_order_match, away_from, broadcastable_shapes,
                              matmul_shapes, op_inputs, positive, shapes, tensors)
from autograd.testing.strategies import input_count


class Cube(ag.Function):
    """y = x^3;  dy/dx = 3 x^2."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 3 * x ** 2


class CubeMissingFactor(Cube):
    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 3 * x  # x^2 lost a factor of x


class SinWrongSign(ag.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.cos = np.cos(x)
        return np.sin(x)

    @staticmethod
    def backward(ctx, grad):
        return -grad * ctx.cos  # d(sin x)/dx is +cos x


class AddBiasWrongAxis(ag.Function):
    """c = x + b (b broadcast along the rows of x); b's gradient should sum over axis 0."""

    @staticmethod
    def forward(ctx, x, b):
        return x + b

    @staticmethod
    def backward(ctx, grad):
        return grad, grad.sum(axis=-1)  # sums over the wrong axis


class SquareIgnoresGrad(ag.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 2 * x + 0 * grad.sum()  # forgets to multiply by grad


class SinConstantDerivative(ag.Function):
    """Right first derivative, but cos x is kept as a constant array: its second derivative
    (which needs d(cos x)/dx) comes out 0."""

    @staticmethod
    def forward(ctx, x):
        ctx.cos = np.cos(x)
        return np.sin(x)

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx.cos


def smallest_failing(op, strategy=None):
    """hypothesis' shrunk counterexample: the simplest inputs on which the assertion fails."""
    def fails(inputs):
        try:
            assert_gradients_match(op.apply, *inputs)
        except GradientMismatch:
            return True
        return False
    return find(op_inputs(op) if strategy is None else strategy, fails,
                settings=settings(database=None, max_examples=500))


@given(op_inputs(Cube))
def test_a_correct_op_passes_first_and_second_order(inputs):
    assert_gradients_match(Cube.apply, *inputs)
    assert_second_order_match(Cube.apply, *inputs)


@given(op_inputs(lambda a, b: a * b.log() + a.abs(), domain=[away_from(0.0), positive]))
def test_a_composite_function_of_two_broadcast_inputs_passes(inputs):
    assert_gradients_match(lambda a, b: a * b.log() + a.abs(), *inputs)


def test_a_missing_factor_is_caught_and_shrunk_to_one_element():
    (x,) = smallest_failing(CubeMissingFactor)
    assert x.shape == () and x.item() not in (0.0, 1.0)  # there 3x = 3x^2
    with pytest.raises(GradientMismatch, match="constant factor"):
        assert_gradients_match(CubeMissingFactor.apply, x)


def test_a_flipped_sign_is_caught_and_shrunk_to_zero():
    (x,) = smallest_failing(SinWrongSign)
    assert x.shape == () and x.item() == 0.0
    with pytest.raises(GradientMismatch, match="sign is flipped"):
        assert_gradients_match(SinWrongSign.apply, x)


def test_a_sum_over_the_wrong_axis_is_caught_and_shrunk_to_a_small_square():
    x, b = smallest_failing(AddBiasWrongAxis)
    assert x.size <= 9 and b.ndim == 1
    message = ""
    try:
        assert_gradients_match(AddBiasWrongAxis.apply, x, b)
    except GradientMismatch as error:
        message = str(error)
    assert "input 1" in message and ("unbroadcast" in message or "axes" in message)


def test_a_gradient_of_the_wrong_shape_names_unbroadcast():
    x = ag.tensor(np.ones((2, 3)), requires_grad=True)
    b = ag.tensor(np.ones(3), requires_grad=True)
    with pytest.raises(GradientMismatch, match="backward returned a gradient of shape .2,. "
                                               "for input 1.*which axes backward sums over"):
        assert_gradients_match(AddBiasWrongAxis.apply, x, b)


def test_an_ignored_incoming_gradient_is_caught():
    x = ag.tensor(np.array([1.0, 2.0]), requires_grad=True)
    with pytest.raises(GradientMismatch, match="ignore the incoming gradient"):
        assert_gradients_match(SquareIgnoresGrad.apply, x)


def test_a_derivative_kept_as_a_constant_passes_first_order_but_fails_second_order():
    x = ag.tensor(np.array([0.5, 1.0]), requires_grad=True)
    assert_gradients_match(SinConstantDerivative.apply, x)
    with pytest.raises(GradientMismatch, match="second derivatives differ.*ctx.saved_tensors"):
        assert_second_order_match(SinConstantDerivative.apply, x)


def test_float32_inputs_are_checked_as_float64_copies_and_the_message_says_so():
    x = ag.tensor(np.array([1.5, 2.0], dtype=np.float32), requires_grad=True)
    assert_gradients_match(Cube.apply, x)
    assert x.grad is None and x.dtype == np.float32  # the caller's tensor is untouched
    with pytest.raises(GradientMismatch, match=r"inputs \[0\] were float32"):
        assert_gradients_match(CubeMissingFactor.apply, x)


def test_inputs_without_requires_grad_are_refused_with_a_hint():
    with pytest.raises(ValueError, match="requires_grad=True"):
        assert_gradients_match(Cube.apply, ag.tensor([1.0]))


@given(shapes())
def test_shapes_stay_small(shape):
    assert len(shape) <= 3 and all(1 <= n <= 3 for n in shape)


def test_shapes_include_zero_dimensional_and_size_one_axes():
    assert find(shapes(), lambda s: s == ()) == ()
    assert find(shapes(min_dims=2), lambda s: 1 in s and len(s) == 2) in [(1, 1), (1, 2), (2, 1)]


@given(st.integers(1, 4).flatmap(lambda n: broadcastable_shapes(n).map(lambda s: (n, s))))
def test_broadcastable_shapes_broadcast(drawn):
    n, drawn_shapes = drawn
    assert len(drawn_shapes) == n
    np.broadcast_shapes(*drawn_shapes)  # raises if they do not


@given(matmul_shapes())
def test_matmul_shapes_multiply(pair):
    a, b = pair
    assert np.matmul(np.zeros(a), np.zeros(b)).ndim == max(len(a), len(b), 2) - (
        (len(a) == 1) + (len(b) == 1))


@given(tensors(shape=(2, 3), dtype=np.float32, elements=positive, requires_grad=False))
def test_tensors_have_the_asked_shape_dtype_and_domain(t):
    assert t.shape == (2, 3) and t.dtype == np.float32 and not t.requires_grad
    assert (t.data >= np.float32(0.1)).all()


def test_input_count_reads_the_forward_signature():
    assert input_count(Cube) == 1 and input_count(AddBiasWrongAxis) == 2
    assert input_count(lambda a, b, scale=2.0: a) == 2
    with pytest.raises(TypeError, match="count="):
        input_count(lambda *tensors: tensors[0])


def test_the_strategies_name_hypothesis_when_it_is_missing():
    code = ("import sys; sys.modules['hypothesis'] = None\n"
            "import autograd.testing as t\n"
            "t.assert_gradients_match\n"
            "t.op_inputs\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "autograd.testing.op_inputs needs hypothesis" in result.stderr
    assert "pip install hypothesis" in result.stderr
