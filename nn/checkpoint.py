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

from .idx import write_bytes_atomically
from .layers import MLP
from .module import Module

INFO_KEY = "__checkpoint__"


class Checkpoint(NamedTuple):
    """What a checkpoint file holds: the state dict, the model's config, the metadata."""

    state: dict
    model_class: str
    config: dict
    metadata: dict


def save(module, path, **metadata):
    """Write the module's parameters, config() and `metadata` (JSON-able) to `path`, atomically.

    The archive is built in memory and written to a temporary file beside `path` that is
    renamed over it, so `path` is never left half-written.
    """
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
    write_bytes_atomically(path, buffer.getvalue())


def _plain_number(value):
    """numpy scalars and arrays as Python numbers and lists, for json."""
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} {value!r:.60} is not JSON-able")


def read(path):
    """The Checkpoint stored in `path` (read with allow_pickle=False).

    A missing file is FileNotFoundError; a file that is not a readable .npz archive, or
    whose info entry is not valid JSON, is ValueError. An archive without the info entry
    (e.g. a plain np.savez of a state dict) gives model_class "", config None, metadata {}.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"load: no checkpoint file at {path}")
    try:
        archive = np.load(path, allow_pickle=False)
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise ValueError("it holds a single .npy array")
        with archive:
            arrays = {name: archive[name] for name in archive.files}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as error:
        raise ValueError(f"load: {path} is not a readable .npz checkpoint: {error}") from None
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
        saved = f"a {checkpoint.model_class}" if checkpoint.model_class else "no model class"
        raise ValueError(
            f"load: {path} holds no MLP config (it records {saved}); pass model= to load "
            f"its parameters into a model you build"
        )
    try:
        return MLP(**checkpoint.config)
    except (TypeError, ValueError) as error:
        raise ValueError(f"load: {path} has an unusable MLP config: {error}") from None
