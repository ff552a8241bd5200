"""nn.data's PyTorch interface against torch.utils.data: TensorDataset, DataLoader (batches
with shuffle=False compared value by value, dtype by dtype), default_collate and
random_split. (The seeds' DataLoader(x, y, batch_size) is tested in test_data_loader.py.)

Deliberate differences (named here, listed in the report):
- Shuffled orders come from numpy's generator, so they differ from torch's for the same
  seed; each epoch still visits every sample once: test_shuffle_visits_every_sample_once.
- TensorDataset also takes numpy arrays (held as Tensors) and refuses tensors of different
  lengths with a ValueError (torch: an AssertionError):
  test_tensor_dataset_takes_arrays_and_refuses_unequal_lengths.
- random_split's subsets hold other samples than torch's for the same seed (numpy's
  permutation); their lengths are torch's: test_random_split_lengths_are_torch_s.
"""
from collections import namedtuple

import numpy as np
import pytest
import torch
import torch.utils.data as tdata
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from nn.data import DataLoader, Dataset, TensorDataset, default_collate, random_split


def _tensors(n):
    x = np.arange(n * 3, dtype=np.float32).reshape(n, 3)
    y = np.arange(n, dtype=np.int64) % 4
    return x, y


def _as_numpy(batch):
    """A batch (Tensor, tensor, list, tuple, dict) with every tensor as a numpy array."""
    if isinstance(batch, (ag.Tensor, torch.Tensor)):
        return np.asarray(batch.detach().numpy() if isinstance(batch, torch.Tensor) else batch.data)
    if isinstance(batch, dict):
        return {key: _as_numpy(value) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        values = [_as_numpy(value) for value in batch]
        return type(batch)(*values) if hasattr(batch, "_fields") else type(batch)(values)
    return batch


def _assert_same_batches(ours, theirs):
    ours, theirs = list(ours), list(theirs)
    assert len(ours) == len(theirs)
    for our, their in zip(ours, theirs):
        _assert_same(_as_numpy(our), _as_numpy(their))


def _assert_same(ours, theirs):
    assert type(ours) is type(theirs), (type(ours), type(theirs))
    if isinstance(ours, np.ndarray):
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
        np.testing.assert_array_equal(ours, theirs)
    elif isinstance(ours, dict):
        assert list(ours) == list(theirs)
        for key in ours:
            _assert_same(ours[key], theirs[key])
    elif isinstance(ours, (list, tuple)):
        assert len(ours) == len(theirs)
        for our, their in zip(ours, theirs):
            _assert_same(our, their)
    else:
        assert ours == theirs


# -- TensorDataset -----------------------------------------------------------------------------

def test_tensor_dataset_gives_torch_s_samples():
    x, y = _tensors(5)
    ours = TensorDataset(ag.Tensor(x), ag.Tensor(y))
    theirs = tdata.TensorDataset(torch.tensor(x), torch.tensor(y))
    assert len(ours) == len(theirs) == 5
    for i in (0, 4, -1):
        _assert_same(_as_numpy(ours[i]), _as_numpy(theirs[i]))
    assert isinstance(ours, Dataset)


def test_tensor_dataset_takes_arrays_and_refuses_unequal_lengths():
    x, y = _tensors(5)
    dataset = TensorDataset(x, y)
    assert all(isinstance(t, ag.Tensor) for t in dataset.tensors)
    with pytest.raises(ValueError, match=r"same first dimension .*got lengths \[5, 4\]"):
        TensorDataset(x, y[:4])
    with pytest.raises(TypeError, match="TensorDataset: argument 1 must be a Tensor or a numpy "
                                        "array, got list"):
        TensorDataset(x, [1, 2])


def test_the_base_dataset_asks_for_its_methods():
    with pytest.raises(NotImplementedError, match="Dataset must define __getitem__"):
        Dataset()[0]


# -- DataLoader, PyTorch's call ----------------------------------------------------------------

@given(n=st.integers(1, 20), batch_size=st.integers(1, 8), drop_last=st.booleans())
def test_tensor_dataset_batches_are_torch_s(n, batch_size, drop_last):
    x, y = _tensors(n)
    ours = DataLoader(TensorDataset(ag.Tensor(x), ag.Tensor(y)), batch_size=batch_size,
                      drop_last=drop_last)
    theirs = tdata.DataLoader(tdata.TensorDataset(torch.tensor(x), torch.tensor(y)),
                              batch_size=batch_size, drop_last=drop_last)
    assert len(ours) == len(theirs)
    _assert_same_batches(ours, theirs)


class Pairs(Dataset):
    """Samples of every kind default_collate takes: an array, a numpy number, Python
    numbers, a string, a dict, a namedtuple."""
    Point = namedtuple("Point", "u v")

    def __len__(self):
        return 5

    def __getitem__(self, i):
        return (np.full(2, i, dtype=np.float32), np.int32(i), float(i) / 2, i, i % 2 == 0,
                f"digit {i}", {"a": i, "b": [i, -i]}, self.Point(i, float(i)))


@pytest.mark.parametrize("batch_size", [1, 2, 5])
def test_default_collate_batches_every_kind_of_sample_as_torch(batch_size):
    _assert_same_batches(DataLoader(Pairs(), batch_size=batch_size),
                         tdata.DataLoader(Pairs(), batch_size=batch_size))


def test_default_collate_of_python_numbers_has_torch_s_dtypes():
    for samples in ([1.0, 2.5], [1, 2], [True, False], [np.float32(1), np.float32(2)]):
        ours, theirs = default_collate(samples), tdata.default_collate(samples)
        _assert_same(_as_numpy(ours), _as_numpy(theirs))


def test_default_collate_stacks_tensors_differentiably():
    leaf = ag.Tensor([1.0, 2.0], requires_grad=True)
    stacked = default_collate([leaf, leaf * 2])
    stacked.sum().backward()
    np.testing.assert_array_equal(leaf.grad, [3.0, 3.0])


def test_a_list_is_a_dataset_as_in_torch():
    _assert_same_batches(DataLoader([1, 2, 3], batch_size=2),
                         tdata.DataLoader([1, 2, 3], batch_size=2))
    assert len(DataLoader(list(range(7)))) == 7  # batch_size=1 by default


def test_collate_fn_receives_the_list_of_samples():
    loader = DataLoader(Pairs(), batch_size=2, collate_fn=lambda samples: len(samples))
    assert list(loader) == [2, 2, 1]


@pytest.mark.parametrize("samples, error, pattern", [
    ([(1, 2), (3,)], RuntimeError, r"same number of fields, got \[1, 2\]"),
    ([object()], TypeError, "samples must be Tensors, numpy arrays, .*got object"),
])
def test_default_collate_refuses_what_torch_refuses(samples, error, pattern):
    with pytest.raises(error, match="default_collate: .*" + pattern):
        default_collate(samples)
    with pytest.raises(error):
        tdata.default_collate(samples)


@pytest.mark.parametrize("arguments, error, pattern", [
    ((5,), TypeError, "dataset must have __getitem__ and __len__"),
    (([1, 2], 0), ValueError, "batch_size must be positive, got 0"),
    (([1, 2], 1.5), TypeError, "batch_size must be an int, got float"),
    (([1, 2], 1, "yes"), TypeError, "shuffle must be True or False"),
    (([1, 2], 1, True, False, 3), TypeError, "generator must be an autograd.Generator"),
    (([1, 2], 1, False, False, None, 3), TypeError, "collate_fn must be callable"),
])
def test_dataloader_names_a_bad_argument(arguments, error, pattern):
    with pytest.raises(error, match="DataLoader: " + pattern):
        DataLoader(*arguments)


def test_shuffle_visits_every_sample_once():
    x, y = _tensors(23)
    loader = DataLoader(TensorDataset(x, y), batch_size=5, shuffle=True,
                        generator=ag.Generator().manual_seed(0))
    epochs = [np.concatenate([batch[0].data[:, 0] for batch in loader]) for _ in range(2)]
    for seen in epochs:
        assert sorted(seen.tolist()) == x[:, 0].tolist()
    assert epochs[0].tolist() != epochs[1].tolist()


@pytest.mark.parametrize("make_generator", [lambda: ag.Generator().manual_seed(4),
                                            lambda: np.random.default_rng(4)])
def test_a_seeded_generator_replays_the_same_epochs(make_generator):
    def epochs(generator):
        loader = DataLoader(list(range(12)), batch_size=4, shuffle=True, generator=generator)
        return [[batch.data.tolist() for batch in loader] for _ in range(2)]

    assert epochs(make_generator()) == epochs(make_generator())


def test_without_a_generator_shuffling_follows_autograd_manual_seed():
    def epoch():
        return [b.data.tolist() for b in DataLoader(list(range(9)), batch_size=3, shuffle=True)]

    ag.manual_seed(11)
    first = epoch()
    ag.manual_seed(11)
    assert epoch() == first


def test_the_seeds_call_still_gives_numpy_pairs():
    x, y = _tensors(7)
    batches = list(DataLoader(x, y, 3, shuffle=False))
    assert [type(b) for b in batches] == [tuple] * 3
    np.testing.assert_array_equal(batches[0][0], x[:3])
    assert np.shares_memory(batches[0][0], x)
    assert len(list(DataLoader(x=x, y=y, batch_size=2, seed=0))) == 4


# -- random_split ------------------------------------------------------------------------------

@pytest.mark.parametrize("n, lengths", [(10, [3, 7]), (10, [0.3, 0.7]), (10, [0.33, 0.33, 0.34]),
                                        (7, [0.5, 0.5]), (5, [5, 0])])
def test_random_split_lengths_are_torch_s(n, lengths):
    ours = random_split(list(range(n)), lengths, generator=ag.Generator().manual_seed(0))
    theirs = tdata.random_split(list(range(n)), lengths,
                                generator=torch.Generator().manual_seed(0))
    assert [len(s) for s in ours] == [len(s) for s in theirs]
    together = sorted(item for subset in ours for item in (subset[i] for i in range(len(subset))))
    assert together == list(range(n))


def test_random_split_is_reproducible_and_its_subsets_load():
    x, y = _tensors(10)
    first = random_split(TensorDataset(x, y), [6, 4], generator=np.random.default_rng(2))
    second = random_split(TensorDataset(x, y), [6, 4], generator=np.random.default_rng(2))
    assert first[0].indices == second[0].indices
    (batch,) = list(DataLoader(first[1], batch_size=4))
    np.testing.assert_array_equal(batch[1].data, y[first[1].indices])


@pytest.mark.parametrize("lengths, pattern", [
    ([3, 8], r"must sum to the dataset's length 10 .*got \[3, 8\]"),
    ([0.5, 0.6], r"must sum to the dataset's length 10"),
    ([-1, 11], "non-negative ints or fractions, got int -1 at index 0"),
    (["a"], "non-negative ints or fractions, got str 'a' at index 0"),
])
def test_random_split_refuses_lengths_that_do_not_fit(lengths, pattern):
    with pytest.raises(ValueError, match="random_split: .*" + pattern):
        random_split(list(range(10)), lengths)
