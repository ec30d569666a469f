"""Reading the learner's settings: every value checked, so a hand-edited or old file never breaks.

Apart from the Settings page so that starting Seesaw can read them without building that page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from audio.output.protocol import Volumes
from audio.voices.choice import CHOICES, offered_choices
from lesson_engine.paths import config_dir
from lesson_engine.playback.get_ready import (
    DEFAULT_GET_READY_MS,
    GET_READY_CHOICES_MS,
    choice_label,
)

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
VOICE_LABELS = {
    "auto": "Best available",
    "piper": "Natural voice (offline)",
    "espeak": "eSpeak (robotic, small)",
    "captions": "Captions only, no voice",
}
VOICES = tuple((choice, VOICE_LABELS.get(choice, choice)) for choice in CHOICES)
"""The voice choices ``audio.voices.choice`` knows, as the Settings page names them."""
VOLUME_RANGE = (0, 100)  # percent
VOLUME_KEYS = ("audio/voice_volume", "audio/sounds_volume")
"""The voice's volume, and the bells', chimes' and metronome's."""


def offered_voices() -> tuple[tuple[str, str], ...]:
    """The voice choices this computer can honour: a voice only when it is installed."""
    offered = offered_choices()
    return tuple((choice, text) for choice, text in VOICES if choice in offered)


def read_volumes(settings: QSettings) -> Volumes:
    voice, sounds = (read_int(settings, key, 100, VOLUME_RANGE) / 100 for key in VOLUME_KEYS)
    return Volumes(voice, sounds)


SPEED_RANGE = (80, 120)  # percent
GET_READY_KEY = "lessons/get_ready_ms"
GET_READY = tuple((str(ms), choice_label(ms)) for ms in GET_READY_CHOICES_MS)


def read_int(settings: QSettings, key: str, default: int, bounds: tuple[int, int]) -> int:
    try:
        value = int(str(settings.value(key, default)))
    except (TypeError, ValueError):
        return default
    return min(max(value, bounds[0]), bounds[1])


def read_choice(
    settings: QSettings, key: str, choices: tuple[tuple[str, str], ...], default: str = ""
) -> str:
    """The stored choice, or ``default`` (the first choice unless given) for anything else."""
    fallback = default or choices[0][0]
    value = str(settings.value(key, fallback))
    return value if value in dict(choices) else fallback


def read_get_ready_ms(settings: QSettings) -> int:
    """The countdown before an instruction is heard again (0 is off)."""
    return int(read_choice(settings, GET_READY_KEY, GET_READY, str(DEFAULT_GET_READY_MS)))


SPEAK_COUNT_KEY = "lessons/get_ready_spoken"
"""Whether the get-ready count is said aloud as well as shown (off unless chosen)."""


def read_speak_count(settings: QSettings) -> bool:
    return read_bool(settings, SPEAK_COUNT_KEY, False)


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def settings_store() -> QSettings:
    """The learner's settings, in an INI file under Seesaw's own folder (moved by SEESAW_HOME)."""
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class VoiceSettings:
    choice: str
    speed: float
    sound_on: bool


VOICE_KEYS = ("voice/name", "voice/speed", "audio/enabled")


def read_voice_settings(settings: QSettings) -> VoiceSettings:
    return VoiceSettings(
        read_choice(settings, "voice/name", VOICES),
        read_int(settings, "voice/speed", 100, SPEED_RANGE) / 100,
        read_bool(settings, "audio/enabled", True),
    )
