"""Conv2d forward + backward on a batch of 64 digits (1x28x28, 8 kernels 5x5, float32):
ours (nn.Conv2d), a hand-written numpy im2col baseline, and torch CPU.

Every contender computes the output, then the gradients of sum(y * v) for the weight, the
bias and the input (the input's through col2im). BLAS and torch run on one thread; the
contenders take turns round after round (the first place rotating), and each one's median and
min-max over the rounds are reported, of wall time and of the process's CPU time. Run alone:
python -m bench.conv [--repeats N].
"""
import argparse
import statistics
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from threadpoolctl import threadpool_limits

import autograd
import nn

from .workloads import torch_or_none

BATCH, CHANNELS, SIDE, KERNELS, KERNEL = 64, 1, 28, 8, 5
TARGET_RATIO = 1.5  # ours / the numpy baseline, at most


def numpy_conv_step(x, weight, bias, v):
    """The baseline, plain numpy: forward by im2col and one matmul; backward by two matmuls
    and a col2im scatter (one add per kernel position). Stride 1, no padding, one group.
    Columns are kept kernel-position-major, (n, c k k, out out), so that every matmul and
    every add of the scatter runs over contiguous memory."""
    n, c, h, w = x.shape
    o, _, k, _ = weight.shape
    out = h - k + 1
    weights = weight.reshape(o, c * k * k)
    # forward: one column per output position, copied once from the windows
    windows = sliding_window_view(x, (k, k), axis=(2, 3))  # (n, c, out, out, k, k)
    columns = windows.transpose(0, 1, 4, 5, 2, 3).reshape(n, c * k * k, out * out)
    y = (weights @ columns + bias[:, None]).reshape(n, o, out, out)
    # backward of sum(y * v)
    grad_rows = v.reshape(n, o, out * out)
    grad_weight = (grad_rows @ columns.transpose(0, 2, 1)).sum(axis=0).reshape(weight.shape)
    grad_bias = grad_rows.sum(axis=(0, 2))
    grad_columns = (weights.T @ grad_rows).reshape(n, c, k, k, out, out)
    grad_x = np.zeros_like(x)
    for i in range(k):
        for j in range(k):
            grad_x[:, :, i:i + out, j:j + out] += grad_columns[:, :, i, j]
    return y, grad_weight, grad_bias, grad_x


def _data():
    rng = np.random.default_rng(0)
    x = rng.random((BATCH, CHANNELS, SIDE, SIDE)).astype(np.float32)
    v = rng.standard_normal((BATCH, KERNELS, SIDE - KERNEL + 1, SIDE - KERNEL + 1))
    return x, v.astype(np.float32)


def contenders():
    """name -> a function that runs one forward + backward."""
    x, v = _data()
    layer = nn.Conv2d(CHANNELS, KERNELS, KERNEL, seed=0)
    weight, bias = layer.weight.data, layer.bias.data

    def ours():
        layer.zero_grad()
        inputs = autograd.Tensor(x, requires_grad=True)
        layer(inputs).backward(v)  # the gradients of sum(y * v)

    def baseline():
        numpy_conv_step(x, weight, bias, v)

    runners = {"ours": ours, "numpy im2col": baseline}
    torch = torch_or_none()
    if torch is not None:
        torch_layer = torch.nn.Conv2d(CHANNELS, KERNELS, KERNEL)
        with torch.no_grad():
            torch_layer.weight.copy_(torch.from_numpy(weight))
            torch_layer.bias.copy_(torch.from_numpy(bias))
        torch_v = torch.from_numpy(v)

        def torch_step():
            torch_layer.zero_grad()
            inputs = torch.from_numpy(x).requires_grad_()
            torch_layer(inputs).backward(torch_v)
        runners["torch"] = torch_step
    return runners


def conv_times(repeats=21):
    """name -> {"wall": (median, min, max), "cpu": (median, min, max)} seconds of one forward
    + backward, every contender on one thread (BLAS and torch's own pool). The process's CPU
    time counts only the work done, not the time the process waits for a core, so on a busy
    shared machine it is the steadier figure."""
    runners = contenders()
    names = list(runners)
    wall, cpu = ({name: [] for name in names} for _ in range(2))
    torch = torch_or_none()
    torch_threads = torch.get_num_threads() if torch is not None else None
    if torch is not None:
        torch.set_num_threads(1)
    try:
        with threadpool_limits(limits=1):
            for run in runners.values():  # warm up
                run()
            for round_number in range(repeats):
                first = round_number % len(names)
                for name in names[first:] + names[:first]:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    runners[name]()
                    cpu[name].append(time.process_time() - start_cpu)
                    wall[name].append(time.perf_counter() - start)
    finally:
        if torch is not None:
            torch.set_num_threads(torch_threads)
    return {name: {"wall": _summary(wall[name]), "cpu": _summary(cpu[name])} for name in names}


def _summary(seconds):
    return statistics.median(seconds), min(seconds), max(seconds)


def report(repeats=21):
    """The table's lines: per contender the median and min-max milliseconds of wall and CPU
    time, the ratios to the baseline's medians, and the target (checked on CPU time)."""
    times = conv_times(repeats)
    lines = [f"Conv2d forward + backward, batch {BATCH} x {CHANNELS}x{SIDE}x{SIDE}, {KERNELS} "
             f"kernels {KERNEL}x{KERNEL}, float32, one thread, {repeats} interleaved rounds; "
             f"median ms (min-max), ratio to the numpy baseline:"]
    for name, figures in times.items():
        columns = []
        for kind in ("wall", "cpu"):
            median, low, high = figures[kind]
            baseline = times["numpy im2col"][kind][0]
            columns.append(f"{kind} {median * 1e3:6.2f} ({low * 1e3:.2f}-{high * 1e3:.2f}) "
                           f"{median / baseline:4.2f}x")
        lines.append(f"  {name:<13} " + "   ".join(columns))
    ratio = times["ours"]["cpu"][0] / times["numpy im2col"]["cpu"][0]
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    lines.append(f"  target ours <= {TARGET_RATIO}x the numpy baseline (CPU time): {ratio:.2f}x, "
                 f"{verdict}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.conv", description=__doc__)
    parser.add_argument("--repeats", type=int, default=21, help="rounds (default: %(default)s)")
    args = parser.parse_args(argv)
    print("\n".join(report(args.repeats)))


if __name__ == "__main__":
    main()
