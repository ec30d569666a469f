"""The body of a lesson script: sections, paragraphs and bracketed directives.

Indentation carries structure (the steps under ``[repeat]`` and ``[sides]``), so every line is
measured once up front. Errors are reported and parsing goes on, so an instructor sees every
problem in one pass; ``parsed_cleanly`` tells the caller whether any were found.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lesson_engine.model.lesson import Bell, Count, Pause, Repeat, Rest, Section, Sides, Speak, Step
from lesson_engine.model.recordings import AUDIO_SUFFIXES
from lesson_engine.script.arguments import DirectiveArguments
from lesson_engine.script.diagnostics import Diagnostic, Severity, did_you_mean
from lesson_engine.script.lines import (
    DIRECTIVES,
    IMPLICIT_SECTION,
    MAX_EXPANDED_STEPS,
    MAX_NESTING,
    PLACEHOLDER,
    PLACEHOLDERS,
    Block,
    Context,
    Line,
)

__all__ = ["DIRECTIVES", "BodyParser"]


class BodyParser(DirectiveArguments):
    def __init__(
        self,
        lines: tuple[str, ...],
        start: int,
        report: Callable[[Diagnostic], None],
        path: str,
        base_dir: Path | None,
    ) -> None:
        self._source = lines
        self._report = report
        self._path = path
        self._base_dir = base_dir
        self.parsed_cleanly = True
        self._lines = [self._measure(index + 1, lines[index]) for index in range(start, len(lines))]

    # -- reporting -------------------------------------------------------------------------

    def _error(self, line: int, column: int, message: str, hint: str = "") -> None:
        self.parsed_cleanly = False
        self._emit(Severity.ERROR, line, column, message, hint)

    def _warn(self, line: int, column: int, message: str, hint: str = "") -> None:
        self._emit(Severity.WARNING, line, column, message, hint)

    def _emit(self, severity: Severity, line: int, column: int, message: str, hint: str) -> None:
        source = self._source[line - 1] if 0 < line <= len(self._source) else ""
        self._report(Diagnostic(severity, self._path, line, column, message, hint, source))

    def _measure(self, number: int, raw: str) -> Line:
        if not raw or raw[0] not in " \t":  # most lines: nothing to measure
            return Line(number, 0, raw.rstrip(), 0)
        stripped = raw.lstrip(" \t")
        leading = raw[: len(raw) - len(stripped)]
        if "\t" in leading and stripped:
            self._error(
                number,
                leading.index("\t") + 1,
                "a tab in the indentation",
                "indent with spaces (four per level): tabs look different in every editor",
            )
        return Line(number, len(leading.replace("\t", "    ")), stripped.rstrip(), len(leading))

    # -- structure -------------------------------------------------------------------------

    def parse(self) -> tuple[Section, ...]:
        sections: list[Section] = []
        title, title_line, pos = IMPLICIT_SECTION, self._first_line_number(), 0
        while True:
            steps, pos = self._parse_block(pos, 0, Context())
            if steps:
                sections.append(Section(title, title_line, tuple(steps)))
            elif title != IMPLICIT_SECTION:
                self._warn(
                    title_line,
                    1,
                    f"the section '{title}' is empty",
                    "add what the voice says under it, or remove the heading",
                )
            if pos >= len(self._lines):
                break
            heading = self._lines[pos]
            title, title_line = heading.content.lstrip("#").strip(), heading.number
            if not title:
                self._error(
                    heading.number,
                    1,
                    "a section heading needs a title",
                    "e.g. '# Lifting the knee'",
                )
                title = "Untitled section"
            pos += 1
        self._check_size(sections)
        return tuple(sections)

    def _first_line_number(self) -> int:
        return self._lines[0].number if self._lines else len(self._source)

    def _parse_block(self, pos: int, indent: int, ctx: Context) -> tuple[list[Step], int]:
        block = Block()
        while pos < len(self._lines):
            line = self._lines[pos]
            if line.is_blank:
                self._flush_paragraph(block, ctx)
                pos += 1
                continue
            if line.is_comment:
                pos += 1
                continue
            if line.indent < indent:
                break
            if line.indent > indent:
                self._error(
                    line.number,
                    line.lead + 1,
                    "unexpected indentation",
                    "a paragraph's lines start in the same column"
                    if block.paragraph
                    else "indent only the lines under [repeat] or [sides]",
                )
                pos += 1
                continue
            if line.content.startswith("#"):
                if ctx.depth == 0:
                    break
                self._error(
                    line.number,
                    line.lead + 1,
                    "a section heading cannot be inside a [repeat] or [sides] block",
                    "move the heading above the block, without indentation",
                )
                pos += 1
                continue
            if line.content.startswith("["):
                self._flush_paragraph(block, ctx)
                pos = self._directive(pos, indent, ctx, block)
                continue
            block.paragraph.append((line, line.lead, line.content))
            pos += 1
        self._flush_paragraph(block, ctx)
        if block.audio is not None:
            self._audio_without_cue(block.audio[1])
        return block.steps, pos

    def _flush_paragraph(self, block: Block, ctx: Context) -> None:
        if not block.paragraph:
            return
        first = block.paragraph[0][0]
        for line, offset, text in block.paragraph:
            self._check_placeholders(line, offset, text, ctx)
        text = " ".join(part for _, _, part in block.paragraph)
        audio = block.audio[0] if block.audio else None
        block.steps.append(Speak(text, first.number, audio))
        block.paragraph.clear()
        block.audio = None

    def _check_placeholders(self, line: Line, offset: int, text: str, ctx: Context) -> None:
        for match in PLACEHOLDER.finditer(text):
            name = match.group(1).strip().lower()
            column = offset + match.start() + 1
            if name not in PLACEHOLDERS:
                guess = did_you_mean(name, PLACEHOLDERS)
                self._error(
                    line.number,
                    column,
                    f"unknown placeholder {match.group(0)}",
                    f"did you mean {{{guess}}}?"
                    if guess
                    else "the placeholders are {side} and {other}",
                )
            elif not ctx.in_sides:
                self._error(
                    line.number,
                    column,
                    f"{{{name}}} is only filled in inside a [sides] block",
                    "put this cue under [sides left, right], indented",
                )

    def _audio_without_cue(self, line: Line) -> None:
        self._error(
            line.number,
            line.lead + 1,
            "[audio] has no cue after it",
            "write the cue's text on the same line after ']' or on the next line: it stays the caption",
        )

    # -- directives ------------------------------------------------------------------------

    def _directive(self, pos: int, indent: int, ctx: Context, block: Block) -> int:
        line = self._lines[pos]
        close = line.content.find("]")
        if close < 0:
            self._error(
                line.number,
                line.lead + 1,
                "unclosed bracket: '[' has no ']'",
                "close the directive with ']', e.g. [pause 5s]",
            )
            return pos + 1
        inner = line.content[1:close]
        token = inner.split(maxsplit=1)[0] if inner.strip() else ""
        name = token.lower()
        name_at = len(inner) - len(inner.lstrip())
        after = inner[name_at + len(token) :]
        args = after.strip()
        args_column = line.lead + 2 + name_at + len(token) + len(after) - len(after.lstrip())
        if not args:
            args_column = line.lead + close + 1
        trailing = line.content[close + 1 :].strip()
        trailing_column = (
            line.lead
            + close
            + 2
            + (len(line.content[close + 1 :]) - len(line.content[close + 1 :].lstrip()))
        )
        if not name:
            self._error(
                line.number, line.lead + 1, "empty directive '[]'", "e.g. [pause 5s] or [bell]"
            )
            return pos + 1
        if name not in DIRECTIVES:
            guess = did_you_mean(name, DIRECTIVES)
            self._error(
                line.number,
                line.lead + 2,
                f"unknown directive [{inner.strip()}]",
                f"did you mean [{guess}]?"
                if guess
                else f"known directives: {', '.join(DIRECTIVES)}",
            )
            return pos + 1
        if block.audio is not None and name not in ("rest",):
            self._audio_without_cue(block.audio[1])
            block.audio = None
        if trailing and name not in ("rest", "audio"):
            self._error(
                line.number,
                trailing_column,
                f"text after [{name}] on the same line",
                "start the text on a new line; only [rest] and [audio] take text after ']'",
            )
        if name in ("repeat", "sides"):
            return self._block_directive(pos, indent, ctx, block, name, args, args_column)
        if name == "pause":
            duration = self._duration(line, args, args_column, "pause")
            if duration:
                block.steps.append(Pause(duration, line.number))
        elif name == "rest":
            return self._rest(pos, indent, ctx, block, args, args_column, trailing, trailing_column)
        elif name == "audio":
            self._audio(line, args, args_column, block, trailing, trailing_column)
        elif name == "metronome":
            metronome = self._metronome(line, args, args_column)
            if metronome:
                block.steps.append(metronome)
        elif self._no_arguments(line, name, args, args_column):
            if name == "bell":
                block.steps.append(Bell(line.number))
            elif not ctx.in_repeat:
                self._error(
                    line.number,
                    line.lead + 1,
                    "[count] only works inside [repeat]",
                    "it says the round number aloud: put it in the indented block under [repeat]",
                )
            else:
                block.steps.append(Count(line.number))
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
        line = self._lines[pos]
        tokens = args.split(maxsplit=1)
        duration = self._duration(line, tokens[0] if tokens else "", args_column, "rest")
        if len(tokens) > 1:
            self._error(
                line.number,
                args_column + len(args) - len(tokens[1]),
                "[rest] takes one duration",
                "put the words after ']', e.g. [rest 60s] Roll onto your back and rest.",
            )
        parts: list[tuple[Line, int, str]] = (
            [(line, trailing_column - 1, trailing)] if trailing else []
        )
        pos += 1
        while pos < len(self._lines):
            nxt = self._lines[pos]
            if nxt.is_comment:
                pos += 1
                continue
            if nxt.is_blank or nxt.indent != indent or nxt.content.startswith(("[", "#")):
                break
            parts.append((nxt, nxt.lead, nxt.content))
            pos += 1
        for part_line, offset, text in parts:
            self._check_placeholders(part_line, offset, text, ctx)
        audio = block.audio[0] if block.audio else None
        block.audio = None
        if duration:
            text = " ".join(text for _, _, text in parts)
            block.steps.append(Rest(duration, text, line.number, audio))
        return pos

    def _audio(
        self,
        line: Line,
        args: str,
        column: int,
        block: Block,
        trailing: str,
        trailing_column: int,
    ) -> None:
        if not args:
            self._error(
                line.number, column, "[audio] needs a file path", "e.g. [audio clips/ending.ogg]"
            )
            return
        relative = Path(args)
        if relative.is_absolute() or args.startswith("~"):
            self._error(
                line.number,
                column,
                f"the audio path '{args}' is absolute",
                "write it relative to the lesson file, e.g. [audio clips/ending.ogg], so the lesson can be shared",
            )
            return
        if relative.suffix.lower() not in AUDIO_SUFFIXES:
            self._error(
                line.number,
                column,
                f"'{args}' is not a supported recording",
                f"use a {', '.join(AUDIO_SUFFIXES[:-1])} or {AUDIO_SUFFIXES[-1]} file",
            )
            return
        resolved = self._base_dir / relative if self._base_dir else relative
        if self._base_dir and not _is_file(resolved):
            self._warn(
                line.number,
                column,
                f"recording not found: {args}",
                "the voice will read the cue's text instead; check the path, relative to the lesson file",
            )
        block.audio = (resolved, line)
        if trailing:
            block.paragraph.append((line, trailing_column - 1, trailing))

    def _block_directive(
        self, pos: int, indent: int, ctx: Context, block: Block, name: str, args: str, column: int
    ) -> int:
        line = self._lines[pos]
        header_ok = True
        times, every, sides = 1, None, ("", "")
        if name == "repeat":
            parsed = self._repeat_arguments(line, args, column)
            header_ok = parsed is not None
            if parsed:
                times, every = parsed
        else:
            if ctx.in_sides:
                self._error(
                    line.number,
                    line.lead + 1,
                    "[sides] inside [sides]",
                    "one [sides] block already runs everything once per side; remove the inner one",
                )
                header_ok = False
            parsed_sides = self._sides_arguments(line, args, column)
            header_ok = header_ok and parsed_sides is not None
            if parsed_sides:
                sides = parsed_sides
        body_pos = pos + 1
        while body_pos < len(self._lines) and (
            self._lines[body_pos].is_blank or self._lines[body_pos].is_comment
        ):
            body_pos += 1
        if body_pos >= len(self._lines) or self._lines[body_pos].indent <= indent:
            self._error(
                line.number,
                line.lead + 1,
                f"[{line.content[1 : line.content.find(']')].strip()}] needs an indented block under it",
                f"indent the lines to {'repeat' if name == 'repeat' else 'run on each side'} by four spaces under [{name}]",
            )
            return pos + 1
        if ctx.depth + 1 > MAX_NESTING:
            self._error(
                line.number,
                line.lead + 1,
                f"blocks nested more than {MAX_NESTING} deep",
                "a [repeat] or [sides] inside another is fine once or twice; flatten the rest",
            )
            return self._skip_block(body_pos, indent)
        inner = Context(
            depth=ctx.depth + 1,
            in_repeat=ctx.in_repeat or name == "repeat",
            in_sides=ctx.in_sides or name == "sides",
        )
        body, end = self._parse_block(body_pos, self._lines[body_pos].indent, inner)
        if header_ok and body:
            if name == "repeat":
                block.steps.append(Repeat(times, every, tuple(body), line.number))
            else:
                block.steps.append(Sides(sides, tuple(body), line.number))
        return end

    def _skip_block(self, pos: int, indent: int) -> int:
        """Past every line indented deeper than ``indent``, read no further (it is in error)."""
        while pos < len(self._lines) and (
            self._lines[pos].is_blank
            or self._lines[pos].is_comment
            or self._lines[pos].indent > indent
        ):
            pos += 1
        return pos

    def _check_size(self, sections: list[Section]) -> None:
        total = 0
        for section in sections:
            for step in section.steps:
                total += _expanded_size(step)
                if total > MAX_EXPANDED_STEPS:
                    self._error(
                        step.line,
                        1,
                        f"the lesson unrolls into more than {MAX_EXPANDED_STEPS} steps",
                        "lower the number of rounds; a lesson this long cannot be followed",
                    )
                    return


def _expanded_size(step: Step) -> int:
    if isinstance(step, Repeat):
        return step.times * sum(_expanded_size(s) for s in step.body)
    if isinstance(step, Sides):
        return 2 * sum(_expanded_size(s) for s in step.body)
    return 1


def _is_file(path: Path) -> bool:
    """Whether a recording is there. A path the system cannot look up at all (a name too long
    for it, a folder it may not enter) has no recording either: a warning, never a crash."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
