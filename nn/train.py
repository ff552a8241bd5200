"""The main job: train a digit classifier on MNIST and keep what it learned.

    python -m nn.train                # the seeds' network: 784-16-16-10, sigmoid, quadratic
                                      # cost, SGD lr 3.0, mini-batch 10, 30 epochs
    python -m nn.train --loss cross-entropy --optimizer adam --epochs 10 --out runs/adam
    python -m nn.train --model cnn --out runs/cnn   # nn.CNN: cross-entropy, Adam lr 0.002,
                                                    # mini-batch 32, 10 epochs

Each epoch prints one line (train loss, test loss, test accuracy). The output directory then
holds model.npz (the checkpoint, for ``nn.load`` and ``python -m nn.evaluate``), metrics.json
(every epoch's figures and the full configuration), curves.png, hidden_weights.png (an MLP's
first-layer weights) or kernels.png (a CNN's first-layer kernels), and with ``--graph``
graph.svg (the computation graph of one training step, gradients shown). All arguments and
the data are checked, and the output directory's place proven writable, before anything is
trained. The output directory is replaced as a whole when the run ends
(nn.run_directory): killed at any moment, it holds a complete old run or a complete new one.
After every epoch the run's state is kept in DIR.resume.npz; ``--resume`` continues an
interrupted or killed run to the result it would have reached uninterrupted.
"""

import sys

import numpy as np

import nn
from nn.atomic_write import remove_stale_temporaries
from nn.cli import DATA_ERROR, USAGE_ERROR, CliError, load_mnist, run
from nn.data import DataLoader, one_hot, scale_pixels
from nn.run_directory import RunDirectory
from nn.run_state import resume_path, restore_run_state, save_run_state
from nn.startup import check_interrupted, deferred_interrupts
from nn.train_options import LOSSES, PROG, build_parser, resolve_options
from nn.train_outputs import RUN_FILES, diverged_epoch, graph_svg, rendered_files, run_config
from nn.training import fit

# Flags that do not change what is learned: a resumed run may differ in them.
NOT_RESUMED = ("out", "resume", "graph", "no_progress", "compile")
# Every test digit getting one answer is normal in the first steps; warn only after these.
STALL_MIN_STEPS = 50


def load_data(args):
    """Training and test arrays: pixels scaled to [0, 1] in the run's dtype, targets as the
    loss wants them."""
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
    pixels = lambda images: scale_pixels(images).astype(args.dtype)  # noqa: E731
    return (pixels(x_train), encode(y_train)), (pixels(split.x_test), encode(split.y_test))


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
    if args.model == "cnn":
        model = nn.CNN(args.channels, seed=args.seed, dtype=args.dtype)
    else:
        model = nn.MLP(
            args.sizes,
            activation=args.activation,
            output_activation=None if args.output_activation == "none" else args.output_activation,
            init=args.init,
            seed=args.seed,
            dtype=args.dtype,
        )
    if args.optimizer == "sgd":
        optimizer = nn.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum,
                                 weight_decay=args.weight_decay)
    else:
        optimizer = nn.optim.Adam(model.parameters(), lr=args.lr,
                                  weight_decay=args.weight_decay)
    return model, LOSSES[args.loss], optimizer


def stall_warning(args):
    """The warning for a network that gives every test digit the same answer, with the hints
    that fit its settings."""
    if args.model == "cnn" or "relu" in (args.activation, args.output_activation):
        hints = "dead ReLUs or a too-large --lr: try --lr 0.1"
    else:
        hints = (f"{args.activation} units saturated by a too-large --lr, or too few steps so "
                 "far: try another --lr or more --epochs")
    if args.loss != "cross-entropy":
        hints += (", or --loss cross-entropy" if args.model == "cnn"
                  else ", or --output-activation none --loss cross-entropy")
    return (f"{PROG}: warning: the network gives every test digit the same answer "
            f"(it may have stalled: {hints})")


class EpochEnd:
    """``fit``'s on_epoch: print the epoch's line, warn once about divergence or a stall, and
    keep the run's state for --resume."""

    def __init__(self, args, state, steps_per_epoch, history):
        self.args, self.state, self.steps_per_epoch = args, state, steps_per_epoch
        self.history = list(history)
        self.saved_epoch = len(self.history)
        self.warned = False

    def __call__(self, record):
        self.history.append(record)
        print_epoch(record, self.args.epochs)
        if not self.warned:
            self.warn(record)
        self.state.save(self.history)
        self.saved_epoch = record.epoch
        check_interrupted()

    def warn(self, record):
        if diverged_epoch([record]) is not None:
            print(f"{PROG}: warning: the run diverged in epoch {record.epoch} (its loss is not "
                  "a finite number; metrics.json records null): try a smaller --lr",
                  file=sys.stderr, flush=True)
            self.warned = True
        elif (record.test_classes_predicted == 1
              and record.epoch * self.steps_per_epoch >= STALL_MIN_STEPS):
            print(stall_warning(self.args), file=sys.stderr, flush=True)
            self.warned = True

    def interrupted(self):
        """What KeyboardInterrupt says about what was kept."""
        if self.saved_epoch == 0:
            return "before the first epoch ended; nothing was saved"
        return (f"after epoch {self.saved_epoch} of {self.args.epochs}; the run is saved in "
                f"{self.state.path}: run the same command with --resume to continue it")


class RunState:
    """The run's state file: saved after each epoch, restored by --resume."""

    def __init__(self, args, model, optimizer, rng):
        self.path = resume_path(args.out)
        self.config = {key: value for key, value in run_config(args).items()
                       if key not in NOT_RESUMED}
        self.model, self.optimizer, self.rng = model, optimizer, rng

    def save(self, history):
        try:
            save_run_state(self.path, self.config, self.model, self.optimizer, self.rng, history)
        except OSError as error:
            raise CliError(f"cannot save the run's state: {error}", DATA_ERROR) from error

    def restore(self):
        try:
            return restore_run_state(self.path, self.config, self.model, self.optimizer,
                                     self.rng)
        except (OSError, ValueError) as error:
            raise CliError(f"--resume: {error}", DATA_ERROR) from error


def print_epoch(record, epochs):
    print(
        f"epoch {record.epoch:>{len(str(epochs))}}/{epochs}  "
        f"train loss {record.train_loss:.4f}  test loss {record.test_loss:.4f}  "
        f"test accuracy {100 * record.test_accuracy:.2f}%  ({record.seconds:.2f} s)",
        flush=True,
    )


def train_main(argv):
    args = build_parser().parse_args(argv)
    resolve_options(args)
    run_directory = RunDirectory(args.out, RUN_FILES)
    problem = run_directory.check()
    if problem is not None:
        raise CliError(f"argument --out: {problem}", USAGE_ERROR)
    if args.resume and not resume_path(args.out).is_file():
        raise CliError(f"argument --resume: there is no unfinished run to resume "
                       f"({resume_path(args.out)} does not exist)", USAGE_ERROR)
    try:
        run_directory.prepare()
        remove_stale_temporaries(resume_path(args.out))
    except OSError as error:
        raise CliError(f"argument --out: cannot write {args.out}: {error.strerror or error}",
                       USAGE_ERROR) from error
    try:
        train_and_write(args, argv, run_directory)
    finally:
        run_directory.discard()
    return 0


def train_and_write(args, argv, run_directory):
    """Train (or continue) the run, then replace the output directory with its files."""
    train, test = load_data(args)
    model, loss_fn, optimizer = build(args)
    rng = np.random.default_rng(args.seed)
    loader = DataLoader(*train, batch_size=args.batch_size, shuffle=True, rng=rng)
    state = RunState(args, model, optimizer, rng)
    history = state.restore() if args.resume else []
    print_start(args, model, len(train[0]), len(test[0]), history)
    epoch_end = EpochEnd(args, state, len(loader), history)
    try:
        with np.errstate(all="ignore"):  # a diverging run is reported once, by EpochEnd
            history = fit(model, loss_fn, optimizer, loader, args.epochs, test=test,
                          on_epoch=epoch_end, progress=not args.no_progress, history=history,
                          compile=args.compile)
            with deferred_interrupts():
                files = rendered_files(args, argv, model, (len(train[0]), len(test[0])),
                                       history)
        if args.graph:
            files["graph.svg"] = graph_svg(model, loss_fn, *next(iter(loader)))
        check_interrupted()
        try:
            run_directory.commit(files)
        except OSError as error:
            raise CliError(f"cannot write the results: {error}; the trained run is kept in "
                           f"{state.path}: run the same command with --resume to write it",
                           DATA_ERROR) from error
    except KeyboardInterrupt:
        raise KeyboardInterrupt(epoch_end.interrupted()) from None
    state.path.unlink(missing_ok=True)
    print(f"wrote {', '.join(files)} to {args.out}")


def print_start(args, model, train_count, test_count, history):
    if args.model == "cnn":
        network = f"a CNN, {model.architecture()} ({model.num_parameters():,} parameters)"
    else:
        network = (f"{'-'.join(map(str, args.sizes))} ({model.num_parameters():,} parameters, "
                   f"{args.activation})")
    print(
        f"training {network} with "
        f"{args.loss} loss, {args.optimizer} lr {args.lr:g}, mini-batch {args.batch_size}, "
        f"{args.epochs} epoch{'s' if args.epochs > 1 else ''} on {train_count:,} digits "
        f"({args.data}), testing on {test_count:,}",
        flush=True,
    )
    if history:
        print(f"resuming after epoch {len(history)} (from {resume_path(args.out)})", flush=True)


def main(argv=None):
    """Entry point of ``python -m nn.train`` and ``chainrule-train``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    return run(PROG, train_main, argv)


if __name__ == "__main__":
    sys.exit(main())
