"""Dtype promotion follows PyTorch (autograd/dtypes.py), checked against torch itself: float32
training never silently becomes float64, and ints meeting floats become floats."""
import numpy as np
import pytest

import autograd as ag

import torch  # a dev dependency: ./dev.sh test installs it

TORCH_DTYPES = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64,
                np.dtype(np.int32): torch.int32, np.dtype(np.int64): torch.int64,
                np.dtype(np.bool_): torch.bool}
ARRAYS = [np.array([1.0, 2.0], np.float32), np.array([1.0, 2.0], np.float64),
          np.array([1, 2], np.int32), np.array([1, 2], np.int64), np.array([True, False]),
          np.array(2.0, np.float64), np.array(3, np.int32), np.array(2.0, np.float32)]
NUMBERS = [2, 2.5, True, np.float64(2.5), np.float32(2.5), np.int64(2)]


def as_torch(value):
    if isinstance(value, np.ndarray):
        return torch.tensor(value, dtype=TORCH_DTYPES[value.dtype])
    return value.item() if isinstance(value, np.generic) else value


def torch_dtype_of(result):
    return {v: k for k, v in TORCH_DTYPES.items()}[result.dtype]


@pytest.mark.parametrize("op", ["add", "mul", "sub", "truediv"])
@pytest.mark.parametrize("left", ARRAYS, ids=lambda a: f"{a.dtype}{list(a.shape)}")
@pytest.mark.parametrize("right", ARRAYS + NUMBERS, ids=repr)
def test_binary_ops_give_torchs_dtype(op, left, right):
    symbol = f"__{op}__"
    ours = lambda: getattr(ag.Tensor(left), symbol)(  # noqa: E731
        ag.Tensor(right) if isinstance(right, np.ndarray) else right)
    theirs = lambda: getattr(as_torch(left), symbol)(as_torch(right))  # noqa: E731
    if op == "sub" and bool in (left.dtype, getattr(right, "dtype", None), type(right)):
        with pytest.raises(RuntimeError):
            theirs()
        with pytest.raises(TypeError, match="subtraction with a boolean"):
            ours()
        return
    ours, theirs = ours(), theirs()
    assert ours.dtype == torch_dtype_of(theirs)
    np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-6)


def test_float32_training_stays_float32_next_to_numpy_scalars_and_0d_float64_arrays():
    w = ag.Tensor(np.ones(3, np.float32), requires_grad=True)
    for other in (np.float64(0.5), np.array(0.5), 0.5, ag.Tensor(np.array(0.5))):
        assert (w * other).dtype == np.float32


def test_mixing_float32_and_float64_tensors_gives_float64_with_a_float32_gradient():
    w = ag.Tensor(np.ones(2, np.float32), requires_grad=True)
    x = ag.Tensor(np.array([1.0, 2.0]), requires_grad=True)
    y = w * x
    assert y.dtype == np.float64 and y.grad_fn.inputs[0].grad_fn.name == "to(float64)"
    y.sum().backward()
    assert w.grad.dtype == np.float32 and x.grad.dtype == np.float64
    np.testing.assert_array_equal(w.grad, [1.0, 2.0])


def test_integer_division_gives_the_default_float_dtype():
    t = ag.Tensor(np.array([1, 2]))
    assert (t / ag.Tensor(np.array([2, 2]))).dtype == np.float32
    assert (1 / t).dtype == np.float32
