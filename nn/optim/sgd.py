"""Stochastic gradient descent: the seeds' rule p <- p - lr g, with PyTorch's extras."""
import numpy as np

from ..arguments import flag, real_number
from .in_place import effective_gradient
from .optimizer import Optimizer


class SGD(Optimizer):
    """SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
    maximize=False), as torch.optim.SGD; per parameter, with its gradient grad:

        g = (-grad if maximize else grad) + weight_decay * p
        v = momentum * v + (1 - dampening) * g      (v = g on the first step)
        d = g + momentum * v if nesterov else v      (d = g without momentum)
        p <- p - lr * d
    """

    state_keys = ("momentum_buffer",)

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0,
                 nesterov=False, *, maximize=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov,
                                      maximize=maximize))

    def check_group(self, group, operation):
        real_number(group["momentum"], "momentum", operation, 0)
        real_number(group["dampening"], "dampening", operation, -np.inf)
        real_number(group["weight_decay"], "weight_decay", operation, 0)
        flag(group["maximize"], "maximize", operation)
        if flag(group["nesterov"], "nesterov", operation) and (
                group["momentum"] == 0 or group["dampening"] != 0):
            raise ValueError(f"{operation}: nesterov=True needs momentum > 0 and dampening=0, "
                             f"got momentum={group['momentum']!r}, "
                             f"dampening={group['dampening']!r}")

    def update_group(self, group):
        lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
        decay, nesterov, maximize = group["weight_decay"], group["nesterov"], group["maximize"]
        for param, data, grad in self.with_gradients(group):
            gradient_buffer, scratch = self.work(param)
            g = effective_gradient(grad, data, decay, maximize, gradient_buffer)
            if momentum:
                state = self.state[param]
                velocity = state.get("momentum_buffer")
                if velocity is None:
                    velocity = state["momentum_buffer"] = np.array(g, dtype=data.dtype)
                else:
                    velocity *= momentum
                    if dampening:
                        np.multiply(g, 1 - dampening, scratch)
                        velocity += scratch
                    else:
                        velocity += g
                if nesterov:
                    np.multiply(velocity, momentum, scratch)
                    g = np.add(scratch, g, scratch)
                else:
                    g = velocity
            np.multiply(g, lr, scratch)
            data -= scratch
            param.mark_changed()
