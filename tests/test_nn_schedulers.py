"""nn.optim.lr_scheduler against torch.optim.lr_scheduler: every scheduler, with the options
that change its formula, sets the same learning rates (and, for OneCycleLR, momenta) as
torch's at every step, and the optimizer it drives ends at torch's parameters; state_dict
round trips continue the schedule exactly; bad arguments are clear errors."""
import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
import nn
from nn.optim import lr_scheduler
from strategies import floats, seeds

STEPS = 25
SHAPES = [(3, 2), (2,)]


def _optimizers(name, seed=0, groups=False, **settings):
    """The same optimizer in both engines over the same parameters (two groups of different
    learning rates with `groups`)."""
    rng = np.random.default_rng(seed)
    starts = [rng.standard_normal(shape) for shape in SHAPES]
    made = []
    for optim, tensor in ((nn.optim, ag.Tensor), (torch.optim, torch.tensor)):
        params = [tensor(start.copy(), requires_grad=True) for start in starts]
        arranged = ([{"params": params[:1]}, {"params": params[1:], "lr": 0.02}] if groups
                    else params)
        made.append((getattr(optim, name)(arranged, lr=0.1, **settings), params))
    return made, rng


def _momenta(optimizer):
    return [group.get("betas", (group.get("momentum"),))[0] for group in optimizer.param_groups]


def _schedules_agree(scheduler_name, optimizer_name="SGD", steps=STEPS, groups=False,
                     metrics=None, optimizer_settings=None, **settings):
    """Step both optimizers (same gradients) and both schedulers `steps` times; the rates and
    momenta agree at every step and the parameters at the end."""
    ((ours, our_params), (theirs, their_params)), rng = _optimizers(
        optimizer_name, groups=groups, **(optimizer_settings or {}))
    our_scheduler = getattr(lr_scheduler, scheduler_name)(ours, **settings)
    their_scheduler = getattr(torch.optim.lr_scheduler, scheduler_name)(theirs, **settings)
    for step in range(steps):
        assert our_scheduler.get_last_lr() == their_scheduler.get_last_lr(), step
        assert _momenta(ours) == _momenta(theirs), step
        for our, their in zip(our_params, their_params):
            grad = rng.standard_normal(our.shape)
            our.grad, their.grad = grad, torch.tensor(grad)
        ours.step()
        theirs.step()
        if metrics is None:
            our_scheduler.step()
            their_scheduler.step()
        else:
            our_scheduler.step(metrics[step])
            their_scheduler.step(metrics[step])
    assert our_scheduler.get_last_lr() == their_scheduler.get_last_lr()
    assert our_scheduler.last_epoch == their_scheduler.last_epoch
    for our, their in zip(our_params, their_params):
        np.testing.assert_allclose(our.data, their.detach().numpy(), rtol=1e-13, atol=1e-15)


SCHEDULES = [
    ("StepLR", dict(step_size=3)), ("StepLR", dict(step_size=1, gamma=0.5)),
    ("MultiStepLR", dict(milestones=[2, 5, 5, 11])), ("MultiStepLR", dict(milestones=[], gamma=2)),
    ("ExponentialLR", dict(gamma=0.9)),
    ("CosineAnnealingLR", dict(T_max=7)), ("CosineAnnealingLR", dict(T_max=4, eta_min=0.01)),
    ("CosineAnnealingLR", dict(T_max=1)),
    ("LambdaLR", dict(lr_lambda=lambda epoch: 0.95 ** epoch)),
    ("LambdaLR", dict(lr_lambda=[lambda epoch: 1 / (epoch + 1), lambda epoch: epoch % 3])),
    ("OneCycleLR", dict(max_lr=1.0, total_steps=STEPS)),
    ("OneCycleLR", dict(max_lr=[1.0, 0.5], epochs=5, steps_per_epoch=5, pct_start=0.4,
                        anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0)),
    ("OneCycleLR", dict(max_lr=0.3, total_steps=STEPS + 3, three_phase=True)),
    ("OneCycleLR", dict(max_lr=0.3, total_steps=STEPS, cycle_momentum=False)),
]
IDS = [f"{name}-{index}" for index, (name, _) in enumerate(SCHEDULES)]


@pytest.mark.parametrize("name, settings", SCHEDULES, ids=IDS)
def test_rates_and_parameters_are_torchs(name, settings):
    _schedules_agree(name, groups=True, optimizer_settings=dict(momentum=0.9), **settings)


@pytest.mark.parametrize("optimizer_name", ["Adam", "AdamW", "RMSprop", "SGD"])
@pytest.mark.parametrize("three_phase", [False, True])
def test_one_cycle_moves_each_optimizers_momentum_as_torch(optimizer_name, three_phase):
    _schedules_agree("OneCycleLR", optimizer_name, max_lr=0.05, total_steps=STEPS,
                     three_phase=three_phase, base_momentum=0.7, max_momentum=0.9)


@given(st.sampled_from(["min", "max"]), st.sampled_from(["rel", "abs"]),
       floats(0.0, 0.99), st.integers(0, 3), st.integers(0, 2), floats(0.0, 0.1),
       st.sampled_from([0.0, 0.003]), seeds)
def test_reduce_on_plateau_follows_torch(mode, threshold_mode, factor, patience, cooldown,
                                         threshold, min_lr, seed):
    rng = np.random.default_rng(seed)
    plateaus = np.repeat(rng.standard_normal(8), rng.integers(1, 5, 8))
    metrics = list(np.concatenate([plateaus, rng.standard_normal(STEPS)])[:STEPS])
    _schedules_agree("ReduceLROnPlateau", metrics=metrics, groups=True, mode=mode,
                     threshold_mode=threshold_mode, factor=factor, patience=patience,
                     cooldown=cooldown, threshold=threshold, min_lr=min_lr)


def test_reduce_on_plateau_takes_a_min_lr_per_group_and_a_tensor_metric():
    _schedules_agree("ReduceLROnPlateau", metrics=[1.0] * STEPS, groups=True, patience=1,
                     factor=0.5, min_lr=[0.02, 0.001])
    ((ours, _), _), _ = _optimizers("SGD")
    scheduler = lr_scheduler.ReduceLROnPlateau(ours, patience=0)
    scheduler.step(ag.Tensor(1.0))
    scheduler.step(ag.Tensor([2.0]))
    assert scheduler.get_last_lr() == [0.1 * 0.1]


@given(st.sampled_from(range(len(SCHEDULES))), st.integers(1, STEPS - 1))
def test_a_state_dict_round_trip_continues_the_schedule(index, split):
    """Optimizer and scheduler saved after `split` steps and loaded into new ones (built the
    usual way, then loaded) give the uninterrupted run's rates from there on."""
    name, settings = SCHEDULES[index]
    ((whole_optimizer, _), _), _ = _optimizers("SGD", groups=True, momentum=0.9)
    whole = getattr(lr_scheduler, name)(whole_optimizer, **settings)
    for _ in range(split):
        whole_optimizer.step()
        whole.step()
    ((optimizer, _), _), _ = _optimizers("SGD", groups=True, momentum=0.9)
    resumed = getattr(lr_scheduler, name)(optimizer, **settings)
    optimizer.load_state_dict(whole_optimizer.state_dict())
    resumed.load_state_dict(whole.state_dict())
    for _ in range(split, STEPS):
        for scheduler in (whole, resumed):
            scheduler.optimizer.step()
            scheduler.step()
            assert scheduler.last_epoch == whole.last_epoch
        assert resumed.get_last_lr() == whole.get_last_lr()
        assert optimizer.state_dict()["param_groups"] == \
            whole_optimizer.state_dict()["param_groups"]


def test_reduce_on_plateau_state_dict_round_trip():
    ((first, _), _), _ = _optimizers("SGD")
    whole = lr_scheduler.ReduceLROnPlateau(first, patience=1, cooldown=1)
    for metric in [3.0, 2.0, 2.0, 2.0]:
        whole.step(metric)
    ((second, _), _), _ = _optimizers("SGD")
    resumed = lr_scheduler.ReduceLROnPlateau(second, patience=1, cooldown=1)
    second.load_state_dict(first.state_dict())
    resumed.load_state_dict(whole.state_dict())
    for metric in [2.0, 2.0, 2.0, 1.0, 1.0, 1.0]:
        whole.step(metric)
        resumed.step(metric)
        assert resumed.get_last_lr() == whole.get_last_lr()
    assert whole.get_last_lr() < [0.1 * 0.1]


class Warmup:
    """A callable object: LambdaLR's state_dict keeps its attributes."""

    def __init__(self, epochs):
        self.epochs = epochs

    def __call__(self, epoch):
        return min(1.0, (epoch + 1) / self.epochs)


def test_lambda_lr_saves_a_callable_objects_attributes_and_no_functions():
    ((optimizer, _), _), _ = _optimizers("SGD")
    scheduler = lr_scheduler.LambdaLR(optimizer, Warmup(4))
    state = scheduler.state_dict()
    assert state["lr_lambdas"] == [{"epochs": 4}]
    assert lr_scheduler.LambdaLR(optimizer, lambda e: 1.0).state_dict()["lr_lambdas"] == [None]
    other = Warmup(10)
    lr_scheduler.LambdaLR(optimizer, other).load_state_dict(state)
    assert other.epochs == 4


def test_last_epoch_resumes_from_the_groups_initial_lr():
    ((optimizer, _), _), _ = _optimizers("SGD")
    with pytest.raises(KeyError, match=r"StepLR: last_epoch=4 resumes a schedule, but "
                                       r"param_groups\[0\] has no 'initial_lr'"):
        lr_scheduler.StepLR(optimizer, 2, last_epoch=4)
    lr_scheduler.StepLR(optimizer, 2)
    assert lr_scheduler.StepLR(optimizer, 2, last_epoch=4).last_epoch == 5


@pytest.mark.parametrize("make, error, pattern", [
    (lambda o: lr_scheduler.StepLR(o, 0), ValueError, "StepLR: step_size must be a positive"),
    (lambda o: lr_scheduler.StepLR(o, 2.0), TypeError, "step_size must be a positive integer"),
    (lambda o: lr_scheduler.StepLR("sgd", 2), TypeError, "StepLR: expected an optimizer"),
    (lambda o: lr_scheduler.StepLR(o, 2, last_epoch=-2), ValueError, "last_epoch must be"),
    (lambda o: lr_scheduler.MultiStepLR(o, [1.5]), TypeError, "milestones must be integers"),
    (lambda o: lr_scheduler.MultiStepLR(o, 3), TypeError, "milestones must be a list"),
    (lambda o: lr_scheduler.ExponentialLR(o, "0.9"), TypeError, "gamma must be a finite"),
    (lambda o: lr_scheduler.CosineAnnealingLR(o, 0), ValueError, "T_max must be a positive"),
    (lambda o: lr_scheduler.LambdaLR(o, 0.5), TypeError, "lr_lambda must be a function"),
    (lambda o: lr_scheduler.LambdaLR(o, [math.exp] * 2), ValueError, "expected 1 lr_lambdas"),
    (lambda o: lr_scheduler.OneCycleLR(o, 1.0), ValueError, "give total_steps, or epochs"),
    (lambda o: lr_scheduler.OneCycleLR(o, 1.0, total_steps=0), ValueError, "total_steps must"),
    (lambda o: lr_scheduler.OneCycleLR(o, 1.0, 10, pct_start=1.5), ValueError, "pct_start"),
    (lambda o: lr_scheduler.OneCycleLR(o, 1.0, 10, anneal_strategy="cosine"), ValueError,
     "anneal_strategy must be one of"),
    (lambda o: lr_scheduler.OneCycleLR(o, [1.0, 2.0], 10), ValueError,
     "expected 1 values of max_lr"),
    (lambda o: lr_scheduler.OneCycleLR(nn.optim.Adagrad(o.param_groups[0]["params"]), 1.0, 10),
     ValueError, "Adagrad has neither; pass cycle_momentum=False"),
    (lambda o: lr_scheduler.ReduceLROnPlateau(o, factor=1.0), ValueError, r"factor must be"),
    (lambda o: lr_scheduler.ReduceLROnPlateau(o, mode="lowest"), ValueError, "mode must be one"),
    (lambda o: lr_scheduler.ReduceLROnPlateau(o, threshold_mode="relative"), ValueError,
     "threshold_mode must be one of"),
    (lambda o: lr_scheduler.ReduceLROnPlateau(o, patience=-1), ValueError, "patience must be"),
    (lambda o: lr_scheduler.ReduceLROnPlateau(o).step("low"), TypeError,
     "metrics must be a number, got str"),
    (lambda o: lr_scheduler.StepLR(o, 2).load_state_dict({"last_epoch": 3}), KeyError,
     "StepLR.load_state_dict: expected keys"),
])
def test_bad_arguments_are_clear_errors(make, error, pattern):
    ((optimizer, _), _), _ = _optimizers("SGD")
    with pytest.raises(error, match=pattern):
        make(optimizer)


def test_one_cycle_refuses_a_step_past_total_steps():
    ((optimizer, _), _), _ = _optimizers("SGD", momentum=0.9)
    scheduler = lr_scheduler.OneCycleLR(optimizer, 1.0, total_steps=2)
    scheduler.step()
    scheduler.step()
    with pytest.raises(ValueError, match="stepped 3 times, more than total_steps=2"):
        scheduler.step()


def test_deliberate_differences_in_the_schedulers_arguments():
    """A negative factor of ReduceLROnPlateau is refused (torch accepts any factor < 1, and a
    negative one makes the rates negative); OneCycleLR takes pct_start=1 or 0 as integers
    (torch wants a float)."""
    ((ours, _), (theirs, _)), _ = _optimizers("SGD", momentum=0.9)
    torch.optim.lr_scheduler.ReduceLROnPlateau(theirs, factor=-0.5)
    with pytest.raises(ValueError, match=r"ReduceLROnPlateau: factor must be a number in \[0, 1"):
        lr_scheduler.ReduceLROnPlateau(ours, factor=-0.5)
    with pytest.raises(ValueError, match="pct_start"):
        torch.optim.lr_scheduler.OneCycleLR(theirs, 1.0, total_steps=10, pct_start=1)
    assert lr_scheduler.OneCycleLR(ours, 1.0, total_steps=10, pct_start=1).get_last_lr() == \
        pytest.approx([0.04])


def test_deliberate_difference_step_takes_no_epoch():
    ((ours, _), _), _ = _optimizers("SGD")
    with pytest.raises(TypeError, match=r"StepLR.step: takes no epoch \(PyTorch deprecated"):
        lr_scheduler.StepLR(ours, 2).step(3)
