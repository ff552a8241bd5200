"""sort, argsort, topk, diag, diagonal, diag_embed, tril and triu: values, indices and
gradients equal torch's (float64), first and second derivatives equal finite differences,
edge values (NaN, +-inf, -0.) and empty or 0-d tensors as torch, float32 stays float32, and
bad input gets an error that names the op."""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from indexing_checks import (assert_same, check_with_torch, edge_array,
                             upstream_with_infinities)
from strategies import arrays, distinct_arrays, leaf, shapes, single_axis

# Round numbers: ties are common, and equal elements must keep their order (torch's stable sort).
tied_elements = st.integers(-2, 2).map(float)


@given(x=arrays(shapes(), tied_elements), data=st.data())
def test_sort_and_argsort_match_torchs_stable_sort_with_ties(x, data):
    dim = data.draw(single_axis(max(x.ndim, 1)), label="dim")  # a 0-d tensor takes 0 and -1
    descending = data.draw(st.booleans(), label="descending")
    ours = x_sorted = ag.Tensor(x).sort(dim, descending)
    theirs = torch.from_numpy(x).sort(dim=dim, descending=descending, stable=True)
    assert_same(x_sorted.values, theirs.values)
    assert_same(ours.indices, theirs.indices)
    assert_same(ag.argsort(x, dim, descending), torch.from_numpy(x).argsort(dim, descending))
    check_with_torch(lambda t: t.sort(dim, descending).values,
                     lambda t: t.sort(dim=dim, descending=descending, stable=True).values, [x])


@given(x=distinct_arrays(shapes()), data=st.data())
def test_sort_and_topk_pass_gradcheck_and_gradgradcheck(x, data):
    dim = data.draw(single_axis(max(x.ndim, 1)), label="dim")  # a 0-d tensor takes 0 and -1
    k = data.draw(st.integers(0, x.shape[dim] if x.ndim else 1), label="k")
    largest = data.draw(st.booleans(), label="largest")
    top = lambda t: t.topk(k, dim, largest).values  # noqa: E731
    check_with_torch(top, lambda t: t.topk(k, dim, largest).values, [x])
    assert_same(ag.topk(x, k, dim, largest).indices, torch.from_numpy(x).topk(k, dim, largest)[1])
    assert ag.gradcheck(top, (leaf(x),))
    assert ag.gradgradcheck(lambda t: top(t) ** 2, (leaf(x),))
    assert ag.gradgradcheck(lambda t: t.sort(dim).values ** 2, (leaf(x),))


@pytest.mark.parametrize("descending", [False, True])
def test_sort_puts_nan_last_ascending_and_first_descending_and_keeps_zeros_in_order(descending):
    x = np.array([1.0, 3.0, 1.0, np.nan, 3.0, -0.0, 0.0, -np.inf, 1.0, np.inf, np.nan])
    ours, theirs = ag.sort(x, descending=descending), torch.from_numpy(x).sort(
        descending=descending, stable=True)
    assert_same(ours.values, theirs.values)
    assert_same(ours.indices, theirs.indices)
    np.testing.assert_array_equal(np.signbit(ours.values.data), np.signbit(theirs.values.numpy()))
    with np.errstate(all="ignore"):
        check_with_torch(lambda t: t.sort(descending=descending).values,
                         lambda t: t.sort(descending=descending, stable=True).values, [x],
                         upstream=upstream_with_infinities(x.shape))
        check_with_torch(lambda t: t.topk(4, largest=not descending).values,
                         lambda t: t.topk(4, largest=not descending).values,
                         [np.array([1.0, np.nan, -np.inf, 3.0, np.inf])])  # no ties: see topk


def test_sort_and_topk_of_empty_and_0d_tensors_match_torch():
    for x in (np.zeros((0, 3)), np.array(2.5)):
        ours, theirs = ag.sort(x), torch.from_numpy(x).sort()
        assert_same(ours.values, theirs.values)
        assert_same(ours.indices, theirs.indices)
    check_with_torch(lambda t: t.topk(2).values, lambda t: t.topk(2).values, [np.zeros((0, 3))])
    check_with_torch(lambda t: t.topk(1).values, lambda t: t.topk(1).values, [np.array(2.5)])
    values, indices = ag.Tensor(np.array([3.0, 1.0, 2.0])).topk(2)  # a named tuple, as torch's
    assert values.data.tolist() == [3.0, 2.0] and indices.dtype == np.int64


@st.composite
def diagonal_cases(draw):
    """(x, offset, dim1, dim2): two different dims of x, an offset that may pass the edge."""
    x = draw(arrays(shapes(min_dims=2)))
    dim1, dim2 = draw(st.permutations(range(x.ndim)))[:2]
    dim1 -= x.ndim * draw(st.booleans())
    return x, draw(st.integers(-4, 4)), dim1, dim2


@given(case=diagonal_cases())
def test_diagonal_and_diag_embed_match_torch_and_pass_gradcheck(case):
    x, offset, dim1, dim2 = case
    pick = lambda t: t.diagonal(offset, dim1, dim2)  # noqa: E731
    out = check_with_torch(pick, pick, [x])
    assert out.grad_fn.name == f"diagonal(offset={offset}, dim1={dim1}, dim2={dim2})"
    first = dim1 % x.ndim - (x.ndim + 1) * (dim1 < 0)  # of the result's x.ndim + 1 dims
    embed = lambda t: t.diag_embed(offset, first, dim2)  # noqa: E731
    check_with_torch(embed, embed, [x])
    for op in (pick, embed):
        assert ag.gradcheck(op, (leaf(x),))
        assert ag.gradgradcheck(lambda t: op(t) ** 2, (leaf(x),))


@given(x=arrays(shapes(min_dims=1, max_dims=2)), offset=st.integers(-4, 4))
def test_diag_of_a_vector_is_a_matrix_and_of_a_matrix_a_vector_as_torch(x, offset):
    diag = lambda t: t.diag(offset)  # noqa: E731
    check_with_torch(diag, diag, [x])
    np.testing.assert_array_equal(ag.diag(x, offset).data, np.diag(x, offset))
    assert ag.gradgradcheck(lambda t: diag(t) ** 2, (leaf(x),))


@given(x=arrays(shapes(min_dims=2)), diagonal=st.integers(-4, 4),
       name=st.sampled_from(["tril", "triu"]))
def test_tril_and_triu_match_torch_and_pass_gradcheck(x, diagonal, name):
    op = lambda t: getattr(t, name)(diagonal)  # noqa: E731
    check_with_torch(op, op, [x])
    np.testing.assert_array_equal(getattr(ag, name)(x, diagonal).data,
                                  getattr(np, name)(x, diagonal))
    assert ag.gradgradcheck(lambda t: op(t) ** 2, (leaf(x),))


TRIANGLES = {  # name -> the op, the same on both engines
    "diag": lambda t: t[0].diag(1),
    "diagonal": lambda t: t.diagonal(-1),
    "diag_embed": lambda t: t.diag_embed(1, 0, 2),
    "tril": lambda t: t.tril(),
    "triu": lambda t: t.triu(1),
    "sort": lambda t: t.sort(0).values,
}


@pytest.mark.parametrize("name", sorted(TRIANGLES))
@pytest.mark.parametrize("seed", range(4))
def test_edge_values_and_infinite_gradients_match_torch(name, seed):
    op = TRIANGLES[name]
    x = edge_array((3, 4), seed)
    with np.errstate(all="ignore"):
        check_with_torch(op, op, [x], upstream=upstream_with_infinities(op(ag.Tensor(x)).shape))
        assert op(ag.Tensor(x.astype(np.float32))).dtype == np.float32


def test_triangles_of_empty_tensors_match_torch():
    for op in (lambda t: t.tril(), lambda t: t.triu(2), lambda t: t.diagonal(),
               lambda t: t.diag_embed()):
        check_with_torch(op, op, [np.zeros((2, 0, 3))])
    check_with_torch(lambda t: t.diag(), lambda t: t.diag(), [np.zeros(0)])


BAD_INPUT = [  # (call, exception, words the message must hold)
    (lambda x: x.sort(2), IndexError, ["sort", "axis 2"]),
    (lambda x: x.topk(4), ValueError, ["topk", "0..3", "4"]),
    (lambda x: x.topk(-1), ValueError, ["topk", "-1"]),
    (lambda x: x.diagonal(0, 1, 1), ValueError, ["diagonal", "dim1=1", "dim2=1"]),
    (lambda x: x.diagonal(0, 0, 2), IndexError, ["diagonal", "axis 2"]),
    (lambda x: x.sum().diag_embed(), ValueError, ["diag_embed", "0-d"]),
    (lambda x: x.sum().diag(), ValueError, ["diag", "()"]),
    (lambda x: x.reshape(1, 2, 3).diag(), ValueError, ["diag", "(1, 2, 3)"]),
    (lambda x: x[0].tril(), ValueError, ["tril", "(3,)"]),
    (lambda x: x[0].triu(), ValueError, ["triu", "(3,)"]),
]


@pytest.mark.parametrize("case", range(len(BAD_INPUT)))
def test_bad_input_raises_a_standard_error_naming_the_op(case):
    call, error, words = BAD_INPUT[case]
    with pytest.raises(error) as raised:
        call(leaf(np.arange(6.0).reshape(2, 3)))
    for word in words:
        assert word in str(raised.value)


def test_diag_and_diag_embed_write_their_values_so_a_minus_zero_stays_minus_zero():
    """Found by the long differential run: laying values on a diagonal added them to zeros,
    and 0 + -0 is +0; torch copies them (then log and 1/x of it differ in sign)."""
    x = ag.tensor(np.array([-0.0, 2.0]))
    assert np.signbit(x.diag().data[0, 0]) and np.signbit(x.diag_embed().data[0, 0])
    assert np.signbit(torch.tensor([-0.0, 2.0]).diag()[0, 0].numpy())
