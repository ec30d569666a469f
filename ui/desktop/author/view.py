"""The Author screen: write a lesson, see its problems as you type, hear it from any line.

Checking runs on the text in memory a moment after typing stops, with the same parser as
``seesaw check``, so the editor and the command line never disagree. Unsaved text is copied to a
recovery file on the same pause, so a crash loses at most the last few keystrokes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.model.lesson import Lesson
from lesson_engine.model.recordings import AUDIO_SUFFIXES
from lesson_engine.script.diagnostics import Diagnostic
from lesson_engine.script.durations import format_clock
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.script.templates import new_lesson_text
from lesson_engine.storage import ensure_private_dir, write_atomically
from lesson_engine.timeline import compile_timeline
from ui.desktop.author.gutter import NumberedEditor
from ui.desktop.author.highlighter import LessonHighlighter
from ui.desktop.author.record_cue import RecordCue
from ui.desktop.author.recording_import import RecordingImport
from ui.desktop.widgets.shortcuts import bind

CHECK_DELAY_MS = 350


@dataclass(frozen=True)
class AuthorDialogs:
    """Every question the Author screen asks, replaceable in tests."""

    open_path: Callable[[QWidget], str]
    save_path: Callable[[QWidget, str], str]
    unsaved: Callable[[QWidget, str], str]  # "save", "discard" or "cancel"
    pick_audio: Callable[[QWidget], str]


def _open_path(parent: QWidget) -> str:
    return QFileDialog.getOpenFileName(
        parent, "Open a lesson", "", "Lessons (*.lesson);;All files (*)"
    )[0]


def _save_path(parent: QWidget, suggested: str) -> str:
    return QFileDialog.getSaveFileName(parent, "Save the lesson", suggested, "Lessons (*.lesson)")[
        0
    ]


def _unsaved(parent: QWidget, name: str) -> str:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Unsaved lesson",
        f"{f'“{name}”' if name else 'The new lesson'} on the Author page has changes that are "
        "not saved. Save them first?",
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def _pick_audio(parent: QWidget) -> str:
    pattern = " ".join(f"*{s}" for s in AUDIO_SUFFIXES)
    return QFileDialog.getOpenFileName(parent, "Choose a recording", "", f"Recordings ({pattern})")[
        0
    ]


DEFAULT_DIALOGS = AuthorDialogs(_open_path, _save_path, _unsaved, _pick_audio)


class AuthorView(QWidget):
    play_requested = Signal(object, int)  # Lesson, start position in ms
    saved = Signal(str)  # the path written: the library lists what was saved at once

    def __init__(
        self,
        recovery_dir: Path,
        *,
        dialogs: AuthorDialogs = DEFAULT_DIALOGS,
        dark: bool | None = None,
        parent: QWidget | None = None,
        my_lessons: Path | None = None,
    ) -> None:
        """``my_lessons``: where Save proposes to put a new lesson (the library lists it)."""
        super().__init__(parent)
        self.setAccessibleName("Author a lesson")
        self.recovery_dir = recovery_dir
        self.my_lessons = my_lessons
        self.dialogs = dialogs
        self.path: Path | None = None
        self.lesson: Lesson | None = None
        self.diagnostics: tuple[Diagnostic, ...] = ()

        self.editor = NumberedEditor()
        self.editor.setAccessibleName("Lesson script")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(12)
        self.editor.setFont(font)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        if dark is None:  # follow the theme in force: light colours on a dark editor
            dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.highlighter = LessonHighlighter(self.editor.document(), dark=dark)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(self._jump_to_problem)
        self.problems.itemClicked.connect(self._jump_to_problem)
        self.length = QLabel()
        self.length.setWordWrap(True)
        self.length.setAccessibleName("Estimated length")
        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.recovery_bar = QLabel()
        self.recovery_bar.setWordWrap(True)
        self.recovery_bar.hide()

        self.recordings = RecordingImport(self)
        self.record_cue = RecordCue(self)
        self.buttons: dict[str, QPushButton] = {}
        tools = QHBoxLayout()
        for key, text, tip, keys, action in [
            ("new", "New", "Start a new lesson from a template", "Ctrl+N", self.new),
            ("open", "Open…", "Open a lesson file", "Ctrl+O", self.open),
            ("save", "Save", "Save the lesson", "Ctrl+S", self.save),
            (
                "save_as",
                "Save as…",
                "Save the lesson under a new name",
                "Ctrl+Shift+S",
                self.save_as,
            ),
            (
                "attach",
                "Attach recording…",
                "Use your own recording for the cue under the cursor",
                "Ctrl+Shift+A",
                lambda: self.attach_recording(),
            ),
            (
                "play",
                "Play from here",
                "Play the lesson from the cue under the cursor",
                "F5",
                self.play_from_cursor,
            ),
        ]:
            button = QPushButton(text)
            button.setToolTip(f"{tip} ({keys})")
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(action)
            bind(self, keys, action)
            tools.addWidget(button)
            self.buttons[key] = button
        self.buttons["play"].setProperty("role", "primary")
        tools.addStretch(1)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("Problems"))
        side_layout.addWidget(self.problems, 2)
        side_layout.addWidget(QLabel("Length (estimated from the captions)"))
        side_layout.addWidget(self.length, 1, Qt.AlignmentFlag.AlignTop)
        self.buttons["import_recording"] = self.recordings.button(self.import_recording)
        side_layout.addWidget(self.buttons["import_recording"])
        self.buttons["record_cue"] = self.record_cue.button(self.record_this_cue)
        side_layout.addWidget(self.buttons["record_cue"])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.editor)
        split.addWidget(side)
        split.setSizes([700, 320])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.recovery_bar)
        layout.addLayout(tools)
        layout.addWidget(split, 1)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self.editor.textChanged.connect(self._check_timer.start)
        self.editor.document().modificationChanged.connect(lambda _: self._show_title())
        self.load_text(new_lesson_text("My lesson"), None)

    # -- files ---------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self.editor.document().isModified()

    def load_text(self, text: str, path: Path | None) -> None:
        self.path = path
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.check_now()
        self._show_title()

    def new(self) -> None:
        if self.confirm_leave():
            self.load_text(new_lesson_text("My lesson"), None)
            self.editor.document().setModified(True)

    def open(self, path: Path | None = None) -> None:
        if not self.confirm_leave():
            return
        chosen = path or (Path(p) if (p := self.dialogs.open_path(self)) else None)
        if chosen is None:
            return
        try:
            text = chosen.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            self._status(f"Could not open {chosen}: {exc.strerror or exc}")
            return
        self.load_text(text, chosen)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        self.check_now()  # the id to propose comes from the header as it is now
        folder = self.my_lessons or Path.home()
        suggested = str(self.path or folder / f"{self._suggested_id()}.lesson")
        chosen = self.dialogs.save_path(self, suggested)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix != ".lesson":
            path = path.with_suffix(".lesson")
        return self._write(path)

    def confirm_leave(self) -> bool:
        """Ask about unsaved changes; True when it is safe to replace or close the text."""
        if not self.modified:
            return True
        answer = self.dialogs.unsaved(self, self.path.name if self.path else "")
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._clear_recovery()
            return True
        return False

    def _write(self, path: Path) -> bool:
        data = self.editor.toPlainText().encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        except OSError as exc:
            self._status(f"Could not save {path}: {exc.strerror or exc}. Your text is still here.")
            return False
        self._clear_recovery()
        self.path = path
        self.editor.document().setModified(False)
        self.check_now()
        self._show_title()
        self.saved.emit(str(path))
        return True

    # -- checking --------------------------------------------------------------------------

    def check_now(self) -> None:
        self._check_timer.stop()
        text = self.editor.toPlainText()
        where = self.path or Path("untitled.lesson")
        result = check_lesson_bytes(text.encode("utf-8"), where)
        self.lesson = result.lesson
        self.diagnostics = result.diagnostics
        self._show_problems()
        self._show_length()
        if self.modified:
            self._write_recovery(text)

    def _show_problems(self) -> None:
        self.problems.clear()
        selections: list[QTextEdit.ExtraSelection] = []
        for diagnostic in self.diagnostics:
            item = QListWidgetItem(
                f"{diagnostic.line}:{diagnostic.column}  {diagnostic.severity}: {diagnostic.message}"
                + (f"\n    {diagnostic.hint}" if diagnostic.hint else "")
            )
            if diagnostic.hint:
                item.setToolTip(diagnostic.hint)
            item.setData(Qt.ItemDataRole.UserRole, (diagnostic.line, diagnostic.column))
            self.problems.addItem(item)
            selections.append(self._underline(diagnostic))
        if not self.diagnostics:
            self.problems.addItem(QListWidgetItem("No problems found."))
        self.editor.setExtraSelections(selections)

    def _underline(self, diagnostic: Diagnostic) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#c0392b" if diagnostic.is_error else "#b7950b"))
        selection.format = fmt
        cursor = self._cursor_at(diagnostic.line, diagnostic.column)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection():
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
        selection.cursor = cursor
        return selection

    def _cursor_at(self, line: int, column: int) -> QTextCursor:
        block = self.editor.document().findBlockByNumber(max(line - 1, 0))
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, n=min(max(column - 1, 0), max(block.length() - 1, 0))
        )
        return cursor

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        spot = item.data(Qt.ItemDataRole.UserRole)
        if spot:
            self.editor.setTextCursor(self._cursor_at(*spot))
            self.editor.setFocus()

    def _show_length(self) -> None:
        if self.lesson is None:
            self.length.setText("Fix the errors to see how long the lesson runs.")
            return
        timeline = compile_timeline(self.lesson)
        rows = [f"<b>{format_clock(timeline.total_ms)}</b> in all"]
        rows += [f"{format_clock(s.end_ms - s.start_ms)} — {s.title}" for s in timeline.sections]
        self.length.setText("<br>".join(rows))

    # -- hearing and recording ---------------------------------------------------------------

    def cursor_line(self) -> int:
        return self.editor.textCursor().blockNumber() + 1

    def play_from_cursor(self) -> None:
        self.check_now()
        if self.lesson is None:
            self._status("The lesson has errors; fix them (listed on the right) to play it.")
            return
        timeline = compile_timeline(self.lesson)
        self.play_requested.emit(self.lesson, timeline.cue_for_line(self.cursor_line()).start_ms)

    def attach_recording(self, recording: str = "") -> None:
        if self.path is None:
            self._status("Save the lesson first: recordings are kept in a folder beside it.")
            return
        if not _is_cue_text(self.editor.textCursor().block().text()):
            self._status("Put the cursor on the words of the cue the recording should say.")
            return
        chosen = recording or self.dialogs.pick_audio(self)
        if not chosen:
            return
        source = Path(chosen)
        if source.suffix.lower() not in AUDIO_SUFFIXES:
            self._status(
                f"{source.name} is not a recording Seesaw can play ({', '.join(AUDIO_SUFFIXES)})."
            )
            return
        clips = self.path.parent / "clips"
        target = clips / source.name
        try:
            clips.mkdir(exist_ok=True)
            if source.resolve() != target.resolve():
                shutil.copy2(source, target)
        except OSError as exc:
            self._status(f"Could not copy {source.name}: {exc.strerror or exc}")
            return
        cursor = self.editor.textCursor()
        block = cursor.block()
        while _is_cue_text(block.text()) and _is_cue_text(block.previous().text()):
            block = block.previous()  # up to the first line of the paragraph
        indent = block.text()[: len(block.text()) - len(block.text().lstrip())]
        insert = QTextCursor(block)
        insert.insertText(f"{indent}[audio clips/{source.name}]\n")
        self.check_now()

    def record_this_cue(self) -> None:
        line = self.editor.textCursor().block().text().strip()
        if self.path is None or not _is_cue_text(line):
            self.attach_recording()  # which says what is needed first
            return
        take = self.record_cue.run(line, self.path.parent / "clips")
        if take is not None:
            self.attach_recording(str(take))
        elif self.record_cue.message:
            self._status(self.record_cue.message)

    def import_recording(self) -> None:
        written = self.recordings.run(self.my_lessons)
        if self.recordings.message:
            self._status(self.recordings.message)
        if written is not None:
            self.open(written)

    # -- recovery ----------------------------------------------------------------------------

    def _recovery_file(self) -> Path:
        name = self.path.name if self.path else "untitled.lesson"
        return self.recovery_dir / f"{name}.recovery.json"

    def _write_recovery(self, text: str) -> None:
        try:
            ensure_private_dir(self.recovery_dir)
            record = {"path": str(self.path) if self.path else None, "text": text}
            write_atomically(self._recovery_file(), json.dumps(record).encode("utf-8"))
        except OSError:
            pass  # recovery is a safety net; failing to write it must not disturb typing

    def _clear_recovery(self) -> None:
        self._recovery_file().unlink(missing_ok=True)

    def recoverable(self) -> list[Path]:
        return (
            sorted(self.recovery_dir.glob("*.recovery.json")) if self.recovery_dir.is_dir() else []
        )

    def restore(self, recovery: Path) -> None:
        data = json.loads(recovery.read_text(encoding="utf-8"))
        self.load_text(str(data["text"]), Path(data["path"]) if data.get("path") else None)
        self.editor.document().setModified(True)
        self._status(
            f"Recovered unsaved text{f' of {self.path.name}' if self.path else ''}. Save it to keep it."
        )

    # -- small helpers -----------------------------------------------------------------------

    def _suggested_id(self) -> str:
        return self.lesson.id if self.lesson else "my-lesson"

    def _show_title(self) -> None:
        name = str(self.path) if self.path else "Untitled lesson"
        self.title.setText(name + (" — modified" if self.modified else ""))

    def _status(self, message: str) -> None:
        self.recovery_bar.setText(message)
        self.recovery_bar.show()


def _is_cue_text(line: str) -> bool:
    """A line that belongs to a spoken paragraph (not blank, a heading, a directive, a note or
    the header's end: a cue right under ``---`` has its recording put under it, not above)."""
    stripped = line.strip()
    return bool(stripped) and stripped != "---" and not stripped.startswith(("#", "[", "//"))
