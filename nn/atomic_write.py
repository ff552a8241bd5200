"""Files written all or nothing: a temporary file beside the target, flushed to disk, then a
rename.

A reader (or a crash, or a power cut) never sees a half-written checkpoint, plot or data file.
Temporary names carry the writer's process id (``.NAME.PID.HEX.tmp``), so that the leftovers of
a killed writer can be told from the files of a live one and removed
(``remove_stale_temporaries``).
"""
import os
import re
import secrets
import shutil
from pathlib import Path


def temporary_sibling(path) -> Path:
    """A fresh hidden name beside ``path`` for this process: ``.NAME.PID.HEX.tmp``."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(8)}.tmp")


def remove_stale_temporaries(path) -> None:
    """Remove the temporary siblings of ``path`` (files or directories) whose writing process
    is gone: what a killed run left behind."""
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[0-9a-f]{{16}}\.tmp")
    for sibling in path.parent.iterdir():
        match = pattern.fullmatch(sibling.name)
        if match and not _process_alive(int(match.group(1))):
            if sibling.is_dir() and not sibling.is_symlink():
                shutil.rmtree(sibling, ignore_errors=True)
            else:
                sibling.unlink(missing_ok=True)


def fsync_directory(directory) -> None:
    """Flush a directory's entries (new names, renames) to disk."""
    handle = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_durable_file(path, content: bytes) -> None:
    """Create ``path`` (which must not exist) with ``content`` and flush it to disk. The mode is
    the usual one for a new file: 0o666 less the umask."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(handle, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())


def write_bytes_atomically(path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, then rename it to ``path``.

    Errors are those of ``write_files_atomically``.
    """
    write_files_atomically({path: content})


def write_files_atomically(contents) -> None:
    """Write a set of files, ``{path: bytes}``, all or nothing as far as the file system allows.

    Every target is checked first (not a directory, its directory exists), then every content
    is written to a temporary file beside its path and flushed to disk, and only when all are
    written is each one renamed over its path (then the directories are flushed). On failure
    the temporary files are removed and the OSError (of the original type) names the path that
    could not be written, never a temporary name.
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
            temp_path = temporary_sibling(path)
            temp_paths.append(temp_path)
            write_durable_file(temp_path, content)
        for (path, _), temp_path in zip(targets, temp_paths):
            os.replace(temp_path, path)
        for directory in {path.parent for path, _ in targets}:
            fsync_directory(directory)
    except BaseException as error:
        for temp_path in temp_paths:
            temp_path.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise type(error)(f"{path}: {error.strerror or error}") from None
        raise


def _process_alive(pid) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True
