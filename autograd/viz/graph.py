"""Walk a computation graph from its roots: what a diagram draws, nearest the roots first.

The graph keeps ops (`Function` nodes), not the Tensors they return, so a diagram has
three things to show: leaf Tensors (parameters when they require grad, otherwise inputs and
constants), op nodes, and each op's output, known by the op itself. Edges follow the data:
input tensor -> op -> output tensor. Reading the graph adds no work to forward or backward.
"""
from collections import deque

PARAMETER = "parameter"        # leaf, requires_grad=True: learned
CONSTANT = "constant"          # leaf, requires_grad=False: an input or a constant
INTERMEDIATE = "intermediate"  # the output of an op (a non-leaf)
OP = "op"                      # one Function node


class Item:
    """One node of the diagram.

    `ref` is the leaf Tensor, or the Function node for an op and for its output.
    `tensors` are the Tensor objects met for a tensor item (roots, op inputs): they carry
    its name and its `.grad`. `consumers` are the op nodes that take it as an input.
    """

    __slots__ = ("kind", "ref", "tensors", "consumers", "is_root")

    def __init__(self, kind, ref):
        self.kind = kind
        self.ref = ref
        self.tensors = []
        self.consumers = []
        self.is_root = False


def walk(roots):
    """All items the roots depend on, breadth-first from the roots, and the edges (src, dst).

    A tensor used twice is one item; so is the output of an op, however many ops read it.
    Inputs that were not Tensors (None in `node.inputs`) are skipped.
    """
    items = []
    tensor_items = {}
    edges = []
    queue = deque()

    def new_item(kind, ref):
        item = Item(kind, ref)
        items.append(item)
        queue.append(item)
        return item

    def tensor_item(tensor):
        node = tensor.grad_fn
        key = id(tensor) if node is None else id(node)
        item = tensor_items.get(key)
        if item is None:
            if node is not None:
                item = new_item(INTERMEDIATE, node)
            else:
                item = new_item(PARAMETER if tensor.requires_grad else CONSTANT, tensor)
            tensor_items[key] = item
        if not any(seen is tensor for seen in item.tensors):
            item.tensors.append(tensor)
        return item

    for root in roots:
        tensor_item(root).is_root = True
    while queue:
        item = queue.popleft()
        if item.kind == INTERMEDIATE:
            edges.append((new_item(OP, item.ref), item))
        elif item.kind == OP:
            for tensor in item.ref.inputs:
                if tensor is not None:
                    source = tensor_item(tensor)
                    source.consumers.append(item.ref)
                    edges.append((source, item))
    return items, edges


def output_tensors(item):
    """The Tensor objects known for a tensor item, including a retain_grad()'ed output."""
    tensors = list(item.tensors)
    if item.kind == INTERMEDIATE and item.ref.retained_output is not None:
        retained = item.ref.retained_output()
        if retained is not None and not any(seen is retained for seen in tensors):
            tensors.append(retained)
    return tensors


def tensor_name(item, module_names):
    """A parameter's dotted name in the module that uses it, else the first Tensor `.name`,
    else, for an unnamed constant, its role: the input x of a layer, the target y of a cost."""
    if item.kind == PARAMETER:
        for node in item.consumers:
            if node.scope:
                name = module_names(node.scope[0].owner).get(id(item.ref))
                if name is not None:
                    return name
    for tensor in output_tensors(item):
        if tensor.name is not None:
            return str(tensor.name)
    if item.kind == CONSTANT:
        return constant_role(item)
    return None


# (op class name, input position) -> the seeds' name of a constant found there
CONSTANT_ROLES = {("Linear", 0): "x", ("MatMul", 0): "x", ("SquaredError", 1): "y"}


def constant_role(item):
    """x for the input of a layer, y for the target of a cost; None otherwise."""
    for node in item.consumers:
        for position, tensor in enumerate(node.inputs):
            if tensor is item.ref and (type(node).__name__, position) in CONSTANT_ROLES:
                return CONSTANT_ROLES[type(node).__name__, position]
    return None


def module_name_lookup():
    """A function owner -> {id(parameter): dotted name}, asked once per owner.

    Owners with a `named_parameters()` method (duck typing: autograd never imports nn)
    name their parameters; other owners name none.
    """
    cache = {}

    def names_of(owner):
        if id(owner) not in cache:
            named = getattr(owner, "named_parameters", None)
            pairs = named() if callable(named) else ()
            cache[id(owner)] = (owner, {id(tensor): str(name) for name, tensor in pairs})
        return cache[id(owner)][1]

    return names_of


def placement(item):
    """The scope path (tuple of autograd.scope objects, outermost first) whose box holds the item.

    Ops and their outputs go where the op was recorded; a parameter goes in the innermost
    box shared by every op that reads it (the Linear call that uses it); inputs and
    constants stay outside all boxes.
    """
    if item.kind in (OP, INTERMEDIATE):
        return item.ref.scope
    if item.kind == CONSTANT or not item.consumers:
        return ()
    common = item.consumers[0].scope
    for node in item.consumers[1:]:
        length = 0
        for mine, theirs in zip(common, node.scope):
            if mine is not theirs:
                break
            length += 1
        common = common[:length]
    return common
