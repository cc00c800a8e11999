"""The on-disk cache of compiled gazetteers, keyed by the content of everything they come from.

A key covers the bytes of every file loaded (in order), the library version, and the code and
data tables the index is derived from, so a changed file, a new release or an edited checkout
rebuilds. A cache that cannot be
read or written warns and falls back to building in memory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import warnings
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from toponyms._resources import code_digest
from toponyms.errors import ToponymsWarning

CACHE_FORMAT = 5  # bump when the pickled layout changes
CACHE_DIR_VARIABLE = "TOPONYMS_CACHE_DIR"
_SUFFIX = ".pickle"


def default_cache_dir() -> Path:
    """``$TOPONYMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/toponyms``, else ``~/.cache/toponyms``."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "toponyms"


def library_version() -> str:
    """The installed version of toponyms, or ``"0+unknown"`` when run from a bare checkout."""
    try:
        return metadata.version("toponyms")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def cache_key(contents: Sequence[bytes]) -> str:
    """The cache key of a gazetteer made from files with these contents, in this order."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|{library_version()}|{code_digest()}".encode())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def read(directory: Path, key: str) -> Any | None:
    """The cached payload under ``key``, or None when there is none or it cannot be read."""
    path = directory / (key + _SUFFIX)
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except (FileNotFoundError, NotADirectoryError):  # nothing cached there yet
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        warnings.warn(
            f"ignoring unreadable index cache {path} ({error}); rebuilding",
            ToponymsWarning,
            stacklevel=3,
        )
        return None


def write(directory: Path, key: str, payload: Any) -> bool:
    """Store ``payload`` under ``key`` atomically; warn and return False if it cannot be written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / (key + _SUFFIX))
    except OSError as error:
        warnings.warn(
            f"cannot write the index cache in {directory} ({error}); the index was built in "
            f"memory and will be built again next time. Set {CACHE_DIR_VARIABLE} to a writable "
            "directory to cache it.",
            ToponymsWarning,
            stacklevel=3,
        )
        return False
    return True
