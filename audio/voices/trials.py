"""A voice chosen in Settings, tried on a thread of its own while the window goes on answering.

Loading the natural voice takes the better part of a second (its runtime and model); on the
window's thread that froze the page just as the learner chose. Here each choice is tried on one
thread, after the one before it (never two loads at once: a model loaded twice is memory held
twice), and a choice overtaken by a later one before its turn is not loaded at all.

A voice that already reads, or waits to take over, is tried as it is, never loaded again: the
chain's own instance, loaded already, or waited for if its worker is loading it (a voice loads
under its own lock). The next lesson is read by what the trial found; prepared before the trial
is over, it gets the very voices being loaded, and its worker waits for them rather than load
them a second time. A trial that fails outright (not a voice that will not load, which hands
over as ``settle`` says, but anything else the runtime throws) says why, and the voice that
read before reads on.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from audio.voices.settle import Settled, settle
from audio.voices.synthesis import Voice, voices_for

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor


@dataclass
class _Trial:
    choice: str
    voices: list[Voice]
    """The voices it tries, in order: the first one to load reads."""
    reading: tuple[Voice, ...]
    """The voices of the chain when it was asked: who reads on if the trial fails outright."""
    settled: Settled | None = None
    overtaken: bool = False
    """Another choice was made before this one's turn came: it is not loaded."""
    said: Future[str] = field(default_factory=Future)


class VoiceTrials:
    def __init__(self, keep_in: Path | None) -> None:
        """``keep_in``: where the neural voice keeps its prepared model."""
        self._keep_in = keep_in
        self._lock = threading.Lock()
        self._latest: _Trial | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._closed = False

    def start(self, choice: str, reading: Sequence[Voice]) -> Future[str]:
        """Try the voices ``choice`` picks, after any trial under way; ``reading`` is the
        chain's voices now, used as they are, as are those of the trial before (a learner
        going back to a voice does not load it again). The future holds what Settings says."""
        with self._lock:
            before = self._latest.voices if self._latest is not None else []
        known = {voice.name: voice for voice in [*before, *reading]}
        voices = [known.get(v.name, v) for v in voices_for(choice, self._keep_in)]
        trial = _Trial(choice, voices, tuple(reading))
        with self._lock:
            if self._closed:  # Seesaw is closing: nothing more is loaded
                trial.said.set_result("")
                return trial.said
            if self._latest is not None:
                self._latest.overtaken = True
            self._latest = trial
            if self._thread is None:  # only once a voice is chosen
                from concurrent.futures import ThreadPoolExecutor

                self._thread = ThreadPoolExecutor(1, thread_name_prefix="seesaw-voice-trial")
            thread = self._thread
        thread.submit(self._run, trial)
        return trial.said

    def _run(self, trial: _Trial) -> None:
        """On the trials' thread: settle ``trial``, unless a later choice overtook it."""
        with self._lock:
            overtaken = trial.overtaken
        if overtaken:
            trial.said.set_result("")  # nobody waits for its words: a later choice was made
            return
        try:
            settled = settle(trial.choice, trial.voices)
        except Exception as exc:  # the runtime's own failure: the voice that read reads on
            settled = _reads_on(trial, exc)
        with self._lock:
            trial.settled = settled
        trial.said.set_result(settled.status)

    def for_lesson(self, choice: str) -> tuple[Voice | None, tuple[Voice, ...]] | None:
        """The voice, and those it hands over to, the last trial found for ``choice``, or is
        loading still; None when no trial of ``choice`` is the last. Taken once: the lesson's
        chain holds them from then on."""
        with self._lock:
            trial = self._latest
            if trial is None or trial.choice != choice:
                return None
            self._latest = None
            settled = trial.settled
        if settled is not None:
            return settled.voice, settled.fallbacks
        voices = trial.voices  # still loading: the lesson's worker waits for the same ones
        return (voices[0], tuple(voices[1:])) if voices else (None, ())

    def close(self) -> None:
        """Wait for a voice being loaded (a runtime cut off mid-load aborts the process), and
        load none of the choices still waiting."""
        with self._lock:
            self._closed = True
            self._latest = None
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.shutdown(wait=True, cancel_futures=True)


def _reads_on(trial: _Trial, exc: Exception) -> Settled:
    """What a trial that failed outright leaves: the voices that read before it, as they were."""
    tried = trial.voices[0].label if trial.voices else "The voice"
    reading = trial.reading
    then = f"{reading[0].label} reads on" if reading else "lessons run with captions only"
    voice = reading[0] if reading else None
    return Settled(
        trial.choice, voice, reading[1:], f"{tried} could not be loaded ({exc}): {then}."
    )
