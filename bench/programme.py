"""Programme benchmark: drawing Today after a year of following a programme.

A simulated runner (``tests/programme_runner.py``) follows Strength first for a year, doing what
Today offers each day: 150 runs and 505 lessons and sets. Measured: everything Today works out on
each refresh (the replay of the year, the day's plan, and the weekly series of its charts),
against opening the same records from a real journal on disk in the same run. Goal: Today's
work stays under 50 ms, so a refresh never shows.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, RUNS
from lesson_engine.paths import bundled_programmes_dir
from lesson_engine.programme.history import from_journal
from lesson_engine.programme.outcomes import weeks
from lesson_engine.programme.parser import load_programme
from lesson_engine.programme.progress import current_choice, stand
from lesson_engine.programme.today import today
from tests.programme_runner import Runner, _guided, steady

START = date(2025, 1, 6)
DAYS = 365
GOAL_MS = 50.0


def _lived(folder: Path) -> date:
    programme = load_programme(bundled_programmes_dir() / "strength-first.programme")
    runner = Runner(programme, START, steady, guided_sets=_guided())
    for offset in range(DAYS):
        runner.live(START + timedelta(days=offset))
    end = START + timedelta(days=DAYS - 1)
    now = datetime(end.year, end.month, end.day, 20, tzinfo=UTC)
    with Journal.open(folder, now=lambda: now) as journal:
        journal.add(CHOICES, runner.history.choices[0])
        for run in runner.history.runs:
            journal.add(RUNS, run)
        for session in runner.history.sessions:
            journal.add_session(session)
    return end


def _best(work: Callable[[], None], rounds: int = 7) -> tuple[float, float]:
    """The best and the median of ``rounds`` runs, in milliseconds."""
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    programme = load_programme(bundled_programmes_dir() / "strength-first.programme")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "journal"
        end = _lived(folder)
        guided = _guided()

        def open_journal() -> None:
            with Journal.open(folder) as journal:
                from_journal(journal, guided)

        with Journal.open(folder) as journal:
            history = from_journal(journal, guided)

        def refresh() -> None:
            fresh = replace(history)  # a new value: nothing an earlier round worked out is kept
            choice = current_choice(fresh, end)
            assert choice is not None
            shown = today(stand(programme, choice, fresh, end), fresh)
            weeks(programme, fresh, end)
            assert shown.standing.decisions

        base, base_median = _best(open_journal)
        work, work_median = _best(refresh)
    print(f"journal open with a year of records: {base:.1f} ms (median {base_median:.1f})")
    print(
        f"Today after a year (replay, plan, charts): {work:.1f} ms (median {work_median:.1f}), "
        f"{work / base:.2f}x the journal's open; goal {GOAL_MS:.0f} ms"
    )


if __name__ == "__main__":
    main()
