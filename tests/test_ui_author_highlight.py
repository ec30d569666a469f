"""The Author page's colours: a pause written inside a cue is marked like a directive."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from ui.desktop.author.highlighter import LessonHighlighter


def coloured(text: str, line: int) -> list[str]:
    document = QTextDocument()
    highlighter = LessonHighlighter(document)
    document.setPlainText(text)
    highlighter.rehighlight()
    block = document.findBlockByNumber(line)
    directive = highlighter.formats["directive"].foreground().color()
    return [
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.foreground().color() == directive
    ]


def test_a_pause_inside_a_cue_is_coloured_as_a_directive(qtbot: QtBot) -> None:
    text = "id: a\ntitle: A\n---\nBreathe in. [pause 2s] And out [pauses].\n[pause 5s]\n"
    assert coloured(text, 3) == ["[pause 2s]"]
    assert coloured(text, 4) == ["[pause 5s]"]
