"""Damaged files are moved aside, never deleted; the last good copy is loaded and the learner told."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from lesson_engine import storage as atomic_file
from lesson_engine.journal.journal import Journal
from tests.journal_fixtures import clock, session

DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "NUL bytes": lambda data: b"\x00" * len(data),
    "invalid JSON": lambda data: data.replace(b"{", b"(", 1),
    "wrong shape": lambda _data: b'["not", "a", "journal"]',
    "empty": lambda _data: b"",
}


def journal_with_two_sessions(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(3, note="first"))
        journal.add_session(session(1, note="second"))


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_file_is_kept_aside_and_the_backup_loaded(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    main = folder / "2026.json"
    original = main.read_bytes()
    main.write_bytes(DAMAGE[kind](original))
    with Journal.open(folder, now=clock()) as journal:
        notes = [s.note for s in journal.sessions()]
        report = journal.report
    assert notes == ["first"]  # the backup holds the file as it was before the last write
    (aside,) = report.moved_aside
    assert aside.name == "2026.damaged-20261120-180000.json"
    assert aside.read_bytes() == DAMAGE[kind](original)
    assert "the last good copy was loaded" in report.messages[0]


def test_when_backup_is_damaged_too_both_are_kept_and_the_year_starts_empty(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    (folder / "2026.json").write_bytes(b"{broken")
    (folder / "2026.backup.json").write_bytes(b"\x00\x00")
    with Journal.open(folder, now=clock()) as journal:
        assert journal.sessions() == []
        report = journal.report
        journal.add_session(session(0, note="after the damage"))
    assert len(report.moved_aside) == 2 and all(p.exists() for p in report.moved_aside)
    assert "Both files were kept" in report.messages[0]
    assert {p.read_bytes() for p in report.moved_aside} == {b"{broken", b"\x00\x00"}


def test_a_clean_journal_reports_nothing(tmp_path: Path) -> None:
    journal_with_two_sessions(tmp_path / "journal")
    with Journal.open(tmp_path / "journal", now=clock()) as journal:
        assert journal.report.clean


def test_disk_full_between_write_and_rename_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    before = (folder / "2026.json").read_bytes()
    real_replace = atomic_file.os.replace

    def full_disk(src, dst):
        if str(dst).endswith("2026.json"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    with Journal.open(folder, now=clock()) as journal:
        monkeypatch.setattr(atomic_file.os, "replace", full_disk)
        with pytest.raises(OSError, match="No space left"):
            journal.add_session(session(0, note="third"))
        monkeypatch.undo()
        assert [s.note for s in journal.sessions()] == [
            "first",
            "second",
        ]  # memory follows the disk
    assert (folder / "2026.json").read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


def test_damaged_checkpoint_falls_back_to_its_backup(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    with Journal.open(folder, now=clock()) as journal:
        journal.save_checkpoint({"lesson_id": "a", "position_ms": 1000})
        journal.save_checkpoint({"lesson_id": "a", "position_ms": 6000})
    (folder / "checkpoint.json").write_bytes(b'{"lesson_id": "a", "posi')
    with Journal.open(folder, now=clock()) as journal:
        saved = journal.load_checkpoint()
    assert saved is not None and saved["position_ms"] == 1000
