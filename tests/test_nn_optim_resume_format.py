"""nn.train --resume reads the state files written before the optimizers had parameter groups
(one "hyperparameters" dict and a list of per-parameter states): such a run continues to the
result the uninterrupted run reaches."""
import io
import json

import numpy as np
import pytest

from nn import train
from nn.npz_reader import NpzReader
from nn.run_state import STATE_KEY
from test_train_resume import SHORT, assert_same_run
from train_helpers import run_train

SETTINGS = {
    "float32 sgd momentum": ["--dtype", "float32", "--momentum", "0.5", "--lr", "1.0"],
    "float64 adam": ["--dtype", "float64", "--optimizer", "adam", "--weight-decay", "0.01"],
}
# The hyperparameters the optimizers had then, and the entries each state had.
OLD_HYPERPARAMETERS = {"SGD": ("lr", "momentum", "weight_decay", "nesterov"),
                       "Adam": ("lr", "betas", "eps", "weight_decay")}


def rewrite_in_the_old_layout(path):
    """The state file at `path` as the optimizers before parameter groups wrote it."""
    with NpzReader(path) as archive:
        entries = {name: archive.read(name, header.nbytes + (16 << 20))
                   for name, header in archive.headers().items()}
    info = json.loads(str(entries.pop(STATE_KEY)))
    group = info["optimizer"]["param_groups"][0]
    kind = "Adam" if "betas" in group else "SGD"
    info["optimizer"] = {
        "hyperparameters": {key: group[key] for key in OLD_HYPERPARAMETERS[kind]},
        "scalars": [info["optimizer"]["scalars"].get(str(index), {})
                    for index in group["params"]],
    }
    buffer = io.BytesIO()
    np.savez(buffer, **entries, **{STATE_KEY: np.array(json.dumps(info))})
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("flags", SETTINGS.values(), ids=SETTINGS)
def test_a_state_file_in_the_old_layout_resumes_to_the_uninterrupted_run(tmp_path, monkeypatch,
                                                                        flags):
    argv = SHORT + flags
    assert run_train(argv + ["--out", tmp_path / "whole"])[0] == 0
    real_print = train.print_epoch

    def ctrl_c_in_epoch_3(record, epochs):
        if record.epoch == 3:
            raise KeyboardInterrupt
        real_print(record, epochs)

    monkeypatch.setattr(train, "print_epoch", ctrl_c_in_epoch_3)
    out = tmp_path / "parts"
    assert run_train(argv + ["--out", out])[0] == 130
    state_file = tmp_path / "parts.resume.npz"
    rewrite_in_the_old_layout(state_file)
    with NpzReader(state_file) as archive:
        assert "hyperparameters" in json.loads(str(archive.read(STATE_KEY, 1 << 20)))["optimizer"]
    monkeypatch.setattr(train, "print_epoch", real_print)
    code, stdout, stderr = run_train(argv + ["--out", out, "--resume"])
    assert code == 0, stderr
    assert "resuming after epoch 2" in stdout
    assert_same_run(tmp_path / "whole", out)
