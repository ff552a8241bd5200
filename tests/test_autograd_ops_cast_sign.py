"""The ops the dtype rules and second derivatives added: Cast (a dtype conversion whose
gradient goes back in the input's dtype), Sign and ZerosLike (derivative identically 0),
on hypothesis-drawn shapes (0-d, size-1 and size-0 axes included)."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
from autograd.ops import Cast, Sign, ZerosLike
from strategies import floats, leaf

any_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@given(x=hnp.arrays(np.float32, any_shapes, elements=floats().map(np.float32)))
def test_cast_converts_and_its_gradient_comes_back_in_the_input_dtype(x):
    t = ag.Tensor(x, requires_grad=True)
    y = Cast.apply(t, dtype=np.float64)
    assert y.dtype == np.float64
    np.testing.assert_array_equal(y.data, x.astype(np.float64))
    weights = np.arange(x.size, dtype=np.float64).reshape(x.shape)
    (y * weights).sum().backward()
    assert t.grad.dtype == np.float32
    np.testing.assert_array_equal(t.grad, weights.astype(np.float32))


@given(x=hnp.arrays(np.float64, any_shapes, elements=floats()), data=st.data())
def test_cast_is_recorded_in_a_second_derivative(x, data):
    """d2/dx2 of sum(cast(x)^3 w) is 6 x w, through Cast's recorded backward."""
    t = leaf(x)
    weights = data.draw(hnp.arrays(np.float64, x.shape, elements=floats()), label="weights")
    y = Cast.apply(Cast.apply(t, dtype=np.float32), dtype=np.float64)
    (g,) = ag.grad((y ** 3 * weights).sum(), t, create_graph=True)
    (h,) = ag.grad(g.sum(), t)
    expected = 6 * x.astype(np.float32).astype(np.float64) * weights
    np.testing.assert_allclose(h.data, expected, rtol=1e-6, atol=1e-6)


@given(x=hnp.arrays(np.float64, any_shapes,
                    elements=st.sampled_from([0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan])))
def test_sign_is_torchs_and_its_derivative_is_zero_not_unused(x):
    t = leaf(x)
    y = Sign.apply(t)
    expected = np.where(np.isnan(x), 0.0, np.sign(x))
    np.testing.assert_array_equal(y.data, expected)
    (g,) = ag.grad(y.sum(), t)
    np.testing.assert_array_equal(g.data, np.zeros_like(x))


@given(x=hnp.arrays(np.float64, any_shapes, elements=floats()))
def test_zeros_like_is_zero_with_a_zero_derivative(x):
    t = leaf(x)
    y = ZerosLike.apply(t)
    np.testing.assert_array_equal(y.data, np.zeros_like(x))
    assert y.requires_grad
    (g,) = ag.grad((y + t).sum(), t)
    np.testing.assert_array_equal(g.data, np.ones_like(x))
