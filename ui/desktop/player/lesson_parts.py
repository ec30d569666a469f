"""What every lesson is played with, as the app's wiring gives it: one object, shared.

The lesson flow (``flow.py``) holds it from the start, and the stage that plays lessons
(``stage.py``), loaded with the player's code on the first Start or just after the window is
wired, reads it from then on. What may change while Seesaw runs (the library after a pack is
imported, where a preview plays once the Author page is built) is changed here, so both see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.library.listing import Library
from lesson_engine.playback.clock import Clock
from ui.desktop.player.saving import JournalSaving
from ui.desktop.ports import AudioPort

if TYPE_CHECKING:  # the player's code, loaded on the first Start (``loading.py``)
    from ui.desktop.player.controller import SessionController
    from ui.desktop.player.stop_question import ConfirmStop

Follower = Callable[["SessionController"], Callable[[], None]]
"""A part that follows each lesson while it plays (keeping the computer awake, the media
controls): attached with the lesson's controller, and detached by what it returns."""


@dataclass
class LessonParts:
    library: Library
    journal: Journal
    audio: AudioPort
    saving: JournalSaving
    show: Callable[[QWidget], None]
    """Puts a lesson's screen (check-in, player, check-out) in the window."""
    clock: Clock
    now: Callable[[], datetime]
    caption_pt: Callable[[], int]
    get_ready_ms: Callable[[], int]
    speak_count: Callable[[], bool]
    confirm_stop: ConfirmStop | None
    """How Stop asks before a lesson ends early; None: the dialog (``stop_question.py``)."""
    followers: list[Follower] = field(default_factory=list)
    preview_host: Callable[[QWidget], None] | None = None
    """Where a preview's player goes (the Author page, beside the script); None: full page."""
