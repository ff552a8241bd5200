"""Diagrams of computation graphs: the DOT text of known small graphs, and real renders."""
import html
import os
import re

import numpy as np
import pytest

import autograd as ag
import nn
from autograd.viz import KIND_STYLES, render

NODE = re.compile(r"^\s*(n\d+|cut_note) \[(.*)\]$")
EDGE = re.compile(r"^\s*(\S+) -> (\S+)(?: \[.*\])?$")
CLUSTER = re.compile(r"^\s*subgraph (cluster_\d+) \{$")
CLUSTER_LABEL = re.compile(r"^\s*\S.* label=<(.*?)> labeljust")


class Dot:
    """The DOT source taken apart: nodes (id -> attributes and enclosing cluster labels),
    edges (tail, head) and clusters (label and enclosing cluster labels)."""

    def __init__(self, diagram):
        self.source = diagram.source
        self.nodes, self.edges, self.clusters = {}, [], []
        path = []
        for line in self.source.splitlines():
            if CLUSTER.match(line):
                path.append(None)
            elif path and path[-1] is None and CLUSTER_LABEL.match(line):
                path[-1] = html.unescape(CLUSTER_LABEL.match(line).group(1))
                self.clusters.append((path[-1], tuple(path[:-1])))
            elif line.strip() == "}" and path:
                path.pop()
            elif NODE.match(line):
                node_id, attributes = NODE.match(line).groups()
                self.nodes[node_id] = (attributes, tuple(path))
            elif EDGE.match(line):
                self.edges.append(EDGE.match(line).groups())

    def find(self, text):
        """The one node whose attributes contain `text`."""
        found = [node_id for node_id, (attributes, _) in self.nodes.items() if text in attributes]
        assert len(found) == 1, f"{len(found)} nodes contain {text!r}"
        return found[0]

    def named(self, name):
        return self.find(f"<B>{html.escape(name)}</B>")

    def attribute(self, node_id, key):
        match = re.search(rf'\b{key}="?([^" ]+)"?', self.nodes[node_id][0])
        return match and match.group(1)

    def label(self, node_id):
        """The text of a node's label, without markup."""
        markup = re.match(r"label=<(.*)> [a-z]+=", self.nodes[node_id][0]).group(1)
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))

    def inputs(self, node_id):
        return [tail for tail, head in self.edges if head == node_id]

    def outputs(self, node_id):
        return [head for tail, head in self.edges if tail == node_id]


def neuron():
    """C0 = (sigmoid(w*a + b) - y)^2 with named tensors: the seeds' one-neuron chain."""
    w = ag.tensor(0.8, requires_grad=True, name="w")
    b = ag.tensor(-0.5, requires_grad=True, name="b")
    a = ag.tensor(0.6, name="a")
    y = ag.tensor(1.0, name="y")
    activation = (w * a + b).sigmoid()
    activation.name = "a1"
    cost = (activation - y) ** 2
    return cost, activation, (w, b, a, y)


def test_mul_op_has_edges_from_both_inputs_and_to_its_output():
    cost, _, _ = neuron()
    dot = Dot(ag.draw(cost))
    mul = dot.find("label=<mul>")
    assert sorted(dot.inputs(mul)) == sorted([dot.named("w"), dot.named("a")])
    (product,) = dot.outputs(mul)
    assert dot.attribute(product, "fillcolor") == KIND_STYLES["intermediate"]["fillcolor"]
    assert dot.label(product).split() == ["scalar", "float32"]
    assert dot.outputs(product) == [dot.find("label=<add>")]


def test_the_whole_chain_is_drawn_input_to_op_to_output():
    cost, activation, _ = neuron()
    dot = Dot(ag.draw(cost))
    ops = [dot.label(node).strip() for node in dot.nodes if "ellipse" in dot.nodes[node][0]]
    assert sorted(ops) == sorted(["mul", "add", "sigmoid", "sub", "** 2"])
    assert len(dot.nodes) == 5 + 5 + 4  # ops, their outputs, the four leaves
    sigmoid = dot.find("label=<sigmoid>")
    assert dot.outputs(sigmoid) == [dot.named("a1")]
    assert dot.outputs(dot.named("a1")) == [dot.find("label=<sub>")]
    assert dot.inputs(dot.find("label=<sub>")) == [dot.named("a1"), dot.named("y")]


def test_three_tensor_kinds_and_ops_are_styled_apart():
    cost, _, _ = neuron()
    dot = Dot(ag.draw(cost))
    kinds = {"parameter": dot.named("w"), "constant": dot.named("a"),
             "intermediate": dot.named("a1")}
    fills = {kind: dot.attribute(node, "fillcolor") for kind, node in kinds.items()}
    assert fills == {kind: KIND_STYLES[kind]["fillcolor"] for kind in kinds}
    assert len(set(fills.values()) | {KIND_STYLES["op"]["fillcolor"]}) == 4
    assert dot.attribute(dot.named("w"), "shape") == "box"
    assert dot.attribute(dot.find("label=<mul>"), "shape") == "ellipse"
    root = "n0"
    assert dot.attribute(root, "penwidth") == "2.5"
    assert dot.attribute(dot.named("a1"), "penwidth") is None


def test_op_labels_show_their_options():
    x = ag.tensor(np.ones((2, 3)), requires_grad=True)
    dot = Dot(ag.draw((x.sum(axis=1) ** 3).mean()))
    for label in ("<sum(axis=1)>", "<** 3>", "<mean>"):
        assert dot.find(f"label={label}")


def test_numbers_are_skipped_arrays_are_constants_and_a_reused_tensor_is_one_node():
    x = ag.tensor([1.0, 2.0], requires_grad=True, name="x")
    dot = Dot(ag.draw((x * np.array([3.0, 4.0])) + x * x + x * 5.0))
    by_array, square = sorted(
        (node for node in dot.nodes if "label=<mul>" in dot.nodes[node][0]),
        key=lambda node: dot.inputs(node) == [dot.named("x")] * 2,
    )
    assert dot.inputs(dot.find("label=<* 5>")) == [dot.named("x")]  # the number is in the label
    constant = next(node for node in dot.inputs(by_array) if node != dot.named("x"))
    assert "(2,) float64" in dot.nodes[constant][0]
    assert dot.inputs(square) == [dot.named("x"), dot.named("x")]


def test_node_ids_are_breadth_first_from_the_roots_and_the_source_is_stable():
    cost, _, _ = neuron()
    first, second = ag.draw(cost).source, ag.draw(cost).source
    assert first == second
    dot = Dot(ag.draw(cost))
    assert list(dot.nodes) == [f"n{index}" for index in range(len(dot.nodes))]
    assert dot.find("label=<** 2>") == "n1"


def test_several_roots_share_their_common_part():
    x = ag.tensor(2.0, requires_grad=True, name="x")
    hidden = x.exp()
    dot = Dot(ag.draw(hidden * 2.0, hidden.log()))
    assert dot.attribute("n0", "penwidth") == dot.attribute("n1", "penwidth") == "2.5"
    assert dot.inputs("n0") == [dot.find("label=<* 2>")]
    assert dot.inputs("n1") == [dot.find("label=<log>")]
    exp = dot.find("label=<exp>")
    assert len(dot.outputs(dot.outputs(exp)[0])) == 2


def test_show_data_prints_scalars_to_4_significant_digits_and_summarises_arrays():
    w = ag.tensor(2.0 / 3.0, requires_grad=True, name="w")
    m = ag.tensor([[1.0, 2.0], [3.0, 6.0]], name="m")
    dot = Dot(ag.draw(w * m, show_data=True))
    assert "data 0.6667" in dot.label(dot.named("w"))
    assert "data min 1  mean 3  max 6" in dot.label(dot.named("m"))
    assert "(2, 2) float32" in dot.label(dot.named("m"))
    assert "data" not in Dot(ag.draw(w * m)).label(dot.named("w"))


def test_show_grad_shows_leaf_and_retained_gradients_after_backward():
    cost, activation, (w, b, a, y) = neuron()
    activation.retain_grad()
    cost.backward()
    dot = Dot(ag.draw(cost, show_grad=True))
    assert f"grad {w.grad.item():.4g}" in dot.label(dot.named("w"))
    assert f"grad {activation.grad.item():.4g}" in dot.label(dot.named("a1"))
    assert "grad" not in dot.label(dot.named("a"))
    assert "grad" not in dot.label(dot.outputs(dot.find("label=<mul>"))[0])
    assert "grad" not in Dot(ag.draw(cost)).label(dot.named("w"))


def test_show_grad_summarises_array_gradients():
    m = ag.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True, name="m")
    (m * m).sum().backward()
    dot = Dot(ag.draw(m, show_grad=True, show_data=True))
    assert "grad min 2  mean 5  max 8" in dot.label(dot.named("m"))


def chain(length):
    x = ag.tensor(1.0, requires_grad=True, name="x")
    for _ in range(length):
        x = x * 1.0
    return x


def test_a_graph_over_max_nodes_is_cut_nearest_the_roots_with_a_visible_note():
    dot = Dot(ag.draw(chain(600), max_nodes=200))
    drawn = [node for node in dot.nodes if node != "cut_note"]
    assert drawn == [f"n{index}" for index in range(200)]
    assert "1,001 more nodes not shown (max_nodes=200)" in dot.label("cut_note")
    assert ("cut_note", "n199") in dot.edges
    assert all(head in dot.nodes and tail in dot.nodes for tail, head in dot.edges)


def test_a_graph_within_max_nodes_has_no_note():
    dot = Dot(ag.draw(chain(10), max_nodes=21))
    assert len(dot.nodes) == 21 and "cut_note" not in dot.nodes


def test_labels_are_escaped_for_graphviz(tmp_path):
    tricky = 'a "quoted" <b> & \\ {x|y}'
    x = ag.tensor(1.0, requires_grad=True, name=tricky)
    diagram = ag.draw(x.exp())
    assert html.escape(tricky) in diagram.source
    svg = open(render(diagram, tmp_path / "tricky.svg")).read()
    assert tricky in html.unescape(svg)


class Block:
    """A module-like owner: one parameter, a multi-line repr like a container's."""

    def __init__(self, parameter):
        self.parameter = parameter

    def named_parameters(self):
        return iter([("inner.weight", self.parameter)])

    def __repr__(self):
        return "Block(\n  (inner): Thing()\n)"


class Thing:
    def __repr__(self):
        return "Thing(2 -> 2)"


def module_like_graph():
    weight = ag.tensor(np.eye(2), requires_grad=True, name="plain name")
    x = ag.tensor([[1.0, 2.0]], name="x")
    block, thing = Block(weight), Thing()
    with ag.scope(block):
        with ag.scope(thing):
            hidden = (x @ weight).sigmoid()
        out = hidden.sum()
    return out, weight


def test_module_owners_name_parameters_and_nest_boxes():
    out, _ = module_like_graph()
    dot = Dot(ag.draw(out))
    assert dot.clusters == [("Block", ()), ("Thing(2 -> 2)", ("Block",))]
    weight = dot.named("inner.weight")
    assert dot.nodes[weight][1] == ("Block", "Thing(2 -> 2)")
    assert dot.nodes[dot.find("label=<matmul>")][1] == ("Block", "Thing(2 -> 2)")
    assert dot.nodes[dot.find("label=<sum>")][1] == ("Block",)
    assert dot.nodes[dot.named("x")][1] == ()
    assert "plain name" not in dot.source


def test_without_cluster_modules_there_are_no_boxes():
    out, _ = module_like_graph()
    dot = Dot(ag.draw(out, cluster_modules=False))
    assert "subgraph" not in dot.source and dot.named("inner.weight")


def test_a_parameter_falls_back_to_its_name_outside_named_owners():
    out, weight = module_like_graph()
    dot = Dot(ag.draw(out + (weight * weight).sum()))
    assert dot.nodes[dot.named("inner.weight")][1] == ()  # used inside and outside Block
    loose = ag.tensor(1.0, requires_grad=True, name="loose")
    with ag.scope(Thing()):
        dot = Dot(ag.draw(loose.exp()))
    assert dot.named("loose")


def test_each_call_of_a_module_is_its_own_box():
    thing = Thing()
    x = ag.tensor(1.0, requires_grad=True)
    with ag.scope(thing):
        once = x.exp()
    with ag.scope(thing):
        twice = once.exp()
    assert [label for label, _ in Dot(ag.draw(twice)).clusters] == ["Thing(2 -> 2)"] * 2


def test_the_seeds_network_reads_as_three_named_linear_boxes():
    model = nn.MLP([784, 16, 16, 10], seed=0)
    x = np.random.default_rng(0).random((3, 784), dtype=np.float32)
    cost = nn.quadratic_cost(model(x), np.eye(10, dtype=np.float32)[[1, 4, 7]])
    cost.backward()
    dot = Dot(ag.draw(cost, show_grad=True, cluster_modules=True))
    linears = sorted(label for label, _ in dot.clusters if label.startswith("Linear"))
    labels = [f"Linear(in_features={n_in}, out_features={n_out}, bias=True)"
              for n_in, n_out in [(784, 16), (16, 16), (16, 10)]]
    assert linears == sorted(labels)
    for layer, label in zip((0, 2, 4), labels):
        for kind in ("weight", "bias"):
            parameter = dot.named(f"layers.{layer}.{kind}")
            assert dot.nodes[parameter][1] == ("MLP", "Sequential", label)
            assert "grad min" in dot.label(parameter)


def test_render_writes_svg_and_png_with_dot(tmp_path):
    cost, _, _ = neuron()
    diagram = ag.draw(cost, show_data=True)
    svg_path = render(diagram, tmp_path / "neuron.svg")
    assert "<svg" in open(svg_path).read()
    png_path = render(diagram, tmp_path / "neuron.bin", format="png")
    assert open(png_path, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["neuron.bin", "neuron.svg"]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_rendered_files_get_the_mode_the_umask_gives(tmp_path, umask):
    previous = os.umask(umask)
    try:
        path = render(ag.draw(neuron()[0]), tmp_path / "neuron.svg")
    finally:
        os.umask(previous)
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~umask


def test_without_dot_rendering_says_how_to_install_graphviz(tmp_path, monkeypatch):
    cost, _, _ = neuron()
    diagram = ag.draw(cost)
    monkeypatch.setenv("PATH", "")
    assert "digraph" in diagram.source
    with pytest.raises(RuntimeError) as error:
        render(diagram, tmp_path / "neuron.svg")
    for advice in ("apt-get install graphviz", "brew install graphviz",
                   "https://graphviz.org/download"):
        assert advice in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("call, error", [
    (lambda: ag.draw(), ValueError),
    (lambda: ag.draw([ag.tensor(1.0)]), TypeError),
    (lambda: ag.draw(ag.tensor(1.0), rankdir="diagonal"), ValueError),
    (lambda: ag.draw(ag.tensor(1.0), max_nodes=0), ValueError),
    (lambda: render(ag.draw(ag.tensor(1.0)), "diagram"), ValueError),
    (lambda: render(ag.draw(ag.tensor(1.0)), "diagram.xyz"), ValueError),
])
def test_bad_arguments_are_refused(call, error):
    with pytest.raises(error):
        call()


def test_rankdir_reaches_the_graph():
    assert "rankdir=TB" in ag.draw(ag.tensor(1.0), rankdir="TB").source


def test_depth_collapses_each_module_call_to_one_box_with_the_shapes_in_and_out():
    net = nn.MLP([4, 3, 2], seed=0)
    cost = nn.quadratic_cost(net(ag.tensor(np.ones((5, 4)))), ag.tensor(np.zeros((5, 2))))
    layers = Dot(ag.draw(cost, depth=2))
    boxes = [node for node in layers.nodes if "box3d" in layers.nodes[node][0]]
    assert [layers.label(node).split()[0] for node in boxes] == [
        "Sigmoid()", "Linear(in_features=3,", "Sigmoid()", "Linear(in_features=4,"]
    first = next(node for node in boxes
                 if "Linear(in_features=4, out_features=3, bias=True)" in layers.nodes[node][0])
    assert "in (5, 4)" in layers.label(first) and "out (5, 3)" in layers.label(first)
    assert layers.inputs(first) == [layers.named("x")]
    assert not any("weight" in attributes for attributes, _ in layers.nodes.values())
    whole = Dot(ag.draw(cost, depth=0))
    (box,) = [node for node in whole.nodes if "box3d" in whole.nodes[node][0]]
    assert whole.label(box).split()[:1] == ["MLP"] and "out (5, 2)" in whole.label(box)
    assert len(whole.nodes) == 5  # x, MLP, y, the cost op, the cost
    with pytest.raises(ValueError, match="depth must be None or an int >= 0"):
        ag.draw(cost, depth=-1)
