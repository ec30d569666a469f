"""Pronunciation rules (``say: TFL = T F L``): the voice is given the rule's words, the caption
keeps the script's, and every mistake in a rule is reported at its exact place."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.voices.cache import ClipCache, clip_key
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import PiperVoice
from lesson_engine.library.packs import PackError, create_pack, import_pack
from lesson_engine.model.lexicon import Lexicon, SayRule
from lesson_engine.script.parser import check_lesson_bytes, check_lesson_file, parse_lesson_text
from lesson_engine.timeline import EventKind, compile_timeline
from tests.test_packs import MANIFEST
from ui.cli.commands import main

HEAD = "id: tight-tfl\ntitle: Tight TFL\n"


def diagnostics(text: str) -> list[str]:
    return [str(d) for d in check_lesson_bytes(text.encode(), Path("x.lesson")).diagnostics]


def spoken_and_shown(text: str) -> list[tuple[str, str]]:
    timeline = compile_timeline(parse_lesson_text(text))
    return [(e.text, e.caption) for e in timeline.events if e.kind is EventKind.SPEECH]


def test_the_voice_is_given_the_rule_and_the_caption_keeps_the_script() -> None:
    text = (
        HEAD + "say: TFL = T F L\nsay: 172 = one seventy-two\n---\nStep at 172 and ease the TFL.\n"
    )
    assert spoken_and_shown(text) == [
        ("Step at one seventy-two and ease the T F L.", "Step at 172 and ease the TFL.")
    ]


def test_a_rule_changes_whole_words_only_and_follows_the_case_it_is_written_in() -> None:
    lexicon = Lexicon(
        (
            SayRule("IT", "I T", 1),
            SayRule("IT band", "I T band", 2),
            SayRule("glute", "gloot", 3),
            SayRule("I T", "eye tee", 4),
        )
    )
    said = lexicon.apply("IT bands: is IT in it? The IT band, the Glute and the glutes.")
    # "IT band" before "IT" (longer first) but not in "IT bands"; "it" and "glutes" untouched; a
    # lowercase rule matches "Glute"; what a rule puts in ("I T") is not read again by "I T".
    assert said == "I T bands: is I T in it? The I T band, the gloot and the glutes."


def test_a_lesson_rule_that_never_matches_is_a_warning_and_the_lesson_still_loads() -> None:
    text = HEAD + "say: TFL = T F L\nsay: ITB = I T B\n---\nEase the TFL.\n"
    result = check_lesson_bytes(text.encode(), Path("x.lesson"))
    assert result.lesson is not None
    assert [str(d) for d in result.diagnostics] == [
        "x.lesson:4:6: warning: the say: rule for 'ITB' never matches what the voice says\n"
        "    say: ITB = I T B\n"
        "         ^\n"
        "  hint: a rule matches whole words; written in lowercase it matches any case, with a "
        "capital letter only that exact spelling"
    ]


def test_a_rule_used_only_by_one_side_of_a_sides_block_is_used() -> None:
    text = HEAD + "say: left = port\n---\n[sides left, right]\n    Lie on your {side} side.\n"
    assert not diagnostics(text)
    assert spoken_and_shown(text)[0] == ("Lie on your port side.", "Lie on your left side.")


def test_mistakes_in_rules_are_errors_at_their_exact_place() -> None:
    text = HEAD + "say: TFL\nsay:  = T F L\nsay: 172 =\nsay: Tfl = T F L\nsay: tfl = t f l\n"
    text += "say:  the iliotibial band, the tensor fasciae latae = x\n"
    text += "say: ITB == I T band\n"
    text += "---\nEase the TFL at 172 and the ITB.\n"
    found = diagnostics(text)
    assert [line.splitlines()[0] for line in found] == [
        "x.lesson:3:6: error: a say: rule needs '=' between what is written and what the voice says",
        "x.lesson:4:7: error: the say: rule has nothing before '='",
        "x.lesson:5:10: error: the say: rule for '172' has nothing after '='",
        "x.lesson:7:6: error: 'tfl' already has a say: rule (line 6)",
        "x.lesson:8:7: error: 'the iliotibial band, the tensor…' is too long for a say: rule",
        "x.lesson:9:11: error: the say: rule for 'ITB' has a second '='",
    ]
    assert found[2].splitlines()[1:3] == ["    say: 172 =", "             ^"]
    assert found[5].splitlines()[1:3] == ["    say: ITB == I T band", "              ^"]


def test_the_cue_id_follows_the_script_so_a_saved_place_outlives_a_new_rule() -> None:
    body = "---\n# Easing\nEase the TFL.\n"
    without = compile_timeline(parse_lesson_text(HEAD + body))
    with_rule = compile_timeline(parse_lesson_text(HEAD + "say: TFL = T F L\n" + body))
    assert [c.id for c in without.cues] == [c.id for c in with_rule.cues]
    assert without.events[0].utterance != with_rule.events[0].utterance


def write_pack(folder: Path, lexicon: str, lesson: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_bytes(MANIFEST)
    (folder / "lexicon.txt").write_text(lexicon, encoding="utf-8")
    path = folder / "lessons" / "tfl.lesson"
    path.parent.mkdir(exist_ok=True)
    path.write_text(lesson, encoding="utf-8")
    return path


def test_a_packs_lexicon_applies_to_its_lessons_and_a_lessons_own_rule_wins(
    tmp_path: Path,
) -> None:
    lesson = HEAD + "say: ITB = I T B\n---\nEase the TFL and the ITB.\n"
    path = write_pack(
        tmp_path / "pack", "// for every lesson\nsay: TFL = T F L\nsay: ITB = x\n", lesson
    )
    loaded = check_lesson_file(path).lesson
    assert loaded is not None
    (event,) = compile_timeline(loaded).events
    assert (event.text, event.caption) == (
        "Ease the T F L and the I T B.",
        "Ease the TFL and the ITB.",
    )


def test_a_mistake_in_a_packs_lexicon_is_shown_at_its_own_place_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pack"
    write_pack(folder, "say: TFL = T F L\n\nTFL is T F L\n", HEAD + "---\nEase the TFL.\n")
    second = folder / "lessons" / "other.lesson"
    second.write_text("id: other\ntitle: Other\n---\nLie down.\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    lexicon = folder / "lexicon.txt"
    assert out == (
        f"{lexicon}:3:1: error: expected a say: rule, found 'TFL is T F L'\n"
        "    TFL is T F L\n"
        "    ^\n"
        "  hint: a lexicon holds one rule a line, e.g. 'say: TFL = T F L'\n"
        "2 files checked: 1 error(s), 0 warning(s)\n"
    )
    with pytest.raises(PackError) as refused:
        create_pack(folder, tmp_path / "out.zip")
    assert refused.value.problems == [
        f"{lexicon}:3:1: error: expected a say: rule, found 'TFL is T F L'"
    ]


def test_a_packs_lexicon_travels_with_the_pack(tmp_path: Path) -> None:
    write_pack(tmp_path / "mine", "say: TFL = T F L\n", HEAD + "---\nEase the TFL.\n")
    assert "lexicon.txt" in create_pack(tmp_path / "mine", tmp_path / "out.zip")
    installed = import_pack(tmp_path / "out.zip", tmp_path / "packs")
    (path,) = installed.folder.rglob("*.lesson")
    loaded = check_lesson_file(path).lesson
    assert loaded is not None
    assert compile_timeline(loaded).events[0].text == "Ease the T F L."


def test_a_pack_with_a_broken_lexicon_is_refused_on_import(tmp_path: Path) -> None:
    from tests.pack_fixtures import pack_bytes

    archive = tmp_path / "bad.zip"
    lesson = (HEAD + "---\nEase the TFL.\n").encode()
    archive.write_bytes(
        pack_bytes({"pack.toml": MANIFEST, "lexicon.txt": b"say: = T F L\n", "a.lesson": lesson})
    )
    with pytest.raises(PackError) as refused:
        import_pack(archive, tmp_path / "packs")
    assert refused.value.problems == [
        "bad.zip:lexicon.txt:1:6: error: the say: rule has nothing before '='"
    ]


@pytest.mark.skipif(not PiperVoice.installed(), reason="the neural voice package is not installed")
def test_with_the_neural_voice_a_rule_changes_the_clip_and_not_the_caption(
    tmp_path: Path,
) -> None:
    body = "---\nLoosen the TFL.\n"
    rule = "say: TFL = tensor fasciae latae, the muscle at the front of the hip\n"
    chain = VoiceChain(PiperVoice(), ClipCache(tmp_path))
    plain, ruled = (
        compile_timeline(parse_lesson_text(HEAD + extra + body)).events[0] for extra in ("", rule)
    )
    assert plain.caption == ruled.caption == "Loosen the TFL."
    short, long = chain.clip_for(plain.utterance), chain.clip_for(ruled.utterance)
    assert long.duration_ms > short.duration_ms + 1500  # the voice said the rule's words
    spoken = "Loosen the tensor fasciae latae, the muscle at the front of the hip."
    name = PiperVoice.name
    assert chain.cache.get(clip_key(spoken, name, 1.0)) == long  # cached under what was said
    assert chain.cache.get(clip_key("Loosen the TFL.", name, 1.0)) == short


def test_a_pack_rule_no_lesson_uses_is_a_warning_once_the_whole_pack_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pack"
    lesson = write_pack(
        folder, "say: TFL = T F L\nsay: ITB = I T B\n", HEAD + "---\nEase the TFL.\n"
    )
    (folder / "lessons" / "other.lesson").write_text(
        "id: other\ntitle: Other\n---\nLie down.\n", encoding="utf-8"
    )
    assert main(["check", str(lesson)]) == 0  # the rule may be for another lesson of the pack
    assert capsys.readouterr().out == "1 file checked: 0 error(s), 0 warning(s)\n"
    assert main(["check", str(folder)]) == 0
    assert capsys.readouterr().out == (
        f"{folder / 'lexicon.txt'}:2:6: warning: the say: rule for 'ITB' never matches what the "
        "voice says\n"
        "    say: ITB = I T B\n"
        "         ^\n"
        "  hint: a rule matches whole words; written in lowercase it matches any case, with a "
        "capital letter only that exact spelling\n"
        "2 files checked: 0 error(s), 1 warning(s)\n"
    )


def test_a_rule_with_signs_matches_them_as_written_and_not_inside_a_word() -> None:
    lexicon = Lexicon((SayRule("e.g.", "for example", 1), SayRule("#1", "number one", 2)))
    said = lexicon.apply("e.g. this; e. g. that; fee.g. no; #1 and x#1 and #1x.")
    assert said == "for example this; e. g. that; fee.g. no; number one and x#1 and #1x."


def test_more_rules_than_a_lesson_needs_are_refused_at_the_first_one_too_many() -> None:
    rules = "".join(f"say: w{n} = x\n" for n in range(201))
    found = diagnostics(HEAD + rules + "---\nw1\n")
    assert found[0].splitlines()[0] == "x.lesson:203:6: error: more than 200 say: rules"
