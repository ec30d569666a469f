"""Small rules for the sentences Seesaw composes from parts, kept in one place.

``str.capitalize`` lowercases every letter after the first, so a reason built as "monday 2
November's run was easy" came out as "Monday 2 november's run…", and a file named
"Hill_Day.wav" became the lesson "Hill day". A sentence Seesaw starts from a part only needs its
first letter raised; names, months and the author's own capitals stay as they were written.
"""

from __future__ import annotations


def sentence_start(text: str) -> str:
    """``text`` with its first character in capitals and every other one as written."""
    return text[:1].upper() + text[1:]
