"""Giving a cue the author's own recording: copied into the ``clips`` folder beside the lesson and
named in an ``[audio clips/…]`` line above the cue's first line, at the cue's indent (so a cue
inside a ``[repeat]`` keeps its recording inside it too)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from lesson_engine.model.recordings import AUDIO_SUFFIXES
from ui.desktop.author.preview_dock import is_cue_text


def attach_clip(editor: QPlainTextEdit, lesson: Path, source: Path) -> tuple[bool, str]:
    """Attach ``source`` to the cue under ``editor``'s cursor in the lesson saved at ``lesson``;
    whether it was, and what to tell the author either way."""
    if source.suffix.lower() not in AUDIO_SUFFIXES:
        return False, (
            f"{source.name} is not a recording Seesaw can play ({', '.join(AUDIO_SUFFIXES)})."
        )
    clips = lesson.parent / "clips"
    target = clips / source.name
    try:
        clips.mkdir(exist_ok=True)
        if source.resolve() != target.resolve():
            shutil.copy2(source, target)
    except OSError as exc:
        return False, f"Could not copy {source.name}: {exc.strerror or exc}"
    block = editor.textCursor().block()
    while is_cue_text(block.text()) and is_cue_text(block.previous().text()):
        block = block.previous()  # up to the first line of the paragraph
    indent = block.text()[: len(block.text()) - len(block.text().lstrip())]
    QTextCursor(block).insertText(f"{indent}[audio clips/{source.name}]\n")
    return True, f"The cue now plays clips/{source.name}."
