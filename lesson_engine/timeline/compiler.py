"""A lesson unrolled into its timeline: repeats and sides expanded, every cue given an id that
outlives edits elsewhere in the file (``__init__.py`` says why)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lesson_engine.model.ids import slug
from lesson_engine.model.lesson import (
    Bell,
    Count,
    Lesson,
    Metronome,
    Pause,
    Repeat,
    Rest,
    Speak,
    Step,
)
from lesson_engine.model.lexicon import Lexicon
from lesson_engine.model.recordings import Span
from lesson_engine.script.spoken import caption_text, spoken_text
from lesson_engine.timeline.model import (
    BELL_MS,
    REST_CAPTION,
    Cue,
    DurationOf,
    Event,
    EventKind,
    SectionSpan,
    Timeline,
    Utterance,
    estimate_speech_ms,
)

_COUNT_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def count_word(number: int) -> str:
    return _COUNT_WORDS[number] if 0 <= number < len(_COUNT_WORDS) else str(number)


@dataclass(frozen=True)
class _Context:
    round: int | None = None
    rounds: int | None = None
    side: str | None = None
    other: str | None = None


@dataclass(frozen=True)
class _Pending:
    """An event before its cue is known: kind, length, texts and the key its cue id grows from."""

    kind: EventKind
    duration_ms: int
    text: str
    caption: str
    line: int
    key: str
    ctx: _Context
    audio: Path | None = None
    bpm: int | None = None
    span: Span | None = None


class _Compiler:
    def __init__(self, duration_of: DurationOf, lexicon: Lexicon) -> None:
        self._duration_of = duration_of
        self._lexicon = lexicon
        self.last_caption = ""

    def _said(
        self,
        written: str,
        key: str,
        line: int,
        ctx: _Context,
        audio: Path | None,
        span: Span | None = None,
    ) -> _Pending:
        """A cue the instructor wrote: the caption as written but for its pause markers, the voice
        given the lexicon's words and the pauses (``script/spoken.py``).

        The cue id grows from the written text (``key``), so a checkpoint outlives a change to the
        lexicon; the clip's cache key is the spoken text, so a new rule brings a new clip."""
        spoken = spoken_text(written, self._lexicon.apply)
        return self._speech(spoken, key, line, ctx, audio, span, caption=caption_text(written))

    def steps(self, steps: tuple[Step, ...], ctx: _Context) -> Iterator[_Pending]:
        for step in steps:
            yield from self.step(step, ctx)

    def step(self, step: Step, ctx: _Context) -> Iterator[_Pending]:
        if isinstance(step, Speak):
            yield self._said(
                _fill(step.text, ctx), step.text, step.line, ctx, step.audio, step.span
            )
        elif isinstance(step, Pause):
            yield _Pending(
                EventKind.PAUSE, step.duration_ms, "", self.last_caption, step.line, "pause", ctx
            )
        elif isinstance(step, Rest):
            filled = _fill(step.text, ctx)
            caption = caption_text(filled) or REST_CAPTION
            if step.text:
                yield self._said(filled, step.text, step.line, ctx, step.audio, step.span)
            self.last_caption = caption
            yield _Pending(EventKind.REST, step.duration_ms, "", caption, step.line, "rest", ctx)
        elif isinstance(step, Count):
            number = ctx.round or 1
            yield self._speech(count_word(number), "count", step.line, ctx, None, None, str(number))
        elif isinstance(step, Bell):
            yield _Pending(EventKind.BELL, BELL_MS, "", self.last_caption, step.line, "bell", ctx)
        elif isinstance(step, Metronome):
            caption = f"Step to the click: {step.bpm} steps a minute."
            self.last_caption = caption
            yield _Pending(
                EventKind.METRONOME,
                step.duration_ms,
                "",
                caption,
                step.line,
                f"metronome-{step.bpm}",
                ctx,
                bpm=step.bpm,
            )
        elif isinstance(step, Repeat):
            yield from self._repeat(step, ctx)
        else:
            for side, other in (step.sides, step.sides[::-1]):
                yield from self.steps(step.body, _Context(ctx.round, ctx.rounds, side, other))

    def _repeat(self, step: Repeat, ctx: _Context) -> Iterator[_Pending]:
        for number in range(1, step.times + 1):
            round_ctx = _Context(number, step.times, ctx.side, ctx.other)
            used = 0
            for pending in self.steps(step.body, round_ctx):
                used += pending.duration_ms
                yield pending
            if step.every_ms and used < step.every_ms:
                yield _Pending(
                    EventKind.PAUSE,
                    step.every_ms - used,
                    "",
                    self.last_caption,
                    step.line,
                    "pause",
                    round_ctx,
                )

    def _speech(
        self,
        text: str,
        key: str,
        line: int,
        ctx: _Context,
        audio: Path | None,
        span: Span | None,
        caption: str | None = None,
    ) -> _Pending:
        shown = caption if caption is not None else text
        self.last_caption = shown
        duration = max(1, int(self._duration_of(Utterance(text, audio, span))))
        if audio is not None and span is not None:
            # A span of a recorded lesson is the instruction itself; its caption is what the
            # author types in later, so a resumed lesson must find the cue by the span.
            key = f"{audio.name}@{span.start_ms}"
        return _Pending(
            EventKind.SPEECH, duration, text, shown, line, f"say:{key}", ctx, audio, span=span
        )


def _fill(text: str, ctx: _Context) -> str:
    if ctx.side is None:
        return text
    return re.sub(
        r"\{\s*(side|other)\s*\}",
        lambda m: (ctx.side if m.group(1).lower() == "side" else ctx.other) or "",
        text,
        flags=re.IGNORECASE,
    )


def _starts_cue(pending: _Pending, cue_open: bool) -> bool:
    return not cue_open or pending.kind not in (EventKind.PAUSE, EventKind.REST)


def compile_timeline(lesson: Lesson, duration_of: DurationOf = estimate_speech_ms) -> Timeline:
    compiler = _Compiler(duration_of, lesson.lexicon)
    events: list[Event] = []
    cues: list[Cue] = []
    sections: list[SectionSpan] = []
    position = 0
    for section_index, section in enumerate(lesson.sections):
        compiler.last_caption = ""
        section_start, first_cue = position, len(cues)
        seen: dict[str, int] = {}
        cue_start_event = -1
        for pending in compiler.steps(section.steps, _Context()):
            if _starts_cue(pending, cue_open=cue_start_event >= 0):
                _close_cue(cues, events)
                cue_start_event = len(events)
                cue_id = _cue_id(section.title, pending, seen)
                cues.append(
                    Cue(
                        len(cues),
                        cue_id,
                        position,
                        position,
                        section_index,
                        pending.caption,
                        pending.line,
                        len(events),
                        len(events),
                    )
                )
            events.append(
                Event(
                    index=len(events),
                    start_ms=position,
                    duration_ms=pending.duration_ms,
                    kind=pending.kind,
                    text=pending.text,
                    caption=pending.caption,
                    section=section_index,
                    cue=len(cues) - 1,
                    line=pending.line,
                    audio=pending.audio,
                    span=pending.span,
                    round=pending.ctx.round,
                    rounds=pending.ctx.rounds,
                    side=pending.ctx.side,
                    bpm=pending.bpm,
                )
            )
            position += pending.duration_ms
        _close_cue(cues, events)
        if len(cues) > first_cue:
            sections.append(
                SectionSpan(
                    len(sections),
                    section.title,
                    section_start,
                    position,
                    first_cue,
                    len(cues) - 1,
                    section.line,
                )
            )
    return Timeline(
        lesson.id,
        lesson.title,
        lesson.digest,
        tuple(events),
        tuple(cues),
        tuple(sections),
        position,
    )


def _close_cue(cues: list[Cue], events: list[Event]) -> None:
    if not cues:
        return
    cue = cues[-1]
    last = events[-1]
    cues[-1] = Cue(
        cue.index,
        cue.id,
        cue.start_ms,
        last.end_ms,
        cue.section,
        cue.caption,
        cue.line,
        cue.first_event,
        last.index,
    )


def _cue_id(section_title: str, pending: _Pending, seen: dict[str, int]) -> str:
    digest = hashlib.sha1(pending.key.encode("utf-8")).hexdigest()[:8]
    ctx = pending.ctx
    base = f"{slug(section_title, 'section')}/{digest}"
    if ctx.side:
        base += f"@{ctx.side}"
    if ctx.round:
        base += f"#{ctx.round}"
    occurrence = seen.get(base, 0) + 1
    seen[base] = occurrence
    return base if occurrence == 1 else f"{base}.{occurrence}"
