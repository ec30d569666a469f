"""The Settings page's journal tools: check every file, and put back a daily backup.

The check only reads, so it is safe at any moment. A restore swaps the journal's files under the
lock this window already holds, then reads them again; the files it replaces are kept (see
``lesson_engine.journal.backups``), and the pages that show the journal are told to redraw. It runs
on the journal's writer, after every write asked before it (``widgets/written.py``), so the window
never waits for the disk and no queued write lands on the files being swapped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QWidget

from lesson_engine.journal.backups import backup_days, backup_summary
from lesson_engine.journal.check import check_journal
from lesson_engine.journal.journal import Journal
from ui.desktop.settings.view import SettingsView
from ui.desktop.widgets.written import WhenWritten, refusal_in_words

AskBackupDay = Callable[[QWidget, list[tuple[date, str]]], "date | None"]
"""Shows the backups (newest first, each with what it holds) and returns the day chosen, or None."""

IN_MEMORY = "Your journal is kept in memory this time; there is nothing on disk to check."


def ask_backup_day(parent: QWidget, choices: list[tuple[date, str]]) -> date | None:
    labels = [label for _, label in choices]
    label, chosen = QInputDialog.getItem(
        parent,
        "Restore a backup",
        "Put your journal back as it was at the start of this day.\n"
        "What it holds now is kept in its backups folder (as replaced-…), where it can be "
        "copied back by hand.",
        labels,
        0,
        False,
    )
    return choices[labels.index(label)][0] if chosen and label in labels else None


def connect_journal_care(
    view: SettingsView,
    journal: Journal,
    restored: Callable[[], None],
    ask_day: AskBackupDay = ask_backup_day,
) -> None:
    """Answer the page's two buttons; ``restored`` redraws whatever shows the journal."""
    when = WhenWritten(view)

    def check() -> None:
        if journal.folder is None:
            view.show_check([IN_MEMORY])
            return
        report = check_journal(journal.folder)
        verdict = (
            f"{report.problems} problem{'s' if report.problems != 1 else ''} found."
            if report.problems
            else "Everything in your journal can be read."
        )
        view.show_check([verdict, *report.lines])

    def restore() -> None:
        folder = journal.folder
        if folder is None:
            view.show_check([IN_MEMORY])
            return
        days = list(reversed(backup_days(folder)))
        if not days:
            view.show_check(["There is no backup yet: one is made each day Seesaw opens."])
            return
        day = ask_day(view, [(d, f"{d:%a %d %b %Y}: {backup_summary(folder, d)}") for d in days])
        if day is None:
            return
        view.show_check([f"Putting back the backup of {day:%d %B %Y}…"])

        def put_back(kept: Path) -> None:
            view.show_check(
                [
                    f"Your journal is back as it was on {day:%d %B %Y}.",
                    f"What it held before is kept in {kept}.",
                ]
            )
            restored()

        def refused(exc: Exception) -> None:
            reason = refusal_in_words(exc)
            view.show_check([f"The backup of {day:%d %B %Y} could not be put back: {reason}."])
            restored()  # even a refused restore may have changed some files: show what is there

        when.write_behind(
            journal, lambda: journal.restore_backup(day), put_back, refused, (OSError, ValueError)
        )

    view.check_journal.connect(check)
    view.restore_backup.connect(restore)
