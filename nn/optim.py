"""Optimizers: update each parameter p from its gradient g = dC/dp after `backward()`.

`step()` changes `p.data` in place with numpy alone: no graph is recorded and the
parameters keep their arrays (this is the training loop's hot path). Each updated parameter
is marked changed (`p.mark_changed()`), so a backward through a graph recorded before the
step raises, as PyTorch's, instead of differentiating with the new values. Parameters whose
`.grad` is None are skipped. The update rules are PyTorch's, so results carry over.

`step()` runs each optimizer's `_update` through `autograd.run_update`, so that a training
step captured by `autograd.compile` calls it again on replay: `_update` reads the gradients,
the hyperparameters and its state anew on every call.
"""
import numpy as np

from autograd import Tensor, run_update

from .arguments import described, flag, real_number


def _parameter_list(params, operation):
    try:
        params = list(params) if not isinstance(params, Tensor) else None
    except TypeError:
        raise TypeError(
            f"{operation}: params must be an iterable of Tensors (e.g. model.parameters()), "
            f"got {type(params).__name__}"
        ) from None
    if not params:
        raise ValueError(
            f"{operation}: params must be a non-empty iterable of Tensors (e.g. "
            f"model.parameters()), got {'a single Tensor' if params is None else 'nothing'}"
        )
    for index, param in enumerate(params):
        if not isinstance(param, Tensor) or not param.requires_grad:
            what = type(param).__name__ if not isinstance(param, Tensor) else (
                "a Tensor with requires_grad=False"
            )
            raise TypeError(
                f"{operation}: parameter {index} must be a Tensor with requires_grad=True, "
                f"got {what}"
            )
        if not param.is_leaf:
            raise ValueError(
                f"{operation}: can't optimize a non-leaf Tensor: parameter {index} is the "
                f"result of {param.grad_fn.name}; pass leaf tensors (x.detach().requires_grad_() "
                f"makes one)"
            )
    if len({id(param) for param in params}) != len(params):
        raise ValueError(f"{operation}: a parameter appears more than once in params")
    return params


class Optimizer:
    """Holds the parameters, their per-parameter state, and the hyperparameters.

    Subclasses name their `hyperparameters` (plain attributes, e.g. `opt.lr`, which may be
    changed between steps) and the `state_keys` of the per-parameter state dicts.
    """

    hyperparameters = ()
    state_keys = ()

    def __init__(self, params, **hyperparameters):
        operation = type(self).__name__
        self.params = _parameter_list(params, operation)
        self.check_hyperparameters(**hyperparameters)
        for name, value in hyperparameters.items():
            setattr(self, name, value)
        self.state = [{} for _ in self.params]

    def check_hyperparameters(self, **hyperparameters):
        """Raise TypeError or ValueError for a bad value (subclasses check theirs)."""

    def zero_grad(self):
        """Set every parameter's .grad to None."""
        for param in self.params:
            param.grad = None

    def state_dict(self):
        """{"hyperparameters": {name: value}, "state": [per-parameter dict of copies]}."""
        return {
            "hyperparameters": {name: getattr(self, name) for name in self.hyperparameters},
            "state": [
                {key: np.copy(value) if isinstance(value, np.ndarray) else value
                 for key, value in param_state.items()}
                for param_state in self.state
            ],
        }

    def load_state_dict(self, state_dict):
        """Restore what `state_dict()` gave; checked fully before anything changes."""
        operation = f"{type(self).__name__}.load_state_dict"
        if set(state_dict) != {"hyperparameters", "state"}:
            raise KeyError(
                f"{operation}: expected keys ['hyperparameters', 'state'], "
                f"got {sorted(state_dict)}"
            )
        hyperparameters = dict(state_dict["hyperparameters"])
        if set(hyperparameters) != set(self.hyperparameters):
            raise KeyError(
                f"{operation}: expected hyperparameters {sorted(self.hyperparameters)}, "
                f"got {sorted(hyperparameters)}"
            )
        self.check_hyperparameters(**hyperparameters)
        states = list(state_dict["state"])
        if len(states) != len(self.params):
            raise ValueError(
                f"{operation}: state for {len(states)} parameters, the optimizer has "
                f"{len(self.params)}"
            )
        for index, (param, param_state) in enumerate(zip(self.params, states)):
            unknown = set(param_state) - set(self.state_keys)
            if unknown:
                raise KeyError(
                    f"{operation}: parameter {index} has unknown state {sorted(unknown)}"
                )
            for key, value in param_state.items():
                if isinstance(value, np.ndarray) and value.shape != param.shape:
                    raise ValueError(
                        f"{operation}: state {key!r} of parameter {index} has shape "
                        f"{value.shape}, the parameter has shape {param.shape}"
                    )
        for name, value in hyperparameters.items():
            setattr(self, name, value)
        self.state = [
            {key: np.array(value, dtype=param.dtype) if isinstance(value, np.ndarray) else value
             for key, value in param_state.items()}
            for param, param_state in zip(self.params, states)
        ]

    def step(self):
        """One update of every parameter that has a gradient."""
        run_update(self._update)

    def _update(self):
        raise NotImplementedError(f"{type(self).__name__} must define _update()")

    def _gradients(self):
        """(param, its data, gradient array, state) for each parameter that has a gradient.

        The caller changes the data in place, then calls `param.mark_changed()`, so that a
        backward through a graph recorded before the step raises instead of using new values.
        """
        for param, param_state in zip(self.params, self.state):
            grad = param.grad
            if grad is None:
                continue
            yield (param, param.data, (grad.data if isinstance(grad, Tensor) else grad),
                   param_state)


class SGD(Optimizer):
    """Stochastic gradient descent, the seeds' rule p <- p - lr g, with PyTorch's extras:

        g = grad + weight_decay * p
        v = momentum * v + g                (v = g on the first step)
        d = g + momentum * v if nesterov else v      (d = g without momentum)
        p <- p - lr * d
    """

    hyperparameters = ("lr", "momentum", "weight_decay", "nesterov")
    state_keys = ("momentum_buffer",)

    def __init__(self, params, lr, momentum=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(params, lr=lr, momentum=momentum, weight_decay=weight_decay,
                         nesterov=nesterov)

    def check_hyperparameters(self, lr, momentum, weight_decay, nesterov):
        real_number(lr, "lr", "SGD", 0, low_inclusive=False)
        real_number(momentum, "momentum", "SGD", 0)
        real_number(weight_decay, "weight_decay", "SGD", 0)
        if flag(nesterov, "nesterov", "SGD") and momentum == 0:
            raise ValueError("SGD: nesterov=True needs momentum > 0, got momentum=0")

    def _update(self):
        lr, momentum, decay = self.lr, self.momentum, self.weight_decay
        for param, data, grad, state in self._gradients():
            if decay:
                grad = grad + decay * data
            if momentum:
                velocity = state.get("momentum_buffer")
                if velocity is None:
                    velocity = state["momentum_buffer"] = np.array(grad, dtype=data.dtype)
                else:
                    velocity *= momentum
                    velocity += grad
                grad = grad + momentum * velocity if self.nesterov else velocity
            data -= lr * grad
            param.mark_changed()


class Adam(Optimizer):
    """Adam (Kingma & Ba), as torch.optim.Adam; t counts this parameter's steps:

        g = grad + weight_decay * p          (L2 penalty added to the gradient)
        m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
        p <- p - lr * m_hat / (sqrt(v_hat) + eps),
             m_hat = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)
    """

    hyperparameters = ("lr", "betas", "eps", "weight_decay")
    state_keys = ("step", "exp_avg", "exp_avg_sq")

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        if isinstance(betas, list):
            betas = tuple(betas)
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)

    def check_hyperparameters(self, lr, betas, eps, weight_decay):
        real_number(lr, "lr", "Adam", 0, low_inclusive=False)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise TypeError(f"Adam: betas must be a pair (beta1, beta2), got {described(betas)}")
        real_number(betas[0], "betas[0]", "Adam", 0, 1)
        real_number(betas[1], "betas[1]", "Adam", 0, 1)
        real_number(eps, "eps", "Adam", 0)
        real_number(weight_decay, "weight_decay", "Adam", 0)

    def _update(self):
        lr, (beta1, beta2), eps, decay = self.lr, self.betas, self.eps, self.weight_decay
        for param, data, grad, state in self._gradients():
            if decay:
                grad = grad + decay * data
            if not state:
                state.update(step=0, exp_avg=np.zeros_like(data), exp_avg_sq=np.zeros_like(data))
            state["step"] = t = state["step"] + 1
            m, v = state["exp_avg"], state["exp_avg_sq"]
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            denominator = np.sqrt(v)
            denominator /= np.sqrt(1 - beta2**t)
            denominator += eps
            data -= (lr / (1 - beta1**t)) * m / denominator
            param.mark_changed()
