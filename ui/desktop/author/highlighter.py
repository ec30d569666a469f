"""Colours for lesson scripts: header, sections, directives, placeholders and comments.

Line-based on purpose, like the format itself, so highlighting a script at the size cap (128 kB) stays instant.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from lesson_engine.script.spoken import INLINE_PAUSE

_KEY = re.compile(r"^\s*[A-Za-z][\w-]*\s*:")
_DIRECTIVE = re.compile(r"\[[^\]]*\]?")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
HEADER_STATE, BODY_STATE = 0, 1


def _format(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class LessonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.formats = {
            "key": _format("#7fb8c0" if dark else "#1f6f78", bold=True),
            "rule": _format("#a9b3b6" if dark else "#5b6468", bold=True),
            "section": _format("#e0b85c" if dark else "#7a5c1e", bold=True),
            "directive": _format("#c89bf0" if dark else "#6b3fa0", bold=True),
            "placeholder": _format("#f0a27a" if dark else "#8a3b12", bold=True),
            "comment": _format("#8a9497" if dark else "#7b8588", italic=True),
        }

    def highlightBlock(self, text: str) -> None:
        previous = self.previousBlockState()
        in_header = previous in (-1, HEADER_STATE)
        stripped = text.strip()
        if in_header and stripped == "---":
            self.setFormat(0, len(text), self.formats["rule"])
            self.setCurrentBlockState(BODY_STATE)
            return
        self.setCurrentBlockState(HEADER_STATE if in_header else BODY_STATE)
        if stripped.startswith("//"):
            self.setFormat(0, len(text), self.formats["comment"])
            return
        if in_header:
            match = _KEY.match(text)
            if match:
                self.setFormat(0, match.end(), self.formats["key"])
            return
        if stripped.startswith("#"):
            self.setFormat(0, len(text), self.formats["section"])
            return
        for match in _DIRECTIVE.finditer(text):
            if text[: match.start()].strip() == "":
                self.setFormat(
                    match.start(), match.end() - match.start(), self.formats["directive"]
                )
        for match in INLINE_PAUSE.finditer(text):  # a pause inside a cue's text
            self.setFormat(match.start(), match.end() - match.start(), self.formats["directive"])
        for match in _PLACEHOLDER.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.formats["placeholder"])
