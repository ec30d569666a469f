"""The one way a cache file is written and read back: a cache may be lost, never misread.

Seesaw keeps some work between starts in the cache folder (the compiled dataclass methods, the
catalogue and the programmes as last read) and in the journal's (each year's checked records).
Each such file only ever holds a copy of what could be made again, so it is written for speed,
not for safety: a temporary file in the same folder, moved over the old one with ``os.replace``
(a reader never sees half a file), and no fsync (a power cut may leave it torn or empty, and it
is made again). What makes that safe is how it is read: the file is

    prefix, CRC-32 of the body (4 bytes, big-endian), body

and ``read_cache`` gives the body back only if the prefix is exactly the one asked for and the
checksum fits. The prefix names the kind of file and what it was made from (a key of the
source files and the code that read them, or the interpreter's magic number), so a file made
by another Seesaw, from other files or by another Python is passed over like a missing one,
before its body is even read. Whoever writes a new cache calls these two, and nothing else
should open a cache file.

A cache of objects is pickled, and read back with ``loads_only``: the pickle may name only the
classes its caller allows, so even a file someone else put in the folder can build nothing else
(unpickling a global is the only way a pickle runs code).
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lesson_engine.storage import DIR_MODE

if TYPE_CHECKING:
    import pickle

_CRC_BYTES = 4
PICKLE_PROTOCOL = 5


def write_cache(path: Path, prefix: bytes, body: bytes) -> None:
    """Put ``prefix``, the body's CRC-32 and ``body`` in ``path``, making its folder if needed
    (the folder private: a cache may hold what the journal does).

    The file is whole or not there at all for any reader; it is not fsynced, since a torn file
    fails its checksum and costs only the time to make it again. Raises OSError if the disk
    refuses (then no temporary file is left behind); a caller that only saves time ignores it.
    """
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(prefix + zlib.crc32(body).to_bytes(_CRC_BYTES, "big") + body)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def read_cache(path: Path, prefix: bytes) -> bytes | None:
    """The body ``write_cache`` put in ``path`` with exactly ``prefix``; None when the file is
    missing, unreadable, made with another prefix, cut short or damaged: all the same to a
    cache, which then makes its contents again. Never raises."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(prefix) + _CRC_BYTES)
            if len(head) < len(prefix) + _CRC_BYTES or not head.startswith(prefix):
                return None  # another kind of file, or one made from something else
            body = handle.read()
    except OSError:
        return None
    if zlib.crc32(body) != int.from_bytes(head[len(prefix) :], "big"):
        return None  # torn by a power cut, or damaged
    return body


def names_of(*objects: type) -> frozenset[tuple[str, str]]:
    """The (module, name) by which pickle names each class: what ``loads_only`` may allow."""
    return frozenset((o.__module__, o.__qualname__) for o in objects)


class RefusedGlobal(ValueError):
    """A pickle named something its reader does not allow: not a file Seesaw wrote."""


@functools.cache
def _restricted() -> Callable[[bytes, frozenset[tuple[str, str]]], pickle.Unpickler]:
    """The unpickler ``loads_only`` uses, made on first use: ``pickle`` is not loaded for the
    compiled methods, whose file is read before the first paint (``ui.method_cache``)."""
    import io
    import pickle

    class Only(pickle.Unpickler):
        def __init__(self, body: bytes, allowed: frozenset[tuple[str, str]]) -> None:
            super().__init__(io.BytesIO(body))
            self._allowed = allowed

        def find_class(self, module: str, name: str) -> Any:
            if (module, name) not in self._allowed:
                raise RefusedGlobal(f"the cache names {module}.{name}, which it may not hold")
            return super().find_class(module, name)

    return Only


def loads_only(body: bytes, allowed: frozenset[tuple[str, str]]) -> Any:
    """``pickle.loads(body)``, with every class or function the pickle names checked against
    ``allowed`` (``names_of``) before it is looked up: anything else raises ``RefusedGlobal``,
    and nothing of it runs. A damaged body raises what pickle raises for it (UnpicklingError,
    EOFError, ValueError …); callers that only keep copies treat any exception as no cache."""
    return _restricted()(body, allowed).load()


def made_by(modules: Iterable[str]) -> bytes:
    """What a kept copy depends on besides its files: this Python, the pickle protocol, and the
    code of ``modules`` (``code_digest``), found without importing them. (It and ``files_key``
    load hashlib when first called: the compiled methods are read before the first paint.)"""
    import hashlib
    import sys

    from lesson_engine.code_digest import add_modules

    digest = hashlib.sha256(f"{sys.version} {PICKLE_PROTOCOL}".encode())
    add_modules(digest, modules)
    return digest.digest()


def files_key(start: bytes, folder: Path, files: Iterable[Path], *extra: str) -> bytes:
    """A digest of ``start`` (``made_by``), ``extra`` and each file's name under ``folder`` and
    exact bytes: what a kept copy was made from. OSError if a file cannot be read."""
    import hashlib

    digest = hashlib.sha256(start)
    digest.update("\n".join(extra).encode())
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.relative_to(folder).as_posix()} {len(data)}\n".encode() + data)
    return digest.digest()


def kept_copy(path: Path, prefix: bytes, allowed: frozenset[tuple[str, str]]) -> Any:
    """The object ``keep_copy`` pickled in ``path`` under ``prefix``; None when there is none
    that reads (missing, made from something else, damaged, or naming what ``allowed`` does
    not): the caller then reads its files, as without a cache."""
    body = read_cache(path, prefix)
    if body is None:
        return None
    try:
        return loads_only(body, allowed)
    except Exception:  # whole, yet it does not read: not a file this Seesaw wrote
        return None


def keep_copy(path: Path, prefix: bytes, value: object) -> None:
    """Pickle ``value`` into ``path`` under ``prefix``; a disk that refuses only costs the next
    start the reading."""
    import pickle

    with contextlib.suppress(OSError, pickle.PicklingError):
        write_cache(path, prefix, pickle.dumps(value, protocol=PICKLE_PROTOCOL))
