"""The lessons as the app wires them: started from Today, the library, the Exercises and Author
pages, and ended back there.

This is what the window is wired to at start, and it holds none of the player's code: the stage
that plays lessons (``stage.py``: check in, follow, rest, stop or finish, check out, saved) is
made on the first Start, or once ``loading`` has loaded its code in the moments after the window
is wired. Until then what the start needs is here: the resume offer, saving to the journal, and
the check-out of a lesson that ended while Seesaw closed on its form (the one case that makes
the stage at start).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.library.listing import Library
from lesson_engine.playback.clock import Clock, MonotonicClock
from lesson_engine.session.resume import ResumeOffer, offer_to_resume
from lesson_engine.session.saved_place import SavedPlace
from ui.desktop.player.lesson_parts import Follower, LessonParts
from ui.desktop.player.loading import PlayerLoading, load_player
from ui.desktop.player.saving import JournalSaving
from ui.desktop.ports import AudioPort

if TYPE_CHECKING:  # the player's code: loaded by ``loading``, never at start
    from lesson_engine.model.lesson import Lesson
    from lesson_engine.playback.player import Player
    from lesson_engine.programme.today import Today
    from ui.desktop.player.controller import SessionController
    from ui.desktop.player.stage import LessonStage
    from ui.desktop.player.stop_question import ConfirmStop


class LessonFlow(QObject):
    finished = Signal()  # back to the library
    problem = Signal(str)  # something the learner should know, for the banner
    preview_ended = Signal()  # back to the Author screen
    caption_step = Signal(int)  # the learner asked for bigger or smaller captions mid-lesson
    lesson_done = Signal(str)  # a lesson's id, once it was finished and checked out

    def __init__(
        self,
        *,
        library: Library,
        journal: Journal,
        audio: AudioPort,
        show: Callable[[QWidget], None],
        clock: Clock | None = None,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),  # the learner's offset
        caption_pt: Callable[[], int] = lambda: 30,
        get_ready_ms: Callable[[], int] = lambda: 0,
        speak_count: Callable[[], bool] = lambda: False,
        confirm_stop: ConfirmStop | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``confirm_stop`` None: Stop asks with a dialog."""
        super().__init__(parent)
        self._clock = clock or MonotonicClock()
        self._now = now
        self.saving = JournalSaving(journal, self.problem.emit, self)
        self.parts = LessonParts(
            library=library,
            journal=journal,
            audio=audio,
            saving=self.saving,
            show=show,
            clock=self._clock,
            now=now,
            caption_pt=caption_pt,
            get_ready_ms=get_ready_ms,
            speak_count=speak_count,
            confirm_stop=confirm_stop,
        )
        self.loading = PlayerLoading(self)
        self.loading.failed.connect(self.problem)
        self._stage: LessonStage | None = None

    # -- what the wiring gives, shared with the stage --------------------------------------

    @property
    def library(self) -> Library:
        return self.parts.library

    @library.setter
    def library(self, library: Library) -> None:
        self.parts.library = library

    @property
    def journal(self) -> Journal:
        return self.parts.journal

    @property
    def audio(self) -> AudioPort:
        return self.parts.audio

    @property
    def followers(self) -> list[Follower]:
        return self.parts.followers

    @property
    def preview_host(self) -> Callable[[QWidget], None] | None:
        """Where a preview's player goes (the Author page, beside the script); None: full page."""
        return self.parts.preview_host

    @preview_host.setter
    def preview_host(self, host: Callable[[QWidget], None] | None) -> None:
        self.parts.preview_host = host

    # -- the lesson on screen, if there is one -----------------------------------------------

    @property
    def stage(self) -> LessonStage | None:
        """The stage, made now (its code loaded) if it was not yet, with every part that follows
        a lesson wired (``loading``); None if part of it will not load (the learner was told)."""
        if not self.loading.finish():
            return None
        if self._stage is None:
            stage = load_player()(self.parts, self)
            for mine, its in (
                (self.finished, stage.finished),
                (self.problem, stage.problem),
                (self.preview_ended, stage.preview_ended),
                (self.caption_step, stage.caption_step),
                (self.lesson_done, stage.lesson_done),
            ):
                its.connect(mine)
            self._stage = stage
        return self._stage

    @property
    def player(self) -> Player | None:
        return self._stage.player if self._stage else None

    @property
    def controller(self) -> SessionController | None:
        return self._stage.controller if self._stage else None

    @property
    def view(self) -> QWidget | None:
        """The lesson's screen shown last (check-in, player or check-out)."""
        return self._stage.view if self._stage else None

    @property
    def previewing(self) -> bool:
        """Whether what plays is a preview on the Author page rather than a lesson."""
        return self._stage is not None and self._stage.previewing

    # -- entry points --------------------------------------------------------------------

    def start(self, lesson_id: str) -> None:
        if stage := self.stage:
            stage.start(lesson_id)

    def resume(self) -> bool:
        """Continue the saved lesson at the start of its cue; False when there is nothing to resume."""
        stage = self.stage
        return stage.resume() if stage else False

    def preview(self, lesson: Lesson, start_ms: int) -> None:
        """Play a lesson being written, from a cue: nothing goes to the journal."""
        if stage := self.stage:
            stage.preview(lesson, start_ms)

    def prefetch(self, today: Today | None) -> None:
        """Have the voice make, when it has nothing else to do, the first cues of the lessons
        ``today`` offers to start (``LessonStage.prefetch``)."""
        if stage := self.stage:
            stage.prefetch(today)

    def resume_offer(self) -> ResumeOffer | None:
        return offer_to_resume(self.journal.load_checkpoint(), self.library)

    def check_out_again(self) -> str:
        """A lesson that ended while Seesaw closed (or crashed) on its check-out: the form again,
        as the learner left it. Returns the lesson's title, or "" when there is none to offer."""
        place = SavedPlace.from_dict(self.journal.load_checkpoint(), self._now())
        if place is None or not place.finished:
            return ""
        stage = self.stage
        return stage.check_out_again(place) if stage else ""

    def apply_voice_updates(self) -> None:
        """Cues the voice finished since last time, for the lesson playing (``LessonStage``)."""
        if self._stage is not None:
            self._stage.apply_voice_updates()

    def show_sound(self) -> None:
        """The sound device opened, failed or was switched: the lesson on screen says so."""
        if self._stage is not None:
            self._stage.show_sound()

    def set_caption_size(self, pt: int) -> None:
        """Captions of the lesson on screen, if one is, at ``pt`` from now on."""
        if self._stage is not None:
            self._stage.set_caption_size(pt)

    def request_stop(self) -> None:
        """Stop the lesson on screen, asked as its Stop button asks (never ends one unseen)."""
        if self._stage is not None:
            self._stage.request_stop()

    def shutdown(self) -> None:
        """The window is closing: the lesson on screen, if any, pauses so its place is saved."""
        if self._stage is not None:
            self._stage.shutdown()
