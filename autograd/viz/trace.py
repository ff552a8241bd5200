"""`trace_backward(loss)`: run the engine's backward pass and record every step of it.

The record comes from the real walk: the engine tells the thread's backward observer (see
engine.py) when each node starts, with the summed gradient of its output, and every gradient a
backward sends to an input. The trace groups what it is told into steps: a step is one node,
the gradient arriving at its output, the local derivative per input and the gradient sent to
each, and where a gradient meets what an input already had, the sum before and after.
"""
from dataclasses import dataclass, field

import numpy as np

from ..modes import observing
from ..tensor import Tensor
from . import formulas, viewer
from .files import write_bytes
from .graph import CONSTANT, INTERMEDIATE, OP, PARAMETER, module_name_lookup, tensor_name, walk


@dataclass
class Send:
    """One gradient sent by a step to one input."""
    input_index: int
    target: str            # the diagram id of the input's tensor
    target_name: str
    local: str             # the local derivative, as a formula
    grad: np.ndarray       # what the engine sent (after unbroadcast)
    local_values: np.ndarray = None  # sent / arriving, for elementwise ops where defined
    before: np.ndarray = None        # the input's gradient so far, when this adds to it
    after: np.ndarray = None


@dataclass
class Step:
    """One node of the backward walk, in the engine's order."""
    number: int
    op: str                # the diagram id of the op
    op_name: str
    output: str            # the diagram id of its output tensor
    output_name: str
    grad: np.ndarray       # d(loss)/d(output), summed over every use
    sends: list = field(default_factory=list)


class _Recorder:
    """The engine's backward observer while a trace runs."""

    def __init__(self, ids, names):
        self.ids, self.names = ids, names
        self.steps = []
        self.totals = {}  # target id -> gradient received so far

    def visit(self, node, grad):
        output = self.ids[id(node)][1]
        received = self.totals.get(output)
        if received is not None and not np.array_equal(received, grad, equal_nan=True):
            raise RuntimeError(f"trace_backward: the sums for {self.names[output]} disagree")
        self.steps.append(Step(len(self.steps), self.ids[id(node)][0], node.name, output,
                               self.names[output], _copy(grad)))

    def sent(self, node, tensor, grad):
        step = self.steps[-1]
        used = {send.input_index for send in step.sends}
        index = next(i for i, t in enumerate(node.inputs) if t is tensor and i not in used)
        target = self._tensor_id(tensor)
        input_names = [self._input_name(node, i) for i in range(len(node.inputs))]
        local = formulas.local_derivatives(node, input_names, step.output_name)[index]
        send = Send(index, target, self.names[target], local, _copy(grad))
        if formulas.is_elementwise(node) and np.shape(grad) == np.shape(step.grad):
            with np.errstate(divide="ignore", invalid="ignore"):
                send.local_values = np.where(step.grad != 0, send.grad / step.grad, np.nan)
        before = self.totals.get(target)
        if before is None:
            self.totals[target] = send.grad
        else:
            send.before, send.after = before, before + send.grad
            self.totals[target] = send.after
        step.sends.append(send)

    def _tensor_id(self, tensor):
        return self.ids[id(tensor.grad_fn)][1] if tensor.grad_fn is not None else self.ids[id(tensor)]

    def _input_name(self, node, index):
        tensor = node.inputs[index]
        if tensor is None or id(tensor) not in self.ids and tensor.grad_fn is None:
            value = node.input_arrays[index]
            return formulas_number(value)
        return self.names[self._tensor_id(tensor)]


def formulas_number(value):
    """A constant operand as it reads in a formula: 0.6, or its shape when it is an array."""
    array = np.asarray(value)
    return f"{array.item():.4g}" if array.size == 1 else f"a constant of shape {array.shape}"


def _copy(grad):
    return np.array(grad.data if isinstance(grad, Tensor) else grad, copy=True)


class Trace:
    """The steps of one backward pass and the graph they walked (see `trace_backward`)."""

    def __init__(self, loss, steps, items, edges, ids, names):
        self.loss = loss
        self.steps = steps
        self.items, self.edges = items, edges
        self.ids, self.names = ids, names

    def __len__(self):
        return len(self.steps)

    def __getitem__(self, number):
        return self.steps[number]

    @property
    def cost_name(self):
        """The loss's name in the formulas: its own, or the seeds' C."""
        return self.loss.name or "C"

    def to_html(self):
        """The step-through viewer as one self-contained HTML page."""
        return viewer.page(self)

    def _repr_html_(self):
        return viewer.inline(self)

    def save_html(self, path):
        """Write the viewer as one HTML page (no server or network needed to open it)."""
        return write_bytes(path, viewer.page(self).encode("utf-8"))

    def save_gif(self, path, seconds_per_step=1.5):
        """An animated GIF of the walk, for slides."""
        return viewer.save_gif(self, path, seconds_per_step)

    def save_frames(self, folder, format="png"):
        """One picture per step (PNG or SVG) in `folder`."""
        return viewer.save_frames(self, folder, format)

    def value(self, name):
        """The forward value of the tensor the trace calls `name` (z1, a1, w, ...)."""
        for item in self.items:
            if item.kind == OP:
                continue
            key = self.ids[id(item.ref)][1] if item.kind == INTERMEDIATE else self.ids[id(item.ref)]
            if self.names[key] == name:
                return item.ref.output_data if item.kind == INTERMEDIATE else item.ref.data
        raise KeyError(f"trace: no tensor named {name!r}; the names are {sorted(self.names.values())}")

    def leaf_gradients(self):
        """{name: the leaf's .grad after the traced backward} for every parameter."""
        return {self.names[self.ids[id(item.ref)]]: item.ref.grad
                for item in self.items if item.kind == PARAMETER}

    def __repr__(self):
        return f"<Trace of {len(self.steps)} backward steps from {self.names[self.root_id]}>"

    @property
    def root_id(self):
        return self.ids[id(self.loss.grad_fn)][1]


def _diagram_ids(items):
    """Diagram ids as `draw` gives them (n0, n1, ... in walk order): {id(leaf): id} for leaves,
    {id(node): (op id, output id)} for ops."""
    ids, ops, outputs = {}, {}, {}
    for index, item in enumerate(items):
        key = f"n{index}"
        if item.kind == OP:
            ops[id(item.ref)] = key
        elif item.kind == INTERMEDIATE:
            outputs[id(item.ref)] = key
        else:
            ids[id(item.ref)] = key
    ids.update({node: (ops[node], outputs[node]) for node in ops})
    return ids


ACTIVATIONS = {"sigmoid", "tanh", "relu"}


def _names(items, ids):
    """A readable name per tensor id: the tensor's own name (or its parameter name in a
    module); else, in forward order, the seeds' z1, a1, z2, ... for each layer's linear op and
    the activation after it, the op's name for other results (mul, mul2, ...), x / x2 for
    inputs and p / p2 for unnamed parameters."""
    module_names = module_name_lookup()
    names, counts, layers = {}, {}, {}
    tensors = [item for item in items if item.kind != OP]
    tensors.sort(key=lambda item: item.ref.sequence if item.kind == INTERMEDIATE else -1)
    for item in tensors:
        key = ids[id(item.ref)][1] if item.kind == INTERMEDIATE else ids[id(item.ref)]
        name = tensor_name(item, module_names)
        if name is None and item.kind == INTERMEDIATE:
            name = _layer_name(item.ref, layers, names, ids)
        if name is None:
            base = item.ref.name if item.kind == INTERMEDIATE else (
                "x" if item.kind == CONSTANT else "p")
            counts[base] = counts.get(base, 0) + 1
            name = base if counts[base] == 1 else f"{base}{counts[base]}"
        names[key] = name
    return names


def _layer_name(node, layers, names, ids):
    """z<l> for the l-th linear op, a<l> for an activation applied to z<l>; else None."""
    if type(node).__name__ == "Linear":
        layers[node] = len(layers) + 1
        return f"z{layers[node]}"
    source = node.inputs[0] if node.inputs else None
    if node.name in ACTIVATIONS and source is not None and source.grad_fn in layers:
        return f"a{layers[source.grad_fn]}"
    return None


def trace_backward(loss, gradient=None):
    """Run `loss.backward(gradient)` and return its `Trace`: every step of the engine's walk.

    Leaves accumulate `.grad` exactly as a plain backward does. The graph is freed afterwards
    as usual (trace a fresh forward pass each time).
    """
    if not isinstance(loss, Tensor) or loss.grad_fn is None:
        raise TypeError(
            "trace_backward: needs the result of a recorded computation (a Tensor with a "
            f"grad_fn); got {loss!r:.80}"
        )
    items, edges = walk([loss])
    ids = _diagram_ids(items)
    names = _names(items, ids)
    names[ids[id(loss.grad_fn)][1]] = loss.name or "C"  # the seeds' name for the cost
    recorder = _Recorder(ids, names)
    with observing(backward=recorder):
        loss.backward(gradient)
    return Trace(loss, recorder.steps, items, edges, ids, names)
