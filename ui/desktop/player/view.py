"""The player screen: the instruction in big type, the controls, and the rest screen.

It receives its controller and reacts to its signals; it holds no playback rules of its own. Every
control has an accessible name, a tooltip naming its shortcut, and a shortcut that works wherever
focus is on this screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.playback.get_ready import countdown_text
from lesson_engine.playback.parts import part_left_ms, part_left_text
from lesson_engine.playback.state import PlayerState
from lesson_engine.script.durations import format_clock
from lesson_engine.timeline import Cue, Event, EventKind, SectionSpan
from ui.desktop.player.controller import SessionController
from ui.desktop.player.controls import CONTROLS, control_buttons, name_toggle
from ui.desktop.player.floor import (
    FLOOR_CAPTION_GAIN,
    FLOOR_NEXT_PT,
    FloorNotice,
    has_room,
    legend,
    show_floor,
)
from ui.desktop.player.preview import is_medical_note, next_line
from ui.desktop.player.rest_page import RestPage
from ui.desktop.player.section_progress import SectionProgress
from ui.desktop.player.stop_question import STOP_LESSON, STOP_PREVIEW, ConfirmStop, ask_to_stop
from ui.desktop.theme import DEFAULT_CAPTION_PT
from ui.desktop.widgets.button_rows import ButtonRows
from ui.desktop.widgets.eliding_label import ElidingLabel
from ui.desktop.widgets.fitting_label import FittingLabel
from ui.desktop.widgets.shortcuts import bind, name_control

PAUSED_LINE = "Paused · press Space to go on"
NEXT_PT = 16
"""The "Next:" line's size, whatever the caption's: a glance ahead, never a second caption."""
MEDICAL_NOTE = (
    "Seesaw teaches movement; it does not diagnose. If pain has not eased after 4–6 weeks, or "
    "you notice swelling, locking, pain at night or at rest, see a clinician."
)
__all__ = [  # with the stop question's names (``stop_question.py``), imported from here too
    "MEDICAL_NOTE",
    "NEXT_PT",
    "PAUSED_LINE",
    "STOP_LESSON",
    "STOP_PREVIEW",
    "ConfirmStop",
    "PlayerView",
    "ask_to_stop",
]


class PlayerView(QWidget):
    stop_confirmed = Signal()
    caption_step = Signal(int)  # points to add to the caption size (Ctrl+Plus / Ctrl+Minus)
    floor_requested = Signal()  # F11 or the Floor button: the window goes to floor mode and back

    def __init__(
        self,
        controller: SessionController,
        *,
        caption_pt: int = DEFAULT_CAPTION_PT,
        voice_note: str = "",
        confirm_stop: ConfirmStop = ask_to_stop,
        stop_question: str = STOP_LESSON,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._confirm_stop = confirm_stop
        self._stop_question = stop_question
        timeline = controller.player.timeline
        self.setAccessibleName("Lesson player")
        # What a label shows is its accessible name, so a screen reader reads the instruction, the
        # times and the countdown themselves; what each of them is goes in its description.
        # The screen itself takes focus, so Space and the arrows work the moment it appears.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.title = ElidingLabel(timeline.title)
        self.title.setProperty("role", "heading")
        # In a narrow window the title gives way (cut at the edge) rather than run into the section.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setToolTip(timeline.title)
        self.section = QLabel()
        self.section.setProperty("role", "heading")
        self.section.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.round = QLabel()
        self.round.setProperty("role", "heading")
        self.round.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.round.setAccessibleDescription("Round and side")

        self.caption = FittingLabel(floor_pt=14)
        self.caption.setAccessibleDescription("Current instruction")
        self.caption.setToolTip("Ctrl+Plus and Ctrl+Minus make the captions bigger or smaller")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.next_caption = FittingLabel(floor_pt=10)
        self.next_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.next_caption.setProperty("role", "muted")
        self.next_caption.setAccessibleDescription("Next instruction")
        self._size_next_line(NEXT_PT)
        self.set_caption_size(caption_pt)

        self.rest_page = RestPage()
        self.rest_title = self.rest_page.title
        self.rest_timer = self.rest_page.timer
        self.rest_hint = self.rest_page.hint

        # Readable from the floor: a learner who looks up must see at once that nothing is playing.
        # The same line counts "Ready… 3, 2, 1" before an instruction is heard again, and what is
        # left of a timed part ("0:42 left": a metronome interval, a pause to move in).
        self.paused = QLabel(PAUSED_LINE)
        self.paused.setProperty("role", "status-line")
        self.paused.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused.setAccessibleDescription("Paused")
        keep_place = self.paused.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # the caption does not move when it shows
        self.paused.setSizePolicy(keep_place)
        self.paused.hide()

        caption_page = QWidget()
        caption_layout = QVBoxLayout(caption_page)
        caption_layout.addWidget(self.paused)
        caption_layout.addWidget(self.round)
        caption_layout.addWidget(self.caption, 1)
        caption_layout.addWidget(self.next_caption)
        self.pages = QStackedLayout()
        self.pages.addWidget(caption_page)
        self.pages.addWidget(self.rest_page)

        self.progress = SectionProgress()
        self.progress.set_sections(timeline.total_ms, [s.start_ms for s in timeline.sections])
        self.progress.seek_requested.connect(controller.seek)
        self.elapsed = QLabel("0:00")
        self.elapsed.setProperty("role", "muted")
        self.elapsed.setAccessibleDescription("Elapsed time")
        self.remaining = QLabel()
        self.remaining.setProperty("role", "muted")
        self.remaining.setAccessibleDescription("Remaining time")
        self._voice_note = voice_note
        self.voice = QLabel(voice_note)
        self.voice.setProperty("role", "muted")

        self.buttons = control_buttons(
            self,
            {
                "previous_section": controller.previous_section,
                "back": controller.back,
                "toggle": controller.toggle,
                "rest": controller.rest,
                "next": controller.next,
                "next_section": controller.next_section,
                "stop": self.request_stop,
            },
        )
        self.controls = ButtonRows(
            [self.buttons[control.key] for control in CONTROLS],
            [self.buttons[key] for key in ("back", "toggle", "rest", "next")],
            [self.buttons[key] for key in ("previous_section", "next_section", "stop")],
        )
        # Beside the section's name, not among the controls: the row stays one row at 800 px.
        floor = QPushButton("Floor")
        floor.setProperty("role", "small")  # no taller than the section's name beside it
        # No wider than its word either, when floor mode hides the title that fills the row.
        floor.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        name_control(floor, "Floor mode", "F11", "Floor mode: full screen, large type and controls")
        floor.clicked.connect(self.floor_requested.emit)
        self.buttons["floor"] = floor

        shortcuts: list[tuple[str | QKeySequence, Callable[[], object]]] = [
            (QKeySequence(Qt.Key.Key_MediaTogglePlayPause), controller.toggle),
            (QKeySequence(Qt.Key.Key_MediaPlay), controller.toggle),
            ("F11", self.floor_requested.emit),
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: self.caption_step.emit(2)),
            ("Ctrl+=", lambda: self.caption_step.emit(2)),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: self.caption_step.emit(-2)),
        ]
        for keys, command in shortcuts:
            bind(self, keys, command)

        self.notice = FloorNotice()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.section)
        top.addWidget(floor)
        times = QHBoxLayout()
        times.addWidget(self.elapsed)
        times.addStretch(1)
        times.addWidget(self.voice)
        times.addStretch(1)
        times.addWidget(self.remaining)
        # Shown once per screen: hidden while the caption is the lesson's own spoken note.
        self.medical = medical = QLabel(MEDICAL_NOTE)
        medical.setWordWrap(True)
        medical.setProperty("role", "medical")
        medical.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keep_room = medical.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # nothing moves when it comes back
        medical.setSizePolicy(keep_room)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)  # at 800 px, room for one row of controls
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(self.pages, 1)
        layout.addWidget(self.progress)
        layout.addLayout(times)
        layout.addSpacing(8)
        layout.addWidget(self.controls)
        layout.addSpacing(6)
        layout.addWidget(medical)
        self.legend = legend()
        layout.addWidget(self.legend)
        self.floor = False
        self._floor_large = False
        self._caption_pt = caption_pt

        controller.cue_started.connect(self._show_cue)
        controller.section_started.connect(self._show_section)
        controller.event_started.connect(self._show_event)
        controller.state_changed.connect(self._show_state)
        controller.clock_changed.connect(self._refresh_clock)
        controller.timeline_changed.connect(self._show_timeline)
        player = controller.player
        self._show_section(player.current_section)
        self._show_cue(player.current_cue)
        self._show_event(player.current_event)
        self._show_state(player.state)

    # -- public --------------------------------------------------------------------------

    def set_floor(self, on: bool) -> None:
        """Floor mode on or off (``player/floor.py``): the window has gone full screen."""
        self.floor = on
        self._lay_out_floor()
        floor = self.buttons["floor"]
        floor.setText("Leave floor" if on else "Floor")
        name_control(floor, "Leave floor mode" if on else "Floor mode", "F11")
        self.set_caption_size(self._caption_pt)

    def _lay_out_floor(self) -> None:
        hidden = [self.title, self.voice, self.progress, self.medical]
        self._floor_large = show_floor(self.floor, hidden, [self.legend], self)
        self.notice.say(self.notice.words, self.floor)
        self.controls.rearrange()
        self._size_next_line(FLOOR_NEXT_PT if self._floor_large else NEXT_PT)

    def show_notice(self, words: str) -> None:
        """The banner's latest notice ("" for none), shown large on the floor only."""
        self.notice.say(words, self.floor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Full screen may come a moment after floor mode (the window manager's answer), or not
        at all: the floor's sizes follow the window's room as it comes."""
        super().resizeEvent(event)
        if self.floor and has_room(self) != self._floor_large:
            self._lay_out_floor()

    def _size_next_line(self, points: int) -> None:
        """The preview keeps to two lines at its size, so it never crowds out the instruction."""
        self.next_caption.set_points(points)
        font = QFont(self.next_caption.font())
        font.setPointSize(points)
        self.next_caption.setFixedHeight(QFontMetrics(font).lineSpacing() * 2 + 4)

    def set_caption_size(self, points: int) -> None:
        """The learner's caption size (larger in floor mode); "Next:" keeps its own (``NEXT_PT``)."""
        self._caption_pt = points
        shown = round(points * FLOOR_CAPTION_GAIN) if getattr(self, "floor", False) else points
        self.caption.set_points(shown, 500)

    def request_stop(self) -> None:
        player = self.controller.player
        if player.state is PlayerState.FINISHED:
            self.stop_confirmed.emit()
            return
        was_playing = player.state is PlayerState.PLAYING
        if was_playing:
            self.controller.toggle()  # nothing plays while the question is asked
        if self._confirm_stop(self, self._stop_question):
            self.controller.stop()
            self.stop_confirmed.emit()
        elif was_playing:
            self.controller.resume_at_once()  # they only looked up: no countdown

    def show_voice_progress(self, done: int, total: int) -> None:
        if total and done < total:
            self.voice.setText(f"{self._voice_note} — preparing the voice: {done} of {total}")
        else:
            self.voice.setText(self._voice_note)

    # -- reactions -----------------------------------------------------------------------

    def _show_timeline(self) -> None:
        timeline = self.controller.player.timeline
        self.progress.set_sections(timeline.total_ms, [s.start_ms for s in timeline.sections])
        self._refresh_clock()

    def _show_section(self, section: SectionSpan) -> None:
        count = len(self.controller.player.timeline.sections)
        self.section.setText(f"{section.title}  ·  {section.index + 1} of {count}")

    def _show_cue(self, cue: Cue) -> None:
        self.caption.setText(cue.caption)
        self.next_caption.setText(next_line(self.controller.player.timeline, cue))
        self.medical.setVisible(not is_medical_note(cue.caption))

    def _show_event(self, event: Event) -> None:
        parts = []
        if event.round:
            parts.append(f"{event.round} of {event.rounds}")
        if event.side:
            parts.append(f"{event.side.capitalize()} side")
        self.round.setText("  ·  ".join(parts))
        self._refresh_clock()

    def _show_state(self, state: PlayerState) -> None:
        labels = {
            PlayerState.PLAYING: "Pause",
            PlayerState.RESTING: "Resume",
            PlayerState.FINISHED: "Play again",
        }
        toggle = self.buttons["toggle"]
        toggle.setText(labels.get(state, "Play" if state is PlayerState.READY else "Resume"))
        name_toggle(toggle)
        self.buttons["rest"].setEnabled(state not in (PlayerState.RESTING, PlayerState.FINISHED))
        self._refresh_clock()

    def _show_status_line(self, state: PlayerState) -> None:
        """One large line above the caption: "Ready… 3", "Paused", or what is left of a timed
        part ("0:42 left"); the place is kept when it is empty, so the caption never moves."""
        player = self.controller.player
        ready_ms = player.ready_remaining_ms
        left_ms = (
            part_left_ms(player.current_event, player.position_ms)
            if state is PlayerState.PLAYING
            else None
        )
        if ready_ms:
            self.paused.setText(countdown_text(ready_ms))
            self.paused.setAccessibleDescription("Get ready")
        elif state is PlayerState.PAUSED:
            self.paused.setText(PAUSED_LINE)
            self.paused.setAccessibleDescription("Paused")
        elif left_ms is not None:
            self.paused.setText(part_left_text(left_ms))
            self.paused.setAccessibleDescription("Time left in this part")
        self.paused.setVisible(bool(ready_ms) or state is PlayerState.PAUSED or left_ms is not None)

    def _refresh_clock(self) -> None:
        player = self.controller.player
        position = player.position_ms
        total = player.timeline.total_ms
        self.progress.set_position(position)
        self.elapsed.setText(format_clock(position))
        self.remaining.setText(f"−{format_clock(total - position)}")
        self._show_status_line(player.state)
        event = player.current_event
        if player.state is PlayerState.RESTING:
            self._show_rest(player.rest_remaining_ms, chosen=True)
        elif event.kind is EventKind.REST and player.state is PlayerState.PLAYING:
            self._show_rest(event.end_ms - position, chosen=False)
        else:
            self.pages.setCurrentIndex(0)

    def _show_rest(self, remaining_ms: int, *, chosen: bool) -> None:
        self.pages.setCurrentIndex(1)
        caption = self.controller.player.current_event.caption
        self.rest_page.show_rest(remaining_ms, chosen=chosen, caption=caption)
