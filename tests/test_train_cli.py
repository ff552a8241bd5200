"""nn.train end to end (in-process and as `python -m nn.train`), its clean failures, and the
training loop behind it (nn.training), checked against the hand-written reference."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nn
from nn import train, train_options, training
from nn.data import DataLoader, load_bundled, one_hot, scale_pixels
from nn.idx import write_idx
from nn.reference import ReferenceMLP, train_epoch
from train_helpers import (
    PROJECT_ROOT,
    QUICK,
    RUN_FILES,
    assert_one_line_error,
    run_train,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# One epoch on 1,000 digits: enough to leave the early plateau where 200 digits still give every
# test digit the same answer.
LEARNS = ["--limit", "1000", "--epochs", "1", "--no-progress"]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """One epoch on 200 digits with --graph: (output directory, stdout)."""
    out = tmp_path_factory.mktemp("run") / "digits"
    code, stdout, stderr = run_train(QUICK + ["--graph", "--out", out])
    assert code == 0, stderr
    return out, stdout


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


# --- a successful run -------------------------------------------------------------------


def test_run_writes_every_file_and_nothing_else(quick_run):
    out, _ = quick_run
    assert {path.name for path in out.iterdir()} == RUN_FILES | {"graph.svg"}


def test_plots_are_png_and_graph_is_svg_with_gradients(quick_run):
    out, _ = quick_run
    for name in ("curves.png", "hidden_weights.png"):
        assert (out / name).read_bytes().startswith(PNG_SIGNATURE)
    svg = (out / "graph.svg").read_text()
    assert "<svg" in svg and "layers.0.weight" in svg and "grad" in svg


def test_metrics_record_every_flag_the_data_and_one_entry_per_epoch(quick_run):
    out, _ = quick_run
    metrics = json.loads((out / "metrics.json").read_text())
    flags = {action.dest for action in train_options.build_parser()._actions if action.dest != "help"}
    assert set(metrics["config"]) == flags
    assert metrics["config"]["lr"] == 3.0 and metrics["config"]["output_activation"] == "same"
    assert metrics["data"] == {"source": "bundled", "train_examples": 200, "test_examples": 1000}
    assert metrics["model"]["sizes"] == [784, 16, 16, 10]
    assert metrics["model"]["num_parameters"] == 13002
    (epoch,) = metrics["epochs"]
    assert set(epoch) == {"epoch", "train_loss", "test_loss", "test_accuracy", "seconds",
                          "test_classes_predicted"}
    assert epoch["epoch"] == 1 and 0 <= epoch["test_accuracy"] <= 1 and epoch["seconds"] > 0
    assert metrics["final"]["test_accuracy"] == epoch["test_accuracy"]


def test_checkpoint_reloads_and_reproduces_the_recorded_accuracy_and_loss(quick_run, bundled):
    out, _ = quick_run
    model = nn.load(out / "model.npz")
    final = json.loads((out / "metrics.json").read_text())["final"]
    result = training.evaluate(
        model, scale_pixels(bundled.x_test), one_hot(bundled.y_test), nn.quadratic_cost
    )
    assert result.accuracy == final["test_accuracy"]
    assert result.loss == pytest.approx(final["test_loss"], rel=1e-6)
    metadata = nn.checkpoint.read(out / "model.npz").metadata
    assert metadata["epochs"] == 1 and metadata["test_accuracy"] == final["test_accuracy"]


def test_stdout_has_one_line_per_epoch_with_the_recorded_figures(quick_run):
    out, stdout = quick_run
    (epoch,) = json.loads((out / "metrics.json").read_text())["epochs"]
    lines = [line for line in stdout.splitlines() if line.startswith("epoch")]
    assert lines == [
        f"epoch 1/1  train loss {epoch['train_loss']:.4f}  test loss {epoch['test_loss']:.4f}  "
        f"test accuracy {100 * epoch['test_accuracy']:.2f}%  ({epoch['seconds']:.2f} s)"
    ]


def test_same_seed_same_run_and_another_seed_another(tmp_path):
    runs = {}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        assert run_train(QUICK + ["--seed", seed, "--out", tmp_path / name])[0] == 0
        runs[name] = nn.load(tmp_path / name / "model.npz").state_dict()
    for key in runs["a"]:
        np.testing.assert_array_equal(runs["a"][key], runs["b"][key])
    assert not np.array_equal(runs["a"]["layers.0.weight"], runs["c"]["layers.0.weight"])


def test_cross_entropy_with_adam_uses_raw_logits_and_adams_default_lr(tmp_path):
    out = tmp_path / "adam"
    argv = QUICK + ["--loss", "cross-entropy", "--optimizer", "adam", "--sizes", 784, 32, 10,
                    "--activation", "relu", "--init", "he", "--out", out]
    assert run_train(argv)[0] == 0
    config = json.loads((out / "metrics.json").read_text())["config"]
    assert config["lr"] == 1e-3 and config["momentum"] is None
    assert config["output_activation"] == "none"
    model = nn.load(out / "model.npz")
    assert model.config()["output_activation"] is None and model.sizes == [784, 32, 10]


def test_trains_from_a_directory_of_idx_files(tmp_path, bundled):
    data = tmp_path / "mnist"
    data.mkdir()
    picked = training_order = train.class_balanced_order(bundled.y_train)[:60]
    for name, array in (
        ("train-images-idx3-ubyte", bundled.x_train[picked].reshape(-1, 28, 28)),
        ("train-labels-idx1-ubyte", bundled.y_train[training_order].astype(np.uint8)),
        ("t10k-images-idx3-ubyte.gz", bundled.x_test[:40].reshape(-1, 28, 28)),
        ("t10k-labels-idx1-ubyte.gz", bundled.y_test[:40].astype(np.uint8)),
    ):
        write_idx(data / name, array)
    out = tmp_path / "run"
    code, stdout, stderr = run_train(["--data", data, "--epochs", 2, "--no-progress", "--out", out])
    assert code == 0, stderr
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["data"] == {"source": str(data), "train_examples": 60, "test_examples": 40}
    assert len(metrics["epochs"]) == 2


def test_limit_takes_digits_of_every_class_in_turn(bundled):
    order = train.class_balanced_order(bundled.y_train)
    assert sorted(order) == list(range(len(bundled.y_train)))
    assert np.bincount(bundled.y_train[order[:200]], minlength=10).tolist() == [20] * 10
    assert bundled.y_train[order[:12]].tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]


def test_python_dash_m_runs_two_epochs_as_a_subprocess(tmp_path):
    out = tmp_path / "sub"
    completed = subprocess.run(
        [sys.executable, "-m", "nn.train", "--limit", "200", "--epochs", "2", "--out", str(out)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert [line[:9] for line in completed.stdout.splitlines() if line.startswith("epoch")] == [
        "epoch 1/2", "epoch 2/2"
    ]
    assert {path.name for path in out.iterdir()} == RUN_FILES
    assert len(json.loads((out / "metrics.json").read_text())["epochs"]) == 2


# --- bad input: one line, the right exit code, nothing written --------------------------

USAGE_ERRORS = [
    ["--activation", "softplus"],
    ["--output-activation", "identity"],
    ["--loss", "hinge"],
    ["--optimizer", "rmsprop"],
    ["--init", "zeros"],
    ["--sizes", 784, 16, 9],
    ["--sizes", 100, 10],
    ["--sizes", 784],
    ["--sizes", 784, 0, 10],
    ["--sizes", 784, "x", 10],
    ["--epochs", 0],
    ["--epochs", 2.5],
    ["--lr", -1],
    ["--lr", 0],
    ["--lr", "nan"],
    ["--lr", "fast"],
    ["--batch-size", 0],
    ["--momentum", 1.5],
    ["--momentum", -0.1],
    ["--optimizer", "adam", "--momentum", 0.9],
    ["--loss", "cross-entropy", "--output-activation", "softmax"],
    ["--weight-decay", -0.1],
    ["--seed", -1],
    ["--limit", 0],
    ["--limit", 4001],
    ["--no-such-flag"],
    ["unexpected-positional"],
]


@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=lambda argv: " ".join(map(str, argv)))
def test_usage_error_is_one_line_exit_2_and_writes_nothing(tmp_path, argv):
    out = tmp_path / "out"
    assert_one_line_error(*run_train(argv + ["--no-progress", "--out", out]), expected_code=2)
    assert not out.exists()


def test_missing_data_directory_is_exit_1(tmp_path):
    out = tmp_path / "out"
    result = run_train(QUICK + ["--data", tmp_path / "missing", "--out", out])
    assert_one_line_error(*result, expected_code=1)
    assert "missing" in result[2] and not out.exists()


def test_failed_download_is_exit_1(tmp_path, monkeypatch):
    def unreachable(*args, **kwargs):
        raise nn.data.DownloadError("train-images-idx3-ubyte.gz: connection refused")

    monkeypatch.setattr("nn.cli.download", unreachable)
    out = tmp_path / "out"
    result = run_train(QUICK + ["--data", "download", "--out", out])
    assert_one_line_error(*result, expected_code=1)
    assert "connection refused" in result[2] and not out.exists()


def test_corrupt_idx_file_is_exit_1(tmp_path):
    data = tmp_path / "mnist"
    data.mkdir()
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        (data / name).write_bytes(b"\x00\x00\x08\x03 not an idx file")
    out = tmp_path / "out"
    assert_one_line_error(*run_train(QUICK + ["--data", data, "--out", out]), expected_code=1)
    assert not out.exists()


def test_out_that_is_a_file_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "taken"
    out.write_text("keep me")
    assert_one_line_error(*run_train(QUICK + ["--out", out]), expected_code=2)
    assert out.read_text() == "keep me"


def test_bad_input_leaves_a_previous_run_untouched(tmp_path, quick_run):
    previous, _ = quick_run
    before = {path.name: path.read_bytes() for path in previous.iterdir()}
    assert_one_line_error(*run_train(["--epochs", 0, "--out", previous]), expected_code=2)
    assert {path.name: path.read_bytes() for path in previous.iterdir()} == before


def test_a_failure_while_writing_leaves_the_previous_run_and_no_temporary_file(
        tmp_path, monkeypatch):
    out = tmp_path / "run"
    assert run_train(QUICK + ["--out", out])[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    real_open = nn.atomic_write.os.open

    def curves_png_fails(path, *args, **kwargs):
        if Path(path).name == "curves.png":
            raise OSError(28, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(nn.atomic_write.os, "open", curves_png_fails)
    result = run_train(QUICK + ["--seed", 1, "--out", out])
    assert_one_line_error(*result, expected_code=1)
    assert result[2] == (
        f"nn.train: error: cannot write the results: {out / 'curves.png'}: No space left on "
        f"device; the trained run is kept in {out}.resume.npz: run the same command with "
        "--resume to write it\n"
    )
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["run", "run.resume.npz"]


def test_a_dead_network_is_warned_about_once(tmp_path):
    """ReLU also at the output with lr 3.0: every output dies at 0 within the first epoch."""
    code, stdout, stderr = run_train(
        QUICK + ["--epochs", 3, "--activation", "relu", "--out", tmp_path / "dead"]
    )
    assert code == 0 and stdout.count("test accuracy 10.00%") == 3
    assert stderr.count("\n") == 1 and "every test digit the same answer" in stderr
    assert "dead ReLUs" in stderr and "--lr 0.1" in stderr


def test_a_network_that_learns_gets_no_warning(tmp_path):
    code, _, stderr = run_train(LEARNS + ["--out", tmp_path / "alive"])
    assert code == 0 and stderr == ""


def test_graph_without_dot_fails_before_training(tmp_path, monkeypatch):
    monkeypatch.setattr(train_options.shutil, "which", lambda program: None)
    out = tmp_path / "out"
    result = run_train(QUICK + ["--graph", "--out", out])
    assert_one_line_error(*result, expected_code=1)
    assert "dot" in result[2] and not out.exists()


def test_ctrl_c_during_training_exits_130_and_writes_nothing(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(train, "fit", interrupted)
    out = tmp_path / "out"
    code, _, stderr = run_train(QUICK + ["--out", out])
    assert code == 130 and not out.exists()
    assert stderr == "nn.train: interrupted before the first epoch ended; nothing was saved\n"


# --- the loop (nn.training) ---------------------------------------------------------------


def test_one_epoch_of_fit_equals_the_hand_written_reference(bundled):
    """Same initial weights, same shuffling, float64: autograd's SGD = the seeds' backprop."""
    picked = train.class_balanced_order(bundled.y_train)[:100]
    x, y = scale_pixels(bundled.x_train[picked]).astype(np.float64), one_hot(bundled.y_train[picked])
    model = nn.MLP([784, 16, 16, 10], seed=5, dtype=np.float64)
    reference = ReferenceMLP.random([784, 16, 16, 10], seed=5, init="scaled")
    optimizer = nn.optim.SGD(model.parameters(), lr=3.0)
    training.fit(model, nn.quadratic_cost, optimizer, DataLoader(x, y, 10, seed=9), epochs=1)
    train_epoch(reference, x, y, batch_size=10, lr=3.0, rng=np.random.default_rng(9))
    state = model.state_dict()
    for layer, (weight, bias) in enumerate(zip(reference.weights, reference.biases)):
        np.testing.assert_allclose(state[f"layers.{2 * layer}.weight"], weight, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(state[f"layers.{2 * layer}.bias"], bias, rtol=1e-9, atol=1e-12)


def test_fit_reports_each_epoch_as_it_ends_and_lowers_the_loss(bundled):
    picked = train.class_balanced_order(bundled.y_train)[:500]
    x, labels = scale_pixels(bundled.x_train[picked]), bundled.y_train[picked]
    model = nn.MLP([784, 16, 10], output_activation=None, seed=0)
    optimizer = nn.optim.Adam(model.parameters(), lr=1e-2)
    seen = []
    history = training.fit(model, nn.cross_entropy, optimizer, DataLoader(x, labels, 50, seed=0),
                           epochs=3, test=(x, labels), on_epoch=seen.append)
    assert seen == history and [record.epoch for record in history] == [1, 2, 3]
    assert history[-1].train_loss < history[0].train_loss
    assert history[-1].test_accuracy > 0.5  # chance is 0.1


def test_fit_without_a_test_set_records_none():
    x = np.zeros((4, 784), np.float32)
    model = nn.MLP([784, 10], seed=0)
    (record,) = training.fit(model, nn.quadratic_cost, nn.optim.SGD(model.parameters(), lr=0.1),
                             DataLoader(x, one_hot(np.arange(4)), 2), epochs=1)
    assert record.test_loss is None and record.test_accuracy is None and record.train_loss > 0


@pytest.mark.parametrize("epochs", [0, -1, 1.5, True])
def test_fit_rejects_epochs_that_are_not_positive_integers(epochs):
    model = nn.MLP([784, 10], seed=0)
    with pytest.raises(ValueError, match="epochs"):
        training.fit(model, nn.quadratic_cost, nn.optim.SGD(model.parameters(), lr=0.1),
                     DataLoader(np.zeros((2, 784)), np.zeros(2, int), 1), epochs=epochs)


def test_evaluate_takes_labels_or_one_hot_rows_alike():
    model = nn.MLP([784, 10], seed=1)
    x = np.random.default_rng(0).random((30, 784), dtype=np.float32)
    labels = np.arange(30) % 10
    by_labels = training.evaluate(model, x, labels)
    by_rows = training.evaluate(model, x, one_hot(labels))
    np.testing.assert_array_equal(by_labels.predictions, model.predict(x))
    assert by_labels.accuracy == by_rows.accuracy == np.mean(model.predict(x) == labels)
    assert by_labels.loss is None
    with pytest.raises(ValueError, match=r"shape \(30,\)"):
        training.evaluate(model, x, labels[:5])


def test_confusion_matrix_counts_true_rows_by_predicted_columns():
    matrix = training.confusion_matrix(np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]),
                                       classes=3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    with pytest.raises(ValueError, match="0..2"):
        training.confusion_matrix(np.array([0, 3]), np.array([0, 0]), classes=3)
