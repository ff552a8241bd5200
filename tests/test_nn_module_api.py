"""nn.Module against torch.nn.Module: walking the tree (modules, children, apply), looking up
by dotted name, registering by name, attribute assignment, gradients switches and repr.
The same networks are built in both libraries and their answers compared.

Deliberate difference (named here, listed in the report): ModuleList's repr lists every
child; PyTorch's folds runs of equal children into one line ("(0-1): 2 x Linear(...)"):
test_module_list_repr_lists_each_child.
"""
import numpy as np
import pytest
import torch

import autograd as ag
import nn


def _pair_of_trees():
    """A tree with a shared child (`shared` appears under two names) in both libraries."""
    ours_leaf, theirs_leaf = nn.Linear(2, 2), torch.nn.Linear(2, 2)
    ours = nn.Sequential(ours_leaf, nn.Sequential(nn.Sigmoid(), ours_leaf), nn.Tanh())
    theirs = torch.nn.Sequential(theirs_leaf,
                                 torch.nn.Sequential(torch.nn.Sigmoid(), theirs_leaf),
                                 torch.nn.Tanh())
    return ours, theirs


def _names(pairs):
    return [name for name, _ in pairs]


def _kinds(modules):
    return [type(module).__name__ for module in modules]


# -- walking the tree -------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs", [{}, {"prefix": "net"}, {"remove_duplicate": False}])
def test_named_modules_matches_torch(kwargs):
    ours, theirs = _pair_of_trees()
    assert _names(ours.named_modules(**kwargs)) == _names(theirs.named_modules(**kwargs))
    assert _kinds(ours.modules()) == _kinds(theirs.modules())


def test_named_modules_skips_what_the_memo_holds():
    ours, theirs = _pair_of_trees()
    got = _names(ours.named_modules(memo={ours[1]}))
    assert got == _names(theirs.named_modules(memo={theirs[1]})) == ["", "0", "2"]


def test_children_and_named_children_match_torch():
    ours, theirs = _pair_of_trees()
    assert _names(ours.named_children()) == _names(theirs.named_children()) == ["0", "1", "2"]
    assert _kinds(ours.children()) == _kinds(theirs.children())
    ours.again, theirs.again = ours[0], theirs[0]  # one child under a second name
    assert _names(ours.named_children()) == _names(theirs.named_children())


@pytest.mark.parametrize("kwargs", [{}, {"prefix": "net"}, {"recurse": False},
                                    {"remove_duplicate": False}])
def test_named_parameters_matches_torch(kwargs):
    ours, theirs = _pair_of_trees()
    assert _names(ours.named_parameters(**kwargs)) == _names(theirs.named_parameters(**kwargs))
    recurse = kwargs.get("recurse", True)
    assert len(list(ours.parameters(recurse))) == len(list(theirs.parameters(recurse)))


def test_apply_visits_children_first_and_returns_self():
    ours, theirs = _pair_of_trees()
    ours_seen, theirs_seen = [], []
    assert ours.apply(lambda m: ours_seen.append(type(m).__name__)) is ours
    theirs.apply(lambda m: theirs_seen.append(type(m).__name__))
    assert ours_seen == theirs_seen


def test_apply_can_initialise_every_linear_layer():
    def init(module):
        if isinstance(module, nn.Linear):
            nn.init.constant_(module.weight, 0.5)
            nn.init.zeros_(module.bias)

    model = nn.MLP([3, 4, 2]).apply(init)
    for layer in model.layers[::2]:
        assert np.all(layer.weight.data == 0.5) and np.all(layer.bias.data == 0)


# -- looking up by name ------------------------------------------------------------------------

def test_get_submodule_parameter_and_buffer_find_what_torch_finds():
    ours, theirs = _pair_of_trees()
    ours[1].register_buffer("count", ag.zeros(1))
    theirs[1].register_buffer("count", torch.zeros(1))
    assert ours.get_submodule("") is ours
    assert type(ours.get_submodule("1.0")).__name__ == type(theirs.get_submodule("1.0")).__name__
    assert ours.get_parameter("1.1.weight") is ours[0].weight
    assert ours.get_buffer("1.count") is ours[1].count
    assert theirs.get_buffer("1.count") is theirs[1].count


@pytest.mark.parametrize("method, target, pattern", [
    ("get_submodule", "1.5", r"get_submodule\('1.5'\): Sequential.5 does not exist"),
    ("get_submodule", "0.weight", r"get_submodule\('0.weight'\): Linear.weight is not a Module"),
    ("get_parameter", "0.scale", r"get_parameter\('0.scale'\): Linear has no parameter named "
                                 r"'scale'"),
    ("get_buffer", "0.weight", r"get_buffer\('0.weight'\): Linear has no buffer named 'weight'"),
    ("get_parameter", "9.weight", r"get_submodule\('9'\): Sequential.9 does not exist"),
])
def test_lookups_raise_attribute_error_as_torch(method, target, pattern):
    ours, theirs = _pair_of_trees()
    with pytest.raises(AttributeError, match=pattern):
        getattr(ours, method)(target)
    with pytest.raises(AttributeError):
        getattr(theirs, method)(target)


def test_lookups_need_a_string():
    with pytest.raises(TypeError, match="get_parameter: target must be a dotted name"):
        nn.Linear(2, 2).get_parameter(0)


# -- registering by name and assigning -------------------------------------------------------

def test_register_parameter_and_add_module_register_as_assignment_does():
    ours, theirs = nn.Module(), torch.nn.Module()
    ours.register_parameter("w", nn.Parameter(np.ones(2)))
    theirs.register_parameter("w", torch.nn.Parameter(torch.ones(2)))
    ours.register_parameter("b", None)
    theirs.register_parameter("b", None)
    ours.add_module("first", nn.Linear(2, 2))
    theirs.add_module("first", torch.nn.Linear(2, 2))
    ours.register_module("second", nn.ReLU())
    theirs.register_module("second", torch.nn.ReLU())
    assert _names(ours.named_parameters()) == _names(theirs.named_parameters())
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert _names(ours.named_children()) == _names(theirs.named_children())
    assert ours.b is None and ours.w is ours.get_parameter("w")


@pytest.mark.parametrize("call, error, pattern", [
    (lambda m: m.register_parameter("x", ag.zeros(1)), TypeError,
     r"cannot register Tensor .* as parameter 'x': expected an nn.Parameter or None"),
    (lambda m: m.register_parameter("a.b", None), KeyError, "without '.'"),
    (lambda m: m.register_parameter("in_features", None), KeyError,
     "'in_features' already exists"),
    (lambda m: m.add_module("relu", "relu"), TypeError,
     r"cannot add str 'relu' as child module 'relu': expected an nn.Module or None"),
    (lambda m: m.add_module(3, None), TypeError, "the module name must be a string, got int 3"),
    (lambda m: m.add_module("", None), KeyError, "must be non-empty"),
])
def test_registering_refuses_what_torch_refuses(call, error, pattern):
    with pytest.raises(error, match=r"(Linear\.\w+: )?" + pattern):
        call(nn.Linear(2, 2))
    with pytest.raises(error):
        call(torch.nn.Linear(2, 2))


def test_a_registered_name_takes_only_its_own_kind_as_torch():
    ours, theirs = nn.Linear(2, 2), torch.nn.Linear(2, 2)
    for model, tensor in ((ours, ag.zeros((2, 2))), (theirs, torch.zeros(2, 2))):
        with pytest.raises(TypeError, match="parameter 'weight'"):
            model.weight = tensor
    ours.bias, theirs.bias = None, None
    assert _names(ours.named_parameters()) == _names(theirs.named_parameters()) == ["weight"]
    outer, torch_outer = nn.Sequential(ours), torch.nn.Sequential(theirs)
    for model in (outer, torch_outer):
        with pytest.raises(TypeError, match="child module '0'"):
            setattr(model, "0", 5)
    setattr(outer, "0", None)
    setattr(torch_outer, "0", None)
    assert repr(outer) == repr(torch_outer) == "Sequential(\n  (0): None\n)"
    assert list(outer.state_dict()) == list(torch_outer.state_dict()) == []
    assert outer.double() is outer and list(outer.modules()) == [outer]


# -- gradient switches ------------------------------------------------------------------------

def _backward(model):
    model.zero_grad()
    nn.quadratic_cost(model(np.ones((2, 3))), np.zeros((2, 2))).backward()


def test_zero_grad_sets_to_none_or_zeros_in_place():
    model = nn.MLP([3, 4, 2], seed=0)
    _backward(model)
    grads = [p.grad for p in model.parameters()]
    model.zero_grad(set_to_none=False)
    for parameter, grad in zip(model.parameters(), grads):
        assert parameter.grad is grad and not np.any(grad)
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())
    with pytest.raises(TypeError, match="MLP.zero_grad: set_to_none must be True or False"):
        model.zero_grad(0)


def test_zero_grad_detaches_a_recorded_gradient():
    parameter = nn.Parameter([1.0, 2.0])
    module = nn.Module()
    module.p = parameter
    (parameter * parameter).sum().backward(create_graph=True)
    assert parameter.grad.grad_fn is not None
    module.zero_grad(set_to_none=False)
    assert parameter.grad.grad_fn is None and not np.any(parameter.grad.data)


def test_requires_grad_freezes_and_thaws_every_parameter():
    model = nn.MLP([3, 4, 2], seed=0)
    assert model.requires_grad_(False) is model
    assert not any(p.requires_grad for p in model.parameters())
    model.layers[2].requires_grad_()
    _backward(model)
    assert model.layers[0].weight.grad is None and model.layers[2].weight.grad is not None
    with pytest.raises(TypeError, match="requires_grad_: requires_grad must be True or False"):
        model.requires_grad_("no")


# -- repr ---------------------------------------------------------------------------------------

def test_repr_matches_torch_for_the_layers_both_have():
    ours = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Sigmoid(), nn.Tanh()),
                         nn.Linear(3, 1, bias=False))
    theirs = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(),
                                 torch.nn.Sequential(torch.nn.Sigmoid(), torch.nn.Tanh()),
                                 torch.nn.Linear(3, 1, bias=False))
    assert repr(ours) == repr(theirs)
    assert repr(nn.Module()) == repr(torch.nn.Module()) == "Module()"


def test_repr_lays_out_multi_line_settings_as_torch():
    def settings(module):
        return "a=1\nb=2"

    class Ours(nn.Module):
        extra_repr = settings

    class Theirs(torch.nn.Module):
        extra_repr = settings

    ours, theirs = nn.Module(), torch.nn.Module()
    ours.inner, theirs.inner = Ours(), Theirs()
    assert repr(ours).replace("Ours", "Theirs") == repr(theirs)
    assert repr(Ours()) == "Ours(\n  a=1\n  b=2\n)"


def test_module_list_repr_lists_each_child():
    ours = nn.ModuleList([nn.Linear(1, 1), nn.Linear(1, 1)])
    assert repr(ours) == ("ModuleList(\n  (0): Linear(in_features=1, out_features=1, bias=True)"
                          "\n  (1): Linear(in_features=1, out_features=1, bias=True)\n)")
    theirs = torch.nn.ModuleList([torch.nn.Linear(1, 1), torch.nn.Linear(1, 1)])
    assert "(0-1): 2 x Linear" in repr(theirs)
