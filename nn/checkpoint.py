"""Checkpoints: a module's parameters in a numpy .npz archive, loadable without pickle.

The archive holds one array per entry of `module.state_dict()` (named `layers.0.weight`,
...) and one more, `__checkpoint__`: a JSON text (a numpy unicode array) with the module's
class name, its `config()` (the constructor arguments, when it has one) and free metadata
(epoch, accuracy, ...).
"""
import io
import json
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .atomic_write import write_bytes_atomically
from .layers import CNN, MLP
from .module import Module
from .npz_reader import NpzReader

INFO_KEY = "__checkpoint__"
# The model classes `load` rebuilds from a checkpoint's config alone.
REBUILDABLE = {"MLP": MLP, "CNN": CNN}
# Limits on what a checkpoint may declare, checked before anything is read or built.
MAX_CHECKPOINT_BYTES = 1 << 30
MAX_PARAMETERS = MAX_CHECKPOINT_BYTES // 8
MAX_INFO_BYTES = 4 << 20
# An .npz archive is a zip file: it starts with a local file header, or, when empty, with the
# end-of-archive record.
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


class Checkpoint(NamedTuple):
    """What a checkpoint file holds: the state dict, the model's config, the metadata."""

    state: dict
    model_class: str
    config: dict
    metadata: dict


class NotRebuildableError(ValueError):
    """Raised by `load` without `model=` when the checkpoint records no MLP or CNN to rebuild;
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
    """The Checkpoint stored in `path`, every array read (within the size limits).

    A missing file is FileNotFoundError, a directory IsADirectoryError; a file that is not a
    readable .npz archive, whose info entry is not valid JSON, or whose arrays are larger than
    MAX_CHECKPOINT_BYTES, is ValueError. An archive without the info entry (e.g. a plain
    np.savez of a state dict) gives model_class "", config None, metadata {}.
    """
    with _open_archive(path) as archive:
        info = _info(path, archive)
        budget = MAX_CHECKPOINT_BYTES
        state = {}
        for name in archive.headers():
            if name != INFO_KEY:
                state[name] = _read_entry(path, archive, name, budget)
                budget -= state[name].nbytes
    return Checkpoint(state, *info)


def load(path, model=None):
    """The module saved in `path`.

    With `model`, the parameters are loaded into it (shapes must match) and it is returned.
    Without, the `nn.MLP` or `nn.CNN` is rebuilt from the stored config and returned.
    Everything the archive declares is checked before any array is read or any model built:
    the config's size, every entry's shape against the model.
    """
    with _open_archive(path) as archive:
        model_class, config, _ = _info(path, archive)
        if model is None:
            model = _rebuilt_model(path, model_class, config)
        state = _state_fitting(path, archive, model)
    try:
        model.load_state_dict(state)
    except RuntimeError as error:
        raise ValueError(
            f"load: {path} does not fit {type(model).__name__}: {error.args[0]}"
        ) from None
    return model


def _open_archive(path):
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
        archive = NpzReader(path)
        archive.headers()
    except ValueError as error:
        raise ValueError(f"load: {path} is not a readable .npz checkpoint: {error}") from None
    return archive


def _read_entry(path, archive, name, limit):
    try:
        return archive.read(name, limit)
    except ValueError as error:
        raise ValueError(f"load: {path} is not a readable .npz checkpoint: {error}") from None


def _info(path, archive):
    """(model_class, config, metadata) from the info entry, or ("", None, {}) without one."""
    if INFO_KEY not in archive.headers():
        return "", None, {}
    text = str(_read_entry(path, archive, INFO_KEY, MAX_INFO_BYTES))
    try:
        info = json.loads(text)
        fields = info["model_class"], info["config"], info["metadata"]
    except RecursionError:
        raise ValueError(f"load: {path} has a damaged {INFO_KEY} entry: JSON nested too "
                         "deeply") from None
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"load: {path} has a damaged {INFO_KEY} entry: {error!r}") from None
    if not (isinstance(fields[0], str) and isinstance(fields[1], (dict, type(None)))
            and isinstance(fields[2], dict)):
        raise ValueError(f"load: {path} has a damaged {INFO_KEY} entry: expected a class name, "
                         "a config object (or null) and a metadata object")
    return fields


def _state_fitting(path, archive, model):
    """The state dict to load into `model`: each entry whose declared shape is the
    parameter's is read; any other stands in as a zero-stride view of its declared shape (no
    memory), so that `load_state_dict` names the misfit without the data being read."""
    shapes = {name: tensor.shape for name, tensor in model.state_dict(keep_vars=True).items()}
    state = {}
    for name, header in archive.headers().items():
        if name == INFO_KEY:
            continue
        if shapes.get(name) == header.shape:
            state[name] = _read_entry(path, archive, name, MAX_CHECKPOINT_BYTES)
        else:
            state[name] = np.broadcast_to(np.zeros((), header.dtype), header.shape)
    return state


def _rebuilt_model(path, model_class, config):
    """The MLP or CNN of the stored config, its size checked before it is built."""
    if model_class not in REBUILDABLE or config is None:
        holds = f"a {model_class}" if model_class else "no model class"
        raise NotRebuildableError(
            f"load: {path} holds no MLP or CNN config (it records {holds}); pass model= to "
            f"load its parameters into a model you build",
            holds,
        )
    model_type = REBUILDABLE[model_class]
    try:
        count = model_type.parameter_count(config)
        if count > MAX_PARAMETERS:
            raise ValueError(f"{count:,} parameters, more than the {MAX_PARAMETERS:,} a "
                             "checkpoint may hold")
        return model_type(**config)
    except (TypeError, ValueError) as error:
        raise ValueError(f"load: {path} has an unusable {model_class} config: {error}") from None
