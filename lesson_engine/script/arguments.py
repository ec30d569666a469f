"""Checking the arguments of bracketed directives: durations, rounds, sides, tempo.

Split from the body parser so that file reads as structure (blocks, paragraphs, directives) and
this one as the small grammar inside the brackets. Every check reports through ``_error`` and
returns None when the argument is unusable, so the parser can go on to the next line.
"""

from __future__ import annotations

import re

from lesson_engine.model.lesson import Metronome
from lesson_engine.model.recordings import AUDIO_SUFFIXES, Span
from lesson_engine.script.diagnostics import did_you_mean
from lesson_engine.script.durations import (
    ACCEPTED_FORMS,
    TIME_FORMS,
    DurationError,
    format_duration,
    format_time,
    parse_duration_ms,
    parse_time_ms,
)
from lesson_engine.script.lines import (
    BPM_RANGE,
    EXAMPLES,
    LIMITS_MS,
    MAX_REPEAT,
    whole_number,
)

_RECORDING_PATH = re.compile(
    r"^(.*?(?:" + "|".join(re.escape(s) for s in AUDIO_SUFFIXES) + r"))(?=\s|$)", re.IGNORECASE
)
SPAN_EXAMPLE = "[audio lesson.mp3 from 1:23.4 to 1:31.0]"


def split_recording(args: str) -> tuple[str, str, int]:
    """``lesson.mp3 from 1:23 to 1:31`` as the path, the span's words and where they start.

    The path ends at its first recording suffix followed by a space, so a path with spaces in it
    still reads whole; without such a suffix the whole text is the path (and refused as such).
    """
    match = _RECORDING_PATH.match(args)
    if not match or not args[match.end() :].strip():
        return args, "", 0
    rest = args[match.end() :]
    return match.group(1), rest.strip(), match.end() + len(rest) - len(rest.lstrip())


class DirectiveArguments:
    """Mixed into the body parser; needs its ``_error``."""

    def _error(self, line: int, column: int, message: str, hint: str = "") -> None:
        raise NotImplementedError

    def _no_arguments(self, number: int, name: str, args: str, column: int) -> bool:
        if args:
            self._error(
                number,
                column,
                f"[{name}] takes nothing after its name",
                f"write {EXAMPLES[name]}",
            )
            return False
        return True

    def _duration(self, number: int, text: str, column: int, what: str) -> int | None:
        if not text:
            self._error(
                number,
                column,
                f"[{what}] needs a duration" if what != "every" else "'every' needs a duration",
                f"e.g. {EXAMPLES.get(what, '[repeat 6 every 7s]')}",
            )
            return None
        try:
            duration = parse_duration_ms(text)
        except DurationError as exc:
            self._error(
                number, column, f"bad duration: {exc}", f"durations look like {ACCEPTED_FORMS}"
            )
            return None
        limit = LIMITS_MS[what]
        if duration > limit:
            self._error(
                number,
                column,
                f"{format_duration(duration)} is too long for {'[' + what + ']' if what != 'every' else 'a round'}",
                f"the longest allowed is {format_duration(limit)}",
            )
            return None
        return duration

    def _metronome(self, number: int, args: str, column: int) -> Metronome | None:
        tokens = args.split()
        example = "write it like [metronome 172 for 60s]"
        if len(tokens) != 3 or tokens[1].lower() != "for":
            guess = did_you_mean(tokens[1], ("for",)) if len(tokens) == 3 else None
            message = f"did you mean 'for'? {example}" if guess else example
            self._error(number, column, "[metronome] needs a tempo and a duration", message)
            return None
        bpm_text, _, duration_text = tokens
        bpm = whole_number(bpm_text)
        if bpm is None or not BPM_RANGE[0] <= bpm <= BPM_RANGE[1]:
            self._error(
                number,
                column,
                f"the tempo '{bpm_text}' is not a number of steps a minute from {BPM_RANGE[0]} to {BPM_RANGE[1]}",
                "runners' cadence is usually 160–185; e.g. [metronome 172 for 60s]",
            )
            return None
        duration = self._duration(
            number, duration_text, column + args.rfind(duration_text), "metronome"
        )
        return Metronome(bpm, duration, number) if duration else None

    def _repeat_arguments(
        self, number: int, args: str, column: int
    ) -> tuple[int, int | None] | None:
        tokens = args.split()
        if not tokens:
            self._error(
                number, column, "[repeat] needs a number of rounds", "e.g. [repeat 6 every 7s]"
            )
            return None
        count_text = tokens[0]
        times = whole_number(count_text)
        if times is None:
            self._error(
                number,
                column,
                f"'{count_text}' is not a number of rounds",
                "e.g. [repeat 6 every 7s]",
            )
            return None
        if not 1 <= times <= MAX_REPEAT:
            self._error(
                number,
                column,
                f"[repeat {times}] {'runs nothing' if times <= 0 else 'is too many rounds'}",
                f"use a number from 1 to {MAX_REPEAT}",
            )
            return None
        if len(tokens) == 1:
            return times, None
        keyword_column = column + args.find(tokens[1], len(count_text))
        if tokens[1].lower() == "every" and len(tokens) == 2:
            self._error(
                number,
                keyword_column + len(tokens[1]),
                "'every' needs a duration",
                f"e.g. [repeat {times} every 7s]",
            )
            return None
        if tokens[1].lower() != "every" or len(tokens) != 3:
            guess = tokens[1].lower() != "every" and did_you_mean(tokens[1], ("every",))
            self._error(
                number,
                keyword_column,
                "expected 'every' and a duration after the number of rounds",
                f"did you mean 'every'? write [repeat {times} every 7s]"
                if guess
                else f"write [repeat {times}] or [repeat {times} every 7s]",
            )
            return None
        every = self._duration(number, tokens[2], column + args.rfind(tokens[2]), "every")
        return (times, every) if every else None

    def _sides_arguments(self, number: int, args: str, column: int) -> tuple[str, str] | None:
        names = [part.strip() for part in args.split(",")]
        if len(names) != 2 or not all(names):
            self._error(
                number,
                column,
                "[sides] takes two sides separated by a comma",
                "e.g. [sides left, right]",
            )
            return None
        if names[0].lower() == names[1].lower():
            self._error(number, column, f"both sides are '{names[0]}'", "e.g. [sides left, right]")
            return None
        return names[0], names[1]

    def _span_arguments(self, number: int, text: str, column: int) -> Span | None:
        """``from 1:23.4 to 1:31.0`` (either half may be left out) as a Span; None after an error."""
        words = [(m.group(0), column + m.start()) for m in re.finditer(r"\S+", text)]
        times: dict[str, tuple[int, int]] = {}
        index = 0
        while index < len(words):
            word, at = words[index]
            keyword = word.lower()
            expected = ("from", "to") if not times else ("to",) if "to" not in times else ()
            if keyword not in expected:
                guess = did_you_mean(keyword, expected) if expected else None
                self._error(
                    number,
                    at,
                    f"unexpected '{word}' after the recording's path"
                    if expected
                    else f"'{word}' after the span's end",
                    f"did you mean '{guess}'? e.g. {SPAN_EXAMPLE}"
                    if guess
                    else f"a span is written 'from' a time 'to' a time, e.g. {SPAN_EXAMPLE}",
                )
                return None
            if index + 1 >= len(words):
                self._error(
                    number,
                    at + len(word),
                    f"'{keyword}' needs a time",
                    f"times look like {TIME_FORMS}, e.g. {SPAN_EXAMPLE}",
                )
                return None
            value, value_at = words[index + 1]
            try:
                times[keyword] = (parse_time_ms(value), value_at)
            except DurationError as exc:
                self._error(number, value_at, f"bad time: {exc}", f"e.g. {SPAN_EXAMPLE}")
                return None
            index += 2
        start = times.get("from", (0, column))[0]
        if "to" in times and times["to"][0] <= start:
            end, end_at = times["to"]
            self._error(
                number,
                end_at,
                f"the span ends ({format_time(end)}) before it starts ({format_time(start)})"
                if end < start
                else f"the span ends where it starts ({format_time(start)}): it holds no sound",
                "the time after 'to' must be later than the one after 'from'",
            )
            return None
        return Span(start, times["to"][0] if "to" in times else None)
