"""The conv and pooling layers: torch's default initialisation and repr, the same outputs and
gradients as torch's layers given the same parameters, dtypes kept, clear errors; and the
bench's hand-written numpy baseline computes what torch computes."""
import numpy as np
import pytest
import torch

import autograd as ag
import nn
from bench.conv import numpy_conv_step, report

pytestmark = pytest.mark.filterwarnings("ignore:Using padding=.same. with even kernel")

LAYER_PAIRS = [
    ("Conv1d", (2, 4, 3), dict(stride=2, padding=1)),
    ("Conv1d", (2, 4, 2), dict(padding="same", dilation=3, bias=False)),
    ("Conv2d", (1, 8, 5), {}),
    ("Conv2d", (2, 4, (3, 2)), dict(stride=2, padding=1, dilation=2, groups=2, bias=False)),
    ("Conv2d", (2, 4, 3), dict(padding="same")),
    ("Conv2d", (2, 4, 3), dict(padding="valid")),
    ("ConvTranspose1d", (2, 3, 3), dict(stride=2, output_padding=1)),
    ("ConvTranspose2d", (2, 4, 3), dict(stride=2, padding=1, output_padding=1, groups=2)),
    ("MaxPool1d", (3,), {}),
    ("MaxPool2d", (2,), {}),
    ("MaxPool2d", ((2, 3),), dict(stride=1, padding=1, ceil_mode=True)),
    ("AvgPool1d", (3,), dict(stride=2, padding=1)),
    ("AvgPool2d", (2,), {}),
    ("AvgPool2d", (3, 2, 1), dict(ceil_mode=True, count_include_pad=False, divisor_override=4)),
    ("AdaptiveAvgPool1d", (2,), {}),
    ("AdaptiveAvgPool2d", ((None, 3),), {}),
]
IDS = [f"{name}{args}{options}" for name, args, options in LAYER_PAIRS]


@pytest.mark.parametrize("name, args, options", LAYER_PAIRS, ids=IDS)
def test_repr_is_torchs(name, args, options):
    ours, theirs = getattr(nn, name), getattr(torch.nn, name)
    assert repr(ours(*args, **options)) == repr(theirs(*args, **options))


def _copied(layer, torch_layer):
    """Our layer's parameters copied into torch's (float64 both)."""
    torch_layer = torch_layer.double()
    with torch.no_grad():
        for name, parameter in torch_layer.named_parameters():
            parameter.copy_(torch.from_numpy(getattr(layer, name).data))
    return torch_layer


@pytest.mark.parametrize("name, args, options", LAYER_PAIRS, ids=IDS)
def test_output_and_gradients_equal_torchs_layer_with_the_same_parameters(name, args, options):
    extra = dict(seed=0, dtype=np.float64) if name.startswith("Conv") else {}
    layer = getattr(nn, name)(*args, **options, **extra)
    torch_layer = _copied(layer, getattr(torch.nn, name)(*args, **options))
    channels = args[0] if name.startswith("Conv") else 2
    dims = int(name[-2])
    x = np.random.default_rng(1).standard_normal((2, channels) + (7, 8)[:dims])
    ours, theirs = ag.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    y, y_torch = layer(ours), torch_layer(theirs)
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), rtol=1e-10, atol=1e-12)
    (y * y).sum().backward()
    (y_torch * y_torch).sum().backward()
    np.testing.assert_allclose(ours.grad, theirs.grad.numpy(), rtol=1e-10, atol=1e-12)
    for parameter_name, parameter in torch_layer.named_parameters():
        np.testing.assert_allclose(getattr(layer, parameter_name).grad, parameter.grad.numpy(),
                                   rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("layer, fan_in", [
    (nn.Conv2d(3, 8, 5, seed=0), 3 * 25),
    (nn.Conv2d(4, 8, (3, 2), groups=2, seed=0), 2 * 6),
    (nn.Conv1d(6, 2, 4, seed=0), 6 * 4),
    (nn.ConvTranspose2d(4, 6, 3, groups=2, seed=0), 3 * 9),
])
def test_default_init_is_torchs_uniform_within_one_over_root_fan_in(layer, fan_in):
    bound = 1 / np.sqrt(fan_in)
    for parameter in (layer.weight, layer.bias):
        assert np.abs(parameter.data).max() <= bound
        assert np.abs(parameter.data).max() > 0.8 * bound  # spread over the whole interval
    torch_layer = getattr(torch.nn, type(layer).__name__)(
        layer.in_channels, layer.out_channels, layer.kernel_size, groups=layer.groups)
    torch_fan_in = torch.nn.init._calculate_fan_in_and_fan_out(torch_layer.weight)[0]
    assert torch_fan_in == fan_in and layer.weight.shape == tuple(torch_layer.weight.shape)


def test_a_seed_reproduces_the_weights_and_dtype_chooses_their_precision():
    first, second = nn.Conv2d(2, 3, 3, seed=7), nn.Conv2d(2, 3, 3, seed=7)
    np.testing.assert_array_equal(first.weight.data, second.weight.data)
    assert first.weight.dtype == np.float32 and first.bias.dtype == np.float32
    double = nn.Conv2d(2, 3, 3, seed=7, dtype=np.float64)
    assert double.weight.dtype == np.float64
    np.testing.assert_allclose(double.weight.data, first.weight.data, rtol=1e-6)
    rng = np.random.default_rng(7)
    np.testing.assert_array_equal(nn.Conv2d(2, 3, 3, rng=rng).weight.data, first.weight.data)


def test_float32_layers_keep_float32_and_cast_numpy_input():
    layer, pool = nn.Conv2d(1, 2, 3, seed=0), nn.MaxPool2d(2)
    y = pool(layer(np.ones((1, 1, 6, 6))))
    assert y.dtype == np.float32
    y.sum().backward()
    assert layer.weight.grad.dtype == np.float32


def test_max_pool_layer_returns_indices_when_asked():
    x = np.random.default_rng(0).standard_normal((1, 2, 4, 4))
    y, indices = nn.MaxPool2d(2, return_indices=True)(x)
    y_torch, indices_torch = torch.nn.MaxPool2d(2, return_indices=True)(torch.tensor(x))
    np.testing.assert_array_equal(indices.data, indices_torch.numpy())
    np.testing.assert_array_equal(y.data, y_torch.numpy())


@pytest.mark.parametrize("build, error, words", [
    (lambda: nn.Conv2d(1, 1, 3, padding_mode="reflect"), ValueError, "padding_mode='zeros'"),
    (lambda: nn.Conv2d(3, 2, 3, groups=2), ValueError, "in_channels (3) must be divisible"),
    (lambda: nn.Conv2d(1, 1, 3, stride=2, padding="same"), ValueError, "strided"),
    (lambda: nn.Conv2d(1, 1, 3, padding="full"), ValueError, "'valid' or 'same'"),
    (lambda: nn.Conv2d(0, 1, 3), ValueError, "in_channels must be a positive integer"),
    (lambda: nn.Conv2d(1, 1, (3, 3, 3)), ValueError, "kernel_size must be an int or a tuple of 2"),
    (lambda: nn.Conv2d(1.0, 1, 3), TypeError, "in_channels must be a positive integer"),
    (lambda: nn.Conv2d(1, 1, 3, dtype=np.int64), TypeError, "float32 or float64"),
    (lambda: nn.MaxPool2d(2, ceil_mode=1), TypeError, "ceil_mode must be True or False"),
])
def test_bad_layer_arguments_are_refused_naming_the_layer(build, error, words):
    with pytest.raises(error) as raised:
        build()
    assert words in str(raised.value)


def test_a_layer_given_the_wrong_channels_names_both_shapes():
    with pytest.raises(ValueError, match=r"expects an input with 3 channels; got input of "
                                         r"shape \(1, 2, 5, 5\)"):
        nn.Conv2d(3, 1, 3)(np.ones((1, 2, 5, 5)))


def test_the_benchs_numpy_baseline_computes_torchs_values_and_gradients():
    rng = np.random.default_rng(0)
    x, w, b = rng.random((3, 2, 9, 9)), rng.standard_normal((4, 2, 3, 3)), rng.random(4)
    v = rng.standard_normal((3, 4, 7, 7))
    y, grad_w, grad_b, grad_x = numpy_conv_step(x, w, b, v)
    tx, tw, tb = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    ty = torch.nn.functional.conv2d(tx, tw, tb)
    (ty * torch.tensor(v)).sum().backward()
    pairs = ((y, ty.detach()), (grad_w, tw.grad), (grad_b, tb.grad), (grad_x, tx.grad))
    for ours, theirs in pairs:
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-10, atol=1e-12)


def test_the_conv_bench_reports_every_contender_and_the_target():
    lines = report(repeats=1)
    assert "64 x 1x28x28, 8 kernels 5x5" in lines[0]
    assert [line.split()[0] for line in lines[1:4]] == ["ours", "numpy", "torch"]
    assert "target ours <= 1.5x the numpy baseline (CPU time)" in lines[-1]
