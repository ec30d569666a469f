"""The body of a programme file: phases, what each week holds, run stages and criteria.

Each line is read on its own (a run's stages are the indented lines under it), so one mistake
never hides the next: every problem is reported with its line and column, as lessons are.
Grammar (``docs/programme-format.md`` has an example of each line)::

    phase    := "#" title NEWLINE (setting | weekly | comment | blank)*
    setting  := "weeks:" N ("to" M)?
              | "enter when:" criteria | "leave when:" criteria
              | "allows:" ("hills" | "speed") ("," ...)*
              | "note:" text sources?
    weekly   := ("lesson" | "strength") N "a week:" id ("," id)* sources?
              | "cross" N "a week:" D text sources?
              | "run" N "a week:" sources? NEWLINE (INDENT stage)+
              | "run" N "a week: build from" D "by" P "% a week to" D sources?
    stage    := "run" D ("," "walk" D "," N "times")? sources?
    criteria := criterion (";" criterion)*
    criterion:= "at least" N "weeks" | "strength" N "times" | "lessons" N "times"
              | "soreness at most" L "for" N "days" | "runs done" | "back to previous volume"
    sources  := "(" KEY ("," KEY)* ")"            at the end of a line: S1, S3 …
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from lesson_engine.programme import values
from lesson_engine.programme.model import (
    Activity,
    Advice,
    Criterion,
    Need,
    Phase,
    RunStage,
    Weekly,
)
from lesson_engine.script.diagnostics import Diagnostic, Severity, did_you_mean

SETTINGS = ("weeks", "enter when", "leave when", "allows", "note")
_WEEKLY = re.compile(r"^(?P<kind>[A-Za-z-]+)\s+(?P<n>\d{1,3})\s+a\s+week\s*(?::(?P<rest>.*))?$")
_SETTING = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]*?)\s*:(?P<value>.*)$")
_SOURCES = re.compile(r"\(\s*(?P<keys>[A-Z][A-Z0-9]*\d(?:\s*,\s*[A-Z][A-Z0-9]*\d)*)\s*\)\s*$")
_STAGE = re.compile(
    r"^run\s+(?P<run>\S+?)(?:\s*,\s*walk\s+(?P<walk>\S+?)\s*,\s*(?P<rounds>\d{1,3})\s+times)?$"
)


@dataclass
class _Draft:
    """A phase while its lines are read."""

    title: str
    line: int
    weekly: list[Weekly] = field(default_factory=list)
    weeks: tuple[int, int | None] = (1, None)
    enter: tuple[Criterion, ...] = ()
    leave: tuple[Criterion, ...] = ()
    advice: list[Advice] = field(default_factory=list)
    allows: frozenset[str] = frozenset()
    seen: dict[str, int] = field(default_factory=dict)


class BodyReader:
    def __init__(
        self,
        lines: tuple[str, ...],
        start: int,
        report: Callable[[Diagnostic], None],
        path: str,
        known_lessons: Collection[str] | None,
        known_sources: Collection[str] | None,
    ) -> None:
        self.lines = lines
        self.start = start
        self._report = report
        self.path = path
        self.known_lessons = known_lessons
        self.known_sources = known_sources
        self.phases: list[Phase] = []
        self._phase: _Draft | None = None
        self._run: list[RunStage] | None = None
        """The stages of the run line being read, while its indented lines follow."""
        self._run_line: tuple[int, Weekly] | None = None

    # -- reporting -------------------------------------------------------------------------

    def error(self, line: int, column: int, message: str, hint: str = "") -> None:
        self._say(Severity.ERROR, line, column, message, hint)

    def warn(self, line: int, column: int, message: str, hint: str = "") -> None:
        self._say(Severity.WARNING, line, column, message, hint)

    def _say(self, severity: Severity, line: int, column: int, message: str, hint: str) -> None:
        self._report(
            Diagnostic(severity, self.path, line, column, message, hint, self.lines[line - 1])
        )

    # -- lines -----------------------------------------------------------------------------

    def read(self) -> list[Phase]:
        for index in range(self.start, len(self.lines)):
            raw = self.lines[index]
            number = index + 1
            stripped = raw.strip()
            if not stripped or stripped.startswith("//"):
                continue
            indent = len(raw) - len(raw.lstrip(" \t"))
            if "\t" in raw[:indent]:
                self.error(number, 1, "a tab in the indentation", "indent with spaces only")
                continue
            if indent and self._run is not None:
                self._stage(number, indent, stripped)
                continue
            self._end_run()
            if indent:
                self.error(
                    number,
                    indent + 1,
                    "only a run's stages are indented",
                    "indent stages under a line like 'run 3 a week:'; start other lines at the "
                    "left edge",
                )
                continue
            if stripped.startswith("#"):
                self._start_phase(number, stripped)
            elif self._phase is None:
                self.error(
                    number,
                    1,
                    "expected a phase heading such as '# Settle the knee'",
                    "a programme's body is a list of phases, each starting with '#'",
                )
            else:
                self._phase_line(self._phase, number, stripped)
        self._end_run()
        self._end_phase()
        return self.phases

    def _start_phase(self, number: int, stripped: str) -> None:
        self._end_phase()
        title = stripped.lstrip("#").strip()
        if not title:
            self.error(number, 1, "a phase needs a title", "write it like '# Run-walk'")
            title = f"Phase {len(self.phases) + 1}"
        self._phase = _Draft(title, number)

    def _end_phase(self) -> None:
        draft = self._phase
        if draft is None:
            return
        self._phase = None
        if not draft.weekly:
            self.error(
                draft.line,
                1,
                f"the phase '{draft.title}' plans nothing for the week",
                "add a line like 'strength 3 a week: set-clamshell (S3)'",
            )
        runs = next((w for w in draft.weekly if w.activity is Activity.RUN), None)
        for criterion in (*draft.enter, *draft.leave):
            if criterion.need is Need.RUNS_DONE and runs is None:
                self.error(
                    criterion.line,
                    1,
                    f"'runs done' in a phase with no runs ('{draft.title}')",
                    "add a 'run N a week:' line to the phase, or use another criterion",
                )
        self.phases.append(
            Phase(
                title=draft.title,
                weekly=tuple(draft.weekly),
                weeks_min=draft.weeks[0],
                weeks_max=draft.weeks[1],
                enter=draft.enter,
                leave=draft.leave,
                advice=tuple(draft.advice),
                allows=draft.allows,
                line=draft.line,
            )
        )

    def _phase_line(self, draft: _Draft, number: int, text: str) -> None:
        weekly = _WEEKLY.match(text)
        if weekly:
            self._weekly(draft, number, weekly)
            return
        setting = _SETTING.match(text)
        key = setting["key"].strip().lower() if setting else ""
        if setting is None or key not in SETTINGS:
            word = key or text.split()[0].lower()
            guess = did_you_mean(word, (*SETTINGS, *(a.value for a in Activity)))
            self.error(
                number,
                1,
                f"unknown line in a phase: '{text}'",
                f"did you mean '{guess}'?"
                if guess
                else "a phase holds 'weeks:', 'enter when:', 'leave when:', 'allows:', 'note:' "
                "and lines like 'run 3 a week:'",
            )
            return
        if key in draft.seen and key != "note":
            self.error(
                number,
                1,
                f"'{key}' is given twice in this phase (first on line {draft.seen[key]})",
                "keep one of the two lines",
            )
            return
        draft.seen[key] = number
        value = setting["value"]
        column = setting.start("value") + 1 + (len(value) - len(value.lstrip()))
        value = value.strip()
        if key == "weeks":
            draft.weeks = values.weeks(self.error, number, column, value)
        elif key in ("enter when", "leave when"):
            criteria = values.criteria(self.error, number, column, value)
            if key == "enter when":
                draft.enter = criteria
            else:
                draft.leave = criteria
        elif key == "allows":
            draft.allows = values.allows(self.error, number, column, value)
        else:
            words, sources = self._sources(number, value, column)
            if not words:
                self.error(number, column, "the note is empty", "write what the runner should know")
            draft.advice.append(Advice(words, sources, number))

    # -- weekly sessions --------------------------------------------------------------------

    def _weekly(self, draft: _Draft, number: int, match: re.Match[str]) -> None:
        word = match["kind"].lower()
        if word not in {a.value for a in Activity}:
            guess = did_you_mean(word, [a.value for a in Activity])
            self.error(
                number,
                1,
                f"unknown kind of session '{match['kind']}'",
                f"did you mean '{guess}'?" if guess else "use lesson, strength, run or cross",
            )
            return
        activity = Activity(word)
        per_week = int(match["n"])
        if not 1 <= per_week <= 7:
            self.error(number, match.start("n") + 1, "a week holds from 1 to 7 sessions of a kind")
            return
        if any(w.activity is activity for w in draft.weekly):
            self.error(
                number, 1, f"'{word}' is planned twice in this phase", "keep one line per kind"
            )
            return
        rest = match["rest"]
        if rest is None:
            self.error(number, len(match[0]) + 1, "expected ':' after 'a week'")
            return
        column = match.start("rest") + 1 + (len(rest) - len(rest.lstrip()))
        words, sources = self._sources(number, rest.strip(), column)
        if activity in (Activity.LESSON, Activity.STRENGTH):
            items = self._lesson_ids(number, column, words)
            weekly = Weekly(activity, per_week, items=items, sources=sources, line=number)
        elif activity is Activity.CROSS:
            minutes, text = values.cross(self.error, number, column, words)
            weekly = Weekly(
                activity, per_week, minutes=minutes, text=text, sources=sources, line=number
            )
        else:
            weekly = Weekly(activity, per_week, sources=sources, line=number)
            if words:
                weekly = Weekly(
                    activity,
                    per_week,
                    build=values.build(self.error, number, column, words),
                    sources=sources,
                    line=number,
                )
            else:
                self._run = []
                self._run_line = (number, weekly)
        if not sources and not (activity is Activity.RUN and not words):
            self._no_source(number, len(self.lines[number - 1]) + 1)
        draft.weekly.append(weekly)

    def _no_source(self, number: int, column: int) -> None:
        self.warn(
            number,
            column,
            "no source is named for this line",
            "end the line with the article it follows, e.g. '(S3)'",
        )

    def _lesson_ids(self, number: int, column: int, words: str) -> tuple[str, ...]:
        ids: list[str] = []
        offset = 0
        for piece in words.split(","):
            at = column + offset + (len(piece) - len(piece.lstrip()))
            offset += len(piece) + 1
            lesson_id = piece.strip()
            if not lesson_id:
                continue
            if self.known_lessons is not None and lesson_id not in self.known_lessons:
                guess = did_you_mean(lesson_id, self.known_lessons)
                self.error(
                    number,
                    at,
                    f"no lesson '{lesson_id}'",
                    f"did you mean '{guess}'?" if guess else "`seesaw lessons` lists the lessons",
                )
                continue
            ids.append(lesson_id)
        if not ids and not words.strip():
            self.error(number, column, "name the lessons, e.g. 'weight-shift-1, weight-shift-2'")
        return tuple(ids)

    # -- run stages -------------------------------------------------------------------------

    def _stage(self, number: int, indent: int, text: str) -> None:
        assert self._run is not None
        words, sources = self._sources(number, text, indent + 1)
        match = _STAGE.match(words)
        if not match:
            self.error(
                number,
                indent + 1,
                f"expected a stage such as 'run 1m, walk 2m, 5 times' or 'run 20m', found '{words}'",
            )
            return
        run = values.seconds(self.error, number, indent + match.start("run") + 1, match["run"])
        walk = 0
        if match["walk"]:
            walk = (
                values.seconds(self.error, number, indent + match.start("walk") + 1, match["walk"])
                or 0
            )
        rounds = int(match["rounds"] or 1)
        if not 1 <= rounds <= 50:
            self.error(number, indent + match.start("rounds") + 1, "from 1 to 50 rounds")
            return
        if run is None:
            return
        if not sources:
            self._no_source(number, len(self.lines[number - 1]) + 1)
        self._run.append(RunStage(run, walk, rounds, sources, number))

    def _end_run(self) -> None:
        if self._run is None or self._run_line is None or self._phase is None:
            self._run = None
            return
        number, weekly = self._run_line
        stages = tuple(self._run)
        self._run, self._run_line = None, None
        if not stages:
            self.error(
                number,
                len(self.lines[number - 1]) + 1,
                "a run line needs its stages below it, indented, or a build",
                "for example '    run 1m, walk 2m, 5 times (S3)' on the next line",
            )
        index = next(i for i, w in enumerate(self._phase.weekly) if w is weekly)
        self._phase.weekly[index] = Weekly(
            weekly.activity, weekly.per_week, stages=stages, sources=weekly.sources, line=number
        )

    # -- sources ----------------------------------------------------------------------------

    def _sources(self, number: int, text: str, column: int) -> tuple[str, tuple[str, ...]]:
        """The words of a line without its closing '(S1, S3)', and the sources named there."""
        match = _SOURCES.search(text)
        if not match:
            return text, ()
        keys = tuple(k.strip() for k in match["keys"].split(","))
        for key in keys:
            if self.known_sources is not None and key not in self.known_sources:
                self.error(
                    number,
                    column + match.start("keys"),
                    f"no source '{key}'",
                    f"the sources are {', '.join(sorted(self.known_sources))}",
                )
        return text[: match.start()].rstrip(), keys
