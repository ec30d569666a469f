"""The Author page's Import recording…: the review of a recorded lesson's spans, and the lesson."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.ffmpeg import ffmpeg_path
from audio.recorded.importer import read_recording
from lesson_engine.script.parser import load_lesson
from tests.recording_fixtures import HeardOutput, spoken_recording, tone_phrase
from ui.desktop.author.recording_import import RecordingDialogs, RecordingReview
from ui.desktop.author.view import AuthorView

PITCHES = [300.0, 450.0, 600.0, 900.0, 1200.0]


def recording(tmp_path: Path) -> Path:
    path = tmp_path / "hip hikes.wav"
    spoken_recording(path, [tone_phrase(hz) for hz in PITCHES], [800, 2_400, 1_100, 4_000])
    return path


def column(review: RecordingReview, index: int) -> list[str]:
    table = review.table
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_the_review_lists_the_spans_and_joins_splits_and_undoes(qtbot, tmp_path: Path) -> None:
    output = HeardOutput()
    review = RecordingReview(read_recording(recording(tmp_path)), None, lambda: output)
    qtbot.addWidget(review)
    assert column(review, 0) == ["1", "2", "3", "4", "5"]
    assert column(review, 3)[2] == "(recorded instruction 3)"
    starts = column(review, 1)
    review.table.selectRow(1)
    review.buttons["join"].click()
    assert column(review, 1) == [starts[0], starts[1], starts[3], starts[4]]
    review.buttons["split"].click()  # at the longest pause inside: where it was
    assert column(review, 1) == starts
    review.buttons["join"].click()
    review.buttons["undo"].click()
    assert column(review, 1) == starts
    review.table.selectRow(2)
    review.buttons["play"].click()
    hz, offset = output.heard[-1]
    assert abs(hz - PITCHES[2]) < 30 and offset == 0


def test_an_end_moved_into_speech_is_marked(qtbot, tmp_path: Path) -> None:
    review = RecordingReview(read_recording(recording(tmp_path)), None, lambda: None)
    qtbot.addWidget(review)
    review.table.selectRow(0)
    before = column(review, 2)[0]
    review.buttons["later"].click()
    assert column(review, 2)[0] != before and "(in speech)" not in column(review, 2)[0]
    for _ in range(5):  # the pause after the first phrase is 0.8 s: half of it is 0.4 s
        review.buttons["later"].click()
    assert column(review, 2)[0].endswith("(in speech)")
    review.buttons["play"].click()
    assert "cannot be heard" in review.status.text()


def test_import_recording_writes_the_lesson_and_opens_it(qtbot, tmp_path: Path) -> None:
    source = recording(tmp_path)
    transcript = tmp_path / "words.txt"
    transcript.write_text("Lie down.\n\nLift.\n\nLower.\n\nRest.\n\nStand up.\n")
    reviewed: list[RecordingReview] = []

    def review(shown: RecordingReview) -> bool:
        reviewed.append(shown)
        shown.table.selectRow(3)
        shown.buttons["join"].click()  # "Rest." and "Stand up." become one cue
        return True

    my_lessons = tmp_path / "My lessons"
    view = AuthorView(tmp_path / "recovery", my_lessons=my_lessons)
    qtbot.addWidget(view)
    view.recordings.dialogs = RecordingDialogs(
        pick_recording=lambda _p: str(source),
        pick_transcript=lambda _p: str(transcript),
        save_path=lambda _p, suggested: suggested,
        review=review,
    )
    view.buttons["import_recording"].click()
    written = my_lessons / "hip hikes.lesson"
    assert (
        view.path == written
        and "[audio ../hip hikes.wav from 0:00.0 to" in view.editor.toPlainText()
    )
    assert (
        "// Brought in from hip hikes.wav by the Author page's Import a recorded lesson: 4 cues"
        in view.editor.toPlainText()
    )  # not by 'seesaw import-recording', which it was not
    assert "Wrote hip hikes.lesson: 4 cues" in view.recovery_bar.text()
    lesson = load_lesson(written)
    captions = [step.text for step in lesson.sections[0].steps]
    assert captions == ["Lie down.", "Lift.", "Lower.", "Rest. Stand up."]
    assert (
        reviewed[0]
        .note.text()
        .startswith(
            "The recording has 4 spans between pauses and the transcript 5 paragraphs: paragraphs 4–5"
        )
    )


def test_a_recording_that_cannot_be_read_is_said_and_nothing_is_written(
    qtbot, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really a recording")
    view = AuthorView(tmp_path / "recovery", my_lessons=tmp_path / "My lessons")
    qtbot.addWidget(view)
    shown: list[RecordingReview] = []
    asked: list[str] = []
    view.recordings.dialogs = RecordingDialogs(
        pick_recording=lambda _p: str(broken),
        pick_transcript=lambda _p: asked.append("transcript") or "",
        save_path=lambda _p, suggested: suggested,
        review=lambda review: bool(shown.append(review)),
    )
    view.buttons["import_recording"].click()
    assert view.recovery_bar.text().startswith("Nothing was imported: broken.wav could not be read")
    assert shown == [] and not (tmp_path / "My lessons").exists()
    assert asked == []  # refused before the author looked for a transcript for it


@pytest.mark.skipif(ffmpeg_path() is None, reason="the bundled ffmpeg (imageio-ffmpeg) is needed")
def test_a_text_file_named_mp3_is_said_in_one_sentence(qtbot, tmp_path: Path) -> None:
    """ffmpeg's own lines ('[in#0 @ 0x55…] … pipe:0.') filled the page's message bar."""
    fake = tmp_path / "notaudio.mp3"
    fake.write_text("these are words, not sound\n")
    view = AuthorView(tmp_path / "recovery", my_lessons=tmp_path / "My lessons")
    qtbot.addWidget(view)
    view.recordings.dialogs = RecordingDialogs(
        pick_recording=lambda _p: str(fake),
        pick_transcript=lambda _p: "",
        save_path=lambda _p, suggested: suggested,
        review=lambda _review: True,
    )
    view.buttons["import_recording"].click()
    assert view.recovery_bar.text() == (
        "Nothing was imported: notaudio.mp3 is not an audio file Seesaw can read "
        "(ffmpeg: Invalid data found when processing input)."
    )
