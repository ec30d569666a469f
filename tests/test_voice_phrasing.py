"""A long sentence is made by the neural voice in parts, and still heard as one sentence.

The voice's memory grows with the sound of one synthesis, so a sentence longer than
``LONGEST_PART`` phonemes is made part by part (``audio/voices/phrasing.py``). What the learner
must notice is nothing but a voice that pauses where a speaker would: at the text's commas, or,
in a long clause with none, before a word that starts a phrase ("by", "and"), never inside a
number, never after "the". The phonemes here are the voice's own (espeak-ng, as piper makes
them); the last tests run the real voice and the real player.
"""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from audio.output.protocol import NullOutput
from audio.output.session import SessionAudio
from audio.pcm import RATE
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.phrasing import ADDED_MARK, LONGEST_PART, Phrase, longest_part, phrases
from audio.voices.synthesis import PiperVoice
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.events import CueStarted
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import load_lesson, parse_lesson_text
from lesson_engine.script.spoken import pieces
from lesson_engine.timeline import EventKind, compile_timeline

pytestmark = pytest.mark.skipif(
    not PiperVoice.installed(), reason="the neural voice package is not installed"
)

CLINICIAN = (
    "If outside-knee pain has not eased in four to six weeks, or you have swelling, locking, "
    "night pain or pain at rest, see a clinician."
)
NO_COMMA = (
    "Lift your right sitting bone a little off the chair by shortening the right side of "
    "your waist."
)


def sentences(text: str) -> list[list[str]]:
    from piper.phonemize_espeak import ESPEAK_DATA_DIR, EspeakPhonemizer

    return EspeakPhonemizer(ESPEAK_DATA_DIR).phonemize("en-us", text)


def words_of(symbols: list[str] | tuple[str, ...]) -> list[str]:
    """The words, without the glide espeak-ng links a word to the next with."""
    return [word.removesuffix("ʲ") for word in "".join(symbols).split()]


def said(parts: list[Phrase]) -> list[str]:
    """The words of the parts, as one text again: the commas the split added taken out."""
    return [w for p in parts for w in words_of(p.symbols if p.written else p.symbols[:-1])]


def test_a_sentence_that_fits_goes_to_the_voice_whole() -> None:
    (sentence,) = sentences("Lie on your side.")
    assert phrases(sentence) == [Phrase(tuple(sentence), written=True)]


def test_a_long_sentence_is_split_at_its_commas_each_part_ending_on_its_mark() -> None:
    (sentence,) = sentences(CLINICIAN)
    assert len(sentence) > LONGEST_PART
    parts = phrases(sentence)
    assert len(parts) > 1
    assert all(len(p.symbols) <= LONGEST_PART for p in parts)
    assert said(parts) == words_of(sentence)  # every word, in order, once
    assert all(p.symbols[-1] in ",;:" for p in parts[:-1])
    assert parts[-1].symbols[-1] == "."


def test_a_long_clause_without_a_comma_is_split_before_a_joining_word() -> None:
    (sentence,) = sentences(NO_COMMA)
    parts = phrases(sentence)
    assert [p.written for p in parts] == [False, True]
    first, second = ("".join(p.symbols) for p in parts)
    assert first.endswith("tʃˈɛɹ" + ADDED_MARK)  # "… off the chair," given a comma
    assert second.startswith("baɪ ")  # "by shortening …"
    assert said(parts) == words_of(sentence)


def test_a_number_and_what_it_counts_stay_in_one_part() -> None:
    (sentence, *_) = sentences("Your beat is 178 steps a minute, a little quicker than your own.")
    parts = phrases(sentence, longest=30)
    number = "wˈʌnhˈʌndɹɪd sˈɛvəntiʲ ˈeɪt stˈɛps"
    assert any(number in "".join(p.symbols) for p in parts)


def test_no_part_ends_on_a_word_that_leads_into_the_next() -> None:
    """Across every bundled lesson: no part ends on "the", "your", "of" … and no words lost."""
    endings = {"ðə", "ðɪ", "ɐ", "jʊɹ", "ʌv", "əv", "tə"}
    for path in sorted(bundled_lessons_dir().rglob("*.lesson")):
        for event in compile_timeline(load_lesson(path)).events:
            if event.kind is not EventKind.SPEECH:
                continue
            for words, _ in pieces(event.utterance.text):
                for sentence in sentences(words) if words else []:
                    parts = phrases(sentence)
                    assert said(parts) == words_of(sentence), words
                    for part in parts:
                        if not part.written:
                            last = "".join(part.symbols[:-1]).split()[-1]
                            assert last.translate({ord("ˈ"): None, ord("ˌ"): None}) not in endings


def test_slower_speech_is_made_in_shorter_parts() -> None:
    assert longest_part(0.8) < longest_part(1.0) == LONGEST_PART < longest_part(1.2)


class CountingRuns:
    """The voice's runtime session, recording how much sound each synthesis made."""

    def __init__(self, session: object) -> None:
        self._session = session
        self.seconds: list[float] = []

    def run(self, *args: object, **kwargs: object) -> object:
        result = self._session.run(*args, **kwargs)  # type: ignore[attr-defined]
        self.seconds.append(result[0].size / RATE)
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self._session, name)


def quiet_stretches_ms(pcm: bytes) -> list[int]:
    """Stretches inside the speech (not at its ends) where the sound stays below -40 dBFS."""
    samples = array("h", pcm)
    window = RATE // 100  # 10 ms
    loud = [
        max(abs(s) for s in samples[i : i + window]) > 328 for i in range(0, len(samples), window)
    ]
    first, last = loud.index(True), len(loud) - loud[::-1].index(True)
    stretches, run = [], 0
    for is_loud in loud[first:last]:
        if is_loud:
            if run:
                stretches.append(run * 10)
            run = 0
        else:
            run += 1
    return stretches


def test_the_longest_sentence_is_made_in_parts_and_heard_as_one_sentence() -> None:
    voice = PiperVoice()
    voice.load()
    model = voice._voice
    assert model is not None
    runs = CountingRuns(model.session)
    model.session = runs  # type: ignore[assignment]
    clip = voice.synthesize(CLINICIAN, 1.0)
    assert len(runs.seconds) >= 3  # made in parts ...
    assert max(runs.seconds) < 4.0  # ... none of them longer than a short sentence
    assert sum(runs.seconds) > 7.0  # every word said (the sentence takes about 8.5 s)
    gaps = quiet_stretches_ms(clip.pcm)
    assert max(gaps) < 900  # no join longer than a speaker's pause at a comma
    # A pause at each of the four commas, as a speaker makes it. The voice draws its timing with
    # some randomness: five runs gave comma pauses of 200-460 ms, and no gap inside the speech
    # above 90 ms, so 150 ms tells the two apart every time (250 did not).
    assert sum(g >= 150 for g in gaps) >= 4


def test_a_cue_made_in_parts_is_timed_by_its_whole_clip_so_the_next_caption_comes_in_step(
    tmp_path: Path,
) -> None:
    lesson = parse_lesson_text(f"id: long\ntitle: Long\n---\n{CLINICIAN}\n\nRoll onto your back.\n")
    chain = VoiceChain(PiperVoice(), ClipCache(tmp_path / "cache"))
    clip = chain.clip_for(compile_timeline(lesson).events[0].utterance)
    timeline = compile_timeline(lesson, chain.duration_of)
    output = NullOutput()
    clock = ManualClock()
    player = Player(timeline, clock)
    captions: list[tuple[int, str]] = []

    def shown(event: object) -> None:
        if isinstance(event, CueStarted):
            captions.append((clock.now_ms(), event.cue.caption))

    player.subscribe(shown)
    SessionAudio(chain, output).attach(player)
    player.play()
    assert output.calls[0] == ("play", clip.duration_ms, 0)  # the whole cue, every part
    clock.advance(clip.duration_ms - 1)
    player.tick()
    assert len(captions) == 1  # the long instruction still on screen to its last sound
    clock.advance(1)
    player.tick()
    assert captions[1] == (clip.duration_ms, "Roll onto your back.")
