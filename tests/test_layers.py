"""Tests of nn.Linear, the activation modules, nn.Sequential and nn.MLP."""
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
import nn
from nn.reference import ReferenceMLP
from strategies import arrays, leaf, seeds, shapes


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# -- Linear ------------------------------------------------------------------------------------

def test_linear_holds_w_of_shape_out_in_and_b_of_shape_out():
    layer = nn.Linear(784, 16)
    assert layer.weight.shape == (16, 784) and layer.bias.shape == (16,)
    assert layer.weight.dtype == layer.bias.dtype == np.float32
    assert [name for name, _ in layer.named_parameters()] == ["weight", "bias"]


@given(batch=st.integers(1, 4), n_in=st.integers(1, 5), n_out=st.integers(1, 5), seed=seeds)
def test_linear_computes_x_w_transposed_plus_b(batch, n_in, n_out, seed):
    layer = nn.Linear(n_in, n_out, seed=seed, dtype=np.float64)
    x = np.random.default_rng(seed).standard_normal((batch, n_in))
    expected = x @ layer.weight.data.T + layer.bias.data
    np.testing.assert_allclose(layer(x).data, expected, rtol=1e-12)
    np.testing.assert_allclose(layer(ag.Tensor(x)).data, expected, rtol=1e-12)


def test_linear_casts_a_numpy_input_to_its_dtype():
    layer = nn.Linear(3, 2, seed=0)
    assert layer(np.ones((4, 3), dtype=np.float64)).dtype == np.float32
    assert layer(np.ones((4, 3), dtype=np.uint8)).dtype == np.float32


def test_linear_without_bias():
    layer = nn.Linear(3, 2, bias=False, seed=0)
    assert layer.bias is None
    assert [name for name, _ in layer.named_parameters()] == ["weight"]
    np.testing.assert_allclose(layer(np.eye(3)).data, layer.weight.data.T)
    assert repr(layer) == "Linear(in_features=3, out_features=2, bias=False)"


def test_linear_gradients_pass_gradcheck():
    layer = nn.Linear(3, 2, seed=0, dtype=np.float64)
    x = leaf(np.random.default_rng(1).standard_normal((4, 3)))
    assert ag.gradcheck(lambda x, w, b: layer(x), (x, layer.weight, layer.bias))


@pytest.mark.parametrize("init, weight_std, bias_mean, bias_std", [
    ("normal", lambda n_in, n_out: 1.0, None, 1.0),
    ("scaled", lambda n_in, n_out: np.sqrt(1 / n_in), None, 1.0),
    ("xavier", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out)), 0.0, 0.0),
    ("he", lambda n_in, n_out: np.sqrt(2 / n_in), 0.0, 0.0),
])
def test_initialisations_draw_from_the_documented_distributions(init, weight_std, bias_mean,
                                                                 bias_std):
    n_in, n_out = 300, 500
    layer = nn.Linear(n_in, n_out, init=init, seed=0, dtype=np.float64)
    weight, bias = layer.weight.data, layer.bias.data
    assert abs(weight.mean()) < 0.01 * weight_std(n_in, n_out)
    assert weight.std() == pytest.approx(weight_std(n_in, n_out), rel=0.01)
    if bias_std == 0.0:
        assert np.all(bias == bias_mean)
    else:
        assert bias.std() == pytest.approx(bias_std, rel=0.15)


def test_seed_and_rng_make_initialisation_reproducible():
    a = nn.Linear(4, 3, seed=5)
    b = nn.Linear(4, 3, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    np.testing.assert_array_equal(a.bias.data, b.bias.data)
    assert not np.array_equal(a.weight.data, nn.Linear(4, 3, seed=6).weight.data)


@pytest.mark.parametrize("kwargs, error, pattern", [
    (dict(init="uniform"), ValueError,
     r"init must be one of \('normal', 'scaled', 'xavier', 'he', 'pytorch'\), got 'uniform'"),
    (dict(init=["he"]), ValueError, r"init must be one of .*got \['he'\]"),
    (dict(seed=1, rng=np.random.default_rng(1)), ValueError, "give seed or rng, not both"),
    (dict(rng=1), TypeError, "rng must be a numpy.random.Generator, got int"),
    (dict(seed="x"), TypeError, "Linear: seed must be a non-negative integer or None, got str 'x'"),
    (dict(seed=1.5), TypeError, "seed must be a non-negative integer or None, got float 1.5"),
    (dict(seed=True), TypeError, "seed must be a non-negative integer or None, got bool True"),
    (dict(seed=-1), ValueError, "seed must be a non-negative integer or None, got -1"),
    (dict(dtype=np.float16), TypeError, "dtype must be float32 or float64, got float16"),
    (dict(dtype=np.int64), TypeError, "dtype must be float32 or float64, got int64"),
    (dict(dtype="x"), TypeError, "dtype must be float32 or float64, got str 'x'"),
    (dict(bias="no"), TypeError, "Linear: bias must be True or False, got str 'no'"),
    (dict(in_features=0), ValueError, "in_features must be a positive integer, got 0"),
    (dict(in_features=-3), ValueError, "in_features must be a positive integer, got -3"),
    (dict(in_features=True), TypeError, "in_features must be a positive integer, got bool True"),
    (dict(in_features="3"), TypeError, "in_features must be a positive integer, got str '3'"),
    (dict(out_features=2.5), TypeError, "out_features must be a positive integer, got float 2.5"),
    (dict(out_features=2.0), TypeError, "out_features must be a positive integer, got float 2.0"),
])
def test_linear_rejects_bad_arguments(kwargs, error, pattern):
    arguments = dict(in_features=3, out_features=2) | kwargs
    with pytest.raises(error, match=pattern):
        nn.Linear(**arguments)


def test_linear_takes_numpy_integers_and_none_for_the_default_dtype():
    layer = nn.Linear(np.int64(3), np.int32(2), seed=np.uint8(4), dtype=None)
    assert layer.weight.shape == (2, 3) and layer.weight.dtype == np.float32
    assert nn.Linear(3, 2, bias=np.bool_(False)).bias is None


def test_linear_names_both_shapes_for_a_wrong_input():
    with pytest.raises(ValueError, match=r"\(2, 4\).*\(2, 3\)"):
        nn.Linear(3, 2)(np.ones((2, 4)))


# -- activations -------------------------------------------------------------------------------

@pytest.mark.parametrize("module, formula", [
    (nn.Sigmoid(), _sigmoid),
    (nn.ReLU(), lambda z: np.maximum(z, 0)),
    (nn.Tanh(), np.tanh),
    (nn.Softmax(), lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)),
    (nn.Softmax(axis=0), lambda z: np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)),
])
@given(z=arrays(shapes(min_dims=2, max_dims=2)))
def test_activation_modules_compute_their_formula(module, formula, z):
    np.testing.assert_allclose(module(ag.Tensor(z)).data, formula(z), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(module(z).data, formula(z), rtol=1e-12, atol=1e-15)


def test_softmax_axis_must_be_an_int():
    with pytest.raises(TypeError, match="Softmax: axis must be an int, got float 1.0"):
        nn.Softmax(axis=1.0)


def test_activation_reprs():
    assert [repr(m) for m in (nn.Sigmoid(), nn.ReLU(), nn.Tanh(), nn.Softmax())] == [
        "Sigmoid()", "ReLU()", "Tanh()", "Softmax(axis=-1)"
    ]


# -- Sequential --------------------------------------------------------------------------------

def test_sequential_applies_modules_in_order_and_indexes_like_a_list():
    first, second = nn.Linear(3, 2, seed=0, dtype=np.float64), nn.Sigmoid()
    chain = nn.Sequential(first, second)
    x = np.ones((1, 3))
    np.testing.assert_allclose(chain(x).data, _sigmoid(first(x).data))
    assert len(chain) == 2 and list(chain) == [first, second]
    assert chain[0] is first and chain[-1] is second
    assert isinstance(chain[1:], nn.Sequential) and list(chain[1:]) == [second]
    assert [name for name, _ in chain.named_children()] == ["0", "1"]


def test_sequential_errors():
    with pytest.raises(TypeError, match="Sequential: item 1 must be a Module, got function"):
        nn.Sequential(nn.ReLU(), lambda z: z)
    with pytest.raises(IndexError, match="index 2 out of range for 2 modules"):
        nn.Sequential(nn.ReLU(), nn.Tanh())[2]
    with pytest.raises(TypeError, match="Sequential: index must be an int or a slice, got str"):
        nn.Sequential(nn.ReLU())["0"]
    with pytest.raises(TypeError, match="ModuleList: expected an iterable of Modules, got int 5"):
        nn.ModuleList(5)


def test_module_list_registers_its_modules_and_a_plain_list_is_refused():
    class TwoLayers(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(3, 2), nn.Linear(2, 1)])

        def forward(self, x):
            for layer in self.layers:
                x = layer(x).sigmoid()
            return x

    model = TwoLayers()
    assert [name for name, _ in model.named_parameters()] == [
        "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"]
    assert model(np.ones((4, 3), dtype=np.float32)).shape == (4, 1)
    assert len(model.layers.append(nn.ReLU())) == 3
    assert isinstance(model.layers[:2], nn.ModuleList)

    class Hidden(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = [nn.Linear(3, 2)]

    with pytest.raises(TypeError, match="plain list of modules would hide their parameters"):
        Hidden()


# -- MLP ---------------------------------------------------------------------------------------

def test_mlp_interleaves_linear_layers_and_activations():
    model = nn.MLP([4, 3, 3, 2], activation="relu", output_activation="softmax")
    kinds = [type(m).__name__ for m in model.layers]
    assert kinds == ["Linear", "ReLU", "Linear", "ReLU", "Linear", "Softmax"]
    assert [str(m) for m in model.layers[::2]] == [
        "Linear(in_features=4, out_features=3, bias=True)",
        "Linear(in_features=3, out_features=3, bias=True)",
        "Linear(in_features=3, out_features=2, bias=True)",
    ]
    rows = model(np.random.default_rng(0).random((5, 4))).data
    np.testing.assert_allclose(rows.sum(axis=1), 1, rtol=1e-6)


def test_mlp_output_activation_same_or_none():
    assert type(nn.MLP([2, 3, 1], activation="tanh").layers[-1]) is nn.Tanh
    logits_model = nn.MLP([2, 3, 1], output_activation=None)
    assert [type(m).__name__ for m in logits_model.layers] == ["Linear", "Sigmoid", "Linear"]


@pytest.mark.parametrize("init", ["normal", "scaled"])
def test_mlp_draws_the_same_parameters_as_the_reference_for_one_seed(init):
    model = nn.MLP([5, 4, 3], init=init, seed=11, dtype=np.float64)
    reference = ReferenceMLP.random([5, 4, 3], seed=11, init=init)
    parameters = [p.data for p in model.parameters()]
    expected = [reference.weights[0], reference.biases[0], reference.weights[1],
                reference.biases[1]]
    for got, want in zip(parameters, expected):
        np.testing.assert_array_equal(got, want)


def test_mlp_forward_is_the_seeds_sigmoid_network():
    model = nn.MLP([3, 4, 2], seed=0, dtype=np.float64)
    x = np.random.default_rng(1).random((6, 3))
    w1, b1, w2, b2 = (p.data for p in model.parameters())
    expected = _sigmoid(_sigmoid(x @ w1.T + b1) @ w2.T + b2)
    np.testing.assert_allclose(model(x).data, expected, rtol=1e-12)


def test_mlp_config_is_json_and_rebuilds_the_same_architecture():
    model = nn.MLP([6, 5, 4], activation="relu", output_activation=None, init="he",
                   dtype=np.float64)
    config = json.loads(json.dumps(model.config()))
    assert config == {"sizes": [6, 5, 4], "activation": "relu", "output_activation": None,
                      "init": "he", "dtype": "float64"}
    rebuilt = nn.MLP(**config)
    assert repr(rebuilt) == repr(model)
    assert rebuilt.layers[0].weight.dtype == np.float64


def test_mlp_predict_gives_argmax_labels_without_recording():
    model = nn.MLP([3, 4], output_activation=None, seed=0, dtype=np.float64)
    x = np.random.default_rng(2).random((5, 3))
    labels = model.predict(x)
    np.testing.assert_array_equal(labels, np.argmax(x @ model.layers[0].weight.data.T
                                                    + model.layers[0].bias.data, axis=1))
    assert all(p.grad is None for p in model.parameters())


@pytest.mark.parametrize("kwargs, error, pattern", [
    (dict(sizes=5), TypeError,
     r"MLP: sizes must be a list of at least two layer sizes \[n_0, ..., n_L\], got int 5"),
    (dict(sizes="784"), TypeError, "sizes must be a list of .*got str '784'"),
    (dict(sizes=[784]), ValueError, r"at least two layer sizes.*got \[784\]"),
    (dict(sizes=[784, 0, 10]), ValueError, r"sizes\[1\] must be a positive integer, got 0"),
    (dict(sizes=[784, 16.0, 10]), TypeError,
     r"sizes\[1\] must be a positive integer, got float 16.0"),
    (dict(sizes=[True, 2]), TypeError, r"sizes\[0\] must be a positive integer, got bool True"),
    (dict(activation="softmax"), ValueError,
     r"activation must be one of \('sigmoid', 'relu', 'tanh'\), got 'softmax'"),
    (dict(activation=None), ValueError, "activation must be one of .*got None"),
    (dict(output_activation="linear"), ValueError,
     "output_activation must be one of .*'same'.*None"),
    (dict(init="zeros"), ValueError, "MLP: init must be one of"),
    (dict(seed="x"), TypeError, "MLP: seed must be a non-negative integer or None, got str"),
    (dict(dtype=np.int32), TypeError, "MLP: dtype must be float32 or float64, got int32"),
])
def test_mlp_rejects_bad_arguments(kwargs, error, pattern):
    arguments = dict(sizes=[4, 3, 2]) | kwargs
    with pytest.raises(error, match=pattern):
        nn.MLP(**arguments)


def test_mlp_takes_sizes_from_any_iterable_of_integers():
    assert nn.MLP((4, 3)).sizes == nn.MLP(np.array([4, 3])).sizes == [4, 3]
