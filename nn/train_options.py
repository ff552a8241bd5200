"""nn.train's flags: the parser, the defaults that depend on other flags, and the checks made
before anything is trained or written."""

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import NamedTuple

import nn
from nn.cli import (
    DATA_ERROR,
    DATA_HELP,
    USAGE_ERROR,
    CliError,
    Parser,
    non_negative_float,
    non_negative_int,
    positive_float,
    positive_int,
)
from nn.layers import INITS

PROG = "nn.train"
MNIST_SIZES = (784, 10)
LOSSES = {"quadratic": nn.quadratic_cost, "mse": nn.mse_loss, "cross-entropy": nn.cross_entropy}


class ModelDefaults(NamedTuple):
    """What a model trains with unless the flags say otherwise; ``lr`` per optimizer."""

    loss: str
    optimizer: str
    lr: dict
    batch_size: int
    epochs: int


# mlp: the seeds' settings. cnn: cross-entropy on the logits and Adam, which train the CNN to
# about 96.5% on the bundled digits in 10 epochs (see the README for the figures).
MODEL_DEFAULTS = {
    "mlp": ModelDefaults("quadratic", "sgd", {"sgd": 3.0, "adam": 1e-3}, 10, 30),
    "cnn": ModelDefaults("cross-entropy", "adam", {"sgd": 0.1, "adam": 2e-3}, 32, 10),
}
# The flags that shape one model only; the other model refuses them.
MODEL_FLAGS = {"mlp": ("sizes", "activation", "output_activation", "init"), "cnn": ("channels",)}
LOSS_HELP = (
    "quadratic: the seeds' C = 1/(2n) sum_x ||y - a||^2 (summed over the 10 outputs, halved); "
    "mse: PyTorch's mse_loss, the mean of (y - a)^2 over all n x 10 numbers, which is the "
    "quadratic cost / 5 with 5 times smaller gradients, so it wants about 5 times the lr "
    "(about 15 with sgd); cross-entropy: softmax then -log of the right digit's probability, "
    "on raw logits, lr about 0.5 with sgd (default: quadratic for mlp, cross-entropy for cnn)"
)


def build_parser():
    parser = Parser(
        prog=PROG,
        description="Train a digit classifier on MNIST: the seeds' fully connected network or a "
        "small convolutional one (also: chainrule-train).",
    )
    network = parser.add_argument_group("network")
    network.add_argument("--model", choices=tuple(MODEL_DEFAULTS), default="mlp",
                         help="mlp: the seeds' fully connected network (shaped by --sizes, "
                         "--activation, --output-activation, --init); cnn: nn.CNN, conv 8@5x5 - "
                         "relu - maxpool 2 - conv 16@5x5 - relu - maxpool 2 - linear 10 (shaped "
                         "by --channels) (default: %(default)s)")
    network.add_argument("--sizes", type=positive_int, nargs="+", metavar="N",
                         help="mlp: layer sizes, 784 first and 10 last (default: 784 16 16 10)")
    network.add_argument("--activation", choices=("sigmoid", "relu", "tanh"),
                         help="mlp: activation after every hidden layer (default: sigmoid)")
    network.add_argument("--output-activation", choices=("same", "sigmoid", "softmax", "none"),
                         help="mlp: after the last layer: 'same' as the hidden layers, or 'none' "
                         "for raw logits (default: none for cross-entropy, else same)")
    network.add_argument("--init", choices=INITS,
                         help="mlp: initial weights: N(0,1), N(0,1/n_in), Xavier, He or "
                         "PyTorch's U(+-1/sqrt(n_in)) (default: scaled)")
    network.add_argument("--channels", type=positive_int, nargs="+", metavar="C",
                         help="cnn: the kernels of each conv stage (5x5, then relu and maxpool "
                         "2) (default: 8 16)")
    network.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                         help="the parameters' float type (default: %(default)s)")
    learning = parser.add_argument_group("learning")
    learning.add_argument("--loss", choices=tuple(LOSSES), help=LOSS_HELP)
    learning.add_argument("--optimizer", choices=("sgd", "adam"),
                          help="mini-batch SGD or Adam (default: sgd for mlp, adam for cnn)")
    learning.add_argument("--lr", type=positive_float,
                          help="learning rate (default: mlp 3.0 with sgd, 0.001 with adam; "
                          "cnn 0.1 with sgd, 0.002 with adam)")
    learning.add_argument("--momentum", type=non_negative_float,
                          help="SGD momentum in [0, 1) (default: 0)")
    learning.add_argument("--weight-decay", type=non_negative_float, default=0.0,
                          help="L2 penalty coefficient (default: %(default)s)")
    learning.add_argument("--batch-size", type=positive_int,
                          help="mini-batch size (default: 10 for mlp, 32 for cnn)")
    learning.add_argument("--epochs", type=positive_int,
                          help="passes over the training digits (default: 30 for mlp, 10 for "
                          "cnn)")
    learning.add_argument("--seed", type=non_negative_int, default=0,
                          help="seeds the initial weights and the shuffling (default: %(default)s)")
    run_group = parser.add_argument_group("data and output")
    run_group.add_argument("--data", default="bundled", help=DATA_HELP)
    run_group.add_argument("--limit", type=positive_int, metavar="N",
                           help="train on N training digits only, as many of each class as "
                           "possible (quick runs)")
    run_group.add_argument("--out", type=output_directory, default=Path("runs/digits"),
                           metavar="DIR", help="output directory, replaced as a whole when the "
                           "run ends (default: %(default)s)")
    run_group.add_argument("--resume", action="store_true",
                           help="continue the interrupted run of the same command from its last "
                           "finished epoch (kept in DIR.resume.npz)")
    run_group.add_argument("--graph", action="store_true",
                           help="also draw one training step's graph to DIR/graph.svg")
    learning.add_argument("--compile", action="store_true",
                          help="capture the training step once and replay it as numpy "
                          "(autograd.compile): the same results, faster")
    run_group.add_argument("--no-progress", action="store_true",
                           help="no progress bar (it is shown only on a terminal anyway)")
    return parser


def output_directory(text):
    """argparse type of --out: a directory name, not the current directory or one above it
    (the run replaces the whole directory)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a directory name, got ''")
    absolute, here = Path(os.path.abspath(text)), Path.cwd()
    if absolute == here or absolute in here.parents:
        raise argparse.ArgumentTypeError(
            f"{text} is the current directory or holds it; a run replaces its whole output "
            "directory, so name one for it, e.g. runs/digits"
        )
    return Path(text)


def resolve_options(args):
    """Fill the defaults that depend on other flags and reject combinations that make no sense."""
    _resolve_model_flags(args)
    defaults = MODEL_DEFAULTS[args.model]
    if args.loss is None:
        args.loss = defaults.loss
    if args.optimizer is None:
        args.optimizer = defaults.optimizer
    if args.batch_size is None:
        args.batch_size = defaults.batch_size
    if args.epochs is None:
        args.epochs = defaults.epochs
    if args.model == "mlp":
        if args.output_activation is None:
            args.output_activation = "none" if args.loss == "cross-entropy" else "same"
        _check_output_fits_the_loss(args)
    if args.optimizer == "adam" and args.momentum is not None:
        raise CliError(
            "argument --momentum: only SGD takes momentum (Adam has its own betas)", USAGE_ERROR
        )
    if args.momentum is not None and args.momentum >= 1:
        raise CliError(f"argument --momentum: expected a value in [0, 1), got {args.momentum}",
                       USAGE_ERROR)
    if args.lr is None:
        args.lr = defaults.lr[args.optimizer]
    if args.optimizer == "sgd" and args.momentum is None:
        args.momentum = 0.0
    if args.graph and shutil.which("dot") is None:
        raise CliError("--graph needs graphviz's 'dot' program: apt-get install graphviz",
                       DATA_ERROR)


def _resolve_model_flags(args):
    """Refuse the other model's flags; fill this model's defaults (sizes checked for MNIST)."""
    other = "cnn" if args.model == "mlp" else "mlp"
    for name in MODEL_FLAGS[other]:
        if getattr(args, name) is not None:
            raise CliError(f"argument --{name.replace('_', '-')}: only --model {other} takes "
                           f"it, not --model {args.model}", USAGE_ERROR)
    if args.model == "cnn":
        if args.channels is None:
            args.channels = [8, 16]
        try:
            nn.CNN.parameter_count({"channels": args.channels})
        except ValueError as error:
            raise CliError(f"argument --channels: {error}", USAGE_ERROR) from None
        return
    if args.sizes is None:
        args.sizes = [784, 16, 16, 10]
    if args.activation is None:
        args.activation = "sigmoid"
    if args.init is None:
        args.init = "scaled"
    if args.sizes[0] != MNIST_SIZES[0] or args.sizes[-1] != MNIST_SIZES[1]:
        raise CliError(
            f"argument --sizes: MNIST needs {MNIST_SIZES[0]} inputs first and "
            f"{MNIST_SIZES[1]} outputs last, got {' '.join(map(str, args.sizes))}",
            USAGE_ERROR,
        )


def _check_output_fits_the_loss(args):
    """cross-entropy takes raw logits: softmax is refused (it would be applied twice), and a
    squashing output (sigmoid, tanh) gets a warning."""
    if args.loss != "cross-entropy":
        return
    if args.output_activation == "softmax":
        raise CliError(
            "argument --output-activation: cross-entropy applies softmax itself; "
            "use 'none' (raw logits) with --loss cross-entropy, got 'softmax'",
            USAGE_ERROR,
        )
    squashed = args.activation if args.output_activation == "same" else args.output_activation
    if squashed in ("sigmoid", "tanh"):
        print(f"{PROG}: warning: --loss cross-entropy expects raw logits, but the outputs pass "
              f"through {squashed} first, which caps how sure the network can be; "
              "--output-activation none is the usual choice", file=sys.stderr, flush=True)
