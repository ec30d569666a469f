"""Pages the learner does not see on start are built when first visited, and whole when they are.

Exercises, Journal, Author and Settings wait (``MainWindow.defer_page``); each must arrive with
every connection the eager build gave it, and what must work before any visit (a lesson's
Ctrl+Plus keeping the caption size, the notice of recovered Author text) works without it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from ui.desktop.app import SeesawApp, build
from ui.desktop.author.recovery import RecoveryCopies
from ui.desktop.author.view import AuthorDialogs, AuthorView
from ui.desktop.exercises.view import ExercisesView
from ui.desktop.journal.view import JournalView
from ui.desktop.ports import SilentAudio
from ui.desktop.settings.view import SettingsView
from ui.desktop.theme import DARK, DEFAULT_CAPTION_PT, LIGHT
from ui.desktop.today.view import TodayView

DEFERRED = {
    "exercises": ExercisesView,
    "journal": JournalView,
    "author": AuthorView,
    "settings": SettingsView,
}
GOOD = "id: draft\ntitle: Draft\n---\n# One\nLie down.\n[pause 5s]\n\n# Two\nStand up.\n"


def started(qtbot, tmp_path: Path, journal: Journal) -> tuple[SeesawApp, QSettings]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[],
        clock=ManualClock(),
        confirm_stop=lambda _parent, _question: True,
        author_dialogs=AuthorDialogs(  # closing with unsaved text: discard it, ask nobody
            open_path=lambda _p: "",
            save_path=lambda _p, _s: "",
            unsaved=lambda _p, _name: "discard",
            pick_audio=lambda _p: "",
        ),
    )
    qtbot.addWidget(app.window)
    app.window.show()
    return app, settings


def built_pages(window: QWidget) -> set[str]:
    return {key for key, kind in DEFERRED.items() if window.findChildren(kind)}


def click_tab(qtbot, app: SeesawApp, key: str) -> QWidget:  # type: ignore[no-untyped-def]
    tabs = app.window.navigation
    centre = tabs.tabRect(tabs.keys.index(key)).center()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=centre)
    return app.window.pages.currentWidget()


def test_only_today_and_the_lessons_are_built_at_start_and_each_tab_builds_its_page(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    app, _ = started(qtbot, tmp_path, journal)
    assert isinstance(app.window.pages.currentWidget(), TodayView)
    assert built_pages(app.window) == set()
    assert app.window.navigation.keys == ("today", "library", *DEFERRED)  # every tab is there
    for key, kind in DEFERRED.items():
        page = click_tab(qtbot, app, key)
        assert isinstance(page, kind), key
        assert app.window.navigation.current_key == key
        assert click_tab(qtbot, app, key) is page  # built once, then the same page
    assert built_pages(app.window) == set(DEFERRED)


def test_a_page_built_on_visit_is_wired_as_the_eager_one_was(
    qtbot, tmp_path: Path, journal: Journal, qapp: QApplication
) -> None:
    app, settings = started(qtbot, tmp_path, journal)
    view = click_tab(qtbot, app, "settings")
    assert isinstance(view, SettingsView) and app.settings_view is view
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    try:
        view.theme.setCurrentIndex(view.theme.findData("dark"))  # applied at once, app-wide
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == DARK.window
        view.theme.setCurrentIndex(view.theme.findData("light"))
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
    assert settings.value("appearance/theme") == "light"

    author = click_tab(qtbot, app, "author")
    assert isinstance(author, AuthorView)
    author.editor.setPlainText(GOOD)
    qtbot.waitUntil(lambda: author.lesson is not None, timeout=2000)
    author.play_from_cursor()  # the page's Play reaches the lesson flow, docked beside it
    assert author.preview.player is not None and app.window.pages.currentWidget() is author
    author.preview.player.buttons["stop"].click()

    exercises = click_tab(qtbot, app, "exercises")
    assert isinstance(exercises, ExercisesView)
    exercises.programme_button.click()  # reaches Today's programme chooser
    assert app.window.pages.currentWidget() is app.today_view


def test_a_lessons_caption_step_is_kept_without_building_settings_and_shown_there_later(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    app, settings = started(qtbot, tmp_path, journal)
    app.flow.caption_step.emit(4)  # Ctrl+Plus twice, mid-lesson
    assert "settings" not in built_pages(app.window)
    assert int(settings.value("captions/size")) == DEFAULT_CAPTION_PT + 4
    assert app.settings_view.caption_size.value() == DEFAULT_CAPTION_PT + 4
    app.flow.caption_step.emit(-2)  # now through the page, whose slider moves
    assert app.settings_view.caption_size.value() == DEFAULT_CAPTION_PT + 2


def test_recovered_author_text_is_announced_at_start_and_waits_in_the_editor(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    from lesson_engine.paths import recovery_dir

    RecoveryCopies(recovery_dir()).keep(None, GOOD)
    app, _ = started(qtbot, tmp_path, journal)
    assert any("recovered" in notice for notice in app.window.banner.messages)
    assert "author" not in built_pages(app.window)
    author = click_tab(qtbot, app, "author")
    assert isinstance(author, AuthorView) and author.editor.toPlainText() == GOOD
