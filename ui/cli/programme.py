"""``seesaw today``, ``seesaw plan``, ``seesaw programmes`` and ``seesaw log …``: the programme
from the command line, with the same rules and the same sentences as the app's Today page."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from audio.render.encode import EncodingUnavailable, formats_in_words
from audio.render.run_track import write_run_track
from audio.voices.choice import CHOICES as VOICES
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, CROSS, PLAN_CHANGES, RED_FLAG_CHECKS, RUNS
from lesson_engine.journal.records import (
    CROSS_KINDS,
    RED_FLAGS,
    ROUTES,
    CrossLog,
    PlanChange,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
    learner_day,
)
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.paths import voice_cache_dir
from lesson_engine.programme.bundled import Known, bundled_programmes, find, known
from lesson_engine.programme.history import from_journal
from lesson_engine.programme.model import Activity, Programme, RunStage
from lesson_engine.programme.progress import current_choice, stand
from lesson_engine.programme.report import report_markdown
from lesson_engine.programme.run_lesson import todays_run, why_no_run
from lesson_engine.programme.today import Today, today
from lesson_engine.programme.words import today_lines, week_lines
from lesson_engine.script.durations import format_clock
from lesson_engine.storage import write_atomically
from ui.cli.journal import open_journal

KM_PER_MILE = 1.609344


def _today_date() -> date:
    return learner_day(datetime.now(UTC))


def _day(text: str | None) -> date:
    if not text:
        return _today_date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"seesaw: {text!r} is not a day; write it as 2026-11-20") from None


def _programmes(facts: Known) -> list[Programme]:
    loaded, broken = bundled_programmes(facts)
    for result in broken:
        print(
            f"note: a bundled programme could not be read:\n{result.diagnostics[0]}",
            file=sys.stderr,
        )
    return loaded


def _standing_today(journal: Journal, facts: Known, day: date) -> Today | None:
    history = from_journal(journal, facts.guided_sets)
    choice = current_choice(history, day)
    if choice is None:
        print(
            "No programme chosen yet. 'seesaw programmes' lists them; choose one with "
            "'seesaw plan --choose ID'."
        )
        return None
    programme = find(_programmes(facts), choice.programme_id)
    if programme is None:
        print(
            f"seesaw: the programme {choice.programme_id!r} is no longer installed; choose "
            "another with 'seesaw plan --choose ID' (your records are kept)",
            file=sys.stderr,
        )
        return None
    return today(stand(programme, choice, history, day), history)


def _list(_: argparse.Namespace) -> int:
    for programme in _programmes(known()):
        weeks = sum(p.weeks_min for p in programme.phases)
        print(
            f"{programme.id:<18} {programme.title} — {len(programme.phases)} phases, "
            f"{weeks} weeks or more. {programme.summary}"
        )
    return 0


def _today(args: argparse.Namespace) -> int:
    journal = open_journal()
    if journal is None:
        return 1
    with journal:
        shown = _standing_today(journal, known(), _day(args.date))
        if not args.take_run:
            if shown is not None:
                print("\n".join(today_lines(shown)))
            return 0
    if shown is None:
        return 1  # _standing_today has said why
    stage = todays_run(shown)
    if stage is None:
        print(f"seesaw: {why_no_run(shown)}", file=sys.stderr)
        return 1
    return _take_run(stage, args)  # the journal is closed: rendering may take a minute


def _take_run(stage: RunStage, args: argparse.Namespace) -> int:
    """Today's run as one audio file, written as the app writes it (``audio/render/run_track``)."""
    try:
        track = write_run_track(
            stage,
            Path(args.take_run),
            cadence=args.cadence,
            voice=args.voice,
            cache=voice_cache_dir(),
        )
    except ValueError as exc:  # a cadence out of range
        print(f"seesaw: {exc}", file=sys.stderr)
        return 2
    except (EncodingUnavailable, OSError) as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
    if not track.spoken:
        print(
            "note: no voice is available; the track holds bells and clicks only",
            file=sys.stderr,
        )
    for problem in track.problems:
        print(f"note: {problem}", file=sys.stderr)
    print(
        f"wrote {track.path}: {track.title} ({format_clock(track.total_ms)}, {track.voice.lower()})"
    )
    print("Start it as you set off on the warm-up walk.")
    return 0


def _plan(args: argparse.Namespace) -> int:
    journal = open_journal()
    if journal is None:
        return 1
    facts = known()
    day = _day(args.date)
    with journal:
        try:
            if args.choose:
                programme = find(_programmes(facts), args.choose)
                if programme is None:
                    ids = ", ".join(p.id for p in _programmes(facts))
                    print(
                        f"seesaw: no programme {args.choose!r} (there are: {ids})", file=sys.stderr
                    )
                    return 2
                phase = max(args.phase - 1, 0)
                if phase >= len(programme.phases):
                    print(
                        f"seesaw: {programme.title} has {len(programme.phases)} phases",
                        file=sys.stderr,
                    )
                    return 2
                journal.add(CHOICES, ProgrammeChoice(day, programme.id, phase, args.usual_minutes))
                print(f"Following {programme.title} from '{programme.phases[phase].title}'.")
            for activity, action in ((args.skip, "skip"), (args.move, "move")):
                if activity:
                    to_day = _day(args.to) if action == "move" else None
                    journal.add(PLAN_CHANGES, PlanChange(_day(args.on), activity, action, to_day))
        except JournalInputError as exc:
            print(f"seesaw: {exc}", file=sys.stderr)
            return 2
        shown = _standing_today(journal, facts, day)
        if shown is not None:
            print("\n".join(week_lines(shown)))
            if args.report:
                text = report_markdown(shown, from_journal(journal, facts.guided_sets), day)
                try:
                    write_atomically(Path(args.report), text.encode("utf-8"))
                except OSError as exc:
                    print(
                        f"seesaw: could not write {args.report}: {exc.strerror or exc}",
                        file=sys.stderr,
                    )
                    return 1
                print(f"wrote {args.report}")
    return 0


def _log_run(args: argparse.Namespace) -> int:
    km = args.km if args.km is not None else (args.miles * KM_PER_MILE if args.miles else None)
    started_km = args.pain_started_km
    if args.pain_started_miles is not None:
        started_km = args.pain_started_miles * KM_PER_MILE
    routes = tuple(r.strip() for r in (args.route or "").split(",") if r.strip())
    run = RunLog(
        _day(args.date),
        args.minutes,
        km,
        routes,
        args.pain_during,
        args.pain_started_min,
        started_km,
        args.pain_after,
        None,
        args.walk_breaks,
        args.note,
    )
    return _add(RUNS, run, "Run logged.")


def _log_cross(args: argparse.Namespace) -> int:
    return _add(CROSS, CrossLog(_day(args.date), args.kind, args.minutes, args.note), "Logged.")


def _log_flags(args: argparse.Namespace) -> int:
    flags = tuple(f for f in RED_FLAGS if getattr(args, f.replace(" ", "_")))
    if not flags and not args.none:
        print("seesaw: name the signs you have (e.g. --swelling), or --none", file=sys.stderr)
        return 2
    return _add(RED_FLAG_CHECKS, RedFlagCheck(_day(args.date), flags), "Thank you.")


def _add(kind, record, said: str) -> int:  # type: ignore[no-untyped-def]
    journal = open_journal()
    if journal is None:
        return 1
    with journal:
        try:
            journal.add(kind, record)
        except JournalInputError as exc:
            print(f"seesaw: {exc}", file=sys.stderr)
            return 2
        print(said)
        shown = _standing_today(journal, known(), _today_date())
        if shown is not None and shown.news:
            print(shown.news[-1].reason)
    return 0


def _log_morning(args: argparse.Namespace) -> int:
    journal = open_journal()
    if journal is None:
        return 1
    with journal:
        waiting = [r for r in journal.records(RUNS) if r.pain_next_morning is None]
        if not waiting:
            print("seesaw: every run already has its next morning", file=sys.stderr)
            return 2
        run = waiting[-1]
        try:
            journal.correct(RUNS, replace(run, pain_next_morning=args.pain))
        except JournalInputError as exc:
            print(f"seesaw: {exc}", file=sys.stderr)
            return 2
        print(f"The morning after {run.day:%A %d %B}: {args.pain} of 10.")
        shown = _standing_today(journal, known(), _today_date())
        if shown is not None and shown.news:
            print(shown.news[-1].reason)
    return 0


def add_programme_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser("programmes", help="list the programmes to choose from")
    listing.set_defaults(func=_list)
    day = commands.add_parser("today", help="what your programme has for today, and why")
    day.add_argument("--date", help=argparse.SUPPRESS)
    day.add_argument(
        "--take-run",
        metavar="FILE",
        help=f"write today's run as a guided audio file ({formats_in_words()}) for your phone",
    )
    day.add_argument(
        "--cadence",
        type=int,
        metavar="BPM",
        help="with --take-run: a click at this many steps a minute while running",
    )
    day.add_argument("--voice", choices=VOICES, default="auto", help="with --take-run: the voice")
    day.set_defaults(func=_today)
    plan = commands.add_parser("plan", help="this week of your programme; choose, skip or move")
    plan.add_argument("--choose", metavar="ID", help="follow this programme from today")
    plan.add_argument("--phase", type=int, default=1, help="start at this phase (1 is the first)")
    plan.add_argument(
        "--usual-minutes",
        type=int,
        metavar="M",
        help="how many minutes you ran in a usual week before the pain",
    )
    plan.add_argument("--skip", choices=[a.value for a in Activity], help="skip a session")
    plan.add_argument("--move", choices=[a.value for a in Activity], help="move a session")
    plan.add_argument("--on", metavar="DAY", help="the day it was planned for (default today)")
    plan.add_argument("--to", metavar="DAY", help="the day to move it to")
    plan.add_argument(
        "--report", metavar="FILE.md", help="write a report for a clinician (Markdown)"
    )
    plan.add_argument("--date", help=argparse.SUPPRESS)
    plan.set_defaults(func=_plan)

    log = commands.add_parser(
        "log", help="log a run, cross-training, the next morning or red flags"
    )
    sub = log.add_subparsers(title="what to log", metavar="WHAT", required=True)
    run = sub.add_parser("run", help="a run: minutes, distance, route and pain")
    run.add_argument("minutes", type=float)
    far = run.add_mutually_exclusive_group()
    far.add_argument("--km", type=float)
    far.add_argument("--miles", type=float)
    run.add_argument("--route", help=f"comma-separated: {', '.join(ROUTES)}")
    run.add_argument("--pain-during", type=int, metavar="0-10")
    onset = run.add_mutually_exclusive_group()
    onset.add_argument("--pain-started-min", type=float, metavar="MIN")
    onset.add_argument("--pain-started-km", type=float, metavar="KM")
    onset.add_argument("--pain-started-miles", type=float, metavar="MILES")
    run.add_argument("--pain-after", type=int, metavar="0-10")
    run.add_argument("--walk-breaks", action="store_true")
    run.add_argument("--note", default="")
    run.add_argument("--date", metavar="DAY")
    run.set_defaults(func=_log_run)
    cross = sub.add_parser("cross", help="cross-training: kind and minutes")
    cross.add_argument("kind", choices=CROSS_KINDS)
    cross.add_argument("minutes", type=int)
    cross.add_argument("--note", default="")
    cross.add_argument("--date", metavar="DAY")
    cross.set_defaults(func=_log_cross)
    morning = sub.add_parser("morning", help="how the knee was the morning after your last run")
    morning.add_argument("pain", type=int, metavar="0-10")
    morning.set_defaults(func=_log_morning)
    flags = sub.add_parser(
        "flags", help="the weekly question: swelling, locking, night pain, pain at rest"
    )
    for flag in RED_FLAGS:
        flags.add_argument(f"--{flag.replace(' ', '-')}", action="store_true")
    flags.add_argument("--none", action="store_true", help="none of them")
    flags.add_argument("--date", metavar="DAY")
    flags.set_defaults(func=_log_flags)
