"""What nn.train tells a new user: hints that fit the run's settings (never after a single
step), a warning for cross-entropy on squashed outputs, and losses explained in --help."""

import contextlib
import io

import pytest

from nn import train_options
from train_helpers import QUICK, run_train

STALL = "every test digit the same answer"


def test_a_sigmoid_network_after_one_step_gets_no_hint(tmp_path):
    code, stdout, stderr = run_train(["--limit", 10, "--epochs", 1, "--no-progress",
                                      "--out", tmp_path / "run"])
    assert code == 0 and "test accuracy 10.00%" in stdout  # one answer for every digit
    assert stderr == ""


def test_a_stalled_sigmoid_network_gets_no_relu_advice(tmp_path):
    """Sigmoid with a huge lr saturates: the hint speaks of saturated units, not ReLUs."""
    code, _, stderr = run_train(QUICK + ["--epochs", 3, "--lr", 1000, "--out", tmp_path / "run"])
    assert code == 0 and STALL in stderr and stderr.count("\n") == 1
    assert "sigmoid units saturated" in stderr and "ReLU" not in stderr and "relu" not in stderr


def test_cross_entropy_gets_no_advice_to_use_cross_entropy(tmp_path):
    code, _, stderr = run_train(QUICK + ["--epochs", 3, "--activation", "relu", "--lr", 1000,
                                         "--loss", "cross-entropy", "--out", tmp_path / "run"])
    assert code == 0 and STALL in stderr and "dead ReLUs" in stderr
    assert "--loss cross-entropy" not in stderr


@pytest.mark.parametrize("flags, squashed", [
    (["--output-activation", "sigmoid"], "sigmoid"),
    (["--activation", "tanh", "--output-activation", "same"], "tanh"),
])
def test_cross_entropy_on_squashed_outputs_is_warned_about(tmp_path, flags, squashed):
    code, _, stderr = run_train(QUICK + ["--loss", "cross-entropy", *flags,
                                         "--out", tmp_path / "run"])
    assert code == 0 and stderr.count("\n") == 1
    assert f"outputs pass through {squashed}" in stderr and "--output-activation none" in stderr


def test_help_says_what_each_loss_computes_and_which_lr_suits():
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        train_options.build_parser().parse_args(["--help"])
    text = " ".join(out.getvalue().split())
    assert "quadratic: the seeds' C = 1/(2n)" in text
    assert "quadratic cost / 5" in text and "5 times the lr" in text
    assert "cross-entropy: softmax" in text
