"""The bench's command line, its workers and what it prints, on tiny workloads: figures not
measured show as "-", a target on them is never reported as met, and every worker runs with
its BLAS pinned."""
import numpy as np
import pytest

from bench import __main__ as bench_main
from bench import per_op, timing
from bench.network import SCALING_NETWORKS, network_name
from bench.report import NOT_MEASURED, Target, cell, spread_cell, table, target_line, verdict
from bench.timing import Spread, Worker, available, epoch_spreads


@pytest.mark.parametrize("repeats", ["0", "-3", "2.5", "many"])
def test_repeats_must_be_a_positive_integer(repeats, capsys):
    with pytest.raises(SystemExit) as caught:
        bench_main.main(["--repeats", repeats])
    assert caught.value.code == 2
    assert f"argument --repeats: expected a positive integer, got '{repeats}'" in \
        capsys.readouterr().err


def test_help_shows_the_defaults(capsys):
    with pytest.raises(SystemExit):
        bench_main.main(["--help"])
    text = capsys.readouterr().out
    assert "(default: 11)" in text and "--blas-threads" in text and "--markdown" in text


def test_a_figure_not_measured_is_a_dash():
    assert cell(None, ".4f") == "-" and spread_cell(None) == "-"
    assert cell(0.12345, ".4f") == "0.1235"
    assert spread_cell(Spread.of([0.3, 0.1, 0.2])) == "0.2000 (0.1000-0.3000)"


def test_targets_met_and_missed_name_the_figures_that_missed():
    assert verdict([Target("ours/floor", 1.2, 1.5), Target("ours/torch", 0.9, 1, strict=True)]) \
        == "meets target"
    assert verdict([Target("ours/floor", 1.59, 1.5), Target("ours/torch", 1.0, 1, strict=True)]) \
        == "MISSES target: ours/floor 1.59 > 1.5, ours/torch 1 >= 1"


def test_a_target_on_a_figure_not_measured_is_never_met():
    assert verdict([Target("ours/torch peak", None, 1.0)]) == NOT_MEASURED
    assert verdict([Target("ours/floor", 1.6, 1.5), Target("ours/torch", None, 1, strict=True)]) \
        == f"MISSES target: ours/floor 1.6 > 1.5; ours/torch {NOT_MEASURED}"
    line = target_line([Target("ours", 2.5, 2.0, strict=True, unit=" s")])
    assert line == "ours < 2 s: MISSES target: ours 2.5 s >= 2 s"


def test_tables_align_plain_and_render_markdown():
    rows = [["10", "1.25"], ["1000", "-"]]
    assert table(["batch", "ours"], rows) == ["batch  ours", "   10  1.25", " 1000     -"]
    assert table(["batch", "ours"], rows, markdown=True) == [
        "| batch | ours |", "| --- | --- |", "| 10 | 1.25 |", "| 1000 | - |"]


def test_the_scaling_networks_are_named_as_the_issue_names_them():
    assert [network_name(sizes) for sizes in SCALING_NETWORKS] == [
        "784-16-16-10", "784-128-128-10", "784-512-512-10", "784-64x10-10"]


def test_an_absent_runtime_is_reported_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(timing.CONTENDERS["mygrad"], "missing", lambda: "pip install mygrad")
    names, missing = available(["ours", "mygrad"])
    assert names == ["ours"] and missing == {"mygrad": "pip install mygrad"}


@pytest.mark.parametrize("threads", [1, 2])
def test_a_worker_pins_its_blas_threads_and_times_epochs(threads):
    worker = Worker("floor", threads)
    try:
        ready = worker.ask({"setup": [784, 8, 10], "limit": 100})
        assert ready == {"ready": True, "blas_threads": threads}
        seconds = worker.ask({"epochs": 2, "batch": 10, "order_seed": 1})["seconds"]
        assert 0 < seconds < 10
    finally:
        worker.close()


def test_a_worker_that_dies_is_named():
    worker = Worker("floor", 1)
    worker.process.stdin.write('{"epochs": 1, "batch": 10, "order_seed": 1}\n')  # no setup
    worker.process.stdin.flush()
    with pytest.raises(RuntimeError, match="the floor worker ended"):
        worker.ask({"epochs": 1, "batch": 10, "order_seed": 1})


def test_interleaved_rounds_give_a_spread_per_contender_and_batch_size():
    spreads, pinned = epoch_spreads(["ours", "floor"], (784, 8, 10), (10, 50), rounds=2,
                                    threads=1, limit=100)
    assert pinned == {"ours": 1, "floor": 1}
    for batch_size in (10, 50):
        for name in ("ours", "floor"):
            spread = spreads[batch_size][name]
            assert 0 < spread.low <= spread.median <= spread.high


def test_the_per_op_chains_compute_what_their_numpy_formulas_compute():
    """Each op's hand-written numpy forward and backward match ours (so the ratio compares
    the same math)."""
    import autograd
    for op, (step, forward, backward) in per_op.OPS.items():
        x = autograd.Tensor(per_op._start(), requires_grad=True)
        y = step(step(x, autograd.Tensor(per_op._W)), autograd.Tensor(per_op._W))
        y.sum().backward()
        h1, kept1 = forward(per_op._start())
        h2, kept2 = forward(h1)
        gradient = backward(backward(np.ones_like(h2), kept2), kept1)
        np.testing.assert_allclose(y.data, h2, rtol=1e-5, err_msg=op)
        np.testing.assert_allclose(x.grad, gradient, rtol=1e-5, err_msg=op)
    assert set(per_op.per_op_microseconds(["ours", "numpy"], length=5, rounds=1)) == set(
        per_op.OPS)

