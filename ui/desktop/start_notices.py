"""What the start says about what it found in the journal folder: a saved place that cannot be
resumed, and words kept from typing when Seesaw closed (and where each opens again).

Apart from ``app.py`` so the wiring stays a list of steps; each changes only what it says it
changes. Nothing here writes on the window's thread: what the start moves or drops goes to the
journal's writer, in order with every other write, so a busy disk cannot hold up the window as
it is wired. A notice that tells of a write is put in the banner once that write is durable;
the others are returned for the banner at once.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from pathlib import Path

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.checkpoint import Checkpoint
from ui.desktop.widgets.banner import Banner
from ui.desktop.widgets.written import WhenWritten


def daily_backup(journal: Journal, banner: Banner) -> None:
    """Today's copy of the journal, made on its writer ahead of every other write of this start:
    copying each year durably on the window's thread would hold the window up as it is wired,
    on the first start of each day. ``banner`` speaks only if the disk refused it."""

    def told(done: Future[str | None]) -> None:
        problem = done.result()  # anything but the disk's refusal is a mistake: raised, not hidden
        if problem:
            banner.add(problem)

    WhenWritten(banner).then(journal.later(journal.back_up_today), told)


def unusable_place(journal: Journal, banner: Banner) -> None:
    """A saved place that reads but cannot be resumed (a position of "twelve"): kept aside and
    said, not silently never offered. It is forgotten at once (nothing offers to continue it);
    its file is moved on the journal's writer, and ``banner`` says so once the move is durable,
    or why it could not be made."""
    saved = journal.load_checkpoint()
    if saved is None:
        return
    try:
        Checkpoint.from_dict(saved)
    except ValueError as exc:
        reason = str(exc)
        WhenWritten(banner).then(
            journal.set_place_aside(), lambda done: banner.add(_set_aside_words(reason, done))
        )


def _set_aside_words(reason: str, done: Future[Path | None]) -> str:
    problem = done.exception()
    if isinstance(problem, OSError):
        return (
            f"Your place in a lesson could not be used ({reason}), nor kept aside "
            f"({problem.strerror or problem})."
        )
    if problem is not None:
        raise problem  # a mistake in Seesaw, not the disk: not hidden
    kept = done.result()
    where = f" It was kept as {kept.name}." if kept else ""
    return (
        f"Your place in a lesson could not be used ({reason}).{where} There is no place to "
        "continue from; each lesson starts from its beginning."
    )


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
