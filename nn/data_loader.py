"""`DataLoader`: mini-batches of a dataset, one epoch per iter(), with PyTorch's interface;
`default_collate`: how samples become one batch.

Two ways to call it:
- PyTorch's: DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False,
  generator=None, collate_fn=None). Each batch is `collate_fn(samples)`, by default
  `default_collate`: the samples' tensors stacked (so a TensorDataset gives
  [x_batch, y_batch], Tensors, as PyTorch's list).
- The seeds' (kept for the training job): DataLoader(x, y, batch_size, shuffle=True,
  seed=None, drop_last=False, rng=None) with two arrays of rows; each batch is the pair
  (x[rows], y[rows]) of numpy arrays, of the arrays' dtype (views when not shuffled).
With shuffle, each epoch visits the samples in a fresh permutation from the numpy Generator
behind `generator` (or `rng`, or one seeded with `seed`), so loaders built alike replay the
same epochs.
"""
from collections.abc import Mapping, Sequence

import numpy as np

import autograd
from autograd import Tensor

from .arguments import described, flag, generator as seeded_generator, numpy_generator
from .datasets import Dataset


class DataLoader:
    """Mini-batches of a dataset (PyTorch's call) or of two arrays (the seeds' call); see
    the module's docstring. `len(loader)` is the number of batches per epoch."""

    def __init__(self, *args, **kwargs):
        if "x" in kwargs or "y" in kwargs or (len(args) > 1 and _is_rows(args[1])):
            self._init_from_arrays(*args, **kwargs)
        else:
            self._init_from_dataset(*args, **kwargs)

    def _init_from_dataset(self, dataset, batch_size=1, shuffle=False, drop_last=False,
                           generator=None, collate_fn=None):
        if not (hasattr(dataset, "__getitem__") and hasattr(dataset, "__len__")):
            raise TypeError(f"DataLoader: dataset must have __getitem__ and __len__ (a "
                            f"Dataset, a list), got {described(dataset)}")
        if collate_fn is not None and not callable(collate_fn):
            raise TypeError(f"DataLoader: collate_fn must be callable, got "
                            f"{described(collate_fn)}")
        self._settle(dataset, batch_size, shuffle, drop_last)
        numpy_generator(generator, "DataLoader")  # checks it
        self.generator = generator
        self.collate_fn = collate_fn

    def _init_from_arrays(self, x, y, batch_size, shuffle=True, seed=None, drop_last=False,
                          rng=None):
        for name, array in (("x", x), ("y", y)):
            if not _is_rows(array):
                raise TypeError(f"DataLoader: {name} must be an array of samples (rows), "
                                f"got {described(array)}")
        if len(x) != len(y):
            raise ValueError(
                f"DataLoader: x and y must have the same length, got {len(x)} and {len(y)}")
        self.x, self.y = x, y
        self._settle(_ArrayPairs(x, y), batch_size, shuffle, drop_last)
        self.generator = seeded_generator(rng, seed, "DataLoader")
        self.collate_fn = None

    def _settle(self, dataset, batch_size, shuffle, drop_last):
        if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)):
            raise TypeError(f"DataLoader: batch_size must be an int, got "
                            f"{type(batch_size).__name__}")
        if batch_size < 1:
            raise ValueError(f"DataLoader: batch_size must be positive, got {batch_size}")
        self.dataset = dataset
        self.batch_size = int(batch_size)
        self.shuffle = flag(shuffle, "shuffle", "DataLoader")
        self.drop_last = flag(drop_last, "drop_last", "DataLoader")

    def __len__(self):
        full, rest = divmod(len(self.dataset), self.batch_size)
        return full if self.drop_last or rest == 0 else full + 1

    def __iter__(self):
        order = None
        if self.shuffle:
            order = numpy_generator(self.generator, "DataLoader").permutation(len(self.dataset))
        return self._batches(order)

    def _batches(self, order):
        for start in range(0, len(self) * self.batch_size, self.batch_size):
            if order is None:
                picked = slice(start, start + self.batch_size)
            else:
                picked = order[start:start + self.batch_size]
            yield self._fetch(picked)

    def _fetch(self, picked):
        """The batch of the samples at `picked` (a slice or an index array)."""
        if self.collate_fn is None and hasattr(self.dataset, "get_batch"):
            return self.dataset.get_batch(picked)
        samples = [self.dataset[int(i)] for i in np.arange(len(self.dataset))[picked]]
        return (self.collate_fn or default_collate)(samples)


def default_collate(batch):
    """One batch from a list of samples, as PyTorch's default_collate: Tensors are stacked
    (autograd.stack, so gradients flow), numpy arrays and numpy numbers stacked into a Tensor
    of their dtype, Python floats into float64, ints into int64, bools into bool; strings are
    given back as they came (the list, or a tuple of one field); a dict of samples gives a
    dict of batches, a tuple or list of samples a list of batches (a namedtuple one of its
    type)."""
    first = batch[0] if len(batch) else None
    if isinstance(first, Tensor):
        return autograd.stack(list(batch))
    if isinstance(first, (np.ndarray, np.generic)) and first.dtype.kind in "biuf":
        return Tensor(np.stack(batch))
    if isinstance(first, (bool, np.bool_)):
        return Tensor(np.array(batch, dtype=np.bool_))
    if isinstance(first, int):
        return Tensor(np.array(batch, dtype=np.int64))
    if isinstance(first, float):
        return Tensor(np.array(batch, dtype=np.float64))
    if isinstance(first, (str, bytes)):
        return batch
    if isinstance(first, Mapping):
        return {key: default_collate([sample[key] for sample in batch]) for key in first}
    if isinstance(first, Sequence):
        if any(len(sample) != len(first) for sample in batch):
            raise RuntimeError(f"default_collate: every sample must have the same number of "
                               f"fields, got {sorted({len(sample) for sample in batch})}")
        fields = [default_collate(column) for column in zip(*batch)]
        return type(first)(*fields) if hasattr(first, "_fields") else fields
    raise TypeError(f"default_collate: samples must be Tensors, numpy arrays, numbers, "
                    f"strings, dicts, tuples or lists, got {described(first)}")


class _ArrayPairs(Dataset):
    """The seeds' loader's dataset: sample i is (x[i], y[i]); a batch is (x[rows], y[rows])."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __getitem__(self, index):
        return self.x[index], self.y[index]

    def __len__(self):
        return len(self.x)

    def get_batch(self, indices):
        return self.x[indices], self.y[indices]


def _is_rows(value):
    """True for an array of samples (anything with a length that can be indexed, not a
    number): the second argument of the seeds' call, DataLoader(x, y, batch_size)."""
    return hasattr(value, "__len__") and hasattr(value, "__getitem__")
