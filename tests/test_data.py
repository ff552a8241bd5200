"""nn.data and nn.idx: the bundled digits, CSV conversion, IDX files, encodings, mini-batches."""

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

import nn
from nn.data import (
    BUNDLED_PATH,
    MnistSplit,
    bundle_from_csv,
    load_bundled,
    load_idx_dir,
    one_hot,
    read_idx,
    scale_pixels,
)
from nn.idx import write_idx

IDX_NAMES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


# --- the bundled 5,000 digits -------------------------------------------------


def test_bundled_file_lives_inside_the_package():
    assert BUNDLED_PATH.parent == Path(nn.__file__).parent
    assert BUNDLED_PATH.is_file()


def test_bundled_split_has_4000_train_and_1000_test_digits_of_the_right_dtypes(bundled):
    assert isinstance(bundled, MnistSplit)
    assert bundled.x_train.shape == (4000, 784) and bundled.x_train.dtype == np.uint8
    assert bundled.y_train.shape == (4000,) and bundled.y_train.dtype == np.int64
    assert bundled.x_test.shape == (1000, 784) and bundled.x_test.dtype == np.uint8
    assert bundled.y_test.shape == (1000,) and bundled.y_test.dtype == np.int64


def test_bundled_split_has_400_train_and_100_test_digits_of_each_class(bundled):
    assert np.bincount(bundled.y_train, minlength=10).tolist() == [400] * 10
    assert np.bincount(bundled.y_test, minlength=10).tolist() == [100] * 10


def test_bundled_pixels_span_0_to_255_and_labels_0_to_9(bundled):
    for x in (bundled.x_train, bundled.x_test):
        assert x.min() == 0 and x.max() == 255
    for y in (bundled.y_train, bundled.y_test):
        assert set(np.unique(y).tolist()) == set(range(10))


def test_bundled_test_digits_are_the_rows_whose_index_is_4_modulo_5(bundled):
    with np.load(BUNDLED_PATH, allow_pickle=False) as archive:
        images, labels = archive["images"], archive["labels"]
    assert np.array_equal(bundled.x_test, images[4::5])
    assert np.array_equal(bundled.y_test, labels[4::5])
    train_rows = np.arange(5000) % 5 != 4
    assert np.array_equal(bundled.x_train, images[train_rows])
    assert np.array_equal(bundled.y_train, labels[train_rows])


# --- CSV conversion -----------------------------------------------------------


def _csv_rows(rows):
    return "".join(",".join(str(v) for v in row) + "\n" for row in rows)


def _digit_row(pixel, label):
    return [pixel] * 784 + [label]


@pytest.mark.parametrize("name", ["tiny.csv", "tiny.csv.gz"])
def test_bundle_from_csv_keeps_rows_in_order_as_uint8(tmp_path, name):
    text = _csv_rows([_digit_row(7, 3), _digit_row(255, 0), _digit_row(0, 9)])
    csv_path = tmp_path / name
    if name.endswith(".gz"):
        csv_path.write_bytes(gzip.compress(text.encode()))
    else:
        csv_path.write_text(text)
    out_path = tmp_path / "tiny.npz"
    bundle_from_csv(csv_path, out_path)
    with np.load(out_path, allow_pickle=False) as archive:
        images, labels = archive["images"], archive["labels"]
    assert images.dtype == np.uint8 and images.shape == (3, 784)
    assert labels.dtype == np.uint8 and labels.tolist() == [3, 0, 9]
    assert images[:, 0].tolist() == [7, 255, 0]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "tiny.npz"])


@pytest.mark.parametrize(
    "row, message",
    [
        ([1] * 784, "expected rows of 785 comma-separated integers"),
        (_digit_row(256, 1), "pixel values in 0..255, got 256"),
        (_digit_row(3, 10), "label values in 0..9, got 10"),
        (_digit_row(3, -1), "label values in 0..9, got -1"),
    ],
)
def test_bundle_from_csv_rejects_bad_rows_naming_the_file(tmp_path, row, message):
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text(_csv_rows([_digit_row(0, 0), row]))
    with pytest.raises(ValueError, match=message) as caught:
        bundle_from_csv(csv_path, tmp_path / "out.npz")
    assert str(csv_path) in str(caught.value)
    assert not (tmp_path / "out.npz").exists()


def test_bundle_from_csv_rejects_non_integer_text(tmp_path):
    csv_path = tmp_path / "words.csv"
    csv_path.write_text("a,b,c\n")
    with pytest.raises(ValueError, match="words.csv: expected rows of 785 comma-separated"):
        bundle_from_csv(csv_path, tmp_path / "out.npz")


def test_bundle_from_csv_rejects_a_table_of_the_wrong_width(tmp_path):
    csv_path = tmp_path / "narrow.csv"
    csv_path.write_text(_csv_rows([[1] * 784, [2] * 784]))
    with pytest.raises(ValueError, match="narrow.csv: expected 785 columns .*, got 784"):
        bundle_from_csv(csv_path, tmp_path / "out.npz")


# --- IDX files ----------------------------------------------------------------


def _images(n, seed=0, size=28):
    return np.random.default_rng(seed).integers(0, 256, (n, size, size), dtype=np.uint8)


def _labels(n, seed=0):
    return np.random.default_rng(seed).integers(0, 10, n, dtype=np.uint8)


@pytest.mark.parametrize("name", ["images", "images.gz"])
def test_read_idx_reads_back_images_written_plain_or_gzipped(tmp_path, name):
    images = _images(5)
    write_idx(tmp_path / name, images)
    assert (tmp_path / name).read_bytes()[:2] == (b"\x1f\x8b" if name.endswith(".gz") else b"\0\0")
    result = read_idx(tmp_path / name)
    assert result.dtype == np.uint8
    assert np.array_equal(result, images)


def test_read_idx_reads_labels_with_the_standard_header(tmp_path):
    path = tmp_path / "labels"
    path.write_bytes(struct.pack(">II", 0x00000801, 3) + bytes([4, 0, 9]))
    assert read_idx(path).tolist() == [4, 0, 9]


def test_read_idx_detects_gzip_by_content_not_name(tmp_path):
    write_idx(tmp_path / "labels", _labels(4), compress=True)
    assert np.array_equal(read_idx(tmp_path / "labels"), _labels(4))


def test_read_idx_returns_a_writable_array(tmp_path):
    write_idx(tmp_path / "labels", _labels(4))
    labels = read_idx(tmp_path / "labels")
    labels[0] = 200
    assert labels[0] == 200


@pytest.mark.parametrize(
    "content, message",
    [
        (struct.pack(">II", 0x00000802, 1) + b"\0", "expected 0x00000801 .* got 0x00000802"),
        (struct.pack(">II", 0x01000801, 1) + b"\0", "got 0x01000801"),
        (struct.pack(">II", 0x00000801, 12) + bytes(10), "expected 12 bytes of data .* got 10"),
        (struct.pack(">IIII", 0x00000803, 2, 2, 3) + bytes(13), "1 extra trailing bytes"),
        (struct.pack(">III", 0x00000803, 2, 2), "truncated IDX header: expected 16 bytes, got 12"),
        (b"\0\0", "truncated IDX header: expected at least 4 bytes, got 2"),
        (struct.pack(">IIII", 0x00000803, 2**31, 2**31, 4),
         f"expected {2**64} bytes of data for shape \\(2147483648, 2147483648, 4\\), got 0"),
    ],
    ids=["wrong-type", "wrong-prefix", "truncated-data", "trailing-bytes", "short-header", "tiny",
         "sizes-whose-product-overflows-int64"],
)
def test_read_idx_rejects_malformed_files_naming_the_file(tmp_path, content, message):
    for path, data in [(tmp_path / "bad", content), (tmp_path / "bad.gz", gzip.compress(content))]:
        path.write_bytes(data)
        with pytest.raises(ValueError, match=message) as caught:
            read_idx(path)
        assert str(path) in str(caught.value)


def test_read_idx_rejects_damaged_gzip_naming_the_file(tmp_path):
    path = tmp_path / "cut.gz"
    path.write_bytes(gzip.compress(struct.pack(">II", 0x00000801, 500) + bytes(500))[:-20])
    with pytest.raises(ValueError, match="cut.gz: damaged gzip data"):
        read_idx(path)


def test_read_idx_of_a_missing_file_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="absent"):
        read_idx(tmp_path / "absent")


def test_write_idx_rejects_non_uint8_and_unsupported_shapes(tmp_path):
    with pytest.raises(TypeError, match="expected a uint8 array, got dtype int64"):
        write_idx(tmp_path / "x", np.zeros(3, dtype=np.int64))
    with pytest.raises(ValueError, match=r"got \(2, 3\)"):
        write_idx(tmp_path / "x", np.zeros((2, 3), dtype=np.uint8))
    assert list(tmp_path.iterdir()) == []


# --- load_idx_dir ---------------------------------------------------------------


def _write_mnist_dir(directory, n_train=6, n_test=3, gz=(False, True, True, False)):
    arrays = (_images(n_train, 1), _labels(n_train, 2), _images(n_test, 3), _labels(n_test, 4))
    for name, array, compressed in zip(IDX_NAMES, arrays, gz):
        write_idx(directory / (name + ".gz" if compressed else name), array)
    return arrays


def test_load_idx_dir_reads_plain_and_gzipped_files_flattening_images(tmp_path):
    train_images, train_labels, test_images, test_labels = _write_mnist_dir(tmp_path)
    split = load_idx_dir(tmp_path)
    assert split.x_train.shape == (6, 784) and split.x_train.dtype == np.uint8
    assert split.x_test.shape == (3, 784)
    assert split.y_train.dtype == np.int64 and split.y_test.dtype == np.int64
    assert np.array_equal(split.x_train, train_images.reshape(6, 784))
    assert np.array_equal(split.x_test[2], test_images[2].ravel())
    assert split.y_train.tolist() == train_labels.tolist()
    assert split.y_test.tolist() == test_labels.tolist()


def test_load_idx_dir_prefers_the_plain_file_when_both_exist(tmp_path):
    _write_mnist_dir(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.array([9, 9, 9], dtype=np.uint8))
    assert load_idx_dir(tmp_path).y_test.tolist() == _labels(3, 4).tolist()


def test_load_idx_dir_of_a_missing_directory_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such directory: .*nowhere"):
        load_idx_dir(tmp_path / "nowhere")


def test_load_idx_dir_with_a_missing_file_names_it(tmp_path):
    _write_mnist_dir(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError, match="train-labels-idx1-ubyte.gz"):
        load_idx_dir(tmp_path)


def test_load_idx_dir_rejects_image_label_count_mismatch(tmp_path):
    _write_mnist_dir(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", _labels(4))
    with pytest.raises(ValueError, match="t10k-images.* 3 images but .*t10k-labels.* 4 labels"):
        load_idx_dir(tmp_path)


def test_load_idx_dir_rejects_images_that_are_not_28_by_28(tmp_path):
    _write_mnist_dir(tmp_path)
    write_idx(tmp_path / "train-images-idx3-ubyte", _images(6, size=20))
    with pytest.raises(ValueError, match=r"train-images-idx3-ubyte: .*got \(6, 20, 20\)"):
        load_idx_dir(tmp_path)


def test_load_idx_dir_rejects_labels_file_in_place_of_images(tmp_path):
    _write_mnist_dir(tmp_path)
    write_idx(tmp_path / "train-images-idx3-ubyte", _labels(6))
    with pytest.raises(ValueError, match=r"expected images of shape \(n, 28, 28\), got \(6,\)"):
        load_idx_dir(tmp_path)


def test_load_idx_dir_rejects_labels_above_9(tmp_path):
    _write_mnist_dir(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", np.array([1, 12, 3], dtype=np.uint8))
    with pytest.raises(ValueError, match="t10k-labels-idx1-ubyte: expected label values .*got 12"):
        load_idx_dir(tmp_path)


# --- scale_pixels and one_hot ---------------------------------------------------


def test_scale_pixels_maps_0_to_255_onto_0_to_1_as_float32():
    scaled = scale_pixels(np.array([[0, 51, 255]], dtype=np.uint8))
    assert scaled.dtype == np.float32
    assert np.allclose(scaled, [[0.0, 0.2, 1.0]])
    assert scaled.max() == 1.0


def test_scale_pixels_rejects_values_outside_0_to_255():
    with pytest.raises(ValueError, match="expected pixel values in 0..255, got 0..300"):
        scale_pixels(np.array([0, 300]))


def test_one_hot_puts_a_single_one_at_each_label():
    encoded = one_hot(np.array([3, 0, 9]))
    assert encoded.shape == (3, 10) and encoded.dtype == np.float32
    assert encoded.sum(axis=1).tolist() == [1, 1, 1]
    assert np.argmax(encoded, axis=1).tolist() == [3, 0, 9]


def test_one_hot_honours_num_classes_dtype_and_label_shape():
    encoded = one_hot(np.array([[1, 2]]), num_classes=3, dtype=np.float64)
    assert encoded.dtype == np.float64
    assert encoded.tolist() == [[[0, 1, 0], [0, 0, 1]]]


def test_one_hot_rejects_out_of_range_and_non_integer_labels():
    with pytest.raises(ValueError, match="expected labels in 0..9, got values 0..10"):
        one_hot(np.array([0, 10]))
    with pytest.raises(ValueError, match="got values -1..2"):
        one_hot(np.array([-1, 2]))
    with pytest.raises(TypeError, match="expected integer labels, got dtype float64"):
        one_hot(np.array([1.0, 2.0]))
