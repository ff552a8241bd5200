"""Conv2d forward + backward on a batch of 64 digits (1x28x28, 8 kernels 5x5, float32):
ours (nn.Conv2d), a hand-written numpy im2col baseline, and torch CPU.

Every contender computes the output, then the gradients of sum(y * v) for the weight, the
bias and the input (the input's through col2im). BLAS runs on one thread; the contenders take
turns round after round (the first place rotating), and each one's median and min-max over
the rounds are reported. Run alone: python -m bench.conv [--repeats N].
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
        (layer(inputs) * v).sum().backward()

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
            (torch_layer(inputs) * torch_v).sum().backward()
        runners["torch"] = torch_step
    return runners


def conv_times(repeats=21):
    """name -> (median, min, max) seconds of one forward + backward, BLAS on one thread."""
    runners = contenders()
    names = list(runners)
    times = {name: [] for name in names}
    with threadpool_limits(limits=1):
        for run in runners.values():  # warm up
            run()
        for round_number in range(repeats):
            first = round_number % len(names)
            for name in names[first:] + names[:first]:
                start = time.perf_counter()
                runners[name]()
                times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(t), min(t), max(t)) for name, t in times.items()}


def report(repeats=21):
    """The table's lines: per contender median and min-max milliseconds, and the ratios."""
    times = conv_times(repeats)
    baseline = times["numpy im2col"][0]
    lines = [f"Conv2d forward + backward, batch {BATCH} x {CHANNELS}x{SIDE}x{SIDE}, {KERNELS} "
             f"kernels {KERNEL}x{KERNEL}, float32, BLAS on 1 thread ({repeats} rounds):"]
    for name, (median, low, high) in times.items():
        lines.append(f"  {name:<13} {median * 1e3:7.2f} ms  (min {low * 1e3:.2f}, max "
                     f"{high * 1e3:.2f})  {median / baseline:5.2f}x the numpy baseline")
    ratio = times["ours"][0] / baseline
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    lines.append(f"  target ours <= {TARGET_RATIO}x the numpy baseline: {ratio:.2f}x, {verdict}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.conv", description=__doc__)
    parser.add_argument("--repeats", type=int, default=21, help="rounds (default: %(default)s)")
    args = parser.parse_args(argv)
    print("\n".join(report(args.repeats)))


if __name__ == "__main__":
    main()
