"""`draw(..., depth=k)`: every module call nested deeper than k levels becomes one box.

A module call is a scope (`autograd.scope`, which nn.Module enters around forward). Its
box shows the module and the shapes that enter and leave it: a 784-16-16-10 network at
depth=2 reads x -> Linear(784 -> 16) -> Sigmoid() -> ... -> cost, whatever each layer holds.
"""
from .graph import OP, placement


class Collapsed:
    """One module call drawn as a single node: the items inside it, and what crosses its edge."""

    kind = "collapsed"

    def __init__(self, entry, path):
        self.entry = entry  # the scope
        self.path = path    # the scopes around it, outermost first
        self.items = []
        self.inputs = []   # items outside that feed it
        self.outputs = []  # its items read outside it (or roots)
        self.is_root = False


def collapse(items, edges, depth):
    """(items, edges, representative) with each scope at nesting level `depth` (0: the
    outermost calls) replaced by one `Collapsed` item; edges inside a box vanish, edges across
    it are kept once. `representative` maps id(item) to the item drawn for it."""
    groups = {}
    representative = {}
    shown = []
    for item in items:
        path = placement(item)
        if len(path) > depth:
            entry = path[depth]
            group = groups.get(id(entry))
            if group is None:
                group = groups[id(entry)] = Collapsed(entry, path[:depth])
                shown.append(group)
            group.items.append(item)
            group.is_root = group.is_root or item.is_root
            representative[id(item)] = group
        else:
            shown.append(item)
            representative[id(item)] = item
    kept = []
    for source, target in edges:
        tail, head = representative[id(source)], representative[id(target)]
        if tail is head:
            continue
        if isinstance(head, Collapsed) and source not in head.inputs:
            head.inputs.append(source)
        if isinstance(tail, Collapsed) and source not in tail.outputs:
            tail.outputs.append(source)
        if (tail, head) not in kept:
            kept.append((tail, head))
    for group in groups.values():
        group.outputs += [item for item in group.items if item.is_root and item.kind != OP]
    return shown, kept, representative


def shapes_text(items):
    shapes = []
    for item in items:
        data = item.ref.output_data if item.kind == "intermediate" else item.ref.data
        shapes.append("scalar" if data.shape == () else str(tuple(data.shape)))
    return ", ".join(shapes) or "nothing"
