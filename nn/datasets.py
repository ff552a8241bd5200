"""Datasets as PyTorch's torch.utils.data: `Dataset` (the base: `__getitem__` and
`__len__`), `TensorDataset` (samples are rows of tensors), `Subset` and `random_split`.

A dataset may also offer `get_batch(indices)`: the whole batch at once, equal to what
`default_collate` makes of its samples (TensorDataset indexes each tensor once). DataLoader
uses it when no collate_fn is given.
"""
import itertools
import math
import numbers
import warnings

import numpy as np

from autograd import Tensor

from .arguments import described, is_int, numpy_generator


class Dataset:
    """The base of map-style datasets: subclasses define `__getitem__(index)`, one sample
    for an index in 0..len-1, and `__len__()`."""

    def __getitem__(self, index):
        raise NotImplementedError(f"{type(self).__name__} must define __getitem__")

    def __len__(self):
        raise NotImplementedError(f"{type(self).__name__} must define __len__")


class TensorDataset(Dataset):
    """Sample i is (tensors[0][i], tensors[1][i], ...): for example
    TensorDataset(images, labels). Every tensor must have the same first dimension. numpy
    arrays are accepted too and held as Tensors (copies)."""

    def __init__(self, *tensors):
        self.tensors = tuple(_as_tensor(t, position) for position, t in enumerate(tensors))
        lengths = [len(t) for t in self.tensors]
        if len(set(lengths)) > 1:
            raise ValueError(f"TensorDataset: every tensor must have the same first dimension "
                             f"(one row per sample), got lengths {lengths}")

    def __getitem__(self, index):
        return tuple(tensor[index] for tensor in self.tensors)

    def __len__(self):
        return len(self.tensors[0]) if self.tensors else 0

    def get_batch(self, indices):
        """[tensors[0][indices], tensors[1][indices], ...]: a list, as default_collate gives
        for tuples of samples."""
        return [tensor[indices] for tensor in self.tensors]


class Subset(Dataset):
    """The samples of `dataset` at `indices`, in that order: Subset(d, [4, 0])[1] is d[0]."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, index):
        return self.dataset[self.indices[index]]

    def __len__(self):
        return len(self.indices)


def random_split(dataset, lengths, generator=None):
    """Split `dataset` into Subsets of the given `lengths` (ints that sum to len(dataset)),
    or fractions that sum to 1 (each floor(n fraction) long, the samples left over given one
    each to the first subsets), drawing which sample goes where from `generator`
    (an autograd.Generator, a numpy Generator, or None for autograd's default one)."""
    n = len(dataset)
    lengths = list(lengths)
    for position, length in enumerate(lengths):
        if isinstance(length, bool) or not isinstance(length, numbers.Real) or length < 0:
            raise ValueError(f"random_split: lengths must be non-negative ints or fractions, "
                             f"got {described(length)} at index {position}")
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1 and not all(map(is_int, lengths)):
        lengths = _lengths_of_fractions(lengths, n)
    if not all(map(is_int, lengths)) or sum(lengths) != n:
        raise ValueError(f"random_split: the lengths must sum to the dataset's length {n} (or "
                         f"the fractions to 1), got {lengths}")
    order = numpy_generator(generator, "random_split").permutation(n).tolist()
    ends = itertools.accumulate(lengths)
    return [Subset(dataset, order[end - length:end]) for end, length in zip(ends, lengths)]


def _lengths_of_fractions(fractions, n):
    lengths = [math.floor(n * fraction) for fraction in fractions]
    for position in range(n - sum(lengths)):
        lengths[position % len(lengths)] += 1
    for position, length in enumerate(lengths):
        if length == 0:
            warnings.warn(f"random_split: the subset at index {position} is empty", UserWarning,
                          stacklevel=3)
    return lengths


def _as_tensor(value, position):
    if isinstance(value, Tensor):
        return value
    if isinstance(value, np.ndarray):
        return Tensor(value)
    raise TypeError(f"TensorDataset: argument {position} must be a Tensor or a numpy array, "
                    f"got {described(value)}")
