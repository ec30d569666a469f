"""Importing a lesson pack in the app, by the button or by dropping it on the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from lesson_engine.journal.journal import Journal
from tests.pack_fixtures import pack_bytes
from ui.desktop.app import build
from ui.desktop.ports import SilentAudio

MANIFEST = b'title = "Hill days"\nauthor = "Sam"\nversion = "1"\nlicence = "CC BY 4.0"\n'
LESSON = b"id: hill-1\ntitle: Hill 1\n---\nWalk up the hill slowly.\n"


def make_app(
    qtbot,
    tmp_path: Path,
    journal: Journal,
    asked: list[Path],
    replace: bool = False,
    chosen: str = "",
):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        ask_pack_path=lambda _w: chosen,
        ask_replace=lambda _w, folder: asked.append(folder) or replace,
    )
    qtbot.addWidget(app.window)
    return app


def titles(app) -> list[str]:
    return [app.library_view.list.item(i).text() for i in range(app.library_view.list.count())]


def test_import_button_adds_the_lessons_to_the_library(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    pack = tmp_path / "hill.zip"
    pack.write_bytes(pack_bytes({"pack.toml": MANIFEST, "hill-1.lesson": LESSON}))
    app = make_app(qtbot, tmp_path, journal, [], chosen=str(pack))
    app.library_view.import_button.click()
    assert any(t.startswith("Hill 1") and "from Hill days" in t for t in titles(app))
    assert app.window.banner.messages[-1] == (
        "Imported “Hill days” by Sam: 1 lesson, shown in the list as “from Hill days”."
    )
    assert app.flow.library.by_id("hill-1") is not None


def test_dropping_a_pack_on_the_window_imports_it_and_asks_before_replacing(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    pack = tmp_path / "hill.zip"
    pack.write_bytes(pack_bytes({"pack.toml": MANIFEST, "hill-1.lesson": LESSON}))
    asked: list[Path] = []
    app = make_app(qtbot, tmp_path, journal, asked, replace=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pack))])
    for _ in range(2):  # as a person does it: the drag enters the window, then the drop
        enter = QDragEnterEvent(
            QPoint(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(app.window, enter)
        assert enter.isAccepted()
        drop = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(app.window, drop)
    assert len(asked) == 1
    assert (
        app.window.banner.messages[-1]
        == "“hill.zip” was not imported: the installed pack was kept."
    )


def test_a_hostile_pack_is_refused_in_the_banner(qtbot, tmp_path: Path, journal: Journal) -> None:
    pack = tmp_path / "bad.zip"
    pack.write_bytes(pack_bytes({"pack.toml": MANIFEST, "../../evil.lesson": LESSON}))
    app = make_app(qtbot, tmp_path, journal, [], chosen=str(pack))
    app.library_view.import_button.click()
    message = app.window.banner.messages[-1]
    assert message.startswith("“bad.zip” was not imported, and nothing was written:")
    assert "unsafe path" in message
