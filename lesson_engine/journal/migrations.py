"""Schema versions of the journal files and the steps between them.

Each step takes the data of every year file at one version and returns it at the next; steps run
in order when an older journal is opened, and the result is written back atomically (the files as
they were stay behind as backups). A journal from a newer Seesaw is refused untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1

YearData = dict[int, dict[str, dict[str, Any]]]
MIGRATIONS: dict[int, Callable[[YearData], YearData]] = {}
"""From version N (the key) to N + 1. Version 1 is the first; add steps here as the schema grows."""


class JournalTooNew(RuntimeError):
    def __init__(self, version: int) -> None:
        super().__init__(
            f"this journal was written by a newer Seesaw (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Update Seesaw to open it; nothing was changed."
        )


def migrate(
    version: int, years: YearData, steps: dict[int, Callable[[YearData], YearData]] | None = None
) -> YearData:
    steps = MIGRATIONS if steps is None else steps
    if version > SCHEMA_VERSION:
        raise JournalTooNew(version)
    while version < SCHEMA_VERSION:
        if version not in steps:
            raise RuntimeError(f"no migration from journal schema {version}")
        years = steps[version](years)
        version += 1
    return years
