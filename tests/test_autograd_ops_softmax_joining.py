"""softmax, log_softmax (any axis), concatenate, stack and where: values equal numpy's, first
(and for softmax second) derivatives equal finite differences (float64)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
from strategies import MAX_SIDE, arrays, floats, leaf, shapes, single_axis


def numpy_softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@given(x=arrays(shapes(min_dims=1), floats(-5.0, 5.0)), data=st.data())
def test_softmax_and_log_softmax_match_numpy_and_pass_gradchecks(name, x, data):
    axis = data.draw(single_axis(x.ndim), label="axis")
    op = lambda t: getattr(t, name)(axis=axis)  # noqa: E731
    expected = numpy_softmax(x, axis)
    out = op(leaf(x))
    np.testing.assert_allclose(out.data, expected if name == "softmax" else np.log(expected),
                               rtol=1e-12, atol=1e-14)
    assert out.grad_fn.name == f"{name}(axis={axis})"
    assert ag.gradcheck(op, (leaf(x),))
    assert ag.gradgradcheck(op, (leaf(x),))


@given(x=arrays(shapes(min_dims=1), floats(-1e4, 1e4)))
def test_softmax_sums_to_one_and_stays_finite_for_large_inputs(x):
    with np.errstate(over="raise"):
        s = leaf(x).softmax(axis=-1).data
        log_s = leaf(x).log_softmax(axis=-1).data
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(np.isfinite(log_s)) and np.all(log_s <= 0)


@st.composite
def concatenate_cases(draw):
    """(parts, axis): 1 to 3 arrays that agree on every axis but `axis`."""
    shape = draw(shapes(min_dims=1))
    axis = draw(single_axis(len(shape)))
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        part_shape = list(shape)
        part_shape[axis] = draw(st.integers(1, MAX_SIDE))
        parts.append(draw(arrays(tuple(part_shape))))
    return parts, axis


@given(case=concatenate_cases())
def test_concatenate_matches_numpy_and_passes_gradcheck_for_every_part(case):
    parts, axis = case
    join = lambda *ts: ag.concatenate(ts, axis=axis)  # noqa: E731
    np.testing.assert_array_equal(join(*map(leaf, parts)).data, np.concatenate(parts, axis=axis))
    assert ag.gradcheck(join, tuple(map(leaf, parts)))
    assert ag.gradgradcheck(lambda *ts: join(*ts) ** 2, tuple(map(leaf, parts)))


@given(case=concatenate_cases())
def test_concatenate_with_a_numpy_part_gives_gradients_to_the_tensor_parts_only(case):
    parts, axis = case
    tensors = [leaf(p) for p in parts]
    ag.concatenate([parts[0]] + tensors, axis=axis).sum().backward()
    for t in tensors:
        np.testing.assert_array_equal(t.grad, np.ones_like(t.data))


@given(shape=shapes(), count=st.integers(1, 3), data=st.data())
def test_stack_matches_numpy_and_passes_gradcheck_for_every_part(shape, count, data):
    parts = [data.draw(arrays(shape), label=f"part{k}") for k in range(count)]
    axis = data.draw(single_axis(len(shape), extra=1), label="axis")
    join = lambda *ts: ag.stack(ts, axis=axis)  # noqa: E731
    np.testing.assert_array_equal(join(*map(leaf, parts)).data, np.stack(parts, axis=axis))
    assert ag.gradcheck(join, tuple(map(leaf, parts)))
    assert ag.gradgradcheck(lambda *ts: join(*ts) ** 2, tuple(map(leaf, parts)))


@given(data=st.data())
def test_where_broadcasts_like_numpy_and_passes_gradcheck_in_both_branches(data):
    shapes_ = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_side=MAX_SIDE),
                        label="shapes").input_shapes
    condition = data.draw(hnp.arrays(np.bool_, shapes_[0]), label="condition")
    a, b = (data.draw(arrays(s), label=name) for s, name in zip(shapes_[1:], "ab"))
    choose = lambda x, y: ag.where(condition, x, y)  # noqa: E731
    np.testing.assert_array_equal(choose(leaf(a), leaf(b)).data, np.where(condition, a, b))
    assert ag.gradcheck(choose, (leaf(a), leaf(b)))
    assert ag.gradgradcheck(lambda x, y: choose(x, y) ** 2, (leaf(a), leaf(b)))


@given(x=arrays(shapes()), data=st.data())
def test_where_with_a_boolean_tensor_condition_and_a_number_branch(x, data):
    threshold = data.draw(arrays(st.sampled_from([x.shape[k:] for k in range(x.ndim + 1)])),
                          label="threshold")
    t = leaf(x)
    out = ag.where(t > ag.Tensor(threshold), t, 0.0)
    np.testing.assert_array_equal(out.data, np.where(x > threshold, x, 0.0))
    out.sum().backward()
    np.testing.assert_array_equal(t.grad, (x > threshold).astype(np.float64))
