"""The seeds' equations next to the engine: the engine's delta^l (read from a traced backward)
equals the hand-derived delta^l; the pictures draw what they say; the gradient-flow records
track training."""
import numpy as np
import pytest

import nn
from nn import backprop_pictures as pictures


@pytest.fixture
def batch():
    rng = np.random.default_rng(1)
    x = rng.random((5, 784), dtype=np.float32)
    y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 5)]
    return x, y


def test_engine_deltas_equal_the_seeds_equations(batch):
    net = nn.MLP([784, 16, 16, 10], seed=3)
    engine, trace = pictures.engine_deltas(net, *batch)
    by_hand = pictures.reference_deltas(net, *batch)
    assert [d.shape for d in engine] == [(5, 16), (5, 16), (5, 10)]
    for ours, theirs in zip(engine, by_hand):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-9)
    assert trace.value("a3").shape == (5, 10)


def test_the_input_gradient_is_delta_one_times_w_one(batch):
    net = nn.MLP([784, 16, 16, 10], seed=3)
    x, y = batch[0][:1], batch[1][:1]
    figure = pictures.input_gradient_figure(net, x[0], y[0])
    shown = figure.axes[1].images[0].get_array()
    expected = pictures.reference_deltas(net, x, y)[0] @ net.layers[0].weight.data
    np.testing.assert_allclose(np.asarray(shown).ravel(), expected.ravel(), rtol=1e-3, atol=1e-9)
    assert all(p.grad is None for p in net.parameters())


def test_the_figures_have_one_panel_per_layer_and_neuron(batch):
    net = nn.MLP([784, 16, 16, 10], seed=3)
    deltas = pictures.delta_comparison_figure(net, *batch)
    assert len([a for a in deltas.axes if a.images]) == 3 * 3
    assert "difference (max" in deltas.axes[2].get_title()
    weights = pictures.weight_gradient_figure(net, *batch)
    assert len([a for a in weights.axes if a.images]) == 16
    assert all(p.grad is None for p in net.parameters())  # it cleans up after itself


def test_gradient_flow_records_every_epoch(batch):
    rng = np.random.default_rng(0)
    x = rng.random((40, 784), dtype=np.float32)
    y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 40)]
    net = nn.MLP([784, 16, 16, 10], seed=0)
    before = net.layers[0].weight.data.copy()
    records = pictures.gradient_flow(net, x, y, batch, epochs=2, batch_size=10, lr=3.0)
    assert [r["epoch"] for r in records] == [0, 1, 2]
    assert all(len(r["mean_abs_delta"]) == 3 and len(r["saturated"]) == 3 for r in records)
    assert all(0.0 <= s <= 1.0 for r in records for s in r["saturated"])
    assert not np.array_equal(before, net.layers[0].weight.data)  # it trained
    figure = pictures.gradient_flow_figure(records)
    assert len(figure.axes[0].lines) == 3 and figure.axes[0].get_yscale() == "log"
