"""exp log sqrt abs sigmoid tanh relu clip: values equal numpy's, first and second derivatives
equal finite differences (float64), on inputs kept away from kinks and singularities."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from strategies import arrays, floats, floats_away_from, leaf, shapes

# name -> (the op on a Tensor, numpy's value, inputs where the op is smooth)
ELEMENTWISE = {
    "exp": (ag.Tensor.exp, np.exp, floats()),
    "log": (ag.Tensor.log, np.log, floats(0.1, 5.0)),
    "sqrt": (ag.Tensor.sqrt, np.sqrt, floats(0.1, 5.0)),
    "abs": (ag.Tensor.abs, np.abs, floats_away_from([0.0])),
    "sigmoid": (ag.Tensor.sigmoid, lambda x: 1 / (1 + np.exp(-x)), floats(-6.0, 6.0)),
    "tanh": (ag.Tensor.tanh, np.tanh, floats()),
    "relu": (ag.Tensor.relu, lambda x: np.maximum(x, 0.0), floats_away_from([0.0])),
}


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@given(data=st.data())
def test_elementwise_op_matches_numpy_and_passes_gradcheck_and_gradgradcheck(name, data):
    method, reference, elements = ELEMENTWISE[name]
    a = data.draw(arrays(shapes(), elements), label="x")
    out = method(leaf(a))
    assert out.shape == a.shape and out.dtype == np.float64
    assert out.grad_fn.name == name
    np.testing.assert_allclose(out.data, reference(a), rtol=1e-12, atol=1e-15)
    assert ag.gradcheck(method, (leaf(a),))
    assert ag.gradgradcheck(method, (leaf(a),))


@st.composite
def clip_cases(draw):
    """(x, lo, hi) with lo < hi and every x at least 0.01 from both bounds."""
    lo = draw(floats(-2.0, 1.0))
    hi = lo + draw(floats(0.1, 2.0))
    x = draw(arrays(shapes(), floats_away_from([lo, hi])))
    return x, lo, hi


@given(case=clip_cases())
def test_clip_matches_numpy_and_passes_gradcheck_and_gradgradcheck(case):
    a, lo, hi = case
    clip = lambda t: t.clip(lo, hi)  # noqa: E731
    np.testing.assert_array_equal(clip(leaf(a)).data, np.clip(a, lo, hi))
    assert ag.gradcheck(clip, (leaf(a),))
    assert ag.gradgradcheck(clip, (leaf(a),))


@given(a=arrays(shapes(min_dims=1), floats_away_from([0.0])), bound=st.sampled_from(["lo", "hi"]))
def test_clip_with_one_bound_passes_gradients_only_inside(a, bound):
    x = leaf(a)
    out = x.clip(lo=0.0) if bound == "lo" else x.clip(hi=0.0)
    out.sum().backward()
    inside = a > 0 if bound == "lo" else a < 0
    np.testing.assert_array_equal(x.grad, inside.astype(np.float64))


@given(z=arrays(shapes(), floats(-800.0, 800.0)))
def test_sigmoid_never_overflows_and_stays_in_the_unit_interval(z):
    with np.errstate(over="raise"):
        a = leaf(z).sigmoid()
    assert np.all((a.data >= 0) & (a.data <= 1))


def test_abs_and_relu_take_zero_as_the_derivative_at_their_kink():
    x = leaf(np.array([0.0]))
    (x.abs() + x.relu()).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0])


def test_clip_keeps_x_itself_at_a_bound_as_torch_so_minus_zero_stays():
    """Found by the long differential run: numpy's clip turned -0 into the bound +0 (then
    2 // it was +inf, torch's -inf); torch keeps x unless it is beyond a bound."""
    import torch
    values = np.array([-0.0, 0.0, np.nan, -1.0, 2.0])
    for lo, hi in ((0.0, None), (None, -0.0), (0.0, 0.0), (np.nan, None)):
        ours = ag.tensor(values).clip(lo, hi).data
        theirs = torch.clamp(torch.tensor(values), min=lo, max=hi).numpy()
        np.testing.assert_array_equal(ours, theirs)
        np.testing.assert_array_equal(np.signbit(ours), np.signbit(theirs))
