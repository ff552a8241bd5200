"""nn.data.download against a local HTTP server on 127.0.0.1 serving small IDX files."""

import functools
import hashlib
import http.server
import re
import socket
import threading

import numpy as np
import pytest

from nn.data import MNIST_SHA256, download
from nn.download import DownloadError, default_cache_dir
from nn.idx import write_idx

NAMES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, notes each requested path, and logs nothing."""

    def do_GET(self):
        self.server.requested.append(self.path)
        super().do_GET()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """A folder of four small gzipped MNIST files, served over HTTP on 127.0.0.1."""
    folder = tmp_path / "served"
    folder.mkdir()
    rng = np.random.default_rng(0)
    arrays = {
        NAMES[0]: rng.integers(0, 256, (4, 28, 28), dtype=np.uint8),
        NAMES[1]: np.array([3, 1, 4, 1], dtype=np.uint8),
        NAMES[2]: rng.integers(0, 256, (2, 28, 28), dtype=np.uint8),
        NAMES[3]: np.array([5, 9], dtype=np.uint8),
    }
    for name, array in arrays.items():
        write_idx(folder / name, array)
    sums = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in NAMES}
    handler = functools.partial(_RecordingHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requested = []
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield {"folder": folder, "arrays": arrays, "sums": sums, "url": url, "server": server}
    server.shutdown()
    server.server_close()
    thread.join()


def test_download_returns_the_served_digits_and_then_uses_the_cache(served, tmp_path):
    cache = tmp_path / "cache"
    split = download(cache_dir=cache, base_url=served["url"], files=served["sums"])
    arrays = served["arrays"]
    assert np.array_equal(split.x_train, arrays[NAMES[0]].reshape(4, 784))
    assert split.y_train.tolist() == [3, 1, 4, 1] and split.y_train.dtype == np.int64
    assert np.array_equal(split.x_test, arrays[NAMES[2]].reshape(2, 784))
    assert split.y_test.tolist() == [5, 9]
    assert sorted(served["server"].requested) == sorted("/" + name for name in NAMES)
    assert sorted(p.name for p in cache.iterdir()) == sorted(NAMES)

    again = download(cache_dir=cache, base_url=served["url"], files=served["sums"])
    assert len(served["server"].requested) == 4
    assert np.array_equal(again.x_train, split.x_train)


def test_download_replaces_a_corrupt_cached_file(served, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / NAMES[1]).write_bytes(b"not the labels")
    split = download(cache_dir=cache, base_url=served["url"], files=served["sums"])
    assert split.y_train.tolist() == [3, 1, 4, 1]
    assert (cache / NAMES[1]).read_bytes() == (served["folder"] / NAMES[1]).read_bytes()


def test_download_with_a_bad_checksum_names_the_file_and_leaves_nothing_in_the_cache(
    served, tmp_path
):
    cache = tmp_path / "cache"
    wrong = dict(served["sums"], **{NAMES[0]: "0" * 64})
    with pytest.raises(DownloadError, match=re.escape(NAMES[0]) + ": checksum mismatch"):
        download(cache_dir=cache, base_url=served["url"], files=wrong)
    assert served["server"].requested == ["/" + NAMES[0]]
    assert list(cache.iterdir()) == []


def test_download_of_a_missing_file_reports_the_http_error(served, tmp_path):
    (served["folder"] / NAMES[3]).unlink()
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=re.escape(NAMES[3]) + ".* failed: 404") as caught:
        download(cache_dir=cache, base_url=served["url"], files=served["sums"])
    assert isinstance(caught.value, OSError)
    assert sorted(p.name for p in cache.iterdir()) == sorted(NAMES[:3])


def test_download_requires_the_four_standard_file_names(tmp_path):
    with pytest.raises(ValueError, match="files must map exactly the names"):
        download(cache_dir=tmp_path, base_url="http://127.0.0.1:9/", files={"a.gz": "0" * 64})
    assert list(tmp_path.iterdir()) == []


def test_download_rejects_malformed_digests_and_non_http_urls(tmp_path):
    sums = dict.fromkeys(NAMES, "0" * 64)
    short_digest = dict(sums, **{NAMES[2]: "abc"})
    with pytest.raises(ValueError, match=NAMES[2] + ": expected a SHA-256 of 64 lowercase hex"):
        download(cache_dir=tmp_path, base_url="http://127.0.0.1:9/", files=short_digest)
    with pytest.raises(ValueError, match="base_url must start with http:// or https://"):
        download(cache_dir=tmp_path, base_url="/local/folder/", files=sums)
    assert list(tmp_path.iterdir()) == []


def test_default_checksums_cover_the_four_official_files():
    assert sorted(MNIST_SHA256) == sorted(NAMES)
    assert all(re.fullmatch("[0-9a-f]{64}", digest) for digest in MNIST_SHA256.values())


def test_default_cache_dir_is_named_after_the_project():
    assert "chainrule" in default_cache_dir().parts


def test_no_connection_is_said_in_a_short_line(tmp_path):
    """A port where nothing listens: requests' long chain of causes becomes one short reason."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    with pytest.raises(DownloadError) as caught:
        download(cache_dir=tmp_path / "cache", base_url=url)
    assert str(caught.value) == (
        f"download {NAMES[0]} from {url}{NAMES[0]} failed: could not connect to 127.0.0.1 "
        "(no network, or the server is unreachable)"
    )
