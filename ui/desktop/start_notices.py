"""What the start says about what it found in the journal folder: a saved place that cannot be
resumed, and words kept from typing when Seesaw closed (and where each opens again).

Apart from ``app.py`` so the wiring stays a list of steps; each returns its notices for the
banner, and changes only what it says it changes.
"""

from __future__ import annotations

import contextlib

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.checkpoint import Checkpoint


def unusable_place(journal: Journal) -> list[str]:
    """A saved place that reads but cannot be resumed (a position of "twelve"): kept aside and
    said, not silently never offered."""
    saved = journal.load_checkpoint()
    if saved is None:
        return []
    try:
        Checkpoint.from_dict(saved)
    except ValueError as exc:
        try:
            kept = journal.set_place_aside()
        except OSError as problem:
            return [
                f"Your place in a lesson could not be used ({exc}), nor kept aside "
                f"({problem.strerror or problem})."
            ]
        where = f" It was kept as {kept.name}." if kept else ""
        return [
            f"Your place in a lesson could not be used ({exc}).{where} There is no place to "
            "continue from; each lesson starts from its beginning."
        ]
    return []


KEPT_WORDS = {
    "journal": "A note you were writing in the journal when Seesaw closed was kept: on the "
    "Journal page, its dialog opens with your words.",
    "run": "Words you were typing when Seesaw closed were kept: on Today, 'Log a run…' or "
    "'Log cross-training…' opens with them.",
    "set": "Words you were typing when Seesaw closed were kept: on the Exercises page, "
    "'Log a set…' opens with them.",
}


def kept_drafts(journal: Journal) -> list[str]:
    """Words being typed when Seesaw closed are waiting: say once where each kind opens again.
    A draft for a session or note deleted since has nowhere to open, and is let go."""
    ids = {s.id for s in journal.sessions()} | {n.id for n in journal.notes()}
    where: set[str] = set()
    kept = journal.drafts.keys()  # a list: drafts are dropped while it is read
    for key in kept:
        kind, _, rest = key.partition(":")
        if kind in ("session-note", "note") and rest != "new" and rest not in ids:
            with contextlib.suppress(OSError):
                journal.drafts.drop(key)
            continue
        where.add({"run": "run", "cross": "run", "set-note": "set"}.get(kind, "journal"))
    return [KEPT_WORDS[kind] for kind in sorted(where)]
