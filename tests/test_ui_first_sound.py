"""Start on a cold voice: the window stays free, the first cue is made once, and it plays first.

The voice here is held (a gate the test opens) while it makes the lesson's first cue, as the
neural voice is while it loads its model with an empty clip cache. Start comes while the worker
is still making that cue: it must return at once with nothing played, the cue must never be
made a second time (on the UI thread, waiting for the voice), and once the worker has made it,
the lesson starts with that cue's sound from its first frame.
"""

from __future__ import annotations

import threading
from pathlib import Path

from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.pcm import Clip
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.journal.journal import Journal
from lesson_engine.playback.state import PlayerState
from tests.audio_fixtures import ToneVoice
from tests.test_ui_lesson_flow import current
from tests.test_ui_voices import open_app
from ui.desktop.player.view import PlayerView

COLD = "id: cold\ntitle: Cold start\n---\nLie on your side.\n[pause 2s]\nRoll onto your back.\n"


class HeldVoice(ToneVoice):
    """A tone voice that holds its first cue until ``gate`` opens."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.holding = threading.Event()

    def synthesize(self, text: str, speed: float) -> Clip:
        if not self.calls:
            self.holding.set()
            # Opened by the test; the timeout only keeps a broken build from hanging the run.
            self.gate.wait(timeout=20)
        return super().synthesize(text, speed)


def test_start_on_a_cold_voice_waits_for_the_workers_cue_without_freezing(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "cold.lesson").write_text(COLD, encoding="utf-8")
    voice = HeldVoice()
    output = NullOutput()
    audio = LessonAudio(VoiceChain(voice, ClipCache(tmp_path / "cache")), output, [])
    app, _ = open_app(qtbot, tmp_path, journal, lessons, audio)
    try:
        app.flow.start("cold")  # check-in on screen; the worker starts on the first cue
        assert voice.holding.wait(timeout=10)
        current(app).skip.click()  # Start, while the cue is still being made
        assert isinstance(current(app), PlayerView)
        assert app.flow.first_sound.waiting
        assert app.flow.player is not None
        assert app.flow.player.state is PlayerState.READY
        assert not [call for call in output.calls if call[0] == "play"]
        voice.gate.set()
        qtbot.waitUntil(lambda: app.flow.player.state is PlayerState.PLAYING, timeout=10_000)
        assert voice.calls.count("Lie on your side.") == 1  # made once, by the worker
        first = output.calls[0]
        assert first == ("play", 400, 0)  # the cue's own clip (4 words), from its first frame
    finally:
        voice.gate.set()
        audio.close()
