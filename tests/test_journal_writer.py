"""One writer for every durable write: off the caller's thread, in order, flushed at close.

Through the real journal in a temporary folder and the real writer thread. Nothing here sleeps:
a job that waits on an ``Event`` holds the writer while the test looks, and futures say when a
write is done.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path
from unittest import mock

import pytest

from lesson_engine.journal.files import read_saved_place
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from lesson_engine.journal.writer import DurableWriter, WriterClosed
from tests.journal_fixtures import clock, day, refuse_writes, session


def held(writer: DurableWriter) -> threading.Event:
    """Hold ``writer`` until the returned event is set: what is asked meanwhile waits."""
    gate = threading.Event()
    writer.submit(gate.wait)
    return gate


def test_every_fsync_leaves_the_callers_thread_and_the_writes_keep_their_order(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "journal"
    synced_on: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced_on.append(threading.current_thread().name)
        real_fsync(fd)

    journal = Journal.open(folder, now=clock())
    journal.attach(DurableWriter())
    with mock.patch.object(os, "fsync", fsync):
        for n in range(1, 31):
            journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": n * 1000})
            if n % 10 == 0:
                journal.later(lambda n=n: journal.add_note(Note(day(0), f"note {n}")))
        assert journal.load_checkpoint()["position_ms"] == 30_000  # at once, from memory
        journal.flush()
    assert synced_on and set(synced_on) == {"seesaw-writer"}
    assert read_saved_place(folder)["position_ms"] == 30_000  # the last one asked is the last
    assert [n.text for n in journal.notes()] == ["note 10", "note 20", "note 30"]
    journal.close()


def test_the_writer_runs_what_is_asked_in_the_order_it_was_asked() -> None:
    writer = DurableWriter()
    done: list[int] = []
    gate = held(writer)
    futures = [writer.submit(lambda n=n: done.append(n) or n) for n in range(200)]
    assert done == []  # held: nothing ran on the asking thread
    gate.set()
    assert [f.result() for f in futures] == list(range(200))
    assert done == list(range(200))
    writer.close()
    with pytest.raises(WriterClosed):
        writer.submit(lambda: None)


def test_closing_the_journal_writes_everything_still_queued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journal"
    journal = Journal.open(folder, now=clock())
    writer = DurableWriter()
    journal.attach(writer)
    gate = held(writer)
    closing = writer.close

    def close() -> None:  # the writer is let go only once the journal asks it to finish
        gate.set()
        closing()

    monkeypatch.setattr(writer, "close", close)
    journal.later(lambda: journal.add_session(session(1, note="queued")))
    journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": 7000})
    journal.drafts.keep("note:new", "words being typed")
    assert read_saved_place(folder) is None  # all of it still waits behind the held job
    journal.close()
    with Journal.open(folder, now=clock()) as again:
        assert [s.note for s in again.sessions()] == ["queued"]
        assert again.load_checkpoint()["position_ms"] == 7000
        assert again.drafts.get("note:new") == "words being typed"
    gate.set()


def test_a_write_the_disk_refuses_says_why_and_memory_follows_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal.open(tmp_path / "journal", now=clock())
    journal.attach(DurableWriter())
    allow = refuse_writes(monkeypatch, code=errno.EROFS)
    note = journal.later(lambda: journal.add_note(Note(day(0), "refused")))
    place = journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": 5000})
    for refused in (note, place):
        problem = refused.exception()
        assert isinstance(problem, OSError) and problem.errno == errno.EROFS
    assert journal.notes() == []
    allow()
    saved = journal.later(lambda: journal.add_note(Note(day(0), "after")))
    assert saved.result().text == "after"
    journal.close()


def test_an_idle_writer_folds_the_change_logs_in(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal = Journal.open(folder, now=clock())
    writer = DurableWriter()
    journal.attach(writer)
    journal.later(lambda: journal.add_note(Note(day(0), "logged"))).result()
    assert (folder / "2026.log").exists() and not (folder / "2026.json").exists()
    writer.submit(writer.on_idle).result()  # what the writer runs after IDLE_S without work
    assert (folder / "2026.json").exists() and not (folder / "2026.log").exists()
    journal.close()
