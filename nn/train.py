"""The main job: train a digit classifier on MNIST and keep what it learned.

    python -m nn.train                # the seeds' network: 784-16-16-10, sigmoid, quadratic
                                      # cost, SGD lr 3.0, mini-batch 10, 30 epochs
    python -m nn.train --loss cross-entropy --optimizer adam --epochs 10 --out runs/adam

Each epoch prints one line (train loss, test loss, test accuracy). The output directory then
holds model.npz (the checkpoint, for ``nn.load`` and ``python -m nn.evaluate``), metrics.json
(every epoch's figures and the full configuration), curves.png, hidden_weights.png, and with
``--graph`` graph.svg (the computation graph of one training step, gradients shown).
All arguments and the data are checked before anything is trained or written.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

import autograd
import nn
from autograd import Tensor
from nn import plots
from nn.atomic_write import write_files_atomically
from nn.checkpoint import archive_bytes
from nn.cli import (
    DATA_ERROR,
    DATA_HELP,
    USAGE_ERROR,
    CliError,
    Parser,
    load_mnist,
    non_negative_float,
    non_negative_int,
    positive_float,
    positive_int,
    run,
)
from nn.data import DataLoader, one_hot, scale_pixels
from nn.layers import INIT_FANS
from nn.training import fit

PROG = "nn.train"
MNIST_SIZES = (784, 10)
LOSSES = {"quadratic": nn.quadratic_cost, "mse": nn.mse_loss, "cross-entropy": nn.cross_entropy}
DEFAULT_LR = {"sgd": 3.0, "adam": 1e-3}
STALL_WARNING = (
    f"{PROG}: warning: the network gives every test digit the same answer (it may have "
    "stalled: dead ReLUs or a too-large --lr; with relu try --lr 0.1, or "
    "--output-activation none --loss cross-entropy)"
)


def build_parser():
    parser = Parser(
        prog=PROG,
        description="Train a fully connected network on MNIST digits (also: chainrule-train).",
    )
    network = parser.add_argument_group("network")
    network.add_argument("--sizes", type=positive_int, nargs="+", default=[784, 16, 16, 10],
                         metavar="N", help="layer sizes, 784 first and 10 last (default: 784 16 16 10)")
    network.add_argument("--activation", choices=("sigmoid", "relu", "tanh"), default="sigmoid",
                         help="activation after every hidden layer (default: %(default)s)")
    network.add_argument("--output-activation", choices=("same", "sigmoid", "softmax", "none"),
                         help="after the last layer: 'same' as the hidden layers, or 'none' for "
                         "raw logits (default: none for cross-entropy, else same)")
    network.add_argument("--init", choices=tuple(INIT_FANS), default="scaled",
                         help="initial weights: N(0,1), N(0,1/n_in), Xavier or He (default: %(default)s)")
    learning = parser.add_argument_group("learning")
    learning.add_argument("--loss", choices=tuple(LOSSES), default="quadratic",
                          help="quadratic: the seeds' C = 1/(2n) sum ||y - a||^2 (default: %(default)s)")
    learning.add_argument("--optimizer", choices=tuple(DEFAULT_LR), default="sgd",
                          help="mini-batch SGD or Adam (default: %(default)s)")
    learning.add_argument("--lr", type=positive_float,
                          help="learning rate (default: 3.0 for sgd, 0.001 for adam)")
    learning.add_argument("--momentum", type=non_negative_float,
                          help="SGD momentum in [0, 1) (default: 0)")
    learning.add_argument("--weight-decay", type=non_negative_float, default=0.0,
                          help="L2 penalty coefficient (default: %(default)s)")
    learning.add_argument("--batch-size", type=positive_int, default=10, help="mini-batch size (default: %(default)s)")
    learning.add_argument("--epochs", type=positive_int, default=30,
                          help="passes over the training digits (default: %(default)s)")
    learning.add_argument("--seed", type=non_negative_int, default=0,
                          help="seeds the initial weights and the shuffling (default: %(default)s)")
    run_group = parser.add_argument_group("data and output")
    run_group.add_argument("--data", default="bundled", help=DATA_HELP)
    run_group.add_argument("--limit", type=positive_int, metavar="N",
                           help="train on N training digits only, as many of each class as "
                           "possible (quick runs)")
    run_group.add_argument("--out", type=Path, default=Path("runs/digits"), metavar="DIR",
                           help="output directory (default: %(default)s)")
    run_group.add_argument("--graph", action="store_true",
                           help="also draw one training step's graph to DIR/graph.svg")
    run_group.add_argument("--no-progress", action="store_true",
                           help="no progress bar (it is shown only on a terminal anyway)")
    return parser


def resolve_options(args):
    """Fill the defaults that depend on other flags and reject combinations that make no sense."""
    if args.sizes[0] != MNIST_SIZES[0] or args.sizes[-1] != MNIST_SIZES[1]:
        raise CliError(
            f"argument --sizes: MNIST needs {MNIST_SIZES[0]} inputs first and "
            f"{MNIST_SIZES[1]} outputs last, got {' '.join(map(str, args.sizes))}",
            USAGE_ERROR,
        )
    if args.output_activation is None:
        args.output_activation = "none" if args.loss == "cross-entropy" else "same"
    if args.loss == "cross-entropy" and args.output_activation == "softmax":
        raise CliError(
            "argument --output-activation: cross-entropy applies softmax itself; "
            "use 'none' (raw logits) with --loss cross-entropy, got 'softmax'",
            USAGE_ERROR,
        )
    if args.optimizer == "adam" and args.momentum is not None:
        raise CliError(
            "argument --momentum: only SGD takes momentum (Adam has its own betas)", USAGE_ERROR
        )
    if args.momentum is not None and args.momentum >= 1:
        raise CliError(f"argument --momentum: expected a value in [0, 1), got {args.momentum}",
                       USAGE_ERROR)
    if args.lr is None:
        args.lr = DEFAULT_LR[args.optimizer]
    if args.optimizer == "sgd" and args.momentum is None:
        args.momentum = 0.0
    if args.graph and shutil.which("dot") is None:
        raise CliError("--graph needs graphviz's 'dot' program: apt-get install graphviz",
                       DATA_ERROR)
    _check_output_directory(args.out)


def _check_output_directory(out):
    """``out`` must be a directory, or creatable inside the nearest existing parent."""
    if out.exists() and not out.is_dir():
        raise CliError(f"argument --out: {out} exists and is not a directory", USAGE_ERROR)
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise CliError(f"argument --out: cannot write under {existing}", USAGE_ERROR)


def load_data(args):
    """Training and test arrays: pixels scaled to [0, 1], targets as the loss wants them."""
    split = load_mnist(args.data)
    if args.limit is not None and args.limit > len(split.x_train):
        raise CliError(
            f"argument --limit: expected at most the {len(split.x_train)} training digits of "
            f"--data {args.data}, got {args.limit}",
            USAGE_ERROR,
        )
    x_train, y_train = split.x_train, split.y_train
    if args.limit is not None:
        keep = class_balanced_order(y_train)[: args.limit]
        x_train, y_train = x_train[keep], y_train[keep]
    encode = (lambda labels: labels) if args.loss == "cross-entropy" else one_hot
    train = scale_pixels(x_train), encode(y_train)
    test = scale_pixels(split.x_test), encode(split.y_test)
    return train, test


def class_balanced_order(labels):
    """Indices that take the digits in turns: the first of each class (0 to 9), then the second
    of each class, and so on. Its first N digits are a subset as balanced as the data allow,
    whatever the order of the data (the bundled digits are sorted by class)."""
    rank_in_class = np.empty(len(labels), dtype=np.int64)
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        rank_in_class[members] = np.arange(len(members))
    return np.lexsort((labels, rank_in_class))


def build(args):
    """The model, its loss function and optimizer, as the flags say."""
    model = nn.MLP(
        args.sizes,
        activation=args.activation,
        output_activation=None if args.output_activation == "none" else args.output_activation,
        init=args.init,
        seed=args.seed,
    )
    if args.optimizer == "sgd":
        optimizer = nn.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum,
                                 weight_decay=args.weight_decay)
    else:
        optimizer = nn.optim.Adam(model.parameters(), lr=args.lr,
                                  weight_decay=args.weight_decay)
    return model, LOSSES[args.loss], optimizer


def epoch_reporter(epochs):
    """``fit``'s on_epoch: print each epoch's line; after the first epoch in which every test
    digit gets the same prediction, print STALL_WARNING to stderr (once per run)."""
    warned = False

    def report(record):
        nonlocal warned
        print_epoch(record, epochs)
        if not warned and record.test_classes_predicted == 1:
            print(STALL_WARNING, file=sys.stderr, flush=True)
            warned = True

    return report


def print_epoch(record, epochs):
    print(
        f"epoch {record.epoch:>{len(str(epochs))}}/{epochs}  "
        f"train loss {record.train_loss:.4f}  test loss {record.test_loss:.4f}  "
        f"test accuracy {100 * record.test_accuracy:.2f}%  ({record.seconds:.2f} s)",
        flush=True,
    )


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


def metrics_document(args, argv, model, examples, history):
    """Everything metrics.json records: the configuration and one entry per epoch.

    ``examples`` is the pair (training digits, test digits) counted.
    """
    config = {key: (str(value) if isinstance(value, Path) else value)
              for key, value in vars(args).items()}
    final = history[-1]
    return {
        "command": ["python", "-m", "nn.train", *argv],
        "config": config,
        "data": {"source": args.data, "train_examples": examples[0],
                 "test_examples": examples[1]},
        "model": {**model.config(), "num_parameters": model.num_parameters()},
        "epochs": [record._asdict() for record in history],
        "final": {"epoch": final.epoch, "test_loss": final.test_loss,
                  "test_accuracy": final.test_accuracy},
    }


def rendered_files(args, argv, model, examples, history):
    """The checkpoint, metrics.json and the plots, as bytes ready to write."""
    metrics = metrics_document(args, argv, model, examples, history)
    final = history[-1]
    return {
        "model.npz": archive_bytes(model, epochs=final.epoch, test_accuracy=final.test_accuracy,
                                   test_loss=final.test_loss, loss=args.loss, data=args.data,
                                   seed=args.seed),
        "metrics.json": json.dumps(metrics, indent=2).encode() + b"\n",
        "curves.png": plots.figure_png(plots.curves_figure(history)),
        "hidden_weights.png": plots.figure_png(
            plots.hidden_weights_figure(model.layers[0].weight.data)
        ),
    }


def write_outputs(out, files):
    """Create ``out`` and write ``files`` (name -> bytes) into it, all or nothing: each goes to
    a temporary file first, and only when all are written are they renamed into place."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_files_atomically({out / name: content for name, content in files.items()})
    except OSError as error:
        raise CliError(f"cannot write the results: {error}", DATA_ERROR)


def train_main(argv):
    args = build_parser().parse_args(argv)
    resolve_options(args)
    train, test = load_data(args)
    model, loss_fn, optimizer = build(args)
    loader = DataLoader(*train, batch_size=args.batch_size, shuffle=True, seed=args.seed)
    sizes = "-".join(map(str, args.sizes))
    print(
        f"training {sizes} ({model.num_parameters():,} parameters, {args.activation}) with "
        f"{args.loss} loss, {args.optimizer} lr {args.lr:g}, mini-batch {args.batch_size}, "
        f"{args.epochs} epoch{'s' if args.epochs > 1 else ''} on {len(train[0]):,} digits "
        f"({args.data}), testing on {len(test[0]):,}",
        flush=True,
    )
    history = fit(model, loss_fn, optimizer, loader, args.epochs, test=test,
                  on_epoch=epoch_reporter(args.epochs),
                  progress=not args.no_progress)
    files = rendered_files(args, argv, model, (len(train[0]), len(test[0])), history)
    if args.graph:
        files["graph.svg"] = graph_svg(model, loss_fn, *next(iter(loader)))
    write_outputs(args.out, files)
    print(f"wrote {', '.join(files)} to {args.out}")
    return 0


def main(argv=None):
    """Entry point of ``python -m nn.train`` and ``chainrule-train``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    return run(PROG, train_main, argv)


if __name__ == "__main__":
    sys.exit(main())
