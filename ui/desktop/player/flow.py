"""One lesson from the learner's side: check in, follow, rest, stop or finish, check out, saved.

Everything that must survive a crash goes to the journal as it happens: the checkpoint on every
transition and every few seconds (with the session's start time and the first check-in inside
it), and the session record the moment the last form is left. A checkpoint of a lesson that
finished but was never checked out is turned into a session on the next start, so no lesson
already done is ever lost.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.library.listing import Library
from lesson_engine.model.lesson import Lesson
from lesson_engine.playback.clock import Clock, MonotonicClock
from lesson_engine.playback.events import CheckpointDue, Finished, PlayerEvent
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.session.pending import PendingSessions
from lesson_engine.session.record import CheckIn, SessionDraft, session_entry
from lesson_engine.session.resume import ResumeOffer, offer_to_resume
from lesson_engine.session.saved_place import (
    SavedPlace,
    entry_for_finished,
    place_to_continue,
    place_to_save,
)
from lesson_engine.storage import write_problem_in_words
from lesson_engine.timeline import Timeline, compile_timeline
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.controller import SessionController
from ui.desktop.player.view import (
    STOP_LESSON,
    STOP_PREVIEW,
    ConfirmStop,
    PlayerView,
    ask_to_stop,
)
from ui.desktop.ports import AudioPort

RETIME_EVERY_MS = 400
RETRY_SAVING_MS = 60_000


class LessonFlow(QObject):
    finished = Signal()  # back to the library
    session_saved = Signal(object)  # SessionEntry
    problem = Signal(str)  # something the learner should know, for the banner
    preview_ended = Signal()  # back to the Author screen
    caption_step = Signal(int)  # the learner asked for bigger or smaller captions mid-lesson

    def __init__(
        self,
        *,
        library: Library,
        journal: Journal,
        audio: AudioPort,
        show: Callable[[QWidget], None],
        clock: Clock | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        caption_pt: Callable[[], int] = lambda: 30,
        confirm_stop: ConfirmStop = ask_to_stop,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.journal = journal
        self.audio = audio
        self._show = show
        self._clock = clock or MonotonicClock()
        self._now = now
        self._caption_pt = caption_pt
        self._confirm_stop = confirm_stop
        self.player: Player | None = None
        self.controller: SessionController | None = None
        self.view: QWidget | None = None
        self._detach: list[Callable[[], None]] = []
        self._draft = SessionDraft(title="", started_at=now())
        self._completed = False
        self._lesson: Lesson | None = None
        self._preview = False
        self._retime = QTimer(self)
        self._retime.setInterval(RETIME_EVERY_MS)
        self._retime.timeout.connect(self.apply_voice_updates)
        self.pending = PendingSessions()
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_SAVING_MS)
        self._retry.timeout.connect(self.retry_saving)
        self._place_problem = ""

    # -- entry points --------------------------------------------------------------------

    def start(self, lesson_id: str) -> None:
        entry = self.library.by_id(lesson_id)
        if entry is None:
            return
        try:
            self._lesson = entry.load()
        except LessonScriptError as exc:
            self._report_broken(entry.path, exc)
            return
        self.audio.prepare(
            compile_timeline(self._lesson, self.audio.duration_of)
        )  # while they check in
        view = CheckInView(entry.title, after=False, voice_note=self.audio.description)
        view.submitted.connect(lambda checkin: self._begin(lesson_id, checkin))
        view.cancelled.connect(self._cancel_before_start)
        self._present(view)

    def _cancel_before_start(self) -> None:
        """A wrong pick: back to the list with nothing saved (no checkpoint exists yet)."""
        self._lesson = None
        self.finished.emit()

    def resume(self) -> bool:
        """Continue the saved lesson at the start of its cue; False when there is nothing to resume."""
        place = SavedPlace.from_dict(self.journal.load_checkpoint(), self._now())
        entry = self.library.by_id(place.lesson_id) if place else None
        if place is None or entry is None:
            return False
        checkpoint = place.checkpoint
        self._draft = replace(place.draft, title=entry.title)
        try:
            self._lesson = entry.load()
        except LessonScriptError as exc:
            self._report_broken(entry.path, exc)
            return False
        timeline = self._timeline(checkpoint.position_ms)
        player = Player.restore(timeline, checkpoint, self._clock)
        self._run(player)
        if self.controller:
            self.controller.toggle()
        return True

    def resume_offer(self) -> ResumeOffer | None:
        return offer_to_resume(self.journal.load_checkpoint(), self.library)

    def settle_finished_checkpoint(self) -> SessionEntry | None:
        """A lesson that ended but was never checked out (the app closed on the last form)."""
        place = SavedPlace.from_dict(self.journal.load_checkpoint(), self._now())
        if place is None:
            return None
        entry = self.library.by_id(place.lesson_id)
        record = entry_for_finished(
            place,
            title=entry.title if entry else None,
            total_ms=entry.length_ms if entry else None,
            now=self._now(),
        )
        if record is None:
            return None
        return self._store(record, self._clear_place)

    def shutdown(self) -> None:
        """The window is closing: pause so the place is saved, and let go of timers and audio."""
        if self.player and self.player.state is PlayerState.PLAYING:
            self.player.pause()
        self._release()

    # -- steps ---------------------------------------------------------------------------

    def _begin(self, lesson_id: str, before: CheckIn) -> None:
        self._preview = False
        assert self._lesson is not None
        self._draft = SessionDraft(title=self._lesson.title, started_at=self._now(), before=before)
        player = Player(self._timeline(), self._clock)
        self._run(player)
        if self.controller:
            self.controller.toggle()

    def _timeline(self, position_ms: int = 0) -> Timeline:
        """The lesson timed by the voice, with sound ready for the cue that plays first."""
        assert self._lesson is not None
        timeline = compile_timeline(self._lesson, self.audio.duration_of)
        self.audio.prepare(timeline)
        self.audio.ready_first(timeline, position_ms)
        return compile_timeline(self._lesson, self.audio.duration_of)

    def _report_broken(self, path: Path, error: LessonScriptError) -> None:
        first = error.diagnostics[0] if error.diagnostics else None
        where = f" ({first.location()}: {first.message})" if first else ""
        self.problem.emit(
            f"“{path.name}” has changed and now has errors, so it cannot start{where}."
        )

    def _run(self, player: Player) -> None:
        self._release()
        self.player = player
        self._completed = False
        self._detach.append(player.subscribe(self._on_player_event))
        self._detach.append(self.audio.attach(player))
        self.controller = SessionController(player, self)
        view = PlayerView(
            self.controller,
            caption_pt=self._caption_pt(),
            voice_note=self.audio.description,
            confirm_stop=self._confirm_stop,
            stop_question=STOP_PREVIEW if self._preview else STOP_LESSON,
        )
        view.stop_confirmed.connect(self._check_out)
        view.caption_step.connect(self.caption_step)
        self._present(view)
        self._retime.start()

    def apply_voice_updates(self) -> None:
        """Cues the voice finished since last time: re-time what lies ahead, show progress, and
        say so if the voice stopped working (the lesson goes on with captions)."""
        for problem in self.audio.take_problems():
            self.problem.emit(problem)
        if self.controller is None or self._lesson is None:
            return
        if self.audio.take_new_lengths():
            self.controller.swap_timeline(compile_timeline(self._lesson, self.audio.duration_of))
        if isinstance(self.view, PlayerView):
            self.view.show_voice_progress(*self.audio.progress())

    def preview(self, lesson: Lesson, start_ms: int) -> None:
        """Play a lesson being written, from a cue: nothing goes to the journal."""
        self._lesson = lesson
        self._preview = True
        self._run(Player(self._timeline(start_ms), self._clock, start_ms=start_ms))
        if self.controller:
            self.controller.toggle()

    def _on_player_event(self, event: PlayerEvent) -> None:
        if self._preview:
            if isinstance(event, Finished) and event.completed:
                self._check_out()
            return
        if isinstance(event, CheckpointDue):
            place = place_to_save(
                event.checkpoint, self._draft, now=self._now(), completed=self._completed
            )
            self._save_place(place.to_dict())
        elif isinstance(event, Finished):
            self._completed = event.completed
            if event.completed:
                self._check_out()

    def _check_out(self) -> None:
        player = self.player
        if player is None:
            return
        if player.state is not PlayerState.FINISHED:
            player.stop()
        ended = self._now()
        if self.controller:
            self.controller.shutdown()
        if self._preview:
            self._release()
            self._preview = False
            self.preview_ended.emit()
            return
        view = CheckInView(player.timeline.title, after=True)
        view.submitted.connect(lambda after: self._save(player, ended, after))
        self._present(view)

    def _save(self, player: Player, ended: datetime, after: CheckIn) -> None:
        record = session_entry(
            lesson_id=player.timeline.lesson_id,
            draft=replace(self._draft, title=player.timeline.title),
            ended_at=ended,
            completed=self._completed,
            position_ms=player.position_ms,
            total_ms=player.timeline.total_ms,
            rests_taken=player.rests_taken,
            rested_ms=player.rested_ms,
            after=after,
        )
        completed = self._completed
        continue_from = place_to_continue(player.checkpoint())

        def settle_place() -> None:
            if completed:
                self._clear_place()
            else:  # stopped on purpose: "Continue" stays offered from where they stopped
                self._save_place(continue_from)

        self._store(record, settle_place)
        self._release()
        self.finished.emit()

    def _store(
        self, record: SessionEntry, then: Callable[[], None] = lambda: None
    ) -> SessionEntry | None:
        """Add to the journal, then settle the saved place. If the disk refuses, the record
        waits in memory (the saved place stays as it is) and is tried again every minute."""
        try:
            stored = self.pending.store(self.journal, record, then)
        except JournalInputError as exc:
            self.pending.let_go()  # refused for what it says: trying again cannot help
            self.problem.emit(f"The session could not be saved to the journal: {exc}")
            return None
        if stored is None:
            self.problem.emit(
                f"This session could not be saved to your journal yet ({self.pending.problem}). "
                "Seesaw keeps it and tries again every minute; if you close Seesaw first, it "
                "asks where to keep it."
            )
            self._retry.start()
            return None
        self.session_saved.emit(stored)
        return stored

    def retry_saving(self) -> None:
        """Try the waiting sessions again (every minute, and when asked at closing time)."""
        for stored in self.pending.retry(self.journal):
            self.problem.emit(
                f"The session of {stored.day:%d %B} ({stored.lesson_title}) is saved in your "
                "journal now."
            )
            self.session_saved.emit(stored)
        if not self.pending.waiting:
            self._retry.stop()

    def _save_place(self, place: dict[str, Any]) -> None:
        """Write the saved place; when the disk refuses, say so once and let the lesson go on."""
        try:
            self.journal.save_checkpoint(place)
        except OSError as exc:
            problem = write_problem_in_words(exc)
            if problem != self._place_problem:
                self._place_problem = problem
                folder = self.journal.folder or "memory"
                self.problem.emit(
                    f"Seesaw cannot save your place in the lesson ({problem}, in {folder}). "
                    "The lesson goes on; only a crash now would lose your place."
                )
        else:
            if self._place_problem:
                self._place_problem = ""
                self.problem.emit("Your place in the lesson is being saved again.")

    def _clear_place(self) -> None:
        # Rare (the record's write just succeeded): the place would stay, and the next start
        # would record that session a second time, which the learner can delete.
        with contextlib.suppress(OSError):
            self.journal.clear_checkpoint()

    def _present(self, view: QWidget) -> None:
        self.view = view
        self._show(view)

    def _release(self) -> None:
        self._retime.stop()
        for detach in self._detach:
            detach()
        self._detach.clear()
        if self.controller:
            self.controller.shutdown()
            self.controller = None
