"""Tests of nn.save / nn.load: round trips, atomic writes, and every error named clearly."""
import json

import numpy as np
import pytest

import nn
from nn.checkpoint import INFO_KEY, NotRebuildableError, read


def _assert_same_parameters(a, b):
    for (name, p), q in zip(a.named_parameters(), b.parameters()):
        assert p.dtype == q.dtype
        np.testing.assert_array_equal(p.data, q.data, err_msg=name)


def test_round_trip_rebuilds_the_mlp_with_its_parameters(tmp_path):
    model = nn.MLP([5, 4, 3], activation="tanh", output_activation=None, seed=1,
                   dtype=np.float64)
    path = tmp_path / "model.npz"
    nn.save(model, path, epoch=3, accuracy=np.float32(0.75), sizes=np.array([5, 4, 3]))
    loaded = nn.load(path)
    assert isinstance(loaded, nn.MLP) and loaded.config() == model.config()
    _assert_same_parameters(loaded, model)
    checkpoint = read(path)
    assert checkpoint.model_class == "MLP"
    assert checkpoint.metadata == {"epoch": 3, "accuracy": 0.75, "sizes": [5, 4, 3]}


def test_load_into_a_given_model_returns_that_model(tmp_path):
    model = nn.MLP([3, 2], seed=0)
    nn.save(model, tmp_path / "m.npz")
    target = nn.MLP([3, 2], seed=9)
    assert nn.load(tmp_path / "m.npz", model=target) is target
    _assert_same_parameters(target, model)


def test_a_module_without_config_loads_into_a_given_model(tmp_path):
    layer = nn.Linear(3, 2, seed=0)
    nn.save(layer, tmp_path / "layer.npz")
    assert read(tmp_path / "layer.npz").config is None
    _assert_same_parameters(nn.load(tmp_path / "layer.npz", model=nn.Linear(3, 2)), layer)
    with pytest.raises(NotRebuildableError,
                       match=r"layer.npz holds no MLP or CNN config \(it records a Linear\); pass model=") \
            as caught:
        nn.load(tmp_path / "layer.npz")
    assert caught.value.holds == "a Linear"


def test_the_file_is_a_plain_npz_without_pickles(tmp_path):
    model = nn.MLP([3, 2], seed=0)
    nn.save(model, tmp_path / "m.npz", note="hello")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as archive:
        assert sorted(archive.files) == sorted(["layers.0.weight", "layers.0.bias", INFO_KEY])
        info = archive[INFO_KEY]
        assert info.dtype.kind == "U"
        assert json.loads(str(info))["metadata"] == {"note": "hello"}


def test_a_plain_state_dict_archive_loads_into_a_given_model(tmp_path):
    model = nn.MLP([3, 2], seed=0)
    np.savez(tmp_path / "plain.npz", **model.state_dict())
    _assert_same_parameters(nn.load(tmp_path / "plain.npz", model=nn.MLP([3, 2])), model)
    with pytest.raises(ValueError, match="plain.npz holds no MLP or CNN config .*no model class"):
        nn.load(tmp_path / "plain.npz")


def test_save_replaces_the_file_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "m.npz"
    nn.save(nn.MLP([3, 2], seed=0), path)
    second = nn.MLP([3, 2], seed=1)
    nn.save(second, path)
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    _assert_same_parameters(nn.load(path), second)


def test_metadata_that_is_not_json_is_refused_before_writing(tmp_path):
    path = tmp_path / "m.npz"
    nn.save(nn.MLP([3, 2], seed=0), path, epoch=1)
    with pytest.raises(TypeError, match="JSON-able.*object"):
        nn.save(nn.MLP([3, 2], seed=1), path, epoch=object())
    assert read(path).metadata == {"epoch": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_only_modules_can_be_saved(tmp_path):
    with pytest.raises(TypeError, match="expected an nn.Module, got dict"):
        nn.save({"w": np.zeros(2)}, tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="no checkpoint file at .*absent.npz"):
        nn.load(tmp_path / "absent.npz")


def test_a_directory_is_not_a_checkpoint_file(tmp_path):
    with pytest.raises(IsADirectoryError, match=f"load: {tmp_path} is a directory"):
        nn.load(tmp_path)


def test_save_to_a_directory_asks_for_a_file_path_and_writes_nothing(tmp_path):
    with pytest.raises(IsADirectoryError) as caught:
        nn.save(nn.MLP([3, 2], seed=0), tmp_path)
    assert str(caught.value) == (
        f"save: {tmp_path} is a directory; give a file path such as {tmp_path / 'model.npz'}"
    )
    assert list(tmp_path.iterdir()) == []
    assert list(tmp_path.parent.glob(f".{tmp_path.name}.*")) == []  # no temporary file beside it


def test_save_into_a_missing_directory_names_that_directory(tmp_path):
    missing = tmp_path / "nonexist" / "dir"
    with pytest.raises(FileNotFoundError) as caught:
        nn.save(nn.MLP([3, 2], seed=0), missing / "m.npz")
    assert str(caught.value) == f"save: directory {missing} does not exist"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_names_the_file_not_a_temporary_one(tmp_path, monkeypatch):
    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nn.atomic_write.os.replace", disk_full)
    with pytest.raises(OSError) as caught:
        nn.save(nn.MLP([3, 2], seed=0), tmp_path / "m.npz")
    assert str(caught.value) == f"save: {tmp_path / 'm.npz'}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def _write_text(path):
    path.write_text("not an archive")


def _write_npy(path):
    with open(path, "wb") as file:
        np.save(file, np.zeros(3))


def _write_truncated(path):
    nn.save(nn.MLP([30, 20], seed=0), path)
    path.write_bytes(path.read_bytes()[:300])


@pytest.mark.parametrize("write", [_write_text, _write_npy])
def test_a_file_that_is_not_an_npz_archive_is_named_as_such(tmp_path, write):
    path = tmp_path / "bad.npz"
    write(path)
    with pytest.raises(ValueError) as caught:
        nn.load(path)
    assert str(caught.value) == (
        f"load: {path} is not a chainrule checkpoint (not a numpy .npz archive)"
    )


def _write_object_array(path):
    np.savez(path, weights=np.array([{"a": 1}], dtype=object))


@pytest.mark.parametrize("write", [_write_truncated, _write_object_array])
def test_a_damaged_archive_is_a_value_error_that_never_suggests_pickle(tmp_path, write):
    path = tmp_path / "bad.npz"
    write(path)
    with pytest.raises(ValueError, match="bad.npz is not a readable .npz checkpoint") as caught:
        nn.load(path)
    assert "allow_pickle" not in str(caught.value)


def test_a_damaged_info_entry_is_a_value_error(tmp_path):
    np.savez(tmp_path / "m.npz", **{INFO_KEY: np.array("{not json")})
    with pytest.raises(ValueError, match=f"m.npz has a damaged {INFO_KEY} entry"):
        nn.load(tmp_path / "m.npz")


def test_an_unusable_config_is_a_value_error(tmp_path):
    info = {"model_class": "MLP", "config": {"sizes": [3]}, "metadata": {}}
    np.savez(tmp_path / "m.npz", **{INFO_KEY: np.array(json.dumps(info))})
    with pytest.raises(ValueError, match="m.npz has an unusable MLP config: .*at least two"):
        nn.load(tmp_path / "m.npz")


def test_parameters_that_do_not_fit_the_model_name_file_entry_and_shapes(tmp_path):
    nn.save(nn.MLP([3, 2], seed=0), tmp_path / "m.npz")
    target = nn.MLP([3, 4], seed=1)
    before = target.state_dict()
    with pytest.raises(ValueError,
                       match=r"m.npz does not fit MLP: .*'layers.0.weight': shape \(2, 3\) in the"):
        nn.load(tmp_path / "m.npz", model=target)
    with pytest.raises(ValueError, match=r"m.npz does not fit MLP: .*Missing key\(s\) in state_dict: 'layers.2"):
        nn.load(tmp_path / "m.npz", model=nn.MLP([3, 2, 2]))
    for name, array in target.state_dict().items():
        np.testing.assert_array_equal(array, before[name])
