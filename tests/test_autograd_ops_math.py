"""The smooth elementwise math family (sin ... reciprocal, deg2rad, rad2deg): values equal
torch's (float64), first and second derivatives equal finite differences on inputs inside each
op's domain, and dtypes are torch's (float32 kept, int and bool inputs give float32, square
keeps integers)."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from strategies import MATH_DOMAINS, arrays, leaf, shapes

NAMES = sorted(MATH_DOMAINS)
ALIASES = {"arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsinh": "asinh",
           "arccosh": "acosh", "arctanh": "atanh"}


def method(name):
    """x.<name>() as a function of x."""
    return lambda x: getattr(x, name)()


def torch_values(name, array):
    return getattr(torch, name)(torch.from_numpy(array)).numpy()


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40)
@given(data=st.data())
def test_math_op_matches_torch_and_passes_gradcheck_and_gradgradcheck(name, data):
    a = data.draw(arrays(shapes(), MATH_DOMAINS[name]), label="x")
    out = getattr(leaf(a), name)()
    assert out.shape == a.shape and out.dtype == np.float64
    assert out.grad_fn.name == name
    np.testing.assert_allclose(out.data, torch_values(name, a), rtol=1e-12, atol=1e-300)
    assert ag.gradcheck(method(name), (leaf(a),))
    assert ag.gradgradcheck(method(name), (leaf(a),))


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=20)
@given(data=st.data())
def test_math_op_gradient_matches_torch(name, data):
    a = data.draw(arrays(shapes(), MATH_DOMAINS[name]), label="x")
    upstream = data.draw(arrays(a.shape), label="upstream")
    x = leaf(a)
    getattr(x, name)().backward(ag.Tensor(upstream))
    tx = torch.tensor(a, requires_grad=True)
    getattr(torch, name)(tx).backward(torch.from_numpy(upstream))
    np.testing.assert_allclose(x.grad, tx.grad.numpy(), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("name", NAMES)
def test_math_op_keeps_float32_in_value_and_gradient(name):
    a = np.linspace(0.2, 0.9, 6, dtype=np.float32).reshape(2, 3) + np.float32(
        1.5 if name == "acosh" else 0)
    x = ag.Tensor(a, requires_grad=True)
    out = getattr(x, name)()
    out.sum().backward()
    tx = torch.tensor(a, requires_grad=True)
    theirs = getattr(torch, name)(tx)
    theirs.sum().backward()
    assert out.dtype == np.float32 and x.grad.dtype == np.float32
    np.testing.assert_allclose(out.data, theirs.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(x.grad, tx.grad.numpy(), rtol=1e-5)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # log2(0), acosh(0): as torch, no error
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.bool_, np.uint8, np.int32, np.int64])
def test_math_op_gives_torch_dtype_for_bool_and_integer_inputs(name, dtype):
    """float32 for every op but square, which keeps the integer dtype (bool gives int64)."""
    a = np.array([[1, 0], [1, 1]], dtype=dtype)
    ours = getattr(ag.Tensor(a), name)()
    theirs = getattr(torch, name)(torch.from_numpy(a))
    assert ours.dtype == theirs.numpy().dtype
    assert ours.dtype == (np.float32 if name != "square" else np.int64 if dtype == np.bool_
                          else dtype)
    np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_autograd_function_is_the_tensor_method(name):
    a = np.array([[0.3, 0.6], [0.9, 0.4]]) + (1.0 if name == "acosh" else 0.0)
    out = getattr(ag, name)(leaf(a))
    assert out.grad_fn.name == name
    np.testing.assert_array_equal(out.data, getattr(leaf(a), name)().data)


@pytest.mark.parametrize("name", ["exp", "log", "sqrt"])
def test_autograd_exp_log_and_sqrt_are_the_tensor_methods(name):
    out = getattr(ag, name)(leaf(np.array([0.5, 2.0])))
    assert out.grad_fn.name == name
    np.testing.assert_array_equal(out.data, getattr(np, name)(np.array([0.5, 2.0])))


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_numpy_names_of_the_inverse_functions_are_aliases(alias):
    name = ALIASES[alias]
    a = np.array([1.3, 2.1] if name == "acosh" else [0.3, -0.6])
    for out in (getattr(leaf(a), alias)(), getattr(ag, alias)(leaf(a))):
        assert out.grad_fn.name == name
        np.testing.assert_array_equal(out.data, getattr(np, alias)(a))
    assert getattr(torch.Tensor, alias) is not None  # the same spelling exists in torch


@pytest.mark.parametrize("name", NAMES + sorted(ALIASES) + ["exp", "log", "sqrt"])
@pytest.mark.parametrize("bad", [[0.5, 1.0], 0.5, np.array([0.5])])
def test_autograd_function_refuses_what_is_not_a_tensor(name, bad):
    with pytest.raises(TypeError, match=rf"^{name}: expected a Tensor; got {type(bad).__name__}"):
        getattr(ag, name)(bad)
