"""nn.train's output directory: checked (really created) before training, replaced as a whole,
never the current directory or a directory of other files; temporaries of dead writers
removed, those of live ones kept; metrics.json is JSON also when the run diverged."""

import json
import os
import subprocess
import sys

import pytest

from nn import atomic_write, run_directory
from train_helpers import PROJECT_ROOT, QUICK, RUN_FILES, assert_one_line_error, run_train


@pytest.mark.parametrize("out, message", [
    ("", "expected a directory name, got ''"),
    (".", "is the current directory or holds it"),
    ("..", "is the current directory or holds it"),
    ("/sys/x", "cannot write /sys/x"),
    ("/proc/x", "cannot write /proc/x"),
])
def test_an_output_directory_that_cannot_be_one_is_refused_before_training(out, message):
    code, stdout, stderr = run_train(QUICK + ["--out", out])
    assert_one_line_error(code, stdout, stderr, expected_code=2)
    assert message in stderr and "epoch" not in stdout


def test_a_directory_of_other_files_is_not_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run_train(QUICK + ["--out", tmp_path])
    assert_one_line_error(*result, expected_code=2)
    assert "holds files that no run wrote (notes.txt)" in result[2]
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_a_run_without_graph_removes_the_graph_of_the_run_before(tmp_path):
    out = tmp_path / "run"
    assert run_train(QUICK + ["--graph", "--out", out])[0] == 0
    assert (out / "graph.svg").exists()
    assert run_train(QUICK + ["--out", out])[0] == 0
    assert {path.name for path in out.iterdir()} == RUN_FILES


def test_a_run_replaces_one_that_was_killed_while_writing_file_by_file(tmp_path):
    """Earlier versions wrote into the directory itself; kill -9 left .NAME.HEX.tmp files."""
    out = tmp_path / "run"
    out.mkdir()
    (out / "model.npz").write_bytes(b"new run's")
    (out / "metrics.json").write_text("old run's")
    (out / ".curves.png.0123456789abcdef.tmp").write_bytes(b"half")
    assert run_train(QUICK + ["--out", out])[0] == 0
    assert {path.name for path in out.iterdir()} == RUN_FILES


def test_temporaries_of_dead_writers_are_removed_and_of_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale_dir = tmp_path / f".run.{dead_pid}.{'a' * 16}.tmp"
    stale_dir.mkdir()
    (stale_dir / "model.npz").write_bytes(b"half")
    stale_state = tmp_path / f".run.resume.npz.{dead_pid}.{'b' * 16}.tmp"
    stale_state.write_bytes(b"half")
    live = tmp_path / f".run.{os.getppid()}.{'c' * 16}.tmp"
    live.mkdir()
    assert run_train(QUICK + ["--out", tmp_path / "run"])[0] == 0
    assert sorted(os.listdir(tmp_path)) == sorted(["run", live.name])


def test_without_renameat2_two_renames_still_replace_the_run(tmp_path, monkeypatch):
    out = tmp_path / "run"
    assert run_train(QUICK + ["--seed", 1, "--out", out])[0] == 0

    class NoRenameat2:
        def __init__(self, *args, **kwargs):
            pass

    monkeypatch.setattr(run_directory.ctypes, "CDLL", NoRenameat2)
    assert run_train(QUICK + ["--seed", 2, "--out", out])[0] == 0
    assert json.loads((out / "metrics.json").read_text())["config"]["seed"] == 2
    assert sorted(os.listdir(tmp_path)) == ["run"]


def test_files_get_the_umask_mode(tmp_path):
    out = tmp_path / "run"
    previous = os.umask(0o027)
    try:
        assert run_train(QUICK + ["--out", out])[0] == 0
        atomic_write.write_bytes_atomically(tmp_path / "single", b"x")
    finally:
        os.umask(previous)
    for path in [*out.iterdir(), tmp_path / "single"]:
        assert path.stat().st_mode & 0o777 == 0o640, path


def test_a_diverged_run_writes_json_with_null_and_says_so_once(tmp_path):
    out = tmp_path / "run"
    completed = subprocess.run(
        [sys.executable, "-m", "nn.train", *QUICK, "--activation", "relu", "--lr", "1e30",
         "--out", str(out)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0
    assert completed.stderr.count("\n") == 1 and "diverged in epoch 1" in completed.stderr
    text = (out / "metrics.json").read_text()
    assert "NaN" not in text and "Infinity" not in text
    metrics = json.loads(text)
    assert metrics["epochs"][0]["train_loss"] is None and metrics["final"]["test_loss"] is None
    assert metrics["diverged_at_epoch"] == 1
