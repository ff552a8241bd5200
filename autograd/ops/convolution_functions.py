"""conv1d, conv2d, conv3d, conv_transpose1d/2d/3d: torch's functions, with their argument
rules, on the ops of convolution.py."""
from ..tensor import Tensor
from .convolution import ConvNd, ConvTransposeNd, Geometry
from .window_arguments import batched_input, check_window_fits, per_axis, same_dtype

PADDING_STRINGS = ("valid", "same")


def check_padding_string(padding, stride, op_name):
    """ValueError unless `padding` is 'valid', or 'same' with a stride of 1 (torch refuses
    'same' for strided convolutions)."""
    if padding not in PADDING_STRINGS:
        raise ValueError(f"{op_name}: padding must be an int, a tuple of {len(stride)} ints, "
                         f"'valid' or 'same'; got {padding!r}")
    if padding == "same" and any(s != 1 for s in stride):
        raise ValueError(f"{op_name}: padding='same' is not supported for strided "
                         f"convolutions (stride {stride})")


def _padding_pairs(padding, kernel, stride, dilation, op_name):
    """(before, after) zeros per spatial axis. 'same' keeps the size: d (k - 1) zeros in all,
    the odd one after, as torch."""
    dims = len(kernel)
    if isinstance(padding, str):
        check_padding_string(padding, stride, op_name)
        if padding == "valid":
            return ((0, 0),) * dims
        totals = [d * (k - 1) for k, d in zip(kernel, dilation)]
        return tuple((total // 2, total - total // 2) for total in totals)
    return tuple((p, p) for p in per_axis(padding, dims, "padding", op_name, low=0))


def _operands(input, weight, bias, dims, op_name, groups, channels_axis):
    """The batched input, the weight and the bias as Tensors, checked against each other;
    `channels_axis` is the weight's axis that matches the input's channels."""
    x, unbatched = batched_input(input, dims, op_name)
    weight = weight if isinstance(weight, Tensor) else Tensor(weight)
    groups = per_axis(groups, 1, "groups", op_name)[0]
    if weight.ndim != dims + 2:
        raise ValueError(f"{op_name}: expected a {dims + 2}-d weight; got shape {weight.shape}")
    if weight.shape[0] == 0 or 0 in weight.shape[2:]:
        raise ValueError(f"{op_name}: the weight needs at least one channel on axis 0 and a "
                         f"kernel of sizes >= 1; got shape {weight.shape}")
    same_dtype(x, weight, "weight", op_name)
    expected = weight.shape[1] * groups if channels_axis == 1 else weight.shape[0]
    if x.shape[1] != expected:
        raise ValueError(
            f"{op_name}: a weight of shape {weight.shape} with groups={groups} expects an input "
            f"with {expected} channels; got input of shape {x.shape}")
    if weight.shape[0] % groups:
        raise ValueError(f"{op_name}: the weight's {weight.shape[0]} channels (axis 0) are not "
                         f"divisible by groups={groups}")
    if bias is not None:
        bias = bias if isinstance(bias, Tensor) else Tensor(bias)
        out_channels = weight.shape[0] if channels_axis == 1 else weight.shape[1] * groups
        if bias.shape != (out_channels,):
            raise ValueError(f"{op_name}: expected a bias of shape ({out_channels},); got "
                             f"{bias.shape}")
        same_dtype(x, bias, "bias", op_name)
    return x, unbatched, weight, bias, groups


def _conv(input, weight, bias, stride, padding, dilation, groups, dims):
    op_name = f"conv{dims}d"
    x, unbatched, weight, bias, groups = _operands(input, weight, bias, dims, op_name, groups, 1)
    kernel = weight.shape[2:]
    stride = per_axis(stride, dims, "stride", op_name)
    dilation = per_axis(dilation, dims, "dilation", op_name)
    pairs = _padding_pairs(padding, kernel, stride, dilation, op_name)
    geometry = Geometry.fitting(x.shape[2:], kernel, stride, pairs, dilation, groups)
    check_window_fits([n + a + b for n, (a, b) in zip(x.shape[2:], pairs)],
                      [d * (k - 1) + 1 for k, d in zip(kernel, dilation)], op_name)
    operands = (x, weight) if bias is None else (x, weight, bias)
    y = ConvNd.apply(*operands, geometry=geometry)
    return y.squeeze(0) if unbatched else y


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """y[n, o, p] = b[o] + sum_{c, k} W[o, c, k] x[n, c, p stride + k dilation] (zero padded),
    for x (N, C_in, L) or (C_in, L) and W (C_out, C_in/groups, K); padding an int, a tuple,
    'valid' or 'same'."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 1)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """conv1d over two spatial axes: x (N, C_in, H, W), W (C_out, C_in/groups, kH, kW)."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 2)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """conv1d over three spatial axes: x (N, C_in, D, H, W), W (C_out, C_in/groups, kD, kH, kW)."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 3)


def _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation,
                    dims):
    op_name = f"conv_transpose{dims}d"
    y, unbatched, weight, bias, groups = _operands(input, weight, bias, dims, op_name, groups, 0)
    kernel = weight.shape[2:]
    stride = per_axis(stride, dims, "stride", op_name)
    dilation = per_axis(dilation, dims, "dilation", op_name)
    padding = per_axis(padding, dims, "padding", op_name, low=0)
    extra = per_axis(output_padding, dims, "output_padding", op_name, low=0)
    if any(e >= s and e >= d for e, s, d in zip(extra, stride, dilation)):
        raise ValueError(f"{op_name}: output_padding {extra} must be smaller than the stride "
                         f"{stride} or the dilation {dilation}")
    size = tuple((n - 1) * s - 2 * p + d * (k - 1) + e + 1 for n, s, p, d, k, e in zip(
        y.shape[2:], stride, padding, dilation, kernel, extra))
    if any(n <= 0 for n in size):
        raise ValueError(f"{op_name}: the output size {size} for input {y.shape} is not "
                         f"positive")
    geometry = Geometry(size, kernel, stride, tuple((p, p) for p in padding), dilation, groups,
                        y.shape[2:])
    x = ConvTransposeNd.apply(y, weight, geometry=geometry)
    if bias is not None:
        x = x + bias.reshape((-1,) + (1,) * dims)
    return x.squeeze(0) if unbatched else x


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """The adjoint of conv1d in its input (a "deconvolution"), as torch: x (N, C_in, L),
    W (C_in, C_out/groups, K); the output has (L - 1) stride - 2 padding + dilation (K - 1)
    + output_padding + 1 positions."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 1)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """conv_transpose1d over two spatial axes: x (N, C_in, H, W), W (C_in, C_out/groups, kH, kW)."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 2)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """conv_transpose1d over three spatial axes."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 3)
