"""Tests of the losses: each against its numpy formula, its gradient by gradcheck, its errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
import nn
from strategies import arrays, floats, leaf

batch_and_outputs = st.tuples(st.integers(1, 5), st.integers(1, 5))


@st.composite
def output_target_pairs(draw):
    """(a, y): two float64 arrays of one shape (n, k)."""
    shape = draw(batch_and_outputs)
    return draw(arrays(shape)), draw(arrays(shape))


@st.composite
def logits_and_labels(draw):
    """(logits of shape (n, k), integer labels of shape (n,) in 0..k-1)."""
    n, k = draw(batch_and_outputs)
    logits = draw(arrays((n, k), floats(-10, 10)))
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return logits, labels


def _log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _probability_rows(seed, n, k):
    weights = np.random.default_rng(seed).random((n, k)) + 0.1
    return weights / weights.sum(axis=1, keepdims=True)


# -- values against numpy --------------------------------------------------------------------

@given(output_target_pairs())
def test_quadratic_cost_is_half_the_mean_over_rows_of_the_squared_distance(pair):
    a, y = pair
    expected = np.sum((y - a) ** 2) / (2 * a.shape[0])
    np.testing.assert_allclose(nn.quadratic_cost(ag.Tensor(a), y).item(), expected,
                               rtol=1e-12, atol=1e-300)


@given(output_target_pairs(), st.sampled_from(["mean", "sum", "none"]))
def test_mse_loss_reduces_like_pytorch(pair, reduction):
    a, y = pair
    squared = (a - y) ** 2
    expected = {"mean": squared.mean(), "sum": squared.sum(), "none": squared}[reduction]
    result = nn.mse_loss(ag.Tensor(a), ag.Tensor(y), reduction=reduction)
    np.testing.assert_allclose(result.data, expected, rtol=1e-12, atol=1e-300)


@given(logits_and_labels())
def test_cross_entropy_with_labels_is_the_mean_negative_log_probability(pair):
    logits, labels = pair
    expected = -np.mean(_log_softmax(logits)[np.arange(len(labels)), labels])
    np.testing.assert_allclose(nn.cross_entropy(ag.Tensor(logits), labels).item(), expected,
                               rtol=1e-10, atol=1e-12)


@given(logits_and_labels(), st.integers(0, 100))
def test_cross_entropy_with_probability_rows_matches_its_formula(pair, seed):
    logits, labels = pair
    n, k = logits.shape
    target = _probability_rows(seed, n, k)
    expected = -np.sum(target * _log_softmax(logits)) / n
    np.testing.assert_allclose(nn.cross_entropy(logits, target).item(), expected,
                               rtol=1e-10, atol=1e-12)
    one_hot = np.eye(k)[labels]
    np.testing.assert_allclose(nn.cross_entropy(logits, one_hot).item(),
                               nn.cross_entropy(logits, labels).item(), rtol=1e-12)


def test_cross_entropy_stays_finite_for_huge_logits():
    logits = np.array([[1000.0, 0.0, -1000.0], [0.0, 2000.0, 0.0]])
    z = ag.Tensor(logits, requires_grad=True)
    loss = nn.cross_entropy(z, np.array([0, 0]))
    assert loss.item() == pytest.approx(1000.0)
    loss.backward()
    np.testing.assert_allclose(z.grad, [[0.0, 0.0, 0.0], [-0.5, 0.5, 0.0]], atol=1e-12)


def test_a_class_with_logit_minus_inf_costs_nothing_unless_it_is_the_label():
    z = ag.Tensor(np.array([[0.0, -np.inf, 1.0]]), requires_grad=True)
    loss = nn.cross_entropy(z, np.array([0]))
    assert loss.item() == pytest.approx(np.log(1 + np.e), rel=1e-12)
    loss.backward()
    p = np.exp(1) / (1 + np.e)
    np.testing.assert_allclose(z.grad, [[-p, 0.0, p]], rtol=1e-12)
    assert nn.cross_entropy(z, np.array([1])).item() == np.inf


def test_a_numpy_target_takes_the_outputs_dtype():
    a = ag.Tensor(np.ones((2, 3), dtype=np.float32))
    y = np.zeros((2, 3), dtype=np.float64)
    assert nn.quadratic_cost(a, y).dtype == np.float32
    assert nn.mse_loss(a, y).dtype == np.float32
    assert nn.cross_entropy(a, np.array([0, 2])).dtype == np.float32


def test_quadratic_cost_gradient_is_the_residual_over_n():
    a = ag.Tensor(np.array([[0.2, 0.9], [0.5, 0.1], [1.0, 0.0]]), requires_grad=True)
    y = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])
    nn.quadratic_cost(a, y).backward()
    np.testing.assert_allclose(a.grad, (a.data - y) / 3, rtol=1e-12)


# -- gradients by finite differences -------------------------------------------------------------

@given(output_target_pairs())
def test_quadratic_cost_and_mse_pass_gradcheck(pair):
    a, y = leaf(pair[0]), leaf(pair[1])
    assert ag.gradcheck(nn.quadratic_cost, (a, y))
    for reduction in ("mean", "sum", "none"):
        assert ag.gradcheck(lambda a, y: nn.mse_loss(a, y, reduction), (a, y))


@given(logits_and_labels(), st.integers(0, 100))
def test_cross_entropy_passes_gradcheck(pair, seed):
    logits, labels = pair
    n, k = logits.shape
    assert ag.gradcheck(lambda z: nn.cross_entropy(z, labels), (leaf(logits),))
    target = leaf(_probability_rows(seed, n, k))
    assert ag.gradcheck(nn.cross_entropy, (leaf(logits), target))


# -- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("loss", [nn.quadratic_cost, nn.mse_loss])
def test_a_shape_mismatch_names_both_shapes(loss):
    with pytest.raises(ValueError, match=r"output \(2, 3\) and target \(2, 4\)"):
        loss(ag.Tensor(np.ones((2, 3))), np.ones((2, 4)))


def test_quadratic_cost_wants_one_example_per_row():
    with pytest.raises(ValueError, match=r"shape \(n, k\).*got shape \(3,\)"):
        nn.quadratic_cost(ag.Tensor(np.ones(3)), np.ones(3))


@pytest.mark.parametrize("reduction", ["max", ["mean"], None])
def test_mse_loss_lists_the_reductions(reduction):
    with pytest.raises(ValueError, match=r"mse_loss: reduction must be one of \('mean', 'sum', "
                                         r"'none'\), got"):
        nn.mse_loss(ag.Tensor(np.ones(2)), np.ones(2), reduction=reduction)


@pytest.mark.parametrize("logits_shape, target, pattern", [
    ((), np.array(0), r"shape \(C,\), \(N, C\) or \(N, C, d1, ...\), got a 0-d input"),
    ((4,), np.array([0]), r"indices must have shape \(\) for an input of shape \(4,\), got "
                          r"shape \(1,\)"),
    ((2, 3), np.array([0, 1, 2]), r"indices must have shape \(2,\).*got shape \(3,\)"),
    ((2, 3), np.array([0, 3]), r"indices must lie in 0..2 for 3 classes \(or equal "
                               r"ignore_index=-100\), got values 0..3"),
    ((2, 3), np.array([-1, 0]), "indices must lie in 0..2"),
])
def test_cross_entropy_errors(logits_shape, target, pattern):
    with pytest.raises(ValueError, match=pattern):
        nn.cross_entropy(ag.Tensor(np.zeros(logits_shape)), target)


@pytest.mark.parametrize("target, pattern", [
    (np.array([True, False]), "target must be class indices \\(integers\\) or class "
                              "probabilities \\(floats\\), got dtype bool"),
    (np.array([["a", "b"], ["c", "d"]]), "got dtype <U1"),
    (np.ones((2, 4)) / 4, r"class indices must be integers, got dtype float64 \(a target of "
                          r"class probabilities has the input's shape \(2, 2\), got shape "
                          r"\(2, 4\)"),
    (np.zeros((2, 2), dtype=np.int64), r"a target of the input's shape \(2, 2\) holds class "
                                       r"probabilities and must be floats, got dtype int64"),
])
def test_cross_entropy_takes_only_integer_indices_or_float_probabilities(target, pattern):
    with pytest.raises(TypeError, match=pattern):
        nn.cross_entropy(ag.Tensor(np.zeros((2, 2))), target)
