"""Choosing a programme: each bundled one as a card, its phases and its sources, one button.

Shown on Today until a programme is chosen, and again from "Change programme…". A switch keeps
every record: the journal keeps each choice, and the new programme starts at the phase picked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.programme.model import Programme, School

SCHOOL_WORDS = {
    School.MOVEMENT: "Movement and coordination",
    School.STRENGTH: "Strength and stability",
    School.COMBINED: "Both schools",
}
ORDER = (School.MOVEMENT, School.STRENGTH, School.COMBINED)
"""One school, then the other, then both: the order the comparison presents them."""


class ProgrammeChooser(QWidget):
    chosen = Signal(str, int, int)
    """Programme id, the phase to start at (0 for the first), usual weekly minutes (0: not said)."""
    cancelled = Signal()

    def __init__(self, programmes: Sequence[Programme], current: str | None = None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Choose a programme" if current is None else "Change programme")
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel(
            "A programme plans each week from the first lesson back to running, and moves on "
            "only when your knee allows. You can change it at any time; your journal is kept."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)
        usual_row = QHBoxLayout()
        usual_label = QLabel("Minutes you ran in a usual week before the pain (optional):")
        usual_label.setWordWrap(True)
        self.usual = QSpinBox()
        self.usual.setRange(0, 3000)
        self.usual.setSpecialValueText("not said")
        self.usual.setSuffix(" min")
        self.usual.setAccessibleName("Minutes of running in a usual week before the pain")
        usual_label.setBuddy(self.usual)
        usual_row.addWidget(usual_label, 1)
        usual_row.addWidget(self.usual)
        layout.addLayout(usual_row)
        self.cards: dict[str, QFrame] = {}
        for programme in sorted(programmes, key=lambda p: (ORDER.index(p.school), p.title)):
            card = self._card(programme, programme.id == current)
            self.cards[programme.id] = card
            layout.addWidget(card)
        if current is not None:
            back = QPushButton("Keep the programme I have")
            back.setAccessibleName("Keep the programme I have")
            back.clicked.connect(self.cancelled.emit)
            layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _card(self, programme: Programme, is_current: bool) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 16, 20, 16)
        name = QLabel(programme.title + ("  (yours now)" if is_current else ""))
        name.setProperty("role", "heading")
        box.addWidget(name)
        summary = QLabel(programme.summary)
        summary.setWordWrap(True)
        box.addWidget(summary)
        phases = " → ".join(
            f"{p.title} ({p.weeks_min}{'–' + str(p.weeks_max) if p.weeks_max else '+'} wk)"
            for p in programme.phases
        )
        follows = f", following {' and '.join(programme.sources)}" if programme.sources else ""
        steps = QLabel(f"{SCHOOL_WORDS[programme.school]}{follows}. {phases}")
        steps.setWordWrap(True)
        steps.setProperty("role", "muted")
        box.addWidget(steps)
        row = QHBoxLayout()
        start_at = QComboBox()
        start_at.setAccessibleName(f"Start {programme.title} at phase")
        for index, phase in enumerate(programme.phases):
            start_at.addItem(f"Start at: {phase.title}", index)
        follow = QPushButton(f"Follow {programme.title}")
        follow.setProperty("role", "primary")
        follow.setAccessibleName(f"Follow {programme.title}")
        follow.clicked.connect(
            lambda: self.chosen.emit(programme.id, start_at.currentData(), self.usual.value())
        )
        row.addWidget(start_at)
        row.addStretch(1)
        row.addWidget(follow)
        box.addLayout(row)
        return card
