"""A captured step as a straight list of instructions on numpy arrays, and its replay.

Replaying runs each op's own `forward` and `backward` bodies, in the order the eager call ran
them, on the arrays the recording says flow there: no Tensor, no graph, no engine. Each run has
a `Frame`: the call's arguments, the op outputs (`values`), the ctx each forward filled (its
backward reads it), the gradient pending for each op's output (`grads`, summed in the engine's
order) and the gradient of each leaf (`leaf_grads`).
"""
import numpy as np

from ..function import _as_output_array, unbroadcast
from ..tensor import Tensor


class Frame:
    """One run's arrays. `slots`: the array (or value) of each argument of the step, then the
    output of each op, then the constants; the Tensors of the arguments (`arguments`).

    A Program keeps its frames and reuses them from call to call (no per-call lists, and one
    ctx per op made once: each forward fills its ctx anew, as on a fresh one)."""

    __slots__ = ("arguments", "slots", "contexts", "grads", "leaf_grads")

    def __init__(self, program):
        self.arguments = None
        self.slots = [None] * (program.input_count + program.op_count) + program.constants
        self.contexts = [None] * program.op_count
        for instruction in program.instructions:
            if isinstance(instruction, Forward):
                self.contexts[instruction.i] = instruction.new_context()
        self.grads = [None] * program.op_count
        self.leaf_grads = [None] * program.leaf_count


# -- where an op's arguments come from ------------------------------------------------------


class Slot:
    """An argument of the step, an op's output, or a constant fixed at capture (a number, a
    constant array, or a parameter's array, which its optimizer changes in place, so the replay
    always sees its current values): slot `index` of the frame."""

    def __init__(self, index, name, value=None):
        self.index, self.name, self.value = index, name, value

    def get(self, frame):
        return frame.slots[self.index]

    def reads(self):
        return {self.index}


class TupleOf:
    """A tuple option (an index) whose items may be arguments of the step."""

    def __init__(self, items):
        self.items = items
        self.name = "(" + ", ".join(item.name for item in items) + ")"

    def get(self, frame):
        return tuple(item.get(frame) for item in self.items)

    def reads(self):
        return {index for item in self.items for index in item.reads()}


# -- the instructions -----------------------------------------------------------------------


class Forward:
    """output_i = cls.forward(ctx, *arguments, **options), with a new ctx kept for backward."""

    def __init__(self, i, slot, cls, arguments, options, needs, markers, name, constant_slots):
        self.i, self.slot, self.cls, self.needs, self.markers = i, slot, cls, needs, markers
        self.arguments, self.sources = arguments, tuple(a.index for a in arguments)
        self.constant_options = all(isinstance(o, Slot) and o.index in constant_slots
                                    for o in options.values())
        self.options = ({key: o.value for key, o in options.items()} if self.constant_options
                        else options)
        self.option_text = {key: o.name for key, o in options.items()}
        self.name, self.forward, self.value_skipped = name, cls.forward, False

    def new_context(self):
        """The ctx this op's forward fills on each replay (a frame keeps one per op)."""
        ctx = self.cls()
        ctx.inputs, ctx.needs_input_grad = self.markers, self.needs
        return ctx

    def reads(self):
        """The slots this op's forward reads."""
        return set(self.sources) | {index for option in self.options.values()
                                    if isinstance(option, (Slot, TupleOf))
                                    for index in option.reads()}

    def skip_value(self):
        """Nobody reads this op's output: run what its forward keeps for backward only, where
        the op offers that (`forward_for_backward`, a part of its forward: the loss value of a
        step that does not return it)."""
        self.forward = self.cls.forward_for_backward
        self.value_skipped = True

    def run(self, frame):
        ctx = frame.contexts[self.i]
        slots = frame.slots
        ctx.input_arrays = arrays = [slots[index] for index in self.sources]
        options = self.options if self.constant_options else {
            key: option.get(frame) for key, option in self.options.items()}
        output = self.forward(ctx, *arrays, **options)
        if self.value_skipped:
            return
        if type(output) is not np.ndarray:  # a 0-d result, as Function.apply keeps it
            scalar, output = output, _as_output_array(output, ctx)
            ctx.saved = tuple(output if s is scalar else s for s in ctx.saved)
        ctx.output_data = slots[self.slot] = output

    def lines(self):
        arguments = [a.name for a in self.arguments]
        arguments += [f"{key}={text}" for key, text in self.option_text.items()]
        if self.value_skipped:
            return [f"{self.cls.__name__}.forward_for_backward({', '.join(arguments)})"
                    f"  # {self.name}: its value is never read"]
        return [f"{self.name} = {self.cls.__name__}.forward({', '.join(arguments)})"]


# How a gradient reaches its target (`Backward.run`): the first one an op's output gets since
# its last visit is kept, the next ones added (`pending + grad`, a new array, as the engine);
# a leaf keeps its first one (or a copy in its dtype, where the op's array is not its own) and
# adds the next ones in place.
KEEP, ADD, KEEP_LEAF, COPY_LEAF, ADD_LEAF = range(5)


class ToOp:
    """The gradient pending for op j's output: `first` since the op's last visit, or not."""

    def __init__(self, j, first, name):
        self.j, self.first, self.name = j, first, name

    def route(self):
        return (KEEP if self.first else ADD), self.j, None


class ToLeaf:
    """Leaf slot m's gradient: the first one kept (`owned`) or copied, the next ones added."""

    def __init__(self, m, fresh, owned, dtype, name):
        self.m, self.fresh, self.owned, self.dtype, self.name = m, fresh, owned, dtype, name

    def route(self):
        if not self.fresh:
            return ADD_LEAF, self.m, None
        return (KEEP_LEAF if self.owned else COPY_LEAF), self.m, self.dtype


class Backward:
    """Run op i's backward on the gradient of its output (or a root's seed), and send each
    input's gradient on, summed back to the input's shape where it was broadcast."""

    def __init__(self, i, cls, seed, sends, grad_name):
        self.i, self.cls, self.seed, self.sends, self.grad_name = i, cls, seed, sends, grad_name
        self.backward = cls.backward
        self.routes = tuple((position, shape) + target.route()
                            for position, shape, target in sends)

    def run(self, frame):
        if self.seed is not None:
            grad = self.seed.copy()
        else:
            grad = frame.grads[self.i]
            frame.grads[self.i] = None
        grads = self.backward(frame.contexts[self.i], grad)
        if type(grads) is not tuple:
            grads = (grads,)
        for position, shape, how, j, dtype in self.routes:
            input_grad = grads[position]
            if input_grad.shape != shape:
                input_grad = unbroadcast(input_grad, shape)
            if how == KEEP:
                frame.grads[j] = input_grad
            elif how == ADD:
                frame.grads[j] = frame.grads[j] + input_grad
            elif how == KEEP_LEAF:
                frame.leaf_grads[j] = input_grad
            elif how == COPY_LEAF:
                frame.leaf_grads[j] = np.array(input_grad, dtype=dtype)
            else:
                frame.leaf_grads[j] += input_grad

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

    def run(self, frame):
        grads, arguments = frame.leaf_grads, frame.arguments
        for m, leaf in enumerate(self.leaves):
            tensor = leaf.fixed if leaf.fixed is not None else arguments[leaf.k]
            tensor.grad = grads[m] if self.states[m] else None

    def lines(self):
        cleared = [leaf.name for leaf, computed in zip(self.leaves, self.states) if not computed]
        return [f"{name}.grad = None" for name in cleared]


class RunUpdate:
    """An in-place update (an optimizer's step), called again as recorded."""

    def __init__(self, update):
        self.update = update

    def run(self, frame):
        self.update()

    def lines(self):
        return [f"{self.update.__qualname__}()  # in place, on the parameters and their .grad"]


class LeafTensor:
    """A leaf whose gradient the step computes: a parameter, or a Tensor argument."""

    def __init__(self, name, fixed=None, k=None):
        self.name, self.fixed, self.k = name, fixed, k

    def tensor(self, arguments):
        return self.fixed if self.fixed is not None else arguments[self.k]


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
        return all(leaf.tensor(arguments).grad is None for leaf in self.no_grad_on_entry)


class Program:
    """The instructions of one captured step, what it returns, and the guards that say when it
    may replay: each parameter still holds the same array with the same requires_grad, each
    module is in the same training mode, and a leaf whose gradient is computed afresh has no
    `.grad` on entry where capture saw none."""

    def __init__(self, instructions, counts, constants, returns, guards, signature):
        self.instructions, self.returns, self.guards = instructions, returns, guards
        self.input_count, self.op_count, self.leaf_count = counts
        self.constants, self.signature = constants, signature
        self.runs = [instruction.run for instruction in instructions]
        self._frames = []

    def run(self, arguments):
        """Replay on new arguments; returns the arrays of what the step returns (or None)."""
        frame = self._frames.pop() if self._frames else Frame(self)  # (one per running thread)
        frame.arguments = arguments
        slots = frame.slots
        for k, argument in enumerate(arguments):
            slots[k] = argument.data if isinstance(argument, Tensor) else argument
        for run in self.runs:
            run(frame)
        returns = self.returns
        if returns is not None:
            returns = (tuple(r.get(frame) for r in returns) if isinstance(returns, tuple)
                       else returns.get(frame))
        frame.arguments = None
        self._frames.append(frame)
        return returns

    def __str__(self):
        lines = [f"def {self.signature}:"]
        for instruction in self.instructions:
            lines += ["    " + line for line in instruction.lines()]
        if isinstance(self.returns, tuple):
            lines.append("    return " + ", ".join(r.name for r in self.returns))
        elif self.returns is not None:
            lines.append("    return " + self.returns.name)
        return "\n".join(lines)
