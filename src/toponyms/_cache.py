"""The on-disk cache of compiled gazetteers, keyed by the content of everything they come from.

A key covers the bytes of every file loaded (in order), the library version, and the code and
data tables the index is derived from, so a changed file, a new release or an edited checkout
rebuilds.

A cache file is a compiled store (:mod:`toponyms._store`): data only, memory-mapped and read
in place, with no code path. It is still read only if this user wrote it: the file must be owned
by this user and writable by no one else, and it must carry the HMAC-SHA256 of its payload under
a secret key kept outside the cache directory (``$XDG_CONFIG_HOME/toponyms/cache-key``, mode
0600), so that neither a planted file's data nor a damaged file reaches the parsers. A file
planted by someone else, restored from another machine's CI cache or damaged on disk fails the
check, is reported by name and rebuilt. Concurrent first runs take a lock (one builds, the
others wait and read what it wrote); writes are atomic and leave no temporary file; only the
:data:`KEEP` most recently used entries are kept. A cache that cannot be read or written warns
and falls back to building in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import mmap
import os
import secrets
import stat
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from toponyms._resources import code_digest
from toponyms._version import __version__
from toponyms.errors import ToponymsWarning

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent first runs then both build
    fcntl = None  # type: ignore[assignment]

CACHE_FORMAT = 7  # bump when the stored layout changes
CACHE_DIR_VARIABLE = "TOPONYMS_CACHE_DIR"
KEEP = 4  # entries kept: the bundled data and a few sets of files (each is ~45 MB)
_SUFFIX = ".cache"
_MAGIC = b"toponyms-cache\n"
_DIGEST = hashlib.sha256().digest_size
_KEY_BYTES = 32
_GROUP_OR_WORLD_WRITABLE = stat.S_IWGRP | stat.S_IWOTH


class UntrustedCacheError(Exception):
    """A cache file that this user did not write, or that is damaged."""


def default_cache_dir() -> Path:
    """``$TOPONYMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/toponyms``, else ``~/.cache/toponyms``."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "toponyms"


def key_file() -> Path:
    """Where the secret that signs this user's cache files is kept."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "toponyms" / "cache-key"


def library_version() -> str:
    """The version of toponyms (its code is keyed by :func:`code_digest` as well)."""
    return __version__


def cache_key(contents: Sequence[bytes]) -> str:
    """The cache key of a gazetteer made from files with these contents, in this order."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|{library_version()}|{code_digest()}".encode())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def shipped_key(contents: Sequence[bytes]) -> str:
    """The key of the index compiled into the wheel: like :func:`cache_key`, without the
    installed version (the wheel is built before it is installed; its code digest says the
    same)."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|shipped|{code_digest()}".encode())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def read_shipped(path: Path, key: str) -> memoryview | None:
    """The store compiled into the installed package at ``path``, if it was compiled from the
    same files and code (``key``); None otherwise. It is part of the package, as trusted as its
    code, so no signature is asked of it, only its checksum."""
    try:
        with path.open("rb") as stream:
            stored = stream.read(len(key) + 1)
            if stored != (key + "\n").encode():
                return None
            mapped = _mapped(stream)
        digest, body = mapped[:_DIGEST], mapped[_DIGEST:]
        if hashlib.sha256(body).digest() != digest:
            raise UntrustedCacheError("damaged: its checksum does not match")
        return body
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UntrustedCacheError) as error:
        warnings.warn(f"ignoring the shipped index {path} ({error})", ToponymsWarning, 3)
        return None


def write_shipped(path: Path, key: str, body: bytes) -> None:
    """Write the store compiled into the wheel (by the build hook, ``hatch_build.py``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        stream.write((key + "\n").encode() + hashlib.sha256(body).digest() + body)


def path_of(directory: Path, key: str) -> Path:
    """The file of the entry ``key`` in ``directory``."""
    return directory / (key + _SUFFIX)


def read(directory: Path, key: str) -> memoryview | None:
    """The cached store under ``key`` (mapped, not read), or None when there is none or it
    cannot be trusted."""
    path = path_of(directory, key)
    try:
        with path.open("rb") as stream:
            _check_owner(stream)
            found = _verified(_mapped(stream))
    except (FileNotFoundError, NotADirectoryError):  # nothing cached there yet
        return None
    except (OSError, ValueError, UntrustedCacheError) as error:
        warnings.warn(f"ignoring index cache {path}: {error}; rebuilding", ToponymsWarning, 3)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the eviction
    return found


def write(directory: Path, key: str, body: bytes) -> bool:
    """Store ``body`` under ``key`` atomically; warn and return False if it cannot be written."""
    temporary: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        signature = hmac.new(_secret(), body, hashlib.sha256).digest()
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC + signature + body)
        os.replace(temporary, path_of(directory, key))
        temporary = None
    except (OSError, UntrustedCacheError) as error:
        warnings.warn(
            f"cannot write the index cache in {directory} ({error}); the index was built in "
            f"memory and will be built again next time. Set {CACHE_DIR_VARIABLE} to a writable "
            "directory to cache it.",
            ToponymsWarning,
            stacklevel=3,
        )
        return False
    finally:
        if temporary is not None:  # interrupted or failed: leave nothing behind
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    evict(directory, keep=KEEP)
    return True


@contextlib.contextmanager
def building(directory: Path, key: str) -> Iterator[None]:
    """Hold the lock of entry ``key`` while it is built: a concurrent first run waits here,
    then finds the entry written. Without a usable directory, no lock is taken."""
    if fcntl is None:
        yield
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        stream = open(directory / f".{key}.lock", "a")  # noqa: SIM115 - held across the yield
    except OSError:
        yield
        return
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
        stream.close()


def evict(directory: Path, *, keep: int) -> None:
    """Remove all but the ``keep`` most recently used entries of this user (and their locks)."""
    try:
        entries = [p for p in directory.glob("*" + _SUFFIX) if _owned(p.stat())]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in entries[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
            (directory / f".{old.stem}.lock").unlink(missing_ok=True)


def _mapped(stream: BinaryIO) -> memoryview:
    """The rest of an open file from its current position, memory-mapped read-only: pages are
    read as they are touched and shared by every process that maps the file. A cache entry is
    replaced by a rename, never rewritten, so a mapping never sees it change."""
    start = stream.tell()
    size = os.fstat(stream.fileno()).st_size
    if size <= start:
        raise UntrustedCacheError("empty")
    mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(mapped)[start:]


def _check_owner(stream: BinaryIO) -> None:
    """Refuse a file that another user owns or could change."""
    info = os.fstat(stream.fileno())
    if not _owned(info):
        raise UntrustedCacheError("owned by another user")
    if info.st_mode & _GROUP_OR_WORLD_WRITABLE:
        raise UntrustedCacheError("writable by other users")


def _verified(data: memoryview) -> memoryview:
    """The payload of a cache file's contents if this user's key signed it, else
    UntrustedCacheError."""
    if bytes(data[: len(_MAGIC)]) != _MAGIC:
        raise UntrustedCacheError("not a toponyms cache file")
    signature = bytes(data[len(_MAGIC) : len(_MAGIC) + _DIGEST])
    body = data[len(_MAGIC) + _DIGEST :]
    expected = hmac.new(_secret(), body, hashlib.sha256).digest()
    if len(signature) != _DIGEST or not hmac.compare_digest(signature, expected):
        raise UntrustedCacheError("not signed by this user's key, or damaged")
    return body


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _secret() -> bytes:
    """This user's cache key, made on first use; refused when others could read or change it."""
    path = key_file()
    try:
        with path.open("rb") as stream:
            info = os.fstat(stream.fileno())
            if not _owned(info) or info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise UntrustedCacheError(f"the cache key {path} is readable by other users")
            secret = stream.read()
        if len(secret) == _KEY_BYTES:
            return secret
    except FileNotFoundError:
        pass
    except OSError as error:
        raise UntrustedCacheError(f"cannot read the cache key {path}: {error}") from None
    return _new_secret(path)


def _new_secret(path: Path) -> bytes:
    """A new key, unless another process made one first: then that one."""
    secret = secrets.token_bytes(_KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:  # mkstemp makes it 0600
                stream.write(secret)
            os.link(temporary, path)  # atomic, and refused if the key exists already
        finally:
            os.unlink(temporary)
    except FileExistsError:
        return _secret()
    except OSError as error:
        raise UntrustedCacheError(f"cannot keep a cache key in {path.parent}: {error}") from None
    return secret
