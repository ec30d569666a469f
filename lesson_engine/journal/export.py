"""Exports a runner can open in a spreadsheet or hand to a physiotherapist."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from datetime import date

from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry, Soreness
from lesson_engine.journal.trend import week_start


def _level(value: int | None) -> str:
    return "" if value is None else str(value)


def _where(soreness: Soreness) -> str:
    places = " and ".join(p.replace("-", " ") for p in soreness.places)
    return f"{places} ({soreness.side})" if places and soreness.side else places


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def to_csv(sessions: Sequence[SessionEntry], logs: Sequence[ExerciseLog]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "kind",
            "date",
            "what",
            "heard",
            "finished",
            "skipped sections",
            "soreness before",
            "soreness after",
            "where",
            "rests",
            "rested (min)",
            "sets",
            "reps",
            "hold (s)",
            "load",
            "note",
        ]
    )
    for s in sorted(sessions, key=lambda s: s.started_at):
        writer.writerow(
            [
                "session",
                s.day.isoformat(),
                s.lesson_title or s.lesson_id,
                f"{round(s.completed_fraction * 100)}%",
                "yes" if s.completed else "no",
                "; ".join(s.skipped_sections),
                _level(s.before.level),
                _level(s.after.level),
                _where(s.after) or _where(s.before),
                s.rests_taken,
                round(s.rested_ms / 60_000, 1),
                "",
                "",
                "",
                "",
                s.note,
            ]
        )
    for log in sorted(logs, key=lambda log: log.day):
        writer.writerow(
            [
                "exercise",
                log.day.isoformat(),
                log.exercise_id,
                "",
                "",
                "",
                "",
                _level(log.soreness),
                log.side or "",
                "",
                "",
                log.sets,
                log.reps or "",
                log.hold_s or "",
                log.load,
                log.note,
            ]
        )
    return out.getvalue()


def to_markdown(
    sessions: Sequence[SessionEntry],
    logs: Sequence[ExerciseLog],
    notes: Sequence[Note],
    today: date,
) -> str:
    ordered = sorted(sessions, key=lambda s: s.started_at)
    lines = [
        "# Seesaw journal",
        "",
        f"Exported {today:%d %B %Y}. Kept by the runner; not a clinical record.",
        "",
    ]
    if not ordered and not logs and not notes:
        return "\n".join([*lines, "Nothing recorded yet.", ""])
    weeks = Counter(week_start(s.day) for s in ordered)
    if ordered:
        first, last = ordered[0].day, ordered[-1].day
        finished = sum(1 for s in ordered if s.completed)
        lines += [
            "## Summary",
            "",
            f"- {_count(len(ordered), 'session')} from {first:%d %b %Y} to {last:%d %b %Y}; "
            f"{finished} finished.",
            f"- {_count(sum(1 for s in ordered if s.rests_taken), 'session')} with rests taken.",
            "",
            "## Sessions per week",
            "",
            "| week of | sessions |",
            "| --- | --- |",
            *(f"| {week:%d %b %Y} | {count} |" for week, count in sorted(weeks.items())),
            "",
            "## Soreness (0–10) before and after each session",
            "",
            "| date | lesson | before | after | where | note |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for s in ordered:
            note = s.note.replace("|", "/").replace("\n", " ")
            lines.append(
                f"| {s.day:%d %b %Y} | {s.lesson_title} | {_level(s.before.level) or '–'} | "
                f"{_level(s.after.level) or '–'} | {_where(s.after) or _where(s.before)} | {note} |"
            )
        lines.append("")
    if logs:
        lines += [
            "## Strength exercises",
            "",
            "| date | exercise | dose | load | soreness | note |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for log in sorted(logs, key=lambda log: log.day):
            dose = f"{log.sets} × {log.reps}" if log.reps else f"{log.sets} × {log.hold_s} s hold"
            lines.append(
                f"| {log.day:%d %b %Y} | {log.exercise_id} | {dose} | {log.load} | {_level(log.soreness) or '–'} | {log.note} |"
            )
        lines.append("")
    if notes:
        lines += ["## Notes", ""]
        lines += [f"- **{n.day:%d %b %Y}**: {n.text}" for n in sorted(notes, key=lambda n: n.day)]
        lines.append("")
    return "\n".join(lines)
