"""`Module`: the base of every layer and network, and `Parameter`, a tensor it learns.

A module registers what is assigned to its attributes: a `Parameter` becomes one of its
parameters, a `Module` one of its children. Tensors it keeps but does not learn are
registered as buffers (`register_buffer`). Everything else (numbers, strings, plain
Tensors) stays an ordinary attribute. Names are dotted paths through the children, as
PyTorch's: `layers.0.weight` is the `weight` of child `0` of child `layers`.
Saving and loading are in module_state.py, dtype casts in module_conversion.py.
"""
from collections import OrderedDict

import autograd
from autograd import Tensor

from .arguments import described, flag
from .module_advice import MODULE_ADVICE
from .module_conversion import ConversionMethods
from .module_state import StateMethods


class Parameter(Tensor):
    """A Tensor a module learns: always a leaf with requires_grad=True (float32 or float64)."""

    __slots__ = ()

    def __init__(self, data, dtype=None, name=None):
        super().__init__(data, requires_grad=True, dtype=dtype, name=name)


class Module(StateMethods, ConversionMethods):
    """Base class: subclasses assign Parameters and Modules in __init__ and define forward.

    `module(x)` runs `forward(x)` inside `autograd.scope(module)`, so every node it records
    knows which module call made it (the diagrams draw one box per call).
    """

    def __init__(self):
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers", set())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name, value):
        if "_parameters" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__}: call super().__init__() before assigning "
                f"attribute {name!r}"
            )
        if name in self._buffers and not isinstance(value, (Parameter, Module)):
            self._buffers[name] = _buffer_value(value, name, "assign")
            object.__setattr__(self, name, value)
            return
        self._forget(name)
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
        with autograd.scope(self):
            return self.forward(*args, **kwargs)

    # -- what the module holds -----------------------------------------------------------

    def children(self):
        """The direct child modules, in the order they were assigned."""
        return iter(self._modules.values())

    def named_children(self):
        """(name, child) for each direct child module."""
        return iter(self._modules.items())

    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """(dotted name, module) for this module (named `prefix`, "" at the top) and every
        module below it, depth first. A module reached twice is given once, under its first
        name, unless `remove_duplicate=False`; `memo` is the set of modules already given."""
        if memo is None:
            memo = set()
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, child in self._modules.items():
            yield from child.named_modules(memo, f"{prefix}.{name}" if prefix else name,
                                           remove_duplicate)

    def modules(self):
        """This module and every module below it, in the order of `named_modules()`."""
        for _, module in self.named_modules():
            yield module

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """(dotted name, parameter) for every parameter of this module and, with `recurse`,
        of the modules below it. A parameter shared by several modules appears once, under
        its first name, unless `remove_duplicate=False`."""
        return self._named_members(
            lambda module: module._parameters.items(), prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        """Every parameter, in the order of `named_parameters()`."""
        for _, parameter in self.named_parameters(recurse=recurse):
            yield parameter

    def _named_members(self, members_of, prefix, recurse, remove_duplicate):
        """(dotted name, tensor) for the (name, tensor) pairs `members_of(module)` gives for
        each module, skipping None and, with `remove_duplicate`, tensors already given."""
        modules = (self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
                   if recurse else [(prefix, self)])
        seen = set()
        for module_name, module in modules:
            for name, tensor in members_of(module):
                if tensor is None or id(tensor) in seen:
                    continue
                if remove_duplicate:
                    seen.add(id(tensor))
                yield (f"{module_name}.{name}" if module_name else name), tensor

    def register_buffer(self, name, tensor, persistent=True):
        """Keep `tensor` (a Tensor, or None for "not set yet") as the buffer `name`: state
        the module holds but does not learn (BatchNorm's running mean, say). It is an
        attribute (`self.name`), listed by `buffers()`, cast by `to(dtype)` when floating, and
        saved by `state_dict()` unless `persistent=False`. Assigning `self.name = tensor`
        later replaces the buffer's tensor.
        """
        where = f"{type(self).__name__}.register_buffer"
        if "_buffers" not in self.__dict__:
            raise AttributeError(f"{where}: call super().__init__() before registering a buffer")
        if not isinstance(name, str):
            raise TypeError(f"{where}: the buffer name must be a string, got {described(name)}")
        if name == "" or "." in name:
            raise KeyError(f"{where}: the buffer name must be non-empty and without '.', "
                           f"got {name!r}")
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"{where}: attribute {name!r} already exists")
        persistent = flag(persistent, "persistent", where)
        self._buffers[name] = _buffer_value(tensor, name, "register")
        if persistent:
            self._non_persistent_buffers.discard(name)
        else:
            self._non_persistent_buffers.add(name)
        object.__setattr__(self, name, tensor)

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        """(dotted name, tensor) for every buffer that is set (not None), of this module and,
        with `recurse`, of the modules below it; a tensor held twice appears once, under its
        first name, unless `remove_duplicate=False`."""
        return self._named_members(
            lambda module: module._buffers.items(), prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        """Every buffer's tensor, in the order of `named_buffers()`."""
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

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


def _buffer_value(value, name, action):
    """`value` if it can be the buffer `name` (a Tensor, or None), else a TypeError."""
    if value is not None and not isinstance(value, Tensor):
        raise TypeError(
            f"cannot {action} {described(value)} as buffer {name!r}: expected a Tensor or None "
            f"(wrap an array as autograd.Tensor(array))"
        )
    return value
