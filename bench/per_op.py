"""Per-op overhead: a chain of one op, forward and backward, on a small (10, 16) float32
tensor, against raw numpy running the same formulas (the forward, then the backward's
gradient formula, written out by hand) and PyTorch. On tensors this small the arithmetic is
cheap; what ours costs beyond raw numpy is what recording an op and running its backward
costs."""
import time

import numpy as np

import autograd

SHAPE = (10, 16)
# an orthogonal W keeps the matmul chain's values bounded (no overflow, no subnormals)
_W = np.linalg.qr(np.random.default_rng(0).standard_normal((16, 16)))[0].astype(np.float32)
C = np.float32(1.0001)

# name -> (step on a tensor (ours and torch alike), numpy forward, numpy backward):
# forward(h) -> (output, what backward keeps); backward(g, kept) -> gradient of the input.
OPS = {
    "add": (lambda h, w: h + C, lambda h: (h + C, None), lambda g, kept: g),
    "mul": (lambda h, w: h * C, lambda h: (h * C, None), lambda g, kept: g * C),
    "matmul": (lambda h, w: h @ w, lambda h: (h @ _W, None), lambda g, kept: g @ _W.T),
    "sin": (lambda h, w: h.sin(), lambda h: (np.sin(h), h), lambda g, h: g * np.cos(h)),
    "sigmoid": (lambda h, w: h.sigmoid(),
                lambda h: (lambda y: (y, y))(1 / (1 + np.exp(-h))),
                lambda g, y: g * (y * (1 - y))),
    "tanh": (lambda h, w: h.tanh(), lambda h: (lambda y: (y, y))(np.tanh(h)),
             lambda g, y: g * (1 - y * y)),
    "relu": (lambda h, w: h.relu(), lambda h: (np.maximum(h, 0), h > 0),
             lambda g, mask: np.where(mask, g, 0)),
}


def _start():
    return np.full(SHAPE, 0.5, dtype=np.float32)


def chain_seconds_of(tensor, op, length):
    """Forward + backward of `length` steps of `op` from a leaf made by `tensor(array,
    requires_grad)` (autograd.Tensor or torch.tensor: the same code drives both)."""
    step = OPS[op][0]
    x = tensor(_start(), requires_grad=True)
    w = tensor(_W, requires_grad=False)
    started = time.perf_counter()
    h = x
    for _ in range(length):
        h = step(h, w)
    h.sum().backward()
    return time.perf_counter() - started


def ours_seconds(op, length):
    return chain_seconds_of(autograd.Tensor, op, length)


def torch_seconds(op, length):
    import torch
    torch.set_num_threads(1)
    return chain_seconds_of(torch.tensor, op, length)


def numpy_seconds(op, length):
    _, forward, backward = OPS[op]
    started = time.perf_counter()
    h, kept = _start(), []
    for _ in range(length):
        h, keep = forward(h)
        kept.append(keep)
    g = np.ones_like(h)
    for keep in reversed(kept):
        g = backward(g, keep)
    return time.perf_counter() - started


def per_op_microseconds(contenders, length=1000, rounds=7):
    """{op: {contender: median microseconds per op}}, the contenders interleaved."""
    runners = {"ours": ours_seconds, "numpy": numpy_seconds, "torch": torch_seconds}
    results = {}
    for op in OPS:
        samples = {name: [] for name in contenders}
        for round_number in range(rounds):
            first = round_number % len(contenders)
            for name in contenders[first:] + contenders[:first]:
                samples[name].append(runners[name](op, length))
        results[op] = {name: float(np.median(s)) / length * 1e6 for name, s in samples.items()}
    return results


def chain_seconds(length=100_000):
    """Forward + backward of a 100,000-op chain (alternating sigmoid and * 1.0001) on one
    number: the engine's bookkeeping alone, at a scale where a slow graph walk would show."""
    x = autograd.Tensor(np.full((1,), 0.5, dtype=np.float32), requires_grad=True)
    started = time.perf_counter()
    h = x
    for i in range(length):
        h = h.sigmoid() if i % 2 else h * C
    h.sum().backward()
    return time.perf_counter() - started
