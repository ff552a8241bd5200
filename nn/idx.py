"""IDX files, the format MNIST is published in: read one, write one.

Layout (all integers big-endian): a 4-byte magic number ``0x000008DD`` where
``08`` says the values are unsigned bytes and ``DD`` is the number of
dimensions, then one 4-byte size per dimension, then the values in C order.
MNIST uses ``0x00000801`` for labels, shape (n,), and ``0x00000803`` for
images, shape (n, rows, cols).
"""

import gzip
import math
import struct
import zlib
from pathlib import Path

import numpy as np

from nn.atomic_write import write_bytes_atomically

LABELS_MAGIC = 0x00000801
IMAGES_MAGIC = 0x00000803
_NDIM_OF_MAGIC = {LABELS_MAGIC: 1, IMAGES_MAGIC: 3}
_GZIP_SIGNATURE = b"\x1f\x8b"


def read_idx(path) -> np.ndarray:
    """Read an MNIST IDX file (plain or gzip-compressed) into a uint8 array.

    Returns shape (n,) for a labels file and (n, rows, cols) for an images
    file. Raises ValueError naming the file for a wrong magic number, a
    truncated file or trailing bytes after the data.
    """
    path = Path(path)
    content = _read_decompressed(path)
    if len(content) < 4:
        raise ValueError(
            f"{path}: truncated IDX header: expected at least 4 bytes, got {len(content)}"
        )
    (magic,) = struct.unpack(">I", content[:4])
    if magic not in _NDIM_OF_MAGIC:
        raise ValueError(
            f"{path}: wrong magic number: expected 0x{LABELS_MAGIC:08X} (labels) "
            f"or 0x{IMAGES_MAGIC:08X} (images), got 0x{magic:08X}"
        )
    ndim = _NDIM_OF_MAGIC[magic]
    header_size = 4 + 4 * ndim
    if len(content) < header_size:
        raise ValueError(
            f"{path}: truncated IDX header: expected {header_size} bytes, got {len(content)}"
        )
    shape = struct.unpack(f">{ndim}I", content[4:header_size])
    expected = math.prod(shape)  # Python ints: 2**31 * 2**31 * 4 does not wrap to 0
    got = len(content) - header_size
    if got < expected:
        raise ValueError(
            f"{path}: truncated file: expected {expected} bytes of data for shape "
            f"{shape}, got {got}"
        )
    if got > expected:
        raise ValueError(
            f"{path}: {got - expected} extra trailing bytes after the {expected} "
            f"bytes of data for shape {shape}"
        )
    return np.frombuffer(content, dtype=np.uint8, offset=header_size).reshape(shape).copy()


def write_idx(path, array, compress=None) -> None:
    """Write a uint8 array of shape (n,) or (n, rows, cols) as an IDX file.

    The file is gzip-compressed when ``compress`` is true, or, by default,
    when ``path`` ends in ``.gz``. Written to a temporary file first, then
    renamed, so no half-written file is ever left at ``path``.
    """
    path = Path(path)
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise TypeError(f"write_idx {path}: expected a uint8 array, got dtype {array.dtype}")
    magic = {1: LABELS_MAGIC, 3: IMAGES_MAGIC}.get(array.ndim)
    if magic is None:
        raise ValueError(
            f"write_idx {path}: expected shape (n,) or (n, rows, cols), got {array.shape}"
        )
    content = struct.pack(f">I{array.ndim}I", magic, *array.shape) + array.tobytes()
    if compress is None:
        compress = path.suffix == ".gz"
    if compress:
        content = gzip.compress(content, mtime=0)
    write_bytes_atomically(path, content)


def _read_decompressed(path: Path) -> bytes:
    """Return the file's bytes, gunzipped if the file starts with the gzip signature."""
    content = path.read_bytes()
    if not content.startswith(_GZIP_SIGNATURE):
        return content
    try:
        return gzip.decompress(content)
    except (OSError, EOFError, zlib.error) as error:
        raise ValueError(f"{path}: damaged gzip data: {error}") from error
