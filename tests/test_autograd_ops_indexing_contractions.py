"""einsum (implicit and explicit outputs, repeated labels, '...', size-1 broadcasting),
tensordot, outer, dot and matmul: values and gradients equal torch's (float64), first and
second derivatives equal finite differences, edge values and empty or 0-d operands as torch,
float32 stays float32, and bad input gets an error that names the op."""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from indexing_checks import check_with_torch, edge_array, upstream_with_infinities
from strategies import arrays, leaf, shapes

# Sums of products: the engines may add in another order, so values agree to rounding.
SUMS = dict(rtol=1e-10, atol=1e-12)


@st.composite
def einsum_cases(draw):
    """(equation, operand arrays): 1 to 3 operands over the labels i, j, k (repeats within an
    operand included, a label once in an operand sometimes of size 1: broadcast), sometimes a
    '...' over broadcastable axes, and an implicit or explicit output."""
    sizes = {c: draw(st.integers(1, 3)) for c in "ijk"}
    ellipsis = draw(shapes(max_dims=2))
    terms, operands = [], []
    for _ in range(draw(st.integers(1, 3))):
        labels = draw(st.lists(st.sampled_from("ijk"), max_size=3))
        shape = [1 if labels.count(c) == 1 and draw(st.integers(0, 4)) == 0 else sizes[c]
                 for c in labels]
        term = "".join(labels)
        if draw(st.booleans()):
            axes = [1 if draw(st.integers(0, 3)) == 0 else n
                    for n in ellipsis[draw(st.integers(0, len(ellipsis))):]]
            at = draw(st.integers(0, len(labels)))
            term, shape = term[:at] + "..." + term[at:], shape[:at] + axes + shape[at:]
        terms.append(term)
        operands.append(draw(arrays(tuple(shape))))
    equation = ",".join(terms)
    if draw(st.booleans()):  # an explicit output
        used = sorted(set(c for c in equation if c.isalpha()))
        output = "".join(draw(st.permutations(used))[:draw(st.integers(0, len(used)))])
        if "..." in equation and draw(st.booleans()):
            at = draw(st.integers(0, len(output)))
            output = output[:at] + "..." + output[at:]
        equation += "->" + output
    return equation, operands


@given(case=einsum_cases())
def test_einsum_matches_torch_and_passes_gradcheck_and_gradgradcheck(case):
    equation, operands = case
    ours = lambda *ts: ag.einsum(equation, *ts)  # noqa: E731
    out = check_with_torch(ours, lambda *ts: torch.einsum(equation, *ts), operands, **SUMS)
    assert out.grad_fn is None or out.grad_fn.name.startswith("einsum(")
    leaves = [leaf(a) for a in operands]
    assert ag.gradcheck(ours, leaves)
    assert ag.gradgradcheck(ours, leaves)


@pytest.mark.parametrize("equation, shapes_", [
    ("ii->i", [(3, 3)]), ("ii", [(3, 3)]), ("iij->ji", [(2, 2, 3)]), ("iii->", [(2, 2, 2)]),
    ("ij,jk", [(2, 1), (3, 4)]), ("...ij->ij", [(2, 3, 4)]), ("...i,...i", [(2, 3), (5, 1, 3)]),
    ("ba", [(2, 3)]), ("i,i", [(0,), (0,)]), ("", [()]), ("...", [()]), ("i->", [(0,)]),
    ("Ab,bC", [(2, 2), (2, 3)]), ("i j , j -> i", [(2, 3), (3,)]), ("ij,ij->", [(1, 3), (2, 1)]),
])
def test_einsum_spellings_match_torch(equation, shapes_):
    operands = [np.random.default_rng(1).standard_normal(s) for s in shapes_]
    ours = lambda *ts: ag.einsum(equation, *ts)  # noqa: E731
    check_with_torch(ours, lambda *ts: torch.einsum(equation, *ts), operands, **SUMS)
    assert ag.gradgradcheck(ours, [leaf(a) for a in operands])


def test_einsum_sums_what_one_operand_alone_has_first_as_torch_where_infinities_meet():
    x, y = np.array([[2.0, -1.0]]), np.array([1.0])
    check_with_torch(lambda a, b: ag.einsum("ab,a->", a, b), lambda a, b: torch.einsum(
        "ab,a->", a, b), [x, y], upstream=np.array(np.inf))  # y's gradient: inf * (2 - 1)


def test_einsum_takes_the_operands_as_one_list_and_promotes_dtypes():
    a, b = np.ones((2, 3), dtype=np.float32), np.ones(3, dtype=np.int64)
    assert ag.einsum("ij,j->i", [ag.Tensor(a), b]).dtype == np.float32
    assert ag.einsum("ij->j", ag.Tensor(a)).dtype == np.float32


def test_einsum_of_a_repeated_label_gives_zero_gradient_off_the_diagonal_even_for_inf():
    x = edge_array((3, 3))
    with np.errstate(all="ignore"):
        check_with_torch(lambda t: ag.einsum("ii->i", t), lambda t: torch.einsum("ii->i", t),
                         [x], upstream=upstream_with_infinities((3,)))


@pytest.mark.parametrize("equation", ["ii", "ii->i", "iij->ji", "iji->"])
def test_einsum_of_a_repeated_label_passes_gradgradcheck(equation):
    x = np.random.default_rng(0).standard_normal((2, 2, 2)[:len(equation.split("-")[0])])
    assert ag.gradgradcheck(lambda t: ag.einsum(equation, t), (leaf(x),))


PRODUCTS = {  # name -> (ours, torch's, operand shapes)
    "tensordot 1": (lambda a, b: ag.tensordot(a, b, 1), lambda a, b: torch.tensordot(a, b, 1),
                    [(2, 3), (3, 2)]),
    "tensordot 0": (lambda a, b: ag.tensordot(a, b, 0), lambda a, b: torch.tensordot(a, b, 0),
                    [(2,), (3, 1)]),
    "tensordot default": (ag.tensordot, torch.tensordot, [(4, 2, 3), (2, 3, 2)]),
    "tensordot pairs": (lambda a, b: ag.tensordot(a, b, ([1, 0], [0, 1])),
                        lambda a, b: torch.tensordot(a, b, ([1, 0], [0, 1])), [(2, 3), (3, 2)]),
    "tensordot axes": (lambda a, b: ag.tensordot(a, b, axes=([-1], [0])),
                       lambda a, b: torch.tensordot(a, b, ([1], [0])), [(2, 3), (3, 2)]),
    "outer": (lambda a, b: a.outer(b), torch.outer, [(2,), (3,)]),
    "dot": (lambda a, b: a.dot(b), torch.dot, [(3,), (3,)]),
    "dot empty": (ag.dot, torch.dot, [(0,), (0,)]),
    "matmul": (lambda a, b: a.matmul(b), torch.matmul, [(2, 3), (3,)]),
    "matmul batched": (ag.matmul, torch.matmul, [(3, 1, 2, 3), (2, 3, 2)]),
}


@pytest.mark.parametrize("name", sorted(PRODUCTS))
def test_products_match_torch_and_pass_gradgradcheck(name):
    ours, theirs, shapes_ = PRODUCTS[name]
    operands = [np.random.default_rng(2).standard_normal(s) for s in shapes_]
    check_with_torch(ours, theirs, operands, **SUMS)
    assert ag.gradgradcheck(ours, [leaf(a) for a in operands])
    assert ours(*[ag.Tensor(a.astype(np.float32)) for a in operands]).dtype == np.float32


@given(a=arrays(st.tuples(st.integers(0, 3))), b=arrays(st.tuples(st.integers(0, 3))))
def test_outer_of_any_vectors_matches_torch_and_passes_gradcheck(a, b):
    check_with_torch(ag.outer, torch.outer, [a, b])
    assert ag.gradgradcheck(ag.outer, (leaf(a), leaf(b)))


@pytest.mark.parametrize("equation", ["ij,jk->ik", "ij->i", "i,j->ij", "ij,j->"])
@pytest.mark.parametrize("seed", range(3))
def test_einsum_at_edge_values_matches_torch(equation, seed):
    shapes_ = {"i": 2, "j": 3, "k": 2}
    operands = [edge_array(tuple(shapes_[c] for c in term), seed + k)
                for k, term in enumerate(equation.split("->")[0].split(","))]
    with np.errstate(all="ignore"):
        check_with_torch(lambda *ts: ag.einsum(equation, *ts),
                         lambda *ts: torch.einsum(equation, *ts), operands, **SUMS)


BAD_INPUT = [  # (call, exception, words the message must hold)
    (lambda x: ag.einsum("ij,jk", x), ValueError, ["einsum", "2 operands", "got 1"]),
    (lambda x: ag.einsum("i", x), ValueError, ["einsum", "'i'", "(2, 3)"]),
    (lambda x: ag.einsum("ij->ii", x), ValueError, ["einsum", "'i'", "once"]),
    (lambda x: ag.einsum("ij->k", x), ValueError, ["einsum", "'k'"]),
    (lambda x: ag.einsum("i1", x), ValueError, ["einsum", "'i1'"]),
    (lambda x: ag.einsum("ii", x), ValueError, ["einsum", "'i'", "different sizes"]),
    (lambda x: ag.einsum("ij,ij", x, x.T), ValueError, ["einsum", "sizes 2 and 3"]),
    (lambda x: ag.einsum(3, x), TypeError, ["einsum", "string"]),
    (lambda x: ag.tensordot(x, x, 1), ValueError, ["tensordot", "size 3", "size 2"]),
    (lambda x: ag.tensordot(x, x, -1), ValueError, ["tensordot", "-1"]),
    (lambda x: ag.tensordot(x, x, ([0], [0, 1])), ValueError, ["tensordot", "1 axes with 2"]),
    (lambda x: ag.tensordot(x, x, dims=1, axes=1), TypeError, ["tensordot", "dims", "axes"]),
    (lambda x: ag.outer(x, x[0]), ValueError, ["outer", "(2, 3)", "(3,)"]),
    (lambda x: ag.dot(x[0], x[:, 0]), ValueError, ["dot", "(3,)", "(2,)"]),
    (lambda x: x.matmul(x), ValueError, ["matmul", "(2, 3)"]),
]


@pytest.mark.parametrize("case", range(len(BAD_INPUT)))
def test_bad_input_raises_a_standard_error_naming_the_op(case):
    call, error, words = BAD_INPUT[case]
    with pytest.raises(error) as raised:
        call(leaf(np.arange(6.0).reshape(2, 3)))
    for word in words:
        assert word in str(raised.value)
