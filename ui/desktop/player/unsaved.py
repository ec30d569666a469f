"""Closing Seesaw while sessions still wait for a disk that refused them: the learner decides.

The choices are to keep them in a file somewhere else (a USB stick, another disk), to try the
journal once more and stay open, or to close and lose them; the first is the default, and closing
without them needs a second, explicit choice. The dialogs' Qt classes are loaded only when one
is shown (each costs on first use; nearly every close has nothing waiting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from lesson_engine.session.pending import PendingSessions

SAVE, WAIT, CLOSE = "save", "wait", "close"


def ask_what_to_do(parent: QWidget, question: str) -> str:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Sessions not saved yet", question, parent=parent)
    save = box.addButton("Save to a file…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Try the journal again", QMessageBox.ButtonRole.RejectRole)  # Esc, too
    close = box.addButton("Close and lose them", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    return CLOSE if clicked is close else WAIT


def ask_where(parent: QWidget) -> str:
    from PySide6.QtWidgets import QFileDialog

    name = f"seesaw-sessions-{date.today():%Y-%m-%d}.json"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Keep the sessions in", str(Path.home() / name), "Seesaw sessions (*.json)"
    )
    return chosen


@dataclass(frozen=True)
class UnsavedDialogs:
    choose: Callable[[QWidget, str], str] = ask_what_to_do
    where: Callable[[QWidget], str] = ask_where


ASK_THE_LEARNER = UnsavedDialogs()


def may_close(
    parent: QWidget,
    pending: PendingSessions,
    retry: Callable[[], None],
    dialogs: UnsavedDialogs,
    tell: Callable[[str], None],
) -> bool:
    """True when nothing waits, or the waiting sessions were kept, or the learner let them go.

    Trying the journal again closes only if that worked; otherwise Seesaw stays open.
    """
    while pending.waiting:
        count = len(pending)
        noun = "One session is" if count == 1 else f"{count} sessions are"
        choice = dialogs.choose(
            parent,
            f"{noun} not in your journal yet ({pending.problem}). Save them to a "
            "file elsewhere, so nothing is lost? The file keeps every rating and note.",
        )
        if choice == CLOSE:
            pending.let_go()
            return True
        if choice == WAIT:
            retry()
            return not pending.waiting
        path = dialogs.where(parent)
        if not path:
            continue
        try:
            pending.move_to(Path(path))
        except OSError as exc:
            tell(f"The sessions could not be saved to {path} either ({exc.strerror or exc}).")
            continue
        tell(
            f"The sessions are kept in {path}. Once the disk takes writes again, "
            f"'seesaw journal put-back {path}' puts them in your journal."
        )
        return True
    return True
