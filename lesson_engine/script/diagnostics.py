"""Problems found in a lesson script, written for the instructor who has to fix them.

Every problem names ``path:line:column`` (1-based, columns counted in characters), quotes the
source line with a caret under the spot, and carries a hint. Editors, ``seesaw check`` and the
app's Author screen all print ``str(diagnostic)``, so its text is part of the interface: tests
assert it exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    source_line: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        parts = [f"{self.location()}: {self.severity}: {self.message}"]
        if self.source_line:
            shown = self.source_line.replace("\t", " ")
            parts.append(f"    {shown}")
            parts.append("    " + " " * max(self.column - 1, 0) + "^")
        if self.hint:
            parts.append(f"  hint: {self.hint}")
        return "\n".join(parts)


class Findings:
    """What a check found, sorted into errors and warnings: the one reading of a check's
    diagnostics for lessons and programmes alike (each result is a frozen dataclass holding
    ``diagnostics``)."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


class LessonScriptError(Exception):
    """A lesson that cannot be loaded; carries every problem found, not only the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        first = errors[0] if errors else None
        summary = f"{len(errors)} error(s)" + (
            f"; first: {first.location()}: {first.message}" if first else ""
        )
        super().__init__(summary)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known word, if one is close enough to be the likely intent."""
    import difflib  # only when a word is misspelt

    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unreadable(path: object, exc: OSError) -> Diagnostic:
    """A script file that cannot be read at all: the one wording for lessons and programmes."""
    return Diagnostic(
        Severity.ERROR,
        str(path),
        1,
        1,
        f"cannot read the file: {exc.strerror or exc}",
        "check the path",
    )
