"""What the tests of nn.train share: running it in-process, the quick flags, the files of a run."""

import contextlib
import io
from pathlib import Path

from nn import train

PROJECT_ROOT = Path(__file__).resolve().parents[1]
QUICK = ["--limit", "200", "--epochs", "1", "--no-progress"]
RUN_FILES = {"model.npz", "metrics.json", "curves.png", "hidden_weights.png"}


def run_train(argv):
    """main(argv) in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = train.main([str(arg) for arg in argv])
    return code, out.getvalue(), err.getvalue()


def assert_one_line_error(code, stdout, stderr, expected_code):
    assert code == expected_code
    assert stderr.startswith("nn.train: error: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr + stdout


def numpy_loaded(pid):
    """Whether the process has mapped numpy's core library, so that ``import nn`` is under way
    (Ctrl-C before that, while the interpreter itself starts, is Python's to handle)."""
    try:
        with open(f"/proc/{pid}/maps") as maps:
            return "_multiarray_umath" in maps.read()
    except FileNotFoundError:
        return False
