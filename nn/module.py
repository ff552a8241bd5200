"""`Module`: the base of every layer and network, and `Parameter`, a tensor it learns.

A module registers what is assigned to its attributes: a `Parameter` becomes one of its
parameters, a `Module` one of its children. Tensors it keeps but does not learn are
registered as buffers (`register_buffer`). Everything else (numbers, strings, plain
Tensors) stays an ordinary attribute. Names are dotted paths through the children, as
PyTorch's: `layers.0.weight` is the `weight` of child `0` of child `layers`.
Walking the tree is in module_tree.py, saving and loading in module_state.py, dtype casts in
module_conversion.py.
"""
from collections import OrderedDict

import autograd
from autograd import Tensor

from .arguments import described, flag
from .module_advice import MODULE_ADVICE
from .module_conversion import CastMethods
from .module_state import StateMethods
from .module_tree import TreeMethods


class Parameter(Tensor):
    """A Tensor a module learns: always a leaf with requires_grad=True (float32 or float64)."""

    __slots__ = ()

    def __init__(self, data, dtype=None, name=None):
        super().__init__(data, requires_grad=True, dtype=dtype, name=name)


class Module(TreeMethods, StateMethods, CastMethods):
    """Base class: subclasses assign Parameters and Modules in __init__ and define forward.

    `module(x)` runs `forward(x)` inside `autograd.scope(module)` (`autograd.run_in_scope`), so
    every node it records knows which module call made it (the diagrams draw one box per call;
    `autograd.record_scopes(False)` switches this off for a loop that never draws).
    """

    def __init__(self):
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers", set())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name, value):
        """Register a Parameter or Module by its name, as PyTorch: a name registered as a
        parameter, buffer or child takes only its own kind (or None) after, unless a Parameter
        or Module replaces it."""
        if "_parameters" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__}: call super().__init__() before assigning "
                f"attribute {name!r}"
            )
        if isinstance(value, (Parameter, Module)):
            self._forget(name)
            registry = self._parameters if isinstance(value, Parameter) else self._modules
            registry[name] = value
        elif name in self._parameters:
            self._parameters[name] = _checked(value, Parameter, "parameter", name, "assign")
        elif name in self._buffers:
            self._buffers[name] = _checked(value, Tensor, "buffer", name, "assign")
        elif name in self._modules:
            self._modules[name] = _checked(value, Module, "child module", name, "assign")
        elif isinstance(value, (list, tuple)) and any(isinstance(v, Module) for v in value):
            raise TypeError(
                f"{type(self).__name__}.{name}: a plain {type(value).__name__} of modules would "
                f"hide their parameters; use nn.ModuleList([...]) or nn.Sequential(...)"
            )
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self._forget(name)
        object.__delattr__(self, name)

    def _forget(self, name):
        """Unregister `name` as a parameter, buffer or child (its attribute stays)."""
        self._parameters.pop(name, None)
        self._buffers.pop(name, None)
        self._non_persistent_buffers.discard(name)
        self._modules.pop(name, None)

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

    # -- registering by name ---------------------------------------------------------------

    def register_parameter(self, name, param):
        """Make `param` (a Parameter, or None for "not set", as a Linear without bias) the
        parameter `name`; the same as `self.name = param` for a new name."""
        self._register(name, _checked(param, Parameter, "parameter", name, "register"),
                       "_parameters", "parameter", "register_parameter")

    def register_buffer(self, name, tensor, persistent=True):
        """Keep `tensor` (a Tensor, or None for "not set yet") as the buffer `name`: state
        the module holds but does not learn (BatchNorm's running mean, say). It is an
        attribute (`self.name`), listed by `buffers()`, cast by `to(dtype)` when floating, and
        saved by `state_dict()` unless `persistent=False`. Assigning `self.name = tensor`
        later replaces the buffer's tensor.
        """
        where = f"{type(self).__name__}.register_buffer"
        persistent = flag(persistent, "persistent", where)
        self._register(name, _checked(tensor, Tensor, "buffer", name, "register"),
                       "_buffers", "buffer", "register_buffer")
        if persistent:
            self._non_persistent_buffers.discard(name)
        else:
            self._non_persistent_buffers.add(name)

    def add_module(self, name, module):
        """Make `module` (a Module, or None) the child `name`: the same as
        `setattr(self, name, module)`, for names made at run time."""
        self._register(name, _checked(module, Module, "child module", name, "add"),
                       "_modules", "module", "add_module")

    register_module = add_module

    def _register(self, name, value, registry_name, kind, method):
        """Check `name` and make `value` its entry in the registry (an OrderedDict attribute)
        named `registry_name`."""
        where = f"{type(self).__name__}.{method}"
        if registry_name not in self.__dict__:
            raise AttributeError(f"{where}: call super().__init__() before registering a {kind}")
        registry = self.__dict__[registry_name]
        if not isinstance(name, str):
            raise TypeError(f"{where}: the {kind} name must be a string, got {described(name)}")
        if name == "" or "." in name:
            raise KeyError(f"{where}: the {kind} name must be non-empty and without '.', "
                           f"got {name!r}")
        if hasattr(self, name) and name not in registry:
            raise KeyError(f"{where}: attribute {name!r} already exists")
        registry[name] = value
        object.__setattr__(self, name, value)

    # -- training --------------------------------------------------------------------------

    def num_parameters(self):
        """How many numbers the module learns (784-16-16-10: 13,002 weights and biases)."""
        return sum(parameter.size for parameter in self.parameters())

    def zero_grad(self, set_to_none=True):
        """Forget accumulated gradients: every parameter's .grad becomes None, or with
        `set_to_none=False` is set to zeros in place (a recorded gradient is detached
        first)."""
        set_to_none = flag(set_to_none, "set_to_none", f"{type(self).__name__}.zero_grad")
        for parameter in self.parameters():
            if set_to_none or parameter.grad is None:
                parameter.grad = None
            elif isinstance(parameter.grad, Tensor):
                parameter.grad = parameter.grad.detach()
                parameter.grad.data[...] = 0
                parameter.grad.mark_changed()
            else:
                parameter.grad[...] = 0

    def requires_grad_(self, requires_grad=True):
        """Set requires_grad of every parameter (False freezes them: backward leaves their
        .grad alone and optimizers do not move them); returns self."""
        requires_grad = flag(requires_grad, "requires_grad",
                             f"{type(self).__name__}.requires_grad_")
        for parameter in self.parameters():
            parameter.requires_grad_(requires_grad)
        return self

    def train(self, mode=True):
        """Set the `training` flag (True or False) of this module and all below it; returns
        self."""
        mode = flag(mode, "mode", f"{type(self).__name__}.train")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self):
        """The same as train(False); returns self."""
        return self.train(False)

    # -- printing --------------------------------------------------------------------------

    def extra_repr(self):
        """What goes between the parentheses of this module's repr (its settings; several
        lines allowed), as PyTorch's: `in_features=4, out_features=3, bias=True`."""
        return ""

    def __repr__(self):
        """PyTorch's layout: `Name(settings)` alone, or the settings' lines and one
        `(name): child` line per child, indented by two spaces, between `Name(` and `)`."""
        lines = self.extra_repr().split("\n") if self.extra_repr() else []
        children = [f"({name}): " + repr(child).replace("\n", "\n  ")
                    for name, child in self._modules.items()]
        if not children and len(lines) <= 1:
            return f"{type(self).__name__}({''.join(lines)})"
        return f"{type(self).__name__}(\n  " + "\n  ".join(lines + children) + "\n)"


_KINDS = {Parameter: "an nn.Parameter", Tensor: "a Tensor", Module: "an nn.Module"}


def _checked(value, kind, role, name, action):
    """`value` if it can be the `role` `name` (a `kind`, or None), else a TypeError."""
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"cannot {action} {described(value)} as {role} {name!r}: expected "
                        f"{_KINDS[kind]} or None")
    return value
