"""Forward mode: dual tensors carry tangents through ops (PyTorch's forward_ad API), a custom
Function without jvp is named when it meets one, and count_ops counts what each mode runs."""
import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad

import autograd as ag
from autograd import forward_ad, functional
from autograd.counting import count_ops


def test_a_dual_tensor_gives_the_directional_derivative_as_torch():
    a, u = np.array([0.3, -1.2, 2.0]), np.array([1.0, 0.5, -2.0])
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.tensor(a), ag.tensor(u))
        y = ((x * x + 1.0) / (x - 3.0)) ** 2 * 0.5
        value, tangent = forward_ad.unpack_dual(y)
    with torch_forward_ad.dual_level():
        tx = torch_forward_ad.make_dual(torch.tensor(a), torch.tensor(u))
        ty = ((tx * tx + 1.0) / (tx - 3.0)) ** 2 * 0.5
        tvalue, ttangent = torch_forward_ad.unpack_dual(ty)
    np.testing.assert_allclose(value.data, tvalue.numpy(), rtol=1e-13)
    np.testing.assert_allclose(tangent.data, ttangent.numpy(), rtol=1e-13)


def test_tangents_end_with_their_level_and_levels_do_not_nest():
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.tensor([1.0]), ag.tensor([1.0]))
        with pytest.raises(RuntimeError, match="nested"):
            with forward_ad.dual_level():
                pass
    with forward_ad.dual_level():
        assert forward_ad.unpack_dual(x * 2.0).tangent is None
    with pytest.raises(RuntimeError, match="needs an active forward_ad.dual_level"):
        forward_ad.make_dual(ag.tensor([1.0]), ag.tensor([1.0]))


def test_make_dual_checks_shape_and_dtype():
    with forward_ad.dual_level():
        with pytest.raises(ValueError, match="tangent's shape"):
            forward_ad.make_dual(ag.tensor([1.0, 2.0]), ag.tensor([1.0]))
        with pytest.raises(TypeError, match="tangent's dtype"):
            forward_ad.make_dual(ag.tensor([1.0]), np.array([1.0]))


def test_a_custom_function_without_jvp_is_named():
    class Double(ag.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.tensor([1.0]), ag.tensor([1.0]))
        with pytest.raises(RuntimeError, match="op 'double' .Double. has no jvp rule"):
            Double.apply(x)


def test_reverse_mode_still_works_through_dual_tensors():
    primal = ag.tensor(np.array([1.0, 2.0]), requires_grad=True)
    with forward_ad.dual_level():
        dual = forward_ad.make_dual(primal, ag.tensor(np.ones(2)))
        y = dual @ dual
    y.backward()
    np.testing.assert_array_equal(primal.grad, [2.0, 4.0])  # d(x . x)/dx = 2x


def test_count_ops_shows_forward_mode_pays_per_input_and_reverse_per_output():
    x = ag.tensor(np.linspace(-1, 1, 6))
    many_inputs = lambda t: (t * t) @ t * 2.0  # noqa: E731  6 inputs, 1 output
    with count_ops() as reverse:
        functional.jacobian(many_inputs, x)
    with count_ops() as forward:
        functional.jacobian(many_inputs, x, strategy="forward-mode")
    assert reverse.backward_total == 3 and reverse.forward_total == 3
    assert forward.backward_total == 0
    assert forward.forward["mul"] == 2 * (1 + 6)  # once for the outputs, then per input element
    assert "forward ops" in repr(forward)


def test_forward_over_reverse_sees_the_tangents_of_saved_outputs():
    """A backward formula that uses the op's output (sigmoid's a (1 - a), exp's y, tanh's
    1 - y^2, softmax's s) must carry that output's tangent when forward mode runs through the
    recorded backward: the Hessian by forward-over-reverse equals reverse-over-reverse."""
    def f(x):
        return ((x.exp() * x).tanh() ** 2).sum() + (x.softmax(dim=0) * x.sigmoid()).sum()
    x = ag.tensor(np.array([0.3, -0.7, 1.1]))
    by_reverse = functional.hessian(f, x)
    by_forward = functional.hessian(f, x, outer_jacobian_strategy="forward-mode")
    np.testing.assert_allclose(by_forward.data, by_reverse.data, rtol=1e-12, atol=1e-14)


EDGE = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 2.0])
CONSTANT = np.array([2.0, np.inf, 0.0, -np.inf, 3.0, np.nan])
# (name, ours, torch): f(dual, constant), the constant carrying no tangent.
CONSTANT_OPERAND_OPS = [
    ("mul", lambda x, c: x * c, lambda x, c: x * c),
    ("mul by a number", lambda x, c: x * 2.0, lambda x, c: x * 2.0),
    ("number times", lambda x, c: 2.0 * x, lambda x, c: 2.0 * x),
    ("div", lambda x, c: x / c, lambda x, c: x / c),
    ("divided", lambda x, c: c / x, lambda x, c: c / x),
    ("sub", lambda x, c: c - x, lambda x, c: c - x),
    ("pow", lambda x, c: x ** c, lambda x, c: x ** c),
    ("rpow", lambda x, c: c ** x, lambda x, c: c ** x),
    ("atan2", lambda x, c: ag.atan2(x, c), torch.atan2),
    ("hypot", lambda x, c: ag.hypot(x, c), torch.hypot),
    ("lerp", lambda x, c: ag.lerp(x, c, 0.25), lambda x, c: torch.lerp(x, c, 0.25)),
    ("einsum", lambda x, c: ag.einsum("i,i->i", x, c), lambda x, c: torch.einsum("i,i->i", x, c)),
]


@pytest.mark.parametrize("name, ours, theirs", CONSTANT_OPERAND_OPS,
                         ids=[op[0] for op in CONSTANT_OPERAND_OPS])
def test_an_operand_without_a_tangent_adds_nothing_even_where_it_is_infinite(name, ours, theirs):
    """A missing tangent is an absorbing zero, as PyTorch's: d(x * c) = c dx, never inf * 0."""
    u = np.linspace(0.5, 3.0, EDGE.size)
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.tensor(EDGE), ag.tensor(u))
        tangent = forward_ad.unpack_dual(ours(x, ag.tensor(CONSTANT))).tangent
    with torch_forward_ad.dual_level():
        tx = torch_forward_ad.make_dual(torch.tensor(EDGE), torch.tensor(u))
        expected = torch_forward_ad.unpack_dual(theirs(tx, torch.tensor(CONSTANT))).tangent
    np.testing.assert_allclose(tangent.data, expected.numpy(), rtol=1e-15, atol=0)


@pytest.mark.parametrize("ours, theirs", [
    (lambda x, c: x @ c, lambda x, c: x @ c),
    (lambda x, c: ag.ops.Linear.apply(x, c), torch.nn.functional.linear),
    (lambda x, c: ag.einsum("ij,jk->ik", x, c), lambda x, c: torch.einsum("ij,jk->ik", x, c)),
], ids=["matmul", "linear", "einsum"])
def test_deliberate_difference_a_matrix_product_with_a_constant_keeps_infinite_rows_finite(
        ours, theirs):
    """Deliberate difference: in matmul, linear and einsum a constant operand's missing tangent
    adds nothing, as in every op here; PyTorch multiplies an explicit zero tangent there, and
    inf * 0 gives NaN in the rows of an infinite x (its mul does skip it)."""
    x, u, c = np.array([[np.inf, 1.0], [2.0, 3.0]]), np.ones((2, 2)), np.eye(2)
    with forward_ad.dual_level():
        dual = forward_ad.make_dual(ag.tensor(x), ag.tensor(u))
        tangent = forward_ad.unpack_dual(ours(dual, ag.tensor(c))).tangent.data
    with torch_forward_ad.dual_level():
        dual = torch_forward_ad.make_dual(torch.tensor(x), torch.tensor(u))
        expected = torch_forward_ad.unpack_dual(theirs(dual, torch.tensor(c))).tangent.numpy()
    np.testing.assert_array_equal(tangent, u @ c)            # d(x C) = dx C
    assert np.isnan(expected[0]).all() and (expected[1] == tangent[1]).all()


def test_a_cast_keeps_the_tangent_of_a_tensor_that_does_not_require_grad():
    """Forward mode ignores grad mode (as PyTorch's): a result made under no_grad() still
    carries its tangent through a later dtype conversion."""
    with forward_ad.dual_level():
        x = forward_ad.make_dual(ag.tensor(0.5, requires_grad=True, dtype=ag.float64),
                                 ag.tensor(2.0, dtype=ag.float64))
        with ag.no_grad():
            y = x.exp().float()
        z = y.double()
        assert not z.requires_grad
        np.testing.assert_allclose(forward_ad.unpack_dual(z).tangent.data, 2 * np.exp(0.5),
                                   rtol=1e-7)


def test_deliberate_difference_prod_of_two_zeros_and_a_nan_has_the_tangent_backward_gives():
    """prod([0, 0, NaN]): both engines' backward give the gradient 0 (two zeros: every partial
    product holds a zero), so our tangent is 0; torch's forward formula gives NaN."""
    a, u = np.array([0.0, 0.0, np.nan]), np.array([1.0, 2.0, 3.0])
    x = ag.tensor(a, requires_grad=True)
    x.prod().backward()
    assert (x.grad == 0).all()
    with forward_ad.dual_level():
        tangent = forward_ad.unpack_dual(forward_ad.make_dual(ag.tensor(a), ag.tensor(u)).prod())
    assert tangent.tangent.item() == 0.0
    with torch_forward_ad.dual_level():
        dual = torch_forward_ad.make_dual(torch.tensor(a), torch.tensor(u))
        assert torch.isnan(torch_forward_ad.unpack_dual(dual.prod()).tangent)
