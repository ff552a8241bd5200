"""python -m bench: chainrule against the hand-written numpy floor, PyTorch, MyGrad and JAX.

Every runtime trains in a fresh process of its own with its thread pools pinned (one BLAS
thread unless --blas-threads says otherwise); the contenders take turns, round after round,
and every figure is a median with its min-max over the rounds of this one run. Targets are
ratios between figures of the same run, so a busy machine moves both sides alike.
"""
import argparse
import datetime
import os
import platform

import numpy as np

from nn.cli import positive_int

from . import cnn, conv, memory, per_op
from .network import SCALING_NETWORKS, SEEDS_NETWORK, network_name
from .report import Target, cell, ratio, spread_cell, table, target_line
from .timing import available, epoch_spreads

MAIN_CONTENDERS = ["ours", "compiled", "floor", "torch", "mygrad", "jax-step", "jax-scan"]
SCALING_CONTENDERS = ["ours", "compiled", "floor", "torch", "jax-step"]
PER_OP_CONTENDERS = ["ours", "numpy", "torch"]
BATCH_SIZES = (10, 100, 1000)
# Epochs per timed sample: a 1000-batch epoch of the seeds' network lasts a few ms.
EPOCHS_PER_SAMPLE = {10: 1, 100: 2, 1000: 6}
# The speed issue's targets for eager mode: ours / floor per mini-batch size, per op.
FLOOR_RATIO_TARGETS = {10: 1.7, 100: 1.3, 1000: 1.1}
# ... and for the captured step (autograd.compile): at the seeds' network, and at mini-batch 10
# on every network of the scaling table.
CAPTURED_RATIO_TARGETS = {10: 0.70, 100: 0.90, 1000: 1.00}
CAPTURED_SCALING_TARGET = 0.85
PER_OP_RATIO_TARGET = 2.0
CHAIN_TARGET_S = 2.0


def machine_line(threads):
    cpu = "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), cpu)
    return (f"{datetime.date.today()}, {cpu}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, numpy {np.__version__}, BLAS threads {threads}")


def seeds_section(args, names, out):
    spreads, pinned = epoch_spreads(names, SEEDS_NETWORK, BATCH_SIZES, args.repeats,
                                    args.blas_threads, args.limit, EPOCHS_PER_SAMPLE)
    out(f"\nOne epoch of 784-16-16-10 ({args.limit or 4000:,} digits, float32): seconds, "
        f"median (min-max) of {args.repeats} rounds; BLAS threads seen in each worker: "
        + ", ".join(f"{name} {n}" for name, n in pinned.items()))
    rows = [[str(b)] + [spread_cell(spreads[b].get(name)) for name in MAIN_CONTENDERS]
            for b in BATCH_SIZES]
    for line in table(["batch"] + MAIN_CONTENDERS, rows, args.markdown):
        out(line)
    out("\nRatio to the floor (medians):")
    rows = [[str(b)] + [cell(ratio(median(spreads[b], name), spreads[b]["floor"].median),
                             ".2f") for name in MAIN_CONTENDERS if name != "floor"]
            for b in BATCH_SIZES]
    for line in table(["batch"] + [n for n in MAIN_CONTENDERS if n != "floor"], rows,
                      args.markdown):
        out(line)
    for b in BATCH_SIZES:
        ours = spreads[b]["ours"].median
        out(f"  batch {b}: " + target_line(
            [Target("ours/floor", ours / spreads[b]["floor"].median, FLOOR_RATIO_TARGETS[b]),
             Target("ours/torch", ratio(ours, median(spreads[b], "torch")), 1, strict=True),
             Target("ours/mygrad", ratio(ours, median(spreads[b], "mygrad")), 1, strict=True)]))
        captured = spreads[b]["compiled"].median
        out(f"  batch {b}: " + target_line(
            [Target("compiled/floor", captured / spreads[b]["floor"].median,
                    CAPTURED_RATIO_TARGETS[b])]
            + ([Target("compiled/jax-step", ratio(captured, median(spreads[b], "jax-step")),
                       1, strict=True)] if b == 10 else [])))


def median(spreads, name):
    return spreads[name].median if name in spreads else None


def scaling_section(args, names, out):
    out(f"\nScaling: ratio to the floor, medians of {args.scaling_repeats} rounds "
        f"({args.limit or 1000:,} digits per epoch):")
    rows, targets = [], []
    for sizes in SCALING_NETWORKS:
        spreads, _ = epoch_spreads(names, sizes, BATCH_SIZES, args.scaling_repeats,
                                   args.blas_threads, args.limit or 1000)
        for b in BATCH_SIZES:
            floor = spreads[b]["floor"].median
            rows.append([network_name(sizes), str(b), f"{floor:.4f}"] + [
                cell(ratio(median(spreads[b], name), floor), ".2f")
                for name in SCALING_CONTENDERS if name != "floor"])
        targets.append(Target(f"compiled/floor {network_name(sizes)}",
                              spreads[10]["compiled"].median / spreads[10]["floor"].median,
                              CAPTURED_SCALING_TARGET))
    header = ["network", "batch", "floor s"] + [n for n in SCALING_CONTENDERS if n != "floor"]
    for line in table(header, rows, args.markdown):
        out(line)
    out("  batch 10: " + target_line(targets))


def per_op_section(args, names, out):
    figures = per_op.per_op_microseconds(names, length=args.per_op_length)
    out(f"\nPer op, forward + backward on a {per_op.SHAPE} float32 tensor, median "
        "microseconds (raw numpy: the same formulas written out by hand):")
    rows = [[op] + [cell(values.get(name), ".2f") for name in PER_OP_CONTENDERS]
            + [cell(ratio(values["ours"], values["numpy"]), ".2f")]
            for op, values in figures.items()]
    for line in table(["op"] + PER_OP_CONTENDERS + ["ours/numpy"], rows, args.markdown):
        out(line)
    worst = max(figures, key=lambda op: figures[op]["ours"] / figures[op]["numpy"])
    out("  " + target_line([Target(f"ours/numpy ({worst})", figures[worst]["ours"]
                                   / figures[worst]["numpy"], PER_OP_RATIO_TARGET)]))
    seconds = per_op.chain_seconds()
    out(f"\n100,000-op chain, forward + backward: {seconds:.2f} s  "
        + target_line([Target("ours", seconds, CHAIN_TARGET_S, strict=True, unit=" s")]))


def memory_section(args, names, out):
    out("\nMemory of a 20-epoch run at mini-batch 10, each in a fresh process (MiB):")
    figures = {name: memory.measure(name, threads=args.blas_threads) for name in names}
    rows = [[name, f"{f['peak']:.1f}", f"{f['rss_after_epoch'][1]:.1f}",
             f"{f['rss_after_epoch'][-1]:.1f}",
             f"{f['rss_after_epoch'][-1] - f['rss_after_epoch'][1]:+.1f}"]
            for name, f in figures.items()]
    for line in table(["runtime", "peak RSS", "after epoch 2", "after epoch 20", "growth"],
                      rows, args.markdown):
        out(line)
    ours = figures["ours"]["rss_after_epoch"]
    torch_peak = figures["torch"]["peak"] if "torch" in figures else None
    out("  " + target_line([Target("ours growth from epoch 2 to 20", ours[-1] - ours[1], 1.0,
                                   unit=" MiB"),
                            Target("ours/torch peak", ratio(figures["ours"]["peak"],
                                                            torch_peak), 1.0)]))


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeats", type=positive_int, default=11, metavar="N",
                        help="timed rounds of the seeds' network (default: %(default)s)")
    parser.add_argument("--scaling-repeats", type=positive_int, default=5, metavar="N",
                        help="timed rounds per network of the scaling table "
                             "(default: %(default)s)")
    parser.add_argument("--blas-threads", type=positive_int, default=1, metavar="N",
                        help="threads of every runtime's BLAS / intra-op pool "
                             "(default: %(default)s)")
    parser.add_argument("--quick", action="store_true",
                        help="a fast pass: 3 rounds, 1,000 digits, no memory runs")
    parser.add_argument("--skip-memory", action="store_true", help="skip the 20-epoch runs")
    parser.add_argument("--skip-scaling", action="store_true", help="skip the scaling table")
    parser.add_argument("--skip-conv", action="store_true", help="skip the Conv2d table")
    parser.add_argument("--skip-cnn", action="store_true",
                        help="skip the CNN training epoch against PyTorch")
    parser.add_argument("--markdown", action="store_true",
                        help="print the tables in markdown (the README's Speed section)")
    args = parser.parse_args(argv)
    args.limit, args.per_op_length, args.conv_repeats = None, 1000, 21
    if args.quick:
        args.repeats, args.scaling_repeats, args.limit = 3, 2, 1000
        args.per_op_length, args.conv_repeats, args.skip_memory = 200, 3, True
        args.skip_cnn = True
    return args


def main(argv=None, out=print):
    args = parse(argv)
    names, missing = available(MAIN_CONTENDERS)
    out(("Measured " if args.markdown else "") + machine_line(args.blas_threads)
        + ("" if args.markdown else "; `python -m bench " + " ".join(argv or []) + "`"))
    for name, how in missing.items():
        out(f"{name}: not installed ({how}); its figures show as -")
    seeds_section(args, names, out)
    if not args.skip_scaling:
        scaling_section(args, [n for n in SCALING_CONTENDERS if n in names], out)
    per_op_section(args, [n for n in PER_OP_CONTENDERS if n in names or n == "numpy"], out)
    if not args.skip_conv:
        out("")
        for line in conv.report(args.conv_repeats):
            out(line)
    if not args.skip_cnn:
        out("")
        cnn.report(args.scaling_repeats, args.skip_memory)
    if not args.skip_memory:
        memory_section(args, [n for n in ("ours", "floor", "torch") if n in names], out)


if __name__ == "__main__":
    main()
