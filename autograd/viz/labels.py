"""The text inside a diagram's nodes and boxes, as escaped graphviz HTML-like labels.

Every piece of user text (names, module reprs) goes through `html.escape`, so quotes,
`<`, `>`, `&` and backslashes come out as written.
"""
import html

import numpy as np

DETAIL_POINT_SIZE = 10
GRAD_COLOUR = "#b71c1c"
LONGEST_BOX_LABEL = 60


def number(value):
    """A number with 4 significant digits: 0.5, 0.6225, -1.235e-05."""
    return f"{float(value):.4g}"


def summary(array):
    """One element: its value. More: min, mean and max (the shape is on the label already)."""
    array = np.asarray(array)
    if array.size == 1:
        return number(array.reshape(()))
    if array.size == 0:
        return "empty"
    return f"min {number(array.min())}  mean {number(array.mean())}  max {number(array.max())}"


def shape_text(shape):
    return "scalar" if shape == () else str(tuple(shape))


def _row(content):
    return "<TR><TD>" + content + "</TD></TR>"


def _detail(text, colour=None):
    font = f'<FONT POINT-SIZE="{DETAIL_POINT_SIZE}"'
    font += f' COLOR="{colour}">' if colour else ">"
    return _row(font + html.escape(text) + "</FONT>")


def tensor_label(name, data, show_data=False, grad=None):
    """Name (bold), shape and dtype; then `data ...` if show_data and `grad ...` if a grad."""
    rows = [] if name is None else [_row("<B>" + html.escape(name) + "</B>")]
    rows.append(_detail(f"{shape_text(data.shape)} {data.dtype}"))
    if show_data:
        rows.append(_detail("data " + summary(data)))
    if grad is not None:
        rows.append(_detail("grad " + summary(grad), GRAD_COLOUR))
    return '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


# Ops written as operators when one operand is a plain number: `* 0.6` reads better than mul.
OPERATOR_SYMBOLS = {"Add": "+", "Sub": "-", "Mul": "*", "Div": "/"}


def op_text(node):
    """The op's name, or `* 0.6` / `1 -` / `** 2` when a plain number takes part."""
    kind = type(node).__name__
    if kind == "PowScalar":
        return f"** {node.exponent:g}"
    symbol = OPERATOR_SYMBOLS.get(kind)
    numbers = [i for i, tensor in enumerate(node.inputs) if tensor is None]
    if symbol is not None and len(node.inputs) == 2 and numbers:
        position = numbers[0]
        value = np.asarray(node.input_arrays[position])
        number = f"{value.item():.4g}" if value.size == 1 else "constant"
        return f"{symbol} {number}" if position == 1 else f"{number} {symbol}"
    return node.name


def op_label(node):
    return "<" + html.escape(op_text(node)) + ">"


def box_label(owner):
    """`str(owner)` for a module box; a multi-line repr (a container) shows its class name."""
    text = str(owner)
    if "\n" in text:
        text = type(owner).__name__
    if len(text) > LONGEST_BOX_LABEL:
        text = text[: LONGEST_BOX_LABEL - 3] + "..."
    return "<" + html.escape(text) + ">"


def note_label(hidden, max_nodes):
    return "<" + html.escape(f"... {hidden:,} more nodes not shown (max_nodes={max_nodes})") + ">"


def collapsed_label(owner, inputs, outputs):
    """A collapsed module call: its name (as a box label) and the shapes in and out."""
    rows = [_row("<B>" + box_label(owner)[1:-1] + "</B>"), _detail(f"in {inputs}"),
            _detail(f"out {outputs}")]
    return '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"
