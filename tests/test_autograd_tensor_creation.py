"""Making tensors: dtypes, accepted and refused data, properties, repr, comparisons, randn."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from strategies import arrays, floats, shapes


@given(value=st.one_of(floats(), st.integers(-10, 10)))
def test_python_numbers_become_0d_float32_tensors(value):
    t = ag.Tensor(value)
    assert t.shape == () and t.ndim == 0 and t.size == 1 and t.dtype == np.float32
    assert t.item() == pytest.approx(value, rel=1e-6)
    assert isinstance(t.item(), float)


@given(rows=st.lists(st.lists(floats(), min_size=3, max_size=3), min_size=1, max_size=4))
def test_nested_lists_become_float32_tensors_of_their_shape(rows):
    t = ag.tensor(rows)
    assert t.dtype == np.float32 and t.shape == (len(rows), 3)
    np.testing.assert_array_equal(t.numpy(), np.array(rows, dtype=np.float32))


@given(x=arrays(shapes()))
def test_float64_numpy_data_stays_float64_and_is_copied_as_torch_tensor_does(x):
    t = ag.Tensor(x)
    assert t.dtype == np.float64 and t.shape == x.shape
    assert not np.shares_memory(t.numpy(), x)
    np.testing.assert_array_equal(t.numpy(), x)
    t2 = ag.tensor(t)
    assert not np.shares_memory(t2.numpy(), t.numpy())


@given(x=arrays(shapes(min_dims=1)), dtype=st.sampled_from([np.float32, np.float64]))
def test_the_dtype_argument_is_honoured(x, dtype):
    assert ag.Tensor(x, dtype=dtype).dtype == dtype
    assert ag.Tensor(x.tolist(), dtype=dtype).dtype == dtype


def test_integer_and_boolean_numpy_arrays_keep_their_dtype():
    assert ag.Tensor(np.array([1, 2])).dtype == np.int64
    assert ag.Tensor(np.array([True, False])).dtype == np.bool_


def test_creation_helpers_default_to_float32_and_take_shapes_either_way():
    assert ag.zeros(2, 3).shape == ag.ones((2, 3)).shape == (2, 3)
    assert ag.zeros(2).dtype == ag.ones(2).dtype == ag.randn(2).dtype == np.float32
    np.testing.assert_array_equal(ag.arange(4).numpy(), [0.0, 1.0, 2.0, 3.0])
    assert ag.zeros(2, dtype=np.float64).dtype == np.float64


@pytest.mark.parametrize("data, error, said", [
    ("1.5", TypeError, "got str"),
    (b"1", TypeError, "got bytes"),
    (None, TypeError, "got NoneType"),
    ({"a": 1}, TypeError, "got dict"),
    (object(), TypeError, "got dtype object"),
    ([1.0, "x"], TypeError, "dtype <U"),
    ([[1.0, 2.0], [3.0]], ValueError, "ragged"),
    (3 + 4j, TypeError, "complex"),
])
def test_data_that_is_not_numeric_or_not_rectangular_is_refused_saying_what_was_given(
        data, error, said):
    with pytest.raises(error, match=said):
        ag.Tensor(data)


def test_requires_grad_on_an_integer_tensor_is_a_type_error_naming_the_dtype():
    with pytest.raises(TypeError, match="got dtype int64"):
        ag.Tensor(np.array([1, 2]), requires_grad=True)
    with pytest.raises(TypeError, match="float32/float64"):
        ag.Tensor(np.array([1, 2])).requires_grad_()


def test_is_leaf_requires_grad_and_grad_fn_of_leaves_and_results():
    x = ag.Tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    assert x.is_leaf and x.grad_fn is None and x.grad is None
    assert not y.is_leaf and y.requires_grad and y.grad_fn.name == "mul"
    assert ag.Tensor([1.0]).is_leaf and not ag.Tensor([1.0]).requires_grad


def test_item_needs_exactly_one_element():
    assert ag.Tensor([[2.5]]).item() == 2.5
    with pytest.raises(ValueError, match=r"got shape \(2,\)"):
        ag.Tensor([1.0, 2.0]).item()


def test_repr_shows_values_dtype_name_and_grad_fn():
    x = ag.Tensor([1.5, -2.0], requires_grad=True, name="w")
    assert "1.5" in repr(x) and "-2." in repr(x)
    assert "requires_grad=True" in repr(x) and "name='w'" in repr(x)
    y = (x * 3).sum()
    assert "grad_fn=<sum>" in repr(y) and "-1.5" in repr(y)
    assert "dtype=float64" in repr(ag.Tensor(np.zeros(2)))
    assert "dtype" not in repr(ag.Tensor([0.0]))


@given(pair=st.tuples(arrays((3,)), arrays((3,))))
def test_comparisons_give_boolean_tensors_outside_the_graph(pair):
    a, b = pair
    x, y = ag.Tensor(a, requires_grad=True), ag.Tensor(b)
    for got, wanted in [(x < y, a < b), (x <= y, a <= b), (x > y, a > b), (x >= y, a >= b),
                        (x == y, a == b), (x != y, a != b), (x > 0.5, a > 0.5)]:
        assert got.dtype == np.bool_ and not got.requires_grad and got.grad_fn is None
        np.testing.assert_array_equal(got.numpy(), wanted)


@given(seed=st.integers(0, 2**32 - 1), shape=shapes(min_dims=1))
def test_randn_is_reproducible_with_a_seed(seed, shape):
    first, again = ag.randn(*shape, seed=seed), ag.randn(shape, seed=seed)
    np.testing.assert_array_equal(first.numpy(), again.numpy())
    assert first.shape == shape


def test_randn_draws_from_a_given_generator_and_different_seeds_differ():
    from_rng = ag.randn(100, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(from_rng.numpy(), ag.randn(100, seed=3).numpy())
    assert not np.array_equal(ag.randn(100, seed=3).numpy(), ag.randn(100, seed=4).numpy())
    assert 0.7 < ag.randn(10_000, seed=0).numpy().std() < 1.3
    with pytest.raises(ValueError, match="seed or rng"):
        ag.randn(2, seed=1, rng=np.random.default_rng(1))


@pytest.mark.parametrize("shape", [(-1,), (2.5,), ("3",)])
def test_creation_helpers_refuse_shapes_that_are_not_non_negative_ints(shape):
    with pytest.raises(ValueError, match="non-negative integers"):
        ag.zeros(*shape)
