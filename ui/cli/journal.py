"""``seesaw journal``: read the journal and export it, without opening the app."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from lesson_engine.journal.backups import restore
from lesson_engine.journal.check import check_journal
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.lock import FolderLock, JournalLocked
from lesson_engine.journal.migrations import JournalTooNew
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.paths import journal_folder
from lesson_engine.session.pending import put_back_unsaved


def open_journal() -> Journal | None:
    """The journal, or None after saying why it cannot be opened (another Seesaw has it…)."""
    try:
        journal = Journal.open(journal_folder())
    except (JournalLocked, JournalTooNew, OSError) as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return None
    for message in journal.report.messages:
        print(f"note: {message}", file=sys.stderr)
    return journal


def _export(args: argparse.Namespace) -> int:
    if not (args.csv or args.markdown):
        print("seesaw: say what to export: --csv FILE and/or --markdown FILE", file=sys.stderr)
        return 2
    journal = open_journal()
    if journal is None:
        return 1
    with journal:
        try:
            if args.csv:
                journal.export_csv(Path(args.csv))
                print(f"wrote {args.csv}")
            if args.markdown:
                journal.export_markdown(Path(args.markdown))
                print(f"wrote {args.markdown}")
        except OSError as exc:
            print(f"seesaw: could not write the export: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 0


def _show(_: argparse.Namespace) -> int:
    journal = open_journal()
    if journal is None:
        return 1
    with journal:
        sessions = journal.sessions()
        for s in sessions[-20:]:
            before = "–" if s.before.level is None else s.before.level
            after = "–" if s.after.level is None else s.after.level
            done = "finished" if s.completed else f"{round(s.completed_fraction * 100)}%"
            print(
                f"{s.day:%Y-%m-%d}  {s.lesson_title}  {done}  soreness {before} → {after}  {s.note}".rstrip()
            )
        print(
            f"{len(sessions)} sessions, {len(journal.exercise_logs())} exercise logs, {len(journal.notes())} notes"
        )
    return 0


def _check(_: argparse.Namespace) -> int:
    """Read every file and record, change nothing; exit 1 when something needs attention."""
    report = check_journal(journal_folder())
    print("\n".join(report.lines))
    if report.problems:
        print(
            f"{report.problems} problem{'s' if report.problems != 1 else ''}. Seesaw sets unreadable records aside when it opens "
            "the journal; 'seesaw journal restore DAY' puts back a daily backup.",
        )
    return 1 if report.problems else 0


def _restore(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        print(f"seesaw: {args.day!r} is not a day; write it as 2026-11-20", file=sys.stderr)
        return 2
    folder = journal_folder()
    lock = FolderLock(folder)
    try:
        lock.acquire()
    except (JournalLocked, OSError) as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
    try:
        replaced = restore(folder, day, datetime.now(UTC))
    except (OSError, ValueError) as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
    finally:
        lock.release()
    print(f"restored the journal as it was on {day:%d %B %Y}; what it replaced is in {replaced}")
    return 0


def _put_back(args: argparse.Namespace) -> int:
    """Sessions Seesaw saved to a file when the journal's disk refused them, put back."""
    journal = open_journal()
    if journal is None:
        return 1
    with journal:
        try:
            added, there = put_back_unsaved(journal, Path(args.file))
        except (ValueError, JournalInputError) as exc:
            print(f"seesaw: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"seesaw: {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    print(
        f"put back {added} session{'s' if added != 1 else ''}"
        + (f"; {there} {'was' if there == 1 else 'were'} in the journal already" if there else "")
    )
    return 0


def add_journal_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    journal = commands.add_parser("journal", help="show (the default) or export your journal")
    journal.set_defaults(func=_show)
    sub = journal.add_subparsers(title="journal commands", metavar="ACTION")
    export = sub.add_parser("export", help="write the journal as CSV and/or a Markdown report")
    export.add_argument("--csv", metavar="FILE")
    export.add_argument("--markdown", metavar="FILE")
    export.set_defaults(func=_export)
    show = sub.add_parser("show", help="list the latest sessions")
    show.set_defaults(func=_show)
    check = sub.add_parser("check", help="read every file and record; change nothing")
    check.set_defaults(func=_check)
    back = sub.add_parser("restore", help="put back the journal as it was on a day (a backup)")
    back.add_argument("day", metavar="DAY", help="the day of a backup, e.g. 2026-11-20")
    back.set_defaults(func=_restore)
    put = sub.add_parser(
        "put-back", help="put back sessions Seesaw saved to a file when the disk refused them"
    )
    put.add_argument("file", metavar="FILE")
    put.set_defaults(func=_put_back)
