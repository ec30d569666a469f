"""Every question the Author page asks, in one replaceable set so tests answer without a dialog."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from audio.render.encode import FORMATS
from lesson_engine.library.packs import MANIFEST_KEYS, Manifest
from lesson_engine.model.recordings import AUDIO_SUFFIXES

T = TypeVar("T")


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


def _answered(
    parent: QWidget, title: str, intro: str, body: QWidget, read: Callable[[], T]
) -> T | None:
    """Show ``body`` under ``intro`` with OK and Cancel; what ``read`` finds in it after OK (the
    dialog, and ``body`` with it, are gone once this returns), None after Cancel."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    words = QLabel(intro)
    words.setWordWrap(True)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in (words, body, buttons):
        layout.addWidget(widget)
    return read() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _manifest(parent: QWidget, proposed: Manifest) -> Manifest | None:
    """The four lines of a new ``pack.toml``, proposed from the lesson; None when cancelled."""
    body = QWidget()
    form = QFormLayout(body)
    edits = {}
    for key in MANIFEST_KEYS:
        edit = QLineEdit(getattr(proposed, key))
        edit.setAccessibleName(key.capitalize())
        form.addRow(f"{key.capitalize()}:", edit)
        edits[key] = edit
    intro = (
        "Seesaw keeps what you give here in the pack's pack.toml; the library shows the "
        "title and author to whoever imports the pack."
    )
    return _answered(
        parent,
        "Describe the pack",
        intro,
        body,
        lambda: Manifest(*(edits[key].text().strip() for key in MANIFEST_KEYS)),
    )


def _pack_lessons(parent: QWidget, names: list[str], current: str) -> list[str]:
    """Which of the folder's lessons go into the pack (ticked: the one being edited); [] when
    cancelled."""
    listed = QListWidget()
    listed.setAccessibleName("Lessons in the pack")
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if name == current else Qt.CheckState.Unchecked)
        listed.addItem(item)
    intro = (
        "This folder holds other lessons too. Tick the ones to put in the pack; Seesaw adds the "
        "recordings they use and leaves the folder as it is."
    )

    def ticked() -> list[str]:
        items = (listed.item(row) for row in range(listed.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    return _answered(parent, "Lessons for the pack", intro, listed, ticked) or []


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
    pack_lessons: Callable[[QWidget, list[str], str], list[str]] = _pack_lessons


DEFAULT_DIALOGS = AuthorDialogs(_open_path, _save_path, _unsaved, _pick_audio)
