"""Adagrad (Duchi, Hazan & Singer), as torch.optim.Adagrad."""
import numpy as np

from ..arguments import flag, real_number
from .in_place import effective_gradient
from .optimizer import Optimizer


class Adagrad(Optimizer):
    """Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
    eps=1e-10, *, maximize=False); per parameter, t counting its steps:

        g = (-grad if maximize else grad) + weight_decay * p
        lr_t = lr / (1 + (t - 1) lr_decay)
        s = s + g^2                       (s starts at initial_accumulator_value)
        p <- p - lr_t g / (sqrt(s) + eps)
    """

    state_keys = ("step", "sum")

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0,
                 initial_accumulator_value=0, eps=1e-10, *, maximize=False):
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                                      initial_accumulator_value=initial_accumulator_value,
                                      eps=eps, maximize=maximize))

    def check_group(self, group, operation):
        real_number(group["lr_decay"], "lr_decay", operation, 0)
        real_number(group["weight_decay"], "weight_decay", operation, 0)
        real_number(group["initial_accumulator_value"], "initial_accumulator_value",
                    operation, 0)
        real_number(group["eps"], "eps", operation, 0)
        flag(group["maximize"], "maximize", operation)

    def init_state(self, group, param):
        """The accumulator starts at the group's initial_accumulator_value."""
        self.state[param].update(
            step=0, sum=np.full_like(param.data, group["initial_accumulator_value"]))

    def update_group(self, group):
        lr, lr_decay, eps = group["lr"], group["lr_decay"], group["eps"]
        decay, maximize = group["weight_decay"], group["maximize"]
        for param, data, grad in self.with_gradients(group):
            state = self.state[param]
            first, second = self.work(param)
            g = effective_gradient(grad, data, decay, maximize, first)
            state["step"] = t = state["step"] + 1
            decayed_lr = lr / (1 + (t - 1) * lr_decay)
            accumulator = state["sum"]
            np.multiply(g, g, second)
            accumulator += second
            denominator = np.sqrt(accumulator, second)
            denominator += eps
            step = np.multiply(g, -decayed_lr, first)
            step /= denominator
            data += step
            param.mark_changed()
