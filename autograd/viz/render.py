"""`render(diagram, path)`: write a diagram to an SVG, PNG or PDF file with graphviz's `dot`."""
import os

import graphviz

from .files import write_bytes

INSTALL_ADVICE = (
    "rendering a diagram needs the graphviz program `dot`, which was not found on PATH; "
    "install graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install "
    "graphviz`, others: https://graphviz.org/download) and try again. The diagram's DOT text "
    "(`.source`) works without it."
)


def render(diagram, path, format=None):
    """Write `diagram` (a graphviz Digraph) to `path`; return the path.

    `format` ("svg", "png", "pdf", ...) defaults to the path's extension. The file appears
    whole or not at all (written to a temporary file, then renamed). Without `dot`, raises
    RuntimeError saying how to install graphviz.
    """
    path = os.fspath(path)
    if format is None:
        format = os.path.splitext(path)[1][1:].lower()
        if not format:
            raise ValueError(
                f"render(): give format= or a path ending in .svg/.png/.pdf; got {path!r}"
            )
    if format not in graphviz.FORMATS:
        raise ValueError(f"render(): unknown output format {format!r}; try 'svg', 'png', 'pdf'")
    try:
        content = diagram.pipe(format=format)
    except graphviz.ExecutableNotFound:
        raise RuntimeError(INSTALL_ADVICE) from None
    return write_bytes(path, content)
