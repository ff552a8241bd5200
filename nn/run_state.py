"""An unfinished run, kept after every epoch so that ``nn.train --resume`` continues it to the
result the uninterrupted run would have reached, bit for bit.

The state is one .npz archive beside the output directory (``DIR.resume.npz``), written
atomically: the model's parameters (``model.NAME``), the optimizer's per-parameter arrays
(``optimizer.INDEX.KEY``) and a JSON entry with the run's flags, the epochs so far, the
optimizer's other state and the shuffling generator's state. It is read with the bounded
reader: every entry must have the shape its parameter has.
"""
import io
import json

import numpy as np

from nn.atomic_write import write_bytes_atomically
from nn.npz_reader import NpzReader
from nn.training import EpochRecord

STATE_KEY = "__run__"
MAX_STATE_JSON_BYTES = 16 << 20


def resume_path(out):
    """Where the unfinished run of output directory ``out`` is kept."""
    return out.with_name(out.name + ".resume.npz")


def save_run_state(path, config, model, optimizer, rng, history):
    """Write the state after the last epoch of ``history``."""
    arrays = {f"model.{name}": array for name, array in model.state_dict().items()}
    optimizer_state = optimizer.state_dict()
    scalars = []
    for index, param_state in enumerate(optimizer_state["state"]):
        scalars.append({})
        for key, value in param_state.items():
            if isinstance(value, np.ndarray):
                arrays[f"optimizer.{index}.{key}"] = value
            else:
                scalars[-1][key] = value
    info = {
        "config": config,
        "history": [record._asdict() for record in history],
        "optimizer": {"hyperparameters": optimizer_state["hyperparameters"], "scalars": scalars},
        "rng": rng.bit_generator.state,
    }
    buffer = io.BytesIO()
    np.savez(buffer, **arrays, **{STATE_KEY: np.array(json.dumps(info))})
    write_bytes_atomically(path, buffer.getvalue())


def restore_run_state(path, config, model, optimizer, rng):
    """Load the state in ``path`` into the model, optimizer and generator built for ``config``
    and return the epochs so far (EpochRecords). ValueError if the file is damaged or was saved
    by a run with other flags (the message names the first flag that differs)."""
    with NpzReader(path) as archive:
        headers = archive.headers()
        if STATE_KEY not in headers:
            raise ValueError(f"{path} holds no {STATE_KEY} entry")
        try:
            info = json.loads(str(archive.read(STATE_KEY, MAX_STATE_JSON_BYTES)))
            saved_config = info["config"]
        except (ValueError, KeyError, TypeError, RecursionError) as error:
            raise ValueError(f"{path} has a damaged {STATE_KEY} entry: {error!r}") from None
        for key, value in config.items():
            if saved_config.get(key) != value:
                raise ValueError(f"{path} was saved by a run with {key} = "
                                 f"{saved_config.get(key)!r}, this one has {value!r}; run the "
                                 "interrupted command again with --resume")
        arrays = {}
        for name, header in headers.items():
            if name == STATE_KEY:
                continue
            shape = _expected_shape(name, model, optimizer)
            if header.shape != shape:
                raise ValueError(f"{path}: entry {name!r} of shape {header.shape} is not part of "
                                 "this run's state")
            arrays[name] = archive.read(name, header.nbytes)
    try:
        model.load_state_dict({name.removeprefix("model."): array
                               for name, array in arrays.items() if name.startswith("model.")})
        optimizer.load_state_dict(_optimizer_state(info, arrays))
        rng.bit_generator.state = info["rng"]
        return [EpochRecord(**record) for record in info["history"]]
    except (ValueError, KeyError, TypeError, RuntimeError) as error:
        raise ValueError(f"{path} does not fit this run: {error}") from None


def _expected_shape(name, model, optimizer):
    """The shape entry ``name`` must have: its parameter's or buffer's (``model.NAME``, or
    ``optimizer.INDEX.KEY`` for a state key of the optimizer); None for any other name."""
    state = model.state_dict(keep_vars=True)
    if name.startswith("model.") and name.removeprefix("model.") in state:
        return state[name.removeprefix("model.")].shape
    parts = name.split(".")
    if (len(parts) == 3 and parts[0] == "optimizer" and parts[1].isdigit()
            and int(parts[1]) < len(optimizer.params) and parts[2] in optimizer.state_keys):
        return optimizer.params[int(parts[1])].shape
    return None


def _optimizer_state(info, arrays):
    """The optimizer's state_dict from the JSON scalars and the arrays."""
    states = []
    for index, scalars in enumerate(info["optimizer"]["scalars"]):
        state = dict(scalars)
        prefix = f"optimizer.{index}."
        state.update({name.removeprefix(prefix): array for name, array in arrays.items()
                      if name.startswith(prefix)})
        states.append(state)
    return {"hyperparameters": info["optimizer"]["hyperparameters"], "state": states}
