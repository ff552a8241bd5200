"""The base of every optimizer: parameter groups, per-parameter state, state_dict, zero_grad.

An optimizer updates each parameter p from its gradient g = dC/dp after `backward()`. Its
interface is PyTorch's: `param_groups` is a list of dicts, each holding a list of parameters
("params") and that group's hyperparameters ("lr", "momentum", ...), which may be changed
between steps (`opt.param_groups[0]["lr"] = 0.01`, or a scheduler of `lr_scheduler`);
`state[p]` is parameter p's dict of running arrays (momentum buffers, moment estimates).

`step()` changes `p.data` in place with numpy alone: no graph is recorded and the parameters
keep their arrays (this is the training loop's hot path). Each updated parameter is marked
changed (`p.mark_changed()`), so that a backward through a graph recorded before the step
raises, as PyTorch's, instead of differentiating with the new values. Parameters whose
`.grad` is None are skipped.
"""
import numpy as np

from autograd import Tensor, enable_grad, run_update

from ..arguments import described, real_number, tensor_list
from .in_place import gradient_of


class Optimizer:
    """Parameters in groups, their state, and the hyperparameters.

    Subclasses give `defaults` (every hyperparameter with its value for groups that do not
    set it) to `__init__`, check a group's values in `check_group`, name the possible keys of
    a parameter's state in `state_keys`, and write the update rule in `update_group()`.
    """

    state_keys = ()

    def __init__(self, params, defaults):
        self.defaults = defaults
        self.param_groups = []
        self.state = {}
        self._work = {}
        for group in _groups(params, type(self).__name__):
            self.add_param_group(group)

    def __repr__(self):
        text = f"{type(self).__name__} ("
        for number, group in enumerate(self.param_groups):
            text += f"\nParameter Group {number}\n" + "".join(
                f"    {key}: {group[key]}\n" for key in sorted(group) if key != "params")
        return text + ")"

    # -- hyperparameters ----------------------------------------------------------------

    def check_group(self, group, operation):
        """Raise TypeError or ValueError for a bad hyperparameter of `group` (subclasses
        check theirs; the learning rate is checked by the caller)."""

    def _check_group(self, group, operation, lr_may_be_zero):
        """Every hyperparameter present, lr > 0 (>= 0 where a scheduler may have set it)."""
        missing = sorted(set(self.defaults) - set(group))
        if missing:
            raise KeyError(f"{operation}: the parameter group has no {', '.join(missing)}")
        real_number(group["lr"], "lr", operation, 0, low_inclusive=lr_may_be_zero)
        self.check_group(group, operation)

    @property
    def lr(self):
        raise AttributeError(_LR_ADVICE.format(type(self).__name__))

    @lr.setter
    def lr(self, value):
        raise AttributeError(_LR_ADVICE.format(type(self).__name__))

    # -- groups ---------------------------------------------------------------------------

    def add_param_group(self, param_group):
        """Add a dict {"params": tensors, hyperparameter: value, ...}; the hyperparameters
        it omits take the optimizer's defaults. Extra keys are kept, as PyTorch's."""
        operation = f"{type(self).__name__}.add_param_group"
        if not isinstance(param_group, dict):
            raise TypeError(f"{operation}: a parameter group is a dict with a 'params' entry, "
                            f"got {described(param_group)}")
        if "params" not in param_group:
            raise KeyError(f"{operation}: the parameter group has no 'params' entry")
        group = dict(param_group)
        group["params"] = _parameter_list(group["params"], type(self).__name__)
        for name, value in self.defaults.items():
            group.setdefault(name, value)
        self._check_group(group, type(self).__name__, lr_may_be_zero=False)
        known = {id(param) for other in self.param_groups for param in other["params"]}
        if any(id(param) in known for param in group["params"]):
            raise ValueError(f"{operation}: some parameters appear in more than one "
                             "parameter group")
        self.param_groups.append(group)
        for param in group["params"]:
            self.state[param] = {}
            self.init_state(group, param)

    def init_state(self, group, param):
        """Fill state[param] when the parameter joins (Adagrad's accumulator); most
        optimizers start empty and fill it on the first step."""

    # -- gradients ----------------------------------------------------------------------

    def zero_grad(self, set_to_none=True):
        """Forget the gradients: `.grad` becomes None, or (set_to_none=False) its numbers
        become 0 in place (a gradient held as a recorded Tensor is replaced by zeros, the
        graph behind it untouched)."""
        for group in self.param_groups:
            for param in group["params"]:
                grad = param.grad
                if grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                elif isinstance(grad, np.ndarray) and grad.flags.writeable:
                    grad.fill(0)
                else:
                    param.grad = np.zeros(param.shape, param.dtype)

    def step(self, closure=None):
        """One update of every parameter that has a gradient; returns the loss `closure`
        gives. `closure`, if given, is called first, under enable_grad: it recomputes the loss
        (zero_grad, forward, backward) for optimizers that need it."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        run_update(self._update_all)
        return loss

    def _update_all(self):
        """Every group's update. `step` runs it through autograd.run_update, so that a
        training step captured by autograd.compile calls it again on replay: it reads the
        gradients, the hyperparameters and the state anew on every call."""
        for group in self.param_groups:
            self.update_group(group)

    def with_gradients(self, group):
        """(param, its data, its gradient array) for each parameter of `group` that has a
        gradient: what every update_group walks."""
        for param in group["params"]:
            grad = gradient_of(param)
            if grad is not None:
                yield param, param.data, grad

    def update_group(self, group):
        """Update the parameters of `group` that have a gradient, in place, and mark each
        changed (subclasses write their rule here)."""
        raise NotImplementedError(f"{type(self).__name__} does not define update_group()")

    def work(self, param):
        """Two scratch arrays shaped like `param`, kept between steps so that an update
        allocates nothing (their contents are garbage on entry; made anew if `param.data`
        was replaced)."""
        entry = self._work.get(param)
        if entry is None or entry[0] is not param.data:
            data = param.data
            entry = self._work[param] = (data, (np.empty_like(data), np.empty_like(data)))
        return entry[1]

    # -- state_dict ---------------------------------------------------------------------

    def state_dict(self):
        """PyTorch's layout: {"state": {index: {key: copy}}, "param_groups": [{hyperparameter:
        value, ..., "params": [index, ...]}]}, parameters numbered in group order. Arrays are
        copies, so the dict is a snapshot."""
        index = {}
        groups = []
        for group in self.param_groups:
            numbers = [index.setdefault(id(param), len(index)) for param in group["params"]]
            groups.append({**{k: v for k, v in group.items() if k != "params"},
                           "params": numbers})
        state = {}
        for group in self.param_groups:
            for param in group["params"]:
                if self.state[param]:
                    state[index[id(param)]] = {
                        key: np.copy(value) if isinstance(value, np.ndarray) else value
                        for key, value in self.state[param].items()
                    }
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        """Restore what `state_dict()` gave (groups and parameters in the same order and
        sizes); checked fully before anything changes. Arrays are copied in the parameters'
        dtypes."""
        operation = f"{type(self).__name__}.load_state_dict"
        if not isinstance(state_dict, dict) or set(state_dict) != {"state", "param_groups"}:
            keys = sorted(state_dict) if isinstance(state_dict, dict) else described(state_dict)
            raise KeyError(f"{operation}: expected a dict with keys ['param_groups', 'state'], "
                           f"got {keys}")
        saved_groups = list(state_dict["param_groups"])
        if len(saved_groups) != len(self.param_groups):
            raise ValueError(f"{operation}: the state has {len(saved_groups)} parameter "
                             f"groups, the optimizer has {len(self.param_groups)}")
        params = {}
        for number, (saved, group) in enumerate(zip(saved_groups, self.param_groups)):
            if not isinstance(saved, dict) or "params" not in saved:
                raise KeyError(f"{operation}: parameter group {number} of the state is not a "
                               "dict with a 'params' entry")
            if len(saved["params"]) != len(group["params"]):
                raise ValueError(f"{operation}: parameter group {number} has "
                                 f"{len(saved['params'])} parameters in the state, "
                                 f"{len(group['params'])} in the optimizer")
            self._check_group(saved, operation, lr_may_be_zero=True)
            params.update(zip(saved["params"], group["params"]))
        states = dict(state_dict["state"])
        for index, param_state in states.items():
            self._check_state(operation, index, params.get(index), param_state)
        for saved, group in zip(saved_groups, self.param_groups):
            params_of_group = group["params"]
            group.clear()
            group.update({**saved, "params": params_of_group})
        for index, param in params.items():
            self.state[param] = {
                key: np.array(value, dtype=param.dtype) if isinstance(value, np.ndarray)
                else value
                for key, value in states.get(index, {}).items()
            }

    def _check_state(self, operation, index, param, param_state):
        if param is None:
            raise KeyError(f"{operation}: the state names parameter {index!r}, which no "
                           "parameter group holds")
        unknown = set(param_state) - set(self.state_keys)
        if unknown:
            raise KeyError(f"{operation}: parameter {index} has unknown state {sorted(unknown)}")
        for key, value in param_state.items():
            if isinstance(value, np.ndarray) and value.shape != param.shape:
                raise ValueError(f"{operation}: state {key!r} of parameter {index} has shape "
                                 f"{value.shape}, the parameter has shape {param.shape}")


_LR_ADVICE = ("{0} keeps its learning rate per parameter group, as PyTorch's: read or set "
              "opt.param_groups[0]['lr'] (or `for group in opt.param_groups: group['lr'] = "
              "...`), or use a scheduler of nn.optim.lr_scheduler")

_SET_REFUSED = ("{0}: params must be an ordered collection (a list), not a set: a set's "
                "order changes between runs, and the state_dict numbers parameters in order")


def _groups(params, operation):
    """The parameter groups of `params`: one group of every tensor, or the dicts given."""
    if isinstance(params, Tensor):
        raise TypeError(f"{operation}: params must be an iterable of Tensors or of dicts "
                        "(e.g. model.parameters()), got a single Tensor; wrap it in a list")
    if isinstance(params, (set, frozenset)):
        raise TypeError(_SET_REFUSED.format(operation))
    try:
        params = list(params)
    except TypeError:
        raise TypeError(f"{operation}: params must be an iterable of Tensors or of dicts "
                        f"(e.g. model.parameters()), got {described(params)}") from None
    if not params:
        raise ValueError(f"{operation}: params is empty; the optimizer needs parameters "
                         "(e.g. model.parameters())")
    if all(isinstance(param, dict) for param in params):
        return params
    return [{"params": params}]


def _parameter_list(params, operation):
    """The group's parameters as a list of distinct leaf Tensors (a single Tensor is a list
    of one)."""
    if isinstance(params, (set, frozenset)):
        raise TypeError(_SET_REFUSED.format(operation))
    params = tensor_list(params, operation, "a group's params")
    for index, param in enumerate(params):
        if not param.is_leaf:
            raise ValueError(
                f"{operation}: can't optimize a non-leaf Tensor: parameter {index} is the "
                f"result of {param.grad_fn.name}; pass leaf tensors (x.detach().requires_grad_() "
                f"makes one)"
            )
    if len({id(param) for param in params}) != len(params):
        raise ValueError(f"{operation}: a parameter appears more than once in params")
    return params
