"""Today and this week as lines of text: what ``seesaw today`` and ``seesaw plan`` print.

The app's Today page shows the same values (``today.Today``) with these same sentences, so the
command line and the window never give a runner two different answers.
"""

from __future__ import annotations

from lesson_engine.programme.today import Item, Today
from lesson_engine.programme.week import Status

STATUS_WORDS = {
    Status.DONE: "done",
    Status.TODAY: "today",
    Status.LATER: "later",
    Status.NOT_DONE: "not done",
    Status.SKIPPED: "skipped",
    Status.PAUSED: "paused",
}


SHOWN_TODAY = (Status.TODAY, Status.DONE, Status.PAUSED)
"""What Today lists for the day: what is to do, what is done, and a run that is paused."""


def item_line(item: Item) -> str:
    slot = item.slot
    if slot.status is Status.PAUSED:
        return f"{slot.activity.label}: paused for a few days; cross-train or rest instead"
    line = f"{slot.activity.label}: {item.what}"
    if slot.status is Status.DONE and slot.done_on is not None and slot.done_on != slot.day:
        line += f" (done on {slot.done_on:%A})"
    if slot.moved_from is not None:
        line += f" (moved from {slot.moved_from:%A})"
    return line


def today_lines(t: Today) -> list[str]:
    s = t.standing
    lines = [
        f"{s.programme.title}, week {t.week_number}: {s.phase.title}",
        "",
    ]
    if t.clinician:
        lines += [f"Please note: {t.clinician}", ""]
    if t.welcome_back:
        lines += [
            "Welcome back. Nothing is owed for the days away; today's plan starts from where "
            "the knee is now.",
            "",
        ]
    if t.ask_morning is not None:
        lines.append(
            f"How was the knee the morning after your run on {t.ask_morning.day:%A %d %B}? "
            "(seesaw log morning 0-10)"
        )
    if t.ask_red_flags:
        lines.append(
            "Once a week: any swelling, locking, pain at night or pain at rest? "
            "(seesaw log flags --none, or name them)"
        )
    if t.ask_morning is not None or t.ask_red_flags:
        lines.append("")
    todo = [i for i in t.items if i.slot.status in SHOWN_TODAY]
    if todo:
        lines.append("Today:")
        for item in todo:
            mark = {Status.DONE: "✓", Status.PAUSED: "‖"}.get(item.slot.status, "•")
            lines.append(f"  {mark} {item_line(item)}")
            if item.why and item.slot.status is Status.TODAY:
                lines.append(f"      {item.why}")
    else:
        lines.append("Today: a rest day. Rest is part of the plan.")
    if t.news:
        lines += ["", "What changed:"]
        lines += [f"  {d.day:%a %d %b}: {d.reason}" for d in t.news]
    if t.still_to_come:
        lines += ["", f"Before '{s.phase.title}' is done: " + "; ".join(t.still_to_come) + "."]
    if t.over_time:
        lines += ["", t.over_time]
    if t.advice:
        lines += ["", "Keep in mind:"]
        for advice in t.advice:
            cited = f" ({', '.join(advice.sources)})" if advice.sources else ""
            lines.append(f"  - {advice.text}{cited}")
    return lines


def week_lines(t: Today) -> list[str]:
    lines = [f"{t.standing.programme.title}, week {t.week_number}: {t.standing.phase.title}"]
    for item in t.week:
        lines.append(
            f"  {item.slot.day:%a %d %b}  {STATUS_WORDS[item.slot.status]:<9} {item_line(item)}"
        )
    return lines
