"""What ``nn.train`` and ``nn.evaluate`` share: one-line errors, exit codes, argument types,
and loading MNIST from a ``--data`` value.

Exit codes: 0 done; 1 bad data or checkpoint, a missing tool, or a failure writing; 2 bad
usage; 130 interrupted; 141 when the reader of stdout went away (``... | head``). Every error
is a single line ``PROG: error: MESSAGE`` on stderr, no traceback.
"""

import argparse
import math
import os
import sys

from nn.data import DownloadError, download, load_bundled, load_idx_dir, load_idx_test_dir
from nn.startup import INTERRUPTED, finished, interruptible

DATA_ERROR = 1
USAGE_ERROR = 2
BROKEN_PIPE = 141

DATA_HELP = (
    "where the digits come from: 'bundled' (the 5,000 shipped with the package: 4,000 train, "
    "1,000 test), 'download' (the full 60,000 + 10,000, cached after the first time), or a "
    "directory holding the four MNIST IDX files (default: bundled)"
)


class CliError(Exception):
    """A failure to report as one line, with the exit code to return."""

    def __init__(self, message, exit_code):
        super().__init__(" ".join(str(message).split()))
        self.exit_code = exit_code


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors raise CliError instead of printing usage."""

    def error(self, message):
        raise CliError(message, USAGE_ERROR)


def run(prog, body, argv):
    """Call ``body(argv)``; report a CliError or Ctrl-C as one line and return its exit code
    (also given to ``nn.startup.finished``, which a command-line tool exits with).

    A KeyboardInterrupt's text, if any, follows "interrupted" (``body`` says what it saved).
    If stdout is a pipe whose reader has closed it, stop quietly: stdout is pointed at
    /dev/null so that Python's final flush does not fail again. stdout is flushed here, not
    at exit, so a block-buffered pipe's failure is caught too.
    """
    exit_code = _outcome(prog, body, argv)
    finished(exit_code)
    return exit_code


def _outcome(prog, body, argv):
    try:
        with interruptible():
            exit_code = body(argv)
            sys.stdout.flush()
        return exit_code
    except CliError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as interrupt:
        print(f"{prog}: interrupted" + (f" {interrupt}" if str(interrupt) else ""),
              file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


def positive_int(text):
    """argparse type: an integer >= 1."""
    return _checked_int(text, 1, "a positive integer")


def non_negative_int(text):
    """argparse type: an integer >= 0."""
    return _checked_int(text, 0, "a non-negative integer")


def positive_float(text):
    """argparse type: a finite number > 0."""
    value = _finite_float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def non_negative_float(text):
    """argparse type: a finite number >= 0."""
    value = _finite_float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return value


def load_mnist(source, test_only=False):
    """The MnistSplit named by a ``--data`` value, or with ``test_only`` just its test digits
    (x_test, y_test), for which a directory needs only the two t10k files; CliError (exit 1)
    if they cannot be had."""
    try:
        if source not in ("bundled", "download"):
            return load_idx_test_dir(source) if test_only else load_idx_dir(source)
        split = load_bundled() if source == "bundled" else download()
        return (split.x_test, split.y_test) if test_only else split
    except DownloadError as error:
        raise CliError(f"--data download: {error}; without a network, put the four MNIST IDX "
                       "files in a directory and give --data DIR", DATA_ERROR) from error
    except (OSError, ValueError) as error:
        raise CliError(f"--data {source}: {error}", DATA_ERROR) from error


def _checked_int(text, smallest, expected):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if value < smallest:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


def _finite_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value
