"""nn.train's flags: the parser, the defaults that depend on other flags, and the checks made
before anything is trained or written."""

import argparse
import os
import shutil
import sys
from pathlib import Path

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
DEFAULT_LR = {"sgd": 3.0, "adam": 1e-3}
LOSS_HELP = (
    "quadratic: the seeds' C = 1/(2n) sum_x ||y - a||^2 (summed over the 10 outputs, halved); "
    "mse: PyTorch's mse_loss, the mean of (y - a)^2 over all n x 10 numbers, which is the "
    "quadratic cost / 5 with 5 times smaller gradients, so it wants about 5 times the lr "
    "(about 15 with sgd); cross-entropy: softmax then -log of the right digit's probability, "
    "on raw logits, lr about 0.5 with sgd (default: %(default)s)"
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
    network.add_argument("--init", choices=INITS, default="scaled",
                         help="initial weights: N(0,1), N(0,1/n_in), Xavier, He or PyTorch's "
                         "U(+-1/sqrt(n_in)) (default: %(default)s)")
    network.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                         help="the parameters' float type (default: %(default)s)")
    learning = parser.add_argument_group("learning")
    learning.add_argument("--loss", choices=tuple(LOSSES), default="quadratic", help=LOSS_HELP)
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
    run_group.add_argument("--out", type=output_directory, default=Path("runs/digits"),
                           metavar="DIR", help="output directory, replaced as a whole when the "
                           "run ends (default: %(default)s)")
    run_group.add_argument("--resume", action="store_true",
                           help="continue the interrupted run of the same command from its last "
                           "finished epoch (kept in DIR.resume.npz)")
    run_group.add_argument("--graph", action="store_true",
                           help="also draw one training step's graph to DIR/graph.svg")
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
    if args.sizes[0] != MNIST_SIZES[0] or args.sizes[-1] != MNIST_SIZES[1]:
        raise CliError(
            f"argument --sizes: MNIST needs {MNIST_SIZES[0]} inputs first and "
            f"{MNIST_SIZES[1]} outputs last, got {' '.join(map(str, args.sizes))}",
            USAGE_ERROR,
        )
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
        args.lr = DEFAULT_LR[args.optimizer]
    if args.optimizer == "sgd" and args.momentum is None:
        args.momentum = 0.0
    if args.graph and shutil.which("dot") is None:
        raise CliError("--graph needs graphviz's 'dot' program: apt-get install graphviz",
                       DATA_ERROR)


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
