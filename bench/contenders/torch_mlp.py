"""PyTorch eager on the CPU, one intra-op thread (its fastest setting for networks this small
here; with more, idle worker threads spin and take the second core)."""
import importlib.util

from ..network import LEARNING_RATE


def missing():
    return None if importlib.util.find_spec("torch") else "pip install torch==2.13.0"


def make(reference):
    import torch
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
        x, y, order = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(order)
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            a = model(x[rows])
            loss = ((a - y[rows]) ** 2).sum() / (2 * len(rows))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return epoch
