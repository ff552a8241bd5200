"""ReduceLROnPlateau, as torch.optim.lr_scheduler.ReduceLROnPlateau."""
import math

from ..arguments import is_int, one_of, real_number
from .scheduler import LRScheduler, checked_optimizer, per_group, real


class ReduceLROnPlateau(LRScheduler):
    """ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
    threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8): `step(metric)` once per epoch
    with the figure watched (a validation loss, or an accuracy with mode='max').

    A metric is better than the best so far when it beats it by the threshold: in mode 'min',
    metric < best (1 - threshold) ('rel') or metric < best - threshold ('abs'); in mode 'max'
    the mirror image. After more than `patience` epochs in a row without improvement every
    group's rate becomes max(lr * factor, min_lr) (unchanged if that changes it by eps or less),
    and the next `cooldown` epochs are not counted.
    """

    def __init__(self, optimizer, mode="min", factor=0.1, patience=10, threshold=1e-4,
                 threshold_mode="rel", cooldown=0, min_lr=0, eps=1e-8):
        operation = "ReduceLROnPlateau"
        self.optimizer = checked_optimizer(optimizer, operation)
        self.mode = one_of(mode, ("min", "max"), "mode", operation)
        self.threshold_mode = one_of(threshold_mode, ("rel", "abs"), "threshold_mode", operation)
        self.factor = real_number(factor, "factor", operation, 0, 1)
        self.patience = _count(patience, "patience")
        self.threshold = real(threshold, "threshold", operation)
        self.cooldown = _count(cooldown, "cooldown")
        self.min_lrs = per_group(min_lr, "min_lr", optimizer, operation)
        self.eps = real(eps, "eps", operation)
        self.last_epoch = 0
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad_epochs = 0
        self.cooldown_counter = 0
        self._last_lr = self.group_rates()

    def step(self, metrics):
        """Count one epoch whose watched figure is `metrics` (a number or a one-element
        tensor), and reduce the rates if it is time."""
        try:
            current = float(metrics)
        except (TypeError, ValueError):
            raise TypeError(f"ReduceLROnPlateau.step: metrics must be a number, got "
                            f"{type(metrics).__name__}") from None
        self.last_epoch += 1
        if self.is_better(current):
            self.best = current
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            self._reduce()
            self.cooldown_counter = self.cooldown
            self.num_bad_epochs = 0
        self._last_lr = self.group_rates()

    def is_better(self, metric):
        """Whether `metric` beats the best so far by the threshold."""
        best, threshold = self.best, self.threshold
        if self.mode == "min":
            return metric < (best * (1.0 - threshold) if self.threshold_mode == "rel"
                             else best - threshold)
        return metric > (best * (threshold + 1.0) if self.threshold_mode == "rel"
                         else best + threshold)

    def _reduce(self):
        groups = self.optimizer.param_groups
        if len(groups) != len(self.min_lrs):
            raise RuntimeError(f"ReduceLROnPlateau: the optimizer has {len(groups)} parameter "
                               f"groups, {len(self.min_lrs)} when the scheduler was built; set "
                               "scheduler.min_lrs to one value per group")
        for group, min_lr in zip(groups, self.min_lrs):
            old = float(group["lr"])
            new = max(old * self.factor, min_lr)
            if old - new > self.eps:
                group["lr"] = new


def _count(value, name):
    if not is_int(value) or value < 0:
        raise ValueError(f"ReduceLROnPlateau: {name} must be an integer >= 0, got {value!r}")
    return int(value)
