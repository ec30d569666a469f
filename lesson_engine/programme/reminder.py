"""When a reminder is due, and what it says: once a day, at the learner's time, and only when
something planned for today is still to do. Off unless the learner turns it on (the app's
setting); nothing here knows about clocks or notifications, so the rule is tested with plain
values.
"""

from __future__ import annotations

from datetime import date, datetime, time

from lesson_engine.programme.today import Today
from lesson_engine.programme.week import Status


def reminder_due(now: datetime, at: time, last_reminded: date | None, shown: Today | None) -> str:
    """The reminder's words, or "" when none is due (too early, given today, or nothing to do)."""
    if shown is None or last_reminded == now.date() or now.time() < at:
        return ""
    to_do = [i.slot.activity.label.lower() for i in shown.items if i.slot.status is Status.TODAY]
    if not to_do:
        return ""
    listed = ", ".join(to_do[:-1]) + (" and " if len(to_do) > 1 else "") + to_do[-1]
    return f"Today's plan: {listed}. Whenever suits you; rest days count too."
