"""OneCycleLR (Smith & Topin, "super-convergence"), as torch.optim.lr_scheduler.OneCycleLR."""
import math

from ..arguments import flag, one_of, positive_int, real_number
from .scheduler import LRScheduler, checked_optimizer, per_group, real


class OneCycleLR(LRScheduler):
    """OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None,
    pct_start=0.3, anneal_strategy='cos', cycle_momentum=True, base_momentum=0.85,
    max_momentum=0.95, div_factor=25.0, final_div_factor=1e4, three_phase=False,
    last_epoch=-1). Stepped once per mini-batch, total_steps times in all:

    the rate rises from initial_lr = max_lr / div_factor to max_lr over the first pct_start of
    the steps, then falls to min_lr = initial_lr / final_div_factor (with three_phase: falls
    back to initial_lr symmetrically, then to min_lr). Each phase anneals from its start s to
    its end e along a half cosine, e + (s - e)(1 + cos(pi x)) / 2, or a line, s + (e - s) x,
    x going from 0 to 1. With cycle_momentum the momentum (SGD's, RMSprop's, or Adam's beta1)
    moves the opposite way, between max_momentum and base_momentum.
    """

    def __init__(self, optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None,
                 pct_start=0.3, anneal_strategy="cos", cycle_momentum=True, base_momentum=0.85,
                 max_momentum=0.95, div_factor=25.0, final_div_factor=1e4, three_phase=False,
                 last_epoch=-1):
        operation = "OneCycleLR"
        checked_optimizer(optimizer, operation)
        if total_steps is not None:
            self.total_steps = positive_int(total_steps, "total_steps", operation)
        elif epochs is not None and steps_per_epoch is not None:
            self.total_steps = (positive_int(epochs, "epochs", operation)
                                * positive_int(steps_per_epoch, "steps_per_epoch", operation))
        else:
            raise ValueError(f"{operation}: give total_steps, or epochs and steps_per_epoch")
        if real_number(pct_start, "pct_start", operation, 0) > 1:
            raise ValueError(f"{operation}: pct_start must be a number in [0, 1], got "
                             f"{pct_start!r}")
        self.anneal_strategy = one_of(anneal_strategy, ("cos", "linear"), "anneal_strategy",
                                      operation)
        self.cycle_momentum = flag(cycle_momentum, "cycle_momentum", operation)
        self._schedule_phases = _phases(pct_start, self.total_steps,
                                        flag(three_phase, "three_phase", operation))
        max_lrs = per_group(max_lr, "max_lr", optimizer, operation)
        divisor = real(div_factor, "div_factor", operation)
        final_divisor = real(final_div_factor, "final_div_factor", operation)
        momentum_key = _momentum_key(optimizer) if self.cycle_momentum else None
        self.use_beta1 = momentum_key == "betas"
        if last_epoch == -1:
            for group, top in zip(optimizer.param_groups, max_lrs):
                group.update(initial_lr=top / divisor, max_lr=top)
                group["min_lr"] = group["initial_lr"] / final_divisor
            if self.cycle_momentum:
                tops = per_group(max_momentum, "max_momentum", optimizer, operation)
                bottoms = per_group(base_momentum, "base_momentum", optimizer, operation)
                for group, top, bottom in zip(optimizer.param_groups, tops, bottoms):
                    _set_momentum(group, top, self.use_beta1)
                    group.update(max_momentum=top, base_momentum=bottom)
        super().__init__(optimizer, last_epoch)

    def _anneal(self, start, end, fraction):
        if self.anneal_strategy == "cos":
            return end + (start - end) / 2.0 * (math.cos(math.pi * fraction) + 1)
        return (end - start) * fraction + start

    def get_lr(self):
        step = self.last_epoch
        if step > self.total_steps:
            raise ValueError(f"OneCycleLR: stepped {step} times, more than total_steps="
                             f"{self.total_steps}")
        rates = []
        for group in self.optimizer.param_groups:
            start_step = 0.0
            for number, phase in enumerate(self._schedule_phases):
                end_step = phase["end_step"]
                if step <= end_step or number == len(self._schedule_phases) - 1:
                    fraction = (step - start_step) / (end_step - start_step)
                    break
                start_step = end_step
            rates.append(self._anneal(group[phase["start_lr"]], group[phase["end_lr"]],
                                      fraction))
            if self.cycle_momentum:
                momentum = self._anneal(group[phase["start_momentum"]],
                                        group[phase["end_momentum"]], fraction)
                _set_momentum(group, momentum, self.use_beta1)
        return rates


def _phases(pct_start, total_steps, three_phase):
    """The phases: the step each ends at, and the group keys of its start and end values."""
    up = float(pct_start * total_steps) - 1
    if three_phase:
        return [
            dict(end_step=up, start_lr="initial_lr", end_lr="max_lr",
                 start_momentum="max_momentum", end_momentum="base_momentum"),
            dict(end_step=float(2 * pct_start * total_steps) - 2, start_lr="max_lr",
                 end_lr="initial_lr", start_momentum="base_momentum",
                 end_momentum="max_momentum"),
            dict(end_step=total_steps - 1, start_lr="initial_lr", end_lr="min_lr",
                 start_momentum="max_momentum", end_momentum="max_momentum"),
        ]
    return [
        dict(end_step=up, start_lr="initial_lr", end_lr="max_lr",
             start_momentum="max_momentum", end_momentum="base_momentum"),
        dict(end_step=total_steps - 1, start_lr="max_lr", end_lr="min_lr",
             start_momentum="base_momentum", end_momentum="max_momentum"),
    ]


def _momentum_key(optimizer):
    """"betas" for the Adam family, "momentum" for SGD and RMSprop."""
    if "betas" in optimizer.defaults:
        return "betas"
    if "momentum" in optimizer.defaults:
        return "momentum"
    raise ValueError(f"OneCycleLR: cycle_momentum=True needs an optimizer with momentum or "
                     f"betas, {type(optimizer).__name__} has neither; pass cycle_momentum=False")


def _set_momentum(group, momentum, use_beta1):
    if use_beta1:
        group["betas"] = (momentum, *group["betas"][1:])
    else:
        group["momentum"] = momentum
