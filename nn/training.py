"""The training loop, usable from notebooks and benchmarks as well as from ``nn.train``.

One step on a mini-batch (x, y) is the seeds' stochastic gradient descent through the public
API: a^L = model(x), C = loss_fn(a^L, y), then ``zero_grad``, ``C.backward()`` (which fills
dC/dW^l and dC/db^l in every parameter's ``.grad``) and ``optimizer.step()``.

Targets ``y`` are whatever ``loss_fn`` takes: one-hot rows for the quadratic cost, integer labels
for cross-entropy. The predicted digit is the index of the largest output, so accuracy can be
measured against either form.
"""

import time
from typing import NamedTuple

import numpy as np
from tqdm import tqdm

import autograd
from autograd import Tensor, no_grad

# Rows that `evaluate` sends through the model at once.
EVALUATION_BATCH = 1000


class EpochRecord(NamedTuple):
    """What one epoch of ``fit`` measured: the running train loss, the test loss and accuracy
    (a fraction; None without a test set), the wall-clock seconds of training plus testing,
    and how many different classes the test predictions used (1 means the network gives
    every input the same answer)."""

    epoch: int
    train_loss: float
    test_loss: float | None
    test_accuracy: float | None
    seconds: float
    test_classes_predicted: int | None = None


class Evaluation(NamedTuple):
    """The loss (None without a loss_fn), the fraction of correct predictions, the predictions."""

    loss: float | None
    accuracy: float
    predictions: np.ndarray


def training_step(model, loss_fn, optimizer, compile=False):
    """The step on one mini-batch, ``step(x, y) -> loss`` with x and y Tensors; with
    ``compile`` captured by ``autograd.compile`` (the same numbers, replayed as numpy)."""
    def step(x, y):
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss
    return autograd.compile(step) if compile else step


def train_epoch(model, loss_fn, optimizer, loader, progress=None, step=None) -> float:
    """One pass over ``loader``, one optimizer step per mini-batch (``step``, from
    ``training_step``; by default the eager one).

    Returns the epoch's running loss: the batch losses averaged with the batch sizes as
    weights. ``progress`` is an optional tqdm bar over the loader, whose postfix shows the
    running loss.
    """
    model.train()
    step = step or training_step(model, loss_fn, optimizer)
    batches = loader if progress is None else progress
    total, seen = 0.0, 0
    for x, y in batches:
        loss = step(Tensor(x), Tensor(y))
        total += loss.item() * len(x)
        seen += len(x)
        if progress is not None:
            progress.set_postfix(loss=f"{total / seen:.4f}", refresh=False)
    if seen == 0:
        raise ValueError("train_epoch: the loader yielded no mini-batch")
    return total / seen


def evaluate(model, x, y, loss_fn=None, batch_size=EVALUATION_BATCH) -> Evaluation:
    """Predict every row of ``x`` under ``no_grad``, ``batch_size`` rows at a time, and compare
    with ``y``.

    ``y`` holds integer labels of shape (n,) or one-hot rows of shape (n, classes); the loss
    ``loss_fn(output, y)`` of all n outputs at once is computed only when ``loss_fn`` is given.
    Going by batches bounds the memory a convolutional network's forward pass takes (10,000
    digits at once would unfold into ~1 GB of patches); the outputs are the same.
    """
    labels = _labels_of(y, len(x))
    model.eval()
    with no_grad():
        output = Tensor(np.concatenate([
            model(Tensor(x[start:start + batch_size])).data
            for start in range(0, max(len(x), 1), batch_size)
        ]))
        loss = None if loss_fn is None else loss_fn(output, y).item()
    predictions = np.argmax(output.data, axis=1)
    return Evaluation(loss, float(np.mean(predictions == labels)), predictions)


def fit(model, loss_fn, optimizer, loader, epochs, test=None, on_epoch=None, progress=False,
        history=(), compile=False):
    """Train for ``epochs`` passes over ``loader``; returns one EpochRecord per epoch.

    ``test`` is an optional pair (x_test, y_test) evaluated after every epoch; ``on_epoch``
    is called with each EpochRecord as soon as it is known. With ``progress`` a tqdm bar per
    epoch shows the running loss on stderr (only when stderr is a terminal). ``history``, the
    records of epochs already done (a resumed run), is continued: training starts at the
    epoch after them, and the returned list begins with them. With ``compile`` each step is
    captured once and replayed (``autograd.compile``).
    """
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"fit: epochs must be a positive integer, got {epochs!r}")
    history = list(history)
    step = training_step(model, loss_fn, optimizer, compile)
    if len(history) > epochs:
        raise ValueError(f"fit: history holds {len(history)} epochs, more than epochs={epochs}")
    for epoch in range(len(history) + 1, epochs + 1):
        start = time.perf_counter()
        bar = None
        if progress:
            bar = tqdm(loader, desc=f"epoch {epoch}/{epochs}", leave=False, disable=None)
        try:
            train_loss = train_epoch(model, loss_fn, optimizer, loader, bar, step)
        finally:
            if bar is not None:
                bar.close()
        test_loss = test_accuracy = classes_predicted = None
        if test is not None:
            test_loss, test_accuracy, predictions = evaluate(model, *test, loss_fn=loss_fn)
            classes_predicted = int(np.unique(predictions).size)
        record = EpochRecord(
            epoch, train_loss, test_loss, test_accuracy, time.perf_counter() - start,
            classes_predicted,
        )
        history.append(record)
        if on_epoch is not None:
            on_epoch(record)
    return history


def confusion_matrix(labels, predictions, classes=10) -> np.ndarray:
    """Counts C[i, j] of examples whose true label is i and predicted label is j."""
    labels, predictions = np.asarray(labels), np.asarray(predictions)
    if labels.shape != predictions.shape or labels.ndim != 1:
        raise ValueError(
            "confusion_matrix: expected labels and predictions of one shape (n,), "
            f"got {labels.shape} and {predictions.shape}"
        )
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values.size and (values.min() < 0 or values.max() >= classes):
            raise ValueError(
                f"confusion_matrix: expected {name} in 0..{classes - 1}, "
                f"got values {values.min()}..{values.max()}"
            )
    counts = np.bincount(labels * classes + predictions, minlength=classes * classes)
    return counts.reshape(classes, classes)


def _labels_of(y, n):
    """Integer labels from labels (n,) or one-hot rows (n, classes)."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[0] == n:
        return np.argmax(y, axis=1)
    if y.shape == (n,) and np.issubdtype(y.dtype, np.integer):
        return y
    raise ValueError(
        f"evaluate: expected integer labels of shape ({n},) or one-hot rows of shape "
        f"({n}, classes) for {n} inputs, got {y.dtype} of shape {y.shape}"
    )
