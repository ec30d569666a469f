"""The Author page's tools: one table of what each button says, does and is bound to, and the
two rows they are laid out in (``widgets/button_rows.py`` folds them to fit a narrow window)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from ui.desktop.widgets.button_rows import ButtonRows
from ui.desktop.widgets.shortcuts import bind

TOOLS = (  # key, label, what it does, its keys, the method it calls
    ("new", "New", "Start a new lesson from a template", "Ctrl+N", "new"),
    ("open", "Open…", "Open a lesson file", "Ctrl+O", "open"),
    ("save", "Save", "Save the lesson", "Ctrl+S", "save"),
    ("save_as", "Save as…", "Save the lesson under a new name", "Ctrl+Shift+S", "save_as"),
    ("attach", "Attach recording…", "Use your own recording for the cue under the cursor",
     "Ctrl+Shift+A", "attach_recording"),
    ("play", "Play from here", "Play the lesson from the cue under the cursor, beside the script",
     "F5", "play_from_cursor"),
    ("export", "Export audio…", "Write the lesson as one WAV, OGG or MP3 file", "Ctrl+E",
     "export_audio"),
    ("pack", "Make pack…", "Zip this lesson (or its folder) into a pack others can import",
     "Ctrl+Shift+P", "make_pack"),
)  # fmt: skip


def tool_buttons(page: QWidget) -> tuple[dict[str, QPushButton], ButtonRows]:
    """Each tool's button, by its key, calling ``page``'s method of that name (by a click or its
    keys), and the rows they sit in: writing and hearing first, then sharing."""
    buttons: dict[str, QPushButton] = {}
    for key, text, tip, keys, method in TOOLS:
        action = getattr(page, method)
        button = QPushButton(text)
        button.setToolTip(f"{tip} ({keys})")
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(action)
        bind(page, keys, action)
        buttons[key] = button
    buttons["play"].setProperty("role", "primary")
    rows = ButtonRows(
        list(buttons.values()),
        [buttons[k] for k in ("new", "open", "save", "save_as", "play")],
        [buttons[k] for k in ("attach", "export", "pack")],
    )
    return buttons, rows
