"""`Module`: the base of every layer and network, and `Parameter`, a tensor it learns.

A module registers what is assigned to its attributes: a `Parameter` becomes one of its
parameters, a `Module` one of its children. Everything else (numbers, strings, plain
Tensors) stays an ordinary attribute. Names are dotted paths through the children, as
PyTorch's: `layers.0.weight` is the `weight` of child `0` of child `layers`.
"""
from collections import OrderedDict

import numpy as np

import autograd
from autograd import Tensor

from .arguments import flag

_NO_GPU = ("there is no GPU here: autograd computes with numpy on the CPU, where every module "
           "already is; drop the call")
_DTYPE = ("parameters keep the dtype they were made with (float32 by default); to change it, "
          "under autograd.no_grad(): for p in module.parameters(): p.data = "
          "p.data.astype(np.float64)")
_NO_HOOKS = ("modules have no hooks here: call the submodules yourself in forward, or use "
             "autograd.grad for gradients")
_NO_BUFFERS = ("there are no buffers: assign a plain Tensor attribute (self.name = tensor); "
               "it is not a parameter and not in state_dict()")

# PyTorch's nn.Module attribute -> what to write here (Module.__getattr__ says it).
MODULE_ADVICE = {
    "cuda": _NO_GPU, "cpu": _NO_GPU, "xpu": _NO_GPU, "ipu": _NO_GPU, "mtia": _NO_GPU,
    "to": _NO_GPU + "; " + _DTYPE, "to_empty": _NO_GPU,
    "half": _DTYPE, "float": _DTYPE, "double": _DTYPE, "bfloat16": _DTYPE, "type": _DTYPE,
    "modules": "use (m for _, m in module.named_modules())",
    "apply": "use: for _, m in module.named_modules(): fn(m)",
    "add_module": "assign the child as an attribute: setattr(module, name, child)",
    "register_module": "assign the child as an attribute: setattr(module, name, child)",
    "register_parameter": "assign it as an attribute: self.name = nn.Parameter(data)",
    "get_submodule": "use dict(module.named_modules())[dotted_name]",
    "get_parameter": "use dict(module.named_parameters())[dotted_name]",
    "requires_grad_": "use: for p in module.parameters(): p.requires_grad_(flag)",
    "register_buffer": _NO_BUFFERS, "buffers": _NO_BUFFERS, "named_buffers": _NO_BUFFERS,
    "get_buffer": _NO_BUFFERS,
    "register_forward_hook": _NO_HOOKS, "register_forward_pre_hook": _NO_HOOKS,
    "register_backward_hook": _NO_HOOKS, "register_full_backward_hook": _NO_HOOKS,
    "register_full_backward_pre_hook": _NO_HOOKS,
    "register_state_dict_pre_hook": _NO_HOOKS, "register_state_dict_post_hook": _NO_HOOKS,
    "register_load_state_dict_pre_hook": _NO_HOOKS,
    "register_load_state_dict_post_hook": _NO_HOOKS,
    "compile": "there is no compiler for modules; call the module as it is",
    "share_memory": "modules live in one process here; pass state_dict() arrays instead",
    "set_submodule": "assign the child as an attribute of its parent module",
    "get_extra_state": "state_dict() holds the parameters only; save other state yourself",
    "set_extra_state": "state_dict() holds the parameters only; save other state yourself",
    "call_super_init": "subclasses call super().__init__() themselves",
    "dump_patches": "there is no state_dict versioning here",
    "T_destination": "state_dict() returns an OrderedDict of numpy arrays",
}


class Parameter(Tensor):
    """A Tensor a module learns: always a leaf with requires_grad=True (float32 or float64)."""

    __slots__ = ()

    def __init__(self, data, dtype=None, name=None):
        super().__init__(data, requires_grad=True, dtype=dtype, name=name)


class Module:
    """Base class: subclasses assign Parameters and Modules in __init__ and define forward.

    `module(x)` runs `forward(x)` inside `autograd.scope(module)` (`autograd.run_in_scope`), so
    every node it records knows which module call made it (the diagrams draw one box per call;
    `autograd.record_scopes(False)` switches this off for a loop that never draws).
    """

    def __init__(self):
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name, value):
        if "_parameters" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__}: call super().__init__() before assigning "
                f"attribute {name!r}"
            )
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        if isinstance(value, Parameter):
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._modules[name] = value
        elif isinstance(value, (list, tuple)) and any(isinstance(v, Module) for v in value):
            raise TypeError(
                f"{type(self).__name__}.{name}: a plain {type(value).__name__} of modules would "
                f"hide their parameters; use nn.ModuleList([...]) or nn.Sequential(...)"
            )
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        object.__delattr__(self, name)

    def __getattr__(self, name):
        """Runs only when normal lookup fails: says what to use for a PyTorch name we lack."""
        message = f"'{type(self).__name__}' object has no attribute '{name}'"
        if name in MODULE_ADVICE:
            message += "; " + MODULE_ADVICE[name]
        raise AttributeError(message, name=name, obj=self)

    def forward(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must define forward()")

    def __call__(self, *args, **kwargs):
        return autograd.run_in_scope(self, self.forward, *args, **kwargs)

    # -- what the module holds -----------------------------------------------------------

    def children(self):
        """The direct child modules, in the order they were assigned."""
        return iter(self._modules.values())

    def named_children(self):
        """(name, child) for each direct child module."""
        return iter(self._modules.items())

    def named_modules(self, prefix=""):
        """(dotted name, module) for this module (name `prefix`, "" at the top) and every
        module below it, depth first."""
        yield prefix, self
        for name, child in self._modules.items():
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name)

    def named_parameters(self):
        """(dotted name, parameter) for every parameter of this module and its children.

        A parameter shared by several modules appears once, under its first name.
        """
        seen = set()
        for module_name, module in self.named_modules():
            for name, parameter in module._parameters.items():
                if id(parameter) not in seen:
                    seen.add(id(parameter))
                    yield (f"{module_name}.{name}" if module_name else name), parameter

    def parameters(self):
        """Every parameter, in the order of `named_parameters()`."""
        for _, parameter in self.named_parameters():
            yield parameter

    def num_parameters(self):
        """How many numbers the module learns (784-16-16-10: 13,002 weights and biases)."""
        return sum(parameter.size for parameter in self.parameters())

    def zero_grad(self):
        """Forget accumulated gradients: every parameter's .grad becomes None."""
        for parameter in self.parameters():
            parameter.grad = None

    def train(self, mode=True):
        """Set the `training` flag (True or False) of this module and all below it; returns
        self."""
        mode = flag(mode, "mode", f"{type(self).__name__}.train")
        for _, module in self.named_modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self):
        """The same as train(False); returns self."""
        return self.train(False)

    # -- saving and loading ----------------------------------------------------------------

    def state_dict(self):
        """An OrderedDict: dotted parameter name -> a copy of its numpy array."""
        return OrderedDict(
            (name, parameter.data.copy()) for name, parameter in self.named_parameters()
        )

    def load_state_dict(self, state):
        """Copy the arrays of `state` (name -> array) into the parameters, in place.

        Every parameter must be given with its exact shape, and nothing else: a missing or
        unexpected name is a KeyError, a wrong shape or a non-numeric array a ValueError.
        All entries are checked before any is copied, so on error nothing changes. Each
        parameter is marked changed, so a graph recorded before cannot be differentiated.
        """
        if not hasattr(state, "keys"):
            raise TypeError(
                f"{type(self).__name__}.load_state_dict: expected a mapping name -> array, "
                f"got {type(state).__name__}"
            )
        parameters = OrderedDict(self.named_parameters())
        missing = [name for name in parameters if name not in state]
        unexpected = [name for name in state if name not in parameters]
        if missing or unexpected:
            raise KeyError(
                f"{type(self).__name__}.load_state_dict: missing entries {missing}, "
                f"unexpected entries {unexpected}"
            )
        arrays = {}
        for name, parameter in parameters.items():
            array = np.asarray(state[name])
            if array.shape != parameter.shape or array.dtype.kind not in "biuf":
                raise ValueError(
                    f"{type(self).__name__}.load_state_dict: entry {name!r} has shape "
                    f"{array.shape} and dtype {array.dtype}; the parameter has shape "
                    f"{parameter.shape} and dtype {parameter.dtype}"
                )
            arrays[name] = array
        for name, parameter in parameters.items():
            parameter.data[...] = arrays[name]
            parameter.mark_changed()

    # -- printing --------------------------------------------------------------------------

    def extra_repr(self):
        """What goes between the parentheses of this module's repr (its settings)."""
        return ""

    def __repr__(self):
        if not self._modules:
            return f"{type(self).__name__}({self.extra_repr()})"
        lines = [f"{type(self).__name__}("]
        for name, child in self._modules.items():
            child_text = repr(child).replace("\n", "\n  ")
            lines.append(f"  ({name}): {child_text}")
        lines.append(")")
        return "\n".join(lines)
