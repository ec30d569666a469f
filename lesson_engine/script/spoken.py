"""Pauses inside one cue: ``Breathe in. [pause 2s] And out.``, and the ellipsis.

A ``[pause D]`` on a line of its own is silence between cues; written inside a cue's text it is a
silence the voice leaves mid-instruction, and the caption shows the text without it. An ellipsis
(``…`` or ``...``) with more words after it is a short pause too, as a teacher would make it; it
stays in the caption, where it is punctuation. The voice is given the cue in pieces with the
silences between (``audio/voices/synthesis.py``), so a clip's length, and with it the timeline,
counts every pause.

What the voice is given keeps the pauses as markers in one spelling (``[pause 0.6s]``, ellipses
included), so a cue is one text: the key of its cached clip, and what ``pieces`` splits again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lesson_engine.script.durations import (
    ACCEPTED_FORMS,
    DurationError,
    format_duration,
    parse_duration_ms,
)
from lesson_engine.script.lines import DIRECTIVES

INLINE_PAUSE = re.compile(r"\[\s*pause\b([^\[\]]*)\]", re.IGNORECASE)
ELLIPSIS = re.compile(r"(?:\.\.\.|…)(?=\s*\w)")
"""An ellipsis with words after it: at the end of a cue the breath after every cue is its pause."""
ELLIPSIS_MS = 600
MAX_INLINE_PAUSE_MS = 10_000
"""Longer silences end the instruction: they belong on a line of their own."""
_OTHER_DIRECTIVE = re.compile(
    rf"\[\s*({'|'.join(d for d in DIRECTIVES if d != 'pause')})\b[^\[\]]*\]", re.IGNORECASE
)
_BREAKS = re.compile(f"{INLINE_PAUSE.pattern}|{ELLIPSIS.pattern}", re.IGNORECASE)
_MARKER_AND_SPACE = re.compile(rf"\s*{INLINE_PAUSE.pattern}\s*", re.IGNORECASE)

Piece = tuple[str, int]
"""Words to say, and the silence (ms) after them."""


def caption_text(text: str) -> str:
    """The cue as the screen shows it: every pause marker taken out (the text itself otherwise)."""
    if "[" not in text:
        return text
    return _MARKER_AND_SPACE.sub(" ", text).strip()


def pieces(text: str) -> list[Piece]:
    """The words between pauses and the pause after each; one piece when there is no pause."""
    found: list[Piece] = []
    start = 0
    for match in _BREAKS.finditer(text):
        found.append((text[start : match.start()].strip(), _pause_ms(match)))
        start = match.end()
    found.append((text[start:].strip(), 0))
    return found if len(found) > 1 else [(text, 0)]


def spoken_text(text: str, say: Callable[[str], str]) -> str:
    """What the voice is given: each piece through ``say`` (the lexicon), pauses as markers."""
    parts = pieces(text)
    if len(parts) == 1:
        return say(text)
    out = []
    for words, pause_ms in parts:
        if words:
            out.append(say(words))
        if pause_ms:
            out.append(f"[pause {format_duration(pause_ms)}]")
    return " ".join(out)


def pause_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset in ``text``, message, hint) for each pause marker in it that cannot be honoured."""
    for match in INLINE_PAUSE.finditer(text):
        argument = match.group(1).strip()
        at = match.start(1) + len(match.group(1)) - len(match.group(1).lstrip())
        if not argument:
            yield match.start(), "[pause] inside a cue needs a duration", "e.g. [pause 1s]"
            continue
        try:
            duration = parse_duration_ms(argument)
        except DurationError as exc:
            yield at, f"bad duration: {exc}", f"durations look like {ACCEPTED_FORMS}"
            continue
        if duration > MAX_INLINE_PAUSE_MS:
            yield (
                at,
                f"{format_duration(duration)} is too long for a pause inside a cue",
                f"the longest is {format_duration(MAX_INLINE_PAUSE_MS)}; for a longer silence, "
                "end the cue and write the [pause] on a line of its own",
            )


def misplaced_directives(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, hint) for each directive other than [pause] written inside a cue's
    words: it would be read aloud, brackets and all. Other brackets ('[sic]') are words."""
    for match in _OTHER_DIRECTIVE.finditer(text):
        name = match.group(1).lower()
        yield (
            match.start(),
            f"[{name}] cannot be inside a cue; only [pause] can",
            "write it on a line of its own, before or after the cue",
        )


def _pause_ms(match: re.Match[str]) -> int:
    argument = match.group(1)
    if argument is None:
        return ELLIPSIS_MS
    try:
        return min(parse_duration_ms(argument), MAX_INLINE_PAUSE_MS)
    except DurationError:  # refused by the checker; a text that was never checked says nothing
        return 0
