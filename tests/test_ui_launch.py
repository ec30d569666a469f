"""Starting Seesaw as ``seesaw`` does: the window first, with the lessons, then everything else."""

from __future__ import annotations

import errno
import gc
import json
import os
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from audio.voices import choice as voice_choice
from lesson_engine.journal import backups
from lesson_engine.journal import journal as journal_module
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note, learner_day
from lesson_engine.library import listing as listing_module
from lesson_engine.library.files import find_lesson_files
from lesson_engine.library.index import LibraryIndex
from lesson_engine.library.listing import load_library
from lesson_engine.paths import (
    config_dir,
    data_dir,
    journal_folder,
    lesson_folders,
    library_index_path,
    my_lessons_dir,
)
from lesson_engine.playback.checkpoint import Checkpoint
from tests.child_python import python_json, run_python
from ui.desktop import launch as launch_module
from ui.desktop.exercises.view import ExercisesView
from ui.desktop.journal.view import JournalView
from ui.desktop.launch import Launch, start


@pytest.fixture
def quiet_settings() -> None:
    """Captions only and no sound, so the test needs no voice or sound card and times by estimate."""
    settings = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("voice/name", "captions")
    settings.setValue("audio/enabled", False)
    settings.sync()


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[None]:
    """``start`` styles the whole application; later tests should see it as they expect."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def listed_ids(launch: Launch) -> list[str]:
    assert launch.shell is not None
    view = launch.shell.library_view
    items = (view.list.item(i) for i in range(view.list.count()))
    return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.data(Qt.ItemDataRole.UserRole)]


def close(launch: Launch) -> None:
    assert launch.shell is not None
    launch.shell.window.close()
    assert launch.lock is not None
    launch.lock.unlock()


def test_the_window_lists_the_lessons_first_and_the_journal_arrives_right_after(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None
) -> None:
    known = load_library(
        lesson_folders(), index=LibraryIndex(library_index_path()), timing="estimate"
    )
    launch = start([])
    try:
        assert launch.shell is not None and launch.app is None
        window = launch.shell.window
        assert window.isVisible()
        # Nothing was left halfway: the window opens on Today, and the Lessons page, not shown,
        # is not built for the first paint; its tab, chosen before the rest is wired, lists
        # what the index knows.
        assert window.navigation.current_key == "today" and not window.is_built("library")
        tabs = window.navigation
        lessons_tab = tabs.tabRect(tabs.keys.index("library")).center()
        qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=lessons_tab)
        assert launch.app is None and window.pages.currentWidget() is launch.shell.library_view
        assert listed_ids(launch) == [e.id for e in known.entries]
        assert not (data_dir() / "journal").exists()  # not opened before the first paint
        assert launch.shell.window.navigation.isEnabled()

        qtbot.waitUntil(lambda: launch.app is not None)
        assert launch.app is not None and not launch.failed
        assert (data_dir() / "journal").exists()
        assert isinstance(window.page("exercises"), ExercisesView)
        assert isinstance(window.page("journal"), JournalView)
        assert listed_ids(launch) == [e.id for e in known.entries]
        tabs = window.navigation
        tab = tabs.tabRect(tabs.keys.index("journal")).center()
        qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tab)
        assert window.pages.currentWidget() is launch.app.journal_view
    finally:
        close(launch)


def test_a_saved_place_is_offered_on_the_first_paint_and_stays_put_once_wired(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None
) -> None:
    known = load_library(
        lesson_folders(), index=LibraryIndex(library_index_path()), timing="estimate"
    )
    lesson = known.entries[0]
    place = Checkpoint(
        lesson.id, lesson.digest, 754_000, "c12", 12, 2, "Lifting the knee", "paused"
    )
    journal_folder().mkdir(parents=True)
    (journal_folder() / "checkpoint.json").write_text(json.dumps(place.to_dict()))

    launch = start([])
    try:
        assert launch.shell is not None and launch.app is None
        window = launch.shell.window
        assert window.is_built("library") and window.navigation.current_key == "library"
        view = launch.shell.library_view
        assert window.pages.currentWidget() is view
        first = view.resume_text.text()
        assert not view.resume_card.isHidden()
        assert lesson.title in first and "Lifting the knee" in first and "12:34" in first
        qtbot.waitUntil(lambda: launch.app is not None)
        assert not view.resume_card.isHidden() and view.resume_text.text() == first
    finally:
        close(launch)


def test_without_a_voice_the_notice_is_on_the_first_paint_and_shown_once(
    qtbot: QtBot, restore_app_look: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voice_choice, "piper_installed", lambda: False)
    monkeypatch.setattr(voice_choice, "espeak_binary", lambda: None)
    launch = start([])
    try:
        assert launch.shell is not None
        banner = launch.shell.window.banner
        notice = voice_choice.missing_voice_notice("auto", None)
        assert banner.messages == [notice] and not banner.isHidden()
        qtbot.waitUntil(lambda: launch.app is not None)
        assert banner.messages.count(notice) == 1
    finally:
        close(launch)


def test_a_first_start_without_an_index_still_ends_with_every_lesson_listed(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None
) -> None:
    launch = start([])
    try:
        assert listed_ids(launch) == []  # nothing known yet, nothing guessed
        assert launch.shell is not None
        assert launch.shell.library_view.list.item(0).text() == "Finding your lessons…"
        qtbot.waitUntil(lambda: launch.app is not None)
        expected = load_library(lesson_folders(), timing="estimate")
        assert listed_ids(launch) == [e.id for e in expected.entries]
    finally:
        close(launch)


def test_a_damaged_index_and_saved_place_cost_only_the_quick_look(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None
) -> None:
    index = LibraryIndex(library_index_path()).path
    index.parent.mkdir(parents=True)
    index.write_text('{"version": 1, "lessons": {"x": {"size": "big"}}')
    journal_folder().mkdir(parents=True)
    (journal_folder() / "checkpoint.json").write_text(
        '{"lesson_id": "weight-shift-1", "position_ms": "soon"}'
    )
    launch = start([])
    try:
        assert launch.shell is not None
        assert launch.shell.library_view.resume_card.isHidden()
        qtbot.waitUntil(lambda: launch.app is not None)
        assert not launch.failed
        expected = load_library(lesson_folders(), timing="estimate")
        assert listed_ids(launch) == [e.id for e in expected.entries]
        assert launch.shell.library_view.resume_card.isHidden()
    finally:
        close(launch)


def my_lesson(title: str) -> Path:
    """A lesson in My lessons, so a test can change it between starts."""
    path = my_lessons_dir() / "mine.lesson"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"id: mine\ntitle: {title}\n---\nLie on your back.\n", encoding="utf-8")
    return path


def test_a_returning_learner_s_lessons_are_read_once_from_the_index(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    my_lesson("Mine")
    load_library(lesson_folders(), index=LibraryIndex(library_index_path()), timing="estimate")
    walks: list[Path] = []

    def counted(folders: list[Path]):  # type: ignore[no-untyped-def]
        walks.extend(folders)
        return find_lesson_files(folders)

    monkeypatch.setattr(listing_module, "find_lesson_files", counted)
    launch = start([])
    try:
        qtbot.waitUntil(lambda: launch.app is not None)
        assert not launch.failed and "mine" in listed_ids(launch)
        assert len(walks) == len(set(walks)) == len(lesson_folders())  # each folder listed once
    finally:
        close(launch)


def test_a_lesson_changed_since_the_last_start_is_listed_as_it_is_now(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None
) -> None:
    path = my_lesson("Old title")
    load_library(lesson_folders(), index=LibraryIndex(library_index_path()), timing="estimate")
    path.write_text(path.read_text().replace("Old title", "New title"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    launch = start([])
    try:
        qtbot.waitUntil(lambda: launch.app is not None)
        assert launch.app is not None
        titles = [e.title for e in launch.app.library.entries if e.id == "mine"]
        assert titles == ["New title"]
    finally:
        close(launch)


def a_journal_to_back_up() -> None:
    """A journal with a year file in it (a note of today's), and no backup of today yet."""
    with Journal.open(journal_folder(), back_up=False) as earlier:
        earlier.add_note(Note(learner_day(datetime.now(UTC)), "Knee quiet on the stairs."))


def test_today_s_backup_is_made_on_the_journal_s_writer_not_the_window_s_thread(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_journal_to_back_up()
    made_on: list[str] = []

    def watched(folder: Path, today: date) -> Path | None:
        made_on.append(threading.current_thread().name)
        return backups.back_up_today(folder, today)

    monkeypatch.setattr(journal_module, "back_up_today", watched)
    launch = start([])
    try:
        qtbot.waitUntil(lambda: launch.app is not None)
        assert launch.app is not None and not launch.failed
        launch.app.flow.journal.flush()
        assert made_on and threading.main_thread().name not in made_on
        assert backups.backup_days(journal_folder()) == [learner_day(datetime.now(UTC))]
    finally:
        close(launch)


def test_a_backup_the_disk_refuses_is_said_in_the_banner_and_seesaw_starts(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_journal_to_back_up()

    def refuse(_folder: Path, _today: date) -> Path | None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module, "back_up_today", refuse)
    launch = start([])
    try:
        qtbot.waitUntil(lambda: launch.app is not None)
        assert launch.app is not None and not launch.failed
        said = "Today's backup of your journal could not be made (the disk is full)."
        qtbot.waitUntil(lambda: said in launch.app.window.banner.messages)  # type: ignore[union-attr]
    finally:
        close(launch)


def test_if_wiring_fails_after_the_window_is_up_the_learner_is_told_and_the_app_ends(
    qtbot: QtBot,
    quiet_settings: None,
    restore_app_look: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.desktop.real_parts

    def broken(*_args: object) -> None:
        raise OSError("disk unplugged")

    told: list[str] = []
    monkeypatch.setattr(ui.desktop.real_parts, "finish_start", broken)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: told.append(text))
    launch = start([])
    try:
        qtbot.waitUntil(lambda: bool(launch.failed))
        assert launch.app is None
        assert "disk unplugged" in told[0]
        assert "OSError" in launch.failed
    finally:
        close(launch)
        _clear_the_exit()


def _clear_the_exit() -> None:
    """``exit(1)`` outside a running event loop leaves Qt's quit flag set for the process, and
    every later event loop (each ``waitUntil``, so every timer a later test waits for) would
    return at once. A real ``exec`` clears the flag when it returns."""
    qt_app = QApplication.instance()
    assert qt_app is not None
    QTimer.singleShot(0, lambda: qt_app.exit(0))
    qt_app.exec()


def test_a_second_copy_says_so_and_opens_no_window(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(launch_module, "acquire_instance_lock", lambda _folder: None)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _text: told.append(title))
    launch = start([])
    assert launch.shell is None and told == ["Seesaw is already open"]


FIRST_PAINT_MODULES = """
import sys
from ui.desktop.launch import start
launch = start([])
heavy = ("lesson_engine.script.parser", "lesson_engine.timeline", "lesson_engine.journal.journal",
         "tinydb", "audio.voices.synthesis", "audio.lesson_audio", "pygame",
         "ui.desktop.player.flow", "ui.desktop.author.view", "ui.desktop.library.pack_import",
         "tomllib", "hashlib", "pickle", "importlib.resources")
print(" ".join(name for name in heavy if name in sys.modules))
"""


def test_the_window_is_drawn_without_loading_the_engine_journal_or_audio(repo: Path) -> None:
    """What makes the window appear at once: only Qt, the settings and the index come first."""
    assert run_python(repo, FIRST_PAINT_MODULES).stdout.split() == []


WIRED_MODULES = """
import sys
from ui.desktop.launch import run_until_ready
launch = run_until_ready()
assert launch.app is not None
later = ("pygame", "numpy", "piper", "onnxruntime", "lesson_engine.script.parser", "statistics",
         "ui.desktop.author.view", "ui.desktop.journal.view", "ui.desktop.exercises.view",
         "ui.desktop.settings.view", "PySide6.QtDBus", "ui.desktop.today.outcome_charts")
print(" ".join(name for name in later if name in sys.modules))
"""


def test_once_wired_the_voice_the_sound_and_the_other_pages_are_still_to_load(repo: Path) -> None:
    """With the neural voice and sound on (the defaults), a returning learner's start (the first
    one wrote the library's index): what they wait for does not include loading the voice or
    the sound, nor parsing a lesson, nor the pages not on screen, nor the session bus (keep-awake
    and the media keys connect as the player's code loads), nor charts a new learner has none of."""
    loaded = [run_python(repo, WIRED_MODULES).stdout.split() for _ in ("first start", "next start")]
    assert loaded[1] == []


COLLECTOR_AFTER_START = """
import gc, json, sys
from ui.main import main
code = main(["--until-ready"])
print(json.dumps({"code": code, "collecting": gc.isenabled(), "frozen": gc.get_freeze_count()}))
"""


def test_once_seesaw_is_wired_the_garbage_collector_runs_again(repo: Path, tmp_path: Path) -> None:
    """``seesaw`` holds the collector off while it starts; left off, every cycle made after would
    stay in memory for as long as Seesaw runs."""
    seen = python_json(repo, COLLECTOR_AFTER_START, SEESAW_HOME=str(tmp_path / "home"))
    assert seen["code"] == 0
    assert seen["collecting"] is True
    assert seen["frozen"] > 10_000  # what the start made is set aside, not walked again


def test_a_start_nobody_held_leaves_the_collector_as_it_was(
    qtbot: QtBot, quiet_settings: None, restore_app_look: None
) -> None:
    frozen = gc.get_freeze_count()
    launch = start([])
    try:
        qtbot.waitUntil(lambda: launch.app is not None)
        assert gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        close(launch)
