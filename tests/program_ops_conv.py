"""The convolution and pooling family's steps for the differential programs (see
program_families.py): conv1d (weight and bias are values of the program, so their gradients
are compared too), max_pool1d/2d, avg_pool1d/2d and adaptive_avg_pool1d/2d. The programs'
values have at most 3 axes: a 2-d value is an unbatched (C, L) signal, a 3-d one a batch
(N, C, L) or, for the 2d poolings, an unbatched (C, H, W) image.

Steered around: max pooling windows that hold only padding (with dilation and padding, torch
gives -inf and an index outside the input; ours refuses: a deliberate difference,
test_nn_pooling.py names it). Invalid on purpose, now and then: a kernel larger than the
padded input, padding='same' with a stride (errors in both engines).
"""
import torch
from hypothesis import strategies as st

import autograd as ag
import nn.functional as F
from program_draw import pick
from program_op import Op

TF = torch.nn.functional

OPS = {
    "conv1d": Op(lambda x, w, *b, **options: ag.conv1d(x, w, *b, **options),
                 lambda x, w, *b, **options: torch.conv1d(x, w, *b, **options),
                 "ag.conv1d({args}, stride={stride}, padding={padding!r}, "
                 "dilation={dilation}, groups={groups})"),
    "max_pool": Op(lambda x, dims, **options: getattr(F, f"max_pool{dims}d")(x, **options),
                   lambda x, dims, **options: getattr(TF, f"max_pool{dims}d")(x, **options),
                   "F.max_pool{dims}d({0}, {kernel_size!r}, {stride!r}, {padding!r}, "
                   "{dilation!r}, {ceil_mode})"),
    "avg_pool": Op(lambda x, dims, **options: getattr(F, f"avg_pool{dims}d")(x, **options),
                   lambda x, dims, **options: getattr(TF, f"avg_pool{dims}d")(x, **options),
                   "F.avg_pool{dims}d({0}, {kernel_size!r}, {stride!r}, {padding!r}, "
                   "{ceil_mode}, {count_include_pad})"),
    "adaptive_avg_pool": Op(
        lambda x, dims, output_size: getattr(F, f"adaptive_avg_pool{dims}d")(x, output_size),
        lambda x, dims, output_size: getattr(TF, f"adaptive_avg_pool{dims}d")(x, output_size),
        "F.adaptive_avg_pool{dims}d({0}, {output_size!r})"),
}


def _windows(n, kernel, stride, padding, dilation, ceil_mode=False):
    """How many windows fit along an axis of size n (torch's formula for conv and pooling)."""
    reach = n + 2 * padding - dilation * (kernel - 1) - 1
    count = (reach + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (count - 1) * stride >= n + padding:
        count -= 1
    return count


def draw_conv(draw, shapes):
    """conv1d of a (C, L) or (N, C, L) value by a (C_out, C/groups, K) value, maybe plus a
    (C_out,) value as the bias."""
    signals = [i for i, s in enumerate(shapes) if len(s) in (2, 3) and s[-2] and s[-1]]
    if not signals:
        return None
    x = pick(draw, signals)
    channels, length = shapes[x][-2:]
    weights = [i for i, s in enumerate(shapes) if len(s) == 3 and all(s)
               and channels % s[1] == 0 and s[0] % (channels // s[1]) == 0]
    if not weights:
        return None
    w = pick(draw, weights)
    out_channels, per_group, kernel = shapes[w]
    biases = [i for i, s in enumerate(shapes) if s == (out_channels,)]
    use_bias = biases and draw(st.booleans())
    args = (x, w, pick(draw, biases)) if use_bias else (x, w)
    stride, dilation = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    padding = draw(st.sampled_from([0, 1, 2, "valid", "same"]))
    params = {"stride": stride, "padding": padding, "dilation": dilation,
              "groups": channels // per_group}
    if padding == "same":
        if stride > 1:
            return "conv1d", args, params, None
        return "conv1d", args, params, shapes[x][:-2] + (out_channels, length)
    count = _windows(length, kernel, stride, 0 if padding == "valid" else padding, dilation)
    shape = shapes[x][:-2] + (out_channels, count) if count >= 1 else None
    return "conv1d", args, params, shape


def _only_padding(n, kernel, stride, padding, dilation, count):
    """True when one of `count` windows has all its taps outside the input."""
    return any(all(not 0 <= i * stride - padding + j * dilation < n for j in range(kernel))
               for i in range(count))


def draw_pool(draw, shapes):
    """max_pool, avg_pool or adaptive_avg_pool, 1d on a 2-d or 3-d value, 2d on a 3-d one."""
    op = draw(st.sampled_from(["max_pool", "avg_pool", "adaptive_avg_pool"]))
    dims = draw(st.sampled_from([1, 2]))
    ranks = (2, 3) if dims == 1 else (3,)
    candidates = [i for i, s in enumerate(shapes) if len(s) in ranks and all(s[-dims - 1:])]
    if not candidates:
        return None
    x = pick(draw, candidates)
    sizes = shapes[x][-dims:]
    if op == "adaptive_avg_pool":
        wanted = tuple(draw(st.one_of(st.integers(1, 4), st.none())) if dims == 2
                       else draw(st.integers(1, 4)) for _ in range(dims))
        output = tuple(n if m is None else m for n, m in zip(sizes, wanted))
        return op, (x,), {"dims": dims, "output_size": wanted if dims == 2 else wanted[0]}, \
            shapes[x][:-dims] + output
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(dims))
    stride = draw(st.one_of(st.none(), st.tuples(*[st.integers(1, 2)] * dims)))
    padding = tuple(draw(st.integers(0, k // 2)) for k in kernel)
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(dims)) if op == "max_pool" else (
        (1,) * dims)
    ceil_mode = draw(st.booleans())
    params = {"dims": dims, "kernel_size": kernel, "stride": stride, "padding": padding,
              "ceil_mode": ceil_mode}
    if op == "max_pool":
        params["dilation"] = dilation
    else:
        params["count_include_pad"] = draw(st.booleans())
    steps = stride or kernel
    counts = [_windows(n, k, s, p, d, ceil_mode) for n, k, s, p, d in zip(
        sizes, kernel, steps, padding, dilation)]
    if min(counts) < 1:
        return op, (x,), params, None
    if op == "max_pool" and any(_only_padding(n, k, s, p, d, c) for n, k, s, p, d, c in zip(
            sizes, kernel, steps, padding, dilation, counts)):
        return None
    return op, (x,), params, shapes[x][:-dims] + tuple(counts)


DRAWS = [draw_conv, draw_pool]
