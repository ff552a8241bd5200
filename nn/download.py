"""Fetch files over HTTP into a cache folder, each checked against its SHA-256 sum.

pooch does the work: it streams each file to a temporary name in the cache
folder and renames it only once its hash matches, so a failed or corrupt
download never leaves a file under the real name. A cached file whose hash
matches is used without contacting the server; one that does not is fetched
again.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pooch
import requests


class DownloadError(OSError):
    """A file could not be fetched, or what arrived failed its checksum."""


def default_cache_dir() -> Path:
    """The user's cache folder for this project (e.g. ~/.cache/chainrule on Linux)."""
    return Path(pooch.os_cache("chainrule"))


def fetch_verified(files: dict, base_url: str, cache_dir=None) -> dict:
    """Fetch ``base_url + name`` for each ``{name: sha256_hex}`` into ``cache_dir``.

    Returns ``{name: Path}`` of the cached files. Raises DownloadError naming
    the file and the problem (HTTP or network failure, checksum mismatch), and
    ValueError for a base_url that is not http(s) or a malformed digest.
    """
    if not base_url.startswith(("http://", "https://")):
        raise ValueError(
            f"download: base_url must start with http:// or https://, got {base_url!r}"
        )
    for name, sha256 in files.items():
        if not re.fullmatch("[0-9a-f]{64}", str(sha256)):
            raise ValueError(
                f"download {name}: expected a SHA-256 of 64 lowercase hex digits, got {sha256!r}"
            )
    cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if not base_url.endswith("/"):
        base_url += "/"
    paths = {}
    for name, sha256 in files.items():
        url = base_url + name
        try:
            fetched = pooch.retrieve(
                url,
                known_hash=f"sha256:{sha256}",
                fname=name,
                path=cache_dir,
                progressbar=False,
            )
        except ValueError as error:
            message = f"download {name} from {url}: checksum mismatch: {error}"
            raise DownloadError(message) from error
        except OSError as error:
            raise DownloadError(f"download {name} from {url} failed: {_reason(error)}") from error
        paths[name] = Path(fetched)
    return paths


def _reason(error):
    """Why a fetch failed, short: requests' connection errors spell out their whole chain of
    causes (pools, retries, resolver internals) in one very long line."""
    if isinstance(error, requests.exceptions.ConnectionError):
        host = urlsplit(error.request.url).hostname if error.request is not None else "the server"
        return f"could not connect to {host} (no network, or the server is unreachable)"
    if isinstance(error, requests.exceptions.Timeout):
        return "the server did not answer in time"
    return str(error)
