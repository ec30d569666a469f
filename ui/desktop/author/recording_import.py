"""The Author page's Import recording…: a recorded lesson's spans reviewed, then written as a lesson.

The split itself (where the pauses are, what merge, split and nudge do, how captions follow a
transcript) is ``audio.recorded``'s; this module only shows it as a table the author can listen
to and change, one undoable step at a time, and asks where to write the lesson (the page has it
written behind the window, as its saves are). Playing a span goes through the app's own sound
output, so it is heard as the learner will hear it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from audio.output.protocol import AudioOutput
from audio.pcm import SAMPLE_BYTES, Clip, ms_to_frames
from audio.recorded.captions import Captions
from audio.recorded.importer import ImportProblem, RecordedLesson, lesson_for, read_recording
from audio.recorded.split import CannotSplit
from lesson_engine.model.recordings import AUDIO_SUFFIXES
from lesson_engine.script.durations import format_time
from lesson_engine.wording import sentence_start
from ui.desktop.author.dialogs import proposed
from ui.desktop.widgets.busy import off_the_ui_thread
from ui.desktop.widgets.button_line import add_buttons
from ui.desktop.widgets.shortcuts import bind

NUDGE_MS = 100
MADE_BY = "the Author page's Import a recorded lesson"
"""What the written lesson's first comment says brought it in."""
COLUMNS = ("Cue", "From", "To", "Caption")


@dataclass(frozen=True)
class RecordingDialogs:
    """Every question Import recording… asks, replaceable in tests."""

    pick_recording: Callable[[QWidget], str]
    pick_transcript: Callable[[QWidget], str]
    save_path: Callable[[QWidget, str], str]
    review: Callable[[RecordingReview], bool]
    """Show the review and wait: True when the author asked to write the lesson."""


def _pick_recording(parent: QWidget) -> str:
    pattern = " ".join(f"*{s}" for s in AUDIO_SUFFIXES)
    return QFileDialog.getOpenFileName(
        parent, "Choose a recorded lesson", "", f"Recordings ({pattern})"
    )[0]


def _pick_transcript(parent: QWidget) -> str:
    return QFileDialog.getOpenFileName(
        parent, "Choose its transcript (optional)", "", "Text (*.txt *.md);;All files (*)"
    )[0]


def _save_path(parent: QWidget, suggested: str) -> str:
    return QFileDialog.getSaveFileName(
        parent, "Write the lesson", proposed(suggested), "Lessons (*.lesson)"
    )[0]


DEFAULT_DIALOGS = RecordingDialogs(
    _pick_recording, _pick_transcript, _save_path, lambda review: review.exec() == 1
)


class RecordingReview(QDialog):
    """The spans found, with Play, Join, Split, Earlier, Later and Undo."""

    def __init__(
        self,
        recorded: RecordedLesson,
        transcript: str | None,
        output: Callable[[], AudioOutput | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split of {recorded.recording.name}")
        self.setAccessibleName("Review the recording's split")
        self.recorded = recorded
        self.transcript = transcript
        self._output = output
        self._undo: list[RecordedLesson] = []
        self.captions = recorded.captions(transcript)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Spans found")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for index in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda _item: self.play())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        rows, ends = QHBoxLayout(), QHBoxLayout()
        self.buttons = add_buttons(
            rows,
            [
                ("play", "Play", "Hear the selected cue's span", self.play),
                ("stop", "Stop", "Stop playing", self.stop),
                ("join", "Join with next", "Make this cue and the next one cue", self.join),
                ("split", "Split", "Cut this cue in two at its longest pause", self.split),
                ("earlier", "End earlier", "Move the end of this cue 0.1 s earlier", self.earlier),
                ("later", "End later", "Move the end of this cue 0.1 s later", self.later),
                ("undo", "Undo", "Take back the last change", self.undo),
            ],
        )
        rows.addStretch(1)
        ends.addStretch(1)
        self.buttons |= add_buttons(
            ends,
            [
                ("cancel", "Cancel", "", self.reject),
                ("write", "Write the lesson…", "", self.accept),
            ],
        )
        self.buttons["write"].setProperty("role", "primary")
        self.buttons["write"].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Each row is one cue, cut in the middle of a pause. Listen to any of them, "
                "join or split them, or move where one ends, then write the lesson."
            )
        )
        layout.addLayout(rows)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addLayout(ends)
        self.finished.connect(lambda _result: self.stop())
        self.resize(760, 520)
        self._show()

    # -- what is shown -----------------------------------------------------------------------

    def cue_spans(self) -> list[tuple[int, int]]:
        """Each cue's span in ms: one span of the split, or several joined by the transcript."""
        spans = self.recorded.split.spans()
        return [(spans[g.start][0], spans[g.stop - 1][1]) for g in self.captions.groups]

    def _show(self, select: int = 0) -> None:
        self.captions = self.recorded.captions(self.transcript)
        split = self.recorded.split
        cut_at = {cut: index for index, cut in enumerate(split.cuts)}
        self.table.setRowCount(len(self.captions.texts))
        for row, ((start, end), caption) in enumerate(
            zip(self.cue_spans(), self.captions.texts, strict=True)
        ):
            in_speech = end in cut_at and split.in_speech(cut_at[end])
            ends = format_time(end) + (" (in speech)" if in_speech else "")
            for column, text in enumerate((str(row + 1), format_time(start), ends, caption)):
                item = QTableWidgetItem(text)
                if column == 2 and in_speech:
                    item.setToolTip("This end cuts into speech: move it into the pause")
                self.table.setItem(row, column, item)
        self.note.setText(self.captions.note)
        self.note.setVisible(bool(self.captions.note))
        self.table.selectRow(min(select, self.table.rowCount() - 1))
        self._enable()

    def selected(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def _enable(self) -> None:
        row, last = self.selected(), self.table.rowCount() - 1
        for key in ("join", "earlier", "later"):
            self.buttons[key].setEnabled(row < last)
        self.buttons["undo"].setEnabled(bool(self._undo))

    # -- listening ---------------------------------------------------------------------------

    def play(self) -> None:
        output = self._output()
        if output is None:
            self.status.setText("Sound is off or could not start, so the spans cannot be heard.")
            return
        start, end = self.cue_spans()[self.selected()]
        pcm = self.recorded.clip.pcm
        output.play(Clip(pcm[_byte(start) : _byte(end)]))
        self.status.setText(f"Playing cue {self.selected() + 1}.")

    def stop(self) -> None:
        output = self._output()
        if output is not None:
            output.stop()

    # -- changes -----------------------------------------------------------------------------

    def _cut_after(self, row: int) -> int:
        """The split's boundary at the end of cue ``row`` (a cue may hold several spans)."""
        return self.captions.groups[row].stop - 1

    def _change(self, change: Callable[[], RecordedLesson], select: int) -> None:
        try:
            changed = change()
        except CannotSplit as exc:
            self.status.setText(f"{sentence_start(str(exc))}.")
            return
        self._undo.append(self.recorded)
        self.recorded = changed
        self.status.setText("")
        self._show(select)

    def join(self) -> None:
        row = self.selected()
        split = self.recorded.split
        self._change(lambda: replace(self.recorded, split=split.merge(self._cut_after(row))), row)

    def split(self) -> None:
        row = self.selected()
        split = self.recorded.split
        span = self.captions.groups[row].start
        self._change(lambda: replace(self.recorded, split=split.split(span)), row)

    def earlier(self) -> None:
        self._nudge(-NUDGE_MS)

    def later(self) -> None:
        self._nudge(NUDGE_MS)

    def _nudge(self, by_ms: int) -> None:
        row = self.selected()
        split = self.recorded.split
        cut = self._cut_after(row)
        self._change(lambda: replace(self.recorded, split=split.nudge(cut, by_ms)), row)

    def undo(self) -> None:
        if self._undo:
            self.recorded = self._undo.pop()
            self._show(self.selected())


def _byte(ms: int) -> int:
    return ms_to_frames(ms) * SAMPLE_BYTES


@dataclass(frozen=True)
class MadeLesson:
    """The lesson a reviewed recording makes, for the page to have written (on the app's one
    writer, as its saves are: ``ScriptSaving.write_made``) and opened."""

    path: Path
    text: str
    words: str
    """What to tell the author once it is on disk."""


class RecordingImport:
    """Import recording…, from choosing the file to the lesson to write; the Author page has
    what it returns written, and opens it."""

    def __init__(
        self,
        parent: QWidget,
        dialogs: RecordingDialogs = DEFAULT_DIALOGS,
        output: Callable[[], AudioOutput | None] = lambda: None,
    ) -> None:
        self.parent = parent
        self.dialogs = dialogs
        self.output = output
        """The app's sound output (set once sound can start); None plays nothing."""
        self.message = ""
        """What the last run has to tell the author (a problem, or what was written)."""

    def button(self, action: Callable[[], None]) -> QPushButton:
        """The Author page's button (beside the script: the toolbar is full at 800 px)."""
        button = QPushButton("Import a recorded lesson…")
        button.setToolTip(
            "Make a lesson from a long recording, one cue between each of its pauses (Ctrl+Shift+I)"
        )
        button.setAccessibleName("Import a recorded lesson")
        button.clicked.connect(action)
        bind(self.parent, "Ctrl+Shift+I", action)
        return button

    def run(self, folder: Path | None) -> MadeLesson | None:
        """The lesson to write, or None (the reason, if any, in ``message``)."""
        self.message = ""
        chosen = self.dialogs.pick_recording(self.parent)
        if not chosen:
            return None
        source = Path(chosen)
        try:  # before the transcript is asked for: a file that is not sound ends it here
            recorded = off_the_ui_thread(
                lambda: read_recording(source), f"Finding the pauses in {source.name}…", self.parent
            )
        except ImportProblem as exc:
            self.message = f"Nothing was imported: {exc}."
            return None
        transcript_path = self.dialogs.pick_transcript(self.parent)
        try:
            transcript = (
                Path(transcript_path).read_text(encoding="utf-8-sig") if transcript_path else None
            )
        except (OSError, UnicodeDecodeError) as exc:
            self.message = f"The transcript could not be read ({exc})."
            return None
        review = RecordingReview(recorded, transcript, self.output, self.parent)
        if not self.dialogs.review(review):
            return None
        return self._made(review.recorded, review.captions, folder)

    def _made(
        self, recorded: RecordedLesson, captions: Captions, folder: Path | None
    ) -> MadeLesson | None:
        place = folder if folder is not None else recorded.recording.parent
        suggested = place / recorded.recording.with_suffix(".lesson").name
        chosen = self.dialogs.save_path(self.parent, str(suggested))
        if not chosen:
            return None
        out = Path(chosen).with_suffix(".lesson")
        try:
            text = lesson_for(recorded, out, captions, MADE_BY)
        except ImportProblem as exc:
            self.message = f"The lesson was not written: {exc}."
            return None
        words = f"Wrote {out.name}: {len(captions.texts)} cues from {recorded.recording.name}."
        return MadeLesson(out, text, words)
