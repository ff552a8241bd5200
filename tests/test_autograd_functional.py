"""autograd.functional agrees with torch.autograd.functional (float64): vjp, jvp, jacobian
(reverse and forward mode), hessian, hvp, vhp, with one input or a tuple, one output or a tuple;
and the JAX-style grad and value_and_grad."""
import numpy as np
import pytest
import torch
import torch.autograd.functional as torch_functional
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from autograd import functional
from strategies import arrays, floats, shapes


def ours_and_torch(*arrays_):
    return tuple(ag.tensor(a) for a in arrays_), tuple(torch.tensor(a) for a in arrays_)


def two_inputs_one_output(x, y):
    return ((x * y).sigmoid() * y).sum(axis=0) if isinstance(x, ag.Tensor) else \
        (torch.sigmoid(x * y) * y).sum(0)


def two_outputs(x, y):
    if isinstance(x, ag.Tensor):
        return (x * y).exp(), (x / (y * y + 1.0)) @ y
    return torch.exp(x * y), (x / (y * y + 1.0)) @ y


def scalar(x, y):
    if isinstance(x, ag.Tensor):
        return ((x * y).tanh() ** 2).sum() + (y ** 3).sum()
    return (torch.tanh(x * y) ** 2).sum() + (y ** 3).sum()


def assert_same(ours, theirs):
    if isinstance(theirs, (tuple, list)):
        assert isinstance(ours, tuple) and len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            assert_same(o, t)
        return
    assert isinstance(ours, ag.Tensor) and ours.shape == tuple(theirs.shape)
    np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=1e-10, atol=1e-12)


matrices = st.integers(1, 3).flatmap(lambda n: st.tuples(
    arrays((2, n), floats(-2, 2)), arrays((n,), floats(-2, 2))))


@settings(max_examples=20)
@given(matrices, st.sampled_from(["reverse-mode", "forward-mode"]))
def test_jacobians_equal_torch_for_every_structure(pair, strategy):
    ours, theirs = ours_and_torch(*pair)
    for function in (two_inputs_one_output, two_outputs):
        assert_same(functional.jacobian(function, ours, strategy=strategy),
                    torch_functional.jacobian(function, theirs, strategy=strategy,
                                              vectorize=strategy == "forward-mode"))
    single = lambda x: two_outputs(x, ours[1] if isinstance(x, ag.Tensor) else theirs[1])[0]  # noqa: E731
    assert_same(functional.jacobian(single, ours[0], strategy=strategy),
                torch_functional.jacobian(single, theirs[0], strategy=strategy,
                                          vectorize=strategy == "forward-mode"))


@settings(max_examples=20)
@given(matrices, st.data())
def test_vjp_jvp_hvp_vhp_and_hessian_equal_torch(pair, data):
    ours, theirs = ours_and_torch(*pair)
    out_shape = (pair[1].shape[0],)
    v = data.draw(arrays(out_shape, floats(-2, 2)))
    u = tuple(data.draw(arrays(a.shape, floats(-2, 2))) for a in pair)
    assert_same(functional.vjp(two_inputs_one_output, ours, ag.tensor(v)),
                torch_functional.vjp(two_inputs_one_output, theirs, torch.tensor(v)))
    ours_u, theirs_u = ours_and_torch(*u)
    assert_same(functional.jvp(two_inputs_one_output, ours, ours_u),
                torch_functional.jvp(two_inputs_one_output, theirs, theirs_u))
    assert_same(functional.hvp(scalar, ours, ours_u), torch_functional.hvp(scalar, theirs, theirs_u))
    assert_same(functional.vhp(scalar, ours, ours_u), torch_functional.vhp(scalar, theirs, theirs_u))
    assert_same(functional.hessian(scalar, ours), torch_functional.hessian(scalar, theirs))


def test_create_graph_keeps_results_differentiable_and_inputs_untouched():
    x = ag.tensor(np.array([0.5, -1.0, 2.0]), requires_grad=True)
    (gradient,) = [functional.jacobian(lambda t: (t ** 3).sum(), x, create_graph=True)]
    assert gradient.requires_grad
    gradient.sum().backward()
    np.testing.assert_allclose(x.grad, 6 * x.data)
    y = ag.tensor(np.array([1.0, 2.0]), requires_grad=True)
    value, g = functional.vjp(lambda t: (t * t).sum(), y)
    assert not value.requires_grad and not g.requires_grad and y.grad is None


def test_unused_inputs_get_zeros_unless_strict():
    x, y = ag.tensor(np.ones(2)), ag.tensor(np.ones(3))
    _, (gx, gy) = functional.vjp(lambda a, b: (a * 2.0).sum(), (x, y))
    np.testing.assert_array_equal(gy.data, np.zeros(3))
    with pytest.raises(RuntimeError, match="does not depend on input 1"):
        functional.vjp(lambda a, b: (a * 2.0).sum(), (x, y), strict=True)


def test_errors_name_what_was_expected():
    x = ag.tensor(np.ones(2))
    with pytest.raises(RuntimeError, match="v can be omitted only"):
        functional.vjp(lambda a: a * 2.0, x)
    with pytest.raises(TypeError, match="inputs must be Tensors"):
        functional.jacobian(lambda a: a, np.ones(2))
    with pytest.raises(ValueError, match="strategy must be"):
        functional.jacobian(lambda a: a, x, strategy="sideways")
    with pytest.raises(RuntimeError, match="strict=True works with strategy='reverse-mode' only"):
        functional.jacobian(lambda a: a, x, strict=True, strategy="forward-mode")
    with pytest.raises(RuntimeError, match="one Tensor with one element"):
        functional.hessian(lambda a: a * 2.0, x)


@given(arrays(shapes(), floats()), arrays(shapes(), floats()))
def test_jax_style_grad_and_value_and_grad(a, b):
    f = lambda x, y: (x * x).sum() * 3.0 + (y.exp()).sum()  # noqa: E731
    x, y = ag.tensor(a), ag.tensor(b)
    np.testing.assert_allclose(functional.grad(f)(x, y).data, 6 * a)
    value, (gx, gy) = functional.value_and_grad(f, (0, 1))(x, y)
    np.testing.assert_allclose(value.data, 3 * np.sum(a * a) + np.exp(b).sum())
    np.testing.assert_allclose(gy.data, np.exp(b))
    with pytest.raises(IndexError, match="argnums 2 out of range"):
        functional.grad(f, 2)(x, y)
