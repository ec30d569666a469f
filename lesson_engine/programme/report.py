"""A report for a clinician: the programme, where the runner is in it, the runs with the pain they
brought and when it started, the decisions and their reasons, and how much of the plan was done.

Markdown, so it reads as plain text in an e-mail and the app can turn the same text into a PDF
(Qt's PDF writer). Written from the same series the Today page charts (``outcomes``).
"""

from __future__ import annotations

from datetime import date

from lesson_engine.programme.history import History
from lesson_engine.programme.outcomes import onsets, weeks
from lesson_engine.programme.progress import Standing
from lesson_engine.programme.today import Today


def _rating(value: int | None) -> str:
    return "–" if value is None else str(value)


def report_markdown(shown: Today, history: History, made_on: date) -> str:
    s: Standing = shown.standing
    lines = [
        f"# Running rehabilitation report — {made_on:%d %B %Y}",
        "",
        f"**Programme:** {s.programme.title} (since {s.choice.day:%d %B %Y}, week "
        f"{shown.week_number})  ",
        f"**Phase now:** {s.phase.title}  ",
    ]
    if s.choice.usual_weekly_minutes:
        lines.append(
            f"**Usual running before the pain:** {s.choice.usual_weekly_minutes} min a week  "
        )
    limits = s.programme.thresholds
    lines += [
        f"**Rules:** a run counts as easy with pain at most {limits.acceptable_pain}/10 during and "
        f"after, no pain starting and no worse next morning; {limits.easy_runs} easy runs step "
        f"up; pain above {limits.step_back_pain}/10 or starting earlier steps back.",
        "",
    ]
    if shown.clinician:
        lines += [f"> {shown.clinician}", ""]
    flagged = [c for c in history.flags if c.flags]
    lines.append(
        "**Red flags reported:** "
        + ("; ".join(f"{c.day:%d %b}: {', '.join(c.flags)}" for c in flagged) or "none")
    )
    lines += ["", "## Runs", ""]
    runs = [r for r in history.runs if r.day >= s.choice.day]
    if runs:
        lines += [
            "| day | minutes | km | route | pain during | pain started | pain after | next morning |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for run in runs:
            started = (
                f"{run.pain_started_min:g} min"
                if run.pain_started_min is not None
                else f"{run.pain_started_km:g} km"
                if run.pain_started_km is not None
                else "no"
            )
            km = f"{run.distance_km:.1f}" if run.distance_km else "–"
            lines.append(
                f"| {run.day:%a %d %b} | {run.minutes:g} | {km} | {', '.join(run.routes) or '–'} "
                f"| {_rating(run.pain_during)} | {started} | {_rating(run.pain_after)} "
                f"| {_rating(run.pain_next_morning)} |"
            )
    else:
        lines.append("No runs logged in this programme yet.")
    series = onsets(history, s.choice.day)
    if series:
        free = sum(1 for o in series if o.pain_free)
        at = [o.minutes for o in series if not o.pain_free]
        trend = (
            f"pain started after {at[0]:g} min at first and {at[-1]:g} min most recently"
            if len(at) >= 2
            else "pain started in one run"
            if at
            else "pain never started"
        )
        lines += ["", f"**Pain onset:** {free} of {len(series)} runs without pain; {trend}."]
    lines += [
        "",
        "## Weeks",
        "",
        "| week of | minutes run | planned | sessions done |",
        "| --- | --- | --- | --- |",
    ]
    for week in weeks(s.programme, history, shown.day):
        lines.append(
            f"| {week.monday:%d %b} | {week.ran_min:.0f} | {week.planned_min:.0f} "
            f"| {week.done} of {week.planned} |"
        )
    lines += ["", "## Decisions", ""]
    lines += [f"- {d.day:%d %b}: {d.reason}" for d in s.decisions]
    lines += [
        "",
        "Recorded by the runner in Seesaw, an education app, not a diagnosis. Pain is rated "
        "0 (none) to 10 (worst).",
        "",
    ]
    return "\n".join(lines)
