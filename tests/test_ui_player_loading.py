"""The player's code loads after the window is wired: in the idle moments just after, or at the
first Start if that comes sooner; a part of it that will not load is said in the window.

Each test starts Seesaw in a fresh process, as ``seesaw`` does (a module, once imported, stays for
the process), with captions only and no sound, and reads back what the window showed.
"""

from __future__ import annotations

from pathlib import Path

from lesson_engine.library.index import LibraryIndex
from lesson_engine.library.listing import load_library
from lesson_engine.paths import lesson_folders, library_index_path
from tests.child_python import python_json

CHILD = """
import json, sys, time
from PySide6.QtCore import QEventLoop, QSettings, Qt
from lesson_engine.paths import config_dir

settings = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
settings.setValue("voice/name", "captions")
settings.setValue("audio/enabled", False)
settings.sync()
{before}
from ui.desktop.launch import run_until_ready

launch = run_until_ready()
app = launch.app
assert app is not None, launch.failed
player_code = ("ui.desktop.player.stage", "ui.desktop.player.view", "lesson_engine.playback.player",
               "lesson_engine.timeline.compiler", "lesson_engine.script.parser", "audio.sounds",
               "ui.desktop.media.mpris", "ui.desktop.awake.keeper")
seen = {{"loaded_when_wired": [name for name in player_code if name in sys.modules]}}

def wait_for(done, seconds=30):
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        launch.qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return done()

def start_from_the_lessons(lesson_id):
    view = app.library_view
    items = (view.list.item(i) for i in range(view.list.count()))
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == lesson_id)
    view.list.itemActivated.emit(item)  # a double-click, or Enter
{then}
seen["banner"] = app.window.banner.messages
seen["window_open"] = app.window.isVisible()
print(json.dumps(seen))
launch.shell.window.close()
"""

START_AT_ONCE = """
start_from_the_lessons("weight-shift-1")  # in the same turn of the event loop as the wiring
seen["first_screen"] = type(app.window.pages.currentWidget()).__name__
app.window.pages.currentWidget().skip.click()  # a check-in left at once
seen["then"] = type(app.window.pages.currentWidget()).__name__
seen["state"] = app.flow.player.state.name
seen["followed_by"] = [app.awake is not None, app.media is not None]
"""


def run_child(repo: Path, then: str, before: str = "") -> dict[str, object]:
    """A returning learner's start: the first one wrote the library's index, timed as captions
    time it, so this one parses no lesson."""
    load_library(lesson_folders(), index=LibraryIndex(library_index_path()), timing="estimate")
    return python_json(repo, CHILD.format(before=before, then=then))


def test_a_lesson_started_the_moment_the_window_is_wired_plays(repo: Path) -> None:
    seen = run_child(repo, START_AT_ONCE)
    assert seen["loaded_when_wired"] == []  # none of it was waited for at start
    assert seen["first_screen"] == "CheckInView"
    assert seen["then"] == "PlayerView" and seen["state"] == "PLAYING"
    assert seen["followed_by"] == [True, True]  # kept awake, and the media keys reach it


IDLE = """
seen["loaded"] = wait_for(lambda: app.flow.loading.loaded)
seen["loaded_after"] = [name for name in player_code if name in sys.modules]
seen["followers"] = [app.awake is not None, app.media is not None]
"""


def test_just_after_the_wiring_the_player_loads_without_a_start(repo: Path) -> None:
    seen = run_child(repo, IDLE)
    assert seen["loaded_when_wired"] == []
    assert seen["loaded"] is True
    assert seen["loaded_after"] == [
        "ui.desktop.player.stage",
        "ui.desktop.player.view",
        "lesson_engine.playback.player",
        "lesson_engine.timeline.compiler",
        "lesson_engine.script.parser",
        "audio.sounds",
        "ui.desktop.media.mpris",
        "ui.desktop.awake.keeper",
    ]
    assert seen["followers"] == [True, True]


BROKEN_INSTALL = """
sys.modules["ui.desktop.player.view"] = None  # as if the file were missing: importing it fails
"""

START_ON_A_BROKEN_INSTALL = """
seen["said_before_start"] = wait_for(lambda: bool(app.window.banner.messages))
start_from_the_lessons("weight-shift-1")
seen["screen"] = type(app.window.pages.currentWidget()).__name__
seen["today"] = app.today_view.isVisibleTo(app.window)
"""


def test_a_player_that_will_not_load_is_said_in_the_window_which_stays_open(
    repo: Path,
) -> None:
    seen = run_child(repo, START_ON_A_BROKEN_INSTALL, before=BROKEN_INSTALL)
    assert seen["said_before_start"] is True  # found in the idle moments, before any Start
    banner = seen["banner"]
    assert isinstance(banner, list)
    said = [m for m in banner if m.startswith("Lessons cannot start: part of Seesaw could not")]
    assert len(said) == 1  # said once, not again at Start
    (said,) = said
    assert "ui.desktop.player.view" in said
    assert seen["window_open"] is True
    assert seen["screen"] == "TodayView" and seen["today"] is True  # nothing half-started
