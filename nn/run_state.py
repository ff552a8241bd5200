"""An unfinished run, kept after every epoch so that ``nn.train --resume`` continues it to the
result the uninterrupted run would have reached, bit for bit.

The state is one .npz archive beside the output directory (``DIR.resume.npz``), written
atomically: the model's parameters (``model.NAME``), the optimizer's per-parameter arrays
(``optimizer.INDEX.KEY``, INDEX numbering the parameters as the optimizer's state_dict does)
and a JSON entry with the run's flags, the epochs so far, the optimizer's parameter groups
and other state, and the shuffling generator's state. It is read with the bounded
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
    scalars = {}
    for index, param_state in optimizer_state["state"].items():
        scalars[str(index)] = {}
        for key, value in param_state.items():
            if isinstance(value, np.ndarray):
                arrays[f"optimizer.{index}.{key}"] = value
            else:
                scalars[str(index)][key] = value
    info = {
        "config": config,
        "history": [record._asdict() for record in history],
        "optimizer": {"param_groups": optimizer_state["param_groups"], "scalars": scalars},
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
        optimizer.load_state_dict(_optimizer_state(info, arrays, optimizer))
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
    optimized = [param for group in optimizer.param_groups for param in group["params"]]
    parts = name.split(".")
    if (len(parts) == 3 and parts[0] == "optimizer" and parts[1].isdigit()
            and int(parts[1]) < len(optimized) and parts[2] in optimizer.state_keys):
        return optimized[int(parts[1])].shape
    return None


def _optimizer_state(info, arrays, optimizer):
    """The optimizer's state_dict from the JSON entry and the arrays. A state written before
    the optimizers had parameter groups ({"hyperparameters", "scalars": [one dict per
    parameter]}) is read as one group whose new hyperparameters take their defaults."""
    saved = info["optimizer"]
    if "hyperparameters" in saved:
        scalars = {str(index): state for index, state in enumerate(saved["scalars"])}
        groups = [{**optimizer.defaults, **saved["hyperparameters"],
                   "params": list(range(len(saved["scalars"])))}]
    else:
        scalars, groups = saved["scalars"], saved["param_groups"]
    states = {}
    for index in {*map(int, scalars), *(int(name.split(".")[1]) for name in arrays
                                         if name.startswith("optimizer."))}:
        state = dict(scalars.get(str(index), {}))
        prefix = f"optimizer.{index}."
        state.update({name.removeprefix(prefix): array for name, array in arrays.items()
                      if name.startswith(prefix)})
        if state:
            states[index] = state
    # JSON turned the tuples of the groups (Adam's betas) into lists: back to tuples.
    groups = [{key: tuple(value) if isinstance(value, list) and key != "params" else value
               for key, value in group.items()} for group in groups]
    return {"state": states, "param_groups": groups}
