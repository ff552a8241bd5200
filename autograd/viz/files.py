"""Files the viz tools write (diagrams, the viewer page, GIFs): whole or not at all."""
import os
import secrets


def write_bytes(path, content):
    """Write `content` to `path` through a temporary file in the same folder and a rename, so
    the file appears whole or not at all; the new file gets 0o666 less the umask, as any new
    file (mkstemp's 0o600 would stay private). Returns the path."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{secrets.token_hex(8)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path
