"""nn.train --model cnn end to end: its defaults, its files (kernels.png in place of
hidden_weights.png), its checkpoint read back by nn.load and nn.evaluate, --resume, and the
flags of the other model refused in one line."""

import contextlib
import io
import json

import numpy as np
import pytest

import nn
from nn import evaluate, train, training
from nn.data import load_bundled, scale_pixels
from train_helpers import QUICK, assert_one_line_error, run_train

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CNN = ["--model", "cnn"]
CNN_FILES = {"model.npz", "metrics.json", "curves.png", "kernels.png"}


@pytest.fixture(scope="module")
def cnn_run(tmp_path_factory):
    """One epoch of the CNN on 200 digits with --graph: (output directory, stdout)."""
    out = tmp_path_factory.mktemp("run") / "cnn"
    code, stdout, stderr = run_train(CNN + QUICK + ["--graph", "--out", out])
    assert code == 0, stderr
    return out, stdout


def test_writes_the_runs_files_with_the_kernels_in_place_of_hidden_weights(cnn_run):
    out, _ = cnn_run
    assert {path.name for path in out.iterdir()} == CNN_FILES | {"graph.svg"}
    for name in ("curves.png", "kernels.png"):
        assert (out / name).read_bytes().startswith(PNG_SIGNATURE)
    svg = (out / "graph.svg").read_text()
    assert "features.0.weight" in svg and "classifier.weight" in svg


def test_cnn_defaults_are_cross_entropy_adam_and_recorded(cnn_run):
    out, stdout = cnn_run
    metrics = json.loads((out / "metrics.json").read_text())
    config = metrics["config"]
    assert (config["model"], config["loss"], config["optimizer"], config["lr"]) == (
        "cnn", "cross-entropy", "adam", 2e-3)
    assert (config["batch_size"], config["channels"], config["momentum"]) == (32, [8, 16], None)
    assert [config[name] for name in ("sizes", "activation", "output_activation", "init")] == [
        None] * 4
    assert metrics["model"] == {"channels": [8, 16], "kernel_size": 5, "image_shape": [1, 28, 28],
                                "classes": 10, "dtype": "float32", "num_parameters": 5994}
    assert stdout.startswith(
        "training a CNN, conv 8@5x5 - relu - maxpool 2 - conv 16@5x5 - relu - maxpool 2 - "
        "linear 10 (5,994 parameters) with cross-entropy loss, adam lr 0.002, mini-batch 32, 1 "
        "epoch on 200 digits")


def test_epochs_default_to_ten_for_the_cnn_and_thirty_for_the_mlp():
    for argv, epochs in ((CNN, 10), ([], 30)):
        args = train.build_parser().parse_args(argv)
        train.resolve_options(args)
        assert args.epochs == epochs


def test_checkpoint_rebuilds_the_cnn_and_reproduces_the_recorded_figures(cnn_run):
    out, _ = cnn_run
    model = nn.load(out / "model.npz")
    assert isinstance(model, nn.CNN) and model.config()["channels"] == [8, 16]
    final = json.loads((out / "metrics.json").read_text())["final"]
    split = load_bundled()
    result = training.evaluate(model, scale_pixels(split.x_test), split.y_test, nn.cross_entropy)
    assert result.accuracy == final["test_accuracy"]
    assert result.loss == pytest.approx(final["test_loss"], rel=1e-6)


def test_nn_evaluate_reads_the_cnn_checkpoint(cnn_run):
    out, _ = cnn_run
    accuracy = json.loads((out / "metrics.json").read_text())["final"]["test_accuracy"]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = evaluate.main([str(out / "model.npz")])
    assert code == 0 and stderr.getvalue() == ""
    lines = stdout.getvalue().splitlines()
    assert lines[0] == (f"checkpoint {out / 'model.npz'}: CNN (conv 8@5x5 - relu - maxpool 2 - "
                        "conv 16@5x5 - relu - maxpool 2 - linear 10), 5,994 parameters")
    assert lines[1].startswith(f"test accuracy {100 * accuracy:.2f}% ")


def test_evaluate_refuses_a_cnn_that_is_not_for_digits(tmp_path):
    path = tmp_path / "small.npz"
    nn.save(nn.CNN(image_shape=(1, 12, 12), channels=[2], classes=3, seed=0), path)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = evaluate.main([str(path)])
    assert code == 1 and stderr.getvalue() == (
        f"nn.evaluate: error: checkpoint {path}: expected a network from 784 pixels to 10 "
        "digits, got images of shape 1x12x12 and 3 classes\n")


def test_one_epoch_on_1000_digits_learns(tmp_path):
    out = tmp_path / "learns"
    code, _, stderr = run_train(CNN + ["--limit", 1000, "--epochs", 1, "--no-progress",
                                       "--out", out])
    assert code == 0, stderr
    assert json.loads((out / "metrics.json").read_text())["final"]["test_accuracy"] > 0.6


def test_sgd_and_channels_are_taken(tmp_path):
    out = tmp_path / "sgd"
    argv = CNN + QUICK + ["--optimizer", "sgd", "--momentum", 0.9, "--channels", 4, "--dtype",
                          "float64", "--out", out]
    code, _, stderr = run_train(argv)
    assert code == 0, stderr
    config = json.loads((out / "metrics.json").read_text())["config"]
    assert (config["lr"], config["momentum"], config["channels"]) == (0.1, 0.9, [4])
    model = nn.load(out / "model.npz")
    assert model.channels == [4] and model.dtype == np.float64
    assert model.classifier.weight.shape == (10, 4 * 12 * 12)


def test_ctrl_c_then_resume_gives_the_uninterrupted_run(tmp_path, monkeypatch):
    argv = CNN + ["--limit", 100, "--epochs", 2, "--no-progress"]
    assert run_train(argv + ["--out", tmp_path / "whole"])[0] == 0
    real_print = train.print_epoch

    def ctrl_c_in_epoch_2(record, epochs):
        if record.epoch == 2:
            raise KeyboardInterrupt
        real_print(record, epochs)

    monkeypatch.setattr(train, "print_epoch", ctrl_c_in_epoch_2)
    out = tmp_path / "parts"
    assert run_train(argv + ["--out", out])[0] == 130
    monkeypatch.setattr(train, "print_epoch", real_print)
    code, stdout, stderr = run_train(argv + ["--out", out, "--resume"])
    assert code == 0, stderr
    assert f"resuming after epoch 1 (from {out}.resume.npz)" in stdout
    whole = nn.checkpoint.read(tmp_path / "whole" / "model.npz").state
    resumed = nn.checkpoint.read(out / "model.npz").state
    assert whole.keys() == resumed.keys()
    for name in whole:
        np.testing.assert_array_equal(whole[name], resumed[name], err_msg=name)


def test_resume_of_an_mlp_run_as_a_cnn_names_the_model_flag(tmp_path, monkeypatch):
    def ctrl_c_in_epoch_2(record, epochs):
        if record.epoch == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(train, "print_epoch", ctrl_c_in_epoch_2)
    out = tmp_path / "run"
    assert run_train(["--limit", 100, "--epochs", 2, "--no-progress", "--out", out])[0] == 130
    result = run_train(CNN + ["--limit", 100, "--epochs", 2, "--no-progress", "--out", out,
                              "--resume"])
    assert_one_line_error(*result, expected_code=1)
    assert "model = 'mlp', this one has 'cnn'" in result[2]


@pytest.mark.parametrize("argv, flag, model", [
    (CNN + ["--sizes", 784, 10], "--sizes", "mlp"),
    (CNN + ["--activation", "relu"], "--activation", "mlp"),
    (CNN + ["--output-activation", "none"], "--output-activation", "mlp"),
    (CNN + ["--init", "he"], "--init", "mlp"),
    (["--channels", 4, 8], "--channels", "cnn"),
    (["--model", "mlp", "--channels", 4], "--channels", "cnn"),
])
def test_a_flag_of_the_other_model_is_one_line(tmp_path, argv, flag, model):
    out = tmp_path / "out"
    result = run_train(argv + QUICK + ["--out", out])
    assert_one_line_error(*result, expected_code=2)
    assert f"argument {flag}: only --model {model} takes it" in result[2]
    assert not out.exists()


@pytest.mark.parametrize("argv, message", [
    (CNN[:1] + ["rnn"], "argument --model: invalid choice: 'rnn'"),
    (CNN + ["--channels", 0], "argument --channels: expected a positive integer, got '0'"),
    (CNN + ["--channels", 8, 16, 32], "argument --channels: CNN: stage 3 of 3 (conv 5x5, then "
                                      "maxpool 2) leaves no pixel of the 1x28x28 images"),
])
def test_bad_cnn_flags_are_one_line_exit_2(tmp_path, argv, message):
    out = tmp_path / "out"
    result = run_train(argv + QUICK + ["--out", out])
    assert_one_line_error(*result, expected_code=2)
    assert message in result[2]
    assert not out.exists()


def test_evaluate_sends_the_rows_by_batches_and_gives_the_whole_batchs_answer():
    model, seen = nn.CNN(seed=0), []
    forward = model.forward
    model.forward = lambda x: seen.append(len(x)) or forward(x)
    split = load_bundled()
    x, labels = scale_pixels(split.x_test[:250]), split.y_test[:250]
    by_batches = training.evaluate(model, x, labels, nn.cross_entropy, batch_size=100)
    assert seen == [100, 100, 50]
    whole = training.evaluate(model, x, labels, nn.cross_entropy, batch_size=250)
    np.testing.assert_array_equal(by_batches.predictions, whole.predictions)
    assert by_batches.loss == pytest.approx(whole.loss, rel=1e-6)
    assert by_batches.accuracy == whole.accuracy
