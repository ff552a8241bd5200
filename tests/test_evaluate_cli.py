"""nn.evaluate on a checkpoint written by nn.train: accuracy, confusion matrix, clean failures."""

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nn
from nn import evaluate, train
from nn.idx import write_idx

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def run_main(main, argv):
    """main(argv) in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A checkpoint of nn.train (one epoch on 400 digits) and its final accuracy."""
    out = tmp_path_factory.mktemp("run")
    code, _, stderr = run_main(
        train.main, ["--limit", 400, "--epochs", 1, "--no-progress", "--out", out]
    )
    assert code == 0, stderr
    accuracy = json.loads((out / "metrics.json").read_text())["final"]["test_accuracy"]
    return out / "model.npz", accuracy


def confusion_rows(stdout):
    """The 10 matrix rows printed after the header, as lists of ints (first = true digit)."""
    lines = stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("true \\ predicted"))
    assert lines[header].split()[-10:] == [str(digit) for digit in range(10)]
    return [[int(cell) for cell in line.split()] for line in lines[header + 1 : header + 11]]


def test_prints_the_accuracy_nn_train_recorded_and_a_matching_10x10_matrix(trained):
    checkpoint, accuracy = trained
    code, stdout, stderr = run_main(evaluate.main, [checkpoint])
    assert code == 0 and stderr == ""
    assert f"test accuracy {100 * accuracy:.2f}% ({round(1000 * accuracy)} of 1,000" in stdout
    rows = confusion_rows(stdout)
    assert [row[0] for row in rows] == list(range(10))
    matrix = np.array([row[1:] for row in rows])
    assert matrix.shape == (10, 10) and matrix.sum() == 1000
    assert matrix.sum(axis=1).tolist() == [100] * 10  # the bundled test set: 100 per digit
    assert np.trace(matrix) == round(1000 * accuracy)


def test_matrix_columns_line_up(trained):
    stdout = run_main(evaluate.main, [trained[0]])[1]
    lines = stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("true \\ predicted"))
    table = lines[header : header + 11]
    assert len({len(line) for line in table}) == 1  # right-aligned to one width


def test_format_confusion_widens_columns_for_large_counts():
    matrix = np.diag([12345] * 10)
    lines = evaluate.format_confusion(matrix).splitlines()
    assert len(lines) == 11 and len({len(line) for line in lines}) == 1
    assert lines[1].split() == ["0", "12345"] + ["0"] * 9


def test_python_dash_m_evaluate_as_a_subprocess(trained):
    completed = subprocess.run(
        [sys.executable, "-m", "nn.evaluate", str(trained[0])],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert np.array(confusion_rows(completed.stdout))[:, 1:].sum() == 1000


@pytest.mark.parametrize("unbuffered", [False, True])
def test_a_reader_that_stops_early_gets_no_traceback(trained, unbuffered):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "nn.evaluate", str(trained[0])],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    process.stdout.close()  # like `| head`, gone before the first line is printed
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141 and stderr == ""


# --- bad input ------------------------------------------------------------------------------


def assert_one_line_error(result, expected_code, mentions):
    code, stdout, stderr = result
    assert code == expected_code
    assert stderr.startswith("nn.evaluate: error: ") and stderr.count("\n") == 1, stderr
    assert mentions in stderr and "Traceback" not in stderr + stdout


def test_missing_checkpoint(tmp_path):
    missing = tmp_path / "nothing.npz"
    result = run_main(evaluate.main, [missing])
    assert_one_line_error(result, 1, str(missing))
    assert result[2].count(str(missing)) == 1  # named once, not by the CLI and nn.load both


def test_corrupt_checkpoint(tmp_path):
    corrupt = tmp_path / "model.npz"
    corrupt.write_bytes(b"PK\x03\x04 this is not a zip archive")
    assert_one_line_error(run_main(evaluate.main, [corrupt]), 1, "not a readable")


def test_a_file_that_is_not_an_archive_is_named_once_without_pickle_advice(tmp_path):
    garbage = tmp_path / "corrupt.npz"
    garbage.write_text("garbage\n")
    result = run_main(evaluate.main, [garbage])
    assert result[2] == (
        f"nn.evaluate: error: {garbage} is not a chainrule checkpoint (not a numpy .npz archive)\n"
    )


def test_a_directory_is_said_to_be_a_directory(tmp_path):
    result = run_main(evaluate.main, [tmp_path])
    assert_one_line_error(result, 1, f"{tmp_path} is a directory, not a checkpoint file")


def test_checkpoint_of_a_custom_module_gets_advice_a_cli_user_can_follow(tmp_path):
    layer = tmp_path / "layer.npz"
    nn.save(nn.Linear(784, 10, seed=0), layer)
    result = run_main(evaluate.main, [layer])
    assert result[2] == (
        f"nn.evaluate: error: {layer} holds a Linear, not an nn.MLP or nn.CNN; "
        "nn.evaluate can only rebuild MLP and CNN checkpoints\n"
    )


def test_truncated_checkpoint(tmp_path, trained):
    truncated = tmp_path / "model.npz"
    truncated.write_bytes(trained[0].read_bytes()[:2000])
    assert_one_line_error(run_main(evaluate.main, [truncated]), 1, str(truncated))


def test_checkpoint_whose_weights_do_not_fit_its_model(tmp_path, trained):
    checkpoint = nn.checkpoint.read(trained[0])
    state = dict(checkpoint.state, **{"layers.0.weight": np.zeros((16, 100), np.float32)})
    info = {"model_class": "MLP", "config": checkpoint.config, "metadata": {}}
    broken = tmp_path / "model.npz"
    np.savez(broken, **state, __checkpoint__=np.array(json.dumps(info)))
    assert_one_line_error(run_main(evaluate.main, [broken]), 1, "layers.0.weight")


def test_checkpoint_of_a_network_that_is_not_a_digit_classifier(tmp_path):
    small = tmp_path / "small.npz"
    nn.save(nn.MLP([784, 16, 5], seed=0), small)
    assert_one_line_error(run_main(evaluate.main, [small]), 1, "784-16-5")


def test_a_directory_with_only_the_test_files_is_enough(tmp_path, trained):
    bundled = nn.data.load_bundled()
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", bundled.x_test.reshape(-1, 28, 28))
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", bundled.y_test.astype(np.uint8))
    code, stdout, stderr = run_main(evaluate.main, [trained[0], "--data", tmp_path])
    assert code == 0, stderr
    assert f"test accuracy {100 * trained[1]:.2f}% ({round(1000 * trained[1])} of 1,000" in stdout


def test_a_failed_download_is_one_short_line_suggesting_a_directory(trained, monkeypatch):
    def offline(*args, **kwargs):
        raise nn.data.DownloadError("download t10k-images-idx3-ubyte.gz failed: could not "
                                    "connect to ossci-datasets.s3.amazonaws.com")

    monkeypatch.setattr("nn.cli.download", offline)
    result = run_main(evaluate.main, [trained[0], "--data", "download"])
    assert_one_line_error(result, 1, "--data download: download t10k-images")
    assert result[2].rstrip().endswith("give --data DIR")


def test_missing_data_directory(tmp_path, trained):
    result = run_main(evaluate.main, [trained[0], "--data", tmp_path / "missing"])
    assert_one_line_error(result, 1, "missing")


@pytest.mark.parametrize("argv", [[], ["a.npz", "--bogus"], ["a.npz", "b.npz"]])
def test_usage_errors_exit_2(argv):
    assert_one_line_error(run_main(evaluate.main, argv), 2, "")
