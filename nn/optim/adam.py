"""Adam (Kingma & Ba) and AdamW (Loshchilov & Hutter: weight decay taken off the parameter,
not added to the gradient), as torch.optim.Adam and torch.optim.AdamW."""
import numpy as np

from ..arguments import described, flag, real_number
from .in_place import effective_gradient, lerp_
from .optimizer import Optimizer


class Adam(Optimizer):
    """Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
    maximize=False); per parameter, t counting its steps:

        g = (-grad if maximize else grad) + weight_decay * p     (an L2 penalty)
        m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
        v_max = max(v_max, v), used instead of v with amsgrad
        p <- p - lr * m_hat / (sqrt(v_hat) + eps),
             m_hat = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)
    """

    state_keys = ("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    decoupled_weight_decay = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 amsgrad=False, *, maximize=False):
        super().__init__(params, dict(lr=lr, betas=_pair(betas), eps=eps,
                                      weight_decay=weight_decay, amsgrad=amsgrad,
                                      maximize=maximize))

    def add_param_group(self, param_group):
        if isinstance(param_group, dict) and "betas" in param_group:
            param_group = {**param_group, "betas": _pair(param_group["betas"])}
        super().add_param_group(param_group)

    def check_group(self, group, operation):
        betas = group["betas"]
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise TypeError(f"{operation}: betas must be a pair (beta1, beta2), "
                            f"got {described(betas)}")
        real_number(betas[0], "betas[0]", operation, 0, 1)
        real_number(betas[1], "betas[1]", operation, 0, 1)
        real_number(group["eps"], "eps", operation, 0)
        real_number(group["weight_decay"], "weight_decay", operation, 0)
        flag(group["amsgrad"], "amsgrad", operation)
        flag(group["maximize"], "maximize", operation)

    def update_group(self, group):
        lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
        decay, amsgrad, maximize = group["weight_decay"], group["amsgrad"], group["maximize"]
        for param, data, grad in self.with_gradients(group):
            state = self.state[param]
            if not state:
                state.update(step=0, exp_avg=np.zeros_like(data), exp_avg_sq=np.zeros_like(data))
            first, second = self.work(param)
            if self.decoupled_weight_decay:
                if decay:
                    data *= 1 - lr * decay
                g = effective_gradient(grad, data, 0, maximize, first)
            else:
                g = effective_gradient(grad, data, decay, maximize, first)
            state["step"] = t = state["step"] + 1
            m, v = state["exp_avg"], state["exp_avg_sq"]
            lerp_(m, g, 1 - beta1, second)
            v *= beta2
            np.multiply(g, 1 - beta2, second)
            second *= g
            v += second
            if amsgrad:
                v = _running_max(state, v)
            step_size = lr / (1 - beta1**t)
            denominator = np.sqrt(v, first)      # g is no longer needed
            denominator /= (1 - beta2**t) ** 0.5
            denominator += eps
            np.multiply(m, -step_size, second)
            second /= denominator
            data += second
            param.mark_changed()


class AdamW(Adam):
    """AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False,
    *, maximize=False): Adam with decoupled weight decay, p <- p (1 - lr weight_decay) before
    Adam's step on g = grad (no penalty added to the gradient)."""

    decoupled_weight_decay = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                         amsgrad=amsgrad, maximize=maximize)


def _pair(betas):
    """betas as a tuple (a list is accepted, as PyTorch does); anything else is left for
    check_group to refuse."""
    return tuple(betas) if isinstance(betas, list) else betas


def _running_max(state, v):
    """v_max <- max(v_max, v) (v_max starts at 0); returns v_max."""
    v_max = state.get("max_exp_avg_sq")
    if v_max is None:
        v_max = state["max_exp_avg_sq"] = np.zeros_like(v)
    return np.maximum(v_max, v, out=v_max)
