"""Checkpoint files made to hurt a reader: each asks for far more memory than it holds."""

import io
import json
import struct
import zipfile
import zlib

import numpy as np

import nn
from nn.checkpoint import INFO_KEY

SEEDS_CONFIG = {"sizes": [784, 16, 16, 10], "activation": "sigmoid",
                "output_activation": "same", "init": "scaled", "dtype": "float32"}


def _info(config):
    return np.array(json.dumps({"model_class": "MLP", "config": config, "metadata": {}}))


def _npy_header(shape, descr="<f4"):
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": descr, "fortran_order": False, "shape": shape})
    return buffer.getvalue()


def huge_config(path):
    """Small, right-looking arrays, but a config of 784 x 10^7 x 10 (58 GiB in float64)."""
    state = nn.MLP([784, 16, 16, 10], seed=0).state_dict()
    np.savez(path, **state, **{INFO_KEY: _info(dict(SEEDS_CONFIG, sizes=[784, 10**7, 10]))})


def huge_header(path):
    """An entry whose .npy header declares 10^12 elements (and holds 16 bytes)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{INFO_KEY}.npy", _npy_bytes(_info(SEEDS_CONFIG)))
        archive.writestr("layers.0.weight.npy", _npy_header((10**6, 10**6)) + bytes(16))


def deep_json(path):
    """An info entry of 100,000 nested JSON lists."""
    np.savez(path, **{INFO_KEY: np.array("[" * 100_000 + "]" * 100_000)})


def zip_bomb(path):
    """A 2 MiB archive of the seeds' network whose first weight entry inflates to 2 GiB of
    zeros (as its header declares).

    The deflate stream is built from one compressed 16 MiB piece repeated: after a full
    flush the compressor starts afresh, so each piece is the same bytes. Its CRC is not
    computed (a reader that inflates it all would fail only at the end)."""
    header = _npy_header((2**29,))
    zeros = bytes(1 << 24)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(header) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = first + piece * (2**31 // len(zeros)) + compressor.flush()
    stored = {f"{INFO_KEY}.npy": _npy_bytes(_info(SEEDS_CONFIG))}
    for name, array in nn.MLP([784, 16, 16, 10], seed=0).state_dict().items():
        if name != "layers.0.weight":
            stored[f"{name}.npy"] = _npy_bytes(array)
    _write_zip(path, [(name, 0, data, len(data), zlib.crc32(data))
                      for name, data in stored.items()]
               + [("layers.0.weight.npy", 8, stream, len(header) + 2**31, 0)])


def _npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def _write_zip(path, entries):
    """A zip file of ``entries``: (name, method (0 stored, 8 deflated), data, size, crc)."""
    body, directory = b"", b""
    for name, method, data, size, crc in entries:
        name = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, 0x21, crc, len(data), size)
        directory += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                      + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, len(body)) + name)
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name + data
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries),
                                      len(directory), len(body), 0)
    with open(path, "wb") as file:
        file.write(body + directory + end)


HOSTILE = {"huge-config": huge_config, "huge-header": huge_header, "deep-json": deep_json,
           "zip-bomb": zip_bomb}
