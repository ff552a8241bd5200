"""The notebooks' committed outputs: made by running them, kept small, compared in the tests.

    python tests/notebook_outputs.py     # run every notebook and write its outputs into it

A notebook is executed with nbclient in a fresh kernel of the interpreter that runs this (so it
imports this checkout's autograd and nn), working directory notebooks/. What is committed
leaves out what changes from run to run or says nothing to a reader: progress bars and warnings
(stderr), widget state, execution timestamps, memory addresses. What the test compares is each code cell's
outputs with the wall-clock times masked and pictures reduced to what a reader sees: a PNG's
width and height, an SVG's texts.
"""
import base64
import os
import re
import struct
import sys
import tempfile
from pathlib import Path

import nbformat
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = [
    "01_chain_rule.ipynb",
    "02_digit_network.ipynb",
    "03_gradient_checking.ipynb",
    "04_custom_network.ipynb",
    "05_watch_backprop.ipynb",
    "06_forward_and_reverse.ipynb",
    "07_convolution.ipynb",
]
CELL_TIMEOUT_SECONDS = 120
WIDGET_TYPE = "application/vnd.jupyter.widget-view+json"
TIME = re.compile(r" *\d+(\.\d+)?\s?(s|ms|µs|seconds)\b")  # with its padding
SVG_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")
ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # as in <graphviz.graphs.Digraph at 0x7f...>


def kernel_environment(jupyter_dir):
    """Environment variables under which kernel "python3" is this interpreter (a kernelspec
    written into ``jupyter_dir``, searched before the user's and the system's) and imports this
    checkout's autograd and nn (whatever an editable install points at)."""
    write_kernel_spec(Path(jupyter_dir) / "kernels" / "python3")
    return {"JUPYTER_PATH": str(jupyter_dir), "PYTHONPATH": str(NOTEBOOK_DIR.parent)}


def execute(notebook, kernel_name):
    """Run every cell in order; raises CellExecutionError at the first cell that fails."""
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    return client.execute()


def committed_form(notebook):
    """The executed notebook as it is committed: stderr, widgets, timestamps and memory
    addresses (in reprs) left out, and consecutive pieces of stdout joined (how the kernel
    splits them depends on timing)."""
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                continue
            if output.output_type in ("display_data", "execute_result"):
                output.data.pop(WIDGET_TYPE, None)
                if "text/plain" in output.data:
                    output.data["text/plain"] = ADDRESS.sub("", output.data["text/plain"])
                output.metadata = {}
                if not output.data:
                    continue
            if output.output_type == "stream" and kept and kept[-1].output_type == "stream":
                kept[-1].text += output.text
                continue
            kept.append(output)
        cell.outputs = kept
    notebook.metadata.pop("widgets", None)
    return notebook


def comparable(notebook):
    """Per code cell, its outputs as a reader sees them, times masked: what must stay current."""
    return [[_comparable_output(output) for output in cell.outputs]
            for cell in notebook.cells if cell.cell_type == "code"]


def _comparable_output(output):
    if output.output_type == "stream":
        return output.name, TIME.sub(" <time>", output.text)
    if output.output_type == "error":
        return "error", output.ename
    shown = {}
    for kind, value in output.data.items():
        if kind == "image/png":
            shown[kind] = _png_size(value)
        elif kind == "image/svg+xml":
            shown[kind] = SVG_TEXT.findall(value)
        else:
            shown[kind] = TIME.sub(" <time>", value)
    return output.output_type, shown


def _png_size(base64_text):
    """(width, height) from a base64 PNG's header chunk."""
    header = base64.b64decode(base64_text[:64])
    return struct.unpack(">II", header[16:24])


def main():
    with tempfile.TemporaryDirectory() as jupyter_dir:
        os.environ.update(kernel_environment(jupyter_dir))
        for name in sys.argv[1:] or NOTEBOOKS:
            path = NOTEBOOK_DIR / name
            notebook = committed_form(execute(nbformat.read(path, as_version=4), "python3"))
            nbformat.write(notebook, path)
            print(f"wrote the outputs of {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
