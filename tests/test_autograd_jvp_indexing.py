"""Forward mode of the indexing family (x[...] and narrow/split/chunk/unbind, gather,
take_along_dim, index_select, scatter, scatter_add, masked_fill, masked_select, sort, topk,
diag, diagonal, diag_embed, tril, triu, einsum, tensordot, outer, dot, and the recorded
t[index] = value): the jvp rules' Jacobian equals finite differences and <v, J u> by forward
mode equals <J^T v, u> by reverse mode for the steps the differential programs draw; the
tangents equal torch's forward AD at edge values (0, -0, +-inf, NaN in the input and in the
tangent), keep a float32 input's dtype, and follow t[index] = value also on a tensor that is
not in the graph. Where an element is named twice, t[index] = value's tangent is the adjoint
of its gradient (both values' tangents add up), where torch's keeps one of them."""
import math

import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as torch_forward_ad
from hypothesis import assume, given
from hypothesis import strategies as st

import autograd as ag
import program_ops_indexing
import program_ops_shape
from autograd import forward_ad
from autograd.testing import assert_gradients_match, assert_jvp_matches_vjp
from program_draw import leaf_shapes
from program_strategies import draw_getitem
from strategies import arrays, distinct_arrays, leaf, shapes

nan, inf = math.nan, math.inf

# -- the steps the differential programs draw, run in forward mode ----------------------------

CUTTING = ("narrow", "split", "chunk", "unbind")
OURS = {"getitem": lambda x, index: x[index],
        **{name: program_ops_shape.OPS[name].ours for name in CUTTING},
        **{name: op.ours for name, op in program_ops_indexing.OPS.items()}}
DRAWERS = {draw.__name__: draw for draw in
           [*program_ops_indexing.DRAWS, draw_getitem, program_ops_shape.draw_cutting]}


def check_both_modes(fn, *arrays_):
    """The forward-mode Jacobian against finite differences and against reverse mode."""
    assert_gradients_match(fn, *[leaf(a) for a in arrays_], mode="forward")
    assert_jvp_matches_vjp(fn, *[leaf(a) for a in arrays_])


@pytest.mark.parametrize("drawer", sorted(DRAWERS))
@given(data=st.data())
def test_every_drawn_step_has_a_jvp_equal_to_finite_differences_and_to_reverse_mode(
        drawer, data):
    leaf_shapes_ = data.draw(leaf_shapes(2), label="shapes")
    step = DRAWERS[drawer](data.draw, leaf_shapes_)
    assume(step is not None and step[3] is not None)  # None: the step raises in both engines
    op, args, params, _ = step
    if drawer == "draw_cutting":
        assume(op in CUTTING)
    assume(math.isfinite(params.get("value", 0.0)))  # masked_fill with inf: no differences
    # distinct values: sort and topk are smooth away from ties
    values = [data.draw(distinct_arrays(leaf_shapes_[i]), label=f"x{i}") for i in args]
    check_both_modes(lambda *ts: OURS[op](*ts, **params), *values)


# -- t[index] = value (IndexPut) -----------------------------------------------------------------

def assigned(x, value, index):
    """(x * 2) with [index] = value * value, then times x: the assignment inside a graph."""
    h = x * 2.0
    h[index] = value * value
    return h * x


@st.composite
def assignments(draw, repeats=False):
    """(x, value, index): an int, a mask or an int array (naming an element twice only when
    `repeats`) over the first axis, and a value that broadcasts to x[index]."""
    x = draw(arrays(shapes(min_dims=1)))
    kind = draw(st.sampled_from(["array"] if repeats else ["int", "mask", "array"]))
    n = x.shape[0]
    if kind == "int":
        index = draw(st.integers(-n, n - 1))
    elif kind == "mask":
        index = draw(arrays(x.shape[:draw(st.integers(1, x.ndim))], st.booleans())).astype(bool)
    elif repeats:
        index = np.array(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=4)))
        assume(len(set(index.tolist())) < len(index))
    else:
        index = np.array(draw(st.permutations(range(n)))[:draw(st.integers(1, n))])
    selected = x[index].shape
    value_shape = selected[draw(st.integers(0, len(selected))):]
    if value_shape and draw(st.booleans()):
        value_shape = (1,) + value_shape[1:]  # broadcast along an axis of size 1 too
    return x, draw(arrays(value_shape)), index


@given(case=assignments())
def test_an_assignment_has_a_jvp_equal_to_finite_differences_and_to_reverse_mode(case):
    x, value, index = case
    check_both_modes(lambda t, v: assigned(t, v, index), x, value)


@given(case=assignments(repeats=True))
def test_an_assignment_naming_an_element_twice_has_a_jvp_equal_to_reverse_mode(case):
    x, value, index = case  # (finite differences see the last value only: not compared)
    assert_jvp_matches_vjp(lambda t, v: assigned(t, v, index), leaf(x), leaf(value))


# -- against torch's forward AD at edge values -----------------------------------------------

def same(op):
    """The op spelled the same way for both engines."""
    return op, op


def ours_and_torchs(method, *args):
    """t.method(index-like args) with numpy arrays for ours and torch tensors for torch's."""
    as_torch = [torch.from_numpy(a) if isinstance(a, np.ndarray) else a for a in args]
    return (lambda t, *rest: getattr(t, method)(*args, *rest),
            lambda t, *rest: getattr(t, method)(*as_torch, *rest))


def put(index, value=None):
    """A copy of t with [index] = value (a number, or the second operand), on both engines."""
    def step(t, *rest):
        h = t.clone()
        h[torch.from_numpy(index) if isinstance(t, torch.Tensor) else index] = (
            rest[0] if rest else value)
        return h
    return step, step


MASK = np.array([[True, False, True], [False, False, True], [True, True, False]])
ROWS = np.array([[2, 0, 1], [0, 2, 2]])
PERMUTED = np.array([[2, 0, 1], [0, 1, 2]])  # each position along dim 0 at most once
# name -> (ours(t, *others), theirs(t, *others), shapes of the other operands); x is 3 x 3
OPS = {
    "getitem(slices)": (*same(lambda t: t[1:, ::2][:, 1]), ()),
    "getitem(ints and arrays)": (*same(lambda t: t[[2, 0, 2], 1:]), ()),
    "getitem(mask)": (lambda t: t[MASK], lambda t: t[torch.from_numpy(MASK)], ()),
    "narrow": (*same(lambda t: t.narrow(1, 1, 2)), ()),
    "split": (*same(lambda t: t.split(2, 0)[1]), ()),
    "chunk": (*same(lambda t: t.chunk(2, 1)[0]), ()),
    "unbind": (*same(lambda t: t.unbind(1)[2]), ()),
    "gather": (*ours_and_torchs("gather", 0, ROWS), ()),
    "take_along_dim": (*ours_and_torchs("take_along_dim", ROWS[:1] - 3, 1), ()),
    "take_along_dim(None)": (*ours_and_torchs("take_along_dim", np.array([8, 0, 0])), ()),
    "index_select": (*ours_and_torchs("index_select", 1, np.array([2, 2, 0, 1])), ()),
    "scatter": (*ours_and_torchs("scatter", 0, PERMUTED), ((2, 3),)),
    "scatter(value)": (*ours_and_torchs("scatter", 1, ROWS, 2.5), ()),
    "scatter_add": (*ours_and_torchs("scatter_add", 0, ROWS), ((2, 3),)),
    "masked_fill": (*ours_and_torchs("masked_fill", MASK), ((),)),
    "masked_fill(number)": (*ours_and_torchs("masked_fill", MASK[0], -inf), ()),
    "masked_select": (*ours_and_torchs("masked_select", MASK[:, :1]), ()),
    "sort": (lambda t: t.sort(1, True).values,
             lambda t: t.sort(dim=1, descending=True, stable=True).values, ()),
    "topk": (*same(lambda t: t.topk(1, 0).values), ()),
    "diag": (*same(lambda t: t.diag(-1)), ()),
    "diag(vector)": (*same(lambda t: t[0].diag(1)), ()),
    "diagonal": (*same(lambda t: t.diagonal(1, 1, 0)), ()),
    "diag_embed": (*same(lambda t: t.diag_embed(-1, 0, 2)), ()),
    "tril": (*same(lambda t: t.tril(-1)), ()),
    "triu": (*same(lambda t: t.triu(1)), ()),
    "einsum(trace)": (lambda t: ag.einsum("ii", t), lambda t: torch.einsum("ii", t), ()),
    "einsum(transpose)": (lambda t: ag.einsum("ij->ji", t),
                          lambda t: torch.einsum("ij->ji", t), ()),
    "einsum(two)": (lambda t, w: ag.einsum("ij,jk->ik", t, w),
                    lambda t, w: torch.einsum("ij,jk->ik", t, w), ((3, 2),)),
    "einsum(three)": (lambda t, w, z: ag.einsum("ij,kj,k->i", t, w, z),
                      lambda t, w, z: torch.einsum("ij,kj,k->i", t, w, z), ((2, 3), (2,))),
    "tensordot": (lambda t, w: ag.tensordot(t, w, 1), lambda t, w: torch.tensordot(t, w, 1),
                  ((3, 2),)),
    "outer": (lambda t, w: ag.outer(t[0], w), lambda t, w: torch.outer(t[0], w), ((2,),)),
    "dot": (lambda t, w: ag.dot(t[1], w), lambda t, w: torch.dot(t[1], w), ((3,),)),
    "index_put(number)": (*put(np.array([2, 0]), -0.0), ()),
    "index_put(mask)": (*put(MASK), ((),)),
    "index_put(rows)": (*put(np.array([1, 2])), ((1, 3),)),
}
EDGES = np.array([[0.0, -0.0, 1.0], [-2.5, inf, nan], [-inf, 1e-300, 4.0]])
OTHERS = np.array([2.0, -0.0, inf, -1.5, 0.0, nan])  # the other operands' values, cycled
DIRECTIONS = {
    "ordinary": lambda shape: np.linspace(0.5, -1.25, math.prod(shape)).reshape(shape),
    "edge values": lambda shape: np.resize([-0.0, 0.0, inf, nan, -inf, 5e-324, 1.5],
                                           math.prod(shape)).reshape(shape),
}


def operands(name):
    return [EDGES] + [np.resize(OTHERS, s).reshape(s) for s in OPS[name][2]]


def our_tangent(op, values, tangents):
    """The output's tangent; None entries of `tangents` leave that operand without one."""
    with np.errstate(all="ignore"), forward_ad.dual_level():
        duals = [ag.Tensor(v) if u is None else forward_ad.make_dual(ag.Tensor(v), u)
                 for v, u in zip(values, tangents)]
        out = op(*duals)
        tangent = forward_ad.unpack_dual(out).tangent
    return np.zeros(out.shape, out.dtype) if tangent is None else tangent.data


def torch_tangent(op, values, tangents):
    with torch_forward_ad.dual_level():
        duals = [torch.tensor(v) if u is None else
                 torch_forward_ad.make_dual(torch.tensor(v), torch.tensor(u))
                 for v, u in zip(values, tangents)]
        out = op(*duals)
        tangent = torch_forward_ad.unpack_dual(out).tangent
    return np.zeros(tuple(out.shape)) if tangent is None else tangent.numpy()


# numpy's einsum sums into +0 (0 + -0 is 0), where torch multiplies -0 straight through: the
# contractions' values have the same difference, so their tangents' signs of zero are not compared
CONTRACTIONS = ("einsum", "tensordot", "outer", "dot")


def assert_identical(ours, theirs, name):
    assert ours.shape == theirs.shape
    np.testing.assert_array_equal(ours, theirs)
    if not name.startswith(CONTRACTIONS):
        np.testing.assert_array_equal(np.signbit(ours), np.signbit(theirs))


@pytest.mark.parametrize("direction", sorted(DIRECTIONS))
@pytest.mark.parametrize("name", sorted(OPS))
def test_tangents_at_edge_values_equal_torchs_forward_ad_signs_of_zeros_included(
        name, direction):
    values = operands(name)
    tangents = [DIRECTIONS[direction](v.shape) for v in values]
    ours_op, torch_op, _ = OPS[name]
    assert_identical(our_tangent(ours_op, values, tangents),
                     torch_tangent(torch_op, values, tangents), name)


@pytest.mark.parametrize("name", sorted(n for n in OPS if OPS[n][2]))
def test_with_one_operand_dual_the_others_add_nothing_not_even_inf_times_zero(name):
    """Only one operand carries a tangent: the others' infinities and NaN do not meet the
    zeros of a tangent they lack. As torch's forward AD, but for the contractions, where
    torch's tangent is NaN wherever such a zero meets an inf or NaN; ours is the contraction
    with the dual operand replaced by its tangent (the op is linear in each operand), the
    directional derivative reverse mode's gradient gives too."""
    values = operands(name)
    ours_op, torch_op, _ = OPS[name]
    for dual in range(len(values)):
        tangents = [DIRECTIONS["ordinary"](v.shape) if k == dual else None
                    for k, v in enumerate(values)]
        ours = our_tangent(ours_op, values, tangents)
        if name.startswith(CONTRACTIONS):
            with np.errstate(all="ignore"):
                linear = ours_op(*[ag.Tensor(v if u is None else u)
                                   for v, u in zip(values, tangents)])
            np.testing.assert_array_equal(ours, linear.data)
        else:
            assert_identical(ours, torch_tangent(torch_op, values, tangents), name)


@pytest.mark.parametrize("name", sorted(OPS))
def test_a_float32_tangent_stays_float32(name):
    values = operands(name)
    tangents = [DIRECTIONS["ordinary"](v.shape) for v in values]
    ours = our_tangent(OPS[name][0], [v.astype(np.float32) for v in values],
                       [u.astype(np.float32) for u in tangents])
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, our_tangent(OPS[name][0], values, tangents), rtol=1e-6)


def assign_in_place(t, value):
    t[0, 1] = 5.0
    t[1, 1:] = value
    return t


@pytest.mark.parametrize("dual, expected", [
    ("both", [[0.5, 0.0, 0.5], [0.5, -1.0, 2.0]]),
    ("value only", [[0.0, 0.0, 0.0], [0.0, -1.0, 2.0]]),
])
def test_an_assignment_to_a_tensor_outside_the_graph_changes_its_tangent_as_torchs(
        dual, expected):
    values = [np.arange(6.0).reshape(2, 3), np.array([7.0, 8.0])]
    tangents = [np.full((2, 3), 0.5) if dual == "both" else None, np.array([-1.0, 2.0])]
    ours = our_tangent(assign_in_place, [v.copy() for v in values], tangents)
    np.testing.assert_array_equal(ours, expected)
    assert_identical(ours, torch_tangent(assign_in_place, values, tangents), "index_put")


def test_an_element_named_twice_gets_the_sum_of_its_values_tangents_unlike_torch():
    """Deliberate: our tangent is the adjoint of the gradient both engines give (each value
    gets the gradient of the element), so forward and reverse mode agree; torch's forward AD
    keeps one value's tangent."""
    x, u = np.zeros(3), np.ones(3)
    value, v = np.array([5.0, 6.0]), np.array([2.0, 3.0])
    ours_op, torch_op = put(np.array([1, 1]))
    ours = our_tangent(ours_op, [x, value], [u, v])
    np.testing.assert_array_equal(ours, [1.0, 5.0, 1.0])
    assert torch_tangent(torch_op, [x, value], [u, v])[1] in (2.0, 3.0)
