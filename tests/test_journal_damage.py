"""Damaged files are moved aside, never deleted; the last good copy is loaded and the learner told."""

from __future__ import annotations

import errno
import os
from datetime import date
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
    # the backup (here: none yet, the year's first file) and the backup's change log rebuild it
    assert notes == ["first", "second"]
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


def test_a_full_disk_refusing_a_change_leaves_memory_and_disk_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])  # part of the line lands, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(2, note="logged"))
        log = (folder / "2026.log").read_bytes()
        monkeypatch.setattr(os, "write", full_disk)
        with pytest.raises(OSError, match="No space left"):
            journal.add_session(session(0, note="refused"))
        monkeypatch.undo()
        assert [s.note for s in journal.sessions()] == ["first", "logged", "second"]
        assert (folder / "2026.log").read_bytes() == log  # the torn half was cut away
        journal.add_session(session(0, note="after"))  # and the next change follows whole
    with Journal.open(folder, now=clock()) as journal:
        assert [s.note for s in journal.sessions()] == ["first", "logged", "second", "after"]
        assert journal.report.clean
    assert not list(folder.glob(".*.tmp"))


def test_a_full_disk_when_folding_the_log_in_loses_nothing(
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
        journal.add_session(session(0, note="third"))
        monkeypatch.setattr(atomic_file.os, "replace", full_disk)
    monkeypatch.undo()
    assert (folder / "2026.json").read_bytes() == before  # closing could not fold the log in
    assert not list(folder.glob(".*.tmp"))
    with Journal.open(folder, now=clock()) as journal:  # the log still held the change
        assert [s.note for s in journal.sessions()] == ["first", "second", "third"]


def test_damaged_checkpoint_falls_back_to_its_backup(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    with Journal.open(folder, now=clock()) as journal:
        journal.save_checkpoint({"lesson_id": "a", "position_ms": 1000})
        journal.save_checkpoint({"lesson_id": "a", "position_ms": 6000})
    (folder / "checkpoint.json").write_bytes(b'{"lesson_id": "a", "posi')
    with Journal.open(folder, now=clock()) as journal:
        saved = journal.load_checkpoint()
        (told,) = journal.report.messages  # not silently: the learner is told, the file kept
    assert saved is not None and saved["position_ms"] == 1000
    assert "place saved just before it is offered instead" in told
    (kept,) = folder.glob("checkpoint.damaged-*.json")
    assert kept.read_bytes() == b'{"lesson_id": "a", "posi'


def test_a_saved_place_of_nul_bytes_with_no_backup_is_kept_and_said(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    Journal.open(folder, now=clock()).close()
    (folder / "checkpoint.json").write_bytes(b"\x00" * 64)
    with Journal.open(folder, now=clock()) as journal:
        assert journal.load_checkpoint() is None
        (told,) = journal.report.messages
        assert "there is no place to continue from" in told
    assert [p.read_bytes() for p in folder.glob("checkpoint.damaged-*.json")] == [b"\x00" * 64]
    with Journal.open(folder, now=clock()) as again:  # told once
        assert again.report.clean


@pytest.mark.parametrize("stated", ['"two"', "0", "-3", "true", "null", "1.5"])
def test_a_version_file_with_no_usable_version_is_kept_and_the_journal_still_opens(
    tmp_path: Path, stated: str
) -> None:
    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    meta = folder / "meta.json"
    meta.write_text(f'{{"_default": {{"1": {{"schema": {stated}}}}}}}')
    with Journal.open(folder, now=clock()) as journal:
        assert [s.note for s in journal.sessions()] == ["first", "second"]
        (notice,) = journal.report.messages
        assert "not a version Seesaw knows" in notice
    (kept,) = folder.glob("meta.damaged-*.json")
    assert stated in kept.read_text()  # what it held is still there to look at
    with Journal.open(folder, now=clock()) as again:  # told once
        assert again.report.clean


@pytest.mark.parametrize(
    "meta", ['{"_default": {"1": "two"}}', '{"_default": {"1": [1]}}', '{"_default": {"1": 1}}']
)
def test_a_version_file_whose_record_is_no_record_does_not_stop_seesaw_starting(
    tmp_path: Path, meta: str
) -> None:
    """A hand-edited ``meta.json`` of the right outline but a wrong inside: once, "could not start"."""
    from lesson_engine.journal.backups import restore
    from lesson_engine.journal.check import check_journal
    from ui.desktop.app import open_journal

    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    (folder / "meta.json").write_text(meta)
    report = check_journal(folder)  # the check reads it without falling over...
    assert report.problems == 1 and any("not a journal version" in line for line in report.lines)
    journal, notices = open_journal(folder)  # ...and so does the start
    try:
        assert journal.folder == folder
        assert [s.note for s in journal.sessions()] == ["first", "second"]
        assert "not a version Seesaw knows" in notices[0]
    finally:
        journal.close()
    (kept,) = folder.glob("meta.damaged-*.json")
    assert kept.read_text() == meta
    day = min((folder / "backups").iterdir())  # a backup holding such a file can be put back
    (day / "meta.json").write_text(meta)
    restore(folder, date.fromisoformat(day.name), clock()())


def test_a_record_of_the_wrong_shape_is_set_aside_and_the_others_load(tmp_path: Path) -> None:
    """The note from a bug report: a day that is no date, which once crashed the Journal page."""
    import json

    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    year = folder / "2026.json"
    data = json.loads(year.read_text())
    data["notes"] = {"1": {"day": "yesterday", "text": "x"}}
    data["sessions"]["7"] = {"lesson_id": "weight-shift-1"}
    year.write_text(json.dumps(data))
    with Journal.open(folder, now=clock()) as journal:
        assert [s.note for s in journal.sessions()] == ["first", "second"]
        assert journal.notes() == []
        (notice,) = journal.report.messages
    assert notice.startswith("2 records in your journal could not be read, the first a session")
    aside = json.loads((folder / "set-aside.json").read_text())
    assert {(e["table"], e["id"], e["reason"]) for e in aside} == {
        ("sessions", "7", "'started_at' is missing"),
        ("notes", "1", "'day' is not a date: 'yesterday'"),
    }
    assert {"day": "yesterday", "text": "x"} in [e["record"] for e in aside]


def test_a_file_seesaw_may_not_read_is_not_treated_as_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from ui.desktop.app import open_journal

    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    year = folder / "2026.json"
    before = sorted(p.name for p in folder.iterdir())
    if os.geteuid() == 0:  # root reads any file: refuse this one at the read call instead
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "2026.json":
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        year.chmod(0)
    journal, notices = open_journal(folder)
    monkeypatch.undo()
    year.chmod(0o600)
    assert journal.folder is None  # in memory for now, and said so
    assert "not allowed to read" in notices[0] and "Nothing in it was changed" in notices[0]
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing renamed aside
    with Journal.open(folder, now=clock()) as again:  # permissions fixed: all of it is back
        assert [s.note for s in again.sessions()] == ["first", "second"]


def test_a_set_aside_file_that_holds_no_list_is_kept_not_written_over(tmp_path: Path) -> None:
    """What was set aside earlier stays somewhere: a set-aside file edited into an object too."""
    import json

    folder = tmp_path / "journal"
    journal_with_two_sessions(folder)
    earlier = '{"an earlier record": {"day": "yesterday", "text": "kept for a person to read"}}'
    (folder / "set-aside.json").write_text(earlier)
    year = folder / "2026.json"
    data = json.loads(year.read_text())
    data["notes"] = {"1": {"day": "not a day", "text": "x"}}
    year.write_text(json.dumps(data))
    with Journal.open(folder, now=clock()) as journal:
        assert [s.note for s in journal.sessions()] == ["first", "second"]
    (kept,) = folder.glob("set-aside.damaged-*.json")
    assert kept.read_text() == earlier
    (entry,) = json.loads((folder / "set-aside.json").read_text())
    assert entry["record"] == {"day": "not a day", "text": "x"}


@pytest.mark.parametrize("damage", ["not JSON", "a list"])
def test_a_drafts_file_that_cannot_be_read_is_kept_not_written_over(
    tmp_path: Path, damage: str
) -> None:
    """Words kept from an earlier crash stay on disk for a person to read; the learner is told."""
    folder = tmp_path / "journal"
    Journal.open(folder).close()
    raw = '{"note:new": "words from befo' if damage == "not JSON" else '["words from before"]'
    (folder / "drafts.json").write_text(raw)
    with Journal.open(folder) as journal:
        assert any("kept as drafts.damaged-" in m for m in journal.report.messages)
        journal.drafts.keep("note:new", "new words")  # a new draft is written...
        assert journal.drafts.get("note:new") == "new words"
    (kept,) = folder.glob("drafts.damaged-*.json")
    assert kept.read_text() == raw  # ...and the old words are still there


def test_a_drafts_file_seesaw_may_not_read_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    folder = tmp_path / "journal"
    Journal.open(folder).close()
    drafts = folder / "drafts.json"
    drafts.write_text('{"note:new": "words from before"}')
    real = Path.read_text

    def read_text(self: Path, *args, **kwargs) -> str:
        if self.name == "drafts.json":  # as chmod 0 would, for root too
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    with Journal.open(folder) as journal:
        assert any("could not be read" in m for m in journal.report.messages)
        journal.drafts.keep("note:new", "new words")  # kept in memory, this time only
        assert journal.drafts.get("note:new") == "new words"
    monkeypatch.undo()
    assert drafts.read_text() == '{"note:new": "words from before"}'
