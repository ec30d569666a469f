"""The Author screen: write a lesson, see its problems as you type, hear it from any line.

Checking runs on the text in memory a moment after typing stops, with the same parser as
``seesaw check``, so the editor and the command line never disagree. Unsaved text is copied to a
recovery file on the same pause, so a crash loses at most the last few keystrokes. Every file the
page writes is written by the app's one writer, never on the window's thread: the script and its
recovery copies and an imported recording's lesson (``saving.py``), a recorded take
(``record_cue.py``) and a folder's ``pack.toml`` (``packing.py``). Each returns at once, and
what follows it (Saved, the line that plays the take, the pack) waits for its fsync.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import pick_voice
from lesson_engine.journal.writer import Later, at_once
from lesson_engine.model.lesson import Lesson
from lesson_engine.paths import voice_cache_dir
from lesson_engine.script.diagnostics import Diagnostic
from lesson_engine.script.durations import format_clock
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.script.templates import new_lesson_text
from lesson_engine.timeline import compile_timeline
from ui.desktop.author.clips import ClipAttaching
from ui.desktop.author.dialogs import DEFAULT_DIALOGS, AuthorDialogs
from ui.desktop.author.export_panel import ExportBar, LessonExport, MakeChain, cannot_write
from ui.desktop.author.gutter import NumberedEditor
from ui.desktop.author.highlighter import LessonHighlighter
from ui.desktop.author.packing import PackMaking
from ui.desktop.author.preview_dock import PreviewDock, is_cue_text
from ui.desktop.author.problems import ProblemList
from ui.desktop.author.record_cue import RecordCue
from ui.desktop.author.recording_import import RecordingImport
from ui.desktop.author.recovery import RecoveryCopies
from ui.desktop.author.saving import Refused, ScriptSaving
from ui.desktop.author.toolbar import tool_buttons
from ui.desktop.player.view import PlayerView

CHECK_DELAY_MS = 350


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
        voice_chain: MakeChain | None = None,
        later: Later = at_once,
    ) -> None:
        """``my_lessons``: where Save proposes to put a new lesson (the library lists it);
        ``voice_chain``: the voice Export audio speaks with (by default the automatic choice);
        ``later``: the writer the script and its recovery copies are written by, in order with
        every other write (the app's: ``Journal.later``; by default at once)."""
        super().__init__(parent)
        self.setAccessibleName("Author a lesson")
        self.recovery = RecoveryCopies(recovery_dir, later)
        self.saving = ScriptSaving(self, later, self)
        self.saving.saved.connect(self.saved)
        self.my_lessons = my_lessons
        self.dialogs = dialogs
        self.path: Path | None = None
        self.lesson: Lesson | None = None
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self._problem_marks: list[QTextEdit.ExtraSelection] = []
        self._checked_as = Path("untitled.lesson")
        """The path the script was last checked as: its problems are the ones in that file."""
        self._cue_marks: list[QTextEdit.ExtraSelection] = []

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
        self.problems = ProblemList(self.editor)
        self.length = QLabel()
        self.length.setWordWrap(True)
        self.length.setAccessibleName("Estimated length")
        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.recovery_bar = QLabel()
        self.recovery_bar.setWordWrap(True)
        self.recovery_bar.hide()

        self.recordings = RecordingImport(self)
        self.record_cue = RecordCue(self, later=later)
        self.packing = PackMaking(self, self, later)
        self.clips = ClipAttaching(self.editor, self)
        self.clips.changed.connect(self.check_now)
        self.clips.attached.connect(self.say)
        self.buttons, tools = tool_buttons(self)
        self.packing.busy.connect(lambda busy: self.buttons["pack"].setEnabled(not busy))
        self.export = LessonExport(voice_chain or _default_chain, self)
        self.export.finished.connect(lambda _written, message: self.say(message))
        self.export_bar = ExportBar(self.export)
        self.preview = PreviewDock(self.editor, self._show_cue_marks)

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
        split.addWidget(self.preview)
        split.addWidget(side)
        split.setSizes([700, 0, 320])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.recovery_bar)
        layout.addWidget(tools)
        layout.addWidget(self.export_bar)
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
        self.saving.loaded()
        self.recovery_bar.hide()  # a note about the lesson before is no longer true
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.check_now()
        self._show_title()

    def new(self) -> None:
        def start_new() -> None:
            self.load_text(new_lesson_text("My lesson"), None)
            self.editor.document().setModified(True)

        self.saving.leave_then(start_new)

    def open(self, path: Path | None = None) -> None:
        """Open ``path`` (or one the author picks) once the text in the editor may go."""
        self.saving.leave_then(lambda: self.open_file(path))

    def open_file(self, path: Path | None) -> None:
        """Open ``path`` (or one the author picks) now: the editor's text may go."""
        chosen = path or (Path(p) if (p := self.dialogs.open_path(self)) else None)
        if chosen is None:
            return
        try:
            text = chosen.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            self.say(f"Could not open {chosen}: {exc.strerror or exc}")
            return
        self.load_text(text, chosen)

    def save(self) -> Future[Refused | None] | None:
        """Hand the script to the writer and return at once; None when Save as… was cancelled.
        The future holds None once the script is on disk, or why it was refused."""
        if self.path is None:
            return self.save_as()
        return self.saving.write(self.path)

    def save_as(self) -> Future[Refused | None] | None:
        self.check_now()  # the id to propose comes from the header as it is now
        folder = self.my_lessons or Path.home()
        suggested = str(self.path or folder / f"{self._suggested_id()}.lesson")
        chosen = self.dialogs.save_path(self, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix != ".lesson":
            path = path.with_suffix(".lesson")
        return self.saving.write(path)

    def confirm_leave(self) -> bool:
        """Ask about unsaved changes before the window closes; True when it may close."""
        return self.saving.may_close()

    def script(self) -> str:
        return self.editor.toPlainText()

    def ask_unsaved(self) -> str:
        return self.dialogs.unsaved(self, self.path.name if self.path else "")

    def took(self, path: Path, text: str, kept_as: Path | None) -> None:
        """Saved: the editor holds ``path`` now, unchanged unless typed into since."""
        if kept_as != path:  # a copy kept under the old name while it was saved
            self.recovery.clear(kept_as)
        self.path = path
        if self.editor.toPlainText() == text:
            self.editor.document().setModified(False)
        self.check_now()  # as the file it is now; typed since, the copy is kept under its name
        self._show_title()

    # -- checking --------------------------------------------------------------------------

    def check_now(self) -> None:
        self._check_timer.stop()
        text = self.editor.toPlainText()
        self._checked_as = where = self.path or Path("untitled.lesson")
        result = check_lesson_bytes(text.encode("utf-8"), where)
        self.lesson = result.lesson
        self.diagnostics = result.diagnostics
        self._show_problems()
        self._show_length()
        if self.modified:
            self.recovery.keep(self.path, text)

    def _show_problems(self) -> None:
        self._problem_marks = self.problems.show_problems(self.diagnostics, self._checked_as)
        self.editor.setExtraSelections(self._cue_marks + self._problem_marks)

    def _show_cue_marks(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._cue_marks = selections
        self.editor.setExtraSelections(self._cue_marks + self._problem_marks)

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
            self.say("The lesson has errors; fix them (listed on the right) to play it.")
            return
        timeline = compile_timeline(self.lesson)
        self.play_requested.emit(self.lesson, timeline.cue_for_line(self.cursor_line()).start_ms)

    def show_preview(self, view: QWidget) -> None:
        """The preview's player, docked beside the script (``preview_dock.py``)."""
        assert isinstance(view, PlayerView)
        self.preview.show_player(view)

    def end_preview(self) -> None:
        self.preview.end()

    # -- sharing -----------------------------------------------------------------------------

    def export_audio(self) -> None:
        self.check_now()
        if self.export.busy:
            self.say("An export is already running; wait for it or cancel it.")
            return
        if self.lesson is None:
            self.say("The lesson has errors; fix them (listed on the right) to export it.")
            return
        folder = self.path.parent if self.path else self.my_lessons or Path.home()
        chosen = self.dialogs.export_path(self, str(folder / f"{self.lesson.id}.mp3"))
        if not chosen:
            return
        out = Path(chosen)
        problem = cannot_write(out)
        if problem:
            self.say(problem)
            return
        self.export_bar.begin(out)
        self.export.start(self.lesson, out)

    def make_pack(self) -> None:
        if self.packing.still_packing():  # its keys still work while the button waits
            return
        self.check_now()
        if self.lesson is None:
            first = self.diagnostics[0]
            self.say(
                f"The lesson has errors, so it cannot be packed: {first.line}:{first.column} "
                f"{first.message}"
            )
            return
        if self.modified or self.path is None:
            saving = self.save()
            if saving is None:
                self.say("Save the lesson first: a pack is made from the saved files.")
            else:  # a pack is made from the saved files: once they are on disk
                self.saving.after_saved(saving, self.make_pack)
            return
        self.packing.make(self.path, self.lesson)

    def attach_recording(self) -> None:
        """Attach a recording the author picks to the cue under the cursor."""
        self._attach("")

    def _attach(self, recording: str) -> None:
        """Attach ``recording`` (or, when empty, one the author picks) to the cursor's cue."""
        if self.path is None:
            self.say("Save the lesson first: recordings are kept in a folder beside it.")
            return
        if not is_cue_text(self.editor.textCursor().block().text()):
            self.say("Put the cursor on the words of the cue the recording should say.")
            return
        chosen = recording or self.dialogs.pick_audio(self)
        if not chosen:
            return
        now = self.clips.attach(self.path, Path(chosen))  # copied behind, then the line
        if now:
            self.say(now)

    def record_this_cue(self) -> None:
        line = self.editor.textCursor().block().text().strip()
        if self.path is None or not is_cue_text(line):
            self.attach_recording()  # which says what is needed first
            return
        take = self.record_cue.run(line, self.path.parent / "clips")
        if take is not None:  # on disk: the line that plays it goes in
            self._attach(str(take))

    def import_recording(self) -> None:
        """The reviewed lesson written by the writer, then opened (``ScriptSaving.write_made``)."""
        made = self.recordings.run(self.my_lessons)
        if made is not None:
            self.saving.write_made(made.path, made.text, made.words)
        elif self.recordings.message:
            self.say(self.recordings.message)

    # -- recovery ----------------------------------------------------------------------------

    def recoverable(self) -> list[Path]:
        return self.recovery.found()

    def restore(self, copy: Path) -> None:
        self.take_unsaved(*self.recovery.read(copy))
        self.say(
            f"Recovered unsaved text{f' of {self.path.name}' if self.path else ''}. Save it to keep it."
        )

    def take_unsaved(self, text: str, path: Path | None) -> None:
        """``text``, not on disk as ``path``, in the editor as changed: Save writes it there."""
        self.load_text(text, path)
        self.editor.document().setModified(True)

    # -- small helpers -----------------------------------------------------------------------

    def _suggested_id(self) -> str:
        return self.lesson.id if self.lesson else "my-lesson"

    def _show_title(self) -> None:
        name = str(self.path) if self.path else "Untitled lesson"
        self.title.setText(name + (" — modified" if self.modified else ""))

    def say(self, message: str) -> None:
        self.recovery_bar.setText(message)
        self.recovery_bar.show()


def _default_chain() -> VoiceChain:
    return VoiceChain(pick_voice("auto"), ClipCache(voice_cache_dir()))
