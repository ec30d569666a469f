"""The values on a programme's lines: weeks, criteria, allowances, lengths and builds.

Each reader takes the text after a line's keyword and the column it starts at, and reports every
problem at its own column through ``error``, so ``body.py`` keeps the shape of the file (phases,
weekly lines, a run's stages) and this module keeps what each value may be.
"""

from __future__ import annotations

import re
from typing import Protocol

from lesson_engine.programme.model import Build, Criterion, Need
from lesson_engine.script.diagnostics import did_you_mean
from lesson_engine.script.durations import DurationError, parse_duration_ms


class Report(Protocol):
    """Reports an error at a line and column of the programme being read."""

    def __call__(self, line: int, column: int, message: str, hint: str = "") -> None: ...


ALLOWS = ("hills", "speed")
CRITERIA_EXAMPLES = (
    "at least 2 weeks; strength 6 times; lessons 4 times; soreness at most 2 for 7 days; "
    "runs done; back to previous volume"
)
MAX_WEEKS = 52
_BUILD = re.compile(
    r"^build\s+from\s+(?P<start>\S+)\s+by\s+(?P<pct>\d{1,3})\s*%\s+a\s+week\s+to\s+(?P<until>\S+)$"
)
_CRITERIA: tuple[tuple[re.Pattern[str], Need], ...] = (
    (re.compile(r"^at least (?P<count>\d{1,3}) weeks?$"), Need.WEEKS),
    (re.compile(r"^strength (?P<count>\d{1,3}) times?$"), Need.STRENGTH),
    (re.compile(r"^lessons? (?P<count>\d{1,3}) times?$"), Need.LESSONS),
    (
        re.compile(r"^soreness at most (?P<level>\d{1,2}) for (?P<count>\d{1,3}) days?$"),
        Need.SORENESS,
    ),
    (re.compile(r"^runs done$"), Need.RUNS_DONE),
    (re.compile(r"^back to previous volume$"), Need.PREVIOUS_VOLUME),
)


def weeks(error: Report, number: int, column: int, value: str) -> tuple[int, int | None]:
    """'2' or '2 to 4': the fewest and, if given, the most weeks a phase lasts."""
    match = re.fullmatch(r"(\d{1,3})(?:\s+to\s+(\d{1,3}))?", value)
    if not match:
        error(number, column, f"expected weeks such as '2' or '2 to 4', found '{value}'")
        return (1, None)
    low = int(match[1])
    high = int(match[2]) if match[2] else None
    if not 1 <= low <= MAX_WEEKS or (high is not None and not low <= high <= MAX_WEEKS):
        error(
            number,
            column,
            f"weeks must run from 1 to {MAX_WEEKS}, the longest no shorter than the shortest",
        )
        return (1, None)
    return (low, high)


def allows(error: Report, number: int, column: int, value: str) -> frozenset[str]:
    """What a phase lets a run include that earlier phases hold back (hills, speed)."""
    found: set[str] = set()
    for word in (w.strip().lower() for w in value.split(",")):
        if word in ALLOWS:
            found.add(word)
            continue
        guess = did_you_mean(word, ALLOWS)
        error(
            number,
            column,
            f"a phase may allow 'hills' or 'speed', not '{word}'",
            f"did you mean '{guess}'?" if guess else "",
        )
    return frozenset(found)


def criteria(error: Report, number: int, column: int, value: str) -> tuple[Criterion, ...]:
    """Criteria split at ';', each reported at its own column; an unknown one is left out."""
    found: list[Criterion] = []
    offset = 0
    for piece in value.split(";"):
        at = column + offset + (len(piece) - len(piece.lstrip()))
        offset += len(piece) + 1
        written = " ".join(piece.split())
        if not written:
            continue
        criterion = one_criterion(written.lower(), written, number)
        if criterion is None:
            error(
                number,
                at,
                f"unknown criterion '{written}'",
                f"write criteria like: {CRITERIA_EXAMPLES}",
            )
        elif criterion.need is Need.SORENESS and criterion.level > 10:
            error(number, at, "soreness is rated from 0 to 10")
        elif criterion.count < 1 and criterion.need not in (
            Need.RUNS_DONE,
            Need.PREVIOUS_VOLUME,
        ):
            error(number, at, f"'{written}' needs a number of at least 1")
        else:
            found.append(criterion)
    if not found and value.strip():
        return ()
    if not value.strip():
        error(number, column, "no criteria given", f"write for example: {CRITERIA_EXAMPLES}")
    return tuple(found)


def one_criterion(text: str, written: str, number: int) -> Criterion | None:
    """The criterion ``text`` (lower case, single spaces) names, or None."""
    for pattern, need in _CRITERIA:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            return Criterion(
                need,
                count=int(groups.get("count") or 0),
                level=int(groups.get("level") or 0),
                written=written,
                line=number,
            )
    return None


def cross(error: Report, number: int, column: int, words: str) -> tuple[int, str]:
    """'30m cycling or swimming': the minutes of a cross-training session and what it is."""
    duration, _, text = words.partition(" ")
    try:
        minutes = round(parse_duration_ms(duration) / 60_000)
    except DurationError as exc:
        error(
            number,
            column,
            f"bad length: {exc}",
            "write it like 'cross 2 a week: 30m cycling or swimming'",
        )
        return 0, text.strip()
    if not 1 <= minutes <= 240:
        error(number, column, "a cross-training session lasts from 1 to 240 minutes")
    return minutes, text.strip()


def build(error: Report, number: int, column: int, words: str) -> Build | None:
    """'build from 30m by 10% a week to 45m', refused above the 10 % a week S3 and S4 advise."""
    match = _BUILD.match(words)
    if not match:
        error(
            number,
            column,
            f"expected 'build from 30m by 10% a week to 45m', found '{words}'",
            "or end the line after ':' and list the stages below it, indented",
        )
        return None
    start = seconds(error, number, column + match.start("start"), match["start"])
    until = seconds(error, number, column + match.start("until"), match["until"])
    percent = int(match["pct"])
    if not 1 <= percent <= 10:
        error(
            number,
            column + match.start("pct"),
            f"a week may add at most 10 % of running, not {percent} %",
            "S3 and S4 both advise adding no more than 10 % a week",
        )
        return None
    if start is None or until is None:
        return None
    if until <= start:
        error(number, column + match.start("until"), "the target must be longer than the start")
        return None
    return Build(start, percent, until)


def seconds(error: Report, number: int, column: int, text: str) -> int | None:
    """A length such as '90s' or '2m' in whole seconds, or None when it cannot be read."""
    try:
        return parse_duration_ms(text) // 1000
    except DurationError as exc:
        error(number, column, f"bad duration: {exc}")
        return None
