"""The bench's command line and what it prints, without running a benchmark (and without
PyTorch): figures not measured show as "-", and a target on them is never reported as met."""
import pytest

from bench import __main__ as bench_main
from bench.report import (
    NOT_MEASURED,
    Target,
    cell,
    epoch_row,
    per_op_line,
    target_line,
    verdict,
)


@pytest.mark.parametrize("repeats", ["0", "-3", "2.5", "many"])
def test_repeats_must_be_a_positive_integer(repeats, capsys):
    with pytest.raises(SystemExit) as caught:
        bench_main.main(["--repeats", repeats])
    assert caught.value.code == 2
    assert f"argument --repeats: expected a positive integer, got '{repeats}'" in \
        capsys.readouterr().err


def test_help_shows_the_default_repeats(capsys):
    with pytest.raises(SystemExit):
        bench_main.main(["--help"])
    assert "(default: 9)" in capsys.readouterr().out


def test_a_figure_not_measured_is_a_dash():
    assert cell(None, 9, ".4f") == "        -"
    assert cell(0.12345, 9, ".4f") == "   0.1235"


def test_targets_met_and_missed_name_the_figures_that_missed():
    assert verdict([Target("ours/floor", 1.2, 1.5), Target("ours/torch", 0.9, 1, strict=True)]) \
        == "meets target"
    assert verdict([Target("ours/floor", 1.59, 1.5), Target("ours/torch", 0.9, 1, strict=True)]) \
        == "MISSES target: ours/floor 1.59 > 1.5"
    assert verdict([Target("ours/floor", 1.59, 1.5), Target("ours/torch", 1.0, 1, strict=True)]) \
        == "MISSES target: ours/floor 1.59 > 1.5, ours/torch 1 >= 1"


def test_a_target_on_a_figure_not_measured_is_never_met():
    assert verdict([Target("ours/torch peak", None, 1.0)]) == NOT_MEASURED
    assert verdict([Target("ours/floor", 1.2, 1.5), Target("ours/torch", None, 1, strict=True)]) \
        == f"ours/floor meets target; ours/torch {NOT_MEASURED}"
    assert verdict([Target("ours/floor", 1.6, 1.5), Target("ours/torch", None, 1, strict=True)]) \
        == f"MISSES target: ours/floor 1.6 > 1.5; ours/torch {NOT_MEASURED}"


def test_target_line_states_the_bounds_with_their_units():
    line = target_line([Target("ours", 2.5, 2.0, strict=True, unit=" s")])
    assert line == "ours < 2 s: MISSES target: ours 2.5 s >= 2 s"


def test_epoch_row_without_torch():
    row = epoch_row(100, {"ours": 0.159, "floor": 0.1}, 1.5)
    assert row.split()[:6] == ["100", "0.1590", "0.1000", "-", "1.59", "-"]
    assert row.endswith(f"ours/floor <= 1.5, ours/torch < 1: MISSES target: ours/floor 1.59 > 1.5; "
                        f"ours/torch {NOT_MEASURED}")
    assert "nan" not in row


def test_epoch_row_with_torch():
    row = epoch_row(10, {"ours": 0.3, "floor": 0.2, "torch": 0.6}, 2.0)
    assert row.split()[:6] == ["10", "0.3000", "0.2000", "0.6000", "1.50", "0.50"]
    assert row.endswith("ours/floor <= 2, ours/torch < 1: meets target")


def test_per_op_line_without_torch():
    assert per_op_line((1,), {"ours": 3.25}, 5.0) == (
        "shape (1,): ours 3.25 us, torch - us (ours/torch -)  ours <= 5 us: meets target"
    )
