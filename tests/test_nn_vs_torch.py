"""nn against PyTorch (torch CPU, float64): the losses' values and gradients, at ordinary
values and at the edges (-inf and huge logits, empty batches). NaN agrees with NaN and inf
with inf; NaN against a number does not. (The optimizers: test_nn_optim_vs_torch.py.)

The losses of nn.functional are compared with torch in full in tests/test_nn_losses_*.py.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn
from strategies import floats, seeds

INF = float("inf")


def _agree(ours, theirs, rtol=1e-12, atol=1e-300):
    """Our numpy result equals torch's: same shape, NaN where it has NaN, inf where it has inf,
    and the finite numbers within rtol."""
    theirs = theirs.detach().numpy()
    assert np.shape(ours) == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=atol, equal_nan=True)


def _pair(array):
    """The same float64 leaf in both engines."""
    return (ag.Tensor(array.copy(), requires_grad=True),
            torch.tensor(array, dtype=torch.float64, requires_grad=True))


def _agree_on_value_and_gradients(ours, theirs, leaves, gradient=None, atol=1e-300):
    """ours and theirs agree, and so do the gradients of the leaf pairs after backward
    (from `gradient`, a numpy array of the outputs' shape, when given)."""
    _agree(ours.data, theirs, atol=atol)
    ours.backward(gradient)
    theirs.backward(None if gradient is None else torch.tensor(gradient))
    for our_leaf, their_leaf in leaves:
        _agree(our_leaf.grad, their_leaf.grad, atol=atol)


# -- cross_entropy -----------------------------------------------------------------------------

EDGE_LOGITS = [0.0, -INF, INF, 1e4, -1e4, 1e300, -1e300]
# The gradient softmax(z) - onehot cancels where p is near 1, and the two engines' exp may
# differ by an ulp: compare to 1e-14 absolute, the rounding of numbers of size 1.
LOSS_ATOL = 1e-14
logit_values = floats(-10.0, 10.0) | st.sampled_from(EDGE_LOGITS)


@st.composite
def logits_and_labels(draw, min_rows=0):
    """(logits (n, k) with edge values, integer labels (n,) in 0..k-1), n from min_rows."""
    n, k = draw(st.integers(min_rows, 4)), draw(st.integers(1, 4))
    logits = draw(hnp.arrays(np.float64, (n, k), elements=logit_values))
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)),
                      dtype=np.int64)
    return logits, labels


@st.composite
def probability_rows(draw, n, k):
    """Rows of k probabilities (zeros included: they meet -inf logits)."""
    weights = draw(hnp.arrays(np.float64, (n, k), elements=st.sampled_from([0.0, 1.0])
                              | floats(0.0, 1.0)))
    weights[:, 0] += weights.sum(axis=1) == 0
    return weights / weights.sum(axis=1, keepdims=True)


@given(logits_and_labels())
def test_cross_entropy_with_labels_agrees_with_torch(pair):
    logits, labels = pair
    ours, theirs = _pair(logits)
    _agree_on_value_and_gradients(nn.cross_entropy(ours, labels),
                                  F.cross_entropy(theirs, torch.tensor(labels)),
                                  [(ours, theirs)], atol=LOSS_ATOL)


@given(st.data())
def test_cross_entropy_with_probabilities_agrees_with_torch(data):
    logits, _ = data.draw(logits_and_labels())
    target = data.draw(probability_rows(*logits.shape))
    ours, theirs = _pair(logits)
    our_target, their_target = _pair(target)
    _agree_on_value_and_gradients(nn.cross_entropy(ours, our_target),
                                  F.cross_entropy(theirs, their_target),
                                  [(ours, theirs), (our_target, their_target)],
                                  atol=LOSS_ATOL)


@pytest.mark.parametrize("logits, target", [
    ([[0.0, -INF, 1.0]], [0]),                      # 1.3133, not 0 * -inf = nan
    ([[0.0, -INF, 1.0]], [1]),                      # the label's probability is 0: inf
    ([[-INF, -INF, 1.0]], [2]),
    ([[-INF, -INF, -INF]], [0]),                    # no finite logit: nan
    ([[INF, 0.0, 1.0]], [0]),
    ([[1000.0, 0.0, -1000.0], [0.0, 2000.0, 0.0]], [0, 0]),
    ([[1e300, -1e300, 0.0]], [1]),
    ([[0.0, -INF, 1.0]], [[1.0, 0.0, 0.0]]),        # 0 * -inf: nan value, finite gradient
    ([[0.0, -INF, 1.0]], [[0.5, 0.0, 0.5]]),
    (np.zeros((0, 3)), np.zeros(0, dtype=np.int64)),  # no rows: nan, an empty gradient
    (np.zeros((0, 3)), np.zeros((0, 3))),
    (np.zeros((0, 0)), np.zeros(0, dtype=np.int64)),
    (np.zeros((0, 0)), np.zeros((0, 0))),
    (np.zeros((2, 0)), np.zeros((2, 0))),             # no classes: nan (0 / 0), as torch
])
def test_cross_entropy_at_the_edges_agrees_with_torch(logits, target):
    logits, target = np.array(logits, dtype=np.float64), np.array(target)
    ours, theirs = _pair(logits)
    _agree_on_value_and_gradients(nn.cross_entropy(ours, target),
                                  F.cross_entropy(theirs, torch.tensor(target)),
                                  [(ours, theirs)], atol=LOSS_ATOL)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_losses_keep_torchs_dtype(dtype):
    logits = np.array([[0.5, -1.0, 2.0], [0.0, 0.0, 0.0]], dtype=dtype)
    labels = np.array([2, 0])
    their_logits = torch.tensor(logits)
    assert nn.cross_entropy(logits, labels).dtype == dtype
    assert F.cross_entropy(their_logits, torch.tensor(labels)).numpy().dtype == dtype
    assert nn.mse_loss(logits, logits).dtype == dtype
    assert F.mse_loss(their_logits, their_logits).numpy().dtype == dtype


# -- mse_loss and quadratic_cost ---------------------------------------------------------------

EDGE_VALUES = [0.0, -0.0, 1e-300, 1e150, -1e150, INF, -INF]
values = floats(-1e3, 1e3) | st.sampled_from(EDGE_VALUES)
any_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@st.composite
def output_target_pairs(draw, shape=any_shapes):
    """(a, y): float64 arrays of one shape (0-d and empty ones included) with edge values."""
    shape = draw(shape)
    return (draw(hnp.arrays(np.float64, shape, elements=values)),
            draw(hnp.arrays(np.float64, shape, elements=values)))


@given(output_target_pairs(), st.sampled_from(["mean", "sum", "none"]), seeds)
def test_mse_loss_agrees_with_torch(pair, reduction, seed):
    (our_a, their_a), (our_y, their_y) = _pair(pair[0]), _pair(pair[1])
    ours = nn.mse_loss(our_a, our_y, reduction=reduction)
    theirs = F.mse_loss(their_a, their_y, reduction=reduction)
    gradient = np.random.default_rng(seed).standard_normal(ours.shape)
    _agree_on_value_and_gradients(ours, theirs, [(our_a, their_a), (our_y, their_y)], gradient)


rows_and_outputs = st.tuples(st.integers(0, 4), st.integers(0, 4))


@given(output_target_pairs(rows_and_outputs))
def test_quadratic_cost_is_torchs_half_sum_of_squares_over_n(pair):
    (our_a, their_a), (our_y, their_y) = _pair(pair[0]), _pair(pair[1])
    theirs = 0.5 * ((their_a - their_y) ** 2).sum() / their_a.shape[0]
    _agree_on_value_and_gradients(nn.quadratic_cost(our_a, our_y), theirs,
                                  [(our_a, their_a), (our_y, their_y)])


@pytest.mark.parametrize("loss", [
    nn.quadratic_cost,
    lambda a, y: nn.mse_loss(a, y, "mean"),
    lambda a, y: nn.cross_entropy(a, np.zeros(0, dtype=np.int64)),
])
def test_a_batch_of_no_rows_gives_nan_as_torch(loss):
    a = ag.Tensor(np.zeros((0, 3)), requires_grad=True)
    value = loss(a, np.zeros((0, 3)))
    assert np.isnan(value.item())
    value.backward()
    assert a.grad.shape == (0, 3)
