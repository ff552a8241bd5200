"""The contenders: one small module per runtime, each training the workload of
bench/network.py with that runtime's idiomatic code.

Each has `missing()`, None when the runtime can run here or else how to install it, and
`make(reference)`, which takes an nn.reference.ReferenceMLP (the starting weights) and returns
`epoch(x, y, batch_size, order)`: one epoch of mini-batch SGD, finished when it returns.
"""
from . import floor, jax_mlp, mygrad_mlp, ours, torch_mlp

CONTENDERS = {
    "ours": ours,
    "floor": floor,
    "torch": torch_mlp,
    "mygrad": mygrad_mlp,
    "jax-step": jax_mlp.PerStep,
    "jax-scan": jax_mlp.WholeEpoch,
}
