"""The journal: how soreness has moved, what was done, and notes, with export for a physio.

Reads everything through the journal port each time it is shown, so it never shows a stale
copy. Every change (a note, a corrected set or rating, a deletion, its undo, an export) is written
on the journal's writer (``widgets/written.py``): the page says it is done, and shows the change,
only once the write has returned; a refused one is said in words and changes nothing shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.journal.drafts import NEW_NOTE, note_key, session_note_key
from lesson_engine.journal.journal import LOGS, NOTES, SESSIONS, Journal
from lesson_engine.journal.records import Note, Removed, Replaced, SessionEntry
from lesson_engine.journal.trend import sessions_per_week, soreness_series
from ui.desktop.exercises.log_dialog import AskLog, ask_log
from ui.desktop.journal.chart import SorenessChart
from ui.desktop.journal.note_dialog import TextDialog, ask_text
from ui.desktop.journal.note_editing import NoteEditing
from ui.desktop.journal.rows import describe, describe_log
from ui.desktop.journal.session_dialog import AskRatings, ask_ratings
from ui.desktop.widgets.shortcuts import bind
from ui.desktop.widgets.written import StatusLine, WhenWritten, refusal_in_words

SaveDialog = Callable[[QWidget, str, str], str]


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested)
    return path


class JournalView(QWidget):
    def __init__(
        self,
        journal: Journal,
        *,
        today: Callable[[], date] = date.today,
        save_dialog: SaveDialog = ask_save_path,
        text_dialog: TextDialog = ask_text,
        exercise_name: Callable[[str], str] = lambda exercise_id: exercise_id,
        ask_log: AskLog = ask_log,
        ask_ratings: AskRatings = ask_ratings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ask_log = ask_log
        self._ask_ratings = ask_ratings
        self.journal = journal
        self._exercise_name = exercise_name
        self._today = today
        self._save_dialog = save_dialog
        self._when = WhenWritten(self)
        self.setAccessibleName("Journal")
        heading = QLabel("Journal")
        heading.setProperty("role", "title")
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.chart = SorenessChart()

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search sessions and notes")
        self.search.setAccessibleName("Search the journal")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.sessions = QListWidget()
        self.sessions.setAccessibleName("Sessions")
        self.sessions.setWordWrap(True)
        self.sessions.itemActivated.connect(self._edit_session_note)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Notes")
        self.notes.setWordWrap(True)
        self.notes.itemActivated.connect(self._edit_free_note)
        self.logs = QListWidget()
        self.logs.setAccessibleName("Strength sets")
        self.logs.setWordWrap(True)
        self.logs.itemActivated.connect(self._edit_log)
        for listing in (self.sessions, self.notes, self.logs):  # wrap, never scroll sideways
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.setResizeMode(QListView.ResizeMode.Adjust)
        self.add_note_button = QPushButton("Add a note")
        self.add_note_button.setToolTip("A dated note, e.g. where pain started on today's run")
        self.add_note_button.clicked.connect(self._add_note)
        self.edit_button = QPushButton("Edit note")
        self.edit_button.setToolTip("Edit the note of the selected session (Enter)")
        self.edit_button.clicked.connect(
            lambda: self._edit_session_note(self.sessions.currentItem())
        )
        self.ratings_button = QPushButton("Ratings…")
        self.ratings_button.setToolTip("Correct the soreness before and after the selected session")
        self.ratings_button.clicked.connect(
            lambda: self._correct_ratings(self.sessions.currentItem())
        )
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip(
            "Delete the selected session, set or note (Delete); Undo (Ctrl+Z) brings it back"
        )
        self.delete_button.clicked.connect(self._delete)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last deletion or correction (Ctrl+Z)")
        self.undo_button.clicked.connect(self._undo)
        self.undo_button.hide()
        self._undoable: list[tuple[Removed | Replaced, str]] = []
        bind(self, "Delete", self._delete)
        bind(self, "Ctrl+Z", self._undo)
        self.export_csv = QPushButton("Export CSV…")
        self.export_csv.setToolTip("One row per session, for a spreadsheet")
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_md = QPushButton("Export report…")
        self.export_md.setToolTip("A readable report to hand to a physiotherapist (Markdown)")
        self.export_md.clicked.connect(lambda: self._export("md"))
        self.status = StatusLine()
        self.note_editing = NoteEditing(self, lambda: self.journal, text_dialog, self.status.say)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.ratings_button)
        tools.addWidget(self.add_note_button)
        tools.addWidget(self.delete_button)
        tools.addWidget(self.undo_button)
        # The exports sit by the heading: with the editing tools, the row would not fit 800 px.
        heading_row = QHBoxLayout()
        heading_row.addWidget(heading, 1)
        heading_row.addWidget(self.export_csv)
        heading_row.addWidget(self.export_md)
        lists = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Sessions"))
        left_layout.addWidget(self.sessions)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Strength sets"))
        right_layout.addWidget(self.logs, 3)  # sets come several a week; notes now and then
        right_layout.addWidget(QLabel("Notes"))
        right_layout.addWidget(self.notes, 2)
        lists.addWidget(left)
        lists.addWidget(right)
        lists.setSizes([600, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.addLayout(heading_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addLayout(tools)
        layout.addWidget(lists, 1)
        layout.addWidget(self.status)

    def refresh(self) -> None:
        sessions = sorted(self.journal.sessions(), key=lambda s: s.started_at, reverse=True)
        points = soreness_series(sessions)
        today = self._today()
        self.chart.set_data(points, sessions_per_week([s.day for s in sessions], 12, today))
        finished = sum(1 for s in sessions if s.completed)
        self.summary.setText(
            f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}, {finished} finished."
            if sessions
            else "Nothing here yet: your sessions and how they felt will appear after your first lesson."
        )
        self.sessions.clear()
        for session in sessions:
            item = QListWidgetItem(describe(session))
            item.setData(Qt.ItemDataRole.UserRole, session.id)
            self.sessions.addItem(item)
        self.notes.clear()
        for note in sorted(self.journal.notes(), key=lambda n: n.day, reverse=True):
            item = QListWidgetItem(f"{note.day:%a %d %b %Y}\n{note.text}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)
        self.logs.clear()
        for log in sorted(self.journal.exercise_logs(), key=lambda g: g.day, reverse=True):
            item = QListWidgetItem(describe_log(log, self._exercise_name(log.exercise_id)))
            item.setData(Qt.ItemDataRole.UserRole, log.id)
            self.logs.addItem(item)
        self._filter(self.search.text())

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for widget in (self.sessions, self.logs, self.notes):
            for row in range(widget.count()):
                item = widget.item(row)
                item.setHidden(bool(needle) and needle not in item.text().lower())

    def _selected(self) -> tuple[str, QListWidgetItem] | None:
        """The table and item to delete: the list with focus first, else any with a selection."""
        lists = {SESSIONS: self.sessions, LOGS: self.logs, NOTES: self.notes}
        ordered = sorted(lists.items(), key=lambda pair: not pair[1].hasFocus())
        for table, listing in ordered:
            item = listing.currentItem()
            if item is not None and item.isSelected():
                return table, item
        return None

    def _edit_log(self, item: QListWidgetItem | None) -> None:
        """Correct a logged set (Enter or a double click): sets, reps, side, load, soreness."""
        log_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        log = next((g for g in self.journal.exercise_logs() if g.id == log_id), None)
        if log is None:
            return
        changed = self._ask_log(self, self._exercise_name(log.exercise_id), log)
        if changed is None:
            return
        self._change(
            lambda: self.journal.update_exercise_log(changed),
            f"Corrected the set of {log.day:%a %d %b}",
            "The set was not changed",
        )

    def _correct_ratings(self, item: QListWidgetItem | None) -> None:
        session = self._session_of(item)
        if session is None:
            self.status.say("Select a session to correct its ratings.")
            return
        changed = self._ask_ratings(self, session)
        if changed is None or changed == session:
            return
        self._change(
            lambda: self.journal.correct_session(changed),
            f"Corrected the ratings of {session.day:%a %d %b}",
            "The ratings were not changed",
        )

    def _session_of(self, item: QListWidgetItem | None) -> SessionEntry | None:
        session_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((s for s in self.journal.sessions() if s.id == session_id), None)

    def _change(self, write: Callable[[], Removed | Replaced], what: str, refused: str) -> None:
        """Write a change the learner may take back; once it is on disk, show it and say how to
        undo it (``_done``); refused, say why (the page still shows the records as they are)."""
        self.status.say("Saving…")
        self._when.write_behind(
            self.journal,
            write,
            lambda change: self._done(change, what),
            lambda exc: self.status.say(f"{refused}: {refusal_in_words(exc)}"),
        )

    def _done(self, change: Removed | Replaced, what: str) -> None:
        """A change the learner may take back, on disk: refresh, and say how."""
        self._undoable.append((change, what))
        self.undo_button.show()
        self.refresh()
        self.status.say(f"{what}. Undo (Ctrl+Z) takes it back.")

    def forget_undo(self) -> None:
        """The records changed under the view (a backup was put back): nothing to take back."""
        self._undoable.clear()
        self.undo_button.hide()

    def _delete(self) -> None:
        chosen = self._selected()
        if chosen is None:
            self.status.say("Select a session, set or note to delete.")
            return
        table, item = chosen
        what = item.text().splitlines()[0]
        record_id = item.data(Qt.ItemDataRole.UserRole)
        self._change(
            lambda: self.journal.remove(table, record_id), f"Deleted {what}", "Could not delete it"
        )

    def _undo(self) -> None:
        """Take back the last change; it leaves the list at once, so a second Ctrl+Z pressed
        while the first is being written takes back the one before, not the same one twice."""
        if not self._undoable:
            return
        change, what = taken = self._undoable.pop()
        self.undo_button.setVisible(bool(self._undoable))
        self.status.say("Saving…")

        def undone(_: None) -> None:
            self.refresh()
            self.status.say(f"Undone: {what[0].lower()}{what[1:]}.")

        def refused(exc: Exception) -> None:
            self._undoable.append(taken)  # still there to take back once the disk allows
            self.undo_button.show()
            self.status.say(f"Could not undo it ({refusal_in_words(exc)}).")

        self._when.write_behind(self.journal, lambda: self.journal.undo(change), undone, refused)

    def _edit_session_note(self, item: QListWidgetItem | None) -> None:
        session = self._session_of(item)
        if session is None:
            return
        key = session_note_key(session.id)
        text = self.note_editing.ask(f"Note for {session.lesson_title}", key, session.note)
        if text is None:
            return
        changed = text.strip() != session.note

        def saved(earlier: Removed | Replaced) -> None:
            if changed:
                self._done(earlier, f"Changed the note of {session.day:%a %d %b}")
            else:
                self.status.say("Note saved.")

        self.note_editing.save(
            key, text, lambda: self.journal.update_session_note(session.id, text.strip()), saved
        )

    def _edit_free_note(self, item: QListWidgetItem | None) -> None:
        """Enter (or a double click) on a dated note changes its words; its day stays."""
        note_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        note = next((n for n in self.journal.notes() if n.id == note_id), None)
        if note is None:
            return
        key = note_key(note.id)
        text = self.note_editing.ask(f"Note of {note.day:%a %d %b %Y}", key, note.text)
        if text is None:
            return
        if text.strip() == note.text:  # nothing changed: no draft to keep
            self.note_editing.drop(key)
            return
        self.note_editing.save(
            key,
            text,
            lambda: self.journal.update_note(note.id, text.strip()),
            lambda earlier: self._done(earlier, f"Changed the note of {note.day:%a %d %b}"),
        )

    def _add_note(self) -> None:
        text = self.note_editing.ask("A note for today", NEW_NOTE, "")
        if not text or not text.strip():
            return
        note = Note(self._today(), text.strip())

        def saved(_: object) -> None:
            self.refresh()
            self.status.say("Note saved.")

        self.note_editing.save(NEW_NOTE, text, lambda: self.journal.add_note(note), saved)

    def _export(self, kind: str) -> None:
        """Written (and fsynced) on the journal's writer, after every change asked before it,
        so the file holds them all; a slow stick or network folder never holds the window."""
        suggested = f"seesaw-journal-{self._today():%Y-%m-%d}.{kind}"
        title = "Export sessions as CSV" if kind == "csv" else "Export a report"
        chosen = self._save_dialog(self, title, str(Path.home() / suggested))
        if not chosen:
            return
        path = Path(chosen)
        export = self.journal.export_csv if kind == "csv" else self.journal.export_markdown
        self.status.say(f"Writing {path.name}…")
        self._when.write_behind(
            self.journal,
            lambda: export(path),
            lambda _: self.status.say(f"Saved {path}"),
            lambda exc: self.status.say(f"Could not export to {path}: {refusal_in_words(exc)}"),
            refusals=(OSError, ValueError),
        )
