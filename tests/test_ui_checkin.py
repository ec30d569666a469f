"""The soreness check-in: strong pain before a lesson brings a word of caution, never a block."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from lesson_engine.session.record import CheckIn
from ui.desktop.player.checkin import CheckInView


def test_strong_pain_before_a_lesson_brings_a_caution_and_the_lesson_can_still_start(
    qtbot: QtBot,
) -> None:
    view = CheckInView("Weight shift 1", after=False)
    qtbot.addWidget(view)
    view.rate(3)
    assert view.caution.isHidden()
    view.rate(9)
    assert not view.caution.isHidden() and "clinician" in view.caution.text()
    view.rate(5)
    assert view.caution.isHidden()
    view.rate(10)
    started: list[CheckIn] = []
    view.submitted.connect(started.append)
    view.go.click()
    assert started and started[0].soreness == 10


def test_after_a_lesson_no_caution_is_shown(qtbot: QtBot) -> None:
    view = CheckInView("Weight shift 1", after=True)
    qtbot.addWidget(view)
    view.rate(10)
    assert view.caution.isHidden()
