"""The session rules, in the engine: what a check-in keeps, what a saved place holds, what is
settled after a crash, which lesson is done or in progress, and what the library offers to resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry
from lesson_engine.library.listing import load_library
from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.session.record import (
    CheckIn,
    SessionDraft,
    completed_fraction,
    is_a_session,
    is_finished,
    session_entry,
)
from lesson_engine.session.resume import offer_to_resume
from lesson_engine.session.saved_place import SavedPlace, entry_for_finished, place_to_save
from lesson_engine.session.status import DONE, IN_PROGRESS, lesson_status

START = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def checkpoint(state: str = "paused", position_ms: int = 30_000, **extra: int) -> Checkpoint:
    return Checkpoint(
        lesson_id="weight-shift-1",
        digest="abc",
        position_ms=position_ms,
        cue_id="lifting-the-knee/1",
        cue_index=4,
        section_index=1,
        section_title="Lifting the knee",
        state=state,
        **extra,
    )


def draft(ended_at: datetime | None = None, completed: bool = False) -> SessionDraft:
    before = CheckIn(4, ("outside-knee",), "right")
    return SessionDraft("Weight shift 1", START, before, ended_at, completed)


def test_a_saved_check_in_keeps_only_what_the_journal_accepts() -> None:
    saved = {"soreness": 11, "places": ["hip", "elbow", 3], "side": "up", "note": "x" * 6000}
    checkin = CheckIn.from_dict(saved)
    assert checkin == CheckIn(None, ("hip",), None, "x" * 5000)
    assert CheckIn.from_dict({"soreness": True}).soreness is None  # JSON true is not a rating
    assert CheckIn.from_dict("not a mapping") == CheckIn()


def test_a_saved_place_comes_back_as_it_was_saved_through_the_journal(tmp_path: Path) -> None:
    place = SavedPlace(checkpoint(rests_taken=1, rested_ms=60_000), draft())
    with Journal.open(tmp_path / "journal") as journal:
        journal.save_checkpoint(place.to_dict())
    with Journal.open(tmp_path / "journal") as journal:
        assert SavedPlace.from_dict(journal.load_checkpoint(), START) == place


def test_an_unreadable_place_is_no_place_and_an_unreadable_session_keeps_what_it_can() -> None:
    assert SavedPlace.from_dict({"lesson_id": "x", "position_ms": "soon"}, START) is None
    assert SavedPlace.from_dict(None, START) is None
    session = {"started_at": "yesterday", "before": {"soreness": 6}, "completed": True}
    place = SavedPlace.from_dict(checkpoint().to_dict() | {"session": session}, START)
    assert place is not None
    assert (place.draft.started_at, place.draft.before.soreness, place.draft.completed) == (
        START,
        6,
        True,
    )


def test_a_place_saved_by_the_previous_release_still_loads() -> None:
    saved = {
        "version": 1,
        "lesson_id": "weight-shift-1",
        "digest": "abc",
        "position_ms": 30_000,
        "cue_id": "lifting-the-knee/1",
        "cue_index": 4,
        "section_index": 1,
        "section_title": "Lifting the knee",
        "state": "paused",
        "rests_taken": 1,
        "rested_ms": 60_000,
        "furthest_ms": 30_000,
        "session": {
            "started_at": "2026-11-02T07:30:00+00:00",
            "before": {"soreness": 4, "places": ["outside-knee"], "side": "right", "note": ""},
            "title": "Weight shift 1",
        },
        "saved_at": "2026-11-02T07:45:00+00:00",
    }
    place = SavedPlace.from_dict(saved, START + timedelta(days=1))
    assert place == SavedPlace(
        checkpoint(rests_taken=1, rested_ms=60_000, furthest_ms=30_000), draft()
    )


def test_the_place_saved_at_the_end_says_when_and_whether_the_lesson_was_completed() -> None:
    ended = START + timedelta(minutes=18)
    playing = place_to_save(checkpoint("playing"), draft(), now=ended, completed=False)
    assert playing.draft.ended_at is None
    done = place_to_save(checkpoint("finished"), draft(), now=ended, completed=True)
    assert (done.draft.ended_at, done.draft.completed) == (ended, True)


def test_the_share_is_what_was_heard_and_finished_needs_the_end_and_half_of_it() -> None:
    assert completed_fraction(30_000, 120_000) == 0.25
    assert completed_fraction(500_000, 120_000) == 1.0  # never more than all of it
    assert is_finished(True, 60_000, 120_000)
    assert not is_finished(True, 59_999, 120_000)  # skipped to the end
    assert not is_finished(False, 120_000, 120_000)  # heard it all, but stopped before the end


def test_a_start_left_at_once_with_nothing_typed_is_not_a_session() -> None:
    assert not is_a_session(False, 59_999, CheckIn(), CheckIn())
    assert is_a_session(False, 60_000, CheckIn(), CheckIn())
    assert is_a_session(False, 5_000, CheckIn(3), CheckIn())  # rated before: kept
    assert is_a_session(False, 5_000, CheckIn(), CheckIn(note="knee hurt, stopped"))
    assert is_a_session(True, 5_000, CheckIn(), CheckIn())


def test_the_session_entry_carries_both_check_ins_and_the_rests() -> None:
    entry = session_entry(
        lesson_id="weight-shift-1",
        draft=draft(),
        ended_at=START + timedelta(minutes=20),
        reached_end=False,
        heard_ms=60_000,
        total_ms=240_000,
        rests_taken=2,
        rested_ms=90_000,
        after=CheckIn(2, note="Easier after the rest."),
    )
    assert (entry.before.level, entry.before.places, entry.after.level) == (4, ("outside-knee",), 2)
    assert (entry.note, entry.rests_taken, entry.completed_fraction) == (
        "Easier after the rest.",
        2,
        0.25,
    )


def test_a_finished_lesson_never_checked_out_becomes_its_journal_entry() -> None:
    ended = START + timedelta(minutes=18)
    place = SavedPlace(
        checkpoint("finished", 200_000, rests_taken=1, heard_ms=190_000),
        draft(ended_at=ended, completed=True),
    )
    entry = entry_for_finished(place, title="Weight shift 1", total_ms=200_000, now=START)
    assert entry is not None
    assert (entry.completed, entry.completed_fraction, entry.ended_at) == (True, 0.95, ended)
    assert entry.before.level == 4 and entry.rests_taken == 1
    unfinished = SavedPlace(checkpoint("paused"), draft())
    assert entry_for_finished(unfinished, title=None, total_ms=None, now=START) is None


def test_status_is_done_after_a_completed_session_and_in_progress_while_a_place_is_saved() -> None:
    done = SessionEntry("set-clamshell", "Clamshell", START, START, True, 1.0)
    stopped = SessionEntry("pelvic-seesaw-1", "Seesaw 1", START, START, False, 0.4)
    saved = SavedPlace(checkpoint(), draft()).to_dict()
    assert lesson_status([done, stopped], saved) == {
        "set-clamshell": DONE,
        "weight-shift-1": IN_PROGRESS,
    }
    finished = SavedPlace(checkpoint("finished"), draft()).to_dict()
    assert lesson_status([], finished) == {}


def test_the_library_offers_to_resume_a_listed_unfinished_lesson_only(repo: Path) -> None:
    library = load_library([("Seesaw", repo / "tests/data")])
    offer = offer_to_resume(SavedPlace(checkpoint(), draft()).to_dict(), library)
    assert offer is not None
    assert (offer.lesson_id, offer.section_title, offer.position_ms) == (
        "weight-shift-1",
        "Lifting the knee",
        30_000,
    )
    assert offer_to_resume(SavedPlace(checkpoint("finished"), draft()).to_dict(), library) is None
    gone = SavedPlace(Checkpoint("deleted", "d", 0, "c", 0, 0, "S", "paused"), draft())
    assert offer_to_resume(gone.to_dict(), library) is None


def test_a_session_the_journal_refuses_never_costs_the_ones_waiting_for_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace as changed

    from lesson_engine.session.pending import PendingSessions
    from tests.journal_fixtures import clock, refuse_writes, session

    settled: list[str] = []
    pending = PendingSessions()
    with Journal.open(tmp_path / "journal", now=clock()) as journal:
        allow = refuse_writes(monkeypatch)
        good = session(1, note="kept")
        assert pending.store(journal, good, lambda: settled.append("good")) is None
        bad = changed(session(0, note="impossible"), completed_fraction=2.0)
        assert pending.store(journal, bad, lambda: settled.append("bad")) is None
        assert len(pending) == 2 and pending.problem == "the disk is full"
        allow()
        (stored,) = pending.retry(journal)
        assert stored.note == "kept" and settled == ["good"]
        ((refused, reason),) = pending.refused
        assert refused is bad and "between 0 and 1" in reason
        assert [s.note for s in journal.sessions()] == ["kept"] and len(pending) == 0


def test_sections_skipped_before_a_crash_on_the_check_out_are_still_recorded() -> None:
    ended = START + timedelta(minutes=18)
    done = place_to_save(
        checkpoint("finished"),
        draft(),
        now=ended,
        completed=True,
        skipped_sections=("Lifting the knee",),
    )
    stored = done.to_dict()  # what the disk holds when Seesaw crashes on the check-out form
    again = SavedPlace.from_dict(stored, ended + timedelta(hours=1))
    assert again is not None
    entry = entry_for_finished(again, title=None, total_ms=None, now=ended + timedelta(hours=1))
    assert entry is not None and entry.skipped_sections == ("Lifting the knee",)
