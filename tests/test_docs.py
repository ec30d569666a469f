"""The documentation's examples must stay true: the example lesson passes `seesaw check`."""

from __future__ import annotations

import re
from pathlib import Path

from lesson_engine.script.parser import check_lesson_bytes


def test_the_example_at_the_top_of_the_format_guide_is_a_valid_lesson(repo: Path) -> None:
    text = (repo / "docs/lesson-format.md").read_text(encoding="utf-8")
    example = re.search(r"```\n(id: .*?)```", text, re.DOTALL)
    assert example is not None
    result = check_lesson_bytes(example.group(1).encode(), Path("example.lesson"))
    assert result.lesson is not None and result.diagnostics == ()


def test_every_message_in_the_catalogue_is_one_the_parser_can_give(repo: Path) -> None:
    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in (repo / "lesson_engine" / "script").glob("*.py")
    )
    text = (repo / "docs/lesson-format.md").read_text(encoding="utf-8")
    catalogue = text.split("## Error catalogue", 1)[1]
    for phrase in (
        "has no ']'",
        "needs an indented block under it",
        "only works inside [repeat]",
        "is absolute",
    ):
        assert phrase in catalogue and phrase in sources


def test_every_example_in_the_programme_guide_is_one_the_checker_accepts(repo: Path) -> None:
    """The guide never shows a programme the checker would refuse: whole ones as they are, and
    each phase fragment under a minimal header."""
    import re

    from lesson_engine.programme.bundled import known
    from lesson_engine.programme.parser import check_programme_bytes

    text = (repo / "docs/programme-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n(.*?)^```", text, flags=re.S | re.M)
    examples = [b for b in blocks if "id:" in b or b.lstrip().startswith("#")]
    assert len(examples) >= 10
    facts = known()
    for block in examples:
        script = block if "---" in block else f"id: example\ntitle: Example\n---\n{block}"
        result = check_programme_bytes(
            script.encode(), known_lessons=facts.lessons, known_sources=facts.sources
        )
        assert not result.errors, "\n".join(str(d) for d in result.diagnostics) + "\n" + block
