"""Forward mode of the seeds' ops and the other core ops (arithmetic, elementwise, matmul,
linear, softmax, the squared error, casts, joining, where): the Jacobian by jvp rules equals
finite differences and <v, J u> by forward mode equals <J^T v, u> by reverse mode; tangents
equal torch's forward AD at ordinary and edge values."""
import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from autograd import forward_ad, ops
from autograd.testing import (assert_gradients_match, assert_jvp_matches_vjp, away_from,
                              broadcastable_shapes, nonzero, positive, real, tensors)

# name -> (function of tensors, one domain per input)
CASES = {
    "add": (lambda a, b: a + b, [real, real]),
    "sub": (lambda a, b: a - b, [real, real]),
    "mul": (lambda a, b: a * b, [real, real]),
    "div": (lambda a, b: a / b, [real, nonzero]),
    "neg": (lambda a: -a, [real]),
    "pow_number": (lambda a: a ** 3, [real]),
    "pow_fraction": (lambda a: a ** 0.5, [positive]),
    "pow": (lambda a, b: a ** b, [positive, real]),
    "exp": (lambda a: a.exp(), [real]),
    "log": (lambda a: a.log(), [positive]),
    "sqrt": (lambda a: a.sqrt(), [positive]),
    "abs": (lambda a: a.abs(), [away_from(0.0)]),
    "sigmoid": (lambda a: a.sigmoid(), [real]),
    "tanh": (lambda a: a.tanh(), [real]),
    "relu": (lambda a: a.relu(), [away_from(0.0)]),
    "clip": (lambda a: a.clip(-1.0, 1.0), [away_from(-1.0, 1.0)]),
    "softmax": (lambda a: a.softmax(dim=-1), [real]),
    "log_softmax": (lambda a: a.log_softmax(dim=-1), [real]),
    "where": (lambda a, b: ag.where(a > 0, a * 2.0, b), [away_from(0.0), real]),
    "float32_round_trip": (lambda a: a.float().double() * 1.0, [real]),
    "clone": (lambda a: a.clone() * 2.0, [real]),
}


@pytest.mark.parametrize("name", sorted(CASES))
@given(data=st.data())
def test_forward_mode_equals_finite_differences_and_reverse_mode(name, data):
    function, domains = CASES[name]
    shapes = data.draw(broadcastable_shapes(len(domains)))
    inputs = [data.draw(tensors(shape, elements=domain)) for shape, domain in zip(shapes, domains)]
    if name == "float32_round_trip":  # a float32 trip loses digits: compare against itself
        assert_jvp_matches_vjp(function, *inputs, rtol=1e-6)
        return
    assert_gradients_match(function, *inputs, mode="forward")
    assert_jvp_matches_vjp(function, *inputs)


matmul_pairs = st.sampled_from([((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (3, 4)),
                                ((2, 2, 3), (3, 1)), ((1, 2, 3), (2, 3, 2))])


@given(pair=matmul_pairs, data=st.data())
def test_products_and_the_seeds_layer_and_cost(pair, data):
    a, b = (data.draw(tensors(shape)) for shape in pair)
    assert_gradients_match(lambda x, y: x @ y, a, b, mode="forward")
    assert_jvp_matches_vjp(lambda x, y: x @ y, a, b)
    x, w, bias = (data.draw(tensors(s)) for s in ((4, 3), (2, 3), (2,)))
    layer = lambda x, w, b: ops.Linear.apply(x, w, b)  # noqa: E731
    assert_gradients_match(layer, x, w, bias, mode="forward")
    assert_jvp_matches_vjp(layer, x, w, bias)
    y = data.draw(tensors((4, 2)))
    cost = lambda a, y: ops.SquaredError.apply(a, y, scale=0.125)  # noqa: E731
    assert_jvp_matches_vjp(cost, layer(x, w, bias).detach().requires_grad_(), y)


@given(data=st.data(), axis=st.integers(-2, 1))
def test_concatenate_and_stack(data, axis):
    parts = [data.draw(tensors((2, 3))) for _ in range(3)]
    for join in (lambda *p: ag.concatenate(p, axis=axis), lambda *p: ag.stack(p, axis=axis)):
        assert_gradients_match(join, *parts, mode="forward")
        assert_jvp_matches_vjp(join, *parts)


EDGE = np.array([0.0, -0.0, 1.0, -2.5, 40.0, -40.0, 1e-300, np.inf, -np.inf, np.nan])
TORCH_CASES = {
    "exp": (lambda t: t.exp(), torch.exp), "log": (lambda t: t.log(), torch.log),
    "sqrt": (lambda t: t.sqrt(), torch.sqrt), "abs": (lambda t: t.abs(), torch.abs),
    "sigmoid": (lambda t: t.sigmoid(), torch.sigmoid), "tanh": (lambda t: t.tanh(), torch.tanh),
    "relu": (lambda t: t.relu(), torch.relu),
    "clip": (lambda t: t.clip(-1.0, 1.0), lambda t: torch.clamp(t, -1.0, 1.0)),
    "square": (lambda t: t ** 2, lambda t: t ** 2), "cube": (lambda t: t ** 3, lambda t: t ** 3),
    "mul": (lambda t: t * t, lambda t: t * t), "div": (lambda t: 1.0 / (t + 2.0),
                                                       lambda t: 1.0 / (t + 2.0)),
}


@pytest.mark.parametrize("name", sorted(TORCH_CASES))
def test_tangents_equal_torchs_forward_ad_at_edge_values(name):
    ours_fn, torch_fn = TORCH_CASES[name]
    direction = np.linspace(-1.0, 2.0, EDGE.size)
    with forward_ad.dual_level():
        ours = forward_ad.unpack_dual(ours_fn(forward_ad.make_dual(ag.tensor(EDGE), direction)))
    with torch_forward_ad.dual_level():
        theirs = torch_forward_ad.unpack_dual(torch_fn(torch_forward_ad.make_dual(
            torch.tensor(EDGE), torch.tensor(direction))))
    np.testing.assert_allclose(ours.primal.data, theirs.primal.numpy(), rtol=1e-13)
    np.testing.assert_allclose(ours.tangent.data, theirs.tangent.numpy(), rtol=1e-13)
