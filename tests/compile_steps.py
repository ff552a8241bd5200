"""Shared pieces of the autograd.compile tests: twin models (one eager, one compiled) that start
from the same parameters, and a runner that feeds both the same mini-batches."""
import warnings

import numpy as np

import autograd
import nn
from autograd import Tensor
from nn import training as nn_training

SEEDS_SIZES = [784, 16, 16, 10]


def twin_models(make_model):
    """Two models with equal parameters: make_model() twice, the second loaded from the first."""
    eager, captured = make_model(), make_model()
    captured.load_state_dict(eager.state_dict())
    return eager, captured


def training_step(model, optimizer, loss_fn=nn.quadratic_cost):
    """The seeds' step through the public API (nn.training's); returns the loss."""
    return nn_training.training_step(model, loss_fn, optimizer)


def batches(count, batch_size=10, features=784, classes=10, dtype=np.float64, labels=False, seed=0):
    """`count` mini-batches (x as a Tensor, y as one-hot rows or integer labels)."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        x = Tensor(rng.random((batch_size, features)), dtype=dtype)
        picked = rng.integers(0, classes, batch_size)
        yield x, (picked if labels else np.eye(classes, dtype=dtype)[picked])


def run_twins(eager_step, compiled_step, data):
    """Feed both steps the same batches; returns the two lists of loss values (read after each
    call). Fails on any CaptureWarning."""
    eager_losses, compiled_losses = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("error", autograd.CaptureWarning)
        for x, y in data:
            eager_losses.append(np.asarray(eager_step(x, y).data))
            compiled_losses.append(np.asarray(compiled_step(Tensor(x.data), y).data))
    return eager_losses, compiled_losses


def assert_same_parameters(eager_model, compiled_model):
    """Bit-identical parameters and gradients."""
    for (name, p), (_, q) in zip(eager_model.named_parameters(), compiled_model.named_parameters()):
        np.testing.assert_array_equal(p.data, q.data, err_msg=name)
        if p.grad is None:
            assert q.grad is None, name
        else:
            np.testing.assert_array_equal(p.grad, q.grad, err_msg=f"{name}.grad")
