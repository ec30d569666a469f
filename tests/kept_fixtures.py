"""What the tests of the kept caches share (``catalogue.kept``, ``programme.kept``): seeing when the
files were read rather than the kept copy taken."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest


def calls_to(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Path]:
    """The first argument of each call of ``owner.name`` from now on (the path a reader was
    asked to read); each call still does what it did."""
    called: list[Path] = []
    real = getattr(owner, name)

    def recording(where: Path, *args: Any) -> Any:
        called.append(where)
        return real(where, *args)

    monkeypatch.setattr(owner, name, recording)
    return called


def copy_to_edit(source: Path, tmp_path: Path) -> Path:
    """A copy of the bundled folder ``source`` in ``tmp_path``, for a test to edit."""
    copy = tmp_path / source.name
    shutil.copytree(source, copy)
    return copy
