"""The preview docked beside the script: the player on the Author page, and where it is in the text.

An author listens to check what they wrote, so the script stays on screen: the preview's player
sits beside it, the cue being heard is shaded in the editor (following the player's clock, and
scrolled into view when it moves off screen), and when the preview stops the editor's cursor is
left at the start of the cue where it stopped, ready to fix what was just heard. A cue that says
nothing (the closing ``[bell]``, a pause) keeps the instruction before it on the player's screen,
so the script keeps that instruction shaded too, and a preview that ends there leaves the cursor on
it (``instruction_line``), not on the bell. The player is the learner's own (``ui/desktop/player/view.py``), so Pause, Rest and Back work as they do in a lesson.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QSplitter, QTextEdit, QVBoxLayout, QWidget

from lesson_engine.timeline import Cue, EventKind, Timeline
from ui.desktop.author.gutter import NumberedEditor
from ui.desktop.player.view import PlayerView

DOCKED_CAPTION_PT = 18
"""The caption in the dock: read at the desk beside the script, not from the floor."""

ShowSelections = Callable[[list[QTextEdit.ExtraSelection]], None]


def is_cue_text(line: str) -> bool:
    """A line that belongs to a spoken paragraph (not blank, a heading, a directive, a note or
    the header's end: a cue right under ``---`` has its recording put under it, not above)."""
    stripped = line.strip()
    return bool(stripped) and stripped != "---" and not stripped.startswith(("#", "[", "//"))


def instruction_line(timeline: Timeline, cue: Cue) -> int:
    """The line of the instruction shown while ``cue`` plays: its own, or for a cue that says
    nothing, the instruction whose caption stays on screen through it (when there is one)."""
    for event in reversed(timeline.events[: cue.first_event + 1]):
        if event.kind is EventKind.SPEECH:
            return event.line if event.caption == cue.caption else cue.line
    return cue.line


class PreviewDock(QWidget):
    def __init__(
        self, editor: NumberedEditor, show_selections: ShowSelections, parent: QWidget | None = None
    ) -> None:
        """``show_selections`` puts the playing cue's shading with the page's other selections
        (the problems' underlines), which the editor holds as one list."""
        super().__init__(parent)
        self.setAccessibleName("Preview")
        self.editor = editor
        self._show_selections = show_selections
        self.player: PlayerView | None = None
        self.cue: Cue | None = None
        self._line = 0
        """Where ``cue``'s instruction is in the script (see ``instruction_line``)."""
        self._sizes: list[int] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def show_player(self, view: PlayerView) -> None:
        """Dock ``view`` (replacing a preview already docked) and follow its cues.

        The script and the player share the page half and half; the problems and length give way
        while it plays (a lesson with errors does not play, and the player shows the time left),
        and come back when it stops."""
        first = self.player is None
        if self.player is not None:
            self._layout.removeWidget(self.player)
            self.player.deleteLater()
        self.player = view
        view.buttons["floor"].hide()  # floor mode is for lying down, not for writing
        view.set_caption_size(DOCKED_CAPTION_PT)
        self._layout.addWidget(view)
        self.show()
        split = self.parentWidget()
        if first and isinstance(split, QSplitter):  # shown first: the splitter counts hidden as 0
            self._sizes = split.sizes()
            total = sum(self._sizes)
            split.setSizes([total // 2, total - total // 2, 0])
        view.controller.cue_started.connect(self.follow)
        self.follow(view.controller.player.current_cue)
        view.setFocus()

    def end(self) -> None:
        """The preview stopped: put the cursor at the cue it stopped in, and take the player away."""
        if self.player is not None:
            player = self.player.controller.player  # where it is now, even if ticks were skipped
            self.cue = player.timeline.cue_at(min(player.position_ms, player.timeline.total_ms - 1))
            self._line = instruction_line(player.timeline, self.cue)
            self._layout.removeWidget(self.player)
            self.player.deleteLater()
            self.player = None
        self.hide()
        split = self.parentWidget()
        if isinstance(split, QSplitter) and self._sizes:
            split.setSizes(self._sizes)
        self._show_selections([])
        if self.cue is not None:
            self.editor.setTextCursor(self._start_of(self._line))
            self.editor.setFocus()
        self.cue = None

    def follow(self, cue: Cue) -> None:
        """Shade ``cue``'s lines in the script, and bring them into view if they are off screen."""
        self.cue = cue
        if self.player is not None:
            self._line = instruction_line(self.player.controller.player.timeline, cue)
        else:
            self._line = cue.line
        first = self.editor.document().findBlockByNumber(max(self._line - 1, 0))
        last = first
        while is_cue_text(last.text()) and is_cue_text(last.next().text()):
            last = last.next()  # down to the paragraph's last line
        cursor = QTextCursor(first)
        cursor.setPosition(
            last.position() + max(last.length() - 1, 0), QTextCursor.MoveMode.KeepAnchor
        )
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        shade = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        shade.setAlpha(90)
        fmt.setBackground(shade)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        selection.cursor = cursor
        self._show_selections([selection])
        shown = self.editor.visible_numbers()
        if first.blockNumber() + 1 not in shown or last.blockNumber() + 1 not in shown:
            self.editor.verticalScrollBar().setValue(max(first.blockNumber() - 2, 0))

    def highlighted_lines(self) -> tuple[int, int] | None:
        """The first and last line (counted from 1) shaded as playing, or None."""
        for selection in self.editor.extraSelections():
            if selection.format.property(QTextFormat.Property.FullWidthSelection):
                document = self.editor.document()
                start = document.findBlock(selection.cursor.selectionStart()).blockNumber()
                end = document.findBlock(selection.cursor.selectionEnd()).blockNumber()
                return start + 1, end + 1
        return None

    def _start_of(self, line: int) -> QTextCursor:
        block = self.editor.document().findBlockByNumber(max(line - 1, 0))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        return cursor
