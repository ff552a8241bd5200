"""Making tensors with PyTorch's signatures: full, *_like, eye, linspace, logspace give torch's
values and dtypes; rand, randn and randint are seedable (manual_seed, Generator); bad
arguments raise errors that name the maker."""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from strategies import floats, shapes

TORCH_DTYPES = {torch.float32: np.float32, torch.float64: np.float64, torch.int64: np.int64,
                torch.bool: np.bool_, torch.int32: np.int32, torch.float16: np.float16}


def assert_same_as_torch(ours, theirs, rtol=0.0, atol=0.0):
    assert ours.dtype == TORCH_DTYPES[theirs.dtype], (ours.dtype, theirs.dtype)
    assert ours.shape == tuple(theirs.shape)
    np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=rtol, atol=atol)


@given(shape=shapes(), value=st.one_of(floats(), st.integers(-5, 5), st.booleans()))
def test_full_takes_its_dtype_from_the_fill_value_as_torch(shape, value):
    assert_same_as_torch(ag.full(shape, value), torch.full(shape, value))
    assert_same_as_torch(ag.full(shape, value, dtype=ag.float64),
                         torch.full(shape, value, dtype=torch.float64))


@pytest.mark.parametrize("maker", ["zeros_like", "ones_like", "empty_like"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.bool_])
def test_like_makers_keep_the_shape_and_dtype_unless_told(maker, dtype):
    source = np.arange(6).reshape(2, 3).astype(dtype)
    ours, theirs = getattr(ag, maker)(ag.Tensor(source)), getattr(torch, maker)(
        torch.tensor(source))
    assert ours.dtype == dtype and ours.shape == (2, 3) and not ours.requires_grad
    if maker != "empty_like":  # torch's empty_like is uninitialised; ours holds zeros
        assert_same_as_torch(ours, theirs)
    assert getattr(ag, maker)(ag.Tensor(source), dtype=ag.float64).dtype == np.float64
    made = getattr(ag, maker)(source, dtype=ag.float32, requires_grad=True)
    assert made.requires_grad and made.dtype == np.float32 and made.is_leaf


@given(shape=shapes(), value=st.one_of(floats(), st.integers(-5, 5)))
def test_full_like_fills_in_the_inputs_dtype(shape, value):
    for dtype, torch_dtype in [(np.float32, torch.float32), (np.int64, torch.int64)]:
        ours = ag.full_like(ag.zeros(shape, dtype=dtype), value)
        assert_same_as_torch(ours, torch.full_like(torch.zeros(shape, dtype=torch_dtype), value))


@given(n=st.integers(0, 5), m=st.one_of(st.none(), st.integers(0, 5)))
def test_eye_is_torchs(n, m):
    assert_same_as_torch(ag.eye(n, m), torch.eye(n) if m is None else torch.eye(n, m))


@given(start=floats(-10, 10), end=floats(-10, 10), steps=st.integers(0, 20))
def test_linspace_and_logspace_give_torchs_values_in_float64_and_keep_float32(start, end, steps):
    # torch steps from both ends, numpy from the start: near 0 they differ by an ulp of the range
    assert_same_as_torch(ag.linspace(start, end, steps, dtype=ag.float64),
                         torch.linspace(start, end, steps, dtype=torch.float64), rtol=1e-12,
                         atol=1e-15 * max(abs(start), abs(end)))
    assert ag.linspace(start, end, steps).dtype == np.float32
    small_start, small_end = start / 5, end / 5
    for base in (10.0, 2.0):
        assert_same_as_torch(
            ag.logspace(small_start, small_end, steps, base=base, dtype=ag.float64),
            torch.logspace(small_start, small_end, steps, base=base, dtype=torch.float64),
            rtol=1e-12)
    assert ag.logspace(0, 1, 3).dtype == np.float32


def test_makers_take_requires_grad_name_and_the_cpu_device():
    t = ag.eye(2, requires_grad=True, name="I", device="cpu")
    assert t.requires_grad and t.name == "I" and t.is_leaf
    for maker in (lambda: ag.zeros(2, device="cuda"), lambda: ag.randn(2, device="cuda:0"),
                  lambda: ag.full((2,), 1.0, device="mps")):
        with pytest.raises(RuntimeError, match="is not available: autograd computes with numpy"):
            maker()


@pytest.mark.parametrize("call, error, said", [
    (lambda: ag.full((2, -1), 1.0), ValueError, r"full: a shape needs non-negative integers"),
    (lambda: ag.full((2,), "a"), TypeError, r"full: fill_value must be a number; got str"),
    (lambda: ag.zeros_like([1.0]), TypeError, r"zeros_like: expected a Tensor or numpy array"),
    (lambda: ag.eye(-1), ValueError, r"eye: a shape needs non-negative integers"),
    (lambda: ag.linspace(0, 1, -2), ValueError, r"linspace: steps must be a non-negative int"),
    (lambda: ag.logspace(0, 1, 2.5), ValueError, r"logspace: steps must be a non-negative int"),
    (lambda: ag.randint(5), TypeError, r"randint: expected randint\(high, size\)"),
    (lambda: ag.randint(3, 3, (2,)), ValueError, r"randint: expected low < high"),
    (lambda: ag.rand(2, dtype=ag.int64), TypeError, r"rand: dtype must be a floating point"),
    (lambda: ag.randn(2, generator=np.random.default_rng(0)), TypeError,
     r"randn: generator must be an autograd.Generator; got Generator \(for a numpy"),
    (lambda: ag.randn(2, seed=1, generator=ag.Generator()), ValueError,
     r"randn: give one of generator, seed or rng"),
    (lambda: ag.manual_seed(-1), ValueError, r"manual_seed: the seed must be a non-negative"),
])
def test_bad_arguments_name_the_maker_and_what_was_expected(call, error, said):
    with pytest.raises(error, match=said):
        call()


# -- random tensors ----------------------------------------------------------------------------


@given(seed=st.integers(0, 2**32 - 1), shape=shapes())
def test_manual_seed_makes_the_default_generator_repeat_itself(seed, shape):
    draws = []
    for _ in range(2):
        ag.manual_seed(seed)
        draws.append([ag.rand(shape), ag.randn(*shape), ag.randint(-3, 3, shape)])
    for first, again in zip(*draws):
        assert first.shape == shape
        np.testing.assert_array_equal(first.numpy(), again.numpy())


def test_random_makers_default_to_torchs_dtypes_and_ranges():
    ag.manual_seed(0)
    uniform, normal = ag.rand(10_000), ag.randn(100, 100)
    integers = ag.randint(2, 5, (1000,))
    assert uniform.dtype == normal.dtype == np.float32 and integers.dtype == np.int64
    assert 0 <= uniform.numpy().min() and uniform.numpy().max() < 1
    assert 0.45 < uniform.numpy().mean() < 0.55 and 0.9 < normal.numpy().std() < 1.1
    assert set(np.unique(integers.numpy())) == {2, 3, 4}
    assert set(np.unique(ag.randint(3, size=(1000,)).numpy())) == {0, 1, 2}
    assert ag.randn(2, dtype=ag.float64, requires_grad=True).requires_grad


def test_a_generator_of_ones_own_does_not_touch_the_default_one():
    ag.manual_seed(1)
    expected = ag.randn(5).numpy()
    ag.manual_seed(1)
    own = ag.Generator().manual_seed(7)
    first = ag.randn(5, generator=own).numpy()
    np.testing.assert_array_equal(ag.randn(5).numpy(), expected)  # the default stream went on
    np.testing.assert_array_equal(
        ag.randn(5, generator=ag.Generator().manual_seed(7)).numpy(), first)
    assert own.initial_seed() == 7
    assert not np.array_equal(ag.rand(5, generator=own).numpy(),
                              ag.rand(5, generator=ag.Generator().manual_seed(8)).numpy())


def test_randn_keeps_its_seed_and_rng_arguments():
    np.testing.assert_array_equal(ag.randn(4, seed=3).numpy(),
                                  ag.randn(4, rng=np.random.default_rng(3)).numpy())


def test_cat_is_concatenate_and_joining_takes_dim_or_axis():
    a, b = ag.Tensor(np.ones((2, 1))), ag.Tensor(np.zeros((2, 2)))
    for joined in (ag.cat([a, b], dim=1), ag.cat([a, b], 1), ag.concatenate([a, b], axis=1)):
        np.testing.assert_array_equal(joined.numpy(), torch.cat(
            [torch.ones(2, 1), torch.zeros(2, 2)], dim=1).numpy())
    assert ag.stack([a, a], dim=2).shape == ag.stack([a, a], axis=2).shape == (2, 1, 2)
    with pytest.raises(TypeError, match="give dim .* or axis .*, not both"):
        ag.cat([a, b], dim=1, axis=1)
