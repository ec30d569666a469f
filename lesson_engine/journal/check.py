"""Checking the journal without changing it: every file, every record, and the backups there are.

What ``seesaw journal check`` prints (and the Settings page shows): a line per file saying how
many records it holds and which could not be read and why, the same reading the journal does when
it opens (``screening``), but here nothing is moved or rewritten, so it is safe while Seesaw runs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lesson_engine.journal.backups import backup_days
from lesson_engine.journal.changelog import log_of, replay
from lesson_engine.journal.database import DamagedFile, parse_database
from lesson_engine.journal.files import backup_of, checkpoint_path
from lesson_engine.journal.loading import stated_schema, usable_schema
from lesson_engine.journal.screening import SET_ASIDE_NAME, screen

_YEAR = re.compile(r"^\d{4}\.(json|log)$")


@dataclass
class JournalCheck:
    lines: list[str] = field(default_factory=list)
    problems: int = 0

    def ok(self, line: str) -> None:
        self.lines.append(line)

    def problem(self, line: str) -> None:
        self.lines.append(line)
        self.problems += 1


def _log_line(log: Path, data: dict[str, dict[str, Any]], report: JournalCheck) -> str:
    """Replay ``log`` over ``data`` (as opening would); the line that says so, or ""."""
    if not log.exists():
        return ""
    replayed = replay(log.read_bytes(), data)
    if replayed.damaged:
        report.problem(f"{log.name}: damaged after {_changes(replayed.changes)}")
        return ""
    if not replayed.changes:
        return ""
    return f"{log.name}: {_changes(replayed.changes)} not yet folded into its year file"


def _changes(count: int) -> str:
    return f"{count} change" if count == 1 else f"{count} changes"


def _records_line(name: str, data: dict[str, dict[str, Any]]) -> tuple[str, int]:
    bad = screen(name, data).set_aside
    count = sum(len(table) for table in data.values())
    if not bad:
        return f"{name}: {_records(count)}, all readable", 0
    reasons = "; ".join(b.described for b in bad[:3]) + ("; …" if len(bad) > 3 else "")
    return f"{name}: {_records(count)}; {len(bad)} cannot be read: {reasons}", len(bad)


def check_journal(folder: Path) -> JournalCheck:
    report = JournalCheck()
    if not folder.is_dir():
        report.ok(f"There is no journal in {folder} yet.")
        return report
    _check_meta(folder / "meta.json", report)
    years = {p.stem for p in folder.iterdir() if _YEAR.match(p.name)}
    for year in sorted(years):
        path = folder / f"{year}.json"
        try:
            raw = path.read_bytes() if path.exists() else b"{}"
            data = parse_database(raw, path)
            changes = _log_line(log_of(path), data, report)
            line, bad = _records_line(path.name, data)
        except PermissionError:
            report.problem(f"{path.name}: Seesaw is not allowed to read it (permissions)")
            continue
        except (DamagedFile, OSError) as exc:
            backup = backup_of(path)
            state = "readable" if _readable(backup) else "missing or damaged too"
            report.problem(f"{path.name}: damaged ({exc}); its backup {backup.name}: {state}")
            continue
        (report.problem if bad else report.ok)(line)
        if changes:
            report.ok(changes)
    place = checkpoint_path(folder)
    if place.exists():
        try:
            saved = json.loads(place.read_text(encoding="utf-8"))
            report.ok(f"{place.name}: the place saved in “{saved['lesson_id']}”")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            report.problem(f"{place.name}: damaged ({exc}); the app uses its backup if it can")
    aside = folder / SET_ASIDE_NAME
    if aside.exists():
        try:
            count = len(json.loads(aside.read_text(encoding="utf-8")))
            report.ok(f"{aside.name}: {_records(count)} set aside earlier, kept for you to read")
        except (OSError, ValueError, TypeError):
            report.problem(f"{aside.name}: damaged")
    days = backup_days(folder)
    if days:
        if len(days) == 1:
            report.ok(f"backups: 1 day, {days[0].isoformat()}")
        else:
            span = f"{days[0].isoformat()} to {days[-1].isoformat()}"
            report.ok(f"backups: {len(days)} days, {span}")
    else:
        report.ok("backups: none yet (one is made each day Seesaw opens the journal)")
    return report


def _records(count: int) -> str:
    return f"{count} record" if count == 1 else f"{count} records"


def _check_meta(path: Path, report: JournalCheck) -> None:
    try:
        meta = parse_database(path.read_bytes(), path)
    except FileNotFoundError:
        return
    except (DamagedFile, OSError) as exc:
        report.problem(f"{path.name}: damaged ({exc}); Seesaw sets it aside when it opens")
        return
    schema = stated_schema(meta)
    if usable_schema(schema):
        report.ok(f"{path.name}: journal version {schema}")
    else:
        report.problem(f"{path.name}: holds {schema!r}, which is not a journal version")


def _readable(path: Path) -> bool:
    try:
        parse_database(path.read_bytes(), path)
    except (DamagedFile, OSError):
        return False
    return True
