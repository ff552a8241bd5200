"""nn.optim's PyTorch interface beyond the update rules: parameter groups, zero_grad,
step(closure), in-place updates and version counters for every optimizer, and the
deliberate differences from torch.optim (each test named so)."""
import numpy as np
import pytest
import torch

import autograd as ag
import nn
from nn.optim import SGD, Adagrad, Adam, AdamW, RMSprop

ALL = [lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True),
       lambda ps: Adam(ps, lr=0.01, weight_decay=0.1, amsgrad=True),
       lambda ps: AdamW(ps, lr=0.01, maximize=True),
       lambda ps: RMSprop(ps, momentum=0.5, centered=True, weight_decay=0.1),
       lambda ps: Adagrad(ps, lr_decay=0.1, weight_decay=0.1)]
NAMES = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"]


def _model_and_loss(seed=0):
    model = nn.MLP([3, 4, 2], seed=seed, dtype="float64")
    return model, lambda: nn.quadratic_cost(model(np.ones((2, 3))), np.zeros((2, 2)))


def _kept_arrays(optimizer):
    """The arrays of the state and the scratch arrays, the same objects from step to step."""
    state = [a for s in optimizer.state.values() for a in s.values() if isinstance(a, np.ndarray)]
    return state + [a for _, pair in optimizer._work.values() for a in pair]


@pytest.mark.parametrize("make", ALL, ids=NAMES)
def test_steps_update_in_place_allocate_nothing_after_the_first_and_mark_changes(make):
    model, loss = _model_and_loss()
    arrays = [p.data for p in model.parameters()]
    optimizer = make(model.parameters())
    loss().backward()
    optimizer.step()
    kept = _kept_arrays(optimizer)
    recorded = loss()
    versions = [p._version for p in model.parameters()]
    optimizer.step()
    assert [p._version for p in model.parameters()] == [v + 1 for v in versions]
    assert all(p.data is a for p, a in zip(model.parameters(), arrays))
    assert all(p.is_leaf and p.requires_grad for p in model.parameters())
    assert all(a is b for a, b in zip(_kept_arrays(optimizer), kept, strict=True))
    with pytest.raises(RuntimeError, match="changed by an in-place operation"):
        recorded.backward()


@pytest.mark.parametrize("make", ALL, ids=NAMES)
def test_float32_parameters_stay_float32(make):
    model = nn.MLP([3, 4, 2], seed=0)
    optimizer = make(model.parameters())
    for _ in range(2):
        optimizer.zero_grad()
        nn.quadratic_cost(model(np.ones((2, 3))), np.zeros((2, 2))).backward()
        optimizer.step()
    for param in model.parameters():
        assert param.dtype == np.float32
        for value in optimizer.state[param].values():
            assert not isinstance(value, np.ndarray) or value.dtype == np.float32


def test_zero_grad_set_to_none_false_zeros_in_place_as_torch():
    model, loss = _model_and_loss()
    optimizer = SGD(model.parameters(), lr=0.1)
    loss().backward()
    arrays = [p.grad for p in model.parameters()]
    optimizer.zero_grad(set_to_none=False)
    assert all(p.grad is a and not a.any() for p, a in zip(model.parameters(), arrays))
    loss().backward()
    optimizer.zero_grad()
    assert all(p.grad is None for p in model.parameters())
    w = ag.Tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward(create_graph=True)
    recorded = w.grad
    SGD([w]).zero_grad(set_to_none=False)
    np.testing.assert_array_equal(w.grad, [0.0, 0.0])
    np.testing.assert_array_equal(recorded.data, [2.0, 4.0])


def test_step_calls_the_closure_under_enable_grad_and_returns_its_loss():
    model, loss = _model_and_loss()
    optimizer = Adam(model.parameters())

    def closure():
        optimizer.zero_grad()
        value = loss()
        value.backward()
        return value

    with ag.no_grad():
        returned = optimizer.step(closure)
    assert isinstance(returned, ag.Tensor) and optimizer.state[model.layers[0].weight]["step"] == 1
    assert optimizer.step() is None


def test_parameter_groups_take_the_defaults_they_omit_and_keep_extra_keys():
    a, b = (ag.Tensor(np.ones(2), requires_grad=True) for _ in range(2))
    optimizer = SGD([{"params": [a], "name": "first"}, {"params": b, "lr": 0.5}], lr=0.1,
                    momentum=0.9)
    assert [g["lr"] for g in optimizer.param_groups] == [0.1, 0.5]
    assert optimizer.param_groups[0]["name"] == "first"
    second = optimizer.param_groups[1]
    assert second["params"] == [b] and second["momentum"] == 0.9
    assert optimizer.defaults == dict(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.0,
                                      nesterov=False, maximize=False)


@pytest.mark.parametrize("group, error, pattern", [
    ([1.0], TypeError, r"a parameter group is a dict with a 'params' entry, got list"),
    ({"lr": 0.1}, KeyError, "SGD.add_param_group: the parameter group has no 'params' entry"),
    ({"params": "first"}, TypeError, "parameter 0 must be a Tensor, got str"),
    ({"params": [], "lr": -1.0}, ValueError, r"SGD: lr must be a number in \(0, inf\)"),
    ({"params": [], "momentum": "high"}, TypeError, "SGD: momentum must be a number"),
    ({"params": [], "nesterov": True}, ValueError, "nesterov=True needs momentum > 0 and "
                                                   "dampening=0, got momentum=0,"),
    ("shared", ValueError, "some parameters appear in more than one parameter group"),
])
def test_add_param_group_refuses_bad_groups_clearly(group, error, pattern):
    shared = ag.Tensor([1.0], requires_grad=True)
    optimizer = SGD([shared], lr=0.1)
    with pytest.raises(error, match=pattern):
        optimizer.add_param_group({"params": [shared]} if group == "shared" else group)
    assert len(optimizer.param_groups) == 1


@pytest.mark.parametrize("make, error, pattern", [
    (lambda ps: Adam(ps, amsgrad=1), TypeError, "Adam: amsgrad must be True or False, got int"),
    (lambda ps: AdamW(ps, betas=[0.9]), TypeError, r"AdamW: betas must be a pair"),
    (lambda ps: AdamW(ps, weight_decay=-0.1), ValueError, "AdamW: weight_decay must be"),
    (lambda ps: RMSprop(ps, alpha=-0.1), ValueError, r"RMSprop: alpha must be a number in \[0"),
    (lambda ps: RMSprop(ps, centered="yes"), TypeError, "RMSprop: centered must be True or"),
    (lambda ps: RMSprop(ps, eps=-1.0), ValueError, "RMSprop: eps must be"),
    (lambda ps: Adagrad(ps, lr_decay=-1.0), ValueError, "Adagrad: lr_decay must be"),
    (lambda ps: Adagrad(ps, initial_accumulator_value=-1.0), ValueError,
     "Adagrad: initial_accumulator_value must be"),
    (lambda ps: SGD(ps, lr=0.1, dampening=float("nan")), ValueError, "SGD: dampening must be"),
    (lambda ps: SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, nesterov=True), ValueError,
     "nesterov=True needs momentum > 0 and dampening=0"),
    (lambda ps: SGD(ps, 0.1, 0.9, 0.0, 0.0, False, True), TypeError, "positional"),
])
def test_bad_hyperparameters_are_refused_where_torch_refuses_them_and_named(make, error, pattern):
    params = [ag.Tensor(np.ones(2), requires_grad=True)]
    with pytest.raises(error, match=pattern):
        make(params)


def test_the_new_parameters_of_load_state_dict_are_checked():
    optimizer = Adam([ag.Tensor(np.ones(2), requires_grad=True)])
    state = optimizer.state_dict()
    with pytest.raises(KeyError, match=r"expected a dict with keys \['param_groups', 'state'\]"):
        optimizer.load_state_dict({"state": {}})
    with pytest.raises(ValueError, match="the state has 2 parameter groups, the optimizer has 1"):
        optimizer.load_state_dict({**state, "param_groups": state["param_groups"] * 2})


# -- deliberate differences from torch.optim ---------------------------------------------------

def test_deliberate_difference_lr_zero_is_refused_at_construction_but_loads():
    w = [ag.Tensor([1.0], requires_grad=True)]
    torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=0.0)  # torch accepts it
    with pytest.raises(ValueError, match=r"SGD: lr must be a number in \(0, inf\), got 0"):
        SGD(w, lr=0.0)
    optimizer = SGD(w, lr=0.1)
    state = optimizer.state_dict()
    state["param_groups"][0]["lr"] = 0.0          # where a scheduler may have brought it
    optimizer.load_state_dict(state)
    assert optimizer.param_groups[0]["lr"] == 0.0


def test_deliberate_difference_duplicates_and_sets_are_errors():
    p = torch.ones(1, requires_grad=True)
    with pytest.warns(UserWarning, match="duplicate parameters"):
        torch.optim.SGD([p, p], lr=0.1)
    torch.optim.SGD({p}, lr=0.1)
    w = ag.Tensor([1.0], requires_grad=True)
    with pytest.raises(ValueError, match="a parameter appears more than once"):
        SGD([w, w], lr=0.1)
    with pytest.raises(TypeError, match="not a set"):
        SGD({w}, lr=0.1)


def test_deliberate_difference_no_lr_attribute_and_no_device_options():
    w = ag.Tensor([1.0], requires_grad=True)
    optimizer = SGD([w], lr=0.1)
    with pytest.raises(AttributeError, match="per parameter group"):
        optimizer.lr = 0.5
    torch_group = torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=0.1).param_groups[0]
    assert {"foreach", "differentiable", "fused"} <= set(torch_group)
    assert not {"foreach", "differentiable", "fused"} & set(optimizer.param_groups[0])
    with pytest.raises(TypeError):
        SGD([w], lr=0.1, foreach=True)


def test_deliberate_difference_step_counts_are_ints_and_state_dict_arrays_are_copies():
    w = ag.Tensor([1.0], requires_grad=True)
    optimizer = Adam([w])
    w.grad = np.ones(1)
    optimizer.step()
    state = optimizer.state_dict()["state"][0]
    assert state["step"] == 1 and isinstance(state["step"], int)
    assert state["exp_avg"] is not optimizer.state[w]["exp_avg"]


def test_deliberate_difference_adagrad_starts_a_group_at_its_own_accumulator_value():
    a, b = (ag.Tensor(np.ones(2), requires_grad=True) for _ in range(2))
    optimizer = Adagrad([{"params": [a]}, {"params": [b], "initial_accumulator_value": 2.0}])
    np.testing.assert_array_equal(optimizer.state[a]["sum"], [0.0, 0.0])
    np.testing.assert_array_equal(optimizer.state[b]["sum"], [2.0, 2.0])
    ta, tb = (torch.ones(2, requires_grad=True) for _ in range(2))
    theirs = torch.optim.Adagrad([{"params": [ta]}, {"params": [tb],
                                                      "initial_accumulator_value": 2.0}])
    assert theirs.state[tb]["sum"].tolist() == [0.0, 0.0]   # torch uses the default's


def test_parameters_that_do_not_require_grad_are_accepted_and_left_alone_as_torch():
    frozen = ag.Tensor(np.ones(2))
    trained = ag.Tensor(np.ones(2), requires_grad=True)
    optimizer = SGD([frozen, trained], lr=0.5)
    trained.grad = np.ones(2)
    optimizer.step()
    np.testing.assert_array_equal(frozen.data, [1.0, 1.0])
    np.testing.assert_array_equal(trained.data, [0.5, 0.5])


def test_repr_lists_each_group_as_torch_does():
    ours = Adam([{"params": [ag.Tensor([1.0], requires_grad=True)]},
                 {"params": [ag.Tensor([1.0], requires_grad=True)], "lr": 0.5}])
    theirs = torch.optim.Adam([{"params": [torch.ones(1, requires_grad=True)]},
                               {"params": [torch.ones(1, requires_grad=True)], "lr": 0.5}])
    device_options = ("capturable", "decoupled_weight_decay", "differentiable", "foreach",
                      "fused")
    their_lines = [line for line in repr(theirs).splitlines()
                   if not line.strip().startswith(device_options)]
    assert repr(ours).splitlines() == their_lines


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_torchs(name):
    ours = getattr(nn.optim, name)([ag.Tensor([1.0], requires_grad=True)])
    theirs = getattr(torch.optim, name)([torch.ones(1, requires_grad=True)])
    assert ours.defaults == {key: theirs.defaults[key] for key in ours.defaults}
    assert ours.param_groups[0]["lr"] == theirs.param_groups[0]["lr"]
