"""Checkpoints: a module's parameters in a numpy .npz archive, loadable without pickle.

The archive holds one array per entry of `module.state_dict()` (named `layers.0.weight`,
...) and one more, `__checkpoint__`: a JSON text (a numpy unicode array) with the module's
class name, its `config()` (the constructor arguments, when it has one) and free metadata
(epoch, accuracy, ...).
"""
import io
import json
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .atomic_write import write_bytes_atomically
from .layers import MLP
from .module import Module

INFO_KEY = "__checkpoint__"
# An .npz archive is a zip file: it starts with a local file header, or, when empty, with the
# end-of-archive record.
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


class Checkpoint(NamedTuple):
    """What a checkpoint file holds: the state dict, the model's config, the metadata."""

    state: dict
    model_class: str
    config: dict
    metadata: dict


class NotAnMLPError(ValueError):
    """Raised by `load` without `model=` when the checkpoint records no MLP to rebuild;
    `holds` says what it records instead ("a Linear", "no model class")."""

    def __init__(self, message, holds):
        super().__init__(message)
        self.holds = holds


def save(module, path, **metadata):
    """Write the module's parameters, config() and `metadata` (JSON-able) to `path`, atomically.

    The archive is built in memory and written to a temporary file beside `path` that is
    renamed over it, so `path` is never left half-written. A `path` that is a directory, or
    whose directory does not exist, is an OSError naming it.
    """
    path = Path(path)
    content = archive_bytes(module, **metadata)
    try:
        write_bytes_atomically(path, content)
    except IsADirectoryError:
        raise IsADirectoryError(
            f"save: {path} is a directory; give a file path such as {path / 'model.npz'}"
        ) from None
    except OSError as error:
        raise type(error)(f"save: {error}") from None


def archive_bytes(module, **metadata) -> bytes:
    """The .npz archive `save` writes, as bytes: the state dict and the info entry."""
    if not isinstance(module, Module):
        raise TypeError(f"save: expected an nn.Module, got {type(module).__name__}")
    state = module.state_dict()
    config = module.config() if hasattr(module, "config") else None
    info = {"model_class": type(module).__name__, "config": config, "metadata": metadata}
    try:
        info_text = json.dumps(info, default=_plain_number)
    except (TypeError, ValueError) as error:
        raise TypeError(f"save: metadata and config must be JSON-able: {error}") from None
    buffer = io.BytesIO()
    np.savez(buffer, **state, **{INFO_KEY: np.array(info_text)})
    return buffer.getvalue()


def _plain_number(value):
    """numpy scalars and arrays as Python numbers and lists, for json."""
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} {value!r:.60} is not JSON-able")


def read(path):
    """The Checkpoint stored in `path` (read with allow_pickle=False).

    A missing file is FileNotFoundError, a directory IsADirectoryError; a file that is not a
    readable .npz archive, or whose info entry is not valid JSON, is ValueError. An archive
    without the info entry (e.g. a plain np.savez of a state dict) gives model_class "",
    config None, metadata {}.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"load: {path} is a directory, not a checkpoint file")
    if not path.is_file():
        raise FileNotFoundError(f"load: no checkpoint file at {path}")
    with open(path, "rb") as file:
        if file.read(4) not in ZIP_SIGNATURES:
            raise ValueError(
                f"load: {path} is not a chainrule checkpoint (not a numpy .npz archive)"
            )
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as error:
        reason = ("an entry holds pickled Python objects, which a checkpoint never does"
                  if "allow_pickle" in str(error) else error)
        raise ValueError(f"load: {path} is not a readable .npz checkpoint: {reason}") from None
    info = arrays.pop(INFO_KEY, None)
    if info is None:
        return Checkpoint(arrays, "", None, {})
    try:
        info = json.loads(str(info))
        return Checkpoint(arrays, info["model_class"], info["config"], info["metadata"])
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"load: {path} has a damaged {INFO_KEY} entry: {error!r}") from None


def load(path, model=None):
    """The module saved in `path`.

    With `model`, the parameters are loaded into it (shapes must match) and it is returned.
    Without, an `nn.MLP` is rebuilt from the stored config and returned.
    """
    checkpoint = read(path)
    if model is None:
        model = _rebuilt_mlp(path, checkpoint)
    try:
        model.load_state_dict(checkpoint.state)
    except (KeyError, ValueError) as error:
        raise ValueError(
            f"load: {path} does not fit {type(model).__name__}: {error.args[0]}"
        ) from None
    return model


def _rebuilt_mlp(path, checkpoint):
    if checkpoint.model_class != "MLP" or checkpoint.config is None:
        holds = f"a {checkpoint.model_class}" if checkpoint.model_class else "no model class"
        raise NotAnMLPError(
            f"load: {path} holds no MLP config (it records {holds}); pass model= to load "
            f"its parameters into a model you build",
            holds,
        )
    try:
        return MLP(**checkpoint.config)
    except (TypeError, ValueError) as error:
        raise ValueError(f"load: {path} has an unusable MLP config: {error}") from None
