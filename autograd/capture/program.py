"""A captured step as a straight list of instructions on numpy arrays, and its replay.

Replaying runs each op's own `forward` and `backward` bodies, in the order the eager call ran
them, on the arrays the recording says flow there: no Tensor, no graph, no engine. The
instructions are written out once as the lines of one Python function (`Program.source`,
source.py), which is what runs: a local variable per op output (`v3`), per pending gradient
(`d3`, summed in the engine's order) and per leaf gradient (`l0`), and one ctx per op that its
forward fills anew on each call (as a fresh one) and its backward reads.
"""
import numpy as np

from ..function import _as_output_array
from ..tensor import Tensor
from .source import Source


# -- where an op's arguments come from ------------------------------------------------------


class Slot:
    """An argument of the step, an op's output, or a constant fixed at capture (a number, a
    constant array, or a parameter's array, which its optimizer changes in place, so the replay
    always sees its current values): slot `index`, counting the step's arguments, then the
    ops' outputs, then the constants."""

    def __init__(self, index, name, value=None):
        self.index, self.name, self.value = index, name, value

    def code(self, source):
        return source.slot(self)

    def reads(self):
        return {self.index}


class TupleOf:
    """A tuple option (an index) whose items may be arguments of the step."""

    def __init__(self, items):
        self.items = items
        self.name = "(" + ", ".join(item.name for item in items) + ")"

    def code(self, source):
        return "(" + "".join(item.code(source) + ", " for item in self.items) + ")"

    def reads(self):
        return {index for item in self.items for index in item.reads()}


# -- the instructions -----------------------------------------------------------------------


class Forward:
    """output_i = cls.forward(ctx_i, *arguments, **options); `shape`: the output's at capture."""

    def __init__(self, i, slot, cls, arguments, options, needs, markers, name, shape):
        self.i, self.slot, self.cls, self.needs, self.markers = i, slot, cls, needs, markers
        self.arguments, self.options, self.shape = arguments, options, shape
        self.option_text = {key: o.name for key, o in options.items()}
        self.name, self.value_skipped = name, False

    def new_context(self):
        """The ctx this op's forward fills on each replay (kept from call to call)."""
        ctx = self.cls()
        ctx.inputs, ctx.needs_input_grad = self.markers, self.needs
        return ctx

    def reads(self):
        """The slots this op's forward reads."""
        return {index for argument in self.arguments + list(self.options.values())
                for index in argument.reads()}

    def skip_value(self):
        """Nobody reads this op's output: run what its forward keeps for backward only, where
        the op offers that (`forward_for_backward`, a part of its forward: the loss value of a
        step that does not return it)."""
        self.value_skipped = True

    def code(self, source):
        ctx, value = f"c{self.i}", source.value(self.i)
        arguments = [argument.code(source) for argument in self.arguments]
        call = ", ".join([ctx] + arguments + [f"{key}={option.code(source)}"
                                              for key, option in self.options.items()])
        lines = [f"{ctx}.input_arrays = [{', '.join(arguments)}]"]
        if self.value_skipped:
            function = source.bind("f", self.cls.forward_for_backward)
            return lines + [f"{function}({call})"]
        function = source.bind("f", self.cls.forward)
        lines.append(f"{value} = {function}({call})")
        if self.shape == ():  # numpy may give a scalar: made an array, as Function.apply does
            return lines + [f"{value} = {source.bind('zero_d', zero_d_output)}({ctx}, {value})"]
        return lines + [f"{ctx}.output_data = {value}"]

    def lines(self):
        arguments = [a.name for a in self.arguments]
        arguments += [f"{key}={text}" for key, text in self.option_text.items()]
        if self.value_skipped:
            return [f"{self.cls.__name__}.forward_for_backward({', '.join(arguments)})"
                    f"  # {self.name}: its value is never read"]
        return [f"{self.name} = {self.cls.__name__}.forward({', '.join(arguments)})"]


class ToOp:
    """Add a gradient to the one pending for op j's output (`first` since the op's last visit:
    it becomes the pending one; else `pending + grad`, a new array, as the engine does)."""

    def __init__(self, j, first, name):
        self.j, self.first, self.name = j, first, name

    def code(self, source, grad):
        pending = source.grad(self.j)
        return f"{pending} = {grad}" if self.first else f"{pending} = {pending} + {grad}"


class ToLeaf:
    """Give a gradient to leaf slot m: the first one kept (`owned`: the op's array is its own)
    or copied in the leaf's dtype, the next ones added in place."""

    def __init__(self, m, fresh, owned, dtype, name):
        self.m, self.fresh, self.owned, self.dtype, self.name = m, fresh, owned, dtype, name

    def code(self, source, grad):
        leaf = f"l{self.m}"
        if not self.fresh:
            return f"{leaf} += {grad}"
        if self.owned:
            return f"{leaf} = {grad}"
        return f"{leaf} = np.array({grad}, dtype={source.bind('dtype', self.dtype)})"


class Backward:
    """Run op i's backward on the gradient of its output (or a root's seed), and send each
    input's gradient on, summed back to the input's shape where it was broadcast."""

    def __init__(self, i, cls, seed, sends, grad_name):
        self.i, self.cls, self.seed, self.sends, self.grad_name = i, cls, seed, sends, grad_name

    def code(self, source):
        backward = source.bind("b", self.cls.backward)
        if self.seed is not None:
            grad = f"{source.bind('seed', self.seed)}.copy()"
        else:
            grad = source.grad(self.i)
        lines = [f"r = {backward}(c{self.i}, {grad})"]
        if self.seed is None:
            lines.append(f"del {grad}")  # (freed as the engine frees it)
        if self.sends:
            lines.append("r = r if type(r) is tuple else (r,)")
        for position, shape, target in self.sends:
            lines += [f"g = r[{position}]",
                      f"if g.shape != {shape!r}: g = unbroadcast(g, {shape!r})",
                      target.code(source, "g")]
        return lines

    def lines(self):
        count = max(position for position, _, _ in self.sends) + 1 if self.sends else 0
        names, extra = ["_"] * count, []
        for position, _, target in self.sends:
            fresh = target.fresh if isinstance(target, ToLeaf) else target.first
            if fresh:
                names[position] = target.name
            else:
                names[position] = f"g{position}"
                extra.append(f"{target.name} += g{position}")
        grad = "ones" if self.seed is not None and np.all(self.seed == 1) else self.grad_name
        head = f"{self.cls.__name__}.backward({grad})"
        if not self.sends:
            return [head]
        return [f"{', '.join(names)}{',' if count == 1 else ''} = {head}"] + extra


class SetGrads:
    """Leave each leaf's `.grad` as the eager call left it at this point: its gradient or None."""

    def __init__(self, leaves, states):
        self.leaves, self.states = leaves, states

    def code(self, source):
        return [f"{leaf.code(source)}.grad = {f'l{m}' if computed else None}"
                for m, (leaf, computed) in enumerate(zip(self.leaves, self.states))]

    def lines(self):
        cleared = [leaf.name for leaf, computed in zip(self.leaves, self.states) if not computed]
        return [f"{name}.grad = None" for name in cleared]


class RunUpdate:
    """An in-place update (an optimizer's step), called again as recorded."""

    def __init__(self, update):
        self.update = update

    def code(self, source):
        return [f"{source.bind('update', self.update)}()"]

    def lines(self):
        """"SGD._update_all()": a bound method is named after its object's class."""
        owner = getattr(self.update, "__self__", None)
        name = (f"{type(owner).__name__}.{self.update.__name__}" if owner is not None
                else self.update.__qualname__)
        return [f"{name}()  # in place, on the parameters and their .grad"]


class LeafTensor:
    """A leaf whose gradient the step computes: a parameter, or a Tensor argument."""

    def __init__(self, name, fixed=None, k=None):
        self.name, self.fixed, self.k = name, fixed, k

    def tensor(self, arguments):
        return self.fixed if self.fixed is not None else arguments[self.k]

    def code(self, source):
        return source.bind("leaf", self.fixed) if self.fixed is not None else f"arguments[{self.k}]"


class Guards:
    """`arrays`: (tensor, its array, requires_grad) of each parameter and other leaf the step
    reads; `no_grad_on_entry`: the LeafTensors that must have no `.grad` when a call starts;
    `flags`: (owner, its `training` flag) of each scope (module) the step ran in."""

    def __init__(self, arrays, no_grad_on_entry, flags):
        self.arrays, self.no_grad_on_entry, self.flags = arrays, no_grad_on_entry, flags

    def hold(self, arguments):
        for tensor, array, requires_grad in self.arrays:
            if tensor.data is not array or tensor.requires_grad != requires_grad:
                return False
        for owner, flag in self.flags:
            if getattr(owner, "training", None) != flag:
                return False
        for leaf in self.no_grad_on_entry:
            if leaf.tensor(arguments).grad is not None:
                return False
        return True


class Program:
    """The instructions of one captured step, what it returns, and the guards that say when it
    may replay: each parameter still holds the same array with the same requires_grad, each
    module is in the same training mode, and a leaf whose gradient is computed afresh has no
    `.grad` on entry where capture saw none."""

    def __init__(self, instructions, counts, constants, returns, guards, signature):
        self.instructions, self.returns, self.guards = instructions, returns, guards
        self.input_count, self.op_count, self.leaf_count = counts
        self.constants, self.signature = constants, signature
        self.forwards = [i for i in instructions if isinstance(i, Forward)]
        self.source, self._replay = Source(self).function()
        self._contexts = []  # sets of ctx objects not in use (one per running thread)

    def body(self, source):
        """The lines of the replay function after its header (source.py)."""
        lines = [line for instruction in self.instructions for line in instruction.code(source)]
        returns = self.returns
        if isinstance(returns, tuple):
            return lines + ["return (" + "".join(r.code(source) + ", " for r in returns) + ")"]
        return lines + ["return " + ("None" if returns is None else returns.code(source))]

    def run(self, arguments):
        """Replay on new arguments; returns the arrays of what the step returns (or None)."""
        try:
            contexts = self._contexts.pop()
        except IndexError:  # all in use (or none yet)
            contexts = [forward.new_context() for forward in self.forwards]
        arrays = [a.data if isinstance(a, Tensor) else a for a in arguments]
        result = self._replay(contexts, arguments, *arrays)
        self._contexts.append(contexts)
        return result

    def __str__(self):
        lines = [f"def {self.signature}:"]
        for instruction in self.instructions:
            lines += ["    " + line for line in instruction.lines()]
        if isinstance(self.returns, tuple):
            lines.append("    return " + ", ".join(r.name for r in self.returns))
        elif self.returns is not None:
            lines.append("    return " + self.returns.name)
        return "\n".join(lines)


def zero_d_output(ctx, output):
    """A forward's 0-d result as Function.apply keeps it: an array (numpy gives scalars), also
    among the saved values, and the ctx's output."""
    if type(output) is not np.ndarray:
        scalar, output = output, _as_output_array(output, ctx)
        ctx.saved = tuple(output if s is scalar else s for s in ctx.saved)
    ctx.output_data = output
    return output
