"""Pictures of a training run: the learning curves and the first layer's weights (an MLP's
rows of W^1, a CNN's kernels) as images.

Figures are built on matplotlib's object API (``matplotlib.figure.Figure``), never through
pyplot, so no global backend is chosen or changed; PNGs are rendered by the Agg canvas.
matplotlib is imported inside the functions, so ``import nn`` does not load it.
"""

import io

import numpy as np

from nn.atomic_write import write_bytes_atomically


def curves_figure(history):
    """Loss (train and test) and test accuracy by epoch, side by side.

    ``history`` is a sequence of ``nn.training.EpochRecord`` (or anything with the fields
    epoch, train_loss, test_loss, test_accuracy); test figures that are None are not drawn.
    """
    from matplotlib.figure import Figure

    if len(history) == 0:
        raise ValueError("curves_figure: expected at least one epoch in history, got none")
    epochs = [record.epoch for record in history]
    tested = [record for record in history if record.test_loss is not None]
    figure = Figure(figsize=(10, 4), layout="constrained")
    loss_axes, accuracy_axes = figure.subplots(1, 2)
    loss_axes.plot(epochs, [record.train_loss for record in history], "o-",
                   label="train (mean over the epoch)")
    if tested:
        loss_axes.plot(
            [record.epoch for record in tested],
            [record.test_loss for record in tested],
            "o-",
            label="test",
        )
        accuracy_axes.plot(
            [record.epoch for record in tested],
            [100 * record.test_accuracy for record in tested],
            "o-",
            color="tab:green",
        )
    loss_axes.set(title="Loss", xlabel="epoch", ylabel="loss")
    loss_axes.legend()
    accuracy_axes.set(title="Test accuracy", xlabel="epoch", ylabel="accuracy (%)")
    for axes in (loss_axes, accuracy_axes):
        axes.grid(alpha=0.3)
        axes.xaxis.get_major_locator().set_params(integer=True)
    return figure


def hidden_weights_figure(weight, image_shape=(28, 28), columns=None,
                          title="Weights into each first-layer neuron (blue +, red -)",
                          label="weight"):
    """Each row of the first layer's W^1 (the weights into one neuron) drawn as an image.

    Pixel (r, c) of panel i shows W^1[i, 28 r + c], the weight from that input pixel into
    neuron i: blue for positive, red for negative, white at 0, one colour scale for every panel,
    symmetric around 0 (the pixels a neuron looks for are blue, those it looks against red).
    Any matrix of that shape draws the same way: dC/dW^1 (with its own `title` and colour-bar
    `label`) shows where the cost wants each pixel's weight to move.
    """
    from matplotlib.figure import Figure

    weight = np.asarray(weight)
    pixels = int(np.prod(image_shape))
    if weight.ndim != 2 or weight.shape[1] != pixels or weight.shape[0] == 0:
        raise ValueError(
            f"hidden_weights_figure: expected a weight matrix of shape (neurons, {pixels}) "
            f"for images of shape {tuple(image_shape)}, got {weight.shape}"
        )
    neurons = weight.shape[0]
    columns = columns or int(np.ceil(np.sqrt(neurons)))
    rows = int(np.ceil(neurons / columns))
    limit = float(np.max(np.abs(weight))) or 1.0
    figure = Figure(figsize=(1.6 * columns + 1.2, 1.6 * rows + 0.6), layout="constrained")
    grid = figure.subplots(rows, columns, squeeze=False)
    image = None
    for index, axes in enumerate(grid.flat):
        axes.set_axis_off()
        if index < neurons:
            image = axes.imshow(
                weight[index].reshape(image_shape), cmap="RdBu", vmin=-limit, vmax=limit
            )
            axes.set_title(f"neuron {index}", fontsize=9)
    figure.colorbar(image, ax=grid, shrink=0.8, label=label)
    figure.suptitle(title)
    return figure


def kernels_figure(weight, title="First-layer kernels (blue +, red -)"):
    """Each kernel of a convolution's weight, shape (out_channels, in_channels, kH, kW), drawn
    as a kH x kW image: one row of panels per output channel, one column per input channel.

    As in `hidden_weights_figure`, blue is positive, red negative, white 0, on one colour scale
    symmetric around 0 for every panel: a kernel responds most to a patch of the image that
    is bright where it is blue and dark where it is red.
    """
    from matplotlib.figure import Figure

    weight = np.asarray(weight)
    if weight.ndim != 4 or 0 in weight.shape:
        raise ValueError(
            "kernels_figure: expected a convolution weight of shape (out_channels, "
            f"in_channels, kH, kW), got {weight.shape}"
        )
    out_channels, in_channels = weight.shape[:2]
    kernels = weight.reshape(out_channels * in_channels, *weight.shape[2:])
    columns = in_channels if in_channels > 1 else min(out_channels, 8)
    rows = int(np.ceil(len(kernels) / columns))
    limit = float(np.max(np.abs(weight))) or 1.0
    figure = Figure(figsize=(1.5 * columns + 1.2, 1.5 * rows + 0.7), layout="constrained")
    grid = figure.subplots(rows, columns, squeeze=False)
    image = None
    for index, axes in enumerate(grid.flat):
        axes.set_axis_off()
        if index < len(kernels):
            image = axes.imshow(kernels[index], cmap="RdBu", vmin=-limit, vmax=limit)
            out, into = divmod(index, in_channels)
            axes.set_title(f"kernel {out}" + (f", in {into}" if in_channels > 1 else ""),
                           fontsize=9)
    figure.colorbar(image, ax=grid, shrink=0.8, label="weight")
    figure.suptitle(title)
    return figure


def figure_png(figure, dpi=100) -> bytes:
    """The PNG bytes of ``figure``, rendered by the Agg canvas."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def save_png(figure, path, dpi=100) -> None:
    """Render ``figure`` to PNG and write it to ``path`` atomically."""
    write_bytes_atomically(path, figure_png(figure, dpi))
