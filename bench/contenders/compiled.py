"""chainrule with the training step captured once by `autograd.compile` and replayed on numpy
arrays (no Tensors, no graph)."""
import autograd
import nn

from ..network import LEARNING_RATE
from .ours import seeds_model


def missing():
    return None


def make(reference):
    model = seeds_model(reference)
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
