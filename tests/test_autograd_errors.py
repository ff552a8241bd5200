"""Bad input: standard exceptions whose message names the op, what was expected and what
was given (both shapes for a shape mismatch)."""
import operator

import numpy as np
import pytest

import autograd as ag
from autograd.ops import Linear


def tensor(*shape):
    return ag.Tensor(np.ones(shape), requires_grad=True)


@pytest.mark.parametrize("op, name", [(operator.add, "add"), (operator.sub, "sub"),
                                      (operator.mul, "mul"), (operator.truediv, "div")])
def test_a_shape_mismatch_in_an_elementwise_op_names_the_op_and_both_shapes(op, name):
    with pytest.raises(ValueError, match=rf"{name}: shapes \(2, 3\) and \(4,\)"):
        op(tensor(2, 3), tensor(4))
    with pytest.raises(ValueError, match=rf"{name}: shapes \(2,\) and \(3, 1, 3\)"):
        op(tensor(2), np.ones((3, 1, 3)))


@pytest.mark.parametrize("left, right", [((2, 3), (4, 5)), ((3,), (2,)), ((5, 2, 3), (4, 2))])
def test_a_shape_mismatch_in_matmul_names_the_op_and_both_shapes(left, right):
    with pytest.raises(ValueError, match=rf"matmul: shapes {re_shape(left)} and {re_shape(right)}"):
        tensor(*left) @ tensor(*right)


def re_shape(shape):
    return str(shape).replace("(", r"\(").replace(")", r"\)")


def test_matmul_of_a_0d_tensor_is_refused_naming_both_shapes():
    with pytest.raises(ValueError, match=r"at least one dimension.*\(\) and \(2,\)"):
        ag.Tensor(2.0) @ tensor(2)


def test_linear_with_mismatched_input_and_weight_names_both_shapes():
    with pytest.raises(ValueError,
                       match=r"linear: input of shape \(4, 3\).*weight of shape \(2, 5\)"):
        Linear.apply(tensor(4, 3), tensor(2, 5), tensor(2))


def test_joining_and_reshaping_mismatches_name_the_op_and_the_shapes():
    with pytest.raises(ValueError, match=r"concatenate: shapes \[\(2, 3\), \(2, 4\)\]"):
        ag.concatenate([tensor(2, 3), tensor(2, 4)], axis=0)
    with pytest.raises(ValueError, match=r"stack: shapes \[\(2,\), \(3,\)\]"):
        ag.stack([tensor(2), tensor(3)])
    with pytest.raises(ValueError, match=r"where: shapes \(2,\), \(3,\)"):
        ag.where(np.array([True, False]), tensor(3), 0.0)
    with pytest.raises(ValueError,
                       match=r"reshape: .*shape \(2, 3\) \(6 elements\) into shape \(4,\)"):
        tensor(2, 3).reshape(4)
    with pytest.raises(ValueError, match=r"permute: dims \(0, 0\)"):
        tensor(2, 3).permute(0, 0)
    with pytest.raises(ValueError, match="concatenate: needs at least one tensor"):
        ag.concatenate([])


def test_a_reduction_axis_out_of_range_names_the_axis_and_the_dimensions():
    with pytest.raises(ValueError, match="axis 2 is out of range for a tensor with 2 dimensions"):
        tensor(2, 3).sum(axis=2)
    with pytest.raises(ValueError, match=r"repeated axis in \(1, -1\)"):
        tensor(2, 3).mean(axis=(1, -1))


def test_clip_needs_a_bound_and_lo_not_above_hi():
    with pytest.raises(ValueError, match="got neither"):
        tensor(2).clip()
    with pytest.raises(ValueError, match="got lo=2, hi=1"):
        tensor(2).clip(2, 1)


def test_backward_on_a_non_scalar_without_gradient_asks_for_one():
    with pytest.raises(RuntimeError, match=r"one-element output.*shape \(2, 3\).*gradient="):
        (tensor(2, 3) * 2).backward()


def test_backward_on_a_tensor_that_does_not_require_grad_says_so():
    with pytest.raises(RuntimeError, match="does not require grad"):
        ag.Tensor(np.ones(2)).sum().backward()
    with ag.no_grad():
        y = tensor(2).sum()
    with pytest.raises(RuntimeError, match="does not require grad"):
        y.backward()


def test_backward_with_a_gradient_of_the_wrong_shape_names_both_shapes():
    with pytest.raises(RuntimeError,
                       match=r"gradient has shape \(3,\) but the output has shape \(2,\)"):
        (tensor(2) * 2).backward(np.ones(3))


def test_grad_refuses_inputs_that_do_not_require_grad_and_non_tensors():
    x = tensor(2)
    with pytest.raises(RuntimeError, match="input 0 does not require grad"):
        ag.grad((x * 2).sum(), [ag.Tensor(np.ones(2))])
    with pytest.raises(TypeError, match="inputs must be Tensors; got ndarray"):
        ag.grad((x * 2).sum(), [np.ones(2)])
    with pytest.raises(ValueError, match="2 grad_outputs given for 1 outputs"):
        ag.grad([x * 2], [x], grad_outputs=[np.ones(2), np.ones(2)])


def test_switching_off_requires_grad_on_a_result_points_to_detach():
    with pytest.raises(RuntimeError, match="detach"):
        (tensor(2) * 2).requires_grad_(False)
