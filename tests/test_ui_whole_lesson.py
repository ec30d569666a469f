"""A whole short lesson through the real window, by keys and clicks, saved in the real journal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from ui.desktop.app import build
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.view import PlayerView

SHORT = "id: short\ntitle: Short lesson\n---\n# Only\nLie on your side.\n[pause 5s]\n[rest 20s] Rest on your back.\n\nStand up.\n[bell]\n"


def key(keycode, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), keycode, modifier)


def test_whole_lesson_by_keyboard_ends_up_in_the_journal_on_disk(qtbot, tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "short.lesson").write_text(SHORT)
    journal = Journal.open(tmp_path / "journal")
    output = NullOutput()
    audio = LessonAudio(VoiceChain(None, ClipCache(tmp_path / "cache")), output, [])
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal, audio=audio, settings=settings, folders=[("Seesaw", lessons)], clock=clock
    )
    qtbot.addWidget(app.window)
    app.window.show()
    with qtbot.waitActive(app.window):
        app.window.activateWindow()

    app.library_view.list.setFocus()
    key(Qt.Key.Key_Return)
    assert isinstance(app.window.pages.currentWidget(), CheckInView)
    for _ in range(4):
        key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = app.window.pages.currentWidget()
    assert isinstance(view, PlayerView)

    while isinstance(app.window.pages.currentWidget(), PlayerView):
        clock.advance(250)
        app.flow.controller.tick()
    after = app.window.pages.currentWidget()
    assert isinstance(after, CheckInView) and after.after
    QTest.mouseClick(after.places["outside-knee"], Qt.MouseButton.LeftButton)
    after.slider.setFocus()
    key(Qt.Key.Key_Right)
    after.note.setFocus()
    QTest.keyClicks(after.note, "Lighter on the stairs.")
    QTest.mouseClick(after.go, Qt.MouseButton.LeftButton)
    assert app.window.pages.currentWidget() is app.library_view
    assert "done" in app.library_view.list.item(1).text()
    journal.close()

    with Journal.open(tmp_path / "journal") as reopened:
        (session,) = reopened.sessions()
        assert reopened.load_checkpoint() is None
    assert (session.lesson_id, session.completed, session.completed_fraction) == (
        "short",
        True,
        1.0,
    )
    assert session.before.level == 4 and session.after.level == 1
    assert session.after.places == ("outside-knee",)
    assert session.note == "Lighter on the stairs."
    assert [call[0] for call in output.calls][-1] == "stop"  # the bell played, then silence
