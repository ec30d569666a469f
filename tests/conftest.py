"""Test set-up shared by every test.

The environment variables are set before anything imports Qt or pygame, so no test ever opens a
window on the developer's screen, plays through their speakers, touches their real journal, or
reaches their desktop's session bus (tests that need D-Bus bring a private one: dbus_fixtures.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/seesaw-tests-bring-their-own-bus"

from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.journal.journal import Journal
from lesson_engine.paths import catalogue_dir

pytest_plugins = ["tests.dbus_fixtures", "tests.guided_set_fixtures", "tests.writer_fixtures"]

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_seesaw_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every user folder Seesaw knows about at a fresh temporary folder (and the desktop's
    app-menu folders, where ``seesaw install-desktop`` writes)."""
    home = tmp_path_factory.mktemp("seesaw-home")
    monkeypatch.setenv("SEESAW_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    return home


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def exercise_ids() -> frozenset[str]:
    return load_catalogue(catalogue_dir()).exercise_ids


@pytest.fixture
def journal(tmp_path: Path, exercise_ids: frozenset[str]) -> Iterator[Journal]:
    """The real journal as the app opens it (knowing the catalogue's exercises), in a folder of
    this test's own; closed (and unlocked) afterwards."""
    opened = Journal.open(tmp_path / "journal", known_exercises=exercise_ids)
    yield opened
    opened.close()


@pytest.fixture
def lessons(tmp_path: Path, repo: Path) -> Path:
    """A library folder with the sample lesson (Weight shift 1) and its clips."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(repo / "tests/data/sample.lesson", folder / "sample.lesson")
    shutil.copytree(repo / "tests/data/clips", folder / "clips")
    return folder
