"""Per-operation overhead: a chain of alternating `sigmoid` and `* 1.0001` on a tiny tensor,
forward and backward. On tensors this small the arithmetic is nothing; what is measured is
what each framework spends to record an op and to run its backward."""
import time

import numpy as np

import autograd

from .workloads import torch_or_none


def _chain(x, length):
    h = x
    for i in range(length):
        h = h.sigmoid() if i % 2 else h * 1.0001
    return h.sum()


def ours_chain_seconds(shape, length):
    x = autograd.Tensor(np.full(shape, 0.5, dtype=np.float32), requires_grad=True)
    start = time.perf_counter()
    _chain(x, length).backward()
    return time.perf_counter() - start


def torch_chain_seconds(shape, length):
    torch = torch_or_none()
    x = torch.full(shape, 0.5, dtype=torch.float32, requires_grad=True)
    start = time.perf_counter()
    _chain(x, length).backward()
    return time.perf_counter() - start


def per_op_microseconds(shape, length=2000, repeats=7):
    """name -> median microseconds per op (forward + backward) on a tensor of `shape`."""
    runners = {"ours": ours_chain_seconds}
    if torch_or_none() is not None:
        runners["torch"] = torch_chain_seconds
    times = {name: [] for name in runners}
    for _ in range(repeats):
        for name, run in runners.items():
            times[name].append(run(shape, length))
    return {name: float(np.median(t)) / length * 1e6 for name, t in times.items()}
