"""cross_entropy and nll_loss of nn.functional against torch: class indices and class
probabilities, inputs (C,), (N, C) and (N, C, d1, ...), weights, ignore_index (some, none,
all ignored), label smoothing, every reduction, float64 and float32, +-inf and huge logits,
empty batches; second derivatives by gradgradcheck; the errors.

Deliberate differences (named here, listed in the report):
- class indices of any integer dtype are accepted (torch wants int64 or uint8);
- class indices out of range raise ValueError naming the range (torch: an IndexError or a
  RuntimeError "Target 3 is out of bounds");
- label smoothing over no classes gives nan at every position of an (N, 0, d1, ...) input,
  where torch raises a size mismatch (for (N, 0) torch gives nan too).
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn.functional as F
from loss_agreement import check_loss
from strategies import floats, leaf

INF = float("inf")
EDGE_LOGITS = [0.0, -INF, INF, 1e4, -1e4]
REDUCTIONS = st.sampled_from(["mean", "sum", "none"])
DTYPES = st.sampled_from([np.float64, np.float32])


@st.composite
def input_shapes(draw, min_batch=0):
    """(C,), (N, C) or (N, C, d1, ...) with N from min_batch, C >= 1."""
    classes = draw(st.integers(1, 4))
    layout = draw(st.sampled_from(["unbatched", "batch", "spatial"]))
    if layout == "unbatched":
        return (classes,)
    batch = draw(st.integers(min_batch, 3))
    extra = draw(st.lists(st.integers(0, 2), max_size=2)) if layout == "spatial" else []
    return (batch, classes, *extra)


def _index_shape(shape):
    return () if len(shape) == 1 else shape[:1] + shape[2:]


@st.composite
def indexed_cases(draw, logits=floats(-10.0, 10.0) | st.sampled_from(EDGE_LOGITS),
                  min_batch=0):
    """(input, class indices with some ignored, options: weight, ignore_index)."""
    shape = draw(input_shapes(min_batch))
    classes = shape[0 if len(shape) == 1 else 1]
    input = draw(hnp.arrays(np.float64, shape, elements=logits))
    ignore_index = draw(st.sampled_from([-100, 0, classes - 1, 7]))
    choices = st.integers(0, classes - 1) | st.just(ignore_index)
    target = draw(hnp.arrays(np.int64, _index_shape(shape), elements=choices))
    options = {"ignore_index": ignore_index}
    if draw(st.booleans()):
        options["weight"] = draw(hnp.arrays(np.float64, (classes,), elements=floats(0.0, 2.0)))
    return input, target, options


@st.composite
def probability_cases(draw):
    """(logits, a target of class probabilities of the logits' shape, options: weight)."""
    shape = draw(input_shapes())
    axis = 0 if len(shape) == 1 else 1
    logits = draw(hnp.arrays(np.float64, shape,
                             elements=floats(-10.0, 10.0) | st.sampled_from(EDGE_LOGITS)))
    weights = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])
                              | floats(0.0, 1.0)))
    totals = weights.sum(axis=axis, keepdims=True)
    target = np.where(totals > 0, weights / np.where(totals > 0, totals, 1), 1 / shape[axis])
    options = {}
    if draw(st.booleans()):
        options["weight"] = draw(hnp.arrays(np.float64, (shape[axis],), elements=floats(0.0, 2.0)))
    return logits, target, options


smoothing = st.sampled_from([0.0, 1.0]) | floats(0.0, 1.0)


@given(indexed_cases(), smoothing, REDUCTIONS, DTYPES)
def test_cross_entropy_with_class_indices_agrees_with_torch(case, label_smoothing, reduction,
                                                             dtype):
    input, target, options = case
    check_loss(F.cross_entropy, TF.cross_entropy, input, target, dtype=dtype,
               reduction=reduction, label_smoothing=label_smoothing, **options)


@given(probability_cases(), smoothing, REDUCTIONS, DTYPES)
def test_cross_entropy_with_probabilities_agrees_with_torch(case, label_smoothing, reduction,
                                                             dtype):
    input, target, options = case
    check_loss(F.cross_entropy, TF.cross_entropy, input, target, differentiate_target=True,
               dtype=dtype, reduction=reduction, label_smoothing=label_smoothing, **options)


@given(indexed_cases(logits=floats(-10.0, 0.0) | st.sampled_from([-INF, 0.0])), REDUCTIONS,
       DTYPES)
def test_nll_loss_agrees_with_torch(case, reduction, dtype):
    input, target, options = case
    check_loss(F.nll_loss, TF.nll_loss, input, target, dtype=dtype, reduction=reduction,
               **options)


@pytest.mark.parametrize("input, target, options", [
    (np.zeros((2, 3)), [-100, -100], {}),                          # all ignored: nan
    (np.zeros((2, 3)), [1, 1], {"ignore_index": 1, "label_smoothing": 0.3}),
    (np.zeros((2, 3)), [0, 2], {"weight": [0.0, 1.0, 0.0]}),       # total weight 0: nan
    (np.zeros((2, 0)), [-100, -100], {}),                          # no classes, all ignored
    (np.zeros((2, 0)), [-100, -100], {"label_smoothing": 0.1}),    # e / 0 = inf: nan
    (np.zeros((0, 3)), np.zeros(0, dtype=np.int64), {"label_smoothing": 0.5}),
    (np.zeros((2, 3, 0)), np.zeros((2, 0), dtype=np.int64), {}),   # no positions: nan
    ([[0.0, -INF, 1.0]], [0], {"label_smoothing": 0.2}),           # inf in the smoothing
    ([[1000.0, 0.0, -1000.0]], [2], {"weight": [1.0, 2.0, 3.0]}),
    ([3.0, -1.0, 0.5], 2, {"label_smoothing": 0.1}),               # unbatched
    ([3.0, -1.0, 0.5], -100, {}),                                  # unbatched, ignored
])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_at_the_edges_agrees_with_torch(input, target, options, reduction):
    check_loss(F.cross_entropy, TF.cross_entropy, input, np.array(target, dtype=np.int64),
               reduction=reduction, **options)


@pytest.mark.parametrize("input, target, options", [
    ([[0.0, -INF, 1.0]], [[1.0, 0.0, 0.0]], {"label_smoothing": 0.2}),
    ([[0.0, -INF, 1.0]], [[0.5, 0.0, 0.5]], {"weight": [1.0, 0.0, 2.0]}),
    (np.zeros((2, 0)), np.zeros((2, 0)), {}),                      # no classes: nan
    (np.zeros((2, 0)), np.zeros((2, 0)), {"label_smoothing": 0.1}),
    (np.zeros((0, 3, 2)), np.zeros((0, 3, 2)), {"label_smoothing": 1.0}),
    ([2.0, -1.0], [0.25, 0.75], {"label_smoothing": 0.5}),          # unbatched
])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_probability_targets_at_the_edges_agree_with_torch(input, target, options, reduction):
    check_loss(F.cross_entropy, TF.cross_entropy, input, target, differentiate_target=True,
               reduction=reduction, **options)


@given(indexed_cases(logits=floats(-3.0, 3.0), min_batch=1), floats(0.0, 1.0), REDUCTIONS)
def test_cross_entropy_and_nll_pass_gradgradcheck(case, label_smoothing, reduction):
    input, target, options = case

    def cross_entropy(z):
        return F.cross_entropy(z, target, reduction=reduction, label_smoothing=label_smoothing,
                               **options)

    def nll(z):
        return F.nll_loss(z, target, reduction=reduction, **options)
    assume(np.isfinite(nll(input).data).all())  # not all ignored, total weight not 0
    for loss in (cross_entropy, nll):
        assert ag.gradcheck(loss, (leaf(input),), check_forward_ad=True)
        assert ag.gradgradcheck(loss, (leaf(input),))


@given(probability_cases(), floats(0.0, 1.0), REDUCTIONS)
def test_cross_entropy_with_probabilities_passes_gradgradcheck(case, label_smoothing, reduction):
    input, target, options = case
    input = np.clip(input, -5.0, 5.0)

    def loss(z, t):
        return F.cross_entropy(z, t, reduction=reduction, label_smoothing=label_smoothing,
                               **options)
    assert ag.gradcheck(loss, (leaf(input), leaf(target)), check_forward_ad=True)
    assert ag.gradgradcheck(loss, (leaf(input), leaf(target)))


def test_smoothing_over_no_classes_at_every_position_is_nan_where_torch_raises():
    """Deliberate difference: for an input (N, 0, d1) torch raises a size mismatch of its own
    making (with label smoothing or without); ours gives nan, as torch does for (N, 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        loss = F.cross_entropy(np.zeros((1, 0, 2)), np.array([[0, 0]]), ignore_index=0,
                               label_smoothing=0.5, reduction="none")
    assert loss.shape == (1, 2) and np.isnan(loss.data).all()
    with pytest.raises(RuntimeError, match="size mismatch"):
        TF.cross_entropy(torch.zeros((1, 0, 2)), torch.tensor([[0, 0]]), ignore_index=0,
                         label_smoothing=0.5)
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(F.cross_entropy(np.zeros((1, 0, 1)), np.array([[-100]])).item())
    with pytest.raises(RuntimeError, match="size mismatch"):
        TF.cross_entropy(torch.zeros((1, 0, 1)), torch.tensor([[-100]]))


def test_class_indices_of_any_integer_dtype_are_taken_where_torch_wants_int64():
    logits = np.array([[0.5, -1.0, 2.0], [0.0, 1.0, 0.0]])
    expected = TF.cross_entropy(torch.tensor(logits), torch.tensor([2, 1])).item()
    for dtype in (np.int32, np.uint8, np.int16):
        assert F.cross_entropy(logits, np.array([2, 1], dtype=dtype)).item() == pytest.approx(
            expected, rel=1e-15)
    with pytest.raises(RuntimeError, match="Long"):
        TF.cross_entropy(torch.tensor(logits), torch.tensor([2, 1], dtype=torch.int32))


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 3])), ValueError,
     r"cross_entropy: class indices must lie in 0..2 for 3 classes \(or equal "
     r"ignore_index=-100\), got values 0..3"),
    (lambda: F.nll_loss(np.zeros((2, 3, 4)), np.zeros((2, 3), dtype=np.int64)), ValueError,
     r"nll_loss: class indices must have shape \(2, 4\) for an input of shape \(2, 3, 4\), "
     r"got shape \(2, 3\)"),
    (lambda: F.nll_loss(np.zeros((2, 3)), np.array([0.0, 1.0])), TypeError,
     "nll_loss: class indices must be integers, got dtype float64"),
    (lambda: F.nll_loss(np.zeros((2, 3), dtype=np.int64), np.array([0, 1])), TypeError,
     "nll_loss: the input must hold floats, got dtype int64"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 1]), weight=np.ones(2)),
     ValueError, r"cross_entropy: weight must hold one number per class, shape \(3,\), got "
                 r"shape \(2,\)"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 1]), label_smoothing=1.5),
     ValueError, r"cross_entropy: label_smoothing must be a number in \[0.0, 1.0\], got 1.5"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 1]), label_smoothing="0.1"),
     TypeError, r"label_smoothing must be a number in \[0.0, 1.0\], got str '0.1'"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 1]), ignore_index=1.0),
     TypeError, "cross_entropy: ignore_index must be an int, got float 1.0"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.full((2, 3), 1 / 3), ignore_index=0),
     ValueError, "ignore_index applies to class indices only"),
    (lambda: F.nll_loss(np.zeros(()), np.array(0)), ValueError,
     r"nll_loss: expected an input of shape \(C,\), \(N, C\) or \(N, C, d1, ...\), got a 0-d"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 1]), reduction="avg"), ValueError,
     r"cross_entropy: reduction must be one of \('mean', 'sum', 'none'\), got 'avg'"),
])
def test_bad_arguments_are_named(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_an_ignored_index_may_lie_outside_the_classes():
    loss = F.cross_entropy(np.zeros((3, 2)), np.array([0, -100, 1]), reduction="none")
    np.testing.assert_allclose(loss.data, [np.log(2), 0.0, np.log(2)], rtol=1e-15)
