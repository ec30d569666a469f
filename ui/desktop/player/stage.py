"""One lesson from the learner's side: check in, follow, rest, stop or finish, check out, saved.

Everything that must survive a crash goes to the journal as it happens: the checkpoint on every
transition and every few seconds (with the session's start time and the first check-in inside
it), and the session record the moment the last form is left. A checkpoint of a lesson that
finished but was never checked out is turned into a session on the next start, so no lesson
already done is ever lost.

This is the player's side of the lesson flow, and with it the player's code: the timeline, the
player and its screens. ``flow.py`` is what the app wires at start; it makes this stage on the
first Start, or just after the window is wired (``loading.py`` says why and when).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from lesson_engine.model.lesson import Lesson
from lesson_engine.playback.events import CheckpointDue, Finished, PlayerEvent
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from lesson_engine.programme.today import Today
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.session.record import CheckIn, SessionDraft, is_a_session, session_entry
from lesson_engine.session.saved_place import (
    SavedPlace,
    entry_for_finished,
    place_to_continue,
    place_to_save,
)
from lesson_engine.timeline import Timeline, compile_timeline
from ui.desktop.player.ahead import timelines_to_start
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.checkout import CheckOutForm
from ui.desktop.player.controller import SessionController
from ui.desktop.player.first_sound import FirstSound
from ui.desktop.player.lesson_parts import LessonParts
from ui.desktop.player.stop_question import STOP_LESSON, STOP_PREVIEW, ask_to_stop
from ui.desktop.player.view import PlayerView

RETIME_EVERY_MS = 400


class LessonStage(QObject):
    """Plays the app's lessons, one at a time, with what ``parts`` gives; its signals are the
    flow's (``LessonFlow`` passes them on)."""

    finished = Signal()  # back to the library
    problem = Signal(str)  # something the learner should know, for the banner
    preview_ended = Signal()  # back to the Author screen
    caption_step = Signal(int)  # the learner asked for bigger or smaller captions mid-lesson
    lesson_done = Signal(str)  # a lesson's id, once it was finished and checked out
    _ahead = Signal(object)  # today's lessons, read on a thread, for the voice to make ahead

    def __init__(self, parts: LessonParts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._parts = parts
        self.player: Player | None = None
        self.controller: SessionController | None = None
        self.view: QWidget | None = None
        self._detach: list[Callable[[], None]] = []
        self._draft = SessionDraft(title="", started_at=parts.now())
        self._completed = False
        self._lesson: Lesson | None = None
        self._preview = False
        self._retime = QTimer(self)
        self._retime.setInterval(RETIME_EVERY_MS)
        self._retime.timeout.connect(self.apply_voice_updates)
        self.check_out_form = CheckOutForm(parts.saving, self._present, self)
        self.first_sound = FirstSound(lambda: self._parts.audio, self)
        self._ahead.connect(lambda timelines: self._parts.audio.prefetch(timelines))

    # -- entry points --------------------------------------------------------------------

    def start(self, lesson_id: str) -> None:
        self._end_preview()  # a preview left playing on the Author page gives way
        entry = self._parts.library.by_id(lesson_id)
        if entry is None:
            return
        try:
            self._lesson = entry.load()
        except LessonScriptError as exc:
            self._report_broken(entry.path, exc)
            return
        self._parts.audio.prepare(
            compile_timeline(self._lesson, self._parts.audio.duration_of)
        )  # while they check in
        view = CheckInView(entry.title, after=False, voice_note=self._parts.audio.description)
        view.submitted.connect(lambda checkin: self._begin(lesson_id, checkin))
        view.cancelled.connect(self._cancel_before_start)
        self._present(view)

    def _cancel_before_start(self) -> None:
        """A wrong pick: back to the list with nothing saved (no checkpoint exists yet)."""
        self._lesson = None
        self.finished.emit()

    def resume(self) -> bool:
        """Continue the saved lesson at the start of its cue; False when there is nothing to resume."""
        place = SavedPlace.from_dict(self._parts.journal.load_checkpoint(), self._parts.now())
        entry = self._parts.library.by_id(place.lesson_id) if place else None
        if place is None or entry is None:
            return False
        self._end_preview()
        checkpoint = place.checkpoint
        self._draft = replace(place.draft, title=entry.title)
        try:
            self._lesson = entry.load()
        except LessonScriptError as exc:
            self._report_broken(entry.path, exc)
            return False
        timeline = self._timeline(checkpoint.position_ms)
        player = Player.restore(
            timeline, checkpoint, self._parts.clock, get_ready_ms=self._parts.get_ready_ms()
        )
        self._run(player)
        self._play_when_voiced(checkpoint.position_ms)
        return True

    def prefetch(self, today: Today | None) -> None:
        """Have the voice make, when it has nothing else to do, the first cues of the lessons
        ``today`` offers to start (``ahead.py``). The lessons are read on a thread of their own
        (the parser's first import alone takes about 90 ms); the voice is asked from this one."""
        library, duration_of = self._parts.library, self._parts.audio.duration_of
        threading.Thread(
            target=lambda: self._ahead.emit(timelines_to_start(today, library, duration_of)),
            name="seesaw-ahead",
            daemon=True,
        ).start()

    def check_out_again(self, place: SavedPlace) -> str:
        """The check-out of a lesson that ended at ``place`` while Seesaw closed (or crashed) on
        its form: the form again, as the learner left it. Returns the lesson's title."""
        entry = self._parts.library.by_id(place.lesson_id)
        title = entry.title if entry else place.draft.title

        def save(after: CheckIn) -> None:
            settled = replace(place, draft=replace(place.draft, after=after))
            record = entry_for_finished(
                settled,
                title=title,
                total_ms=entry.length_ms if entry else None,
                now=self._parts.now(),
            )
            assert record is not None  # the place is finished
            self._parts.saving.store(record, settle_place)
            self.finished.emit()

        continue_from = place_to_continue(place.checkpoint)

        def settle_place() -> None:  # as ``_save`` settles it: a Stop keeps "Continue" offered
            if place.draft.completed:
                self._parts.saving.clear_place()
            else:
                self._parts.saving.save_place(continue_from)

        view = self.check_out_form.show(title, place.checkpoint, place.draft, save)
        if place.draft.after is not None:
            view.fill(place.draft.after)
        return title

    def shutdown(self) -> None:
        """The window is closing: pause so the place is saved, and let go of timers and audio.
        A check-out changed in the last half second is kept now, not lost with the timer."""
        self.check_out_form.keep_now()
        if self.player and self.player.state is PlayerState.PLAYING:
            self.player.pause()
        self._release()

    # -- steps ---------------------------------------------------------------------------

    def _begin(self, lesson_id: str, before: CheckIn) -> None:
        self._preview = False
        assert self._lesson is not None
        self._draft = SessionDraft(
            title=self._lesson.title, started_at=self._parts.now(), before=before
        )
        player = Player(
            self._timeline(), self._parts.clock, get_ready_ms=self._parts.get_ready_ms()
        )
        self._run(player)
        self._play_when_voiced(0)

    def _play_when_voiced(self, position_ms: int) -> None:
        """Play as soon as the first cue can be heard, the window free meanwhile (``FirstSound``)."""
        if self.controller:
            self.first_sound.play_when_ready(
                self.controller, position_ms, before=self.apply_voice_updates
            )

    def _timeline(self, position_ms: int = 0) -> Timeline:
        """The lesson timed by the voice, its cues being made, the one that plays first first."""
        assert self._lesson is not None
        timeline = compile_timeline(self._lesson, self._parts.audio.duration_of)
        self._parts.audio.prepare(timeline)
        self._parts.audio.first_ready(timeline, position_ms)
        return compile_timeline(self._lesson, self._parts.audio.duration_of)

    def _report_broken(self, path: Path, error: LessonScriptError) -> None:
        first = error.diagnostics[0] if error.diagnostics else None
        where = f" ({first.location()}: {first.message})" if first else ""
        self.problem.emit(
            f"“{path.name}” has changed and now has errors, so it cannot start{where}."
        )

    def _run(self, player: Player) -> None:
        self._release()
        self.player = player
        player.speak_count = self._parts.speak_count()
        self._completed = False
        self._detach.append(player.subscribe(self._on_player_event))
        self._detach.append(self._parts.audio.attach(player))
        self.controller = SessionController(player, self)
        for follow in self._parts.followers:
            self._detach.append(follow(self.controller))
        view = PlayerView(
            self.controller,
            caption_pt=self._parts.caption_pt(),
            voice_note=self._parts.audio.description,
            confirm_stop=self._parts.confirm_stop or ask_to_stop,
            stop_question=STOP_PREVIEW if self._preview else STOP_LESSON,
        )
        view.stop_confirmed.connect(self._check_out)
        view.caption_step.connect(self.caption_step)
        self._present(view)
        self._retime.start()

    def apply_voice_updates(self) -> None:
        """Cues the voice finished since last time: re-time what lies ahead, show progress, and
        say so if the voice stopped working (the lesson goes on with captions)."""
        for problem in self._parts.audio.take_problems():
            self.problem.emit(problem)
        if self.controller is None or self._lesson is None:
            return
        if self._parts.audio.take_new_lengths():
            self.controller.swap_timeline(
                compile_timeline(self._lesson, self._parts.audio.duration_of)
            )
        if isinstance(self.view, PlayerView):
            self.view.show_voice_progress(*self._parts.audio.progress())

    def show_sound(self) -> None:
        """The sound device opened, failed or was switched: the check-in says so now."""
        if isinstance(self.view, CheckInView):
            self.view.voice_note.setText(self._parts.audio.description)

    def set_caption_size(self, pt: int) -> None:
        """Captions of the lesson on screen, if one is, at ``pt`` from now on."""
        if isinstance(self.view, PlayerView):
            self.view.set_caption_size(pt)

    def request_stop(self) -> None:
        """Stop, asked as the Stop button asks it (never ends a session unseen)."""
        if isinstance(self.view, PlayerView):
            self.view.request_stop()

    @property
    def previewing(self) -> bool:
        """Whether what plays is a preview on the Author page rather than a lesson."""
        return self._preview

    def preview(self, lesson: Lesson, start_ms: int) -> None:
        """Play a lesson being written, from a cue: nothing goes to the journal."""
        self._lesson = lesson
        self._preview = True
        self._run(Player(self._timeline(start_ms), self._parts.clock, start_ms=start_ms))
        self._play_when_voiced(start_ms)

    def _on_player_event(self, event: PlayerEvent) -> None:
        if self._preview:
            if isinstance(event, Finished) and event.completed:
                self._check_out()
            return
        if isinstance(event, CheckpointDue):
            skipped = (
                self.player.skipped_sections()
                if self.player is not None and event.checkpoint.finished
                else ()
            )
            place = place_to_save(
                event.checkpoint,
                self._draft,
                now=self._parts.now(),
                completed=self._completed,
                skipped_sections=skipped,
            )
            self._parts.saving.save_place(place.to_dict())
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
        ended = self._parts.now()
        if self.controller:
            self.controller.shutdown()
        if self._preview:
            self._end_preview()
            return
        self.check_out_form.show(
            player.timeline.title,
            player.checkpoint(),
            self._draft.ended(ended, self._completed),
            lambda after: self._save(player, ended, after),
        )

    def _end_preview(self) -> None:
        """Stop a preview (nothing is saved) and hand the screen back to the Author page."""
        if not self._preview:
            return
        if self.player is not None and self.player.state is not PlayerState.FINISHED:
            self.player.stop()
        self._release()
        self._preview = False
        self.preview_ended.emit()

    def _save(self, player: Player, ended: datetime, after: CheckIn) -> None:
        completed = self._completed  # the end was reached: nothing is left to continue
        if not is_a_session(completed, player.heard_ms, self._draft.before, after):
            self._parts.saving.clear_place()  # a wrong pick, left at once: nothing to keep
            self.problem.emit("Nothing was recorded: the lesson was left in its first minute.")
            self._release()
            self.finished.emit()
            return
        record = session_entry(
            lesson_id=player.timeline.lesson_id,
            draft=replace(self._draft, title=player.timeline.title),
            ended_at=ended,
            reached_end=completed,
            heard_ms=player.heard_ms,
            total_ms=player.timeline.total_ms,
            rests_taken=player.rests_taken,
            rested_ms=player.rested_ms,
            after=after,
            skipped_sections=player.skipped_sections(),
        )
        continue_from = place_to_continue(player.checkpoint())

        def settle_place() -> None:
            if completed:
                self._parts.saving.clear_place()
            else:  # stopped on purpose: "Continue" stays offered from where they stopped
                self._parts.saving.save_place(continue_from)

        self._parts.saving.store(record, settle_place)
        self._release()
        self.finished.emit()
        if record.completed:
            self.lesson_done.emit(record.lesson_id)

    def _present(self, view: QWidget) -> None:
        self.view = view
        if self._preview and self._parts.preview_host is not None:
            self._parts.preview_host(view)
        else:
            self._parts.show(view)

    def _release(self) -> None:
        self.first_sound.cancel()
        self._retime.stop()
        for detach in self._detach:
            detach()
        self._detach.clear()
        if self.controller:
            self.controller.shutdown()
            self.controller = None
