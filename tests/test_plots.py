"""nn.plots: learning curves and first-layer weight images, rendered to PNG without pyplot."""

import subprocess
import sys

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from nn import plots
from nn.training import EpochRecord

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HISTORY = [
    EpochRecord(1, 0.30, 0.25, 0.70, 1.0),
    EpochRecord(2, 0.12, 0.11, 0.85, 1.0),
    EpochRecord(3, 0.08, 0.09, 0.90, 1.0),
]


def test_curves_show_both_losses_and_the_accuracy_in_percent():
    loss_axes, accuracy_axes = plots.curves_figure(HISTORY).axes
    train_line, test_line = loss_axes.get_lines()
    assert train_line.get_xdata().tolist() == [1, 2, 3]
    assert train_line.get_ydata().tolist() == [0.30, 0.12, 0.08]
    assert test_line.get_ydata().tolist() == [0.25, 0.11, 0.09]
    (accuracy_line,) = accuracy_axes.get_lines()
    np.testing.assert_allclose(accuracy_line.get_ydata(), [70, 85, 90])
    assert "%" in accuracy_axes.get_ylabel()


def test_curves_without_test_figures_draw_the_training_loss_only():
    history = [EpochRecord(1, 0.3, None, None, 1.0), EpochRecord(2, 0.2, None, None, 1.0)]
    loss_axes, accuracy_axes = plots.curves_figure(history).axes
    assert len(loss_axes.get_lines()) == 1 and accuracy_axes.get_lines() == []


def test_curves_need_at_least_one_epoch():
    with pytest.raises(ValueError, match="at least one epoch"):
        plots.curves_figure([])


def test_hidden_weights_draw_each_neurons_row_as_a_28x28_image():
    weight = np.random.default_rng(0).normal(size=(16, 784)).astype(np.float32)
    figure = plots.hidden_weights_figure(weight)
    panels = [axes for axes in figure.axes if axes.get_images()]
    assert len(panels) == 16
    for index, axes in enumerate(panels):
        (image,) = axes.get_images()
        np.testing.assert_array_equal(image.get_array(), weight[index].reshape(28, 28))
        assert axes.get_title() == f"neuron {index}"


def test_hidden_weights_share_one_scale_symmetric_around_zero_blue_positive():
    weight = np.zeros((3, 784))
    weight[0, 0], weight[1, 5], weight[2, 9] = 0.5, -2.0, 1.0
    figure = plots.hidden_weights_figure(weight)
    images = [axes.get_images()[0] for axes in figure.axes if axes.get_images()]
    assert {image.get_clim() for image in images} == {(-2.0, 2.0)}
    image = images[0]
    red, _, blue, _ = image.cmap(image.norm(2.0))
    assert blue > 2 * red  # positive weights are blue
    red, _, blue, _ = image.cmap(image.norm(-2.0))
    assert red > 2 * blue  # negative weights are red
    np.testing.assert_allclose(image.cmap(image.norm(0.0))[:3], to_rgba("white")[:3], atol=0.06)


def test_hidden_weights_grid_fits_any_number_of_neurons():
    figure = plots.hidden_weights_figure(np.ones((5, 784)))
    assert sum(1 for axes in figure.axes if axes.get_images()) == 5


@pytest.mark.parametrize("shape", [(16, 100), (784,), (0, 784)])
def test_hidden_weights_reject_a_matrix_that_is_not_neurons_by_pixels(shape):
    with pytest.raises(ValueError, match=r"\(neurons, 784\)"):
        plots.hidden_weights_figure(np.zeros(shape))


def test_save_png_writes_a_png_and_no_temporary_file(tmp_path):
    path = tmp_path / "curves.png"
    plots.save_png(plots.curves_figure(HISTORY), path)
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert [p.name for p in tmp_path.iterdir()] == ["curves.png"]


def test_importing_nn_and_its_commands_does_not_load_matplotlib():
    code = (
        "import sys, nn, nn.plots, nn.train, nn.evaluate, nn.training; "
        "sys.exit('matplotlib' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0


def test_drawing_does_not_choose_a_pyplot_backend():
    code = (
        "import sys, numpy as np; from nn import plots; "
        "plots.figure_png(plots.hidden_weights_figure(np.ones((2, 784)))); "
        "sys.exit('matplotlib.pyplot' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
