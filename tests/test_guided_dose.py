"""The dose a guided set guides, read from the set itself, agrees with its card wherever the card
gives one, and is what the log offers where the sources give none."""

from __future__ import annotations

from pathlib import Path

from lesson_engine.catalogue.dose import Dose, guided_dose
from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.journal.records import ExerciseLog
from lesson_engine.paths import catalogue_dir
from lesson_engine.script.parser import load_lesson, parse_lesson_text
from tests.guided_set_fixtures import GuidedSets
from ui.desktop.exercises.log_dialog import dose_from_card


def test_counted_rounds_are_the_sets_and_sides_make_it_a_side() -> None:
    lesson = parse_lesson_text(
        "id: s\ntitle: S\n---\nGo.\n[sides right, left]\n    On the {side}.\n"
        "    [repeat 8 every 3s]\n        [count]\n    [repeat 8 every 3s]\n        [count]\n"
    )
    assert guided_dose(lesson) == Dose(2, 8, "both")
    assert str(guided_dose(lesson)) == "2 × 8 a side"
    plain = parse_lesson_text("id: p\ntitle: P\n---\nGo.\n[repeat 3]\n    [count]\n")
    assert guided_dose(plain) == Dose(1, 3)
    assert guided_dose(parse_lesson_text("id: n\ntitle: N\n---\nNothing counted.\n")) is None


def test_every_guided_set_guides_the_dose_its_card_gives(repo: Path) -> None:
    for entry in load_catalogue(catalogue_dir()).entries:
        if not entry.guided_set:
            continue
        (path,) = (repo / "lessons").rglob(f"{entry.guided_set}.lesson")
        dose = guided_dose(load_lesson(path))
        assert dose is not None, entry.id
        sets, reps, side = dose_from_card(entry)
        if reps is not None:  # the card gives a dose: the set guides exactly that
            assert (dose.sets, dose.reps, dose.side) == (sets, reps, side), entry.id


def test_where_the_sources_give_no_dose_the_log_offers_what_the_set_guided(
    guided_sets: GuidedSets,
) -> None:
    offered = guided_sets.logs_saved_as_offered()
    guided_sets.play("set-hip-drop")  # its card: "not given"; the set: 2 × 8 a side
    guided_sets.check_out()
    (start,) = offered
    assert (start.exercise_id, start.sets, start.reps, start.side) == ("hip-drop", 2, 8, "both")
    view = guided_sets.app.exercises_view
    assert view is not None
    row = next(i for i, e in enumerate(view.entries) if e.id == "hip-drop")
    view.table.setCurrentCell(row, 0)
    assert "<b>The guided set:</b> 2 × 8 a side" in view.detail.text()


def test_the_set_forms_note_is_kept_as_typed_and_offered_again(qtbot, tmp_path: Path) -> None:
    from datetime import date

    from lesson_engine.journal.drafts import Drafts
    from ui.desktop.exercises.log_dialog import LogSetDialog, note_draft_key

    log = ExerciseLog("clamshell", date(2026, 11, 20), 3, reps=15)
    form = LogSetDialog(None, "Clamshell", log, Drafts(tmp_path))
    qtbot.addWidget(form)
    form.note.setText("left side tired")
    form.reject()  # closed by Esc or the window within the half second
    assert Drafts(tmp_path).get(note_draft_key(log)) == "left side tired"
    again = LogSetDialog(None, "Clamshell", log, Drafts(tmp_path))
    qtbot.addWidget(again)
    assert again.note.text() == "left side tired"
    again._accept()  # saved: the draft goes with it
    assert Drafts(tmp_path).get(note_draft_key(log)) == ""
