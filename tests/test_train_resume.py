"""nn.train --resume: an interrupted (Ctrl-C) or killed (SIGKILL) run continues to exactly the
result the uninterrupted run reaches, in float32 and float64; and its misuses are one line."""

import json
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import nn
from nn import train
from train_helpers import PROJECT_ROOT, assert_one_line_error, run_train

SHORT = ["--limit", "100", "--epochs", "3", "--no-progress"]
SETTINGS = {
    "float32 sgd momentum": ["--dtype", "float32", "--momentum", "0.5", "--lr", "1.0"],
    "float64 sgd": ["--dtype", "float64"],
    "float32 adam": ["--dtype", "float32", "--optimizer", "adam", "--loss", "cross-entropy"],
    "float64 adam": ["--dtype", "float64", "--optimizer", "adam", "--weight-decay", "0.01"],
}


def learned(out):
    """The run's parameters and its epochs' figures (without the wall-clock seconds)."""
    state = nn.checkpoint.read(out / "model.npz").state
    epochs = json.loads((out / "metrics.json").read_text())["epochs"]
    return state, [{k: v for k, v in epoch.items() if k != "seconds"} for epoch in epochs]


def assert_same_run(first, second):
    (state_a, epochs_a), (state_b, epochs_b) = learned(first), learned(second)
    assert state_a.keys() == state_b.keys()
    for name in state_a:
        assert state_a[name].dtype == state_b[name].dtype
        np.testing.assert_array_equal(state_a[name], state_b[name], err_msg=name)
    assert epochs_a == epochs_b


@pytest.mark.parametrize("flags", SETTINGS.values(), ids=SETTINGS)
def test_ctrl_c_then_resume_gives_the_uninterrupted_run(tmp_path, monkeypatch, flags):
    argv = SHORT + flags
    assert run_train(argv + ["--out", tmp_path / "whole"])[0] == 0
    real_print = train.print_epoch

    def ctrl_c_in_epoch_3(record, epochs):
        if record.epoch == 3:
            raise KeyboardInterrupt
        real_print(record, epochs)

    monkeypatch.setattr(train, "print_epoch", ctrl_c_in_epoch_3)
    out = tmp_path / "parts"
    code, _, stderr = run_train(argv + ["--out", out])
    assert code == 130 and stderr == (
        f"nn.train: interrupted after epoch 2 of 3; the run is saved in {out}.resume.npz: "
        "run the same command with --resume to continue it\n"
    )
    assert not out.exists()
    monkeypatch.setattr(train, "print_epoch", real_print)
    code, stdout, _ = run_train(argv + ["--out", out, "--resume"])
    assert code == 0 and f"resuming after epoch 2 (from {out}.resume.npz)" in stdout
    assert [line[:9] for line in stdout.splitlines() if line.startswith("epoch")] == ["epoch 3/3"]
    assert_same_run(tmp_path / "whole", out)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["parts", "whole"]


def test_a_killed_run_resumes_to_the_uninterrupted_result(tmp_path):
    argv = SHORT[:2] + ["--epochs", "6", "--no-progress", "--dtype", "float64"]
    assert run_train(argv + ["--out", tmp_path / "whole"])[0] == 0
    out = tmp_path / "killed"
    process = subprocess.Popen([sys.executable, "-m", "nn.train", *argv, "--out", str(out)],
                               cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)
    state = tmp_path / "killed.resume.npz"
    while not state.exists() and process.poll() is None:
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert state.exists() and not out.exists()
    code, stdout, stderr = run_train(argv + ["--out", out, "--resume"])
    assert code == 0, stderr
    assert "resuming after epoch" in stdout
    assert_same_run(tmp_path / "whole", out)


def test_resume_without_an_unfinished_run_is_a_usage_error(tmp_path):
    out = tmp_path / "never"
    result = run_train(SHORT + ["--out", out, "--resume"])
    assert_one_line_error(*result, expected_code=2)
    assert "no unfinished run to resume" in result[2] and not out.exists()


def test_resume_with_other_flags_names_the_flag(tmp_path, monkeypatch):
    def ctrl_c_in_epoch_2(record, epochs):
        if record.epoch == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(train, "print_epoch", ctrl_c_in_epoch_2)
    out = tmp_path / "run"
    assert run_train(SHORT + ["--out", out])[0] == 130
    result = run_train(SHORT + ["--lr", "0.5", "--out", out, "--resume"])
    assert_one_line_error(*result, expected_code=1)
    assert "lr = 3.0, this one has 0.5" in result[2]


def test_a_damaged_state_file_is_one_line(tmp_path):
    (tmp_path / "run.resume.npz").write_bytes(b"PK\x03\x04 damaged")
    result = run_train(SHORT + ["--out", tmp_path / "run", "--resume"])
    assert_one_line_error(*result, expected_code=1)
    assert "--resume:" in result[2]
