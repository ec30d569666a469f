"""The neural voice keeps its model as the runtime prepared it, and speaks whatever that file is.

The prepared copy makes every start after the first quicker (``bench/audio.py``); here what
matters is that the voice opens the copy it kept, and that a copy that is damaged, or was made
for another computer, never costs the learner their voice: it is made again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.lesson_audio import LessonAudio, prepared_folder
from audio.voices import prepared_model
from audio.voices.synthesis import PiperVoice

pytestmark = pytest.mark.skipif(
    not PiperVoice.installed(), reason="the neural voice package is not installed"
)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the voice's runtime opens, in order."""
    paths: list[str] = []
    real = prepared_model._open

    def spy(onnxruntime: object, path: Path, options: object) -> object:
        paths.append(path.name)
        return real(onnxruntime, path, options)

    monkeypatch.setattr(prepared_model, "_open", spy)
    return paths


def speaks(voice: PiperVoice) -> bool:
    clip = voice.synthesize("Lie on your side.", 1.0)
    return max(abs(s) for s in memoryview(clip.pcm).cast("h")) > 3000


def kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("voice-*"))


def test_the_voice_keeps_its_prepared_model_and_opens_it_the_next_time(
    tmp_path: Path, opened: list[str]
) -> None:
    folder = tmp_path / "model"
    PiperVoice(folder).load()  # the first start: prepared from the package's model, and kept
    (copy,) = kept(folder)
    PiperVoice(folder).load()  # the next start
    assert opened[-1] == copy.name
    assert opened[0] != copy.name  # the first start read the package's own model
    assert speaks(PiperVoice(folder))


def test_a_damaged_prepared_model_is_made_again_and_the_voice_still_speaks(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "model"
    PiperVoice(folder).load()
    (copy,) = kept(folder)
    copy.write_bytes(b"half a model")  # a disk that failed, a copy cut short
    voice = PiperVoice(folder)
    assert speaks(voice)
    assert kept(folder) == [copy]
    assert copy.stat().st_size > 1_000_000  # whole again


def test_a_model_prepared_by_another_runtime_or_computer_is_set_aside(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "voice-0123456789abcdef0123.onnx").write_bytes(b"another computer's")
    voice = PiperVoice(folder)
    assert speaks(voice)
    (copy,) = kept(folder)
    assert copy.name != "voice-0123456789abcdef0123.onnx"


def test_a_folder_that_cannot_be_written_leaves_the_voice_speaking(tmp_path: Path) -> None:
    blocked = tmp_path / "model"
    blocked.write_text("a file where the folder would be")
    assert speaks(PiperVoice(blocked))


def test_the_apps_voice_keeps_its_model_beside_its_clips(tmp_path: Path) -> None:
    audio = LessonAudio.from_settings(tmp_path / "voice", "piper", 1.0, sound_on=False)
    try:
        assert audio.chain.voice is not None
        audio.chain.voice.load()  # after the worker's own loading, which started with it
        assert kept(prepared_folder(tmp_path / "voice"))
    finally:
        audio.close()
