"""The soreness check-in before and after a lesson: a number from 0 to 10 and where it hurts.

Both are optional (Skip is always there) because a tired learner must never be blocked by a form.
Before a lesson, "Back to lessons" (Esc) undoes a wrong pick: nothing is recorded.
Nothing is validated after the fact: the slider cannot leave 0–10, and the note is capped as it
is typed, so Save always succeeds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.journal.records import PLACES, SIDES
from lesson_engine.journal.validation import MAX_NOTE_CHARS, MAX_SORENESS
from lesson_engine.session.record import CheckIn
from ui.desktop.widgets.scroll_page import scrolling_page
from ui.desktop.widgets.shortcuts import bind

PLACE_LABELS = {"outside-knee": "Outside of the knee", "hip": "Hip", "other": "Somewhere else"}
SIDE_LABELS = {"left": "Left", "right": "Right", "both": "Both"}
"""How each of the journal's places and sides (``journal.records``) is named on the form."""
STRONG_PAIN = 8  # "strong" and worse on the scale below
SORENESS_WORDS = {
    0: "no pain at all",
    1: "barely there",
    2: "mild",
    3: "mild",
    4: "noticeable",
    5: "moderate",
    6: "moderate",
    7: "strong",
    8: "strong",
    9: "severe",
    10: "the worst you can imagine",
}


class CheckInView(QWidget):
    submitted = Signal(object)  # CheckIn
    cancelled = Signal()  # before a lesson only: back to the list, nothing recorded
    changed = Signal()  # anything on the form changed: the flow keeps a draft of it on disk

    def __init__(
        self,
        lesson_title: str,
        *,
        after: bool,
        voice_note: str = "",
        before: CheckIn | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``before``, on the check-out: the check-in, whose score is shown for comparison and
        whose place and side are ticked already (the learner changes them if they moved)."""
        super().__init__(parent)
        self.after = after
        self._rated = False
        self.setAccessibleName("Soreness check-in")
        heading = QLabel("How did that feel?" if after else "Before you start")
        heading.setProperty("role", "title")
        sub = QLabel(lesson_title)
        sub.setProperty("role", "heading")
        question = QLabel(
            "How sore is the outside of your knee or hip right now, from 0 (none) to 10?"
        )
        question.setWordWrap(True)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, MAX_SORENESS)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName("Soreness from 0 to 10")
        self.slider.setToolTip("Soreness from 0 (none) to 10 (worst); arrow keys change it")
        self.value = QLabel("–")
        self.value.setStyleSheet("font-size: 40pt; font-weight: 300;")
        self.value.setMinimumWidth(90)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words = QLabel("not rated yet")
        self.words.setProperty("role", "muted")
        self.slider.valueChanged.connect(self._rate)
        # Pressing Left at 0 changes no value but is still an answer ("0, none at all").
        self.slider.actionTriggered.connect(lambda _: self._rate(self.slider.sliderPosition()))
        rating = QHBoxLayout()
        rating.addWidget(self.value)
        slider_column = QVBoxLayout()
        slider_column.addWidget(self.slider)
        slider_column.addWidget(self.words)
        rating.addLayout(slider_column, 1)

        # Before a lesson only: strong pain is a reason to go gently, or not today.
        self.caution = QLabel(
            "That is a lot of pain. Keep every movement small and easy, stop anything that makes "
            "it worse, and think about resting today instead. If pain like this goes on, see a "
            "clinician."
        )
        self.caution.setWordWrap(True)
        self.caution.setProperty("role", "caution")
        self.caution.setAccessibleName("Caution")
        self.caution.hide()

        where = QLabel("Where?")
        self.places: dict[str, QCheckBox] = {}
        places_row = QHBoxLayout()
        for key in PLACES:
            text = PLACE_LABELS[key]
            box = QCheckBox(text)
            box.setAccessibleName(f"Sore at: {text}")
            self.places[key] = box
            places_row.addWidget(box)
        places_row.addStretch(1)
        self.side_group = QButtonGroup(self)
        sides_row = QHBoxLayout()
        self.sides: dict[str, QRadioButton] = {}
        for key in SIDES:
            text = SIDE_LABELS[key]
            radio = QRadioButton(text)
            radio.setAccessibleName(f"Side: {text}")
            self.side_group.addButton(radio)
            self.sides[key] = radio
            sides_row.addWidget(radio)
        sides_row.addStretch(1)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            "What did you notice? What was easy, what was hard? (optional)"
        )
        self.note.setAccessibleName("Note")
        self.note.setMaximumHeight(140)
        self.note.textChanged.connect(self._cap_note)
        self.note.textChanged.connect(self.changed)
        self.slider.valueChanged.connect(self.changed)
        for box in self.places.values():
            box.toggled.connect(self.changed)
        self.side_group.buttonToggled.connect(self.changed)
        self.note.setVisible(after)
        self.note_count = QLabel("")
        self.note_count.setProperty("role", "muted")
        self.note_count.setVisible(after)

        self.skip = QPushButton("Skip")
        self.skip.setToolTip("Go on without rating (Esc)")
        self.skip.setAccessibleName("Skip the check-in")
        self.go = QPushButton("Save" if after else "Start the lesson")
        self.go.setProperty("role", "primary")
        self.go.setDefault(True)
        self.go.setAccessibleName(self.go.text())
        self.go.setToolTip(f"{self.go.text()} (Enter; Ctrl+Enter from the note)")
        self.skip.clicked.connect(self._skip)
        self.go.clicked.connect(self._submit)
        self.back = QPushButton("Back to lessons")
        self.back.setToolTip("Choose another lesson; nothing is recorded (Esc)")
        self.back.setAccessibleName("Back to the lessons")
        self.back.clicked.connect(self.cancelled.emit)
        self.back.setVisible(not after)
        if after:
            self.skip.setToolTip("Save without rating (Esc)")
            bind(self, "Esc", self._skip)
        else:
            self.skip.setToolTip("Start without rating")
            bind(self, "Esc", self.cancelled.emit)
        bind(self, "Ctrl+Return", self._submit)
        bind(self, "Ctrl+Enter", self._submit)
        buttons = QHBoxLayout()
        self.voice_note = QLabel(voice_note)
        self.voice_note.setProperty("role", "muted")
        self.voice_note.setAccessibleName("Which voice reads")
        self.voice_note.setWordWrap(True)  # "the sound is starting…" widens neither form nor window
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.skip)
        buttons.addWidget(self.go)

        card = QVBoxLayout()
        card.addWidget(heading)
        card.addWidget(sub)
        card.addSpacing(16)
        card.addWidget(question)
        self.before_score = QLabel("")
        self.before_score.setProperty("role", "muted")
        self.before_score.setAccessibleName("Your score before the lesson")
        if after and before is not None and before.soreness is not None:
            level = before.soreness
            self.before_score.setText(
                f"Before the lesson you said {level} ({SORENESS_WORDS[level]})."
            )
        self.before_score.setVisible(bool(self.before_score.text()))
        card.addWidget(self.before_score)
        card.addLayout(rating)
        card.addWidget(self.caution)
        card.addSpacing(8)
        card.addWidget(where)
        card.addLayout(places_row)
        card.addLayout(sides_row)
        card.addSpacing(8)
        card.addWidget(self.note)
        card.addWidget(self.note_count)
        card.addStretch(1)
        card.addWidget(self.voice_note)  # a line of its own: it changes as the sound starts
        card.addLayout(buttons)
        body = QWidget()
        outer = QHBoxLayout(body)
        outer.addStretch(1)
        outer.addLayout(card, 4)
        outer.addStretch(1)
        # In a short window (800×500 at scale factor 2) the form scrolls rather than squeeze.
        scrolling_page(self, body)
        self.setFocusProxy(self.slider)
        if after and before is not None:
            for key in before.places:
                self.places[key].setChecked(True)
            if before.side in self.sides:
                self.sides[before.side].setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter goes on, as the library promises, from anywhere on the form but the note
        (where it starts a new line: the note's own widget takes it before it reaches here).
        On a focused button, Enter presses that button: "Back to lessons" must not start one."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = QApplication.focusWidget()
            if isinstance(focused, QPushButton) and self.isAncestorOf(focused):
                focused.click()
            else:
                self._submit()
            return
        super().keyPressEvent(event)

    def current(self) -> CheckIn:
        places = tuple(key for key, box in self.places.items() if box.isChecked())
        side = next((key for key, radio in self.sides.items() if radio.isChecked()), None)
        return CheckIn(
            soreness=self.slider.value() if self._rated else None,
            places=places,
            side=side,
            note=self.note.toPlainText().strip() if self.after else "",
        )

    def fill(self, draft: CheckIn) -> None:
        """Show a check-in as it was typed before Seesaw closed (its draft)."""
        if draft.soreness is not None:
            self.rate(draft.soreness)
        for key, box in self.places.items():
            box.setChecked(key in draft.places)
        if draft.side in self.sides:
            self.sides[draft.side].setChecked(True)
        self.note.setPlainText(draft.note)

    def rate(self, value: int) -> None:
        self.slider.setValue(value)
        self._rate(value)

    def _rate(self, value: int) -> None:
        self.caution.setVisible(not self.after and value >= STRONG_PAIN)
        self._rated = True
        self.value.setText(str(value))
        self.words.setText(SORENESS_WORDS[value])

    def _cap_note(self) -> None:
        text = self.note.toPlainText()
        if len(text) > MAX_NOTE_CHARS:
            cursor = self.note.textCursor()
            self.note.blockSignals(True)
            self.note.setPlainText(text[:MAX_NOTE_CHARS])
            self.note.blockSignals(False)
            cursor.setPosition(MAX_NOTE_CHARS)
            self.note.setTextCursor(cursor)
            self.note_count.setText(
                f"Notes are kept to {MAX_NOTE_CHARS} characters; the rest was not added."
            )
        else:
            left = MAX_NOTE_CHARS - len(text)
            self.note_count.setText(f"{left} characters left" if left < 500 else "")

    def _skip(self) -> None:
        note = self.note.toPlainText().strip() if self.after else ""
        self.submitted.emit(CheckIn(None, note=note))

    def _submit(self) -> None:
        self.submitted.emit(self.current())
