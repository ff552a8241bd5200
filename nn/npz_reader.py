"""Reading .npz archives that may be broken or hostile, in bounded memory.

An archive is a zip file of .npy entries. Each entry's .npy header (a few hundred bytes) is read
first, so its shape and dtype are known before its data: callers check them (against a model,
against a size limit) and only then read the data, which is read straight into an array of the
declared size; the zip's declared sizes must agree with the header, and no entry is inflated
beyond them (a small archive that would inflate to gigabytes is refused, not read).
Object arrays (pickles) are always refused.
"""
import math
import zipfile
from typing import NamedTuple

import numpy as np

MAX_ENTRIES = 10_000
MAX_HEADER_BYTES = 10_000
CHUNK_BYTES = 1 << 20


class EntryHeader(NamedTuple):
    """What an entry's .npy header declares."""

    shape: tuple
    dtype: np.dtype
    fortran_order: bool

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.dtype.itemsize  # Python ints: no overflow


class NpzReader:
    """An open .npz archive: ``headers()`` then ``read(name, limit)``; use with ``with``.

    Every problem is a ValueError (or the OSError of opening the file).
    """

    def __init__(self, path):
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, EOFError, ValueError) as error:
            raise ValueError(f"not a readable .npz archive: {error}") from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.close()
            raise ValueError(f"{len(infos):,} entries, more than the {MAX_ENTRIES:,} a "
                             "checkpoint may hold")
        self._infos = {info.filename.removesuffix(".npy"): info for info in infos}
        self._headers = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        self._zip.close()

    def headers(self) -> dict:
        """{entry name: EntryHeader}, read from the first bytes of each entry."""
        if self._headers is None:
            self._headers = {}
            for name, info in self._infos.items():
                with self._open(info) as stream:
                    self._headers[name] = self._header(name, info, stream)
        return self._headers

    def read(self, name, limit) -> np.ndarray:
        """The array of entry ``name``, refused (ValueError) if it declares more than ``limit``
        bytes."""
        header = self.headers()[name]
        if header.nbytes > limit:
            raise ValueError(f"entry {name!r} declares {header.nbytes:,} bytes of shape "
                             f"{header.shape}, more than the limit of {limit:,}")
        info = self._infos[name]
        with self._open(info) as stream:
            self._header(name, info, stream)
            shape = header.shape[::-1] if header.fortran_order else header.shape
            array = np.empty(shape, header.dtype)
            data = array.reshape(-1).view(np.uint8)
            for start in range(0, header.nbytes, CHUNK_BYTES):
                chunk = stream.read(min(CHUNK_BYTES, header.nbytes - start))
                if len(chunk) != min(CHUNK_BYTES, header.nbytes - start):
                    raise ValueError(f"entry {name!r} is truncated")
                data[start : start + len(chunk)] = np.frombuffer(chunk, np.uint8)
        return array.T if header.fortran_order else array

    def _open(self, info):
        try:
            return self._zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError) as error:
            raise ValueError(f"entry {info.filename!r} cannot be opened: {error}") from None

    def _header(self, name, info, stream) -> EntryHeader:
        """Read and check the .npy header at the start of ``stream``."""
        try:
            version = np.lib.format.read_magic(stream)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran_order, dtype = read_header(stream, max_header_size=MAX_HEADER_BYTES)
            header_bytes = stream.tell()
        except (ValueError, EOFError, OSError, zipfile.BadZipFile, SyntaxError) as error:
            raise ValueError(f"entry {name!r} is not a readable .npy array: {error}") from None
        if dtype.hasobject:
            raise ValueError(f"entry {name!r} holds pickled Python objects, which a checkpoint "
                             "never does")
        header = EntryHeader(tuple(shape), dtype, fortran_order)
        if info.file_size != header_bytes + header.nbytes:
            raise ValueError(f"entry {name!r} declares shape {header.shape} of {dtype} "
                             f"({header.nbytes:,} bytes) but the archive gives it "
                             f"{info.file_size - header_bytes:,} bytes")
        return header
