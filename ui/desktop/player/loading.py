"""The player's code: loaded when the first lesson starts, or a slice at a time in the moments
just after the window is wired, whichever comes first.

What a learner waits for at start is Today and the lessons, working. Playing a lesson takes far
more code than drawing them (the lesson's parser, the timeline's compiler with the whole lesson
model, the player and its events, what each event sounds like, the check-in and player screens):
some forty modules and tens of milliseconds of the interpreter, none of which draws anything at
start. So the window is wired without it, and once it is, ``PlayerLoading.start`` imports it a
slice per turn of the event loop, so a click or a key made meanwhile waits for one slice at most.
The parts the app adds with ``add`` (keeping the computer awake, the media keys: both only
follow a playing lesson) come after the slices, the same way. A lesson started before all of it
has run runs what is left first (``finish``): Start works at every moment, and the first lesson
finds everything every later one does.

``load_player`` is the one way to the player's code. What the wiring needs of the player (the
flow, what lessons are played with, saving to the journal) is in modules that import none of it
(``flow.py``, ``lesson_parts.py``, ``saving.py``).
"""

from __future__ import annotations

import importlib
import logging
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from ui.desktop.player.stage import LessonStage

PLAYER_CODE: tuple[tuple[str, ...], ...] = (
    ("lesson_engine.script.parser",),  # a lesson's text read into a Lesson
    ("lesson_engine.timeline.compiler",),  # unrolled into a timeline
    ("lesson_engine.playback.player", "audio.output.session"),  # followed, and heard
    ("ui.desktop.player.checkin", "ui.desktop.player.checkout"),
    ("ui.desktop.player.view",),
    ("ui.desktop.player.stage",),  # all of the above, and what ties it together
)
"""The slices, in the order they load, each a few milliseconds of a start: a slice imports the
modules it names and what they import that is not loaded yet."""

log = logging.getLogger(__name__)


def load_player() -> type[LessonStage]:
    """The stage that plays lessons, its code imported now if it is not yet."""
    from ui.desktop.player.stage import LessonStage

    return LessonStage


def cannot_load(error: Exception) -> str:
    """What the learner is told when part of the player will not load (a damaged install)."""
    return (
        f"Lessons cannot start: part of Seesaw could not be loaded ({type(error).__name__}: "
        f"{error}). Today, your journal and your lessons are as they were; installing Seesaw "
        "again should mend it."
    )


def _importing(names: tuple[str, ...]) -> Callable[[], None]:
    def step() -> None:
        for name in names:
            importlib.import_module(name)

    return step


class PlayerLoading(QObject):
    """The player's code, then the steps added, each once, in order."""

    failed = Signal(str)  # what to tell the learner: a step raised (it is tried again at Start)
    done = Signal()  # every step has run

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: deque[Callable[[], None]] = deque(_importing(s) for s in PLAYER_CODE)
        self._started = False
        self._scheduled = False
        self._running = False
        self.problem = ""
        """What went wrong with the last step that raised; "" once every step has run."""

    def add(self, step: Callable[[], None]) -> None:
        """``step`` runs after the player's code is loaded, before the first lesson at the
        latest."""
        self._steps.append(step)
        self._schedule()

    @property
    def loaded(self) -> bool:
        """Whether every step has run."""
        return not self._steps

    def start(self) -> None:
        """One step per turn of the event loop from now on, until all have run."""
        self._started = True
        self._schedule()

    def finish(self) -> bool:
        """Every step left, now (a lesson is starting); False if one raised (``failed`` said
        what), and then the steps after it wait for the next try. Asked from within a step, as
        a nested event loop could, it leaves the rest to the caller of that step."""
        if self._running:
            return True
        while self._steps:
            if not self._run_first():
                return False
        return True

    def _schedule(self) -> None:
        if self._started and self._steps and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        self._scheduled = False
        if self._running:  # a step spun an event loop: what runs it goes on after it
            return
        if self._steps and self._run_first():
            self._schedule()

    def _run_first(self) -> bool:
        self._running = True
        try:
            self._steps[0]()
        except Exception as exc:  # a damaged install: said in the window, which goes on
            log.exception("Part of the player could not be loaded")
            self.problem = cannot_load(exc)
            self.failed.emit(self.problem)
            return False
        finally:
            self._running = False
        self._steps.popleft()
        if not self._steps:
            self.problem = ""
            self.done.emit()
        return True
