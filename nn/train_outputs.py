"""What a finished nn.train run writes: the checkpoint, metrics.json, the plots and the graph,
as bytes ready to go into the run's directory."""

import json
import math
import subprocess
from pathlib import Path

import autograd
from autograd import Tensor
from nn import plots
from nn.checkpoint import archive_bytes
from nn.cli import DATA_ERROR, CliError

RUN_FILES = ("model.npz", "metrics.json", "curves.png", "hidden_weights.png", "kernels.png",
             "graph.svg")


def diverged_epoch(history):
    """The first epoch whose train or test loss is not finite (NaN or inf), or None."""
    for record in history:
        if any(value is not None and not math.isfinite(value)
               for value in (record.train_loss, record.test_loss)):
            return record.epoch
    return None


def run_config(args):
    """The flags as JSON-able values (paths as text)."""
    return {key: (str(value) if isinstance(value, Path) else value)
            for key, value in vars(args).items()}


def metrics_document(args, argv, model, examples, history):
    """Everything metrics.json records: the configuration and one entry per epoch. A loss or
    accuracy that is not a finite number is recorded as null, and "diverged_at_epoch" names
    the first epoch where one was (null when none).

    ``examples`` is the pair (training digits, test digits) counted.
    """
    final = history[-1]
    return {
        "command": ["python", "-m", "nn.train", *argv],
        "config": run_config(args),
        "data": {"source": args.data, "train_examples": examples[0],
                 "test_examples": examples[1]},
        "model": {**model.config(), "num_parameters": model.num_parameters()},
        "epochs": [_finite_or_null(record._asdict()) for record in history],
        "final": _finite_or_null({"epoch": final.epoch, "test_loss": final.test_loss,
                                  "test_accuracy": final.test_accuracy}),
        "diverged_at_epoch": diverged_epoch(history),
    }


def rendered_files(args, argv, model, examples, history):
    """The checkpoint, metrics.json and the plots, as bytes ready to write: the first layer
    drawn as hidden_weights.png for an MLP, as kernels.png for a CNN."""
    metrics = metrics_document(args, argv, model, examples, history)
    final = metrics["final"]
    if args.model == "cnn":
        first_layer = ("kernels.png", plots.kernels_figure(model.features[0].weight.data))
    else:
        first_layer = ("hidden_weights.png",
                       plots.hidden_weights_figure(model.layers[0].weight.data))
    return {
        "model.npz": archive_bytes(model, epochs=final["epoch"],
                                   test_accuracy=final["test_accuracy"],
                                   test_loss=final["test_loss"], loss=args.loss, data=args.data,
                                   seed=args.seed),
        "metrics.json": json.dumps(metrics, indent=2, allow_nan=False).encode() + b"\n",
        "curves.png": plots.figure_png(plots.curves_figure(history)),
        first_layer[0]: plots.figure_png(first_layer[1]),
    }


def graph_svg(model, loss_fn, x, y):
    """The SVG of one training step's graph: loss of one mini-batch, after backward."""
    loss = loss_fn(model(Tensor(x)), y)
    loss.backward()
    try:
        svg = autograd.draw(loss, show_grad=True).pipe(format="svg")
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        raise CliError(f"--graph: graphviz could not render the graph: {error}", DATA_ERROR)
    finally:
        model.zero_grad()
    return svg


def _finite_or_null(record):
    """The dict with every float that is not finite replaced by None (JSON has no NaN)."""
    return {key: (None if isinstance(value, float) and not math.isfinite(value) else value)
            for key, value in record.items()}
