"""Pauses written inside a cue (``Breathe in. [pause 2s] And out.``, an ellipsis): the voice
leaves the silence, the caption hides the marker, and the timeline counts the pause."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.pcm import RATE, Clip
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import PiperVoice
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import check_lesson_bytes, parse_lesson_text
from lesson_engine.timeline import (
    BREATH_MS,
    Event,
    EventKind,
    Utterance,
    compile_timeline,
    estimate_speech_ms,
)
from tests.audio_fixtures import ToneVoice

HEAD = "id: breath\ntitle: Breath\n---\n"


def speech(body: str) -> list[Event]:
    events = compile_timeline(parse_lesson_text(HEAD + body)).events
    return [e for e in events if e.kind is EventKind.SPEECH]


def silences_ms(clip: Clip) -> tuple[list[int], int]:
    """The runs of digital silence of 50 ms or more inside ``clip``, and the one at its end."""
    runs, run = [], 0
    for sample in memoryview(clip.pcm).cast("h"):
        if sample == 0:
            run += 1
            continue
        if run >= RATE // 20:
            runs.append(run * 1000 // RATE)
        run = 0
    return runs, run * 1000 // RATE


def test_the_caption_hides_the_marker_and_keeps_an_ellipsis() -> None:
    (event,) = speech("Breathe in. [pause 2s] Let the knee sink… and out.\n")
    assert event.caption == "Breathe in. Let the knee sink… and out."
    assert event.text == "Breathe in. [pause 2s] Let the knee sink [pause 0.6s] and out."
    (rest, _) = compile_timeline(
        parse_lesson_text(HEAD + "[rest 1m] Roll [Pause 1s] over.\n")
    ).events
    assert rest.caption == "Roll over."


def test_a_cue_without_a_pause_is_said_as_it_always_was() -> None:
    (event,) = speech("Lie on your side: [pauses] are text. Now relax…\n")
    assert event.text == event.caption == "Lie on your side: [pauses] are text. Now relax…"


def test_markers_that_cannot_be_honoured_are_errors_at_their_place() -> None:
    text = HEAD + "Breathe in. [pause 20s] And\nout [pause] and [pause\n3x] in.\n"
    found = [str(d) for d in check_lesson_bytes(text.encode(), Path("b.lesson")).diagnostics]
    assert [d.splitlines()[0] for d in found] == [
        "b.lesson:4:20: error: 20s is too long for a pause inside a cue",
        "b.lesson:5:5: error: [pause] inside a cue needs a duration",
        "b.lesson:6:1: error: bad duration: '3x' is not a duration "
        "(write it like 8s, 90s, 1m30s or 2m)",
    ]
    assert found[0].splitlines()[1:] == [
        "    Breathe in. [pause 20s] And",
        "                       ^",
        "  hint: the longest is 10s; for a longer silence, end the cue and write the [pause] on "
        "a line of its own",
    ]


def test_a_marker_inside_a_rests_words_is_checked_too() -> None:
    text = HEAD + "[rest 1m] Roll [pause 0s] over.\n"
    (found,) = check_lesson_bytes(text.encode(), Path("b.lesson")).diagnostics
    assert str(found).splitlines()[0] == (
        "b.lesson:4:23: error: bad duration: '0s' is zero: a duration must be longer than zero"
    )


def test_another_directive_inside_a_cue_is_an_error_not_words_to_say() -> None:
    """'Breathe [bell] in.' was accepted, and the voice read the brackets as words."""
    text = HEAD + "Breathe [bell] in.\n[rest 1m] Roll over [ rest 2m ] slowly.\nSee [sic] here.\n"
    found = [str(d) for d in check_lesson_bytes(text.encode(), Path("b.lesson")).diagnostics]
    assert [d.splitlines()[0] for d in found] == [
        "b.lesson:4:9: error: [bell] cannot be inside a cue; only [pause] can",
        "b.lesson:5:21: error: [rest] cannot be inside a cue; only [pause] can",
    ]
    assert "write it on a line of its own" in found[0]


def test_the_voice_leaves_the_pause_between_the_pieces(tmp_path: Path) -> None:
    voice = ToneVoice()
    (event,) = speech("One two. [pause 2s] Three.\n")
    clip = VoiceChain(voice, ClipCache(tmp_path)).clip_for(event.utterance)
    assert voice.calls == ["One two.", "Three."]
    inside, end = silences_ms(clip)
    assert inside == [2000] and abs(end - BREATH_MS) <= 1
    assert abs(clip.duration_ms - (200 + 2000 + 100 + BREATH_MS)) <= 1


def test_the_timeline_counts_the_pauses_with_a_voice_and_without(tmp_path: Path) -> None:
    plain, paused = "Breathe in. And out.\n", "Breathe in. [pause 2s] And out... and in.\n"
    (estimated,) = speech(paused)
    (without,) = speech(plain.replace("out.", "out and in."))
    assert estimated.duration_ms == without.duration_ms + 2000 + 600
    assert (
        estimate_speech_ms(Utterance("a [pause 1.5s] b"))
        == estimate_speech_ms(Utterance("a b")) + 1500
    )
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path))
    timed = timed_by_voice(parse_lesson_text(HEAD + paused + "\nNext.\n"), chain)
    first, second = timed.events
    assert first.duration_ms == chain.clip_for(first.utterance).duration_ms
    assert first.duration_ms >= 2000 + 600 + 500  # five words at 100 ms, and both pauses
    assert second.start_ms == first.duration_ms


@pytest.mark.skipif(not PiperVoice.installed(), reason="the neural voice package is not installed")
def test_the_neural_voice_honours_a_pause_and_an_ellipsis(tmp_path: Path) -> None:
    chain = VoiceChain(PiperVoice(), ClipCache(tmp_path))
    marked, plain, ellipsis = speech(
        "Breathe in. [pause 2s] And out.\n\nBreathe in. And out.\n\nLet your knee sink... and rest.\n"
    )
    assert marked.caption == plain.caption
    with_pause, without = chain.clip_for(marked.utterance), chain.clip_for(plain.utterance)
    assert silences_ms(with_pause)[0] == [2000]  # exactly the pause, breath and all taken off
    assert max(silences_ms(without)[0], default=0) < 1000  # the voice's own gap is shorter
    assert with_pause.duration_ms > without.duration_ms + 1000
    assert 600 in silences_ms(chain.clip_for(ellipsis.utterance))[0]
