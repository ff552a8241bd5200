"""What our command-line tools do before and after their work: Ctrl-C while they import or
exit is one line and exit 130, and another package named autograd is named in one line."""

import os
import signal
import subprocess
import sys
import time

import pytest

from nn import startup
from train_helpers import PROJECT_ROOT, numpy_loaded

TRAIN = [sys.executable, "-m", "nn.train", "--limit", "100", "--epochs", "1", "--no-progress"]


@pytest.mark.parametrize("module", ["nn.train", "nn.evaluate"])
def test_ctrl_c_while_importing_is_one_line_and_exit_130(tmp_path, module):
    argv = [sys.executable, "-m", module, *(["--out", str(tmp_path / "run")]
                                             if module == "nn.train" else ["model.npz"])]
    process = subprocess.Popen(argv, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    while not numpy_loaded(process.pid) and process.poll() is None:
        time.sleep(0.0005)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr == f"{module}: interrupted\n"
    assert not (tmp_path / "run").exists()


def test_ctrl_c_while_exiting_is_not_an_ignored_exception(tmp_path):
    out = tmp_path / "run"
    process = subprocess.Popen([*TRAIN, "--out", str(out)], cwd=PROJECT_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if line.startswith("wrote "):
            process.send_signal(signal.SIGINT)
            break
    stderr = process.communicate(timeout=60)[1]
    # One line and 130 until the tool leaves (nn.startup._leave), 0 if it was gone already;
    # never killed silently by the signal (-2), an ignored exception or a traceback.
    assert (process.returncode, stderr) in ((130, "nn.train: interrupted\n"), (0, ""))
    assert {path.name for path in out.iterdir()} >= {"model.npz", "metrics.json"}


def test_an_interrupt_swallowed_in_a_finalizer_is_raised_at_the_next_check(monkeypatch):
    """Ctrl-C landing in a __del__ or weakref callback: Python would print "Exception ignored"
    and go on; a tool keeps it quiet and raises it at its next check (after each epoch)."""
    monkeypatch.setattr(startup, "_starting_cli", "nn.train")
    monkeypatch.setattr(startup, "_set_sigint", lambda handler: None)  # pytest keeps its own

    class InterruptedWhileFinalized:
        def __del__(self):
            raise KeyboardInterrupt

    hook = sys.unraisablehook
    with startup.interruptible():
        InterruptedWhileFinalized()  # collected at once
        with pytest.raises(KeyboardInterrupt):
            startup.check_interrupted()
        startup.check_interrupted()  # raised once only
    assert sys.unraisablehook is hook


def test_a_ctrl_c_while_drawing_waits_for_the_drawing_to_end(monkeypatch):
    """matplotlib turns a KeyboardInterrupt inside its drawing into a ValueError: a tool keeps
    Ctrl-C waiting there and raises it after."""
    monkeypatch.setattr(startup, "_starting_cli", "nn.train")
    drawn = []
    with pytest.raises(KeyboardInterrupt):
        with startup.deferred_interrupts():
            signal.raise_signal(signal.SIGINT)
            drawn.append("all of it")
    assert drawn == ["all of it"]


@pytest.fixture
def hips_autograd(tmp_path):
    """A directory holding a package named autograd that is not ours (as HIPS autograd)."""
    (tmp_path / "autograd").mkdir()
    (tmp_path / "autograd" / "__init__.py").write_text("def grad(fun):\n    return fun\n")
    return tmp_path


def run_shadowed(hips, argv):
    env = dict(os.environ, PYTHONPATH=f"{hips}{os.pathsep}{PROJECT_ROOT}")
    return subprocess.run([sys.executable, *argv], cwd=hips, env=env, capture_output=True,
                          text=True, timeout=60)


def test_import_nn_names_the_other_autograd(hips_autograd):
    completed = run_shadowed(hips_autograd, ["-c", "import nn"])
    assert completed.returncode == 1
    last = completed.stderr.splitlines()[-1]
    assert last.startswith("ImportError: nn: another package named autograd")
    assert str(hips_autograd / "autograd") in last and "pip uninstall autograd" in last


@pytest.mark.parametrize("module", ["nn.train", "nn.evaluate"])
def test_the_tools_name_the_other_autograd_in_one_line(hips_autograd, module):
    completed = run_shadowed(hips_autograd, ["-m", module, "--help"])
    assert completed.returncode == 1 and completed.stdout == ""
    assert completed.stderr.startswith(f"{module}: error: another package named autograd")
    assert completed.stderr.count("\n") == 1
