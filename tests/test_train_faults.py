"""nn.train killed at random moments (SIGINT and SIGKILL), also while it writes its files: the
output directory always holds a complete run, the old one or the new one, and what killed runs
leave behind is removed by the next run."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np

import nn
from train_helpers import PROJECT_ROOT, RUN_FILES, numpy_loaded

TRIALS = 20
PNG_END = b"IEND\xaeB`\x82"


def start_run(out, seed):
    return subprocess.Popen(
        [sys.executable, "-m", "nn.train", "--limit", "100", "--epochs", "2", "--no-progress",
         "--seed", str(seed), "--out", str(out)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def seed_of_complete_run(out):
    """The seed of the run in ``out``, after checking that all of its files are there, whole,
    and from one run."""
    assert {path.name for path in out.iterdir()} == RUN_FILES
    metrics = json.loads((out / "metrics.json").read_text())
    checkpoint = nn.checkpoint.read(out / "model.npz")
    assert checkpoint.metadata["seed"] == metrics["config"]["seed"]
    assert checkpoint.metadata["test_accuracy"] == metrics["final"]["test_accuracy"]
    nn.load(out / "model.npz")
    for name in ("curves.png", "hidden_weights.png"):
        assert (out / name).read_bytes().endswith(PNG_END)
    return metrics["config"]["seed"]


def wait_for_writing(process, out):
    """Wait until a file appears in the process's temporary directory beside ``out``; returns
    whether one did (the run may end first)."""
    prefix = f".{out.name}.{process.pid}."
    while process.poll() is None:
        for entry in out.parent.iterdir():
            if entry.name.startswith(prefix) and _holds_files(entry):
                return True
        time.sleep(0.0005)
    return False


def wait_for_new_run(process, out, seed):
    """Wait until the run in ``out`` is the new one (its metrics name `seed`): the process
    may still be cleaning up. Returns whether that happened before the process ended."""
    while process.poll() is None:
        try:
            if json.loads((out / "metrics.json").read_text())["config"]["seed"] == seed:
                return True
        except (FileNotFoundError, json.JSONDecodeError):  # between the renames
            pass
        time.sleep(0.0005)
    return False


def _holds_files(directory):
    try:
        return any(directory.iterdir())
    except (FileNotFoundError, NotADirectoryError):  # gone (removed) meanwhile, or a file
        return False


def test_killed_runs_leave_a_complete_old_or_new_run_and_no_leftovers(tmp_path):
    out = tmp_path / "digits"
    started = time.perf_counter()
    first = start_run(out, seed=0)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    duration = time.perf_counter() - started
    rng = np.random.default_rng(14)
    current, outcomes = 0, []
    for trial in range(TRIALS):
        how = signal.SIGINT if trial % 2 else signal.SIGKILL
        seed = trial + 1
        process = start_run(out, seed)
        if trial % 4 < 2:
            while how == signal.SIGINT and not numpy_loaded(process.pid) and process.poll() is None:
                time.sleep(0.0005)  # Ctrl-C while the interpreter starts is Python's to handle
            time.sleep(rng.uniform(0, 1.2 * duration))
            while_writing = False
        else:
            while_writing = wait_for_writing(process, out)
        process.send_signal(how)
        code = process.wait(timeout=120)
        stderr = process.stderr.read().decode()
        found = seed_of_complete_run(out)
        assert found in (current, seed), (trial, found, current, seed)
        outcomes.append((how.name, while_writing, "new" if found == seed != current else "old"))
        assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
        if how == signal.SIGINT and code != 0:
            assert code == 130 and stderr.endswith("\n"), (code, stderr)
            assert stderr.splitlines()[-1].startswith("nn.train: interrupted"), stderr
        current = found
    writing = [outcome for outcome in outcomes if outcome[1]]
    assert len(writing) >= TRIALS // 4, outcomes  # most targeted kills landed during the write
    # A kill just after the new run took the old one's place (whether the random kills above
    # came late enough for that depends on the machine's speed) leaves the new run.
    process = start_run(out, seed=99)
    wait_for_new_run(process, out, seed=99)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=120)
    assert seed_of_complete_run(out) == 99
    last = start_run(out, seed=100)
    assert last.wait(timeout=120) == 0
    assert seed_of_complete_run(out) == 100
    assert sorted(os.listdir(tmp_path)) == ["digits"]  # leftovers of killed runs removed
