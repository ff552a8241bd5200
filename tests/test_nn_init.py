"""nn.init against torch.nn.init: the exact numbers (gains, fans, constant fills, identity
and dirac), the statistics of random fills (bounds, mean, std on large tensors), generators,
dtypes, and Linear(init="pytorch").

Deliberate differences (named here, listed in the report):
- The random numbers are numpy's, so the same seed gives other values than torch's; what
  agrees is the distribution (test_random_fills_have_torch_s_distribution).
- trunc_normal_ redraws numbers outside [a, b] instead of inverting the normal CDF, and
  refuses an interval holding less than 0.1% of the normal (torch fills it with numbers of
  poor accuracy): test_trunc_normal_refuses_a_far_interval.
"""
import math
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn
from nn import init

NONLINEARITIES = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                  "conv_transpose2d", "conv_transpose3d", "sigmoid", "tanh", "relu",
                  "leaky_relu", "selu"]


@pytest.mark.parametrize("nonlinearity", NONLINEARITIES)
def test_calculate_gain_is_torch_s(nonlinearity):
    assert init.calculate_gain(nonlinearity) == torch.nn.init.calculate_gain(nonlinearity)


@pytest.mark.parametrize("slope", [0, 0.2, 1, 3.5, -0.5])
def test_leaky_relu_gain_uses_the_slope_as_torch(slope):
    assert init.calculate_gain("leaky_relu", slope) == pytest.approx(
        torch.nn.init.calculate_gain("leaky_relu", slope), rel=1e-15)


@pytest.mark.parametrize("args, pattern", [
    (("leaky_relu", True), "negative slope of leaky_relu must be a number, got bool True"),
    (("leaky_relu", "x"), "negative slope of leaky_relu must be a number, got str 'x'"),
    (("softmax",), "unsupported nonlinearity 'softmax'"),
])
def test_calculate_gain_refuses_what_torch_refuses(args, pattern):
    with pytest.raises(ValueError, match=pattern):
        init.calculate_gain(*args)
    with pytest.raises(ValueError):
        torch.nn.init.calculate_gain(*args)


@given(hnp.array_shapes(min_dims=2, max_dims=5, min_side=0, max_side=6))
def test_fans_are_torch_s_for_linear_and_convolution_weights(shape):
    ours = init._calculate_fan_in_and_fan_out(ag.zeros(shape))
    assert ours == torch.nn.init._calculate_fan_in_and_fan_out(torch.zeros(shape))


@pytest.mark.parametrize("function", [init.xavier_uniform_, init.xavier_normal_,
                                      init.kaiming_uniform_, init.kaiming_normal_])
@pytest.mark.parametrize("shape", [(3,), ()])
def test_fans_need_two_dimensions(function, shape):
    with pytest.raises(ValueError, match=rf"at least 2 dimensions .*got shape {re_shape(shape)}"):
        function(ag.zeros(shape))


def re_shape(shape):
    return str(shape).replace("(", r"\(").replace(")", r"\)")


# -- exact fills --------------------------------------------------------------------------------

@pytest.mark.parametrize("ours, theirs", [
    (lambda t: init.constant_(t, 2.5), lambda t: torch.nn.init.constant_(t, 2.5)),
    (init.zeros_, torch.nn.init.zeros_),
    (init.ones_, torch.nn.init.ones_),
    (init.eye_, torch.nn.init.eye_),
])
@pytest.mark.parametrize("shape", [(3, 4), (4, 2), (0, 3)])
def test_constant_fills_equal_torch_s(ours, theirs, shape):
    tensor = ag.Tensor(np.full(shape, 7.0, dtype=np.float32))
    assert ours(tensor) is tensor
    expected = theirs(torch.full(shape, 7.0)).numpy()
    np.testing.assert_array_equal(tensor.data, expected)
    assert tensor.dtype == np.float32


@pytest.mark.parametrize("shape, groups", [((4, 2, 3), 1), ((4, 2, 3), 2), ((2, 3, 3, 3), 1),
                                           ((6, 2, 2, 3, 1), 3), ((2, 4, 5), 1)])
def test_dirac_equals_torch_s(shape, groups):
    ours = init.dirac_(ag.Tensor(np.ones(shape)), groups)
    np.testing.assert_array_equal(ours.data,
                                  torch.nn.init.dirac_(torch.ones(shape), groups).numpy())


@pytest.mark.parametrize("call, pattern", [
    (lambda: init.eye_(ag.zeros((2, 2, 2))), "eye_: expected a 2-D tensor, got shape"),
    (lambda: init.dirac_(ag.zeros((2, 2))), "dirac_: expected a 3-, 4- or 5-D tensor"),
    (lambda: init.dirac_(ag.zeros((3, 2, 3)), groups=2), r"first dimension \(3\) must be "
                                                         r"divisible by groups \(2\)"),
    (lambda: init.orthogonal_(ag.zeros(2)), "orthogonal_: expected a tensor of at least 2"),
    (lambda: init.kaiming_uniform_(ag.zeros((2, 2)), mode="fan"), "mode must be 'fan_in' or"),
])
def test_shape_and_mode_errors_are_value_errors_as_torch(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


@pytest.mark.parametrize("function", [init.zeros_, init.uniform_, init.normal_,
                                      init.xavier_uniform_, init.kaiming_normal_])
def test_only_tensors_are_filled(function):
    with pytest.raises(TypeError, match=rf"nn.init.{function.__name__}: expected a Tensor"):
        function(np.zeros((2, 2)))


# -- random fills ------------------------------------------------------------------------------

SHAPE = (300, 200, 3)  # fan_in 600, fan_out 900; 180,000 numbers
N = math.prod(SHAPE)


def _std_bound(std, uniform):
    """The largest |value| a fill of that std can take (inf for a normal)."""
    return math.sqrt(3) * std if uniform else math.inf


RANDOM_FILLS = [  # name, our call, torch's call, the std and mean by torch's own formulas
    ("uniform", lambda t, g: init.uniform_(t, -2.0, 4.0, generator=g),
     lambda t: torch.nn.init.uniform_(t, -2.0, 4.0), 6 / math.sqrt(12), 1.0),
    ("normal", lambda t, g: init.normal_(t, 0.5, 2.0, generator=g),
     lambda t: torch.nn.init.normal_(t, 0.5, 2.0), 2.0, 0.5),
    ("xavier_uniform", lambda t, g: init.xavier_uniform_(t, gain=2.0, generator=g),
     lambda t: torch.nn.init.xavier_uniform_(t, gain=2.0), 2.0 * math.sqrt(2 / 1500), 0.0),
    ("xavier_normal", lambda t, g: init.xavier_normal_(t, generator=g),
     torch.nn.init.xavier_normal_, math.sqrt(2 / 1500), 0.0),
    ("kaiming_uniform", lambda t, g: init.kaiming_uniform_(t, a=math.sqrt(5), generator=g),
     lambda t: torch.nn.init.kaiming_uniform_(t, a=math.sqrt(5)),
     torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5)) / math.sqrt(600), 0.0),
    ("kaiming_normal", lambda t, g: init.kaiming_normal_(t, mode="fan_out",
                                                         nonlinearity="relu", generator=g),
     lambda t: torch.nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu"),
     math.sqrt(2) / math.sqrt(900), 0.0),
]


@pytest.mark.parametrize("name, ours, theirs, std, mean", RANDOM_FILLS,
                         ids=[fill[0] for fill in RANDOM_FILLS])
def test_random_fills_have_torch_s_distribution(name, ours, theirs, std, mean):
    tensor = ag.zeros(SHAPE, dtype=ag.float64)
    assert ours(tensor, np.random.default_rng(0)) is tensor
    torch.manual_seed(0)
    reference = theirs(torch.zeros(SHAPE, dtype=torch.float64)).numpy()
    # the mean of N numbers is within 5 standard errors; the std within 2%
    for values in (tensor.data, reference):
        assert abs(values.mean() - mean) < 5 * std / math.sqrt(N)
        assert values.std() == pytest.approx(std, rel=0.02)
    if "uniform" in name:
        low, high = reference.min(), reference.max()
        assert tensor.data.min() >= mean - math.sqrt(3) * std - 1e-12
        assert tensor.data.max() <= mean + math.sqrt(3) * std + 1e-12
        np.testing.assert_allclose([tensor.data.min(), tensor.data.max()], [low, high],
                                   atol=std * 1e-3)


def test_trunc_normal_stays_in_its_interval_with_the_truncated_statistics():
    tensor = init.trunc_normal_(ag.zeros(N, dtype=ag.float64), mean=1.0, std=2.0, a=0.0, b=3.0,
                                generator=np.random.default_rng(1))
    reference = torch.nn.init.trunc_normal_(torch.zeros(N, dtype=torch.float64), mean=1.0,
                                            std=2.0, a=0.0, b=3.0).numpy()
    assert 0.0 <= tensor.data.min() and tensor.data.max() <= 3.0
    assert tensor.data.mean() == pytest.approx(reference.mean(), abs=0.01)
    assert tensor.data.std() == pytest.approx(reference.std(), rel=0.01)


def test_trunc_normal_refuses_a_far_interval():
    with pytest.raises(ValueError, match=r"trunc_normal_: \[a, b\] = \[5.0, 6.0\] holds only"):
        init.trunc_normal_(ag.zeros(3), a=5.0, b=6.0)
    with pytest.raises(ValueError, match="expected a < b, got a=2.0, b=1.0"):
        init.trunc_normal_(ag.zeros(3), a=2.0, b=1.0)


@pytest.mark.parametrize("shape, gain", [((5, 3), 1.0), ((3, 5), 2.0), ((4, 2, 3), 0.5)])
def test_orthogonal_gives_orthonormal_rows_or_columns(shape, gain):
    tensor = init.orthogonal_(ag.zeros(shape, dtype=ag.float64), gain=gain,
                              generator=ag.Generator().manual_seed(0))
    matrix = tensor.data.reshape(shape[0], -1)
    small = min(matrix.shape)
    gram = matrix.T @ matrix if matrix.shape[0] >= matrix.shape[1] else matrix @ matrix.T
    np.testing.assert_allclose(gram, gain ** 2 * np.eye(small), atol=1e-12)


def test_kaiming_leaves_an_empty_tensor_with_a_warning_as_torch():
    tensor = ag.zeros((0, 3))
    with pytest.warns(UserWarning, match="kaiming_uniform_: the tensor has no elements"):
        assert init.kaiming_uniform_(tensor) is tensor
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.nn.init.kaiming_uniform_(torch.zeros(0, 3))
    assert len(caught) == 1


# -- generators, dtypes, graphs ------------------------------------------------------------------

def test_generators_make_fills_reproducible():
    def fill(generator):
        return init.kaiming_normal_(ag.zeros((4, 3)), generator=generator).data

    np.testing.assert_array_equal(fill(ag.Generator().manual_seed(3)),
                                  fill(ag.Generator().manual_seed(3)))
    np.testing.assert_array_equal(fill(np.random.default_rng(3)),
                                  fill(np.random.default_rng(3)))
    ag.manual_seed(5)
    first = fill(None)
    ag.manual_seed(5)
    np.testing.assert_array_equal(first, fill(None))
    with pytest.raises(TypeError, match="generator must be an autograd.Generator, a numpy"):
        fill(3)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fills_keep_the_tensor_s_dtype(dtype):
    for function in (init.uniform_, init.normal_, init.xavier_uniform_, init.orthogonal_):
        assert function(ag.zeros((3, 4), dtype=dtype)).dtype == dtype


def test_a_fill_marks_the_tensor_changed():
    weight = nn.Parameter(np.ones((2, 2)))
    cost = (weight * weight).sum()
    init.zeros_(weight)
    with pytest.raises(RuntimeError, match="changed by an in-place operation"):
        cost.backward()


# -- Linear's initialisations ------------------------------------------------------------------

def test_linear_init_pytorch_is_torch_s_default():
    ours = nn.Linear(400, 300, init="pytorch", seed=0, dtype=np.float64)
    theirs = torch.nn.Linear(400, 300, dtype=torch.float64)
    bound = 1 / math.sqrt(400)
    for our, their in ((ours.weight, theirs.weight), (ours.bias, theirs.bias)):
        values = our.data
        assert -bound <= values.min() and values.max() <= bound
        assert values.std() == pytest.approx(their.detach().numpy().std(), rel=0.05)
        assert values.std() == pytest.approx(bound / math.sqrt(3), rel=0.05)
    assert nn.Linear(4, 3, init="pytorch", bias=False).bias is None


def test_linear_init_pytorch_is_reproducible_and_in_the_mlp():
    first = nn.MLP([5, 4, 2], init="pytorch", seed=1)
    second = nn.MLP([5, 4, 2], init="pytorch", seed=1)
    for (name, p), q in zip(first.named_parameters(), second.parameters()):
        np.testing.assert_array_equal(p.data, q.data, err_msg=name)
    assert first.layers[0].weight.dtype == np.float32
