"""nn.data.DataLoader: mini-batches that cover every sample once per epoch, reproducible
shuffling from a seed or a given generator, the short last batch, views without shuffling."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nn.data import DataLoader, one_hot


# --- DataLoader -----------------------------------------------------------------


def _indexed_data(n):
    """x row i holds i twice (so batches can be traced); y holds i as int16."""
    x = np.repeat(np.arange(n, dtype=np.float32)[:, None], 2, axis=1)
    return x, np.arange(n, dtype=np.int16)


def test_dataloader_covers_every_sample_exactly_once_per_epoch():
    x, y = _indexed_data(23)
    loader = DataLoader(x, y, batch_size=5, seed=0)
    for _ in range(3):
        seen = np.concatenate([y_batch for _, y_batch in loader])
        assert sorted(seen.tolist()) == list(range(23))


def test_dataloader_keeps_x_and_y_rows_together_and_dtypes():
    x, y = _indexed_data(10)
    for x_batch, y_batch in DataLoader(x, y, batch_size=3, seed=1):
        assert x_batch.dtype == np.float32 and y_batch.dtype == np.int16
        assert np.array_equal(x_batch[:, 0], y_batch) and np.array_equal(x_batch[:, 1], y_batch)


def test_dataloader_keeps_the_short_last_batch_unless_drop_last():
    x, y = _indexed_data(10)
    kept = DataLoader(x, y, batch_size=4, seed=0)
    dropped = DataLoader(x, y, batch_size=4, seed=0, drop_last=True)
    assert len(kept) == 3 and [len(b) for _, b in kept] == [4, 4, 2]
    assert len(dropped) == 2 and [len(b) for _, b in dropped] == [4, 4]


@given(n=st.integers(0, 40), batch_size=st.integers(1, 12), drop_last=st.booleans())
def test_dataloader_length_matches_the_batches_it_yields(n, batch_size, drop_last):
    x, y = _indexed_data(n)
    loader = DataLoader(x, y, batch_size, seed=0, drop_last=drop_last)
    sizes = [len(y_batch) for _, y_batch in loader]
    assert len(sizes) == len(loader)
    assert all(size == batch_size for size in sizes[:-1])
    assert sum(sizes) == (n - n % batch_size if drop_last else n)


def test_dataloader_without_shuffle_yields_views_in_order():
    x, y = _indexed_data(7)
    batches = list(DataLoader(x, y, batch_size=3, shuffle=False))
    assert [b.tolist() for _, b in batches] == [[0, 1, 2], [3, 4, 5], [6]]
    assert all(np.shares_memory(x_batch, x) for x_batch, _ in batches)


def test_dataloaders_with_the_same_seed_give_the_same_epochs():
    x, y = _indexed_data(30)
    first, second = DataLoader(x, y, 8, seed=42), DataLoader(x, y, 8, seed=42)
    for _ in range(3):
        assert [b.tolist() for _, b in first] == [b.tolist() for _, b in second]


def test_a_dataloader_draws_from_the_generator_it_is_given():
    """With rng=, saving and restoring the generator's state replays the same epochs."""
    x, y = _indexed_data(30)
    rng = np.random.default_rng(42)
    loader = DataLoader(x, y, 8, rng=rng)
    assert [b.tolist() for _, b in loader] == [b.tolist() for _, b in DataLoader(x, y, 8, seed=42)]
    saved = rng.bit_generator.state
    next_epoch = [b.tolist() for _, b in loader]
    rng.bit_generator.state = saved
    assert [b.tolist() for _, b in loader] == next_epoch


def test_dataloader_epochs_differ_from_each_other():
    x, y = _indexed_data(30)
    loader = DataLoader(x, y, 30, seed=3)
    epochs = [next(iter(loader))[1].tolist() for _ in range(3)]
    assert epochs[0] != epochs[1] and epochs[1] != epochs[2]


def test_dataloader_validates_lengths_and_batch_size():
    x, y = _indexed_data(5)
    with pytest.raises(ValueError, match="same length, got 5 and 4"):
        DataLoader(x, y[:4], 2)
    with pytest.raises(ValueError, match="batch_size must be positive, got 0"):
        DataLoader(x, y, 0)
    with pytest.raises(TypeError, match="batch_size must be an int, got float"):
        DataLoader(x, y, 2.0)
    with pytest.raises(TypeError, match="got bool"):
        DataLoader(x, y, True)


@pytest.mark.parametrize("arguments, error, words", [
    (dict(x=5), TypeError, "x must be an array of samples"),
    (dict(shuffle="yes"), TypeError, "shuffle"),
    (dict(drop_last=1), TypeError, "drop_last"),
    (dict(seed="x"), TypeError, "seed"),
])
def test_dataloader_names_an_argument_of_the_wrong_type(arguments, error, words):
    x, y = _indexed_data(5)
    settings = dict(x=x, y=y, batch_size=2) | arguments
    with pytest.raises(error, match=words):
        DataLoader(**settings)


@pytest.mark.parametrize("num_classes", [2.0, "10", True, 0])
def test_one_hot_names_a_bad_number_of_classes(num_classes):
    with pytest.raises((TypeError, ValueError), match="num_classes"):
        one_hot(np.array([0, 1]), num_classes=num_classes)
