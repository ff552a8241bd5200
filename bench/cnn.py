"""One training epoch of nn.CNN (conv 8@5x5 - relu - maxpool 2 - conv 16@5x5 - relu - maxpool 2
- linear 10; cross-entropy, Adam lr 0.002, mini-batch 32: what ``nn.train --model cnn`` runs)
on the 4,000 bundled training digits, ours against the same network in PyTorch, and the memory
of a 5-epoch run of ours epoch by epoch.

    python -m bench.cnn [--repeats N] [--skip-memory]      (or: python -m bench --cnn)

Both contenders start from the same float32 weights and see the same digits in the same
shuffled order; they take turns, the first place rotating, so drift in the machine's speed
falls on both alike. numpy's BLAS and PyTorch run on one thread each (threadpoolctl pins
BLAS, so the setting holds whatever numpy was imported with).
"""
import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc

import numpy as np
from threadpoolctl import threadpool_limits

import nn
from nn.cli import positive_int
from nn.data import load_bundled, scale_pixels

from .memory import _current_rss_mib, _peak_rss_mib
from .contenders import torch_mlp

BATCH_SIZE = 32
LEARNING_RATE = 2e-3
MEMORY_EPOCHS = 5


def training_data(digits=None):
    """The bundled training digits (the first ``digits`` of them, or all 4,000) as float32
    images (n, 1, 28, 28) in [0, 1], and their labels."""
    split = load_bundled()
    return scale_pixels(split.x_train[:digits]).reshape(-1, 1, 28, 28), split.y_train[:digits]


def make_ours(model):
    optimizer = nn.optim.Adam(model.parameters(), lr=LEARNING_RATE)

    def epoch(x, y, order):
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            loss = nn.cross_entropy(model(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return epoch


def torch_twin(model):
    """The default nn.CNN ``model`` as a torch.nn.Sequential with a copy of its parameters."""
    import torch
    twin = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(256, 10),
    )
    with torch.no_grad():
        for ours, theirs in zip(model.parameters(), twin.parameters()):
            theirs.copy_(torch.from_numpy(ours.data))
    return twin


def make_torch(twin):
    """An epoch of PyTorch training ``twin`` (from `torch_twin`), on one thread."""
    import torch
    torch.set_num_threads(1)
    optimizer = torch.optim.Adam(twin.parameters(), lr=LEARNING_RATE)

    def epoch(x, y, order):
        x, y, order = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(order)
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            loss = torch.nn.functional.cross_entropy(twin(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return epoch


def epoch_seconds(repeats, with_torch, digits=None):
    """name -> the seconds of each timed epoch (``repeats`` of them, after one warm-up) on the
    first ``digits`` training digits (all 4,000 by default); "torch" only ``with_torch``."""
    x, y = training_data(digits)
    epochs = {"ours": make_ours(nn.CNN(seed=0))}
    if with_torch:
        epochs["torch"] = make_torch(torch_twin(nn.CNN(seed=0)))
    contenders = list(epochs)
    rng = np.random.default_rng(0)
    times = {name: [] for name in contenders}
    for round_number in range(repeats + 1):
        order = rng.permutation(len(x))
        first = round_number % len(contenders)
        for name in contenders[first:] + contenders[:first]:
            start = time.perf_counter()
            epochs[name](x, y, order)
            if round_number > 0:
                times[name].append(time.perf_counter() - start)
    return times


def memory_in_this_process(epochs=MEMORY_EPOCHS, digits=None):
    """Train ours for ``epochs`` epochs (on ``digits`` digits, all by default): after each, the
    RSS and the peak of memory traced by tracemalloc during it (Python objects and numpy
    arrays), and the process's peak RSS, in MiB."""
    x, y = training_data(digits)
    epoch = make_ours(nn.CNN(seed=0))
    rng = np.random.default_rng(0)
    rss, traced_peak = [], []
    tracemalloc.start()
    for _ in range(epochs):
        tracemalloc.reset_peak()
        epoch(x, y, rng.permutation(len(x)))
        traced_peak.append(tracemalloc.get_traced_memory()[1] / 2**20)
        rss.append(_current_rss_mib())
    tracemalloc.stop()
    return {"rss_after_epoch": rss, "traced_peak_per_epoch": traced_peak,
            "peak_rss": _peak_rss_mib()}


def memory(epochs=MEMORY_EPOCHS):
    """`memory_in_this_process` in a fresh interpreter (with BLAS on one thread)."""
    result = subprocess.run([sys.executable, "-m", "bench.cnn", "--memory-worker", str(epochs)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def report(repeats, skip_memory=False):
    """Print the epoch times and, unless ``skip_memory``, the 5-epoch memory figures."""
    with_torch = torch_mlp.missing() is None
    # As in bench/__main__.py: the objects importing PyTorch left are frozen, so that the
    # garbage collections our engine's per-op objects trigger do not rescan them.
    gc.freeze()
    print(f"One epoch of nn.CNN (4,000 digits, float32, mini-batch {BATCH_SIZE}, Adam), "
          f"seconds over {repeats} rounds, BLAS and torch on one thread:")
    with threadpool_limits(limits=1):
        times = epoch_seconds(repeats, with_torch)
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    for name, seconds in times.items():
        print(f"  {name:>5}: median {medians[name]:.3f} s (min {min(seconds):.3f}, "
              f"max {max(seconds):.3f})")
    if "torch" in medians:
        print(f"  ours / torch: {medians['ours'] / medians['torch']:.2f}")
    else:
        print("  torch: not installed (pip install torch==2.13.0)")
    if skip_memory:
        return
    figures = memory()
    print(f"\nMemory of a {MEMORY_EPOCHS}-epoch run of ours, in a fresh process (MiB):")
    print("  RSS after each epoch:  " + ", ".join(f"{v:.1f}" for v in figures["rss_after_epoch"]))
    print("  traced peak per epoch: "
          + ", ".join(f"{v:.1f}" for v in figures["traced_peak_per_epoch"]))
    rss = figures["rss_after_epoch"]
    print(f"  peak RSS {figures['peak_rss']:.1f}; growth from epoch 2 to {MEMORY_EPOCHS}: "
          f"{rss[-1] - rss[1]:+.1f}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.cnn", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=positive_int, default=5, metavar="N",
                        help="timed epochs per contender (default: %(default)s)")
    parser.add_argument("--skip-memory", action="store_true", help="skip the 5-epoch run")
    parser.add_argument("--memory-worker", type=positive_int, metavar="EPOCHS",
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_worker:
        with threadpool_limits(limits=1):
            print(json.dumps(memory_in_this_process(args.memory_worker)))
        return
    report(args.repeats, args.skip_memory)


if __name__ == "__main__":
    main()
