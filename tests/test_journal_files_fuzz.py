"""Seesaw starts whatever happened to the journal's other files: random damage to the version
file, the saved place, the drafts, the set-aside file, a daily backup and the programme's own
records, then the whole app built over it. Every undamaged session is listed, Today draws, and
no damaged file is thrown away."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, RUNS
from lesson_engine.journal.records import ProgrammeChoice, RunLog
from lesson_engine.paths import bundled_lessons_dir
from tests.journal_fixtures import NOW, clock, session
from ui.desktop.app import build
from ui.desktop.ports import SilentAudio

FILES = ("meta.json", "checkpoint.json", "drafts.json", "set-aside.json", "backup", "2026.json")
ODD = (
    b"",
    b"\x00" * 40,
    b"{",
    b"[]",
    b"null",
    b"7",
    b'"text"',
    b'{"_default": {"1": "two"}}',
    b'{"lesson_id": "weight-shift-1", "position_ms": "twelve"}',
    "\u00e9t\u00e9".encode("latin-1"),
)


def written(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        for n in range(3):
            journal.add_session(session(n + 1, note=f"session {n}"))
        journal.add(CHOICES, ProgrammeChoice(date(2026, 11, 2), "strength-first", 1))
        journal.add(RUNS, RunLog(date(2026, 11, 18), 15, pain_during=1, pain_after=1))
        journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": 1000})
        journal.drafts.keep("note:new", "half a sentence")
    (folder / "set-aside.json").write_text("[]")


def damage(folder: Path, which: str, odd: bytes, runs_field: str) -> Path | None:
    """Damage one file; returns the file whose bytes must still exist somewhere afterwards."""
    if which == "backup":
        (day_folder,) = (folder / "backups").iterdir()
        target = day_folder / "2026.json"
        target.write_bytes(odd)
        return None  # a backup is read only when asked for
    if which == "2026.json":  # one programme record retyped: set aside, the rest load
        data = json.loads((folder / "2026.json").read_text())
        data["runs"]["1"][runs_field] = json.loads(odd) if _json(odd) else odd.decode("latin-1")
        (folder / "2026.json").write_text(json.dumps(data))
        return None
    (folder / which).write_bytes(odd)
    return folder / which


def _json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.sampled_from(FILES),
    odd=st.sampled_from(ODD),
    runs_field=st.sampled_from(("day", "minutes", "routes", "pain_during", "walk_breaks")),
)
def test_seesaw_starts_lists_every_good_session_and_keeps_what_was_damaged(
    qtbot, tmp_path: Path, which: str, odd: bytes, runs_field: str
) -> None:
    base = tmp_path / "clean"
    if not base.exists():
        written(base)
    folder = tmp_path / "journal"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(base, folder)
    damaged = damage(folder, which, odd, runs_field)
    journal = Journal.open(folder, now=clock(NOW + timedelta(days=1)))
    try:
        app = build(
            journal=journal,
            audio=SilentAudio(),
            settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
            folders=[("Seesaw", bundled_lessons_dir())],
            today_is=lambda: date(2026, 11, 21),
        )
        qtbot.addWidget(app.window)
        assert sorted(s.note for s in journal.sessions()) == ["session 0", "session 1", "session 2"]
        assert app.today_view.shown is not None  # the programme survived, and Today drew
        app.today_view.grab()
        app.journal_view.grab()
        if damaged is not None and odd:  # the damaged bytes are kept, here or under another name
            kept = [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
            assert odd in kept or any(odd in b for b in kept), which
        app.window.close()
    finally:
        journal.close()
