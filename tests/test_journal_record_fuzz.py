"""One damaged record never costs the others: random damage to real journal files, read back.

A real journal is written on disk; then hypothesis damages some of its records (a field dropped,
retyped, given a date that is no date, a record replaced by another shape, a bad record number)
or the whole year file (NUL bytes, cut short). Seesaw must open it, list every record that was
not damaged, keep each damaged one in ``set-aside.json``, and draw the Journal page over what
loaded without raising.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import ExerciseLog, Note
from lesson_engine.journal.screening import SET_ASIDE_NAME
from tests.journal_fixtures import NOW, clock, day, session
from ui.desktop.journal.view import JournalView

TABLES = ("sessions", "exercise_logs", "notes")
ODD_VALUES = (None, 0, -1, 1.5, True, "", "yesterday", "2026-13-45", [], {}, "\x00", 10**30)


def written_journal(folder: Path) -> None:
    with Journal.open(folder, now=clock(), known_exercises={"clamshell"}) as journal:
        for n in range(4):
            journal.add_session(session(n + 1, note=f"session {n}"))
            journal.add_exercise_log(
                ExerciseLog("clamshell", day(n + 1), 2, reps=10, note=f"log {n}")
            )
            journal.add_note(Note(day(n + 1), f"note {n}"))


def damage_record(doc: dict[str, Any], how: str, key: str, value: Any) -> Any:
    if how == "drop":
        doc.pop(key, None)
        return doc
    if how == "retype":
        doc[key] = value
        return doc
    return value  # the record replaced by something else entirely


damages = st.lists(
    st.tuples(
        st.sampled_from(TABLES),
        st.integers(1, 4),
        st.sampled_from(("drop", "retype", "replace")),
        st.integers(0, 20),
        st.sampled_from(ODD_VALUES),
    ),
    min_size=1,
    max_size=6,
)


def contents(journal: Journal) -> dict[tuple[str, str], str]:
    """Every record the journal lists, by table and record number, as comparable text."""
    found = {("sessions", s.id): f"{s.note}:{s.started_at.isoformat()}" for s in journal.sessions()}
    found |= {("exercise_logs", log.id): f"{log.note}:{log.day}" for log in journal.exercise_logs()}
    return found | {("notes", n.id): f"{n.text}:{n.day}" for n in journal.notes()}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(damages)
def test_damaged_records_are_set_aside_and_every_other_record_loads(
    qtbot, tmp_path: Path, changes: list[tuple[str, int, str, int, Any]]
) -> None:
    folder = tmp_path / "journal"
    shutil.rmtree(folder, ignore_errors=True)
    written_journal(folder)
    with Journal.open(folder, now=clock()) as clean:
        everything = contents(clean)
    year_file = folder / f"{NOW.year}.json"
    data = json.loads(year_file.read_text())
    touched: set[tuple[str, str]] = set()
    for table, number, how, key_index, value in changes:
        doc_id = str(number)
        doc = data[table].get(doc_id)
        if not isinstance(doc, dict) or not doc:
            continue
        keys = sorted(doc)
        data[table][doc_id] = damage_record(doc, how, keys[key_index % len(keys)], value)
        touched.add((table, doc_id))
    if changes[0][2] == "replace" and changes[0][3] % 5 == 0:
        data["notes"]["not-a-number"] = {
            "day": "2026-11-01",
            "text": "a record number that is none",
        }
        touched.add(("notes", "not-a-number"))
    year_file.write_text(json.dumps(data))

    with Journal.open(folder, now=clock()) as journal:
        loaded = contents(journal)
        view = JournalView(journal)
        qtbot.addWidget(view)
        view.refresh()
        view.grab()  # drawn, as the Journal page is, over whatever loaded

    aside = (
        json.loads((folder / SET_ASIDE_NAME).read_text())
        if (folder / SET_ASIDE_NAME).exists()
        else []
    )
    set_aside = {(entry["table"], f"{NOW.year}-{entry['id']}") for entry in aside}
    damaged = {(table, f"{NOW.year}-{doc_id}") for table, doc_id in touched}
    for key, text in everything.items():
        if key not in damaged:
            assert loaded.get(key) == text  # every record that was not damaged, as it was
        else:
            assert key in loaded or key in set_aside  # a damaged one: read, or kept aside
    assert set_aside <= damaged
    assert all(entry["reason"] and "record" in entry for entry in aside)
    if aside:
        assert "set aside" in journal.report.messages[-1]
    with Journal.open(folder, now=clock()) as again:  # told once: the next start is clean
        assert contents(again) == loaded and again.report.clean


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(("nul", "cut")), st.floats(0.0, 0.95))
def test_a_year_file_cut_short_or_zeroed_is_rebuilt_from_its_backup_and_logs(
    tmp_path_factory, how: str, where: float
) -> None:
    folder = tmp_path_factory.mktemp("journal")
    written_journal(folder)
    with Journal.open(folder, now=clock()) as journal:
        journal.add_note(Note(NOW.date() - timedelta(days=0), "the newest note"))
        after_last_write = contents(journal)
    year_file = folder / f"{NOW.year}.json"
    raw = year_file.read_bytes()
    cut = int(len(raw) * where)
    year_file.write_bytes(raw[:cut] if how == "cut" else raw[:cut] + b"\x00" * (len(raw) - cut))
    with Journal.open(folder, now=clock()) as reopened:
        # the backup and the backup's change log (what made the year file from it): all of it
        assert contents(reopened) == after_last_write
        assert "damaged" in reopened.report.messages[0]
