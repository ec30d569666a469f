"""What a module's code is, for the key of a cache that holds what that code made.

A cache of checked records or of a read catalogue must never be taken by a Seesaw whose rules
differ from the one that wrote it, so its key holds the code of the modules that made it: their
source where there is one; where there is none (the one-folder bundle keeps only bytecode),
their compiled code, read through the module's loader; where neither can be had, Seesaw's
version, which is then all the key can go by.
"""

from __future__ import annotations

import contextlib
import importlib.util
import types
from collections.abc import Iterable
from typing import Protocol


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...


def add_code(digest: Digest, name: str, file: str | None, loader: object) -> bool:
    """Add the code of module ``name`` (its ``__file__`` and ``__loader__``, or a spec's origin
    and loader: the module need not be imported) to ``digest``; False when only Seesaw's version
    could be added, and then adding more modules tells nothing more."""
    if file:
        with contextlib.suppress(OSError):
            with open(file, "rb") as source:
                digest.update(source.read())
            return True
    code = _compiled_code(name, loader)
    if code is not None:
        digest_code(digest, code)
        return True
    from importlib.metadata import PackageNotFoundError, version

    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("seesaw").encode())
    digest.update(b"(no source)")
    return False


def add_modules(digest: Digest, names: Iterable[str]) -> None:
    """Add the code of each module named (``add_code``), found by its spec: a cache that holds
    what these modules make is checked before they are imported, and if it fits they never are.
    Stops at the first module that has no code to add (then only Seesaw's version was added)."""
    for name in names:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None and spec.has_location else None
        if not add_code(digest, name, origin, spec.loader if spec is not None else None):
            break


def _compiled_code(name: str, loader: object) -> types.CodeType | None:
    get_code = getattr(loader, "get_code", None)
    try:
        code = get_code(name) if get_code is not None else None
    except ImportError:
        return None
    return code if isinstance(code, types.CodeType) else None


def digest_code(digest: Digest, code: types.CodeType) -> None:
    """What ``code`` does, the same in every process: its bytecode, names and constants, nested
    code too (``marshal`` would not do: its output depends on how objects happen to be shared)."""
    digest.update(code.co_code)
    digest.update(repr((code.co_names, code.co_varnames, code.co_freevars)).encode())
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            digest_code(digest, const)
        elif isinstance(const, frozenset):  # its order follows string hashing, set per process
            digest.update(repr(sorted(map(repr, const))).encode())
        else:
            digest.update(repr(const).encode())
