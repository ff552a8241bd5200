"""The oracle test: the engine's backprop against the seeds' backprop written out by hand.

The same float64 sigmoid network is built twice: as `nn.MLP` (gradients from autograd's
chain rule through the recorded graph) and as `nn.reference.ReferenceMLP` (gradients from
the four backprop equations in numpy). Their gradients of the quadratic cost must agree to
rounding error, and so must one step of SGD.
"""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import nn
from nn.reference import ReferenceMLP
from strategies import seeds

TOLERANCE = dict(rtol=1e-10, atol=1e-15)

# 2 to 4 layers of weights (3 to 5 sizes), 1 to 8 neurons each; batches of 1 to 6.
network_sizes = st.lists(st.integers(1, 8), min_size=3, max_size=5)
batch_sizes = st.integers(1, 6)
weight_scales = st.sampled_from([0.1, 1.0, 3.0])


def twin_networks(sizes, seed, scale):
    """A ReferenceMLP with random float64 weights (N(0, scale^2)) and an nn.MLP copy of it."""
    reference = ReferenceMLP.random(sizes, seed=seed, dtype=np.float64)
    for weight in reference.weights:
        weight *= scale
    model = nn.MLP(sizes, activation="sigmoid", dtype=np.float64)
    state = {}
    for layer, (weight, bias) in enumerate(zip(reference.weights, reference.biases)):
        state[f"layers.{2 * layer}.weight"] = weight
        state[f"layers.{2 * layer}.bias"] = bias
    model.load_state_dict(state)
    return reference, model


def random_batch(sizes, batch_size, seed):
    """Inputs in [0, 1) of shape (n, n_0) and targets in [0, 1) of shape (n, n_L)."""
    rng = np.random.default_rng(seed)
    return rng.random((batch_size, sizes[0])), rng.random((batch_size, sizes[-1]))


def engine_gradients(model, x, y):
    """[dC/dW^1, dC/db^1, dC/dW^2, ...] from autograd, and the cost C."""
    model.zero_grad()
    cost = nn.quadratic_cost(model(x), y)
    cost.backward()
    return [p.grad for p in model.parameters()], cost.item()


def reference_parameters(reference):
    return [array for pair in zip(reference.weights, reference.biases) for array in pair]


@given(sizes=network_sizes, batch_size=batch_sizes, seed=seeds, scale=weight_scales)
def test_engine_gradients_equal_the_hand_derived_backprop(sizes, batch_size, seed, scale):
    reference, model = twin_networks(sizes, seed, scale)
    x, y = random_batch(sizes, batch_size, seed)
    grads, cost = engine_gradients(model, x, y)
    grad_weights, grad_biases = reference.gradients(x, y)
    expected = [g for pair in zip(grad_weights, grad_biases) for g in pair]
    assert len(grads) == len(expected)
    for (name, _), got, want in zip(model.named_parameters(), grads, expected):
        np.testing.assert_allclose(got, want, err_msg=name, **TOLERANCE)
    np.testing.assert_allclose(cost, reference.cost(x, y), **TOLERANCE)


@given(sizes=network_sizes, batch_size=batch_sizes, seed=seeds, lr=st.floats(0.01, 5.0))
def test_one_sgd_step_equals_the_references(sizes, batch_size, seed, lr):
    reference, model = twin_networks(sizes, seed, 1.0)
    x, y = random_batch(sizes, batch_size, seed)
    optimizer = nn.optim.SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()
    nn.quadratic_cost(model(x), y).backward()
    optimizer.step()
    reference.sgd_step(x, y, lr)
    for (name, p), want in zip(model.named_parameters(), reference_parameters(reference)):
        np.testing.assert_allclose(p.data, want, err_msg=name, **TOLERANCE)


def test_the_seeds_network_trains_in_step_with_the_reference_on_real_digits():
    split = nn.data.load_bundled()
    x = nn.data.scale_pixels(split.x_train[:40]).astype(np.float64)
    y = nn.data.one_hot(split.y_train[:40], dtype=np.float64)
    reference, model = twin_networks([784, 16, 16, 10], seed=0, scale=1.0)
    optimizer = nn.optim.SGD(model.parameters(), lr=3.0)
    for start in range(0, 40, 10):
        batch_x, batch_y = x[start:start + 10], y[start:start + 10]
        optimizer.zero_grad()
        nn.quadratic_cost(model(batch_x), batch_y).backward()
        optimizer.step()
        reference.sgd_step(batch_x, batch_y, 3.0)
    for (name, p), want in zip(model.named_parameters(), reference_parameters(reference)):
        np.testing.assert_allclose(p.data, want, err_msg=name, rtol=1e-9, atol=1e-12)
