"""A user-defined op (subclassing autograd.Function) works like a built-in one, and gradcheck
catches a wrong backward with a message that says where and by how much."""
import re

import numpy as np
import pytest
from hypothesis import given

import autograd as ag
from strategies import arrays, leaf, shapes


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


class ScaledProduct(ag.Function):
    """y = a * b * scale (scale a number, not differentiated);  dy/da = b scale, dy/db = a scale."""

    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.save_for_backward(a, b)
        ctx.scale = scale
        return a * b * scale

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad * b * ctx.scale, grad * a * ctx.scale, None


class CubeWrongAtElementTwo(Cube):
    """x^3 with a backward that is 1.5 times too large at element 2 only."""

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        error = np.ones_like(x)
        error[2] = 1.5
        return grad * 3 * x ** 2 * error


class ProductWrongForB(ag.Function):
    """a * b with d/db wrongly taken as b instead of a."""

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad * b, grad * b


@given(x=arrays(shapes()))
def test_custom_cube_backward_gives_three_x_squared_and_passes_gradchecks(x):
    t = leaf(x)
    y = Cube.apply(t)
    assert y.grad_fn.name == "cube" and y.grad_fn.inputs == (t,)
    np.testing.assert_allclose(y.data, x ** 3, rtol=1e-15)
    y.sum().backward()
    np.testing.assert_allclose(t.grad, 3 * x ** 2, rtol=1e-15)
    assert ag.gradcheck(Cube.apply, (leaf(x),))
    assert ag.gradgradcheck(Cube.apply, (leaf(x),))  # its backward is written with operators


@given(x=arrays(shapes()))
def test_custom_op_composes_with_built_in_ops(x):
    assert ag.gradcheck(lambda t: Cube.apply(t.sigmoid() * 2).sum() + t.tanh(), (leaf(x),))


def test_custom_op_with_a_number_argument_and_two_tensor_inputs():
    a, b = leaf(np.array([1.0, 2.0])), leaf(np.array([3.0, -1.0]))
    out = ScaledProduct.apply(a, b, 0.5)
    assert out.grad_fn.inputs == (a, b, None)
    assert ag.gradcheck(lambda p, q: ScaledProduct.apply(p, q, 0.5), (a, b))


def test_custom_op_needs_input_grad_says_which_inputs_want_a_gradient():
    seen = []

    class Record(ag.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a + b

        @staticmethod
        def backward(ctx, grad):
            seen.append(ctx.needs_input_grad)
            return grad, grad

    Record.apply(leaf(np.ones(2)), ag.Tensor(np.ones(2))).sum().backward()
    assert seen == [(True, False)]


def numbers_in(message):
    """The analytic and numeric values a GradcheckError reports (as numpy reprs them)."""
    number = r"(?:np\.float64\()?([-+0-9.eE]+)\)?"
    return re.search(f"analytic {number} vs numeric {number}", message).groups()


def test_gradcheck_catches_a_wrong_backward_naming_input_element_and_both_values():
    x = np.array([0.5, -1.0, 2.0, 1.5])
    with pytest.raises(ag.GradcheckError) as caught:
        ag.gradcheck(CubeWrongAtElementTwo.apply, (leaf(x),))
    message = str(caught.value)
    assert "d(input 0[2])" in message and "output 0[2]" in message
    analytic, numeric = map(float, numbers_in(message))
    assert analytic == pytest.approx(1.5 * 3 * 2.0 ** 2, rel=1e-12)
    assert numeric == pytest.approx(3 * 2.0 ** 2, rel=1e-6)


def test_gradcheck_names_the_second_input_when_its_gradient_is_wrong():
    a, b = leaf(np.array([[1.0, 2.0]])), leaf(np.array([[3.0, 5.0]]))
    with pytest.raises(ag.GradcheckError, match=r"d\(input 1\[0, 0\]\)") as caught:
        ag.gradcheck(ProductWrongForB.apply, (a, b))
    analytic, numeric = map(float, numbers_in(str(caught.value)))
    assert analytic == pytest.approx(3.0) and numeric == pytest.approx(1.0, rel=1e-6)


def test_gradcheck_refuses_float32_inputs_with_a_type_error_asking_for_float64():
    with pytest.raises(TypeError, match=r"input 0 is float32.*float64"):
        ag.gradcheck(Cube.apply, (ag.Tensor([1.0, 2.0], requires_grad=True),))


def test_gradcheck_needs_an_input_that_requires_grad():
    with pytest.raises(ValueError, match="requires_grad=True"):
        ag.gradcheck(Cube.apply, (ag.Tensor(np.ones(2)),))
