"""RMSprop (Hinton's lecture 6e), as torch.optim.RMSprop."""
import numpy as np

from ..arguments import flag, real_number
from .in_place import effective_gradient, lerp_
from .optimizer import Optimizer


class RMSprop(Optimizer):
    """RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
    centered=False, *, maximize=False); per parameter:

        g = (-grad if maximize else grad) + weight_decay * p
        s = alpha s + (1 - alpha) g^2                     (the mean square)
        a = alpha a + (1 - alpha) g, s~ = s - a^2 if centered, else s~ = s
        d = g / (sqrt(s~) + eps)
        b = momentum b + d, p <- p - lr b                  (p <- p - lr d without momentum)
    """

    state_keys = ("step", "square_avg", "momentum_buffer", "grad_avg")

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False, *, maximize=False):
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                                      momentum=momentum, centered=centered, maximize=maximize))

    def check_group(self, group, operation):
        real_number(group["alpha"], "alpha", operation, 0)
        real_number(group["eps"], "eps", operation, 0)
        real_number(group["weight_decay"], "weight_decay", operation, 0)
        real_number(group["momentum"], "momentum", operation, 0)
        flag(group["centered"], "centered", operation)
        flag(group["maximize"], "maximize", operation)

    def update_group(self, group):
        lr, alpha, eps, decay = group["lr"], group["alpha"], group["eps"], group["weight_decay"]
        momentum, centered, maximize = group["momentum"], group["centered"], group["maximize"]
        for param, data, grad in self.with_gradients(group):
            state = self.state[param]
            if not state:
                state.update(step=0, square_avg=np.zeros_like(data))
                if momentum > 0:
                    state["momentum_buffer"] = np.zeros_like(data)
                if centered:
                    state["grad_avg"] = np.zeros_like(data)
            first, second = self.work(param)
            g = effective_gradient(grad, data, decay, maximize, first)
            state["step"] += 1
            square_avg = state["square_avg"]
            square_avg *= alpha
            np.multiply(g, 1 - alpha, second)
            second *= g
            square_avg += second
            if centered:
                grad_avg = state["grad_avg"]
                lerp_(grad_avg, g, 1 - alpha, second)
                np.multiply(grad_avg, grad_avg, second)
                np.subtract(square_avg, second, second)
                denominator = np.sqrt(second, second)
            else:
                denominator = np.sqrt(square_avg, second)
            denominator += eps
            if momentum > 0:
                velocity = state["momentum_buffer"]
                velocity *= momentum
                velocity += np.divide(g, denominator, denominator)
                np.multiply(velocity, lr, first)
                data -= first
            else:
                step = np.multiply(g, -lr, first)
                step /= denominator
                data += step
            param.mark_changed()
