"""Reading ``say:`` rules: in a lesson's header, and in the ``lexicon.txt`` of a pack.

A rule is one line, ``say: TFL = T F L``: what is written, ``=``, what the voice says. A lesson's
own rules sit in its header (the one key that may be given more than once); rules for every
lesson of a pack sit in ``lexicon.txt`` beside the pack's ``pack.toml``, where a lesson's own
rule for the same word wins. Mistakes are reported at their exact ``file:line:column`` like the
rest of the script, and a lesson rule that matches nothing the voice says is a warning: it is
most often a misspelling of the word it was meant for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from lesson_engine.model.lexicon import Lexicon, SayRule
from lesson_engine.paths import PACK_MANIFEST
from lesson_engine.script.diagnostics import Diagnostic, Severity, unreadable
from lesson_engine.script.header import SAY_KEY
from lesson_engine.script.text import decode_script

LEXICON_FILE = "lexicon.txt"
"""A pack's lexicon, beside its manifest."""
EXAMPLE = "say: TFL = T F L"
MAX_RULES = 200
"""Rules in one lesson's header or one pack's lexicon: far more than a lesson needs, and few
enough that checking a hostile file stays fast (each cue is matched against its candidates)."""
MAX_WRITTEN_CHARS = 32
MAX_WRITTEN_UNITS = 16
"""The longest word or phrase a rule matches ("iliotibial band syndrome" is 24 characters and 3
words, "U.S.A." 6 words and signs): every place in a cue is matched against the rules word by
word and sign by sign (``model/lexicon.py``), at most this far, which bounds checking a hostile
file."""
MAX_FOLDERS_UP = 8
"""How far above a lesson its pack's manifest is looked for (a pack is never that deep)."""

Report = Callable[[Diagnostic], None]
Entry = tuple[str, int, int]
"""A rule as written: its text after ``say:``, its line and the column where that text starts."""


def read_rules(
    entries: Iterable[Entry], lines: tuple[str, ...], path: str, report: Report
) -> tuple[SayRule, ...]:
    """The rules in ``entries``, each checked; a rule in error is left out (and reported)."""

    def error(line: int, column: int, message: str, hint: str) -> None:
        report(Diagnostic(Severity.ERROR, path, line, column, message, hint, lines[line - 1]))

    rules: list[SayRule] = []
    first: dict[str, SayRule] = {}
    for value, line, column in entries:
        if len(rules) == MAX_RULES:
            error(
                line,
                column,
                f"more than {MAX_RULES} say: rules",
                "keep the rules for words the voice really misreads; the rest are read as written",
            )
            break
        equals = value.find("=")
        if equals < 0:
            error(
                line,
                column,
                "a say: rule needs '=' between what is written and what the voice says",
                f"e.g. '{EXAMPLE}'",
            )
            continue
        written, spoken = value[:equals].strip(), value[equals + 1 :].strip()
        if not written:
            error(
                line,
                column,
                "the say: rule has nothing before '='",
                f"write the word as the script has it, e.g. '{EXAMPLE}'",
            )
            continue
        again = value.find("=", equals + 1)
        if again >= 0:  # "TFL == T F L" would have the voice say "= T F L"
            error(
                line,
                column + again,
                f"the say: rule for '{written}' has a second '='",
                f"write one '=' between the word and how the voice says it, e.g. '{EXAMPLE}'",
            )
            continue
        if not spoken:
            error(
                line,
                column + equals,
                f"the say: rule for '{written}' has nothing after '='",
                "write how the voice should say it, e.g. 'say: 172 = one seventy-two'",
            )
            continue
        rule = SayRule(written, spoken, line)
        if len(written) > MAX_WRITTEN_CHARS or rule.size > MAX_WRITTEN_UNITS:
            shown = written if len(written) <= MAX_WRITTEN_CHARS else written[:MAX_WRITTEN_CHARS]
            error(
                line,
                column,
                f"'{shown.rstrip()}…' is too long for a say: rule"
                if shown != written
                else f"'{written}' is too long for a say: rule",
                f"a rule is for a word, a name or a short phrase: at most {MAX_WRITTEN_CHARS} "
                f"characters, and {MAX_WRITTEN_UNITS} words and signs",
            )
            continue
        if rule.key in first:
            error(
                line,
                column + len(value[:equals]) - len(value[:equals].lstrip()),
                f"'{written}' already has a say: rule (line {first[rule.key].line})",
                "keep one of the two lines (a rule matches the word in any case when written "
                "in lowercase)",
            )
            continue
        first[rule.key] = rule
        rules.append(rule)
    return tuple(rules)


def warn_unused(
    rules: tuple[SayRule, ...],
    texts: Iterable[str],
    lines: tuple[str, ...],
    path: str,
    report: Report,
) -> None:
    """A warning for each rule that changes nothing in ``texts`` (what the lesson says)."""
    for rule in Lexicon(rules).unused(texts):
        source = lines[rule.line - 1]
        column = source.find(rule.written, source.find(":") + 1) + 1
        report(
            Diagnostic(
                Severity.WARNING,
                path,
                rule.line,
                column,
                f"the say: rule for '{rule.written}' never matches what the voice says",
                "a rule matches whole words; written in lowercase it matches any case, with a "
                "capital letter only that exact spelling",
                source,
            )
        )


def pack_lexicon_file(lesson: Path) -> Path | None:
    """The ``lexicon.txt`` of the pack ``lesson`` belongs to, if the pack has one."""
    folder = lesson.parent
    for _ in range(MAX_FOLDERS_UP):
        try:
            if (folder / PACK_MANIFEST).is_file():
                found = folder / LEXICON_FILE
                return found if found.is_file() else None
        except OSError:
            return None
        if folder.parent == folder:
            return None
        folder = folder.parent
    return None


def read_lexicon_bytes(data: bytes, shown: str, report: Report) -> Lexicon:
    """A pack's lexicon file: ``say:`` lines, blank lines and ``//`` comments."""
    script = decode_script(
        data,
        report,
        shown,
        kind="lexicon",
        how_it_starts=f"write one rule a line, e.g. '{EXAMPLE}'",
    )
    if script is None:
        return Lexicon()
    entries: list[Entry] = []
    for number, raw in enumerate(script.lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("//"):
            continue
        indent = len(raw) - len(raw.lstrip())
        key, colon, _ = stripped.partition(":")
        if not colon or key.strip().lower() != SAY_KEY:
            report(
                Diagnostic(
                    Severity.ERROR,
                    shown,
                    number,
                    indent + 1,
                    f"expected a say: rule, found '{stripped}'",
                    f"a lexicon holds one rule a line, e.g. '{EXAMPLE}'",
                    raw,
                )
            )
            continue
        after = stripped[len(key) + 1 :]
        entries.append(
            (after.strip(), number, indent + len(key) + 2 + len(after) - len(after.lstrip()))
        )
    return Lexicon(read_rules(entries, script.lines, shown, report))


def read_pack_lexicon(lesson: Path, report: Report) -> Lexicon:
    """The rules of ``lesson``'s pack (none when it is in no pack or its pack has no lexicon)."""
    found = pack_lexicon_file(lesson)
    if found is None:
        return Lexicon()
    try:
        data = found.read_bytes()
    except OSError as exc:
        report(unreadable(found, exc))
        return Lexicon()
    return read_lexicon_bytes(data, str(found), report)


def unused_in_pack(lexicon_file: Path, texts: Iterable[str]) -> list[Diagnostic]:
    """A warning for each rule of a pack's lexicon that changes nothing in ``texts`` (what all
    the pack's lessons say); its mistakes are reported with each lesson, so not here again."""
    found: list[Diagnostic] = []
    try:
        data = lexicon_file.read_bytes()
    except OSError:
        return found
    ignored: list[Diagnostic] = []
    shown = str(lexicon_file)
    script = decode_script(data, ignored.append, shown, kind="lexicon")
    if script is None:
        return found
    rules = read_lexicon_bytes(data, shown, ignored.append).rules
    warn_unused(rules, texts, script.lines, shown, found.append)
    return found
