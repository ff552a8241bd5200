"""From two recordings of a step with the same guards to a Program, or the reason there is none.

One recording cannot tell a constant from a value the step made from its arguments outside the
recorded ops (`Tensor(x.data * 2)`, `autograd.randn(...)`), nor Python control flow that depends
on something else than the arguments' shapes: two can. Both calls must have run the same ops
on the same kinds of values; an array that is not computed by the recorded ops is a constant
only if it is the same array, or holds the same values, both times.
"""
import re

import numpy as np

from .program import (Backward, Forward, Guards, LeafTensor, Program, RunUpdate, SetGrads, Slot,
                      ToLeaf, ToOp, TupleOf)
from .recorder import GradStates, Update, Visit


class NotCapturable(Exception):
    """Why a step cannot be captured; the warning's text."""


def build_program(first, second, entry_grads, input_names, signature):
    """The Program of a step recorded twice (`first`, `second`: Recorders of calls with the same
    guards). `entry_grads`: id(tensor) -> whether its .grad was None when the second call began,
    for the leaves of the first call and the Tensor arguments of the second."""
    return _Builder(first, second, entry_grads, input_names).program(signature)


def _differ(what):
    return NotCapturable(
        f"two calls with the same argument shapes and dtypes ran different steps ({what}): the "
        f"step's Python control flow depends on something other than its arguments' shapes, "
        f"dtypes and non-tensor values")


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _same_constant(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    return type(a) is type(b) and (a == b or (a != a and b != b))


class _Builder:
    def __init__(self, first, second, entry_grads, input_names):
        self.first, self.second, self.entry_grads = first, second, entry_grads
        self.input_names = input_names
        self.guard_arrays, self.leaf_names = [], {}
        self.owners = [op.owner for op in second.ops if op.owner is not None]
        self.reached = set()  # ops whose output already has a gradient pending
        self.constants = []  # their slots follow the arguments' and the ops' outputs'
        self.first_constant = len(input_names) + len(second.ops)

    def program(self, signature):
        first, second = self.first, self.second
        if len(first.ops) != len(second.ops):
            raise _differ(f"{len(first.ops)} ops, then {len(second.ops)}")
        instructions = [self.forward(i, a, b) for i, (a, b) in enumerate(zip(first.ops, second.ops))]
        leaves = self.grad_leaves()
        if len(first.events) != len(second.events):
            raise _differ("a different backward pass or update")
        for a, b in zip(first.events, second.events):
            instructions.append(self.event(a, b, leaves))
        returns = self.returned(first.returns, second.returns)
        _skip_unread_values(instructions, returns)
        no_grad_on_entry = [leaf for leaf, key in zip(leaves, second.grad_leaves)
                            if self.entry_grads.get(key, True) and self.fresh_first(key)]
        if [(o, f) for o, f in first.flags.values()] != [(o, f) for o, f in second.flags.values()]:
            raise _differ("different modules ran, or in another training mode")
        guards = Guards(self.guard_arrays, no_grad_on_entry, list(second.flags.values()))
        counts = len(self.input_names), len(second.ops), len(leaves)
        return Program(instructions, counts, self.constants, returns, guards, signature)

    # -- forward ---------------------------------------------------------------------------

    def forward(self, i, a, b):
        if (a.cls is not b.cls or a.needs != b.needs or a.markers != b.markers
                or a.shape != b.shape or a.dtype != b.dtype or a.options.keys() != b.options.keys()):
            raise _differ(f"op {i} was '{a.name}', then '{b.name}'")
        where = f"op {i} ('{b.name}')"
        arguments = [self.argument(where, x, y) for x, y in zip(a.refs, b.refs)]
        options = {key: self.argument(where, a.options[key], b.options[key]) for key in a.options}
        return Forward(i, len(self.input_names) + i, b.cls, arguments, options, b.needs, b.markers,
                       self.value_name(i), b.shape)

    def value_name(self, i):
        return f"{_snake(self.second.ops[i].cls.__name__)}_{i}"

    def argument(self, where, x, y):
        """The replay's source of one argument of `where`, or NotCapturable."""
        if x[0] != y[0]:
            raise _differ(f"an argument of {where} came from {x[0]}, then from {y[0]}")
        kind = y[0]
        if kind in ("input", "value"):
            if x[1] != y[1]:
                raise _differ(f"an argument of {where} came from different places")
            return (Slot(y[1], self.input_names[y[1]]) if kind == "input"
                    else Slot(len(self.input_names) + y[1], self.value_name(y[1])))
        if kind == "tuple":
            if len(x[1]) != len(y[1]):
                raise _differ(f"an index of {where} changed length")
            return TupleOf([self.argument(where, p, q) for p, q in zip(x[1], y[1])])
        if kind == "number":
            if not _same_constant(x[1], y[1]):
                raise _differ(f"an argument of {where} was {x[1]!r:.40}, then {y[1]!r:.40}")
            return self.constant(y[1], _constant_text(y[1]))
        return self.leaf(where, x, y)

    def constant(self, value, name):
        self.constants.append(value)
        return Slot(self.first_constant + len(self.constants) - 1, name, value)

    def leaf(self, where, x, y):
        (_, tensor_a, array_a), (_, tensor, array) = x, y
        if tensor_a is tensor and array_a is array:
            self.guard_arrays.append((tensor, array, tensor.requires_grad))
            return self.constant(array, self.tensor_name(tensor))
        if array_a is array:
            return self.constant(array, self.tensor_name(tensor))
        if not tensor.requires_grad and _same_constant(array_a, array):
            return self.constant(array, _constant_text(array))
        raise NotCapturable(
            f"{where} uses {tensor.describe()} that is new on each "
            f"call and not computed by autograd ops from the step's arguments (made from .data, "
            f"a new Tensor(...) of changing values, or random numbers drawn outside an op): "
            f"pass it as an argument of the step or compute it with tensor operations")

    def tensor_name(self, tensor):
        if id(tensor) not in self.leaf_names:
            name = tensor.name
            for owner in self.owners if name is None else ():
                named = getattr(owner, "named_parameters", None)
                name = next((n for n, p in named() if p is tensor), None) if callable(named) else None
                if name is not None:
                    break
            self.leaf_names[id(tensor)] = str(name) if name is not None else f"p{len(self.leaf_names)}"
        return self.leaf_names[id(tensor)]

    # -- backward and updates -------------------------------------------------------------------

    def grad_leaves(self):
        first, second = list(self.first.grad_leaves.values()), list(self.second.grad_leaves.values())
        if len(first) != len(second):
            raise _differ("gradients for different leaves")
        leaves = []
        for a, b in zip(first, second):
            if a.ref[0] == "input" and b.ref == a.ref:
                leaves.append(LeafTensor(self.input_names[b.ref[1]], k=b.ref[1]))
            elif a.tensor is b.tensor:
                leaves.append(LeafTensor(self.tensor_name(b.tensor), fixed=b.tensor))
            else:
                raise NotCapturable(f"backward computes the gradient of {b.tensor.describe()}, "
                                    f"a leaf made anew on each call inside the step")
        return leaves

    def fresh_first(self, key):
        """Whether the first gradient the leaf gets in the call starts its .grad afresh."""
        slot = list(self.second.grad_leaves).index(key)
        for event in self.second.events:
            for send in getattr(event, "sends", ()):
                if send.target == ("leaf", slot):
                    return send.fresh
        return False

    def event(self, a, b, leaves):
        if type(a) is not type(b):
            raise _differ("a different order of backward and updates")
        if isinstance(b, Visit):
            return self.backward(a, b, leaves)
        if isinstance(b, GradStates):
            if a.states != b.states:
                raise _differ("different gradients were cleared")
            return SetGrads(leaves, b.states)
        if isinstance(b, Update):
            if a.update != b.update:
                raise _differ("a different update")
            return RunUpdate(b.update)
        raise AssertionError(f"unknown event {b!r}")

    def backward(self, a, b, leaves):
        same_seed = (a.seed is None) == (b.seed is None) and (
            b.seed is None or _same_constant(a.seed, b.seed))
        shape = [(s.position, s.target, s.shape, s.fresh, s.owned) for s in a.sends]
        if a.index != b.index or not same_seed or shape != [
                (s.position, s.target, s.shape, s.fresh, s.owned) for s in b.sends]:
            raise _differ(f"the backward of op {b.index} ('{self.second.ops[b.index].name}')")
        sends, reached = [], self.reached
        for send in b.sends:
            kind, j = send.target
            if kind == "op":
                target = ToOp(j, j not in reached, "d_" + self.value_name(j))
                reached.add(j)
            else:
                target = ToLeaf(j, send.fresh, send.owned, send.dtype, leaves[j].name + ".grad")
            sends.append((send.position, send.shape, target))
        name = "d_" + self.value_name(b.index)
        reached.discard(b.index)
        return Backward(b.index, self.second.ops[b.index].cls, b.seed, sends, name)

    def returned(self, x, y):
        """None, one Slot, or a tuple of them, from ("one", ref) or ("many", refs)."""
        if x is None or y is None or x[0] != y[0] or len(x[1]) != len(y[1]):
            if x is None and y is None:
                return None
            raise _differ("different results")
        if y[0] == "one":
            return self.argument("the result", x[1], y[1])
        return tuple(self.argument("the result", p, q) for p, q in zip(x[1], y[1]))


def _skip_unread_values(instructions, returns):
    """Let each op whose output no later op and no result reads skip computing it, where the
    op can (its `forward_for_backward`)."""
    forwards = [instruction for instruction in instructions if isinstance(instruction, Forward)]
    read = {index for forward in forwards for index in forward.reads()}
    for result in (returns if isinstance(returns, tuple) else (returns,) if returns else ()):
        read |= result.reads()
    for forward in forwards:
        if forward.slot not in read and hasattr(forward.cls, "forward_for_backward"):
            forward.skip_value()


def _constant_text(value):
    if isinstance(value, np.ndarray):
        return repr(value.item()) if value.size == 1 else f"constant{value.shape}"
    return repr(value)
