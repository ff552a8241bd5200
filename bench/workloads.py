"""One epoch of the seeds' network (784-16-16-10, sigmoid, quadratic cost, SGD lr 3.0) three
ways: our engine through the public API, the hand-written floor, and PyTorch if installed.

All three start from the same float32 weights, see the same 4,000 bundled training digits in
the same shuffled order and do the same arithmetic.
"""
import numpy as np

import autograd
import nn
from nn.data import load_bundled, one_hot, scale_pixels
from nn.reference import ReferenceMLP

SIZES = [784, 16, 16, 10]
LEARNING_RATE = 3.0


def training_data():
    """The bundled training digits as float32 pixels in [0, 1] and one-hot float32 targets."""
    split = load_bundled()
    return scale_pixels(split.x_train), one_hot(split.y_train)


def initial_reference(seed=0):
    return ReferenceMLP.random(SIZES, seed=seed, dtype=np.float32, init="scaled")


def make_ours(reference):
    model = nn.MLP(SIZES)
    model.load_state_dict({
        f"layers.{2 * i}.{kind}": array
        for i, (w, b) in enumerate(zip(reference.weights, reference.biases))
        for kind, array in (("weight", w), ("bias", b))
    })
    optimizer = nn.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def epoch(x, y, batch_size, order):
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            loss = nn.quadratic_cost(model(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return epoch


def make_compiled(reference):
    """Ours with the training step captured once by autograd.compile and replayed."""
    model = nn.MLP(SIZES)
    model.load_state_dict({
        f"layers.{2 * i}.{kind}": array
        for i, (w, b) in enumerate(zip(reference.weights, reference.biases))
        for kind, array in (("weight", w), ("bias", b))
    })
    optimizer = nn.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    @autograd.compile
    def step(x, y):
        loss = nn.quadratic_cost(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    def epoch(x, y, batch_size, order):
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            step(x[rows], y[rows])
    return epoch


def make_floor(reference):
    model = ReferenceMLP(reference.weights, reference.biases)

    def epoch(x, y, batch_size, order):
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            model.sgd_step(x[rows], y[rows], LEARNING_RATE)
    return epoch


def torch_or_none():
    try:
        import torch
    except ImportError:
        return None
    return torch


def make_torch(reference):
    """PyTorch on one thread: its fastest setting for a network this small here, and with
    more its idle worker threads spin and take the second core from whoever runs next."""
    torch = torch_or_none()
    torch.set_num_threads(1)
    layers = []
    for w, b in zip(reference.weights, reference.biases):
        linear = torch.nn.Linear(w.shape[1], w.shape[0])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def epoch(x, y, batch_size, order):
        x, y = torch.from_numpy(x), torch.from_numpy(y)
        order = torch.from_numpy(order)
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            a = model(x[rows])
            loss = ((a - y[rows]) ** 2).sum() / (2 * len(rows))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return epoch


CONTENDERS = {"ours": make_ours, "compiled": make_compiled, "floor": make_floor,
              "torch": make_torch}
