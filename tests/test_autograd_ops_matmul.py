"""@ in all of numpy.matmul's cases and the fused layer op Linear (z = x W^T + b): values equal
numpy's, first and second derivatives equal finite differences (float64)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
from autograd.ops import Linear
from strategies import MAX_SIDE, arrays, leaf, shapes

sides = st.integers(1, MAX_SIDE)


@st.composite
def matmul_operands(draw, case):
    """Two float64 arrays that numpy.matmul accepts, in the named case."""
    n, k, m = draw(sides), draw(sides), draw(sides)
    if case == "batched":
        left, right = draw(hnp.mutually_broadcastable_shapes(
            signature="(n,k),(k,m)->(n,m)", min_dims=1, max_dims=2, max_side=MAX_SIDE,
        )).input_shapes
    elif case == "batched with a 1-D operand":
        left, right = draw(hnp.mutually_broadcastable_shapes(
            signature=np.matmul.signature, min_dims=1, max_dims=2, max_side=MAX_SIDE,
        )).input_shapes
    else:
        left, right = {
            "1-D @ 1-D": ((k,), (k,)),
            "1-D @ 2-D": ((k,), (k, m)),
            "2-D @ 1-D": ((n, k), (k,)),
            "2-D @ 2-D": ((n, k), (k, m)),
        }[case]
    return draw(arrays(left)), draw(arrays(right))


CASES = ["1-D @ 1-D", "1-D @ 2-D", "2-D @ 1-D", "2-D @ 2-D", "batched",
         "batched with a 1-D operand"]


@pytest.mark.parametrize("case", CASES)
@given(data=st.data())
def test_matmul_matches_numpy_and_passes_gradcheck(case, data):
    a, b = data.draw(matmul_operands(case), label="operands")
    out = leaf(a) @ leaf(b)
    assert out.shape == np.matmul(a, b).shape
    np.testing.assert_allclose(out.data, np.matmul(a, b), rtol=1e-12, atol=1e-12)
    assert ag.gradcheck(lambda x, y: x @ y, (leaf(a), leaf(b)))


@pytest.mark.parametrize("case", ["1-D @ 1-D", "2-D @ 1-D", "2-D @ 2-D", "batched"])
@given(data=st.data())
def test_matmul_second_derivatives_pass_gradgradcheck(case, data):
    a, b = data.draw(matmul_operands(case), label="operands")
    assert ag.gradgradcheck(lambda x, y: x @ y, (leaf(a), leaf(b)))


@given(operands=matmul_operands("2-D @ 2-D"), array_on_the_left=st.booleans())
def test_matmul_with_a_numpy_array_on_either_side_acts_like_a_constant_tensor(
        operands, array_on_the_left):
    a, b = operands
    if array_on_the_left:
        x = leaf(b)
        out, grad_expected = a @ x, a.T @ np.ones((a.shape[0], b.shape[1]))
    else:
        x = leaf(a)
        out, grad_expected = x @ b, np.ones((a.shape[0], b.shape[1])) @ b.T
    np.testing.assert_allclose(out.data, a @ b, rtol=1e-12, atol=1e-12)
    out.sum().backward()
    np.testing.assert_allclose(x.grad, grad_expected, rtol=1e-12, atol=1e-12)


@st.composite
def linear_operands(draw, with_bias=True):
    """x of shape (..., n_in) (0 to 2 batch axes), W of shape (n_out, n_in), b of shape (n_out,)."""
    n_in, n_out = draw(sides), draw(sides)
    batch = draw(shapes(min_dims=0, max_dims=2))
    x = draw(arrays(batch + (n_in,)))
    weight = draw(arrays((n_out, n_in)))
    bias = draw(arrays((n_out,))) if with_bias else None
    return x, weight, bias


@given(operands=linear_operands())
def test_linear_equals_x_times_w_transposed_plus_b_and_passes_gradcheck(operands):
    x, weight, bias = operands
    out = Linear.apply(leaf(x), leaf(weight), leaf(bias))
    assert out.grad_fn.name == "linear"
    np.testing.assert_allclose(out.data, x @ weight.T + bias, rtol=1e-12, atol=1e-12)
    assert ag.gradcheck(Linear.apply, (leaf(x), leaf(weight), leaf(bias)))
    assert ag.gradgradcheck(Linear.apply, (leaf(x), leaf(weight), leaf(bias)))


@given(operands=linear_operands(with_bias=False))
def test_linear_without_bias_passes_gradcheck(operands):
    x, weight, _ = operands
    np.testing.assert_allclose(Linear.apply(leaf(x), leaf(weight)).data, x @ weight.T,
                               rtol=1e-12, atol=1e-12)
    assert ag.gradcheck(Linear.apply, (leaf(x), leaf(weight)))


@given(operands=linear_operands())
def test_linear_gives_the_same_gradients_as_matmul_transpose_add(operands):
    x, weight, bias = operands
    fused = [leaf(x), leaf(weight), leaf(bias)]
    Linear.apply(*fused).sum().backward()
    separate = [leaf(x), leaf(weight), leaf(bias)]
    (separate[0] @ separate[1].T + separate[2]).sum().backward()
    for got, wanted in zip(fused, separate):
        np.testing.assert_allclose(got.grad, wanted.grad, rtol=1e-12, atol=1e-12)


def test_linear_with_a_constant_input_gives_gradients_only_to_the_parameters():
    x = ag.Tensor(np.ones((2, 3)), dtype=np.float64)
    weight, bias = leaf(np.ones((4, 3))), leaf(np.zeros(4))
    Linear.apply(x, weight, bias).sum().backward()
    assert x.grad is None
    np.testing.assert_array_equal(weight.grad, np.full((4, 3), 2.0))
    np.testing.assert_array_equal(bias.grad, np.full(4, 2.0))
