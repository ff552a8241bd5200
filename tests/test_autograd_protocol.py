"""dtype conversions (to, astype, float, double, half, long, int, bool, ...), clone, pow, clamp,
and PyTorch's accessors (size(), numel, dim, tolist, new_*): torch's values, dtypes and
gradients, first and second derivatives by finite differences, edge values against torch."""
import math

import numpy as np
import pytest
import torch
from hypothesis import given

import autograd as ag
from strategies import arrays, floats_away_from, leaf, shapes

EDGES = np.array([0.0, -0.0, 1.5, -2.0, math.inf, -math.inf, math.nan, 1e-300, 1e4])

# name -> (ours, torch's), each of one tensor
CONVERSIONS = {
    "float": (ag.Tensor.float, torch.Tensor.float),
    "double": (ag.Tensor.double, torch.Tensor.double),
    "half": (ag.Tensor.half, torch.Tensor.half),
    "long": (ag.Tensor.long, torch.Tensor.long),
    "int": (ag.Tensor.int, torch.Tensor.int),
    "short": (ag.Tensor.short, torch.Tensor.short),
    "char": (ag.Tensor.char, torch.Tensor.char),
    "byte": (ag.Tensor.byte, torch.Tensor.byte),
    "bool": (ag.Tensor.bool, torch.Tensor.bool),
    "to float32": (lambda t: t.to(ag.float32), lambda t: t.to(torch.float32)),
    "to 'int64'": (lambda t: t.to("int64"), lambda t: t.to(torch.int64)),
    "astype float16": (lambda t: t.astype(np.float16), lambda t: t.to(torch.float16)),
    "type_as": (lambda t: t.type_as(ag.zeros(1, dtype=ag.long)),
                lambda t: t.type_as(torch.zeros(1, dtype=torch.long))),
}


def torch_dtype_name(tensor):
    return str(tensor.dtype).replace("torch.", "")


@pytest.mark.parametrize("name", sorted(CONVERSIONS))
@pytest.mark.parametrize("source", [np.float64, np.float32, np.int64, np.bool_])
def test_conversions_give_torchs_dtype_and_values(name, source):
    ours, theirs = CONVERSIONS[name]
    values = np.array([0.0, 1.0, -2.0, 3.75, 100.0]).astype(source)
    got, wanted = ours(ag.Tensor(values)), theirs(torch.tensor(values))
    assert got.dtype == np.dtype(torch_dtype_name(wanted))
    np.testing.assert_array_equal(got.numpy(), wanted.numpy())


@pytest.mark.parametrize("name", ["float", "double", "half", "to float32", "astype float16"])
def test_casts_between_float_types_stay_in_the_graph_and_others_leave_it(name):
    ours, theirs = CONVERSIONS[name]
    x = leaf(np.array([0.5, -1.25]))
    y = ours(x)
    assert y.requires_grad and (y is x or y.grad_fn is not None)  # same dtype: x itself
    (y * 3).sum().backward()
    assert x.grad.dtype == np.float64
    np.testing.assert_array_equal(x.grad, [3.0, 3.0])
    for cut in ("long", "int", "bool", "to 'int64'"):
        ours_cut, theirs_cut = CONVERSIONS[cut]
        assert not ours_cut(x).requires_grad and ours_cut(x).grad_fn is None
        assert not theirs_cut(torch.tensor([0.5], requires_grad=True)).requires_grad


@given(x=arrays(shapes(max_dims=2)))
def test_a_round_trip_through_float32_and_clone_pass_gradcheck_and_gradgradcheck(x):
    def round_trip(t):
        return (t.float() * 2).double()
    # float32 keeps 7 digits: finite differences through it need a larger step
    assert ag.gradcheck(round_trip, (leaf(x),), eps=1e-3)
    assert ag.gradgradcheck(round_trip, (leaf(x),), eps=1e-3)
    for fn in (ag.Tensor.clone, lambda t: t.to(ag.float64, copy=True)):
        assert ag.gradcheck(fn, (leaf(x),))
        assert ag.gradgradcheck(fn, (leaf(x),))
    assert round_trip(leaf(x)).dtype == np.float64


@pytest.mark.parametrize("name, ours, theirs", [
    ("to float32 and back", lambda t: t.float().double(), lambda t: t.float().double()),
    ("clone", lambda t: t.clone(), lambda t: t.clone()),
    ("pow 2", lambda t: t.pow(2), lambda t: t.pow(2)),
    ("pow -1", lambda t: ag.pow(t, -1), lambda t: torch.pow(t, -1)),
    ("clamp", lambda t: t.clamp(-1.0, 2.0), lambda t: t.clamp(-1.0, 2.0)),
    ("clamp_min", lambda t: t.clamp_min(0.0), lambda t: t.clamp_min(0.0)),
    ("clamp_max", lambda t: ag.clamp_max(t, 0.0), lambda t: torch.clamp_max(t, 0.0)),
    ("clip nan", lambda t: ag.clip(t, max=math.nan), lambda t: torch.clip(t, max=math.nan)),
])
@pytest.mark.parametrize("shape", [(9,), (0,), ()])
def test_edge_values_as_torch_forward_and_backward(name, ours, theirs, shape):
    data = EDGES if shape == (9,) else np.zeros(shape)
    x, tx = leaf(data.copy()), torch.tensor(data, requires_grad=True)
    y, ty = ours(x), theirs(tx)
    np.testing.assert_array_equal(y.numpy(), ty.detach().numpy())
    assert y.dtype == np.float64
    weights = np.linspace(-1, 2, y.size).reshape(y.shape)
    (y * weights).sum().backward()
    (ty * torch.tensor(weights)).sum().backward()
    np.testing.assert_array_equal(x.grad, tx.grad.numpy())


@given(x=arrays(shapes(max_dims=2), floats_away_from([-1.0, 2.0])))
def test_clamp_and_pow_pass_gradcheck_and_gradgradcheck(x):
    for fn in (lambda t: t.clamp(-1.0, 2.0), lambda t: t.pow(3), lambda t: ag.pow(2.0, t)):
        assert ag.gradcheck(fn, (leaf(x),))
        assert ag.gradgradcheck(fn, (leaf(x),))


def test_clamp_keeps_float32_and_gives_floats_for_an_int_tensor_with_float_bounds():
    assert ag.Tensor([1.0, 5.0]).clamp(0, 2).dtype == np.float32
    ints = ag.Tensor(np.array([1, 2]))
    assert ints.clamp(0, 1).dtype == np.int64
    got, wanted = ints.clamp(0.5, 1.5), torch.tensor([1, 2]).clamp(0.5, 1.5)
    assert got.dtype == np.float32 and wanted.dtype == torch.float32
    np.testing.assert_array_equal(got.numpy(), wanted.numpy())


@given(shape=shapes(min_dims=0, max_dims=4))
def test_size_is_numpys_count_and_callable_as_torchs_size(shape):
    t = ag.zeros(shape)
    assert t.size == math.prod(shape) and isinstance(t.size, int)
    assert t.size() == t.shape == tuple(torch.zeros(shape).size())
    assert t.numel() == t.nelement() == torch.zeros(shape).numel() == ag.numel(t)
    assert t.dim() == t.ndimension() == len(shape)
    for dim in range(-len(shape), len(shape)):
        assert t.size(dim) == torch.zeros(shape).size(dim)


@pytest.mark.parametrize("shape, dim", [((), 0), ((2, 3), 2), ((2, 3), -3)])
def test_size_of_a_missing_dim_is_an_index_error_as_torch(shape, dim):
    with pytest.raises(IndexError):
        torch.zeros(shape).size(dim)
    with pytest.raises(IndexError, match="size"):
        ag.zeros(shape).size(dim)


def test_tolist_new_makers_and_small_accessors_match_torch():
    values = [[1.5, -2.0], [0.0, 3.0]]
    t, tt = ag.Tensor(values, dtype=ag.float64), torch.tensor(values, dtype=torch.float64)
    assert t.tolist() == tt.tolist() and ag.Tensor(2.5).tolist() == 2.5
    assert t.is_floating_point() and not t.long().is_floating_point()
    assert ag.is_floating_point(t) and ag.is_tensor(t) and not ag.is_tensor(values)
    assert t.cpu() is t and t.to("cpu") is t and t.to(ag.float64) is t and t.device == "cpu"
    for ours, theirs in [(t.new_zeros(2, 3), tt.new_zeros(2, 3)),
                         (t.new_ones((1,)), tt.new_ones((1,))),
                         (t.new_full((2,), 7), tt.new_full((2,), 7)),
                         (t.new_tensor([1, 2]), tt.new_tensor([1, 2])),
                         (t.new_zeros(2, dtype=ag.int64), tt.new_zeros(2, dtype=torch.int64))]:
        assert ours.dtype == np.dtype(torch_dtype_name(theirs))
        np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    assert t.new_empty(2).shape == (2,)
    copy = t.clone()
    assert copy.data is not t.data and not np.shares_memory(copy.data, t.data)
    assert ag.clone(t).tolist() == values


def test_to_accepts_torchs_forms_and_astype_copies_as_numpy():
    t = ag.Tensor([1.0, 2.0])
    assert t.to(ag.Tensor(np.array([1]))).dtype == np.int64
    assert t.to("cpu", ag.float64).dtype == np.float64
    assert t.to(dtype=float).dtype == np.float64  # Python's float is float64, as in both
    assert t.to(ag.double).dtype == np.float64 and t.to(ag.long).dtype == np.int64
    assert t.to(ag.float).dtype == np.float32 and t.to(ag.int).dtype == np.int32
    same = t.astype(np.float32)
    assert same is not t and same.dtype == np.float32 and t.astype("float32", copy=False) is t


@pytest.mark.parametrize("call, error, said", [
    (lambda t: t.to("float"), TypeError, r"to: the dtype name 'float' is ambiguous .* float64, "
                                         r"PyTorch's torch.float is float32"),
    (lambda t: t.astype("int"), TypeError, r"'int' is ambiguous"),
    (lambda t: t.to("complex64"), TypeError, r"to: the dtype must be numeric"),
    (lambda t: t.to("banana"), TypeError, r"to: expected a dtype .* got 'banana'"),
    (lambda t: t.to(ag.float32, ag.float64), TypeError, r"to: give one dtype"),
    (lambda t: t.to("cuda"), RuntimeError, r"to: device 'cuda' is not available"),
    (lambda t: t.clamp(), ValueError, r"clip: give at least one of lo and hi"),
    (lambda t: t.clamp(min=ag.Tensor(0.0)), TypeError, r"clamp: the bounds must be numbers"),
    (lambda t: t.clamp("a"), TypeError, r"clip: lo must be a number"),
])
def test_bad_conversions_name_the_op_and_what_was_expected(call, error, said):
    with pytest.raises(error, match=said):
        call(ag.Tensor([1.0, 2.0]))


def test_half_results_require_grad_but_a_float16_leaf_cannot_where_torch_allows_it():
    """A deliberate difference: float16 tensors come only from a cast here."""
    assert torch.ones(2, dtype=torch.float16, requires_grad=True).requires_grad
    with pytest.raises(TypeError, match="only float32/float64 tensors can require gradients"):
        ag.Tensor(np.ones(2), dtype=ag.float16, requires_grad=True)
    x = leaf(np.ones(2))
    assert x.half().requires_grad and x.half().dtype == np.float16


def test_clamp_with_tensor_bounds_is_refused_where_torch_takes_them():
    """A deliberate difference: bounds are numbers here (maximum/minimum take tensors)."""
    x, low = torch.tensor([0.5, -2.0]), torch.tensor([0.0, 0.0])
    assert torch.clamp(x, min=low).tolist() == [0.5, 0.0]
    with pytest.raises(TypeError, match="use autograd.maximum"):
        ag.Tensor([0.5, -2.0]).clamp(min=ag.Tensor([0.0, 0.0]))
