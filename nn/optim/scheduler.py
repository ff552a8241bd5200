"""The base of the learning-rate schedulers: it owns the epoch count and writes each group's
new learning rate into the optimizer's `param_groups` on every `step()`.

Call `scheduler.step()` after `optimizer.step()`, once per epoch (or per mini-batch, for
OneCycleLR). The first value is set when the scheduler is built: `last_epoch` becomes 0.
"""
import numbers

from ..arguments import described, is_int
from .optimizer import Optimizer


class LRScheduler:
    """LRScheduler(optimizer, last_epoch=-1). Subclasses write `get_lr()`: each group's
    learning rate for epoch `last_epoch`, from the groups' current rates (PyTorch's
    chainable form) or from `base_lrs`, the rates each group started with ("initial_lr").

    `last_epoch` other than -1 resumes a schedule: every group must then hold its
    "initial_lr" (which loading the optimizer's state_dict restores).
    """

    def __init__(self, optimizer, last_epoch=-1):
        operation = type(self).__name__
        self.optimizer = checked_optimizer(optimizer, operation)
        if not is_int(last_epoch) or last_epoch < -1:
            raise ValueError(f"{operation}: last_epoch must be an integer >= -1, got "
                             f"{described(last_epoch)}")
        if last_epoch == -1:
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", group["lr"])
        else:
            for number, group in enumerate(optimizer.param_groups):
                if "initial_lr" not in group:
                    raise KeyError(f"{operation}: last_epoch={last_epoch} resumes a schedule, "
                                   f"but param_groups[{number}] has no 'initial_lr'; load the "
                                   "optimizer's state_dict first, or start with last_epoch=-1")
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        self._step_count = 0
        self._is_initial = True
        self.step()
        self._is_initial = False

    def get_lr(self):
        """Each group's learning rate at epoch `last_epoch` (subclasses)."""
        raise NotImplementedError(f"{type(self).__name__} does not define get_lr()")

    def step(self, epoch=None):
        """Advance one epoch and set each group's learning rate."""
        if epoch is not None:
            raise TypeError(f"{type(self).__name__}.step: takes no epoch (PyTorch deprecated "
                            "it); call step() once per epoch, or build the scheduler with "
                            "last_epoch to resume")
        self._step_count += 1
        self.last_epoch += 1
        rates = self.get_lr()
        for group, lr in zip(self.optimizer.param_groups, rates, strict=True):
            group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def get_last_lr(self):
        """The learning rates the last `step()` set, one per group."""
        return list(self._last_lr)

    def group_rates(self):
        """The groups' current learning rates."""
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        """Every attribute but the optimizer (which saves its own state)."""
        return {key: value for key, value in vars(self).items() if key != "optimizer"}

    def load_state_dict(self, state_dict):
        """Restore what `state_dict()` gave (the same keys)."""
        expected = set(self.state_dict())
        if not isinstance(state_dict, dict) or set(state_dict) != expected:
            given = sorted(state_dict) if isinstance(state_dict, dict) else described(state_dict)
            raise KeyError(f"{type(self).__name__}.load_state_dict: expected keys "
                           f"{sorted(expected)}, got {given}")
        vars(self).update(state_dict)


def checked_optimizer(optimizer, operation):
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"{operation}: expected an optimizer of nn.optim, got "
                        f"{described(optimizer)}")
    return optimizer


def real(value, name, operation):
    """`value`, a finite real number (not a bool)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or not (
            -float("inf") < value < float("inf")):
        raise TypeError(f"{operation}: {name} must be a finite real number, got "
                        f"{described(value)}")
    return value


def per_group(value, name, optimizer, operation):
    """One value per parameter group: `value` itself for each, or a list/tuple of them."""
    groups = len(optimizer.param_groups)
    if isinstance(value, (list, tuple)):
        if len(value) != groups:
            raise ValueError(f"{operation}: expected {groups} values of {name} (one per "
                             f"parameter group), got {len(value)}")
        return [real(item, name, operation) for item in value]
    return [real(value, name, operation)] * groups
