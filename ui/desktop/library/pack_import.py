"""Importing a lesson pack from the app: the same checks as ``seesaw import``, in words for a learner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:  # the pack reader (and the script parser) load when a pack is imported
    from lesson_engine.library.packs import PackError


def ask_pack_path(parent: QWidget) -> str:
    return QFileDialog.getOpenFileName(parent, "Import a lesson pack", "", "Lesson packs (*.zip)")[
        0
    ]


def ask_replace(parent: QWidget, folder: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Replace the pack?",
        f"A pack with this title is already installed ({folder.name}). Replace it with this one?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def import_from_app(
    archive: Path,
    packs_dir: Path,
    parent: QWidget,
    replace: Callable[[QWidget, Path], bool] = ask_replace,
) -> tuple[bool, str]:
    """(imported, message for the banner). Nothing is written unless every check passes."""
    from lesson_engine.library.listing import pack_title
    from lesson_engine.library.packs import PackError, PackExists, import_pack

    try:
        result = import_pack(archive, packs_dir)
    except PackExists as exists:
        if not replace(parent, exists.folder):
            return False, f"“{archive.name}” was not imported: the installed pack was kept."
        try:
            result = import_pack(archive, packs_dir, replace=True)
        except PackError as exc:
            return False, _refusal(archive, exc)
    except PackError as exc:
        return False, _refusal(archive, exc)
    count = len(result.lessons)
    shown = pack_title(result.folder) or result.manifest.title  # as the library names the pack
    return True, (
        f"Imported “{result.manifest.title}” by {result.manifest.author}: "
        f"{count} lesson{'s' if count != 1 else ''}, shown in the list as “from {shown}”."
    )


def _refusal(archive: Path, error: PackError) -> str:
    shown = "; ".join(error.problems[:3])
    more = f" (and {len(error.problems) - 3} more)" if len(error.problems) > 3 else ""
    return f"“{archive.name}” was not imported, and nothing was written: {shown}{more}."
