"""Every question the Author page asks, in one replaceable set so tests answer without a dialog."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from audio.render.encode import FORMATS
from lesson_engine.library.packs import MANIFEST_KEYS, Manifest
from lesson_engine.model.recordings import AUDIO_SUFFIXES


def proposed(suggested: str) -> str:
    """``suggested``, its folder made first if missing: a file dialog asked to propose a file in
    a folder that is not there (My lessons, before the first lesson is saved) opens in the
    current folder instead, and the lesson lands wherever Seesaw was started from."""
    with contextlib.suppress(OSError):
        Path(suggested).parent.mkdir(parents=True, exist_ok=True)
    return suggested


def _open_path(parent: QWidget) -> str:
    return QFileDialog.getOpenFileName(
        parent, "Open a lesson", "", "Lessons (*.lesson);;All files (*)"
    )[0]


def _save_path(parent: QWidget, suggested: str) -> str:
    return QFileDialog.getSaveFileName(
        parent, "Save the lesson", proposed(suggested), "Lessons (*.lesson)"
    )[0]


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


def _export_path(parent: QWidget, suggested: str) -> str:
    """The file to write; the format is its suffix, added from the chosen filter if missing.
    The filter shown first is the proposed file's type, so the dialog never proposes
    'lesson.mp3' under 'WAV audio'."""
    filters = [f"{kind.upper()} audio (*.{kind})" for kind in FORMATS]
    suffix = Path(suggested).suffix.lstrip(".").lower()
    shown = filters[FORMATS.index(suffix)] if suffix in FORMATS else filters[0]
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export the lesson as audio", proposed(suggested), ";;".join(filters), shown
    )
    if path and Path(path).suffix.lstrip(".").lower() not in FORMATS and chosen in filters:
        path += f".{FORMATS[filters.index(chosen)]}"
    return path


def _pack_path(parent: QWidget, suggested: str) -> str:
    return QFileDialog.getSaveFileName(parent, "Make a lesson pack", suggested, "Packs (*.zip)")[0]


def _manifest(parent: QWidget, proposed: Manifest) -> Manifest | None:
    """The four lines of a new ``pack.toml``, proposed from the lesson; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Describe the pack")
    intro = QLabel(
        "This folder has no pack.toml yet. Seesaw writes one with what you give here; "
        "the library shows the title and author to whoever imports the pack."
    )
    intro.setWordWrap(True)
    form = QFormLayout()
    edits = {}
    for key in MANIFEST_KEYS:
        edit = QLineEdit(getattr(proposed, key))
        edit.setAccessibleName(key.capitalize())
        form.addRow(f"{key.capitalize()}:", edit)
        edits[key] = edit
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return Manifest(*(edits[key].text().strip() for key in MANIFEST_KEYS))


@dataclass(frozen=True)
class AuthorDialogs:
    """Every question the Author screen asks, replaceable in tests."""

    open_path: Callable[[QWidget], str]
    save_path: Callable[[QWidget, str], str]
    unsaved: Callable[[QWidget, str], str]  # "save", "discard" or "cancel"
    pick_audio: Callable[[QWidget], str]
    export_path: Callable[[QWidget, str], str] = _export_path  # "" when cancelled
    pack_path: Callable[[QWidget, str], str] = _pack_path
    manifest: Callable[[QWidget, Manifest], Manifest | None] = _manifest


DEFAULT_DIALOGS = AuthorDialogs(_open_path, _save_path, _unsaved, _pick_audio)
