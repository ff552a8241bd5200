"""`render(diagram, path)`: write a diagram to an SVG, PNG or PDF file with graphviz's `dot`."""
import os
import secrets

import graphviz

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
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(folder, f".render-{secrets.token_hex(8)}.{format}")
    # 0o666 less the umask, as for any new file (mkstemp's 0o600 would stay private).
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path
