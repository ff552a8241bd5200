"""The teaching notebooks: each runs top to bottom, and its committed outputs are current.

Every notebook is executed as tests/notebook_outputs.py does (a fresh kernel of the interpreter
that runs the tests, working directory notebooks/). A cell that raises fails the test with
nbclient's CellExecutionError, which shows the cell and its error. The outputs it gives must be
the committed ones, as a reader sees them (times masked, pictures by size and texts); when a
notebook or the code it shows changes, `python tests/notebook_outputs.py` writes them anew.
"""
import sys
from pathlib import Path

import nbformat
import pytest

from notebook_outputs import (
    NOTEBOOK_DIR,
    NOTEBOOKS,
    comparable,
    committed_form,
    execute,
    kernel_environment,
)

PICTURE_TYPES = ("image/png", "image/svg+xml")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def this_interpreters_kernel(tmp_path_factory, monkeypatch_module):
    """Make kernel "python3" mean this interpreter and this checkout's code."""
    for name, value in kernel_environment(tmp_path_factory.mktemp("jupyter")).items():
        monkeypatch_module.setenv(name, value)
    return "python3"


def stdout_of(notebook):
    return "".join(
        output.get("text", "")
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if output.get("name") == "stdout"
    )


def test_the_notebooks_are_the_lessons():
    assert sorted(path.name for path in NOTEBOOK_DIR.glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_is_valid_and_holds_its_outputs(name):
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(notebook)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{name} has no code cell"
    assert [cell.execution_count for cell in code_cells] == list(range(1, len(code_cells) + 1)), (
        f"{name} was not committed as run top to bottom: python tests/notebook_outputs.py"
    )
    assert committed_form(nbformat.read(NOTEBOOK_DIR / name, as_version=4)) == notebook


def test_kernel_runs_the_interpreter_of_the_tests(this_interpreters_kernel):
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell("import sys, nn\nprint(sys.prefix)\nprint(nn.__file__)")
    )
    prefix, nn_file = stdout_of(execute(notebook, this_interpreters_kernel)).split()
    assert prefix == sys.prefix
    assert Path(nn_file).resolve().parent == NOTEBOOK_DIR.parent / "nn"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_top_to_bottom_and_gives_the_committed_outputs(name,
                                                                    this_interpreters_kernel):
    committed = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    notebook = committed_form(execute(nbformat.read(NOTEBOOK_DIR / name, as_version=4),
                                      this_interpreters_kernel))
    assert comparable(notebook) == comparable(committed), (
        f"{name}'s committed outputs are not current: python tests/notebook_outputs.py {name}"
    )
    pictures = [
        output
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs
        if any(kind in output.get("data", {}) for kind in PICTURE_TYPES)
    ]
    assert pictures, f"{name} ran but showed no picture (figure or diagram)"
    viewers = [output for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.outputs if "srcdoc=" in output.get("data", {}).get("text/html", "")]
    if name == "05_watch_backprop.ipynb":
        assert len(viewers) == 3  # the neuron, the tensor used twice, the seeds' network
