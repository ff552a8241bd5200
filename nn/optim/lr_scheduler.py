"""Learning-rate schedulers, as torch.optim.lr_scheduler: each sets the learning rate of every
parameter group of an optimizer, epoch by epoch (`scheduler.step()` after `optimizer.step()`).

The rates follow PyTorch's formulas step for step, including its chainable form (most rates are
computed from the groups' current rates), so a schedule gives the numbers PyTorch's gives.
"""
import math
import types
from collections import Counter

from ..arguments import described, is_int, positive_int
from .one_cycle import OneCycleLR
from .plateau import ReduceLROnPlateau
from .scheduler import LRScheduler, real

__all__ = ["CosineAnnealingLR", "ExponentialLR", "LRScheduler", "LambdaLR", "MultiStepLR",
           "OneCycleLR", "ReduceLROnPlateau", "StepLR"]


class StepLR(LRScheduler):
    """StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1): lr = base_lr *
    gamma^(epoch // step_size), the rate multiplied by gamma every step_size epochs."""

    def __init__(self, optimizer, step_size, gamma=0.1, last_epoch=-1):
        self.step_size = positive_int(step_size, "step_size", "StepLR")
        self.gamma = real(gamma, "gamma", "StepLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch == 0 or self.last_epoch % self.step_size:
            return self.group_rates()
        return [lr * self.gamma for lr in self.group_rates()]


class MultiStepLR(LRScheduler):
    """MultiStepLR(optimizer, milestones, gamma=0.1, last_epoch=-1): the rate multiplied by
    gamma at each epoch of `milestones` (a milestone listed twice multiplies by gamma^2)."""

    def __init__(self, optimizer, milestones, gamma=0.1, last_epoch=-1):
        try:
            milestones = list(milestones)
        except TypeError:
            raise TypeError(f"MultiStepLR: milestones must be a list of epochs (integers), got "
                            f"{described(milestones)}") from None
        for milestone in milestones:
            if not is_int(milestone):
                raise TypeError(f"MultiStepLR: milestones must be integers, got "
                                f"{described(milestone)}")
        self.milestones = Counter(int(milestone) for milestone in milestones)
        self.gamma = real(gamma, "gamma", "MultiStepLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch not in self.milestones:
            return self.group_rates()
        factor = self.gamma ** self.milestones[self.last_epoch]
        return [lr * factor for lr in self.group_rates()]


class ExponentialLR(LRScheduler):
    """ExponentialLR(optimizer, gamma, last_epoch=-1): the rate multiplied by gamma every
    epoch, lr = base_lr * gamma^epoch."""

    def __init__(self, optimizer, gamma, last_epoch=-1):
        self.gamma = real(gamma, "gamma", "ExponentialLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self._is_initial:
            return self.group_rates()
        return [lr * self.gamma for lr in self.group_rates()]


class CosineAnnealingLR(LRScheduler):
    """CosineAnnealingLR(optimizer, T_max, eta_min=0.0, last_epoch=-1): half a cosine from
    base_lr down to eta_min over T_max epochs, then back up (SGDR without restarts):

        lr_t = eta_min + (base_lr - eta_min) (1 + cos(pi t / T_max)) / 2

    computed, as PyTorch does, from the previous rate:
        lr_t = eta_min + (lr_(t-1) - eta_min) (1 + cos(pi t / T_max)) / (1 + cos(pi (t-1) / T_max))
    (and where that divides by 0, at t - 1 = T_max + 2 k T_max, by adding the rise of one step).
    """

    def __init__(self, optimizer, T_max, eta_min=0.0, last_epoch=-1):
        self.T_max = positive_int(T_max, "T_max", "CosineAnnealingLR")
        self.eta_min = real(eta_min, "eta_min", "CosineAnnealingLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t, period, low = self.last_epoch, self.T_max, self.eta_min
        if self._is_initial:
            return self.group_rates()
        if (t - 1 - period) % (2 * period) == 0:
            rise = (1 - math.cos(math.pi / period)) / 2
            return [lr + (base_lr - low) * rise
                    for lr, base_lr in zip(self.group_rates(), self.base_lrs)]
        ratio = (1 + math.cos(math.pi * t / period)) / (1 + math.cos(math.pi * (t - 1) / period))
        return [ratio * (lr - low) + low for lr in self.group_rates()]


class LambdaLR(LRScheduler):
    """LambdaLR(optimizer, lr_lambda, last_epoch=-1): lr = base_lr * lr_lambda(epoch), with
    one function for every group or a list of one per group.

    state_dict() keeps no functions: for a callable object (not a plain function or lambda)
    it keeps the object's attributes, which load_state_dict() restores.
    """

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        groups = len(getattr(optimizer, "param_groups", ()))
        if isinstance(lr_lambda, (list, tuple)):
            if len(lr_lambda) != groups:
                raise ValueError(f"LambdaLR: expected {groups} lr_lambdas (one per parameter "
                                 f"group), got {len(lr_lambda)}")
            self.lr_lambdas = list(lr_lambda)
        else:
            self.lr_lambdas = [lr_lambda] * groups
        for function in self.lr_lambdas:
            if not callable(function):
                raise TypeError(f"LambdaLR: lr_lambda must be a function of the epoch, got "
                                f"{described(function)}")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [base_lr * function(self.last_epoch)
                for function, base_lr in zip(self.lr_lambdas, self.base_lrs)]

    def state_dict(self):
        state = {key: value for key, value in super().state_dict().items()
                 if key != "lr_lambdas"}
        state["lr_lambdas"] = [
            None if isinstance(function, types.FunctionType) else dict(vars(function))
            for function in self.lr_lambdas
        ]
        return state

    def load_state_dict(self, state_dict):
        state = dict(state_dict)
        attributes = state.pop("lr_lambdas", None)
        if not isinstance(attributes, list) or len(attributes) != len(self.lr_lambdas):
            raise KeyError(f"LambdaLR.load_state_dict: expected 'lr_lambdas', a list of "
                           f"{len(self.lr_lambdas)} entries")
        functions = self.lr_lambdas
        super().load_state_dict({**state, "lr_lambdas": functions})
        for function, saved in zip(functions, attributes):
            if saved is not None:
                vars(function).update(saved)
