"""The programme's records in the journal: runs, cross-training, the weekly red-flag question,
programme choices and plan changes.

Each kind is one value that says which table it lives in, what one record is called in a message,
how it becomes a document and back, and what the journal accepts. ``Journal.add``,
``Journal.records`` and ``Journal.correct`` take a kind, so a new record type is one entry here
and never a new copy of the add / read / correct code; screening reads these tables back by the
same entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from lesson_engine.journal.codec import (
    change_from_doc,
    change_to_doc,
    choice_from_doc,
    choice_to_doc,
    cross_from_doc,
    cross_to_doc,
    flags_from_doc,
    flags_to_doc,
    run_from_doc,
    run_to_doc,
)
from lesson_engine.journal.records import (
    CrossLog,
    PlanChange,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
)
from lesson_engine.journal.validation import (
    check_choice,
    check_cross,
    check_plan_change,
    check_red_flags,
    check_run,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Kind(Generic[T]):
    table: str
    name: str
    """What one record is called in a message: "a run"."""
    to_doc: Callable[[T], dict[str, Any]]
    from_doc: Callable[[dict[str, Any], str], T]
    check: Callable[[T, date | None], None]
    """Raises ``JournalInputError``; ``None`` for today when a record is read back from disk."""
    day: Callable[[T], date]
    """The day the record belongs to, which also picks its year file."""


RUNS: Kind[RunLog] = Kind("runs", "a run", run_to_doc, run_from_doc, check_run, lambda r: r.day)
CROSS: Kind[CrossLog] = Kind(
    "cross_training",
    "a cross-training session",
    cross_to_doc,
    cross_from_doc,
    check_cross,
    lambda r: r.day,
)
RED_FLAG_CHECKS: Kind[RedFlagCheck] = Kind(
    "red_flag_checks",
    "a red-flag check",
    flags_to_doc,
    flags_from_doc,
    check_red_flags,
    lambda r: r.day,
)
CHOICES: Kind[ProgrammeChoice] = Kind(
    "programme_choices",
    "a programme choice",
    choice_to_doc,
    choice_from_doc,
    check_choice,
    lambda r: r.day,
)
PLAN_CHANGES: Kind[PlanChange] = Kind(
    "plan_changes",
    "a plan change",
    change_to_doc,
    change_from_doc,
    check_plan_change,
    lambda r: r.day,
)
KINDS: tuple[Kind[Any], ...] = (RUNS, CROSS, RED_FLAG_CHECKS, CHOICES, PLAN_CHANGES)
