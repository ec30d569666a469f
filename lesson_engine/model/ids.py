"""Ids and slugs: how a title becomes a name a file, a folder or a cue id can carry.

One rule for all of them (a lesson's id from its name, a pack's folder from its title, a
section's part of a cue id), so a lesson id a template proposes is always one the header accepts.
"""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""What a lesson id may look like: lowercase words of letters and digits joined by hyphens."""

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str) -> str:
    """``text`` as an id (``"Weight shift 4"`` → ``"weight-shift-4"``); ``fallback`` when nothing is left."""
    return _NOT_ID.sub("-", text.lower()).strip("-") or fallback
