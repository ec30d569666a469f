"""The library: today's lesson to resume first, then every lesson by group.

Each row says what a learner needs to choose: level, position, length, and whether it is done or
in progress. Rows are real list items, so arrow keys and Enter work without a mouse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.library.listing import Library, LibraryEntry
from lesson_engine.script.durations import format_clock
from lesson_engine.session.resume import ResumeOffer
from ui.desktop.widgets.shortcuts import bind

IMPORT_BUTTON = "Import a lesson pack…"
"""The library's button, named here so that what points learners to it (Make pack's message)
says it exactly; the import itself (``pack_import``, with Qt's file dialog) loads after the first
paint."""


def resume_text(offer: ResumeOffer) -> str:
    return (
        f"Resume <b>{offer.title}</b> at <b>{offer.section_title}</b> "
        f"({format_clock(offer.position_ms)} of {format_clock(offer.total_ms)})"
    )


def minutes(ms: int) -> str:
    return f"{max(1, round(ms / 60_000))} min"


class LibraryView(QWidget):
    start_requested = Signal(str)  # lesson id
    resume_requested = Signal(str)  # lesson id
    discard_resume = Signal(str)  # lesson id
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Lesson library")
        self._resume: ResumeOffer | None = None

        self.resume_card = QFrame()
        self.resume_card.setProperty("role", "card")
        self.resume_text = QLabel()
        self.resume_text.setTextFormat(Qt.TextFormat.RichText)
        self.resume_text.setWordWrap(True)
        self.resume_text.setStyleSheet("font-size: 15pt;")
        self.resume_button = QPushButton("Resume")
        self.resume_button.setProperty("role", "primary")
        self.resume_button.setToolTip("Resume where you stopped (Ctrl+R)")
        self.resume_button.setAccessibleName("Resume the unfinished lesson")
        self.start_over = QPushButton("Start over")
        self.start_over.setAccessibleName("Forget where I stopped and start over")
        self.start_over.setToolTip("Forget the saved place and start the lesson from the beginning")
        card = QHBoxLayout(self.resume_card)
        card.setContentsMargins(18, 14, 18, 14)
        card.addWidget(self.resume_text, 1)
        card.addWidget(self.start_over)
        card.addWidget(self.resume_button)
        self.resume_button.clicked.connect(
            lambda: self._resume and self.resume_requested.emit(self._resume.lesson_id)
        )
        self.start_over.clicked.connect(self._start_over)
        bind(self, "Ctrl+R", self.resume_button.click)
        self.resume_card.hide()

        heading = QLabel("Lessons")
        heading.setProperty("role", "title")
        hint = QLabel("Choose a lesson and press Enter. Rest whenever you need; Space pauses.")
        hint.setProperty("role", "muted")
        self.import_button = QPushButton(IMPORT_BUTTON)
        self.import_button.setToolTip(
            "Add lessons from a pack (.zip) an instructor shared; you can also drop it on the window"
        )
        self.import_button.setAccessibleName("Import a lesson pack")
        self.import_button.clicked.connect(self.import_requested)
        self.list = QListWidget()
        self.list.setAccessibleName("Lessons")
        self.list.setSpacing(2)
        self.list.setStyleSheet("font-size: 13pt;")
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemActivated.connect(self._activated)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setProperty("role", "muted")
        self.problems.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.addWidget(self.resume_card)
        layout.addSpacing(6)
        heading_row = QHBoxLayout()
        heading_row.addWidget(heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.import_button)
        layout.addLayout(heading_row)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problems)

    def show_library(self, library: Library, status: dict[str, str]) -> None:
        """``status`` maps lesson ids to "done" or "in progress"."""
        self.list.clear()
        for group, entries in library.groups():
            header = QListWidgetItem(group)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setPointSize(15)
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for entry in entries:
                self._add_row(entry, status.get(entry.id, ""))
        first = next(
            (
                self.list.item(i)
                for i in range(self.list.count())
                if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
            ),
            None,
        )
        if first:
            self.list.setCurrentItem(first)
        if library.problems:
            names = ", ".join(p.path.name for p in library.problems)
            self.problems.setText(
                f"Some lesson files have errors and are not listed: {names}. Run 'seesaw check' on them to see why."
            )
            self.problems.show()
        else:
            self.problems.hide()

    def show_placeholder(self, text: str) -> None:
        """A line in place of the lessons while they are being read (a first start, an update)."""
        self.list.clear()
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(item)

    @property
    def resume_offer(self) -> ResumeOffer | None:
        """The saved place offered at the top, if any."""
        return self._resume

    def show_resume(self, offer: ResumeOffer | None) -> None:
        self._resume = offer
        if offer is None:
            self.resume_card.hide()
            return
        self.resume_text.setText(resume_text(offer))
        self.resume_card.show()

    def _add_row(self, entry: LibraryEntry, status: str) -> None:
        header = entry.header
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, entry.id)
        details = " · ".join(
            p for p in (header.level.capitalize(), header.position, minutes(entry.length_ms)) if p
        )
        if status:
            details += f" · {status}"
        if entry.origin != "Seesaw":
            by = f" by {header.author}" if header.author and entry.origin != header.author else ""
            details += f" · from {entry.origin}{by}"
        item.setText(f"{header.title}\n{details}")
        item.setToolTip(header.summary or header.title)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole, f"{header.title}. {details}. {header.summary}"
        )
        self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        lesson_id = item.data(Qt.ItemDataRole.UserRole)
        if lesson_id:
            self.start_requested.emit(lesson_id)

    def _start_over(self) -> None:
        if self._resume:
            lesson_id = self._resume.lesson_id
            self.discard_resume.emit(lesson_id)
            self.start_requested.emit(lesson_id)
