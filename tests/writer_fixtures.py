"""The journal's writer as the app attaches it, a way to hold it as a slow disk would, and a
record of every file put in place, for the tests of what is written behind the window.

Registered in ``conftest.py``: a test asks for ``writer`` or ``renamed`` by name.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.writer import DurableWriter


class Writer:
    """The journal's writer, and a way to hold it as a slow disk would."""

    def __init__(self, folder: Path) -> None:
        self.journal = Journal.open(folder)
        self._writer = DurableWriter()
        self.journal.attach(self._writer)
        self._gates: list[threading.Event] = []

    def hold(self) -> threading.Event:
        """Nothing asked after this is written until the returned event is set."""
        gate = threading.Event()
        self._gates.append(gate)
        self._writer.submit(gate.wait)
        return gate

    def close(self) -> None:
        for gate in self._gates:
            gate.set()
        self.journal.close()


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Writer]:
    opened = Writer(tmp_path / "journal")
    yield opened
    opened.close()


@pytest.fixture
def renamed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each file put in place by a rename (every durable write ends so), in order: its name
    and the thread that did it."""
    seen: list[tuple[str, str]] = []
    replace = os.replace

    def recording(src: str | Path, dst: str | Path) -> None:
        seen.append((Path(dst).name, threading.current_thread().name))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", recording)
    return seen
