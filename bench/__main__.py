"""python -m bench [--repeats N] [--skip-memory]: print the tables and the target checks."""
import argparse
import platform
import statistics
import time

import numpy as np

from . import memory, micro
from .workloads import CONTENDERS, initial_reference, torch_or_none, training_data

BATCH_SIZES = (10, 100, 1000)
# Targets of the speed issue: ours / hand-written floor, per mini-batch size.
FLOOR_RATIO_TARGETS = {10: 2.0, 100: 1.5, 1000: 1.2}
PER_OP_TARGET_US = 5.0
CHAIN_TARGET_S = 2.0


def _verdict(ok):
    return "meets target" if ok else "MISSES target"


def epoch_table(repeats, contenders):
    """(batch size, name -> median seconds per epoch) rows. The contenders take turns, each
    round on a fresh shuffled order they share, so drift in the machine's speed falls on all
    of them alike."""
    x, y = training_data()
    rows = []
    for batch_size in BATCH_SIZES:
        epochs = {name: CONTENDERS[name](initial_reference()) for name in contenders}
        rng = np.random.default_rng(batch_size)
        times = {name: [] for name in contenders}
        for _ in range(repeats):
            order = rng.permutation(len(x))
            for name, epoch in epochs.items():
                start = time.perf_counter()
                epoch(x, y, batch_size, order)
                times[name].append(time.perf_counter() - start)
        rows.append((batch_size, {name: statistics.median(t) for name, t in times.items()}))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=7, help="timed epochs per contender")
    parser.add_argument("--skip-memory", action="store_true", help="skip the 20-epoch runs")
    args = parser.parse_args(argv)
    have_torch = torch_or_none() is not None
    contenders = ["ours", "floor"] + (["torch"] if have_torch else [])

    print(f"machine: {platform.machine()}, {platform.processor() or 'unknown cpu'}, "
          f"Python {platform.python_version()}, numpy {np.__version__}"
          + (f", torch {torch_or_none().__version__}" if have_torch else
             "; PyTorch not installed: its columns are skipped (pip install torch==2.13.0)"))

    print("\nOne epoch of 784-16-16-10 (4,000 digits, float32), median seconds:")
    print(f"{'batch':>6} {'ours':>9} {'floor':>9} {'torch':>9} {'ours/floor':>11} "
          f"{'ours/torch':>11}  target")
    for batch_size, t in epoch_table(args.repeats, contenders):
        floor_ratio = t["ours"] / t["floor"]
        torch_ratio = t["ours"] / t["torch"] if have_torch else float("nan")
        ok = floor_ratio <= FLOOR_RATIO_TARGETS[batch_size] and (
            not have_torch or torch_ratio < 1)
        print(f"{batch_size:>6} {t['ours']:>9.4f} {t['floor']:>9.4f} "
              f"{t.get('torch', float('nan')):>9.4f} {floor_ratio:>11.2f} {torch_ratio:>11.2f}"
              f"  ours/floor <= {FLOOR_RATIO_TARGETS[batch_size]}, ours/torch < 1: "
              f"{_verdict(ok)}")

    print("\nPer op, forward + backward, chain of sigmoid and * (median microseconds):")
    for shape in ((1,), (10, 16)):
        us = micro.per_op_microseconds(shape)
        torch_part = f", torch {us['torch']:.2f} us (ours/torch {us['ours'] / us['torch']:.2f})" \
            if "torch" in us else ""
        print(f"  shape {shape}: ours {us['ours']:.2f} us{torch_part}  "
              f"target <= {PER_OP_TARGET_US} us: {_verdict(us['ours'] <= PER_OP_TARGET_US)}")

    start = time.perf_counter()
    seconds = micro.ours_chain_seconds((1,), 100_000)
    print(f"\n100,000-op chain, forward + backward: {seconds:.2f} s "
          f"(wall {time.perf_counter() - start:.2f} s)  target < {CHAIN_TARGET_S} s: "
          f"{_verdict(seconds < CHAIN_TARGET_S)}")

    if args.skip_memory:
        return
    print("\nMemory of a 20-epoch run at mini-batch 10, each in a fresh process (MiB):")
    figures = {name: memory.measure(name) for name in contenders}
    for name, f in figures.items():
        rss = f["rss_after_epoch"]
        print(f"  {name:>5}: peak RSS {f['peak']:.1f}, RSS after epoch 2 {rss[1]:.1f}, "
              f"after epoch 20 {rss[-1]:.1f} (growth {rss[-1] - rss[1]:+.1f})")
    ours = figures["ours"]
    growth = ours["rss_after_epoch"][-1] - ours["rss_after_epoch"][1]
    flat = growth <= 1.0
    below_torch = not have_torch or ours["peak"] <= figures["torch"]["peak"]
    print(f"  ours flat from epoch 2 to 20 (<= 1 MiB growth): {_verdict(flat)}; "
          f"peak <= torch's: {_verdict(below_torch)}")


if __name__ == "__main__":
    main()
