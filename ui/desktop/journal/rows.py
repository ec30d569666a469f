"""How a session and a strength set read in the Journal page's lists: one line, then the note."""

from __future__ import annotations

from lesson_engine.journal.records import ExerciseLog, SessionEntry
from lesson_engine.script.durations import format_clock
from ui.desktop.exercises.log_dialog import SIDE_NAMES


def describe(session: SessionEntry) -> str:
    before = "–" if session.before.level is None else str(session.before.level)
    after = "–" if session.after.level is None else str(session.after.level)
    done = "finished" if session.completed else f"{round(session.completed_fraction * 100)}% heard"
    rests = (
        f", {session.rests_taken} rest{'s' if session.rests_taken != 1 else ''} ({format_clock(session.rested_ms)})"
        if session.rests_taken
        else ""
    )
    line = f"{session.day:%a %d %b %Y}  ·  {session.lesson_title}  ·  {done}{rests}  ·  soreness {before} → {after}"
    if session.skipped_sections:
        line += f"\nskipped: {', '.join(session.skipped_sections)}"
    return line + (f"\n{session.note}" if session.note else "")


def describe_log(log: ExerciseLog, name: str) -> str:
    """A strength set as the learner logged it: what, how much, and how it felt."""
    count = f"{log.reps}" if log.reps is not None else f"{log.hold_s}\u00a0s"
    dose = f"{log.sets}\u00a0×\u00a0{count}"  # kept on one line when the list wraps
    parts = [f"{log.day:%a %d %b %Y}", name, dose]
    if log.side:
        parts.append(SIDE_NAMES[log.side].lower() if log.side in SIDE_NAMES else log.side)
    if log.load:
        parts.append(log.load)
    if log.soreness is not None:
        parts.append(f"soreness {log.soreness}")
    return "  ·  ".join(parts) + (f"\n{log.note}" if log.note else "")
