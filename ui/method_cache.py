"""The methods Python writes for each dataclass, compiled once and kept between starts.

Seesaw's model is frozen dataclasses, and a start creates some 130 of them. For each, Python's
``dataclasses`` writes ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` and
``__delattr__`` as source text and compiles every one with its own ``exec``: about 1.1 ms a
class on Python 3.11, some 140 ms of a start that is otherwise 600 ms. The text depends only on
the class's fields and options, so the same start writes the same texts every time.

``use`` keeps the compiled code of each text in a file in the cache folder and gives it back the
next time the same text comes: Python runs exactly the code it would have compiled (the key is the
whole text, compared in full; the file's prefix carries the interpreter's bytecode magic number,
and a file from another Python, or a damaged one, is ignored as if there were none:
``lesson_engine/cache_file.py``). It does so by giving the ``dataclasses`` module an ``exec`` of
its own, the one name it looks up to run that text; a Python whose dataclasses no longer call
``exec`` simply compiles as it always did.

What a start compiled that the file lacked is written back after the start (``save``), in a
new file moved into place, so another Seesaw reading it never sees half a file. Like the rest of
the cache folder, deleting it loses nothing but time.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import importlib.util
import marshal
from pathlib import Path
from types import CodeType
from typing import Any

from lesson_engine.cache_file import read_cache, write_cache

HEADER = b"seesaw-methods 2\n"
"""Version 2: each text's code marshalled on its own, and read back only when its text comes."""
_PREFIX = HEADER + importlib.util.MAGIC_NUMBER
"""Code compiled by another Python (another bytecode magic number) is never taken."""
KEEP_UNUSED = 0.5
"""A save keeps texts this process did not use (pages it did not open, classes since changed)
while they are at most half as many as those it used; beyond that, only the used ones, so the
file, read at every start, stays about the size of one start's texts across many updates."""


class _Kept:
    """This process's texts and their code, and what became of them."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.codes: dict[str, CodeType | bytes] = {}
        """Each text's code, or as the file keeps it (marshalled) until the text first comes:
        a start before its first paint needs a handful of the hundreds in the file."""
        self.used: set[str] = set()
        self.compiled = 0
        """Texts this process compiled because the file did not have them."""
        self.reused = 0
        self.unsaved = 0


_kept = _Kept()


def _cached_exec(source: object, globals_: Any = None, locals_: Any = None) -> None:
    """``exec`` as ``dataclasses`` calls it, with the compile skipped when the text is known."""
    if not isinstance(source, str):
        builtins.exec(source, globals_, locals_)  # type: ignore[arg-type]
        return
    code = _code(_kept.codes.get(source))
    if code is None:
        code = compile(source, "<string>", "exec")
        _kept.codes[source] = code
        _kept.compiled += 1
        _kept.unsaved += 1
    else:
        _kept.codes[source] = code
        _kept.reused += 1
    _kept.used.add(source)
    builtins.exec(code, globals_, locals_)


def _code(kept: CodeType | bytes | None) -> CodeType | None:
    """The code kept for a text; None when there is none, or when its bytes do not read as code
    (the file's checksum makes that all but impossible: the text is compiled as without it)."""
    if not isinstance(kept, bytes):
        return kept
    try:
        code = marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _read(path: Path) -> dict[str, CodeType | bytes]:
    body = read_cache(path, _PREFIX)
    if body is None:
        return {}
    try:
        loaded = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        text: code
        for text, code in loaded.items()
        if isinstance(text, str) and isinstance(code, bytes)
    }


def use(path: Path) -> None:
    """Compile each dataclass method's text at most once across starts, kept in ``path``.

    Call before the modules that define dataclasses are imported; what this process compiles
    new is written back by ``save`` (called at exit too).
    """
    if _kept.path is not None:
        return
    _kept.path = path
    _kept.codes = _read(path)
    dataclasses.exec = _cached_exec  # type: ignore[attr-defined]
    atexit.register(save)


def save() -> None:
    """Write the file again if this process compiled a text it did not have; never raises."""
    path = _kept.path
    if path is None or _kept.unsaved == 0:
        return
    used = len(_kept.used)
    keep = (
        _kept.codes
        if len(_kept.codes) - used <= used * KEEP_UNUSED
        else {text: _kept.codes[text] for text in _kept.used}
    )
    payload = {
        text: code if isinstance(code, bytes) else marshal.dumps(code)
        for text, code in keep.items()
    }
    try:
        write_cache(path, _PREFIX, marshal.dumps(payload))
    except OSError:  # a full or read-only disk: the next start compiles, as without the file
        return
    _kept.unsaved = 0


def counts() -> tuple[int, int]:
    """How many method texts this process compiled, and how many it took from the file."""
    return _kept.compiled, _kept.reused
