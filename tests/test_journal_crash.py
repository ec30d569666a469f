"""Killing Seesaw at any moment loses nothing that was saved: 200 SIGKILLs mid-write."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from lesson_engine.journal.journal import Journal
from tests.journal_fixtures import clock

WRITER = r"""
import sys
from datetime import timedelta
from pathlib import Path
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from tests.journal_fixtures import clock, day, session

folder = Path(sys.argv[1])
journal = Journal.open(folder, now=clock())
n = len(journal.sessions())
position = (journal.load_checkpoint() or {}).get("position_ms", 0)
print("ready", flush=True)
while True:
    n += 1
    journal.add_session(session(1, note=f"s{n}"))
    print(f"session s{n}", flush=True)
    journal.add_note(Note(day(0), f"n{n}"))
    print(f"note n{n}", flush=True)
    for _ in range(3):
        position += 1000
        journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": position})
        print(f"checkpoint {position}", flush=True)
"""

KILLS = 200


def test_every_write_that_returned_survives_a_kill(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "journal"
    rng = random.Random(20261122)
    sessions: set[str] = set()
    notes: set[str] = set()
    last_checkpoint = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)], cwd=repo, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(0, 12)):  # then kill it in the middle of whatever comes next
            kind, value = child.stdout.readline().split()
            if kind == "session":
                sessions.add(value)
            elif kind == "note":
                notes.add(value)
            else:
                last_checkpoint = int(value)
        child.kill()
        child.wait()
        with Journal.open(folder, now=clock()) as journal:
            assert sessions <= {s.note for s in journal.sessions()}
            assert notes <= {n.text for n in journal.notes()}
            saved = journal.load_checkpoint()
            position = saved["position_ms"] if saved else 0
            assert position >= last_checkpoint  # writes are durable when they return
            last_checkpoint = max(last_checkpoint, position)
    assert len(sessions) > 50
