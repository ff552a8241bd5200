"""Reverse-mode differentiation: walk the graph once, from the outputs back to the leaves.

For every node, in reverse topological order (each node after all the nodes that use its
output), the chain rule gives d(out)/d(input) = backward(d(out)/d(node's output)); the
gradients of a tensor used several times are summed. Leaves that require grad accumulate
the result in `.grad` (or hand it back to `autograd.grad`).

The order comes from each node's `sequence`, the count of nodes created before it: a node
is always created after the nodes that produced its inputs, so taking the pending node with
the highest sequence first (a heap) is a reverse topological order, found while walking and
without recursion (a 100,000-op chain is fine), as PyTorch's engine does. When a node's
backward leaves exactly one node pending (a straight chain, such as a layered network), that
node is next by the same rule, and the walk takes it without the heap.

Tools may watch the walk (`viz.trace_backward`, `count_ops`): the engine calls each of the
thread's `modes.backward_observers` with `visit(node, grad)` as each node starts, with the
summed gradient of the node's output, and `sent(node, tensor, grad)` for each gradient a
backward sends to an input, in the order of the inputs (after unbroadcast, before it is added
to what that input already has). With none, it costs one test per node and per input.
"""
import contextlib
import heapq

import numpy as np

from .anomaly import check_gradients
from .function import unbroadcast
from .grad_mode import enable_grad
from .modes import _per_thread
from .tensor import Tensor
from .version import changes

_NOTHING_TO_RECORD = contextlib.nullcontext()


def _seed_gradient(root, gradient, create_graph):
    """d(root)/d(root): ones for a one-element root, else the given `gradient`."""
    if not root.requires_grad:
        raise RuntimeError(
            "backward: this tensor does not require grad and has no grad_fn; "
            "create its inputs with requires_grad=True (and not under no_grad())"
        )
    if gradient is None:
        if root.data.size != 1:
            raise RuntimeError(
                f"backward: gradient can be implied only for a one-element output; this one "
                f"has shape {root.shape}: pass gradient= of that shape"
            )
        seed = np.array(1, dtype=root.data.dtype).reshape(root.data.shape)  # (no Python wrapper)
    else:
        if not isinstance(gradient, (Tensor, np.ndarray, np.generic, int, float)):
            raise TypeError(
                f"backward: gradient must be a Tensor or numpy array of the output's shape "
                f"{root.shape}; got {type(gradient).__name__}"
            )
        seed = np.asarray(gradient.data if isinstance(gradient, Tensor) else gradient, dtype=root.dtype)
        if seed.shape != root.shape:
            raise RuntimeError(
                f"backward: gradient has shape {seed.shape} but the output has shape {root.shape}"
            )
        if create_graph and isinstance(gradient, Tensor):
            return gradient
    return Tensor._wrap(seed, False, None) if create_graph else seed


def _accumulate_leaf(leaf, grad, new_array=False):
    """leaf.grad += grad, in place when we own the array, copying on the first write (unless
    `new_array`: the op made it for this gradient alone, so the leaf may keep it)."""
    if isinstance(grad, Tensor):
        leaf.grad = grad if leaf.grad is None else leaf.grad + grad
    elif leaf.grad is None:
        if new_array and grad.dtype == leaf.data.dtype:
            leaf.grad = grad
        else:
            leaf.grad = np.array(grad, dtype=leaf.data.dtype)
    elif isinstance(leaf.grad, Tensor):
        leaf.grad = leaf.grad + grad
    else:
        leaf.grad += grad


def run_backward(roots, gradients, retain_graph, create_graph, targets=None):
    """Backpropagate from `roots` with the given output gradients.

    Without `targets`, leaf gradients accumulate into `.grad`. With `targets` (a list of
    tensors), nothing's `.grad` is touched, only the part of the graph between the roots and
    the targets is walked (nothing below a target that leads to no other target), and the
    gradient of each target is returned (None where a target is not reached).
    """
    pending = {}  # node -> d(roots)/d(node's output), summed over every use so far
    queue = []  # (-node.sequence, node): the newest pending node comes out first
    captured = None if targets is None else {id(t): None for t in targets}
    target_nodes = {} if targets is None else {t.grad_fn: t for t in targets if t.grad_fn}
    walked = None if targets is None else _nodes_leading_to(roots, targets)

    def deliver(tensor, grad):
        node = tensor.grad_fn
        if node is None:
            if captured is None:
                _accumulate_leaf(tensor, grad)
            elif id(tensor) in captured:
                previous = captured[id(tensor)]
                captured[id(tensor)] = grad if previous is None else previous + grad
        elif walked is not None and node not in walked:
            return
        elif node in pending:
            pending[node] = pending[node] + grad
        else:
            pending[node] = grad
            heapq.heappush(queue, (-node.sequence, node))

    for root, gradient in zip(roots, gradients):
        deliver(root, _seed_gradient(root, gradient, create_graph))

    modes = _per_thread.modes
    anomaly, observers = modes.anomaly, modes.backward_observers
    following = None  # the next node when it is the only one pending (a straight chain)
    # Without create_graph, backward formulas see numpy arrays only: nothing to record.
    with enable_grad() if create_graph else _NOTHING_TO_RECORD:
        while following is not None or queue:
            if following is not None:  # no other node pending: no heap needed to choose
                node, following = following, None
            else:
                node = heapq.heappop(queue)[1]
            grad = pending.pop(node)
            if node.retained_output is not None or node in target_nodes:
                _hand_over_non_leaf_grad(node, grad, target_nodes, captured)
                if walked is not None and not walked[node]:
                    continue  # a target with no other target below it: stop here
            if observers:
                for observer in observers:
                    observer.visit(node, grad)
            input_grads = _call_backward(node, grad, create_graph, anomaly)
            for tensor, input_grad in zip(node.inputs, input_grads):
                if input_grad is None or tensor is None or not tensor.requires_grad:
                    continue
                try:
                    fits = input_grad.shape == tensor.data.shape
                except AttributeError:
                    raise _not_a_gradient(node, tensor, input_grad) from None
                if not fits:
                    input_grad = _sum_to_input(node, tensor, input_grad)
                if observers:
                    for observer in observers:
                        observer.sent(node, tensor, input_grad)
                producer = tensor.grad_fn
                if producer is None and captured is None:  # a leaf's .grad
                    _accumulate_leaf(tensor, input_grad, node.returns_new_arrays)
                elif producer is None or walked is not None:
                    deliver(tensor, input_grad)
                elif producer in pending:
                    pending[producer] = pending[producer] + input_grad
                else:  # the common case, inlined: this is the training hot path
                    pending[producer] = input_grad
                    if following is None and not queue:
                        following = producer
                    else:
                        if following is not None:
                            heapq.heappush(queue, (-following.sequence, following))
                            following = None
                        heapq.heappush(queue, (-producer.sequence, producer))
            if not retain_graph and node.saved:  # a node that saved nothing can run again
                node.saved = ()
                node.released = True
    if targets is not None:
        reached = _targets_reached(roots, targets, walked)
        return [np.zeros_like(t.data) if captured[id(t)] is None and id(t) in reached
                else captured[id(t)] for t in targets]
    return None


def _targets_reached(roots, targets, walked):
    """ids of the targets the roots depend on. One that no gradient arrived at (every path to
    it passes an op whose derivative is 0, such as sign) gets zeros, as in PyTorch; only a
    target the roots do not depend on at all is 'unused'."""
    inputs = {id(t) for node, runs in walked.items() if runs for t in node.inputs if t is not None}
    root_ids = {id(root) for root in roots}
    return {id(t) for t in targets
            if t.grad_fn in walked or id(t) in inputs or id(t) in root_ids}


def _nodes_leading_to(roots, targets):
    """{node: whether its backward must run} for every node from which a target can be
    reached: a target's own node is included (its gradient is captured) but runs only when
    another target lies below it."""
    target_leaves = {id(t) for t in targets if t.grad_fn is None}
    target_nodes = {t.grad_fn for t in targets if t.grad_fn is not None}
    runs = {}  # node -> True/False once decided
    stack = [root.grad_fn for root in roots if root.grad_fn is not None]
    while stack:  # iterative depth-first: children are decided before their parents
        node = stack[-1]
        if node in runs:
            stack.pop()
            continue
        undecided = [t.grad_fn for t in node.inputs
                     if t is not None and t.grad_fn is not None and t.grad_fn not in runs]
        if undecided:
            stack.extend(undecided)
            continue
        stack.pop()
        runs[node] = any(
            t is not None and (id(t) in target_leaves if t.grad_fn is None
                               else t.grad_fn in target_nodes or runs[t.grad_fn])
            for t in node.inputs
        )
    return {node: run for node, run in runs.items() if run or node in target_nodes}


def _not_a_gradient(node, tensor, value):
    index = next(i for i, t in enumerate(node.inputs) if t is tensor)
    return TypeError(
        f"op '{node.name}': backward returned {type(value).__name__} as the gradient of input "
        f"{index}; expected a numpy array (or a Tensor under create_graph) or None"
    )


def _sum_to_input(node, tensor, grad):
    """The gradient of a broadcast input summed back to its shape (`unbroadcast`), after
    checking that backward returned something of the input's shape up to broadcasting."""
    shape = tensor.data.shape
    try:
        fits = np.broadcast_shapes(shape, grad.shape) == grad.shape
    except ValueError:
        fits = False
    if not fits:
        index = next(i for i, t in enumerate(node.inputs) if t is tensor)
        raise RuntimeError(
            f"op '{node.name}': backward returned a gradient of shape {grad.shape} for input "
            f"{index}, which has shape {shape}"
        )
    return unbroadcast(grad, shape)


def _hand_over_non_leaf_grad(node, grad, target_nodes, captured):
    """Give a node's finished output gradient to retain_grad() or to autograd.grad."""
    if node.retained_output is not None:
        tensor = node.retained_output()
        if tensor is not None:
            _accumulate_leaf(tensor, grad)
    if node in target_nodes:
        captured[id(target_nodes[node])] = grad


def _call_backward(node, grad, create_graph, anomaly):
    """Run one node's backward; check that it may run and what it returns."""
    if node.released:
        raise RuntimeError(
            f"backward through op '{node.name}' a second time: its saved values were freed "
            f"after the first backward; pass retain_graph=True to the first backward"
        )
    if node.sequence < changes.latest:  # something changed in place since recording
        node.check_saved_versions()
    node.create_graph = create_graph
    input_grads = node.backward(node, grad)
    if type(input_grads) is not tuple:
        if not (type(input_grads) is np.ndarray or input_grads is None
                or isinstance(input_grads, (Tensor, np.generic))):
            raise TypeError(
                f"op '{node.name}': backward must return a gradient or a tuple of them "
                f"(one per input); got {type(input_grads).__name__}"
            )
        input_grads = (input_grads,)
    if len(input_grads) != len(node.inputs):
        _check_gradient_count(node, input_grads)
    if anomaly:
        check_gradients(input_grads, node)
    return input_grads


def _check_gradient_count(node, input_grads):
    """Too few gradients, or extra ones that are not None, is an error (as in PyTorch)."""
    count, expected = len(input_grads), len(node.inputs)
    if count < expected or any(g is not None for g in input_grads[expected:]):
        raise RuntimeError(
            f"op '{node.name}': backward returned {count} gradients for {expected} inputs "
            f"(return one per input of forward, None for those that need none)"
        )


def _as_tensor_tuple(values, what):
    values = (values,) if isinstance(values, Tensor) else tuple(values)
    for value in values:
        if not isinstance(value, Tensor):
            raise TypeError(f"grad: {what} must be Tensors; got {type(value).__name__}")
    return values


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=False):
    """d(outputs)/d(inputs), returned as a tuple of Tensors; no `.grad` is touched.

    `grad_outputs` gives d(loss)/d(output) for each output (None for one-element outputs).
    With `create_graph=True` the returned gradients are recorded Tensors that can be
    differentiated again (Hessian-vector products, second derivatives). `retain_graph`
    defaults to `create_graph`. An input the outputs do not depend on is an error unless
    `allow_unused`, when its gradient is None.
    """
    outputs = _as_tensor_tuple(outputs, "outputs")
    inputs = _as_tensor_tuple(inputs, "inputs")
    if grad_outputs is None or isinstance(grad_outputs, (Tensor, np.ndarray)):
        grad_outputs = (grad_outputs,) * len(outputs) if grad_outputs is None else (grad_outputs,)
    if len(grad_outputs) != len(outputs):
        raise ValueError(
            f"grad: {len(grad_outputs)} grad_outputs given for {len(outputs)} outputs"
        )
    for i, tensor in enumerate(inputs):
        if not tensor.requires_grad:
            raise RuntimeError(f"grad: input {i} does not require grad")
    retain = create_graph if retain_graph is None else retain_graph
    grads = run_backward(outputs, grad_outputs, retain, create_graph, targets=list(inputs))
    result = []
    for i, value in enumerate(grads):
        if value is None and not allow_unused:
            raise RuntimeError(
                f"grad: input {i} was not used to compute the outputs; "
                f"pass allow_unused=True to get None for it"
            )
        if value is not None and not isinstance(value, Tensor):
            value = Tensor._wrap(np.array(value, dtype=inputs[i].dtype), False, None)
        result.append(value)
    return tuple(result)
