"""The step-through backward viewer: one self-contained HTML page (diagram as inline SVG, the
trace as JSON, a little JavaScript), shown inline in Jupyter and VS Code, kept in notebooks
exported to HTML, and written as a file; and frames (PNG/SVG) or a GIF for slides.

Nothing is fetched at run time: no server, no network, no browser-side libraries.
"""
import html
import io
import json
import os
from importlib import resources

import graphviz

from . import trace_text
from .collapse import collapse
from .diagram import draw, edge_id
from .graph import placement
from .files import write_bytes
from .render import INSTALL_ADVICE, render

MAX_NODES = 300  # bigger graphs are collapsed by module (draw's depth), with a note


def collapse_depth(trace):
    """None when the graph is small enough to draw whole; else the deepest module nesting
    at which collapsing brings it to MAX_NODES or fewer."""
    if len(trace.items) <= MAX_NODES:
        return None
    depth = max((len(placement(item)) for item in trace.items), default=0)
    while depth > 0 and len(collapse(trace.items, trace.edges, depth)[0]) > MAX_NODES:
        depth -= 1
    return depth


def drawn_ids(trace, depth):
    """trace id -> the id of what the diagram draws for it (a collapsed module's box)."""
    if depth is None:
        return lambda key: key
    shown, _, representative = collapse(trace.items, trace.edges, depth)
    index = {id(item): f"n{number}" for number, item in enumerate(shown)}
    translation = {f"n{number}": index[id(representative[id(item)])]
                   for number, item in enumerate(trace.items)}
    return translation.get


def diagram(trace, depth):
    """The graph the trace walked, as `draw` shows it (values for small graphs), modules
    nested deeper than `depth` collapsed (`collapse_depth`)."""
    return draw(trace.loss, show_data=len(trace.items) <= 40, max_nodes=MAX_NODES,
                names=trace.names, depth=depth)


def trace_data(trace, depth):
    """What the page shows at each step, as plain data (JSON)."""
    cost = trace.cost_name
    drawn = drawn_ids(trace, depth)
    steps = []
    for step in trace.steps:
        steps.append({
            "number": step.number, "op": drawn(step.op), "output": drawn(step.output),
            "op_name": step.op_name, "output_name": step.output_name,
            "arriving": trace_text.arriving(step, cost),
            "arriving_short": trace_text.short_text(step.grad),
            "arrival_edge": edge_id(drawn(step.op), drawn(step.output)),
            "sends": [{
                "target": drawn(send.target), "target_name": send.target_name,
                "local": send.local, "edge": edge_id(drawn(send.target), drawn(step.op)),
                "product": trace_text.product(step, send, cost),
                "short": trace_text.short_text(send.grad),
                "accumulation": trace_text.accumulation(send),
            } for send in step.sends],
        })
    leaves = [{"name": name, "text": f"{name}.grad = {trace_text.value_text(grad)}"}
              for name, grad in trace.leaf_gradients().items()]
    note = "" if depth is None else (
        f"This graph has {len(trace.items):,} nodes: each module call nested more than {depth} "
        f"level(s) deep is drawn as one box, which lights up while the walk is inside it.")
    return {"cost": cost, "steps": steps, "leaves": leaves, "note": note}


def page(trace):
    """The viewer as one HTML page."""
    try:
        depth = collapse_depth(trace)
        svg = diagram(trace, depth).pipe(format="svg").decode("utf-8")
    except graphviz.ExecutableNotFound:
        raise RuntimeError(INSTALL_ADVICE) from None
    svg = svg[svg.index("<svg"):]  # drop the XML prologue and doctype
    template = resources.files(__package__).joinpath("viewer.html").read_text("utf-8")
    data = json.dumps(trace_data(trace, depth)).replace("</", "<\\/")  # no early </script>
    return (template.replace("__TITLE__", html.escape(f"backward of {trace.cost_name}"))
            .replace("__DATA__", data).replace("__SVG__", svg))


def inline(trace, height=720):
    """The page in an iframe (its own document: scripts run, ids and styles stay apart)."""
    return (f'<iframe srcdoc="{html.escape(page(trace), quote=True)}" style="width: 100%; '
            f'height: {height}px; border: none;" sandbox="allow-scripts"></iframe>')


def frame_diagram(trace, frame):
    """The diagram at `frame`: current node red, edges that carried a gradient red and
    labelled with it. Frames draw the graph uncollapsed (draw's first 300 nodes)."""
    picture = diagram(trace, None)
    picture.strict = True  # re-declared edges update the drawn ones
    for step in trace.steps[:frame + 1]:
        picture.edge(step.op, step.output, color="#d50000", penwidth="2.5",
                     label=trace_text.short_text(step.grad) if step.number == frame else "",
                     fontcolor="#b71c1c", fontsize="10")
        for send in step.sends:
            picture.edge(send.target, step.op, color="#d50000", penwidth="2.5",
                         label=trace_text.short_text(send.grad), fontcolor="#b71c1c",
                         fontsize="10")
    if frame < len(trace.steps):
        step = trace.steps[frame]
        for node in (step.op, step.output):
            picture.node(node, color="#d50000", penwidth="4")
        picture.attr(label=_frame_caption(trace, step), labelloc="t", fontsize="12")
    else:
        picture.attr(label="\n".join(f"{name}.grad = {trace_text.value_text(grad)}"
                                     for name, grad in trace.leaf_gradients().items()),
                     labelloc="t", fontsize="12")
    return picture


def _frame_caption(trace, step):
    lines = [f"step {step.number + 1} of {len(trace.steps)}: {step.op_name}",
             trace_text.arriving(step, trace.cost_name)]
    for send in step.sends:
        lines.append(trace_text.product(step, send, trace.cost_name))
        if send.before is not None:
            lines.append(trace_text.accumulation(send))
    return "\n".join(lines)


def save_frames(trace, folder, format="png"):
    """One picture per step (and one of the finished gradients) in `folder`:
    step_000.png, ...; returns their paths."""
    os.makedirs(folder, exist_ok=True)
    return [render(frame_diagram(trace, frame), os.path.join(folder, f"step_{frame:03d}.{format}"))
            for frame in range(len(trace.steps) + 1)]


def save_gif(trace, path, seconds_per_step=1.5):
    """An animated GIF of the walk (frames from `save_frames`, assembled with Pillow)."""
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        images = [Image.open(p).convert("RGB") for p in save_frames(trace, folder, "png")]
        width = max(image.width for image in images)
        height = max(image.height for image in images)
        frames = []
        for image in images:  # same size for every frame, on white
            canvas = Image.new("RGB", (width, height), "white")
            canvas.paste(image, ((width - image.width) // 2, 0))
            frames.append(canvas)
    content = io.BytesIO()
    frames[0].save(content, format="GIF", save_all=True, append_images=frames[1:],
                   duration=int(seconds_per_step * 1000), loop=0)
    return write_bytes(path, content.getvalue())
