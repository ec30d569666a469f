"""Checking the arguments of bracketed directives: durations, rounds, sides, tempo.

Split from the body parser so that file reads as structure (blocks, paragraphs, directives) and
this one as the small grammar inside the brackets. Every check reports through ``_error`` and
returns None when the argument is unusable, so the parser can go on to the next line.
"""

from __future__ import annotations

from lesson_engine.model.lesson import Metronome
from lesson_engine.script.diagnostics import did_you_mean
from lesson_engine.script.durations import (
    ACCEPTED_FORMS,
    DurationError,
    format_duration,
    parse_duration_ms,
)
from lesson_engine.script.lines import (
    BPM_RANGE,
    EXAMPLES,
    LIMITS_MS,
    MAX_REPEAT,
    whole_number,
)


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
