"""Giving a cue the author's own recording: copied into the ``clips`` folder beside the lesson and
named in an ``[audio clips/…]`` line above the cue's first line, at the cue's indent (so a cue
inside a ``[repeat]`` keeps its recording inside it too).

A recording can be long (a whole session read aloud is hundreds of megabytes), so it is copied
on a thread of its own (``widgets/own_thread.py``) while the author goes on writing, and the line
goes in only once the copy is whole in ``clips``. It goes above the cue chosen, wherever the
cursor is by then and whatever was typed above it: the cue's first line carries a mark
(``_Chosen``) that moves with it. A copy that fails says why and changes nothing: the script is
as it was, and a recording of that name already in ``clips`` is kept (the copy is put in place
only when whole, ``copy_atomically``).
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextBlock, QTextBlockUserData, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from lesson_engine.journal.writer import Later
from lesson_engine.model.recordings import AUDIO_SUFFIXES
from lesson_engine.storage import copy_atomically, write_problem_in_words
from ui.desktop.author.preview_dock import is_cue_text
from ui.desktop.widgets.own_thread import OwnThread
from ui.desktop.widgets.written import WhenWritten

COPYING = OwnThread("seesaw-copy")
"""Where a recording is copied: a thread of its own for each, never the window's."""


class _Chosen(QTextBlockUserData):
    """Marks the first line of the cue a recording is for, until its line goes in."""


def in_clips(lesson: Path, source: Path) -> Path:
    """Where ``source`` goes: the ``clips`` folder beside ``lesson``."""
    return lesson.parent / "clips" / source.name


def copy_clip(lesson: Path, source: Path) -> None:
    """On the copying thread: ``source`` into the ``clips`` folder beside ``lesson``; raises
    OSError."""
    target = in_clips(lesson, source)
    target.parent.mkdir(exist_ok=True)
    copy_atomically(source, target)


def first_line_of_cue(block: QTextBlock) -> QTextBlock:
    while is_cue_text(block.text()) and is_cue_text(block.previous().text()):
        block = block.previous()  # up to the first line of the paragraph
    return block


def marked(editor: QPlainTextEdit, mark: _Chosen) -> QTextBlock | None:
    """The line that carries ``mark``; None once it is gone (deleted, or another text opened)."""
    block = editor.document().begin()
    while block.isValid():
        if block.userData() is mark:
            return block
        block = block.next()
    return None


class ClipAttaching(QObject):
    """Attach recording: the copy behind the window, then the line above the chosen cue."""

    attached = Signal(str)
    """What to tell the author, once the copy is done or has failed."""
    changed = Signal()
    """An ``[audio …]`` line went in: the script is to be checked again."""

    def __init__(self, editor: QPlainTextEdit, parent: QObject, copying: Later = COPYING) -> None:
        super().__init__(parent)
        self._editor = editor
        self._copying = copying
        self._when = WhenWritten(self)

    def attach(self, lesson: Path, source: Path) -> str:
        """Attach ``source`` to the cue under the cursor in the lesson saved at ``lesson``: at
        once when it is in ``clips`` already (a take recorded there), else once it is copied
        there behind the window (``attached`` says so at once, then what came of it). What to
        tell the author now ("" when ``attached`` has said it)."""
        if source.suffix.lower() not in AUDIO_SUFFIXES:
            return (
                f"{source.name} is not a recording Seesaw can play ({', '.join(AUDIO_SUFFIXES)})."
            )
        mark = _Chosen()
        first_line_of_cue(self._editor.textCursor().block()).setUserData(mark)
        if source.resolve() == in_clips(lesson, source).resolve():  # nothing to copy
            return self._put_line(mark, lesson, source)

        def copied(done: Future[None]) -> None:
            problem = done.exception()
            if problem is not None:
                self._put_line(mark, lesson, None)  # the mark goes; nothing else changes
            if isinstance(problem, OSError):
                self.attached.emit(
                    f"Could not copy {source.name}: {write_problem_in_words(problem)}. "
                    "The script is as it was."
                )
                return
            if problem is not None:
                raise problem  # a mistake in Seesaw: raised here, not hidden
            self.attached.emit(self._put_line(mark, lesson, source))

        # Said before the copy starts: a copy refused at once is answered before ``then`` returns,
        # and its words must not be covered by these.
        self.attached.emit(
            f"Copying {source.name} into {in_clips(lesson, source).parent}… You can go on writing."
        )
        self._when.then(self._copying(lambda: copy_clip(lesson, source)), copied)
        return ""

    def _put_line(self, mark: _Chosen, lesson: Path, source: Path | None) -> str:
        """The ``[audio …]`` line for ``source`` above the line marked ``mark`` (none for no
        ``source``: the mark is only taken away); what to tell the author."""
        block = marked(self._editor, mark)
        if block is not None:
            block.setUserData(None)  # type: ignore[arg-type]  # Qt takes None: no mark
        if source is None:
            return ""
        if block is None or not is_cue_text(block.text()):
            return (
                f"{source.name} was copied into {in_clips(lesson, source).parent}, but the cue "
                f"it was for is no longer in the script: put [audio clips/{source.name}] above "
                "the cue that should play it."
            )
        text = block.text()
        indent = text[: len(text) - len(text.lstrip())]
        QTextCursor(block).insertText(f"{indent}[audio clips/{source.name}]\n")
        self.changed.emit()
        return f"The cue now plays clips/{source.name}."
