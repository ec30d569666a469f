"""The comparison table at 800 px: columns named by school and source, names whole (wrapped),
and the detail panel below the table rather than squeezed beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_ui_exercises import view  # noqa: F401  (the page, as the app builds it)
from ui.desktop.exercises.view import ExercisesView


def headings(page: ExercisesView) -> list[str]:
    table = page.table
    return [table.horizontalHeaderItem(c).text() for c in range(1, table.columnCount())]


def test_columns_are_named_by_school_and_source_and_names_wrap_whole(
    qtbot,
    view: ExercisesView,  # noqa: F811
) -> None:
    first, second, third, fourth = headings(view)
    assert first.split("\n")[0] == "Movement" and "Fix Your IT Bands" in first.replace("\n", " ")
    assert all(h.split("\n")[0] == "Strength" for h in (second, third, fourth))
    assert "IT Band Syndrome" in third.replace("\n", " ")
    assert not any(h.startswith("S1") or "\nS" in h for h in headings(view))
    view.resize(744, 520)  # the page inside an 800×600 window
    view.show()
    qtbot.waitExposed(view)
    assert view.split.orientation() is Qt.Orientation.Vertical  # the panel goes below
    table = view.table
    row = next(i for i, e in enumerate(view.entries) if e.name.startswith("Standing side leg"))
    cell = table.visualRect(table.model().index(row, 0))
    qtbot.waitUntil(lambda: table.rowHeight(row) >= table.sizeHintForRow(row))
    assert cell.width() < table.fontMetrics().horizontalAdvance(view.entries[row].name)
    assert table.rowHeight(row) > table.fontMetrics().lineSpacing() * 1.5  # on two lines
    view.resize(1800, 900)
    qtbot.waitUntil(lambda: view.split.orientation() is Qt.Orientation.Horizontal)
