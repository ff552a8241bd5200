"""The recorder: it watches one eager call of a step and writes down what ran.

It is an observer of the calling thread (`modes.observing`): told of each op applied
(`applied`), each node the engine's backward walk visits (`visit`) and each gradient it sends
on (`sent`), each value Python reads (`read`) and each in-place update (`updating`/`updated`,
from `autograd.run_update`). It never changes what the eager call does.

Each value is named by where it comes from, a *ref*: ("input", k) for the k-th array argument
of the step, ("value", i) for the output of the i-th op, ("leaf", tensor, array) for a tensor
made outside the recorded ops (a parameter, or a constant), ("number", x) for an argument that
is no array. Whatever the recorder cannot replay faithfully sets `problem`, the reason given in
the warning when the step falls back to eager mode.
"""
import numpy as np

from ..modes import _per_thread
from ..tensor import Tensor


class OpRecord:
    """One op applied: its class, the refs of its inputs, its options, what it needed."""

    def __init__(self, cls, name, refs, options, needs, markers, output, owner):
        self.cls, self.name, self.refs, self.options, self.owner = cls, name, refs, options, owner
        self.needs, self.markers = needs, markers
        self.shape, self.dtype = output.shape, output.dtype


class Visit:
    """The engine ran op `index`'s backward: with `seed` (a root's d(root)/d(root)), or with the
    sum of the gradients sent to its output since its last visit. `sends` follow."""

    def __init__(self, index, seed):
        self.index, self.seed, self.sends = index, seed, []


class Send:
    """A gradient of input `position` sent on to `target`: ("op", j), the output of op j, or
    ("leaf", slot), a leaf's `.grad`; `fresh`: the leaf had no gradient yet (`owned`: and it
    keeps the op's array, else a copy in `dtype`)."""

    def __init__(self, position, target, shape, fresh=False, owned=False, dtype=None):
        self.position, self.target, self.shape = position, target, shape
        self.fresh, self.owned, self.dtype = fresh, owned, dtype


class GradStates:
    """What each leaf's `.grad` holds at this point: the gradient backward computed for it
    (True) or None (False), one flag per leaf slot."""

    def __init__(self, states):
        self.states = states


class Update:
    """An in-place update run by `autograd.run_update(update)`."""

    def __init__(self, update):
        self.update = update


class GradLeaf:
    """A leaf that backward sends gradients to: its ref and the gradient it should hold."""

    def __init__(self, tensor, ref):
        self.tensor, self.ref, self.expected = tensor, ref, None


class Recorder:
    """Records one call. `inputs` are the step's arguments, flattened (Tensors, arrays, others)."""

    def __init__(self, inputs):
        self.problem = None
        self.ops, self.events = [], []
        self.nodes, self.results, self.arrays = {}, {}, {}
        self.input_tensors = {}
        self.grad_leaves = {}  # id(tensor) -> GradLeaf, in the order of their first gradient
        self.versions = {}  # id(tensor) -> [tensor, version when first seen, changes by updates]
        self.kept = list(inputs)  # keeps every id() used below alive while recording
        self.sending = None  # [Visit, next input position] while a node's gradients go out
        self.pending = {}  # op index -> gradients sent to its output since its last visit
        self.before_update = {}  # id(tensor) -> its version when the running update began
        self.returns = None
        self.flags = {}  # id(owner) -> (owner, its `training` flag) of every scope seen open
        for k, value in enumerate(inputs):
            if isinstance(value, Tensor):
                self.input_tensors[id(value)] = k
                self.arrays[id(value.data)] = ("input", k)
                self._watch(value)
            elif isinstance(value, np.ndarray):
                self.arrays[id(value)] = ("input", k)

    def fail(self, reason):
        """Remember the first reason the call cannot be replayed."""
        if self.problem is None:
            self.problem = reason

    # -- forward: ops applied -----------------------------------------------------------------

    def applied(self, ctx, result):
        cls = type(ctx)
        for open_scope in _per_thread.modes.scope:  # a module's forward may branch on it
            owner = open_scope.owner
            if id(owner) not in self.flags:
                self.flags[id(owner)] = (owner, getattr(owner, "training", None))
        if not getattr(cls, "replayable", cls.__module__.startswith("autograd.")):
            self.fail(f"op '{ctx.name}' is a custom Function ({cls.__qualname__}); set "
                      f"`replayable = True` on it if its forward and backward use nothing but "
                      f"their arguments and ctx")
        refs = tuple(self.ref(t, a) for t, a in zip(ctx.inputs, ctx.input_arrays))
        markers = tuple(None if t is None else True for t in ctx.inputs)
        options = {key: self._option(value) for key, value in ctx.options.items()}
        index = len(self.ops)
        owner = ctx.scope[0].owner if ctx.scope else None  # names parameters in the text
        self.ops.append(OpRecord(cls, ctx.name, refs, options, ctx.needs_input_grad, markers,
                                 result.data, owner))
        if result.grad_fn is ctx:
            self.nodes[ctx] = index
        self.results[id(result)] = index
        self.arrays[id(result.data)] = ("value", index)
        self.kept.append(result)

    def ref(self, tensor, array):
        """Where an op's input comes from."""
        if tensor is None:
            return ("number", array)
        index = self.nodes.get(tensor.grad_fn) if tensor.grad_fn is not None else None
        if index is None:
            index = self.results.get(id(tensor))
        if index is not None:
            return ("value", index)
        if id(tensor) in self.input_tensors:
            return ("input", self.input_tensors[id(tensor)])
        known = self.arrays.get(id(array)) or self.arrays.get(id(tensor.data))
        if known is not None:
            return known
        self._watch(tensor)
        self.kept.append(array)
        return ("leaf", tensor, tensor.data)

    def _option(self, value):
        """An option as given, with arrays of the step's values replaced by their refs."""
        if isinstance(value, np.ndarray) and id(value) in self.arrays:
            return self.arrays[id(value)]
        if isinstance(value, tuple):
            return ("tuple", tuple(self._option(item) for item in value))
        return ("number", value)

    def _watch(self, tensor):
        if id(tensor) not in self.versions:
            self.versions[id(tensor)] = [tensor, tensor._version, 0]

    # -- backward: the engine's walk -------------------------------------------------------------

    def visit(self, node, grad):
        index = self.nodes.get(node)
        if index is None:
            self.fail(f"backward reaches op '{node.name}', recorded before the call: a compiled "
                      f"step must compute everything it differentiates")
            return
        if isinstance(grad, Tensor):
            self.fail("backward(create_graph=True) inside the step (higher derivatives are "
                      "not captured)")
            return
        if node.retained_output is not None:
            self.fail("retain_grad() on a result inside the step")
        seed = None if self.pending.get(index) else np.array(grad)
        self.pending[index] = 0
        visit = Visit(index, seed)
        self.events.append(visit)
        self.sending = [visit, 0]

    def sent(self, node, tensor, grad):
        if self.sending is None or self.sending[0].index != self.nodes.get(node):
            return  # the node's visit already failed
        visit, start = self.sending
        position = next(p for p in range(start, len(node.inputs)) if node.inputs[p] is tensor)
        self.sending[1] = position + 1
        producer = tensor.grad_fn
        if producer is None:
            visit.sends.append(self._leaf_send(node, tensor, grad, position))
        elif producer in self.nodes:
            target = self.nodes[producer]
            self.pending[target] = self.pending.get(target, 0) + 1
            visit.sends.append(Send(position, ("op", target), tensor.shape))
        else:
            self.fail(f"backward reaches op '{producer.name}', recorded before the call")

    def _leaf_send(self, node, tensor, grad, position):
        leaf = self.grad_leaves.get(id(tensor))
        if leaf is None:
            ref = self.ref(tensor, tensor.data)
            leaf = self.grad_leaves[id(tensor)] = GradLeaf(tensor, ref)
        slot = list(self.grad_leaves).index(id(tensor))
        if tensor.grad is None:
            owned = node.returns_new_arrays and grad.dtype == tensor.data.dtype
            leaf.expected = np.array(grad, dtype=tensor.data.dtype)
            return Send(position, ("leaf", slot), tensor.shape, True, owned, tensor.data.dtype)
        if leaf.expected is None or not _same_values(tensor.grad, leaf.expected):
            self.fail(f"backward adds to the .grad of {tensor.describe()} left from before the "
                      f"call (or set outside backward): zero the gradients inside the step "
                      f"(optimizer.zero_grad()) so that each call computes them afresh")
            leaf.expected = np.array(tensor.grad)
        leaf.expected = leaf.expected + grad
        return Send(position, ("leaf", slot), tensor.shape)

    # -- value reads and in-place updates ---------------------------------------------------------

    def read(self, tensor, how):
        what = tensor.describe() if hasattr(tensor, "describe") else (
            f"an array of shape {np.shape(tensor)}")
        self.fail(f"the step reads values of {what} with {how} during the call; a "
                  f"decision taken in Python on values (an `if`, a loop, logging a loss) cannot "
                  f"be replayed: return the tensor from the step and read it after the call")

    def updating(self, update):
        self.events.append(GradStates(self.grad_states()))
        self.before_update = {key: entry[0]._version for key, entry in self.versions.items()}

    def updated(self, update):
        self.events.append(Update(update))
        for key, entry in self.versions.items():
            entry[2] += entry[0]._version - self.before_update.get(key, entry[1])

    def grad_states(self):
        """Whether each gradient leaf's .grad holds what backward computed (else None)."""
        states = []
        for leaf in self.grad_leaves.values():
            grad = leaf.tensor.grad
            if grad is not None and not _same_values(grad, leaf.expected):
                self.fail(f"the .grad of {leaf.tensor.describe()} is not what backward "
                          f"computed for it (autograd.grad, or a change outside backward)")
            states.append(grad is not None)
        return tuple(states)

    # -- the end of the call ----------------------------------------------------------------------

    def finish(self, result):
        """Record what the step returned, the final gradients, and check in-place changes."""
        self.events.append(GradStates(self.grad_states()))
        for tensor, first, by_updates in self.versions.values():
            if tensor._version - first != by_updates:
                self.fail(f"the step changes {tensor.describe()} in place outside "
                          f"autograd.run_update (an optimizer's step): such a change is not "
                          f"recorded")
        self.returns = self._returned(result)

    def _returned(self, result):
        if result is None:
            return None
        if isinstance(result, Tensor):
            return ("one", self.ref(result, result.data))
        if isinstance(result, tuple) and all(isinstance(item, Tensor) for item in result):
            return ("many", tuple(self.ref(item, item.data) for item in result))
        self.fail(f"the step returns {type(result).__name__}; a compiled step returns None, a "
                  f"Tensor or a tuple of Tensors")
        return None


def _same_values(a, b):
    """The same array values (NaN equal to NaN)."""
    return (isinstance(a, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
