"""Every page of the real window, one after another, at one screen size and scale factor.

Run in its own process (``python -m tests.layout_tour 1920x1080 1.5 [shots-folder theme]``):
Qt reads ``QT_SCALE_FACTOR`` and the offscreen screen's size once, when it starts. The window
opens as Seesaw opens it, then fills the screen, then shrinks to its smallest size; at each, every
page (and each of a lesson's screens) is checked with ``layout_checks``. Prints the problems
found as JSON: {"<window size> <page>": [problem, ...]}, only where there are some.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


def screen_config(width: int, height: int) -> str:
    """The offscreen platform's screen, as big as the one being tried (physical pixels)."""
    folder = Path(tempfile.mkdtemp(prefix="seesaw-screen-"))
    config = folder / "screen.json"
    screen = {"name": "tour", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def pages(app, clock) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Shows each page and lesson screen in turn, yielding its name while it is on screen."""
    from ui.desktop.player.checkin import CheckInView
    from ui.desktop.player.view import PlayerView

    window = app.window
    for key in ("today", "library", "exercises", "journal", "author", "settings"):
        window.show_page(key)
        if key == "exercises" and app.exercises_view is not None:
            app.exercises_view.table.setCurrentCell(0, 1)
        yield key
    if app.exercises_view is not None:
        exercises = app.exercises_view
        window.show_page("exercises")
        from PySide6.QtCore import QItemSelectionModel

        selection = exercises.table.selectionModel()
        for row in range(min(3, len(exercises.entries))):
            selection.select(
                exercises.table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
            )
        exercises.compare_button.click()
        yield "exercises side by side"
        exercises.comparison.hide()
    lesson = next(e for e in app.library.entries if e.header.group == "weight-shift")
    app.flow.start(lesson.id)
    checkin = app.flow.view
    assert isinstance(checkin, CheckInView)
    checkin.rate(9)  # the caution shows too
    yield "check-in"
    checkin.submitted.emit(checkin.current())
    clock.advance(95_000)
    app.flow.controller.tick()
    yield "player"
    window.toggle_floor()  # F11: full screen, whatever the window was
    yield "player on the floor"
    window.toggle_floor()
    from lesson_engine.playback.parts import is_timed_part

    player = app.flow.player
    for _ in range(200):  # on, event by event, into a part that counts down
        if is_timed_part(player.current_event) and player.ready_remaining_ms == 0:
            break
        clock.advance(max(player.current_event.end_ms - player.position_ms, 0) + 1_000)
        app.flow.controller.tick()
    yield "player counting down"
    app.flow.controller.toggle()
    yield "player paused"
    app.flow.controller.rest()
    clock.advance(138_000)
    app.flow.controller.tick()
    yield "rest"
    view = app.flow.view
    assert isinstance(view, PlayerView)
    view.stop_confirmed.emit()
    checkout = app.flow.view
    assert isinstance(checkout, CheckInView)
    checkout.rate(2)
    checkout.note.setPlainText("Knee quieter after the rest; the hip did more of the work.")
    yield "check-out"
    checkout.submitted.emit(checkout.current())
    window.end_session("library")


def tour(each: Callable[[str, str], None]) -> dict[str, list[str]]:
    """Build the app, open its window, and call ``each(size, page)`` on every page at every size."""
    from PySide6.QtCore import QSettings, QSize
    from PySide6.QtWidgets import QApplication

    from lesson_engine.playback.clock import ManualClock
    from tests.layout_checks import layout_problems
    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio
    from ui.desktop.screenshots import _follow_a_programme, sample_journal

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    home = Path(tempfile.mkdtemp(prefix="seesaw-tour-"))
    os.environ["SEESAW_HOME"] = str(home)
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    journal = sample_journal()
    _follow_a_programme(journal)
    clock = ManualClock()
    app = build(journal=journal, audio=SilentAudio(), settings=settings, clock=clock)
    window = app.window
    window.show()
    found: dict[str, list[str]] = {}

    def settle() -> None:
        for _ in range(4):
            qt_app.processEvents()

    settle()
    opened = layout_problems(window)
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        found["opened"] = [p for p in opened if "larger than the screen" in p]
    for size in dict.fromkeys((screen.size(), QSize(800, 600).boundedTo(screen.size()))):
        window.resize(size)
        for page in pages(app, clock):
            settle()
            name = f"{window.width()}x{window.height()} {page}"
            problems = layout_problems(window)
            if problems:
                found[name] = problems
            each(name, page)
    return found


SHOTS = {
    ("800x600", "1"): (
        "today",
        "library",
        "exercises",
        "settings",
        "check-in",
        "player",
        "player counting down",
        "rest",
    ),
    ("1920x1080", "1"): ("player", "player on the floor", "exercises", "today"),
    ("1600x1000", "2"): (
        "player",
        "player on the floor",
        "player counting down",
        "rest",
        "check-in",
        "settings",
    ),
}
"""The pictures ``docs/screenshots/any-window/`` keeps: each screen at its own size only."""


def main() -> int:
    """``tour W×H scale`` prints the problems; with a folder and a theme it also saves the
    pages in ``SHOTS`` (under Xvfb, ``QT_QPA_PLATFORM=xcb``, the screen is Xvfb's own):
    xvfb-run -a -s '-screen 0 1600x1000x24' env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=2 \\
        .venv/bin/python -m tests.layout_tour 1600x1000 2 docs/screenshots/any-window dark"""
    size, scale = sys.argv[1], sys.argv[2]
    width, height = (int(n) for n in size.split("x"))
    if os.environ.get("QT_QPA_PLATFORM") != "xcb":
        os.environ["QT_QPA_PLATFORM"] = screen_config(width, height)
    os.environ["QT_SCALE_FACTOR"] = scale
    shots = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    theme = sys.argv[4] if len(sys.argv) > 4 else "light"
    from PySide6.QtWidgets import QApplication

    qt_app = QApplication(sys.argv[:1])
    from ui.desktop.theme import apply_theme, pick_theme

    apply_theme(qt_app, pick_theme(theme))
    wanted = set(SHOTS.get((size, scale), ()))
    saved: set[str] = set()

    def shoot(_name: str, page: str) -> None:
        if shots is None or page not in wanted or page in saved:
            return
        saved.add(page)  # the first time: at the screen's own size
        window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "pages"))
        scaled = "" if scale == "1" else f"-scale{scale}"
        shots.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(shots / f"{size}{scaled}-{page.replace(' ', '-')}-{theme}.png"))

    print(json.dumps(tour(shoot), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
