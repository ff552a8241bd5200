"""The workload every contender runs: the seeds' kind of network (sigmoid layers, quadratic
cost C = 1/(2n) sum ||y - a||^2, mini-batch SGD at lr 3.0) on the bundled training digits,
from the same float32 starting weights (nn.reference.ReferenceMLP) in the same shuffled order.
"""
import numpy as np

from nn.data import load_bundled, one_hot, scale_pixels
from nn.reference import ReferenceMLP

SEEDS_NETWORK = (784, 16, 16, 10)
# The scaling table's networks: wider, and deeper (ten hidden layers of 64).
SCALING_NETWORKS = (SEEDS_NETWORK, (784, 128, 128, 10), (784, 512, 512, 10),
                    (784,) + (64,) * 10 + (10,))
LEARNING_RATE = 3.0


def training_data(limit=None):
    """The bundled training digits (4,000, or the first `limit`) as float32 pixels in [0, 1]
    and one-hot float32 targets."""
    split = load_bundled()
    x, y = scale_pixels(split.x_train), one_hot(split.y_train)
    return (x, y) if limit is None else (x[:limit], y[:limit])


def initial_reference(sizes=SEEDS_NETWORK, seed=0):
    return ReferenceMLP.random(list(sizes), seed=seed, dtype=np.float32, init="scaled")


def network_name(sizes):
    """"784-16-16-10", with a run of equal hidden layers shortened: "784-64x10-10"."""
    hidden = sizes[1:-1]
    if len(hidden) > 2 and len(set(hidden)) == 1:
        return f"{sizes[0]}-{hidden[0]}x{len(hidden)}-{sizes[-1]}"
    return "-".join(str(size) for size in sizes)
