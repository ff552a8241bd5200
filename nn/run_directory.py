"""A run's output directory, replaced as a whole.

The new run is written into a temporary directory beside the output directory
(``.NAME.PID.HEX.tmp``, made before training, which also proves the place writable), every file
and the directory are flushed to disk, and the two directories are then exchanged in one atomic
rename (Linux's ``renameat2(RENAME_EXCHANGE)``). At every moment the output directory is a
complete old run or a complete new one; the old run, now under the temporary name, is removed.
Temporary directories of killed runs are removed by the next run into the same place.
"""
import ctypes
import errno
import os
import re
import shutil
from pathlib import Path

from nn.atomic_write import (
    fsync_directory,
    remove_stale_temporaries,
    temporary_sibling,
    write_durable_file,
)

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class RunDirectory:
    """The output directory ``out`` of one run and the temporary directory it is built in."""

    def __init__(self, out, replaceable_names):
        """``replaceable_names``: the file names a run writes; an existing ``out`` holding
        anything else is not replaced (``check`` refuses it), except the temporary files that
        runs killed while writing file by file into it left (``.model.npz.HEX.tmp``)."""
        self.out = Path(out)
        self.replaceable_names = frozenset(replaceable_names)
        names = "|".join(re.escape(name) for name in sorted(self.replaceable_names))
        self._leftover = re.compile(rf"\.({names})\.(\d+\.)?[0-9a-f]{{16}}\.tmp")
        self.staging = None

    def check(self):
        """Why ``out`` cannot be replaced by a run (a sentence), or None if it can."""
        if self.out.exists() and not self.out.is_dir():
            return f"{self.out} exists and is not a directory"
        if self.out.is_dir():
            foreign = sorted(entry.name for entry in self.out.iterdir()
                             if not entry.is_file() or not (
                                 entry.name in self.replaceable_names
                                 or self._leftover.fullmatch(entry.name)))
            if foreign:
                shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
                return (f"{self.out} holds files that no run wrote ({shown}); a run replaces "
                        "the whole directory, so name a new or empty one")
        return None

    def prepare(self):
        """Make the parent directories and the temporary directory, removing those of killed
        runs first. Raises OSError if the place is not writable."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out)
        staging = temporary_sibling(self.out)
        staging.mkdir()
        self.staging = staging

    def commit(self, files):
        """Write ``files`` (name -> bytes) and make them the output directory, all at once.
        An OSError names the file or directory that could not be written."""
        for name, content in files.items():
            try:
                write_durable_file(self.staging / name, content)
            except OSError as error:  # named by the file's place in the output directory
                raise type(error)(f"{self.out / name}: {error.strerror or error}") from None
        fsync_directory(self.staging)
        if self.out.is_dir():
            _exchange(self.staging, self.out)
        else:
            os.rename(self.staging, self.out)
        fsync_directory(self.out.parent)
        self.discard()

    def discard(self):
        """Remove the temporary directory (a new run not committed, or an old one replaced)."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def _exchange(first, second):
    """Swap two paths atomically. Where the system has no renameat2 (not Linux, or an old C
    library) or the file system refuses it, fall back to two renames: between them the second
    path is missing for a moment."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                     RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), os.fspath(second))
    aside = temporary_sibling(second)
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)
