"""gather, take_along_dim, index_select, scatter, scatter_add, masked_fill, masked_select and
one_hot: values and gradients equal torch's (float64), first and second derivatives equal
finite differences, edge values and empty or 0-d tensors as torch, float32 stays float32,
and bad input gets an error that names the op."""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
from indexing_checks import (assert_same, check_with_torch, edge_array,
                             upstream_with_infinities)
from strategies import arrays, index_arrays, leaf, shapes, shapes_within, single_axis


@st.composite
def gather_cases(draw, max_side=3):
    """(x, dim, index) for gather and scatter: index has x's dims, no larger side than x's
    apart from dim (where it may be longer: repeats)."""
    x = draw(arrays(shapes(min_dims=1)))
    dim = draw(single_axis(x.ndim))
    index_shape = draw(shapes_within(x.shape, free_axis=dim % x.ndim, max_side=max_side))
    return x, dim, draw(index_arrays(index_shape, x.shape[dim]))


@given(case=gather_cases())
def test_gather_matches_torch_and_passes_gradcheck_and_gradgradcheck(case):
    x, dim, index = case
    gather = lambda t: t.gather(dim, index)  # noqa: E731
    out = check_with_torch(gather, lambda t: t.gather(dim, torch.from_numpy(index)), [x])
    assert out.grad_fn.name == f"gather(dim={dim})"
    assert ag.gradcheck(gather, (leaf(x),))
    assert ag.gradgradcheck(lambda t: gather(t) ** 2, (leaf(x),))


@st.composite
def scatter_cases(draw):
    """(x, dim, index, src) where index names each position of x at most once (scatter's
    result is defined then) and src has index's shape."""
    x = draw(arrays(shapes(min_dims=1)))
    dim = draw(single_axis(x.ndim)) % x.ndim
    shape = draw(shapes_within(x.shape))
    keys = draw(arrays(shape[:dim] + x.shape[dim:dim + 1] + shape[dim + 1:]))
    index = np.take(np.argsort(keys, axis=dim), np.arange(shape[dim]), axis=dim)
    return x, dim, index, draw(arrays(shape))


@given(case=scatter_cases())
def test_scatter_and_scatter_add_match_torch_and_pass_gradcheck(case):
    x, dim, index, src = case
    for method in ("scatter", "scatter_add"):
        ours = lambda t, s: getattr(t, method)(dim, index, s)  # noqa: E731
        theirs = lambda t, s: getattr(t, method)(dim, torch.from_numpy(index), s)  # noqa: E731
        check_with_torch(ours, theirs, [x, src])
        assert ag.gradcheck(ours, (leaf(x), leaf(src)))
        assert ag.gradgradcheck(lambda t, s: ours(t, s) ** 2, (leaf(x), leaf(src)))


@given(case=gather_cases(), data=st.data())
def test_scatter_add_adds_every_repeat_as_torch(case, data):
    x, dim, index = case
    src = data.draw(arrays(index.shape), label="src")
    add = lambda t, s: t.scatter_add(dim, index, s)  # noqa: E731
    check_with_torch(add, lambda t, s: t.scatter_add(dim, torch.from_numpy(index), s), [x, src])
    assert ag.gradcheck(add, (leaf(x), leaf(src)))


def test_scatter_puts_zero_gradient_where_it_overwrote_and_takes_a_number():
    x = np.arange(6.0).reshape(2, 3)
    index = np.array([[2], [0]])
    check_with_torch(lambda t: t.scatter(1, index, 7.5),
                     lambda t: t.scatter(1, torch.from_numpy(index), 7.5), [x],
                     upstream=upstream_with_infinities(x.shape))
    out = ag.scatter(ag.Tensor(x), 1, index, value=7.5)
    np.testing.assert_array_equal(out.data, [[0, 1, 7.5], [7.5, 4, 5]])


def test_scatter_src_gradient_reaches_each_named_element_even_one_a_repeat_overwrote():
    src = leaf(np.array([[1.0, 2.0]]))
    out = leaf(np.zeros((1, 3))).scatter(1, np.array([[1, 1]]), src)
    out.backward(np.array([[0.0, 5.0, 0.0]]))
    np.testing.assert_array_equal(src.grad, [[5.0, 5.0]])  # torch: grad.gather(dim, index)


@given(x=arrays(shapes(min_dims=1)), data=st.data())
def test_index_select_matches_torch_and_passes_gradcheck(x, data):
    dim = data.draw(single_axis(x.ndim), label="dim")
    index = data.draw(index_arrays(st.tuples(st.integers(0, 4)), x.shape[dim]), label="index")
    select = lambda t: t.index_select(dim, index)  # noqa: E731
    check_with_torch(select, lambda t: t.index_select(dim, torch.from_numpy(index)), [x])
    assert ag.gradcheck(select, (leaf(x),))
    assert ag.gradgradcheck(lambda t: select(t) ** 2, (leaf(x),))


@given(case=gather_cases(), data=st.data())
def test_take_along_dim_matches_torch_with_broadcasting_and_negative_indices(case, data):
    x, dim, index = case
    index = np.ascontiguousarray(index[tuple(slice(None) if a == dim % x.ndim or m == n else slice(0, 1)
                        for a, (m, n) in enumerate(zip(index.shape, x.shape)))])  # broadcastable
    flat = lambda t: ag.take_along_axis(t, index, None)  # noqa: E731
    check_with_torch(flat, lambda t: torch.take_along_dim(t, torch.from_numpy(index)), [x])
    index = np.where(data.draw(st.booleans()), index - x.shape[dim], index)  # from the end
    if data.draw(st.booleans(), label="broadcast a side of 1"):
        index = index[(slice(0, 1),) * x.ndim]
    take = lambda t: t.take_along_dim(index, dim)  # noqa: E731
    check_with_torch(take, lambda t: torch.take_along_dim(t, torch.from_numpy(index), dim), [x])
    assert ag.gradcheck(take, (leaf(x),))
    assert ag.gradgradcheck(lambda t: take(t) ** 2, (leaf(x),))


@given(x=arrays(shapes()), data=st.data())
def test_masked_fill_and_masked_select_match_torch_and_pass_gradcheck(x, data):
    mask_shape = data.draw(hnp.broadcastable_shapes(x.shape, max_dims=3), label="mask shape")
    mask = data.draw(hnp.arrays(np.bool_, mask_shape), label="mask")
    value = data.draw(st.floats(-3, 3), label="value")
    check_with_torch(lambda t, v: t.masked_fill(mask, v), lambda t, v: t.masked_fill(
        torch.from_numpy(mask), v), [x, np.array(value)])
    check_with_torch(lambda t: t.masked_select(mask),
                     lambda t: t.masked_select(torch.from_numpy(mask)), [x])
    fill = lambda t, v: ag.masked_fill(t, mask, v)  # noqa: E731
    assert ag.gradcheck(fill, (leaf(x), leaf(np.array(value))))
    assert ag.gradgradcheck(lambda t, v: fill(t, v) ** 2, (leaf(x), leaf(np.array(value))))
    assert ag.gradgradcheck(lambda t: ag.masked_select(t, mask) ** 2, (leaf(x),))


SELECTIONS = {  # name -> (ours, torch's), on a (2, 3) tensor
    "gather": (lambda t: t.gather(1, np.array([[2, 2], [0, 1]])),
               lambda t: t.gather(1, torch.tensor([[2, 2], [0, 1]]))),
    "take_along_dim": (lambda t: t.take_along_dim(np.array([[-1], [0]]), 1),
                       lambda t: t.take_along_dim(torch.tensor([[-1], [0]]), 1)),
    "index_select": (lambda t: t.index_select(0, np.array([1, 1, 0])),
                     lambda t: t.index_select(0, torch.tensor([1, 1, 0]))),
    "scatter": (lambda t: t.scatter(0, np.array([[1, 0, 1]]), t[:1] * 2),
                lambda t: t.scatter(0, torch.tensor([[1, 0, 1]]), t[:1] * 2)),
    "scatter_add": (lambda t: t.scatter_add(1, np.array([[0, 0], [2, 2]]), t[:, :2]),
                    lambda t: t.scatter_add(1, torch.tensor([[0, 0], [2, 2]]), t[:, :2])),
    "masked_fill": (lambda t: t.masked_fill(np.array([True, False, True]), np.inf),
                    lambda t: t.masked_fill(torch.tensor([True, False, True]), np.inf)),
    "masked_select": (lambda t: t.masked_select(np.array([[True], [False]])),
                      lambda t: t.masked_select(torch.tensor([[True], [False]]))),
}


@pytest.mark.parametrize("name", sorted(SELECTIONS))
@pytest.mark.parametrize("seed", range(4))
def test_selections_at_edge_values_and_infinite_gradients_match_torch(name, seed):
    ours, theirs = SELECTIONS[name]
    x = edge_array((2, 3), seed)
    with np.errstate(all="ignore"):
        shape = ours(ag.Tensor(x)).shape
        check_with_torch(ours, theirs, [x], upstream=upstream_with_infinities(shape, seed))
        assert ours(ag.Tensor(x.astype(np.float32))).dtype == np.float32


def test_selections_of_empty_and_0d_tensors_match_torch():
    empty, scalar = np.zeros((0, 3)), np.array(2.5)
    none = np.zeros((0, 3), dtype=np.int64)
    check_with_torch(lambda t: t.gather(0, none), lambda t: t.gather(0, torch.from_numpy(none)),
                     [empty])
    check_with_torch(lambda t: t.gather(0, np.array(0)),
                     lambda t: t.gather(0, torch.tensor(0)), [scalar])
    check_with_torch(lambda t: t.index_select(1, []),
                     lambda t: t.index_select(1, torch.tensor([], dtype=torch.int64)), [empty])
    check_with_torch(lambda t: t.index_select(0, np.array(0)),
                     lambda t: t.index_select(0, torch.tensor(0)), [scalar])
    check_with_torch(lambda t: t.masked_fill(np.array(True), 1.0),
                     lambda t: t.masked_fill(torch.tensor(True), 1.0), [scalar])
    check_with_torch(lambda t: t.masked_select(np.array([True, False, True])),
                     lambda t: t.masked_select(torch.tensor([True, False, True])), [empty])
    check_with_torch(lambda t: t.scatter_add(0, none, t), lambda t: t.scatter_add(
        0, torch.from_numpy(none), t), [empty])


def test_masked_fill_keeps_the_input_dtype_as_torch():
    ints = ag.Tensor(np.arange(3))
    out = ints.masked_fill(np.array([True, False, True]), 7.5)
    assert_same(out, torch.arange(3).masked_fill(torch.tensor([True, False, True]), 7.5))
    value = ag.Tensor(np.array(2.0), requires_grad=True)
    x = ag.Tensor(np.ones(3, dtype=np.float32), requires_grad=True)
    filled = x.masked_fill(np.array([True, False, True]), value)
    filled.sum().backward()
    assert filled.dtype == np.float32 and value.grad.dtype == np.float64 and value.grad == 2.0


@given(classes=st.lists(st.integers(0, 4), max_size=6), extra=st.integers(0, 2))
def test_one_hot_matches_torch(classes, extra):
    labels = np.array(classes, dtype=np.int64)
    functional = torch.nn.functional.one_hot
    count = (max(classes) + 1 if classes else 1) + extra
    assert_same(ag.one_hot(labels, count), functional(torch.from_numpy(labels), count))
    if classes:
        assert_same(ag.one_hot(ag.Tensor(labels)), functional(torch.from_numpy(labels)))
    assert not ag.one_hot(labels, count).requires_grad


BAD_INPUT = [  # (call, exception, words the message must hold)
    (lambda x: x.gather(1, np.array([[3]])), IndexError, ["gather", "3", "dim 1", "size 3"]),
    (lambda x: x.gather(1, np.array([[-1]])), IndexError, ["gather", "-1", "size 3"]),
    (lambda x: x.gather(0, np.array([1])), ValueError, ["gather", "(1,)", "(2, 3)"]),
    (lambda x: x.gather(0, np.array([[0, 0, 0, 0]])), ValueError, ["gather", "(1, 4)"]),
    (lambda x: x.gather(0, np.array([[0.0]])), TypeError, ["gather", "float64"]),
    (lambda x: x.gather(2, np.array([[0]])), IndexError, ["gather", "axis 2"]),
    (lambda x: x.index_select(0, np.array([[0]])), IndexError, ["index_select", "(1, 1)"]),
    (lambda x: x.index_select(0, [2]), IndexError, ["index_select", "2", "size 2"]),
    (lambda x: x.take_along_dim(np.array([[3]]), 1), IndexError, ["take_along_dim", "3"]),
    (lambda x: x.take_along_dim(np.array([0]), 1), ValueError, ["take_along_dim", "(1,)"]),
    (lambda x: x.scatter(1, np.array([[0, 1]]), ag.Tensor(np.ones((1, 1)))), ValueError,
     ["scatter", "(1, 2)", "(1, 1)"]),
    (lambda x: x.scatter(1, np.array([[5]]), 1.0), IndexError, ["scatter", "5", "size 3"]),
    (lambda x: x.scatter(1, np.array([[0]])), TypeError, ["scatter", "src"]),
    (lambda x: x.scatter_add(1, np.array([[0]]), 1.0), TypeError, ["scatter_add", "tensor"]),
    (lambda x: x.masked_fill(np.array([1, 0, 1]), 0.0), TypeError, ["masked_fill", "int64"]),
    (lambda x: x.masked_fill(np.array([True, False]), 0.0), ValueError,
     ["masked_fill", "(2,)", "(2, 3)"]),
    (lambda x: x.masked_fill(np.array(True), ag.Tensor([1.0])), ValueError,
     ["masked_fill", "0-d"]),
    (lambda x: x.masked_select(np.ones((3, 3), bool)), ValueError,
     ["masked_select", "(3, 3)", "(2, 3)"]),
    (lambda x: ag.one_hot(np.array([0, 3]), 3), IndexError, ["one_hot", "3"]),
    (lambda x: ag.one_hot(np.array([-1])), IndexError, ["one_hot", "-1"]),
    (lambda x: ag.one_hot(x), TypeError, ["one_hot", "float64"]),
    (lambda x: ag.one_hot(np.zeros(0, np.int64)), ValueError, ["one_hot", "empty"]),
]


@pytest.mark.parametrize("case", range(len(BAD_INPUT)))
def test_bad_input_raises_a_standard_error_naming_the_op(case):
    call, error, words = BAD_INPUT[case]
    with pytest.raises(error) as raised:
        call(leaf(np.arange(6.0).reshape(2, 3)))
    for word in words:
        assert word in str(raised.value)
