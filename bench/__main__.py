"""python -m bench [--repeats N] [--skip-memory] [--cnn]: print the tables and the target checks."""
import argparse
import gc
import os
import platform
import statistics
import time

import numpy as np

from nn.cli import positive_int

from . import memory, micro
from .report import EPOCH_HEADER, Target, epoch_row, per_op_line, ratio, target_line
from .workloads import CONTENDERS, initial_reference, torch_or_none, training_data

BATCH_SIZES = (10, 100, 1000)
# Epochs per timed sample: a 1000-batch epoch lasts ~3 ms, too short to time alone reliably.
EPOCHS_PER_SAMPLE = {10: 1, 100: 2, 1000: 6}
# Targets of the speed issue: ours / hand-written floor, per mini-batch size.
FLOOR_RATIO_TARGETS = {10: 2.0, 100: 1.5, 1000: 1.2}
PER_OP_TARGET_US = 5.0
CHAIN_TARGET_S = 2.0


def epoch_table(repeats, contenders):
    """(batch size, name -> median seconds per epoch) rows. The contenders take turns, each
    round on a fresh shuffled order they share, so drift in the machine's speed falls on all
    of them alike; the round's first place rotates, so no one always runs right after the
    contender that last filled the caches."""
    x, y = training_data()
    rows = []
    for batch_size in BATCH_SIZES:
        epochs = {name: CONTENDERS[name](initial_reference()) for name in contenders}
        rng = np.random.default_rng(batch_size)
        times = {name: [] for name in contenders}
        for round_number in range(repeats):
            order = rng.permutation(len(x))
            first = round_number % len(contenders)
            for name in contenders[first:] + contenders[:first]:
                start = time.perf_counter()
                for _ in range(EPOCHS_PER_SAMPLE[batch_size]):
                    epochs[name](x, y, batch_size, order)
                elapsed = time.perf_counter() - start
                times[name].append(elapsed / EPOCHS_PER_SAMPLE[batch_size])
        rows.append((batch_size, {name: statistics.median(t) for name, t in times.items()}))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeats", type=positive_int, default=9, metavar="N",
                        help="timed samples per contender and batch size (default: %(default)s)")
    parser.add_argument("--skip-memory", action="store_true", help="skip the 20-epoch runs")
    parser.add_argument("--conv", action="store_true", help="only the Conv2d table")
    parser.add_argument("--cnn", action="store_true",
                        help="only a CNN training epoch against PyTorch (bench/cnn.py)")
    args = parser.parse_args(argv)
    if args.conv:
        from . import conv
        print("\n".join(conv.report(args.repeats)))
        return
    if args.cnn:
        from . import cnn
        return cnn.report(args.repeats, args.skip_memory)
    have_torch = torch_or_none() is not None
    # Importing PyTorch leaves ~100,000 Python objects that every full garbage collection
    # would rescan; an engine that allocates Python objects per op (ours) would pay for them
    # only because torch shares the process. Freeze them, as a program without torch has none.
    gc.freeze()
    contenders = ["ours", "floor"] + (["torch"] if have_torch else [])

    print(f"machine: {platform.machine()}, {platform.processor() or 'unknown cpu'}, "
          f"Python {platform.python_version()}, numpy {np.__version__} "
          f"(BLAS threads: {os.environ['OPENBLAS_NUM_THREADS']})"
          + (f", torch {torch_or_none().__version__}" if have_torch else
             "; PyTorch not installed: its figures show as - (pip install torch==2.13.0)"))

    print("\nOne epoch of 784-16-16-10 (4,000 digits, float32), median seconds:")
    print(EPOCH_HEADER)
    for batch_size, seconds in epoch_table(args.repeats, contenders):
        print(epoch_row(batch_size, seconds, FLOOR_RATIO_TARGETS[batch_size]))

    print("\nPer op, forward + backward, chain of sigmoid and * (median microseconds):")
    for shape in ((1,), (10, 16)):
        print("  " + per_op_line(shape, micro.per_op_microseconds(shape), PER_OP_TARGET_US))

    start = time.perf_counter()
    seconds = micro.ours_chain_seconds((1,), 100_000)
    print(f"\n100,000-op chain, forward + backward: {seconds:.2f} s "
          f"(wall {time.perf_counter() - start:.2f} s)  "
          + target_line([Target("ours", seconds, CHAIN_TARGET_S, strict=True, unit=" s")]))

    if args.skip_memory:
        return
    print("\nMemory of a 20-epoch run at mini-batch 10, each in a fresh process (MiB):")
    figures = {name: memory.measure(name) for name in contenders}
    for name, f in figures.items():
        rss = f["rss_after_epoch"]
        print(f"  {name:>5}: peak RSS {f['peak']:.1f}, RSS after epoch 2 {rss[1]:.1f}, "
              f"after epoch 20 {rss[-1]:.1f} (growth {rss[-1] - rss[1]:+.1f})")
    ours_rss = figures["ours"]["rss_after_epoch"]
    torch_peak = figures["torch"]["peak"] if have_torch else None
    growth = Target("ours growth from epoch 2 to 20", ours_rss[-1] - ours_rss[1], 1.0,
                    unit=" MiB")
    peak = Target("ours/torch peak", ratio(figures["ours"]["peak"], torch_peak), 1.0)
    print(f"  {target_line([growth])}\n  {target_line([peak])}")


if __name__ == "__main__":
    main()
