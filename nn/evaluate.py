"""Test a trained checkpoint on MNIST: its accuracy and its confusion matrix.

    python -m nn.evaluate runs/digits/model.npz            # on the bundled 1,000 test digits
    python -m nn.evaluate runs/digits/model.npz --data download
    python -m nn.evaluate runs/digits/model.npz --data DIR   # DIR needs only the t10k files

Row i of the confusion matrix counts the test digits whose true label is i by the digit the
network predicted for them (the largest output a^L_j), so the diagonal holds the correct ones.
"""

import sys

import numpy as np

import nn
from nn.checkpoint import NotRebuildableError
from nn.cli import DATA_ERROR, DATA_HELP, CliError, Parser, load_mnist, run
from nn.data import scale_pixels
from nn.training import confusion_matrix, evaluate

PROG = "nn.evaluate"
CLASSES = 10


def build_parser():
    parser = Parser(
        prog=PROG,
        description="Evaluate a checkpoint written by nn.train on the MNIST test digits "
        "(also: chainrule-evaluate).",
    )
    parser.add_argument("checkpoint", help="a model.npz written by nn.train (or nn.save)")
    parser.add_argument("--data", default="bundled",
                        help=f"{DATA_HELP}; only the test digits are read (from a directory: "
                        "the two t10k files are enough)")
    return parser


def load_checkpoint(path):
    """The MLP or CNN saved in ``path``, checked to map 784 pixels to 10 digit scores."""
    try:
        model = nn.load(path)
    except NotRebuildableError as error:
        raise CliError(
            f"{path} holds {error.holds}, not an nn.MLP or nn.CNN; {PROG} can only rebuild MLP "
            "and CNN checkpoints",
            DATA_ERROR,
        ) from error
    except (OSError, ValueError) as error:
        # nn.load's messages read "load: PATH ...": they name the file already.
        raise CliError(str(error).removeprefix("load: "), DATA_ERROR) from error
    if isinstance(model, nn.CNN):
        pixels, classes = int(np.prod(model.image_shape)), model.classes
        shape = f"images of shape {'x'.join(map(str, model.image_shape))} and {classes} classes"
    else:
        pixels, classes = model.sizes[0], model.sizes[-1]
        shape = f"sizes {'-'.join(map(str, model.sizes))}"
    if pixels != 28 * 28 or classes != CLASSES:
        raise CliError(
            f"checkpoint {path}: expected a network from 784 pixels to 10 digits, got {shape}",
            DATA_ERROR,
        )
    return model


def network_name(model):
    """How the first line names the network: "784-16-16-10 network" or "CNN (conv 8@5x5 -
    ...)"."""
    if isinstance(model, nn.CNN):
        return f"CNN ({model.architecture()})"
    return f"{'-'.join(map(str, model.sizes))} network"


def format_confusion(matrix):
    """The matrix as aligned text: a header of predicted digits, one row per true digit."""
    width = max(len(str(matrix.max())), 3) + 1
    header = "true \\ predicted" + "".join(f"{j:>{width}}" for j in range(matrix.shape[1]))
    lines = [header]
    for i, row in enumerate(matrix):
        lines.append(f"{i:>16}" + "".join(f"{count:>{width}}" for count in row))
    return "\n".join(lines)


def evaluate_main(argv):
    args = build_parser().parse_args(argv)
    model = load_checkpoint(args.checkpoint)
    x_test, y_test = load_mnist(args.data, test_only=True)
    result = evaluate(model, scale_pixels(x_test), y_test)
    matrix = confusion_matrix(y_test, result.predictions, CLASSES)
    correct, total = int(matrix.trace()), int(matrix.sum())
    print(
        f"checkpoint {args.checkpoint}: {network_name(model)}, "
        f"{model.num_parameters():,} parameters"
    )
    print(f"test accuracy {100 * result.accuracy:.2f}% ({correct:,} of {total:,} digits, "
          f"--data {args.data})")
    print()
    print("confusion matrix (rows: true digit, columns: predicted digit)")
    print(format_confusion(matrix))
    return 0


def main(argv=None):
    """Entry point of ``python -m nn.evaluate`` and ``chainrule-evaluate``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    return run(PROG, evaluate_main, argv)


if __name__ == "__main__":
    sys.exit(main())
