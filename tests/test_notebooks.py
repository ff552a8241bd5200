"""The teaching notebooks: each runs top to bottom, and the committed files carry no outputs.

Every notebook is executed with nbclient in a fresh kernel started from the interpreter that runs
the tests (so it imports this checkout's autograd and nn), working directory notebooks/. A cell
that raises fails the test with nbclient's CellExecutionError, which shows the cell and its error.
The executed copy stays in memory: nothing is written back into the repository.
"""
import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = [
    "01_chain_rule.ipynb",
    "02_digit_network.ipynb",
    "03_gradient_checking.ipynb",
    "04_custom_network.ipynb",
    "05_watch_backprop.ipynb",
]
CELL_TIMEOUT_SECONDS = 120
PICTURE_TYPES = ("image/png", "image/svg+xml")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def this_interpreters_kernel(tmp_path_factory, monkeypatch_module):
    """Make kernel "python3" mean this interpreter, whatever kernelspecs the machine holds.

    JUPYTER_PATH is searched before the user's and the system's kernel directories.
    """
    jupyter_dir = tmp_path_factory.mktemp("jupyter")
    write_kernel_spec(jupyter_dir / "kernels" / "python3")
    monkeypatch_module.setenv("JUPYTER_PATH", str(jupyter_dir))
    return "python3"


def execute(notebook, kernel_name):
    """Run every cell in order; raises CellExecutionError at the first cell that fails."""
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    return client.execute()


def stdout_of(notebook):
    return "".join(
        output.get("text", "")
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if output.get("name") == "stdout"
    )


def test_the_notebooks_are_the_lessons():
    assert sorted(path.name for path in NOTEBOOK_DIR.glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_has_no_outputs(name):
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(notebook)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{name} has no code cell"
    for index, cell in enumerate(code_cells):
        assert cell.outputs == [], f"{name}: code cell {index} was committed with outputs"
        assert cell.execution_count is None, (
            f"{name}: code cell {index} was committed with execution count "
            f"{cell.execution_count}"
        )


def test_kernel_runs_the_interpreter_of_the_tests(this_interpreters_kernel):
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell("import sys, nn\nprint(sys.prefix)\nprint(nn.__file__)")
    )
    prefix, nn_file = stdout_of(execute(notebook, this_interpreters_kernel)).split()
    assert prefix == sys.prefix
    assert Path(nn_file).resolve().parent == NOTEBOOK_DIR.parent / "nn"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_top_to_bottom(name, this_interpreters_kernel):
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    execute(notebook, this_interpreters_kernel)
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
