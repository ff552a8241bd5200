"""Files written all or nothing: a temporary file beside the target, then a rename.

A reader (or a crash) never sees a half-written checkpoint, plot or data file.
"""
import os
import secrets
from pathlib import Path


def write_bytes_atomically(path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, then rename it to ``path``.

    The file gets the usual permissions for a new file (0o666 less the umask). Errors are
    those of ``write_files_atomically``.
    """
    write_files_atomically({path: content})


def write_files_atomically(contents) -> None:
    """Write a set of files, ``{path: bytes}``, all or nothing as far as the file system allows.

    Every target is checked first (not a directory, its directory exists), then every content
    is written to a temporary file beside its path, and only when all are written is each one
    renamed over its path. On failure the temporary files are removed and the OSError (of the
    original type) names the path that could not be written, never a temporary name.
    """
    targets = [(Path(path), content) for path, content in contents.items()]
    for path, _ in targets:
        if path.is_dir():
            raise IsADirectoryError(f"{path} is a directory")
        if not path.parent.is_dir():
            raise FileNotFoundError(f"directory {path.parent} does not exist")
    temp_paths = []
    try:
        for path, content in targets:  # on failure, `path` is the file being written
            temp_path = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
            handle = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temp_paths.append(temp_path)
            with os.fdopen(handle, "wb") as temp_file:
                temp_file.write(content)
        for (path, _), temp_path in zip(targets, temp_paths):
            os.replace(temp_path, path)
    except BaseException as error:
        for temp_path in temp_paths:
            temp_path.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise type(error)(f"{path}: {error.strerror or error}") from None
        raise
