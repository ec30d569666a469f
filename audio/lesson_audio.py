"""Everything the app needs from the audio layer for one run of Seesaw, behind one object.

Chooses the voice and the output from the settings, falls back to captions only when either is
missing (and says why), keeps the synthesis worker, and gives the lesson flow real cue lengths as
they become known. Building it is cheap: the sound device opens later (``open_output``), because
loading pygame costs more than starting Qt, and, built from the settings, it loads the voice only
when ``start_voice`` is called or a lesson first needs it, because loading it takes the
interpreter from the window's wiring. For the same reason the code that only a playing lesson
needs is imported by the method that first needs it, not with this module: the mixer as the
device opens (on its own thread), what each event sounds like as a lesson is prepared, and the
session that plays it as one is attached (the app loads both just after its window is wired:
``ui/desktop/player/loading.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from audio.output.protocol import AudioOutput, NullOutput, Volumes
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.choice import chosen_voice_name, missing_voice_notice
from audio.voices.synthesis import pick_voice
from audio.voices.trials import VoiceTrials
from audio.voices.worker import SynthWorker
from lesson_engine.playback.get_ready import COUNT_WORDS
from lesson_engine.timeline import EventKind, Timeline, Utterance

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from lesson_engine.playback.player import Player

CAPTIONS_ONLY = "Captions only (no sound)"
FIRST_CUES = 2
"""How many cues of a lesson the learner may start are made ahead: the first plays at Start,
the second is made while it plays."""


class LessonAudio:
    def __init__(
        self,
        chain: VoiceChain,
        output: AudioOutput | None,
        notices: list[str],
        sound_on: bool = True,
        *,
        load_voice: bool = True,
    ) -> None:
        """With ``load_voice=False`` the voice loads on ``start_voice`` or when a lesson first
        needs it, not now: the app starts it once its window is wired."""
        self.chain = chain
        self._output = output
        self._sound_on = sound_on
        self.notices = notices
        self._worker = SynthWorker(chain) if load_voice else None
        self._opening = threading.Lock()
        self._switched: Future[str] = _said("")
        """What the last turn of the sound switch came to (done once its opening is over)."""
        self._device: ThreadPoolExecutor | None = None
        """The thread that opens and closes the device after the start (``switch_sound``)."""
        self._closed = False
        self._pending: tuple[str, float] | None = None
        self._trials = VoiceTrials(prepared_folder(chain.cache.folder))
        self.volumes = Volumes()
        """How loud the voice and the bells and metronome are; a change is heard at once."""

    @classmethod
    def from_settings(
        cls,
        cache_folder: Path,
        voice: str,
        speed: float,
        sound_on: bool,
    ) -> LessonAudio:
        chosen = pick_voice(voice, prepared_folder(cache_folder))
        notice = missing_voice_notice(voice, chosen.name if chosen else None)
        notices = [notice] if notice else []
        chain = VoiceChain(chosen, ClipCache(cache_folder), speed)
        return cls(chain, None, notices, sound_on, load_voice=False)

    @property
    def worker(self) -> SynthWorker:
        """The synthesis thread (started here if not yet): it loads the voice as it starts."""
        if self._worker is None:
            self._worker = SynthWorker(self.chain)
        return self._worker

    def start_voice(self) -> None:
        """Load the voice now, in the background, so the first cue is made in time for Start."""
        _ = self.worker

    def open_output(self) -> str:
        """Open the sound device if not yet open; returns what to tell the learner if it failed.

        Safe from any thread: opened on one, a lesson started meanwhile waits for it."""
        with self._opening:
            if self._output is not None:
                return ""
            from audio.output.mixer import open_output  # on the thread that opens it

            output, problem = open_output(self._sound_on)
            self._output = output or NullOutput()
            return problem

    @property
    def output(self) -> AudioOutput:
        self._switched.exception()  # a device the switch is opening is waited for, as at start
        self.open_output()
        assert self._output is not None
        return self._output

    @property
    def description(self) -> str:
        """Which voice reads, and whether sound plays. While the device is still opening (at
        start, or the switch just turned on) it says the sound is starting: "Captions only"
        would not be true for long, and the voice alone not yet."""
        if not self._sound_on:
            return CAPTIONS_ONLY
        if self._output is None or not self._switched.done():
            return f"{self.chain.description} — the sound is starting…"
        if isinstance(self._output, NullOutput):
            return CAPTIONS_ONLY
        return self.chain.description

    @property
    def timing_key(self) -> str:
        return self.chain.timing_key

    def duration_of(self, utterance: Utterance) -> int:
        return self.chain.duration_of(utterance)

    def attach(self, player: Player) -> Callable[[], None]:
        from audio.output.session import SessionAudio  # as the first lesson plays

        return SessionAudio(self.chain, self.output, lambda: self.volumes).attach(player)

    def set_volumes(self, voice: float, sounds: float) -> None:
        self.volumes = Volumes(voice, sounds)

    def try_voice(self, choice: str) -> Future[str]:
        """Load the voice ``choice`` picks now, on a thread of its own (``VoiceTrials``),
        falling back along the chain if it will not load, and keep it for the next lesson; the
        future holds what Settings says about it."""
        _, speed = self._pending or ("", self.chain.speed)
        self._pending = (choice, speed)  # from the next lesson, as ``reconfigure``
        return self._trials.start(choice, self.chain.voices)

    def reconfigure(self, voice: str, speed: float, sound_on: bool) -> None:
        """New settings take effect when the next lesson starts, never in the middle of one;
        the sound device follows ``sound_on`` at once, behind (``switch_sound``)."""
        self._pending = (voice, speed)
        self.switch_sound(sound_on)

    def switch_sound(self, on: bool) -> Future[str]:
        """Sound on or off for the lessons from the next one on, from the Settings switch.

        Turned on, the device opens now on a thread of its own (the window's thread never
        waits for SDL; a lesson started meanwhile waits only for what is left, as at start);
        turned off, it closes on that thread as the next lesson is prepared, never under one
        playing. Asked again for what it is already, nothing changes. The future holds what
        to tell the learner ("" when the sound works, or is off)."""
        if on == self._sound_on or self._closed:
            return self._switched
        self._sound_on = on
        self._switched = self._on_device(self._reopen) if on else _said("")
        return self._switched

    def _on_device(self, job: Callable[[], str]) -> Future[str]:
        """Run ``job`` on the device's thread, after every opening and closing asked before it.

        One thread, alive until ``close``: on Windows SDL's audio sets up COM on the thread that
        opens the device, and what it makes there must outlive that thread (``sound_thread``)."""
        if self._device is None:
            from concurrent.futures import ThreadPoolExecutor  # only once the switch is turned

            self._device = ThreadPoolExecutor(1, thread_name_prefix="seesaw-sound-switch")
        return self._device.submit(job)

    def _reopen(self) -> str:
        """On the device's thread: open the device for sound turned on, unless it still is."""
        with self._opening:
            if self._closed or not self._sound_on:
                return ""  # closed meanwhile, or turned off again before this ran
            if self._output is not None and not isinstance(self._output, NullOutput):
                return ""  # turned off and on again with no lesson between: never closed
            from audio.output.mixer import open_output  # on the thread that opens it

            output, problem = open_output(True)
            self._output = output or NullOutput()
            return problem

    def _close_if_off(self) -> None:
        """Sound turned off: the device the last lesson played through closes, behind."""
        if self._sound_on:  # nothing to close; the device may be opening: not waited for
            return
        with self._opening:
            device = self._output
            if self._sound_on or device is None or isinstance(device, NullOutput):
                return
            self._output = NullOutput()

        def close() -> str:
            device.close()
            return ""

        self._on_device(close)

    def _apply_pending(self) -> None:
        self._close_if_off()
        if self._pending is None:
            return
        voice, speed = self._pending
        self._pending = None
        if self._worker is not None:  # let go, not waited for: it ends behind
            self._worker.retire()
        tried = self._trials.for_lesson(voice)
        reading = self.chain.voices
        if tried is not None:  # tried in Settings: as it was found, or is being loaded
            self.chain = VoiceChain(tried[0], self.chain.cache, speed, tried[1])
        elif reading and reading[0].name == chosen_voice_name(voice):
            # The same voice at another speed: the one loaded reads on (speed is a setting
            # of each synthesis, not of the model), so nothing is loaded again.
            self.chain = VoiceChain(reading[0], self.chain.cache, speed, reading[1:])
        else:  # a voice not tried yet: loaded by the new worker, on its own thread
            keep_in = prepared_folder(self.chain.cache.folder)
            self.chain = VoiceChain(pick_voice(voice, keep_in), self.chain.cache, speed)
        self._worker = SynthWorker(self.chain)

    def prepare(self, timeline: Timeline) -> None:
        """Synthesise the lesson's speech in the background, the first cue first, and make its
        bells, metronome and the marks there too (tens of ms of arithmetic each): a tone made
        when it is due would sound that much late."""
        from audio.sounds import prepare_sounds  # as the first lesson is prepared

        self._apply_pending()
        self.worker.request([*speech_of(timeline), *(Utterance(w) for w in COUNT_WORDS)])
        threading.Thread(
            target=prepare_sounds, args=(timeline,), name="seesaw-tones", daemon=True
        ).start()

    def prefetch(self, timelines: Iterable[Timeline], cues: int = FIRST_CUES) -> None:
        """Make the first ``cues`` spoken cues of each of these lessons when the voice has
        nothing else to do (``SynthWorker.request_when_idle``): the ones the learner is likely
        to start next, so their first sound is ready even if the check-in is short."""
        self.worker.request_when_idle(u for t in timelines for u in speech_of(t)[:cues])

    def first_ready(self, timeline: Timeline, position_ms: int = 0, wait_s: float = 0.0) -> bool:
        """Whether the cue that plays first from ``position_ms`` has its sound; if not, the
        worker makes it next, waited for up to ``wait_s``. Never synthesises here: the worker
        may be making it already (Start on the UI thread once made it a second time)."""
        first = next(
            (
                e
                for e in timeline.events[timeline.event_index_at(position_ms) :]
                if e.kind is EventKind.SPEECH
            ),
            None,
        )
        if first is None or self.chain.known_duration(first.utterance) is not None:
            return True
        self.worker.hurry(first.utterance)
        if wait_s > 0:
            self.worker.wait_for(first.utterance, wait_s)
        return self.chain.known_duration(first.utterance) is not None

    def take_new_lengths(self) -> bool:
        return self.worker.take_finished() > 0

    def take_problems(self) -> list[str]:
        return self.chain.take_problems()

    def progress(self) -> tuple[int, int]:
        return self.worker.progress()

    def close(self) -> None:
        self._trials.close()
        if self._worker is not None:
            self._worker.stop()
        self._closed = True  # no opening starts after this
        if self._device is None:
            self._close_output()
            return
        self._device.submit(self._close_output)  # after every opening and closing asked
        self._device.shutdown(wait=True)

    def _close_output(self) -> str:
        with self._opening:  # an opening under way ends first, and none starts after
            if self._output is not None:
                self._output.close()
            self._output = NullOutput()
        return ""


def _said(words: str) -> Future[str]:
    future: Future[str] = Future()
    future.set_result(words)
    return future


def prepared_folder(cache_folder: Path) -> Path:
    """Where the app's neural voice keeps its prepared model: beside the clips it makes (the
    clip cache's limit counts only clips)."""
    return cache_folder / "model"


def speech_of(timeline: Timeline) -> list[Utterance]:
    """What a lesson says, in order; then ``prepare`` asks for the words a spoken countdown
    says, so they are made before the first Pause, whatever the countdown's length."""
    return [e.utterance for e in timeline.events if e.kind is EventKind.SPEECH]
