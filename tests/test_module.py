"""Tests of nn.Module and nn.Parameter: registration, names, state_dict, train/eval, repr."""
import numpy as np
import pytest

import autograd as ag
import nn


class Affine(nn.Module):
    """y = scale * x + shift, with one plain (unregistered) Tensor attribute."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(np.ones(3))
        self.shift = nn.Parameter(np.zeros(3))
        self.constant = ag.Tensor([1.0, 2.0, 3.0], requires_grad=True)
        self.label = "affine"

    def forward(self, x):
        return x * self.scale + self.shift


class Pair(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = Affine()
        self.second = Affine()

    def forward(self, x):
        return self.second(self.first(x))


def test_parameter_is_a_leaf_that_requires_grad():
    parameter = nn.Parameter([1.0, 2.0])
    assert isinstance(parameter, ag.Tensor)
    assert parameter.requires_grad and parameter.is_leaf
    assert parameter.dtype == np.float32
    assert nn.Parameter(np.zeros(2)).dtype == np.float64


def test_only_parameters_and_modules_are_registered():
    module = Affine()
    assert [name for name, _ in module.named_parameters()] == ["scale", "shift"]
    assert list(module.children()) == []
    assert module.label == "affine"


def test_none_or_deleting_an_attribute_unregisters_it_and_other_values_are_refused():
    module = Affine()
    with pytest.raises(TypeError, match="cannot assign float 2.0 as parameter 'scale'"):
        module.scale = 2.0  # as PyTorch: a parameter's name takes a Parameter or None
    module.scale = None
    assert [name for name, _ in module.named_parameters()] == ["shift"]
    del module.shift
    assert list(module.parameters()) == []
    pair = Pair()
    pair.first = None
    assert [name for name, _ in pair.named_children()] == ["second"]


def test_forgetting_super_init_is_a_clear_error():
    class Forgetful(nn.Module):
        def __init__(self):
            self.weight = nn.Parameter([1.0])

    with pytest.raises(RuntimeError, match=r"super\(\).__init__\(\).*'weight'"):
        Forgetful()


def test_forward_must_be_defined():
    with pytest.raises(NotImplementedError, match="Module must define forward"):
        nn.Module()(1.0)


def test_the_seeds_network_has_13002_parameters_with_dotted_names():
    model = nn.MLP([784, 16, 16, 10])
    assert model.num_parameters() == 13002
    assert [(name, p.shape) for name, p in model.named_parameters()] == [
        ("layers.0.weight", (16, 784)), ("layers.0.bias", (16,)),
        ("layers.2.weight", (16, 16)), ("layers.2.bias", (16,)),
        ("layers.4.weight", (10, 16)), ("layers.4.bias", (10,)),
    ]
    assert list(model.parameters()) == [p for _, p in model.named_parameters()]


def test_named_modules_walks_the_tree_depth_first():
    model = nn.MLP([3, 2, 1])
    names = [name for name, _ in model.named_modules()]
    assert names == ["", "layers", "layers.0", "layers.1", "layers.2", "layers.3"]
    assert dict(model.named_modules())["layers.2"] is model.layers[2]


def test_a_shared_parameter_is_listed_once():
    pair = Pair()
    pair.second.scale = pair.first.scale
    names = [name for name, _ in pair.named_parameters()]
    assert names == ["first.scale", "first.shift", "second.shift"]
    assert pair.num_parameters() == 9


def test_zero_grad_sets_every_grad_to_none():
    model = nn.MLP([3, 4, 2], seed=0)
    nn.quadratic_cost(model(np.ones((2, 3))), np.zeros((2, 2))).backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_train_and_eval_set_the_flag_recursively_and_return_self():
    model = nn.MLP([3, 4, 2])
    assert all(m.training for _, m in model.named_modules())
    assert model.eval() is model
    assert not any(m.training for _, m in model.named_modules())
    assert model.train() is model
    assert all(m.training for _, m in model.named_modules())


@pytest.mark.parametrize("mode", ["eval", 1, None])
def test_train_mode_must_be_a_bool(mode):
    with pytest.raises(TypeError, match="MLP.train: mode must be True or False, got"):
        nn.MLP([3, 4, 2]).train(mode)


def test_call_runs_forward_inside_a_scope_of_each_module():
    model = nn.MLP([3, 2], seed=0)
    output = model(ag.Tensor(np.ones((1, 3)), requires_grad=True))
    sigmoid_node = output.grad_fn
    linear_node = sigmoid_node.inputs[0].grad_fn
    assert [entry.owner for entry in sigmoid_node.scope] == [model, model.layers, model.layers[1]]
    assert [entry.owner for entry in linear_node.scope] == [model, model.layers, model.layers[0]]


def test_state_dict_holds_ordered_copies():
    model = nn.MLP([3, 4, 2], seed=0)
    state = model.state_dict()
    assert list(state) == [name for name, _ in model.named_parameters()]
    state["layers.0.weight"][...] = 7.0
    assert not np.any(model.layers[0].weight.data == 7.0)


def test_load_state_dict_copies_values_in_place():
    source, target = nn.MLP([3, 4, 2], seed=0), nn.MLP([3, 4, 2], seed=1)
    arrays_before = [p.data for p in target.parameters()]
    target.load_state_dict(source.state_dict())
    for (name, p), q in zip(target.named_parameters(), source.parameters()):
        np.testing.assert_array_equal(p.data, q.data, err_msg=name)
    assert all(p.data is a for p, a in zip(target.parameters(), arrays_before))


def test_a_graph_recorded_before_load_state_dict_cannot_be_differentiated_after_it():
    model = nn.MLP([3, 4, 2], seed=0)
    cost = nn.quadratic_cost(model(np.ones((2, 3))), np.zeros((2, 2)))
    model.load_state_dict(nn.MLP([3, 4, 2], seed=1).state_dict())
    with pytest.raises(RuntimeError, match="changed by an in-place operation"):
        cost.backward()


def _assert_unchanged(model, state_before):
    for name, array in model.state_dict().items():
        np.testing.assert_array_equal(array, state_before[name], err_msg=name)


@pytest.mark.parametrize("change, pattern", [
    (lambda s: s.pop("layers.2.bias"), r"Missing key\(s\) in state_dict: 'layers.2.bias'"),
    (lambda s: s.update(extra=np.zeros(1)), r"Unexpected key\(s\) in state_dict: 'extra'"),
    (lambda s: s.update({"layers.2.bias": np.zeros(3)}),
     r"size mismatch for 'layers.2.bias': shape \(3,\) in the state, \(2,\) in the module"),
    (lambda s: s.update({"layers.2.bias": np.array(["a", "b"])}),
     r"'layers.2.bias' holds no numbers: an array of dtype <U1"),
])
def test_a_bad_state_dict_names_the_entry_and_changes_nothing(change, pattern):
    model = nn.MLP([3, 4, 2], seed=0)
    before = model.state_dict()
    state = nn.MLP([3, 4, 2], seed=1).state_dict()
    change(state)
    with pytest.raises(RuntimeError, match=pattern):
        model.load_state_dict(state)
    _assert_unchanged(model, before)


def test_load_state_dict_needs_a_mapping():
    with pytest.raises(TypeError, match=r"expected a mapping name -> array \(.*\), got list"):
        nn.MLP([3, 2]).load_state_dict([np.zeros((2, 3)), np.zeros(2)])


def test_repr_nests_like_pytorch():
    assert repr(nn.MLP([784, 16, 10])) == (
        "MLP(\n"
        "  (layers): Sequential(\n"
        "    (0): Linear(in_features=784, out_features=16, bias=True)\n"
        "    (1): Sigmoid()\n"
        "    (2): Linear(in_features=16, out_features=10, bias=True)\n"
        "    (3): Sigmoid()\n"
        "  )\n"
        ")"
    )
    assert str(nn.Linear(784, 16)) == "Linear(in_features=784, out_features=16, bias=True)"
    assert repr(Pair()) == "Pair(\n  (first): Affine()\n  (second): Affine()\n)"
