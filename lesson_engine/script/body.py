"""The body of a lesson script: sections, blocks and the paragraphs that become spoken cues.

Indentation carries structure (the steps under ``[repeat]`` and ``[sides]``), so every line is
measured once up front (``BodyLines``). Errors are reported and parsing goes on, so an instructor
sees every problem in one pass; ``parsed_cleanly`` tells the caller whether any were found. The
bracketed directives are read in ``directives.py``.

Checking time is linear in the file and small at the size cap: the loop over lines does as little
as it can for the lines most files are made of (blank lines, comments, cue text), and steps stop
being built once the lesson is known to unroll into more than ``MAX_EXPANDED_STEPS`` (a file
past that is refused anyway, and building an object for every step of it is what costs).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from itertools import chain
from pathlib import Path

from lesson_engine.model.lesson import Repeat, Section, Sides, Speak, Step
from lesson_engine.model.recordings import RecordingLength, wav_length_ms
from lesson_engine.script.diagnostics import Diagnostic, Severity, did_you_mean
from lesson_engine.script.directives import Directives
from lesson_engine.script.lines import (
    DIRECTIVES,
    IMPLICIT_SECTION,
    MAX_EXPANDED_STEPS,
    PLACEHOLDER,
    PLACEHOLDERS,
    TOP_LEVEL,
    Block,
    BodyLines,
    Context,
    Part,
)
from lesson_engine.script.spoken import misplaced_directives, pause_problems

__all__ = ["DIRECTIVES", "BodyParser"]


class _Unrolled(Exception):
    """Raised once the lesson unrolls into too many steps: the rest of the body is not read."""


class BodyParser(Directives):
    def __init__(
        self,
        lines: tuple[str, ...],
        start: int,
        report: Callable[[Diagnostic], None],
        path: str,
        base_dir: Path | None,
        recording_length: RecordingLength = wav_length_ms,
    ) -> None:
        self._source = lines
        self._report = report
        self._path = path
        self._base_dir = base_dir
        self._recording_length = recording_length
        self.parsed_cleanly = True
        self._lines = BodyLines(lines, start)
        self._first = self._lines.first_number
        self._unrolled = 0
        """Steps the finished top-level steps unroll into (see ``_add``)."""
        self._nested = 0
        """Steps built inside the top-level block being parsed."""
        self._top_line = 0
        """Line of the top-level block being parsed."""
        for index, column in self._lines.tabs:
            self._error(
                self._first + index,
                column,
                "a tab in the indentation",
                "indent with spaces (four per level): tabs look different in every editor",
            )

    # -- reporting -------------------------------------------------------------------------

    def _error(self, line: int, column: int, message: str, hint: str = "") -> None:
        self.parsed_cleanly = False
        self._emit(Severity.ERROR, line, column, message, hint)

    def _warn(self, line: int, column: int, message: str, hint: str = "") -> None:
        self._emit(Severity.WARNING, line, column, message, hint)

    def _emit(self, severity: Severity, line: int, column: int, message: str, hint: str) -> None:
        source = self._source[line - 1] if 0 < line <= len(self._source) else ""
        self._report(Diagnostic(severity, self._path, line, column, message, hint, source))

    # -- structure -------------------------------------------------------------------------

    def parse(self) -> tuple[Section, ...]:
        sections: list[Section] = []
        with suppress(_Unrolled):  # reported where it happened; the rest is not read
            self._parse_sections(sections)
        return tuple(sections)

    def _parse_sections(self, sections: list[Section]) -> None:
        content = self._lines.content
        title, title_line, pos = IMPLICIT_SECTION, self._first_line_number(), 0
        while True:
            block, pos = self._parse_block(pos, 0, TOP_LEVEL)
            if block.steps:
                sections.append(Section(title, title_line, tuple(block.steps)))
            elif title != IMPLICIT_SECTION:
                self._warn(
                    title_line,
                    1,
                    f"the section '{title}' is empty",
                    "add what the voice says under it, or remove the heading",
                )
            if pos >= len(content):
                return
            title, title_line = content[pos].lstrip("#").strip(), self._first + pos
            if not title:
                self._error(
                    title_line, 1, "a section heading needs a title", "e.g. '# Lifting the knee'"
                )
                title = "Untitled section"
            pos += 1

    def _first_line_number(self) -> int:
        return self._first if len(self._lines) else len(self._source)

    def _parse_block(self, pos: int, indent: int, ctx: Context) -> tuple[Block, int]:
        """The steps of one block, from ``pos`` to the first line indented less than ``indent``
        (or a heading, at the top level); returns the block and where it ended.

        The hot loop of the parser: a blank line, a comment or a line of cue text costs a few
        list lookups and comparisons."""
        lines = self._lines
        content, indents, lead, first_number = lines.content, lines.indent, lines.lead, self._first
        end = len(content)
        block = Block()
        paragraph = block.paragraph
        while pos < end:
            text = content[pos]
            if not text:
                if paragraph:
                    self._flush_paragraph(block, ctx)
                pos += 1
                if pos < end and not content[pos]:
                    pos = lines.next_text(pos)
                continue
            first = text[0]
            if first == "/" and text.startswith("//"):
                pos += 1
                continue
            if indents[pos] != indent:
                if indents[pos] < indent:
                    break
                self._error(
                    first_number + pos,
                    lead[pos] + 1,
                    "unexpected indentation",
                    "a paragraph's lines start in the same column"
                    if paragraph
                    else "indent only the lines under [repeat] or [sides]",
                )
                pos += 1
                continue
            if first == "#":
                if ctx.depth == 0:
                    break
                self._error(
                    first_number + pos,
                    lead[pos] + 1,
                    "a section heading cannot be inside a [repeat] or [sides] block",
                    "move the heading above the block, without indentation",
                )
                pos += 1
                continue
            if first == "[":
                if paragraph:
                    self._flush_paragraph(block, ctx)
                pos = self._directive(pos, indent, ctx, block)
                continue
            paragraph.append((first_number + pos, lead[pos], text))
            pos += 1
        if paragraph:
            self._flush_paragraph(block, ctx)
        if block.audio is not None:
            self._audio_without_cue(block.audio[1])
        return block, pos

    def _flush_paragraph(self, block: Block, ctx: Context) -> None:
        """The paragraph gathered so far becomes a spoken cue (the caller knows it has lines)."""
        parts = block.paragraph
        text = parts[0][2] if len(parts) == 1 else " ".join([part for _, _, part in parts])
        self._check_cue_text(text, parts, ctx)
        audio = block.audio[0] if block.audio else None
        number = parts[0][0]
        parts.clear()
        span, block.audio, block.span = block.span, None, None
        self._add_step(block, Speak(text, number, audio, span), ctx)

    def _check_cue_text(self, text: str, parts: list[Part], ctx: Context) -> None:
        """The placeholders and the pauses written inside the cue ``text`` made of ``parts``."""
        if "{" in text:
            self._check_placeholders(parts, ctx)
        if "[" not in text:
            return
        # In the order they stand in the text, so one walk over the parts (lines) finds the line
        # of each: a cue of many lines with a problem on each stays linear to check.
        problems = sorted(
            chain(pause_problems(text), misplaced_directives(text)), key=lambda p: p[0]
        )
        index, start = 0, 0
        for offset, message, hint in problems:
            while index < len(parts) - 1 and offset > start + len(parts[index][2]):
                start += len(parts[index][2]) + 1
                index += 1
            number, lead, part = parts[index]
            if offset <= start + len(part):
                self._error(number, lead + offset - start + 1, message, hint)

    def _check_placeholders(self, parts: list[Part], ctx: Context) -> None:
        """Every ``{...}`` in the cue made of ``parts``."""
        for number, offset, part in parts:
            for match in PLACEHOLDER.finditer(part):
                name = match.group(1).strip().lower()
                column = offset + match.start() + 1
                if name not in PLACEHOLDERS:
                    guess = did_you_mean(name, PLACEHOLDERS)
                    self._error(
                        number,
                        column,
                        f"unknown placeholder {match.group(0)}",
                        f"did you mean {{{guess}}}?"
                        if guess
                        else "the placeholders are {side} and {other}",
                    )
                elif not ctx.in_sides:
                    self._error(
                        number,
                        column,
                        f"{{{name}}} is only filled in inside a [sides] block",
                        "put this cue under [sides left, right], indented",
                    )

    def _audio_without_cue(self, number: int) -> None:
        self._error(
            number,
            self._lines.lead[number - self._first] + 1,
            "[audio] has no cue after it",
            "write the cue's text on the same line after ']' or on the next line: it stays the caption",
        )

    # -- how many steps the lesson unrolls into ---------------------------------------------

    def _begin_top_level_block(self, number: int) -> None:
        self._top_line, self._nested = number, 0

    def _add_step(self, block: Block, step: Step, ctx: Context) -> None:
        """Keep ``step`` (one that is not a block), and stop reading once the lesson unrolls into
        too many steps.

        A top-level step adds what it unrolls into; a step inside a block adds one, since every
        round of a repeat runs it at least once. So the error is reported at the top-level step
        where the count goes over the limit, and a block of a hundred thousand lines is not read
        to the end to find that out.
        """
        block.steps.append(step)
        block.unrolled += 1
        if ctx.depth:
            self._nested += 1
            if self._unrolled + self._nested > MAX_EXPANDED_STEPS:
                self._too_many_steps(self._top_line)
            return
        self._unrolled += 1
        self._nested = 0
        if self._unrolled > MAX_EXPANDED_STEPS:
            self._too_many_steps(step.line)

    def _add_block(self, block: Block, step: Repeat | Sides, unrolled: int, ctx: Context) -> None:
        """Keep the block ``step``, which unrolls into ``unrolled`` steps; see ``_add_step``."""
        block.steps.append(step)
        block.unrolled += unrolled
        if not ctx.depth:
            self._unrolled += unrolled
            self._nested = 0
            if self._unrolled > MAX_EXPANDED_STEPS:
                self._too_many_steps(step.line)

    def _too_many_steps(self, line: int) -> None:
        self._error(
            line,
            1,
            f"the lesson unrolls into more than {MAX_EXPANDED_STEPS} steps",
            "lower the number of rounds, or split the lesson: one this long cannot be followed "
            "(checking stopped here)",
        )
        raise _Unrolled
