"""Tests of nn.reference: the seeds' hand-written backprop that the engine is checked against."""

import numpy as np
import pytest
from hypothesis import given, settings

from nn.reference import ReferenceMLP, sigmoid, train_epoch
from strategies import batch_sizes, layer_sizes, seeds


def random_batch(sizes, batch_size, seed, dtype=np.float64):
    """Inputs in [0, 1) of shape (n, n_0) and targets in [0, 1) of shape (n, n_L)."""
    rng = np.random.default_rng(seed)
    x = rng.random((batch_size, sizes[0])).astype(dtype)
    y = rng.random((batch_size, sizes[-1])).astype(dtype)
    return x, y


def central_difference_gradient(model, parameter, x, y, step=1e-6):
    """(C(theta + h e_i) - C(theta - h e_i)) / 2h for every entry i of ``parameter``."""
    estimate = np.empty_like(parameter)
    for index in np.ndindex(parameter.shape):
        original = parameter[index]
        parameter[index] = original + step
        cost_plus = model.cost(x, y)
        parameter[index] = original - step
        cost_minus = model.cost(x, y)
        parameter[index] = original
        estimate[index] = (cost_plus - cost_minus) / (2 * step)
    return estimate


def test_forward_keeps_every_layer_with_the_seeds_shapes():
    model = ReferenceMLP.random([784, 16, 16, 10])
    x = np.random.default_rng(1).random((7, 784))
    zs, activations = model.forward(x)
    assert [z.shape for z in zs] == [(7, 16), (7, 16), (7, 10)]
    assert [a.shape for a in activations] == [(7, 784), (7, 16), (7, 16), (7, 10)]
    assert activations[0] is x
    for z, a in zip(zs, activations[1:]):
        np.testing.assert_allclose(a, 1 / (1 + np.exp(-z)), rtol=1e-15)


def test_random_network_has_the_seeds_13002_parameters_and_layout():
    model = ReferenceMLP.random([784, 16, 16, 10])
    assert model.sizes == [784, 16, 16, 10]
    assert [w.shape for w in model.weights] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in model.biases] == [(16,), (16,), (10,)]
    assert sum(p.size for p in model.weights + model.biases) == 13002


def test_layer_matches_the_seeds_column_form_for_one_example():
    """Row form z = x @ W.T + b equals the seeds' z^1 = W^1 a^0 + b^1 with columns."""
    model = ReferenceMLP.random([5, 3, 2], seed=4)
    x = np.random.default_rng(2).random((1, 5))
    zs, _ = model.forward(x)
    column_z = model.weights[0] @ x[0][:, None] + model.biases[0][:, None]
    np.testing.assert_allclose(zs[0][0], column_z[:, 0], rtol=1e-14)


def test_float32_parameters_stay_float32_and_agree_with_float64():
    model32 = ReferenceMLP.random([6, 4, 3], seed=3, dtype=np.float32)
    model64 = ReferenceMLP.random([6, 4, 3], seed=3, dtype=np.float64)
    x, y = random_batch(model64.sizes, 5, seed=0)
    grads32 = model32.gradients(x, y)
    grads64 = model64.gradients(x, y)
    for g32, g64 in zip(grads32[0] + grads32[1], grads64[0] + grads64[1]):
        assert g32.dtype == np.float32
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-6)
    assert all(a.dtype == np.float32 for a in model32.forward(x)[1])


def test_sigmoid_keeps_precision_far_in_both_tails():
    z = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        a = sigmoid(z)
    np.testing.assert_allclose(a[1:4], [np.exp(-40.0) / (1 + np.exp(-40.0)), 0.5, 1.0])
    assert a[0] == 0.0 and a[4] == 1.0


def test_cost_is_half_the_mean_squared_distance_over_the_batch():
    """With W = 0 and b = 0 every output is sigma(0) = 1/2, so C = 1/(2n) sum ||y - 1/2||^2."""
    model = ReferenceMLP([np.zeros((2, 3))], [np.zeros(2)])
    x = np.ones((4, 3))
    y = np.array([[0.0, 1.0], [1.0, 1.0], [0.5, 0.0], [0.0, 0.0]])
    expected = np.sum((y - 0.5) ** 2) / (2 * 4)
    assert model.cost(x, y) == pytest.approx(expected, rel=1e-15)


@settings(max_examples=25, deadline=None)
@given(sizes=layer_sizes, batch_size=batch_sizes, seed=seeds)
def test_cost_is_the_mean_of_per_example_costs(sizes, batch_size, seed):
    model = ReferenceMLP.random(sizes, seed=seed)
    x, y = random_batch(sizes, batch_size, seed)
    per_example = [model.cost(x[i : i + 1], y[i : i + 1]) for i in range(batch_size)]
    assert model.cost(x, y) == pytest.approx(np.mean(per_example), rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(sizes=layer_sizes, batch_size=batch_sizes, seed=seeds)
def test_gradients_match_central_finite_differences_of_the_cost(sizes, batch_size, seed):
    model = ReferenceMLP.random(sizes, seed=seed)
    x, y = random_batch(sizes, batch_size, seed)
    grad_weights, grad_biases = model.gradients(x, y)
    for parameter, gradient in zip(model.weights + model.biases, grad_weights + grad_biases):
        assert gradient.shape == parameter.shape
        estimate = central_difference_gradient(model, parameter, x, y)
        np.testing.assert_allclose(gradient, estimate, rtol=1e-6, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(sizes=layer_sizes, batch_size=batch_sizes, seed=seeds)
def test_batch_gradient_is_the_mean_of_per_example_gradients(sizes, batch_size, seed):
    model = ReferenceMLP.random(sizes, seed=seed, init="scaled")
    x, y = random_batch(sizes, batch_size, seed)
    batch = model.gradients(x, y)
    singles = [model.gradients(x[i : i + 1], y[i : i + 1]) for i in range(batch_size)]
    for part in (0, 1):
        for layer in range(len(sizes) - 1):
            mean = np.mean([single[part][layer] for single in singles], axis=0)
            np.testing.assert_allclose(batch[part][layer], mean, rtol=1e-10, atol=1e-15)


def test_single_neuron_chain_rule_of_the_seeds():
    """sizes [1, 1], one example: z = w a^0 + b, a^1 = sigma(z), C = (a^1 - y)^2 / 2 = C0 / 2.

    So dC/dw = a^0 sigma'(z) (a^1 - y) and dC/db = sigma'(z) (a^1 - y): half the seeds'
    dC0/dw = a^0 sigma'(z) 2 (a^1 - y), the 1/2 of the quadratic cost cancelling the 2.
    """
    w, b, a0, y = 0.7, -0.3, 0.9, 0.2
    model = ReferenceMLP([np.array([[w]])], [np.array([b])])
    z = w * a0 + b
    a1 = 1 / (1 + np.exp(-z))
    sigma_prime = a1 * (1 - a1)
    grad_weights, grad_biases = model.gradients(np.array([[a0]]), np.array([[y]]))
    assert grad_weights[0][0, 0] == pytest.approx(a0 * sigma_prime * (a1 - y), rel=1e-14)
    assert grad_biases[0][0] == pytest.approx(sigma_prime * (a1 - y), rel=1e-14)
    seeds_c0_gradient = a0 * sigma_prime * 2 * (a1 - y)
    assert grad_weights[0][0, 0] == pytest.approx(seeds_c0_gradient / 2, rel=1e-14)


def test_sgd_step_moves_against_the_gradient_in_place_and_lowers_the_cost():
    model = ReferenceMLP.random([4, 5, 3], seed=7)
    x, y = random_batch(model.sizes, 5, seed=8)
    before = model.cost(x, y)
    weight_arrays = [id(w) for w in model.weights]
    grad_weights, grad_biases = model.gradients(x, y)
    parameters = model.weights + model.biases
    expected = [p - 0.01 * g for p, g in zip(parameters, grad_weights + grad_biases)]
    model.sgd_step(x, y, lr=0.01)
    assert [id(w) for w in model.weights] == weight_arrays
    for parameter, wanted in zip(model.weights + model.biases, expected):
        np.testing.assert_allclose(parameter, wanted, rtol=1e-15)
    assert model.cost(x, y) < before


def test_constructor_copies_so_training_never_changes_the_callers_arrays():
    weights = [np.ones((2, 3))]
    biases = [np.zeros(2)]
    model = ReferenceMLP(weights, biases)
    model.sgd_step(np.ones((1, 3)), np.zeros((1, 2)), lr=1.0)
    assert np.all(weights[0] == 1.0) and np.all(biases[0] == 0.0)
    assert not np.all(model.weights[0] == 1.0)


def test_predict_is_the_argmax_of_the_output_and_accuracy_its_hit_rate():
    model = ReferenceMLP([10 * np.eye(3)], [np.zeros(3)])
    x = np.array([[0.9, 0.1, 0.0], [0.0, 0.2, 0.8], [0.3, 0.6, 0.1], [0.5, 0.1, 0.2]])
    np.testing.assert_array_equal(model.predict(x), [0, 2, 1, 0])
    assert model.accuracy(x, [0, 2, 1, 1]) == 0.75


def test_random_is_reproducible_and_scaled_init_shrinks_weights_by_sqrt_fan_in():
    first = ReferenceMLP.random([784, 16, 10], seed=5)
    again = ReferenceMLP.random([784, 16, 10], seed=5)
    other = ReferenceMLP.random([784, 16, 10], seed=6)
    scaled = ReferenceMLP.random([784, 16, 10], seed=5, init="scaled")
    np.testing.assert_array_equal(first.weights[0], again.weights[0])
    assert not np.array_equal(first.weights[0], other.weights[0])
    np.testing.assert_allclose(scaled.weights[0], first.weights[0] / np.sqrt(784), rtol=1e-15)
    np.testing.assert_array_equal(scaled.biases[0], first.biases[0])
    assert 0.95 < first.weights[0].std() < 1.05
    assert 0.95 / 28 < scaled.weights[0].std() < 1.05 / 28


def test_train_epoch_uses_every_example_once_keeping_the_short_last_batch():
    """7 examples in batches of 3 are the steps 3, 3, 1 over the rng's permutation."""
    x, y = random_batch([3, 2], 7, seed=9)
    trained = ReferenceMLP.random([3, 4, 2], seed=1)
    by_hand = ReferenceMLP.random([3, 4, 2], seed=1)
    train_epoch(trained, x, y, batch_size=3, lr=0.5, rng=np.random.default_rng(11))
    order = np.random.default_rng(11).permutation(7)
    for batch in (order[0:3], order[3:6], order[6:7]):
        by_hand.sgd_step(x[batch], y[batch], lr=0.5)
    for got, wanted in zip(trained.weights + trained.biases, by_hand.weights + by_hand.biases):
        np.testing.assert_array_equal(got, wanted)


def test_train_epoch_learns_a_separable_problem():
    rng = np.random.default_rng(0)
    x = rng.random((200, 2))
    labels = (x[:, 0] > x[:, 1]).astype(int)
    y = np.eye(2)[labels]
    model = ReferenceMLP.random([2, 8, 2], seed=0, init="scaled")
    for _ in range(30):
        train_epoch(model, x, y, batch_size=10, lr=3.0, rng=rng)
    assert model.accuracy(x, labels) > 0.9


@pytest.mark.parametrize(
    "weights, biases, message",
    [
        ([np.zeros((3, 4)), np.zeros((2, 5))], [np.zeros(3), np.zeros(2)], "does not chain"),
        ([np.zeros((3, 4))], [np.zeros(4)], r"b\^1 \(4,\)"),
        ([np.zeros(4)], [np.zeros(4)], r"W\^1 \(4,\)"),
        ([np.zeros((3, 4))], [], "1 weights and 0 biases"),
        ([], [], "0 weights and 0 biases"),
    ],
)
def test_parameters_that_do_not_form_layers_are_rejected(weights, biases, message):
    with pytest.raises(ValueError, match=message):
        ReferenceMLP(weights, biases)


@pytest.mark.parametrize(
    "weights, biases, message",
    [
        ([np.zeros((2, 2), dtype=np.int64)], [np.zeros(2, dtype=np.int64)], "got int64"),
        ([np.zeros((2, 2))], [np.zeros(2, dtype=np.float32)], "b\\^1 float32"),
        ([[[0.0, 0.0]]], [np.zeros(1)], "got list"),
    ],
)
def test_parameters_of_the_wrong_type_are_rejected(weights, biases, message):
    with pytest.raises(TypeError, match=message):
        ReferenceMLP(weights, biases)


def test_batches_of_the_wrong_shape_are_rejected_naming_both_shapes():
    model = ReferenceMLP.random([4, 3, 2])
    with pytest.raises(ValueError, match=r"shape \(n, 4\).*got shape \(5, 3\)"):
        model.forward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"got shape \(4,\)"):
        model.cost(np.zeros(4), np.zeros((1, 2)))
    with pytest.raises(ValueError, match=r"shape \(5, 2\), got shape \(5, 3\)"):
        model.gradients(np.zeros((5, 4)), np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"labels of shape \(5,\).*got shape \(4,\)"):
        model.accuracy(np.zeros((5, 4)), np.zeros(4))


def test_bad_arguments_to_random_sgd_step_and_train_epoch_are_rejected():
    with pytest.raises(ValueError, match="init must be one of"):
        ReferenceMLP.random([2, 2], init="xavier")
    with pytest.raises(ValueError, match=r"got \[3\]"):
        ReferenceMLP.random([3])
    with pytest.raises(ValueError, match=r"got \[3, 0\]"):
        ReferenceMLP.random([3, 0])
    with pytest.raises(TypeError, match="got int32"):
        ReferenceMLP.random([2, 2], dtype=np.int32)
    model = ReferenceMLP.random([2, 2])
    x, y = np.zeros((3, 2)), np.zeros((3, 2))
    with pytest.raises(TypeError, match="lr must be a real number, got str"):
        model.sgd_step(x, y, lr="0.1")
    with pytest.raises(TypeError, match="got RandomState"):
        train_epoch(model, x, y, 2, 0.1, np.random.RandomState(0))
    with pytest.raises(ValueError, match="batch_size must be a positive integer, got 0"):
        train_epoch(model, x, y, 0, 0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"got shapes \(3, 2\) and \(2, 2\)"):
        train_epoch(model, x, y[:2], 2, 0.1, np.random.default_rng(0))
