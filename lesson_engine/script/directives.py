"""The bracketed directives of a lesson body: ``[pause 8s]``, ``[rest 1m] words``, ``[repeat 6]``…

Split from the body parser so that file reads as the structure (sections, blocks, paragraphs) and
this one as what each directive does with its line and the lines under it; the small grammar
inside the brackets (durations, rounds, sides, tempo) is in ``arguments.py``.
"""

from __future__ import annotations

from pathlib import Path

from lesson_engine.model.lesson import Bell, Count, Pause, Repeat, Rest, Sides, Step
from lesson_engine.model.recordings import (
    AUDIO_SUFFIXES,
    RecordingLength,
    RecordingUnreadable,
    Span,
)
from lesson_engine.script.arguments import DirectiveArguments, split_recording
from lesson_engine.script.diagnostics import did_you_mean
from lesson_engine.script.durations import format_time
from lesson_engine.script.lines import (
    DIRECTIVES,
    MAX_NESTING,
    Block,
    BodyLines,
    Context,
    Part,
)


class Directives(DirectiveArguments):
    """Mixed into the body parser, which provides the lines, the reporting and the blocks."""

    _lines: BodyLines
    _first: int
    _base_dir: Path | None
    _recording_length: RecordingLength

    def _warn(self, line: int, column: int, message: str, hint: str = "") -> None:
        raise NotImplementedError

    def _parse_block(self, pos: int, indent: int, ctx: Context) -> tuple[Block, int]:
        raise NotImplementedError

    def _add_step(self, block: Block, step: Step, ctx: Context) -> None:
        raise NotImplementedError

    def _add_block(self, block: Block, step: Repeat | Sides, unrolled: int, ctx: Context) -> None:
        raise NotImplementedError

    def _check_cue_text(self, text: str, parts: list[Part], ctx: Context) -> None:
        raise NotImplementedError

    def _audio_without_cue(self, number: int) -> None:
        raise NotImplementedError

    def _begin_top_level_block(self, number: int) -> None:
        raise NotImplementedError

    def _directive(self, pos: int, indent: int, ctx: Context, block: Block) -> int:
        """Read the directive on line ``pos`` (and, for blocks and rests, the lines it owns);
        returns the position of the next line to read."""
        content = self._lines.content[pos]
        lead = self._lines.lead[pos]
        number = self._first + pos
        close = content.find("]")
        if close < 0:
            self._error(
                number,
                lead + 1,
                "unclosed bracket: '[' has no ']'",
                "close the directive with ']', e.g. [pause 5s]",
            )
            return pos + 1
        inner = content[1:close]
        token = inner.split(maxsplit=1)[0] if inner.strip() else ""
        name = token.lower()
        name_at = len(inner) - len(inner.lstrip())
        after = inner[name_at + len(token) :]
        args = after.strip()
        args_column = lead + 2 + name_at + len(token) + len(after) - len(after.lstrip())
        if not args:
            args_column = lead + close + 1
        rest_of_line = content[close + 1 :]
        trailing, trailing_column = "", 0
        if rest_of_line:
            trailing = rest_of_line.strip()
            trailing_column = lead + close + 2 + len(rest_of_line) - len(rest_of_line.lstrip())
        if not name:
            self._error(number, lead + 1, "empty directive '[]'", "e.g. [pause 5s] or [bell]")
            return pos + 1
        if name not in DIRECTIVES:
            guess = did_you_mean(name, DIRECTIVES)
            self._error(
                number,
                lead + 2,
                f"unknown directive [{inner.strip()}]",
                f"did you mean [{guess}]?"
                if guess
                else f"known directives: {', '.join(DIRECTIVES)}",
            )
            return pos + 1
        if block.audio is not None and name != "rest":
            self._audio_without_cue(block.audio[1])
            block.audio, block.span = None, None
        if trailing and name not in ("rest", "audio"):
            self._error(
                number,
                trailing_column,
                f"text after [{name}] on the same line",
                "start the text on a new line; only [rest] and [audio] take text after ']'",
            )
        if name in ("repeat", "sides"):
            return self._block_directive(pos, indent, ctx, block, name, args, args_column)
        if name == "rest":
            return self._rest(pos, indent, ctx, block, args, args_column, trailing, trailing_column)
        if name == "pause":
            duration = self._duration(number, args, args_column, "pause")
            if duration:
                self._add_step(block, Pause(duration, number), ctx)
        elif name == "audio":
            self._audio(number, args, args_column, block, trailing, trailing_column)
        elif name == "metronome":
            metronome = self._metronome(number, args, args_column)
            if metronome:
                self._add_step(block, metronome, ctx)
        elif self._no_arguments(number, name, args, args_column):
            if name == "bell":
                self._add_step(block, Bell(number), ctx)
            elif not ctx.in_repeat:
                self._error(
                    number,
                    lead + 1,
                    "[count] only works inside [repeat]",
                    "it says the round number aloud: put it in the indented block under [repeat]",
                )
            else:
                self._add_step(block, Count(number), ctx)
        return pos + 1

    def _rest(
        self,
        pos: int,
        indent: int,
        ctx: Context,
        block: Block,
        args: str,
        args_column: int,
        trailing: str,
        trailing_column: int,
    ) -> int:
        number = self._first + pos
        tokens = args.split(maxsplit=1)
        duration = self._duration(number, tokens[0] if tokens else "", args_column, "rest")
        if len(tokens) > 1:
            self._error(
                number,
                args_column + len(args) - len(tokens[1]),
                "[rest] takes one duration",
                "put the words after ']', e.g. [rest 60s] Roll onto your back and rest.",
            )
        parts: list[Part] = [(number, trailing_column - 1, trailing)] if trailing else []
        content, indents, lead = self._lines.content, self._lines.indent, self._lines.lead
        pos += 1
        while pos < len(content):
            text = content[pos]
            if text.startswith("//"):
                pos += 1
                continue
            if not text or indents[pos] != indent or text[0] in "[#":
                break
            parts.append((self._first + pos, lead[pos], text))
            pos += 1
        text = " ".join([part for _, _, part in parts])
        self._check_cue_text(text, parts, ctx)
        audio = block.audio[0] if block.audio else None
        span, block.audio, block.span = block.span, None, None
        if duration:
            self._add_step(block, Rest(duration, text, number, audio, span), ctx)
        return pos

    def _audio(
        self,
        number: int,
        args: str,
        column: int,
        block: Block,
        trailing: str,
        trailing_column: int,
    ) -> None:
        if not args:
            self._error(
                number, column, "[audio] needs a file path", "e.g. [audio clips/ending.ogg]"
            )
            return
        args, span_text, span_at = split_recording(args)
        relative = Path(args)
        if relative.is_absolute() or args.startswith("~"):
            self._error(
                number,
                column,
                f"the audio path '{args}' is absolute",
                "write it relative to the lesson file, e.g. [audio clips/ending.ogg], so the lesson can be shared",
            )
            return
        if relative.suffix.lower() not in AUDIO_SUFFIXES:
            self._error(
                number,
                column,
                f"'{args}' is not a supported recording",
                f"use a {', '.join(AUDIO_SUFFIXES[:-1])} or {AUDIO_SUFFIXES[-1]} file",
            )
            return
        span = self._span_arguments(number, span_text, column + span_at) if span_text else None
        if span_text and span is None:
            return
        resolved = self._base_dir / relative if self._base_dir else relative
        if self._base_dir and not _is_file(resolved):
            self._warn(
                number,
                column,
                f"recording not found: {args}",
                "the voice will read the cue's text instead; check the path, relative to the lesson file",
            )
        elif not self._recording_fits(number, column, span_at, span, resolved):
            return
        block.audio, block.span = (resolved, number), span
        if trailing:
            block.paragraph.append((number, trailing_column - 1, trailing))

    def _recording_fits(
        self, number: int, column: int, span_at: int, span: Span | None, path: Path
    ) -> bool:
        """Whether the span lies inside the recording, when ``_recording_length`` can tell (the
        engine's own reads a WAV's header; ``seesaw check`` also asks a decoder about MP3, OGG
        and FLAC); others are checked as they are played. A recording that cannot be read is
        warned of at its path, as a missing one is: the voice reads the cue instead. It is
        measured with or without a span, so a text file named ``.mp3`` is caught either way."""
        try:
            length = self._recording_length(path) if self._base_dir else None
        except RecordingUnreadable as exc:
            self._warn(
                number,
                column,
                f"cannot read the recording {path.name}: {exc}",
                "the voice will read the cue's text instead; check that the file plays, or "
                "export it again",
            )
            return True
        if length is None or span is None:
            return True
        column += span_at
        late = span.start_ms if span.start_ms >= length else span.end_ms
        if late is None or late <= length:
            return True
        where = "starts" if late == span.start_ms else "ends"
        self._error(
            number,
            column,
            f"the span {where} at {format_time(late)}, past the end of {path.name} "
            f"({format_time(length)} long)",
            "check the times against the recording",
        )
        return False

    def _block_directive(
        self, pos: int, indent: int, ctx: Context, block: Block, name: str, args: str, column: int
    ) -> int:
        number = self._first + pos
        lead = self._lines.lead[pos]
        header_ok = True
        times, every, sides = 1, None, ("", "")
        if name == "repeat":
            parsed = self._repeat_arguments(number, args, column)
            header_ok = parsed is not None
            if parsed:
                times, every = parsed
        else:
            if ctx.in_sides:
                self._error(
                    number,
                    lead + 1,
                    "[sides] inside [sides]",
                    "one [sides] block already runs everything once per side; remove the inner one",
                )
                header_ok = False
            parsed_sides = self._sides_arguments(number, args, column)
            header_ok = header_ok and parsed_sides is not None
            if parsed_sides:
                sides = parsed_sides
        content, indents = self._lines.content, self._lines.indent
        body_pos = pos + 1
        while body_pos < len(content) and (
            not content[body_pos] or content[body_pos].startswith("//")
        ):
            body_pos += 1
        if body_pos >= len(content) or indents[body_pos] <= indent:
            shown = content[pos]
            self._error(
                number,
                lead + 1,
                f"[{shown[1 : shown.find(']')].strip()}] needs an indented block under it",
                f"indent the lines to {'repeat' if name == 'repeat' else 'run on each side'} by four spaces under [{name}]",
            )
            return pos + 1
        if ctx.depth + 1 > MAX_NESTING:
            self._error(
                number,
                lead + 1,
                f"blocks nested more than {MAX_NESTING} deep",
                "a [repeat] or [sides] inside another is fine once or twice; flatten the rest",
            )
            return self._skip_block(body_pos, indent)
        if ctx.depth == 0:
            self._begin_top_level_block(number)
        body, end = self._parse_block(body_pos, indents[body_pos], ctx.inside(name))
        if header_ok and body.steps:
            if name == "repeat":
                step: Repeat | Sides = Repeat(times, every, tuple(body.steps), number)
                self._add_block(block, step, times * body.unrolled, ctx)
            else:
                self._add_block(
                    block, Sides(sides, tuple(body.steps), number), 2 * body.unrolled, ctx
                )
        return end

    def _skip_block(self, pos: int, indent: int) -> int:
        """Past every line indented deeper than ``indent``, read no further (it is in error)."""
        content, indents = self._lines.content, self._lines.indent
        while pos < len(content) and (
            not content[pos] or content[pos].startswith("//") or indents[pos] > indent
        ):
            pos += 1
        return pos


def _is_file(path: Path) -> bool:
    """Whether a recording is there. A path the system cannot look up at all (a name too long
    for it, a folder it may not enter) has no recording either: a warning, never a crash."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
