"""Record this cue… on the Author page, through SDL's disk driver as the microphone.

The real window's Author page, the real microphone code and SDL's capture, in a child process
(SDL's driver is chosen when it starts): the "microphone" reads a file holding a second of room,
a phrase and more room. The test records, watches the meter, stops, uses the take, and checks
the take saved beside the lesson and the ``[audio …]`` line above the cue.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audio.capture.microphone import Microphone
from audio.capture.takes import DEFAULT_SPEECH_RMS, speech_rms
from audio.pcm import Clip
from audio.voices.synthesis import decode_recording
from tests.layout_checks import text_problems
from tests.recording_fixtures import run_with_microphone, spoken_take
from ui.desktop.author.record_cue import RecordCueDialog

CHILD = """
import json, sys, time
from pathlib import Path
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from audio.output.mixer import PygameOutput
from ui.desktop.author.view import AuthorView

app = QApplication([])
output = PygameOutput()
folder = Path(sys.argv[1])
lesson = folder / "t.lesson"
lesson.write_text("id: t\\ntitle: T\\n---\\nLie on your back.\\n[pause 5s]\\n")
view = AuthorView(folder / "recovery")
view.open(lesson)
view.editor.setTextCursor(QTextCursor(view.editor.document().findBlockByNumber(3)))
seen = {"meter": 0}

def show(dialog):
    dialog.buttons["record"].click()
    started = time.monotonic()
    while dialog.microphone.take().duration_ms < 3_000 and time.monotonic() - started < 20:
        app.processEvents()
        seen["meter"] = max(seen["meter"], dialog.meter.value())
        time.sleep(0.02)  # the disk driver hands over a buffer every 23 ms, in real time
    dialog.buttons["stop"].click()
    seen["status"] = dialog.status.text()
    seen["use"] = dialog.buttons["use"].isEnabled()
    dialog.buttons["use"].click()  # saved at once: this page has no writer behind it
    return dialog.result() == 1

view.record_cue.show = show
view.record_cue.output = lambda: output
view.buttons["record_cue"].click()
seen["text"] = view.editor.toPlainText()
output.close()
print(json.dumps(seen))
"""


def test_record_this_cue_saves_a_trimmed_take_and_puts_it_above_the_cue(
    tmp_path: Path, repo: Path
) -> None:
    done = run_with_microphone(repo, CHILD, spoken_take(), tmp_path, str(tmp_path))
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["meter"] >= 5 and seen["use"], seen
    assert seen["status"].startswith("A take of 1.")
    assert seen["text"] == (
        "id: t\ntitle: T\n---\n[audio clips/lie-on-your-back.wav]\nLie on your back.\n[pause 5s]\n"
    )
    take = decode_recording(tmp_path / "clips" / "lie-on-your-back.wav")
    assert 1_500 <= take.duration_ms <= 1_600  # the 1.2 s phrase and a little room each side
    assert speech_rms(take) == pytest.approx(DEFAULT_SPEECH_RMS, rel=0.05)


def no_disk(_take: Clip) -> Path:
    raise AssertionError("this dialog's take is never used")


def test_the_dialog_grows_to_show_what_it_says_after_stop_whole(qtbot) -> None:
    """The two-line note after Stop was cut, and squeezed the buttons under it, when the
    dialog kept the height it opened with (seen under Xvfb)."""
    microphone = Microphone()
    dialog = RecordCueDialog(
        "Press #1 gently… and rest.", microphone, lambda: None, lambda: None, save=no_disk
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    microphone._parts = [spoken_take().pcm]  # what the microphone heard, without SDL
    dialog.stop()
    qtbot.wait(50)  # the layout settles through posted events
    assert dialog.status.text().startswith("A take of 1.")
    shown = [dialog.status, *(b for b in dialog.buttons.values() if b.isVisible())]
    assert [p for widget in shown for p in text_problems(widget)] == []
