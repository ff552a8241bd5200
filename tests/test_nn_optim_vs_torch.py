"""nn.optim against torch.optim (torch CPU): every optimizer, with each option that changes the
arithmetic, takes the same ten steps from the same parameters with the same gradients; also
with parameter groups of different settings, a group added midway, a learning rate changed
between steps, a parameter without a gradient at one step, in float32, and across a
state_dict round trip (which continues exactly as the uninterrupted run).

Tolerances: the two engines do the same float64 operations in the same order, but torch's CPU
kernels fuse some of them (a * b + c in one rounding), so the parameters differ in the last
bits; the denominators sqrt(v) + eps magnify that where a gradient is small against its
history. Parameters are compared to 1e-11 relative, 1e-14 absolute (float64).
"""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
import nn
from strategies import floats, seeds

STEPS = 10
PARAMETER_SHAPES = [(3, 2), (2,), ()]
RTOL, ATOL = 1e-13, 1e-15


def _run_both(make_ours, make_theirs, seed, dtype=np.float64, lr_change=None, groups=None,
              added_group=None):
    """Ten steps of both optimizers from the same parameters with the same gradients, and
    both final parameter lists. Parameter 1 has no gradient at step 3. `groups(params)` makes
    the params argument (default: the list); `added_group(param)` is a group added for one
    more parameter before step 4; `lr_change` is set in every group before step 6."""
    rng = np.random.default_rng(seed)
    starts = [rng.standard_normal(shape).astype(dtype) for shape in PARAMETER_SHAPES + [(2, 2)]]
    ours = [ag.Tensor(start.copy(), requires_grad=True) for start in starts]
    theirs = [torch.tensor(start, requires_grad=True) for start in starts]
    arrange = groups or (lambda params: params)
    our_optimizer = make_ours(arrange(ours[:3]))
    their_optimizer = make_theirs(arrange(theirs[:3]))
    for step in range(STEPS):
        if step == 4 and added_group is not None:
            our_optimizer.add_param_group(added_group(ours[3]))
            their_optimizer.add_param_group(added_group(theirs[3]))
        if step == 6 and lr_change is not None:
            for optimizer in (our_optimizer, their_optimizer):
                for group in optimizer.param_groups:
                    group["lr"] = lr_change
        our_optimizer.zero_grad()
        their_optimizer.zero_grad()
        for index, (our, their) in enumerate(zip(ours, theirs)):
            if step == 3 and index == 1:
                continue
            grad = rng.standard_normal(our.shape).astype(dtype)
            our.grad, their.grad = grad, torch.tensor(grad)
        our_optimizer.step()
        their_optimizer.step()
    return ours, theirs


def _assert_same_parameters(ours, theirs, rtol=RTOL, atol=ATOL):
    for our, their in zip(ours, theirs):
        assert our.dtype == their.detach().numpy().dtype
        np.testing.assert_allclose(our.data, their.detach().numpy(), rtol=rtol, atol=atol)


def _steps_agree(name, settings, seed=0, **options):
    ours, theirs = _run_both(lambda ps: getattr(nn.optim, name)(ps, **settings),
                             lambda ps: getattr(torch.optim, name)(ps, **settings),
                             seed, **options)
    _assert_same_parameters(ours, theirs)


CASES = {
    "SGD": [dict(lr=0.1), dict(lr=0.1, momentum=0.9), dict(lr=0.1, momentum=0.9, nesterov=True),
            dict(lr=0.1, momentum=0.9, dampening=0.3), dict(lr=0.1, weight_decay=0.1),
            dict(lr=0.1, momentum=0.5, weight_decay=0.01, nesterov=True, maximize=True),
            dict(lr=0.05, momentum=0.9, dampening=0.5, weight_decay=0.1, maximize=True)],
    "Adam": [dict(), dict(lr=0.01, weight_decay=0.1), dict(lr=0.01, amsgrad=True),
             dict(lr=0.01, betas=(0.3, 0.5), eps=1e-3), dict(lr=0.01, maximize=True),
             dict(lr=0.02, betas=(0.8, 0.9), weight_decay=0.1, amsgrad=True, maximize=True)],
    "AdamW": [dict(), dict(lr=0.01, weight_decay=0.1), dict(lr=0.01, amsgrad=True),
              dict(lr=0.01, weight_decay=0.0), dict(lr=0.02, betas=(0.4, 0.9), maximize=True),
              dict(lr=0.02, weight_decay=0.5, amsgrad=True, maximize=True)],
    "RMSprop": [dict(), dict(lr=0.01, momentum=0.9), dict(lr=0.01, centered=True),
                dict(lr=0.01, centered=True, momentum=0.5, weight_decay=0.1),
                dict(lr=0.01, alpha=0.5, eps=1e-3, maximize=True),
                dict(lr=0.005, alpha=0.9, momentum=0.9, centered=True, maximize=True)],
    "Adagrad": [dict(), dict(lr=0.1, lr_decay=0.05), dict(lr=0.1, weight_decay=0.1),
                dict(lr=0.1, initial_accumulator_value=0.5, eps=1e-3),
                dict(lr=0.1, lr_decay=0.01, weight_decay=0.01, maximize=True)],
}
NAMED_CASES = [(name, settings) for name, cases in CASES.items() for settings in cases]
CASE_IDS = [f"{name}-{settings}" for name, settings in NAMED_CASES]


@pytest.mark.parametrize("name, settings", NAMED_CASES, ids=CASE_IDS)
def test_ten_steps_are_torchs(name, settings):
    _steps_agree(name, settings)


@pytest.mark.parametrize("name, settings", NAMED_CASES, ids=CASE_IDS)
def test_ten_steps_in_float32_are_torchs_to_float32_rounding(name, settings):
    ours, theirs = _run_both(lambda ps: getattr(nn.optim, name)(ps, **settings),
                             lambda ps: getattr(torch.optim, name)(ps, **settings),
                             seed=2, dtype=np.float32)
    _assert_same_parameters(ours, theirs, rtol=2e-5, atol=2e-6)


@pytest.mark.parametrize("name", CASES)
def test_groups_with_their_own_settings_and_a_group_added_midway_are_torchs(name):
    extra = {"SGD": dict(momentum=0.5), "Adam": dict(betas=(0.5, 0.9)),
             "AdamW": dict(weight_decay=0.3), "RMSprop": dict(centered=True),
             "Adagrad": dict(lr_decay=0.1)}[name]

    def groups(params):
        return [{"params": params[:1]}, {"params": params[1:], "lr": 0.003, **extra}]

    _steps_agree(name, dict(lr=0.05), seed=3, groups=groups, lr_change=0.02,
                 added_group=lambda param: {"params": [param], "lr": 0.2, **extra})


@given(st.sampled_from(list(CASES)), seeds, floats(1e-3, 0.5), st.none() | floats(1e-3, 0.5))
def test_any_learning_rates_give_torchs_steps(name, seed, lr, lr_change):
    _steps_agree(name, dict(lr=lr), seed, lr_change=lr_change)


sgd_settings = st.fixed_dictionaries({
    "lr": floats(1e-3, 1.0), "momentum": st.sampled_from([0.0, 0.9]) | floats(0.0, 0.99),
    "dampening": st.sampled_from([0.0, 0.5]), "weight_decay": floats(0.0, 0.5),
    "nesterov": st.booleans(), "maximize": st.booleans(),
}).filter(lambda s: not s["nesterov"] or (s["momentum"] > 0 and s["dampening"] == 0))
adam_settings = st.fixed_dictionaries({
    "lr": floats(1e-4, 0.5), "betas": st.tuples(floats(0.0, 0.99), floats(0.5, 0.999)),
    "eps": st.sampled_from([1e-8, 1e-3]), "weight_decay": floats(0.0, 0.5),
    "amsgrad": st.booleans(), "maximize": st.booleans(),
})
rmsprop_settings = st.fixed_dictionaries({
    "lr": floats(1e-4, 0.1), "alpha": floats(0.5, 0.999), "eps": st.sampled_from([1e-8, 1e-3]),
    "weight_decay": floats(0.0, 0.5), "momentum": st.sampled_from([0.0, 0.9]),
    "centered": st.booleans(), "maximize": st.booleans(),
})
adagrad_settings = st.fixed_dictionaries({
    "lr": floats(1e-3, 0.5), "lr_decay": floats(0.0, 0.5), "weight_decay": floats(0.0, 0.5),
    "initial_accumulator_value": floats(0.0, 1.0), "eps": st.sampled_from([1e-10, 1e-3]),
    "maximize": st.booleans(),
})


@given(st.sampled_from(["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"]).flatmap(
    lambda name: st.tuples(st.just(name), {"SGD": sgd_settings, "Adam": adam_settings,
                                           "AdamW": adam_settings, "RMSprop": rmsprop_settings,
                                           "Adagrad": adagrad_settings}[name])), seeds)
def test_any_settings_give_torchs_steps(name_and_settings, seed):
    name, settings = name_and_settings
    _steps_agree(name, settings, seed)


@pytest.mark.parametrize("name, settings", NAMED_CASES, ids=CASE_IDS)
def test_a_state_dict_round_trip_continues_exactly(name, settings):
    """Five steps, state_dict() into a new optimizer over copies of the parameters, five more
    steps: bit for bit the parameters of ten uninterrupted steps."""
    rng = np.random.default_rng(4)
    params = [ag.Tensor(rng.standard_normal(shape), requires_grad=True)
              for shape in PARAMETER_SHAPES]
    grads = [[rng.standard_normal(shape) for shape in PARAMETER_SHAPES] for _ in range(STEPS)]
    make = getattr(nn.optim, name)
    whole = make(params, **settings)
    for step, step_grads in enumerate(grads):
        if step == 5:
            copies = [ag.Tensor(p.data.copy(), requires_grad=True) for p in params]
            resumed = make(copies, lr=0.5)
            resumed.load_state_dict(whole.state_dict())
        for param, grad in zip(params, step_grads):
            param.grad = grad.copy()
        whole.step()
        if step >= 5:
            for param, grad in zip(copies, step_grads):
                param.grad = grad.copy()
            resumed.step()
    for copy, param in zip(copies, params):
        np.testing.assert_array_equal(copy.data, param.data)
    assert resumed.param_groups[0]["lr"] == whole.param_groups[0]["lr"]


@pytest.mark.parametrize("name, settings", NAMED_CASES, ids=CASE_IDS)
def test_state_dict_holds_torchs_keys(name, settings):
    """The same state entries per parameter, and the group entries we have are torch's (torch
    has more: foreach, fused, differentiable, ...; see test_nn_optim_differences.py)."""
    state_dicts = []
    for engine, optim, tensor in ((ag, nn.optim, ag.Tensor), (torch, torch.optim, torch.tensor)):
        params = [tensor(np.ones(shape), requires_grad=True) for shape in PARAMETER_SHAPES]
        optimizer = getattr(optim, name)(params, **settings)
        for param in params[:2]:
            param.grad = tensor(np.ones(param.shape))
        optimizer.step()
        state_dicts.append(optimizer.state_dict())
    ours, theirs = state_dicts
    assert ours["state"].keys() == theirs["state"].keys()
    for index, state in ours["state"].items():
        assert set(state) == set(theirs["state"][index])
    our_group, their_group = ours["param_groups"][0], theirs["param_groups"][0]
    assert our_group == {key: their_group[key] for key in our_group}
