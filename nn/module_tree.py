"""Walking what a module holds: its children, every module below it, the parameters and
buffers of all of them by dotted name, and looking one up by that name."""


class TreeMethods:
    """Module's children(), named_modules(), parameters(), buffers(), get_submodule(), ...
    and apply() (Module inherits them)."""

    __slots__ = ()

    def named_children(self):
        """(name, child) for each direct child module, in the order they were assigned; a
        child that is given twice (two names, one module) once."""
        seen = set()
        for name, child in self._modules.items():
            if child is not None and id(child) not in seen:
                seen.add(id(child))
                yield name, child

    def children(self):
        """The direct child modules, in the order of `named_children()`."""
        for _, child in self.named_children():
            yield child

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
            if child is not None:
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

    def apply(self, fn):
        """Call `fn(module)` on every child's tree (children first, each child's own children
        before it), then on this module; returns self. For example
        `model.apply(init_weights)`."""
        for child in self.children():
            child.apply(fn)
        fn(self)
        return self

    # -- looking up by dotted name ----------------------------------------------------------

    def get_submodule(self, target):
        """The module at dotted path `target` ("" is this module): `get_submodule("layers.0")`.
        AttributeError naming the first part of the path that is missing or not a module."""
        if not isinstance(target, str):
            raise TypeError(f"{type(self).__name__}.get_submodule: target must be a dotted "
                            f"name (a str), got {type(target).__name__}")
        module = self
        for part in target.split(".") if target else []:
            child = module._modules.get(part)
            if child is None:
                what = "is not a Module" if hasattr(module, part) else "does not exist"
                raise AttributeError(f"{type(self).__name__}.get_submodule({target!r}): "
                                     f"{type(module).__name__}.{part} {what}")
            module = child
        return module

    def get_parameter(self, target):
        """The parameter at dotted path `target`: `get_parameter("layers.0.weight")`."""
        return self._member(target, "_parameters", "get_parameter", "parameter")

    def get_buffer(self, target):
        """The buffer at dotted path `target`: `get_buffer("norm.running_mean")`."""
        return self._member(target, "_buffers", "get_buffer", "buffer")

    def _member(self, target, registry, method, kind):
        if not isinstance(target, str):
            raise TypeError(f"{type(self).__name__}.{method}: target must be a dotted name (a "
                            f"str), got {type(target).__name__}")
        module_path, _, name = target.rpartition(".")
        module = self.get_submodule(module_path)
        members = getattr(module, registry)
        if name not in members or members[name] is None:
            raise AttributeError(f"{type(self).__name__}.{method}({target!r}): "
                                 f"{type(module).__name__} has no {kind} named {name!r}")
        return members[name]
