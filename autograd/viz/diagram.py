"""`draw(*roots)`: a graphviz diagram of everything the roots depend on."""
import itertools

import graphviz

from ..tensor import Tensor
from . import labels
from .graph import CONSTANT, INTERMEDIATE, OP, PARAMETER, module_name_lookup, output_tensors
from .collapse import Collapsed, collapse, shapes_text
from .graph import placement, tensor_name, walk

RANKDIRS = ("LR", "RL", "TB", "BT")
FONT = "Helvetica"

# What each kind of node looks like; the tooltips (hover in SVG) say what the style means.
# The margins leave room for SVG renderers whose fonts run wider than graphviz's metrics.
TENSOR_STYLE = {"shape": "box", "style": "rounded,filled", "color": "#455a64",
                "margin": "0.16,0.06"}
KIND_STYLES = {
    PARAMETER: {"fillcolor": "#c8e6c9", "tooltip": "parameter: leaf with requires_grad=True"},
    CONSTANT: {"fillcolor": "#eceff1", "tooltip": "input or constant: leaf, no grad"},
    INTERMEDIATE: {"fillcolor": "#bbdefb", "tooltip": "intermediate: the result of an op"},
    OP: {"shape": "ellipse", "style": "filled", "fillcolor": "#fff3c4", "color": "#b28704",
         "fontsize": "10", "margin": "0.08,0.03", "tooltip": "op (a Function node)"},
}
ROOT_STYLE = {"penwidth": "2.5"}
COLLAPSED_STYLE = {"shape": "box3d", "style": "filled", "fillcolor": "#ede7f6", "color": "#5e35b1",
                   "tooltip": "a module call, collapsed (draw(..., depth=k))"}
BOX_STYLE = {"style": "rounded,dashed", "color": "#78909c", "fontcolor": "#37474f",
             "fontsize": "10", "labeljust": "l"}
NOTE_STYLE = {"shape": "note", "style": "filled", "fillcolor": "#ffe0b2", "color": "#e65100"}
CUT_EDGE_STYLE = {"style": "dashed", "color": "#e65100", "arrowhead": "none"}
NOTE_ID = "cut_note"


def draw(*roots, show_data=False, show_grad=False, rankdir="LR", max_nodes=200,
         cluster_modules=True, names=None, depth=None):
    """A `graphviz.Digraph` of the computation graph behind `roots` (Tensors).

    Tensors are rounded boxes labelled with their name (if any), shape and dtype, filled
    green for parameters (leaves with requires_grad=True), grey for inputs and constants
    (leaves without grad) and blue for intermediates (results of ops); roots have a thick
    border. Ops are yellow ellipses labelled `node.name` (`matmul`, `sum(axis=1)`), each
    drawn next to its output tensor: input tensor -> op -> output tensor.

    show_data / show_grad add each tensor's value and its `.grad` (leaves, retain_grad()'ed
    and root tensors, after a backward): a number to 4 significant digits, an array as its
    min, mean and max. Parameters of a module are named as its `named_parameters()` names
    them (`layers.0.weight`), found through the outermost module call of the ops that read
    them. With cluster_modules, every module call (`autograd.scope` entry) is a dashed box
    labelled `str(module)`, nested as the calls were. Only the `max_nodes` nodes nearest the
    roots (breadth-first) are drawn; a note says how many more were left out. `names`
    ({node id: name}, ids n0, n1, ... in the order `graph.walk` finds the items) names
    tensors that have no name of their own (the backward viewer's z1, a1, ...). `depth=k`
    draws every module call nested more than k levels deep as one box with the shapes that
    enter and leave it (0: each outermost call is one box), for big models.

    Shows inline in Jupyter; write files with `autograd.viz.render(diagram, "graph.svg")`
    or `diagram.render(...)` (both need graphviz's `dot` program); `.source` is the DOT text.
    """
    _check_arguments(roots, rankdir, max_nodes, depth)
    items, edges = walk(roots)
    if depth is not None:
        items, edges, _ = collapse(items, edges, depth)
    shown = items[:max_nodes]
    node_ids = {id(item): f"n{index}" for index, item in enumerate(shown)}
    diagram = graphviz.Digraph(
        graph_attr={"rankdir": rankdir, "fontname": FONT, "nodesep": "0.25", "ranksep": "0.3"},
        node_attr={"fontname": FONT, "fontsize": "11", "height": "0.3"},
        edge_attr={"arrowsize": "0.7", "color": "#546e7a"},
    )
    boxes = _box_tree(shown) if cluster_modules else {"items": shown, "children": {}}
    module_names = module_name_lookup()

    def name_of(item):
        return tensor_name(item, module_names) or (names or {}).get(node_ids[id(item)])

    _add_box(diagram, boxes, node_ids, name_of, show_data, show_grad, itertools.count())
    for source, target in edges:
        if id(source) in node_ids and id(target) in node_ids:
            tail, head = node_ids[id(source)], node_ids[id(target)]
            diagram.edge(tail, head, id=edge_id(tail, head))
    if len(items) > len(shown):
        _add_cut_note(diagram, len(items) - len(shown), max_nodes, edges, node_ids)
    return diagram


def edge_id(tail, head):
    """The id of the edge tail -> head in the diagram (and in its SVG)."""
    return f"e_{tail}_{head}"


def _check_arguments(roots, rankdir, max_nodes, depth):
    if not roots:
        raise ValueError("draw() needs at least one Tensor to draw; got none")
    for position, root in enumerate(roots):
        if not isinstance(root, Tensor):
            raise TypeError(
                f"draw() takes Tensors as roots; got {type(root).__name__} at position {position}"
            )
    if rankdir not in RANKDIRS:
        raise ValueError(f"draw(): rankdir must be one of {RANKDIRS}; got {rankdir!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"draw(): max_nodes must be a positive int; got {max_nodes!r}")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 0):
        raise ValueError(f"draw(): depth must be None or an int >= 0; got {depth!r}")


def _box_tree(items):
    """Nest the items in boxes by their scope path: {"items": [...], "children": {...}}."""
    tree = {"items": [], "children": {}}
    for item in items:
        box = tree
        for entry in item.path if isinstance(item, Collapsed) else placement(item):
            if id(entry) not in box["children"]:
                box["children"][id(entry)] = {"entry": entry, "items": [], "children": {}}
            box = box["children"][id(entry)]
        box["items"].append(item)
    return tree


def _add_box(graph, box, node_ids, name_of, show_data, show_grad, box_numbers):
    for item in box["items"]:
        key = node_ids[id(item)]
        graph.node(key, id=key, **_node_attributes(item, name_of, show_data, show_grad))
    for child in box["children"].values():
        with graph.subgraph(name=f"cluster_{next(box_numbers)}") as cluster:
            cluster.attr(label=labels.box_label(child["entry"].owner), **BOX_STYLE)
            _add_box(cluster, child, node_ids, name_of, show_data, show_grad, box_numbers)


def _node_attributes(item, name_of, show_data, show_grad):
    if isinstance(item, Collapsed):
        label = labels.collapsed_label(item.entry.owner, shapes_text(item.inputs),
                                       shapes_text(item.outputs))
        return {"label": label, **COLLAPSED_STYLE}
    if item.kind == OP:
        return {"label": labels.op_label(item.ref), **KIND_STYLES[OP]}
    data = item.ref.output_data if item.kind == INTERMEDIATE else item.ref.data
    grad = _grad(item) if show_grad else None
    label = labels.tensor_label(name_of(item), data, show_data or item.is_root, grad)
    attributes = {"label": label, **TENSOR_STYLE, **KIND_STYLES[item.kind]}
    if item.is_root:
        attributes.update(ROOT_STYLE)
    return attributes


def _grad(item):
    for tensor in output_tensors(item):
        if tensor.grad is not None:
            return tensor.grad
    return None


def _add_cut_note(diagram, hidden, max_nodes, edges, node_ids):
    """The visible note of a cut graph, linked to every drawn node that lost a neighbour."""
    diagram.node(NOTE_ID, label=labels.note_label(hidden, max_nodes), **NOTE_STYLE)
    links = []
    for source, target in edges:
        if id(target) in node_ids and id(source) not in node_ids:
            link = (NOTE_ID, node_ids[id(target)])
        elif id(source) in node_ids and id(target) not in node_ids:
            link = (node_ids[id(source)], NOTE_ID)
        else:
            continue
        if link not in links:
            links.append(link)
    for tail, head in links:
        diagram.edge(tail, head, **CUT_EDGE_STYLE)
