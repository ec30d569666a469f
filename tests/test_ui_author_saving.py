"""The Author page's files are written behind the window, in order, and nothing typed is lost.

The real page on the real writer (the journal's, as the app attaches it), real files in a
temporary folder. A job waiting on an ``Event`` holds the writer, as a disk busy with another
program's writes would; ``qtbot.waitUntil`` waits for what the page shows once the writer is done.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.journal_fixtures import refuse_writes
from tests.test_ui_author import GOOD, Answers, type_text
from tests.writer_fixtures import Writer
from ui.desktop.app import build
from ui.desktop.author.recovery import RecoveryCopies
from ui.desktop.author.view import AuthorView
from ui.desktop.ports import SilentAudio


def page(qtbot, tmp_path: Path, answers: Answers, writer: Writer) -> AuthorView:
    view = AuthorView(tmp_path / "recovery", dialogs=answers.dialogs(), later=writer.journal.later)
    qtbot.addWidget(view)
    return view


@dataclass
class HeldDraft:
    """A lesson typed on the Author page and not yet saved, with the writer held."""

    author: AuthorView
    answers: Answers
    draft: Path
    """Where Save… is answered to put it."""
    gate: threading.Event
    """Set it to let the writer on, as a busy disk would at last."""


@pytest.fixture
def held_draft(qtbot, tmp_path: Path, writer: Writer) -> HeldDraft:
    """``GOOD`` typed on the page, Save… answered with draft.lesson, and the journal's writer
    held: nothing asked from here on reaches the disk until ``gate`` is set."""
    answers = Answers()
    author = page(qtbot, tmp_path, answers, writer)
    draft = tmp_path / "draft.lesson"
    answers.save_to = str(draft)
    type_text(author, GOOD)
    return HeldDraft(author, answers, draft, writer.hold())


def test_save_returns_at_once_and_says_saved_only_once_the_script_is_on_disk(
    qtbot, tmp_path: Path, writer: Writer, renamed: list[tuple[str, str]]
) -> None:
    answers = Answers()
    author = page(qtbot, tmp_path, answers, writer)
    lesson = tmp_path / "lessons" / "draft.lesson"
    answers.save_to = str(lesson)
    gate = writer.hold()
    type_text(author, GOOD)
    author.check_now()  # the pause after typing: a recovery copy is asked for first
    author.buttons["save"].click()  # returns while the disk is held: the window answers
    assert author.recovery_bar.text() == "Saving draft.lesson…"
    assert author.title.text() == "Untitled lesson — modified"  # not called saved yet
    assert not lesson.exists() and renamed == []
    gate.set()
    qtbot.waitUntil(lambda: author.recovery_bar.text() == "Saved draft.lesson.")
    assert lesson.read_text(encoding="utf-8") == GOOD
    assert author.title.text() == str(lesson) and not author.modified
    assert author.recoverable() == []  # let go once the script was on disk, not before
    # in the order asked (the copies kept on the pause and as Save as… checked, then the
    # script), and every one by the writer, none on the window's thread
    assert [name for name, _ in renamed] == [*["untitled.lesson.recovery.json"] * 2, lesson.name]
    assert {thread for _, thread in renamed} == {"seesaw-writer"}


def test_a_save_the_disk_refuses_says_why_and_keeps_the_text_and_a_recovery_copy(
    qtbot, tmp_path: Path, writer: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved the moment it was typed (no pause, so no recovery copy yet): the refusal itself
    leaves one, so the words survive Seesaw being closed before the disk has room again."""
    answers = Answers()
    author = page(qtbot, tmp_path, answers, writer)
    folder = tmp_path / "lessons"
    folder.mkdir()
    lesson = folder / "draft.lesson"
    lesson.write_text(GOOD, encoding="utf-8")
    author.open(lesson)
    typed = GOOD + "Breathe out slowly.\n"
    type_text(author, typed)
    allow = refuse_writes(monkeypatch, folder)  # the lessons' disk is full; not the copies'
    author.buttons["save"].click()
    qtbot.waitUntil(lambda: author.recovery_bar.text().startswith("Could not save"))
    assert author.recovery_bar.text() == (
        f"Could not save {lesson}: the disk is full. Your text is still here. It is also kept "
        "as a recovery copy, offered again when Seesaw starts."
    )
    assert author.editor.toPlainText() == typed and author.modified
    assert lesson.read_text(encoding="utf-8") == GOOD  # the old file, whole
    (copy,) = RecoveryCopies(tmp_path / "recovery").found()
    assert RecoveryCopies.read(copy) == (typed, lesson)
    allow()
    author.buttons["save"].click()
    qtbot.waitUntil(lambda: author.recovery_bar.text() == "Saved draft.lesson.")
    assert lesson.read_text(encoding="utf-8") == typed
    assert author.recoverable() == [] and not author.modified


def test_opening_another_lesson_after_answering_save_waits_for_the_save_to_land(
    qtbot, tmp_path: Path, held_draft: HeldDraft
) -> None:
    author = held_draft.author
    other = tmp_path / "other.lesson"
    other.write_text("id: other\ntitle: Other\n---\nHi.\n", encoding="utf-8")
    held_draft.answers.unsaved = "save"
    author.open(other)
    assert author.editor.toPlainText() == GOOD  # still here while its save is on its way
    held_draft.gate.set()
    qtbot.waitUntil(lambda: author.path == other)
    assert held_draft.draft.read_text(encoding="utf-8") == GOOD
    assert author.editor.toPlainText().startswith("id: other") and not author.modified


def test_text_typed_while_it_was_saved_stays_unsaved_and_is_kept(
    qtbot, writer: Writer, held_draft: HeldDraft
) -> None:
    author, draft = held_draft.author, held_draft.draft
    author.save()
    type_text(author, GOOD + "Walk on.\n")  # typed before the disk answered
    held_draft.gate.set()
    qtbot.waitUntil(lambda: author.recovery_bar.text() == "Saved draft.lesson.")
    assert draft.read_text(encoding="utf-8") == GOOD
    assert author.modified and author.title.text() == f"{draft} — modified"
    writer.journal.flush()
    (copy,) = author.recoverable()  # under the name the text is saved as now
    assert RecoveryCopies.read(copy) == (GOOD + "Walk on.\n", draft)


def test_closing_with_unsaved_text_waits_for_its_save_and_stays_open_if_it_is_refused(
    qtbot,
    tmp_path: Path,
    writer: Writer,
    monkeypatch: pytest.MonkeyPatch,
    renamed: list[tuple[str, str]],
) -> None:
    """The whole app, whose Author page is handed the journal's writer as it is built."""
    answers = Answers()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=writer.journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[],
        author_dialogs=answers.dialogs(),
    )
    renamed.clear()  # the caches the start kept (the catalogue as read): not the Author's
    qtbot.addWidget(app.window)
    app.window.show()
    author = app.author_view
    folder = tmp_path / "lessons"
    draft = folder / "draft.lesson"
    answers.unsaved, answers.save_to = "save", str(draft)
    type_text(author, GOOD)
    folder.mkdir()
    allow = refuse_writes(monkeypatch, folder)
    assert not app.window.close()  # refused: the window stays, with the text
    qtbot.waitUntil(lambda: author.recovery_bar.text().startswith("Could not save"))
    assert app.window.isVisible() and author.editor.toPlainText() == GOOD
    allow()
    assert app.window.close()
    assert draft.read_text(encoding="utf-8") == GOOD
    assert (draft.name, "seesaw-writer") in renamed
    assert {thread for _, thread in renamed} == {"seesaw-writer"}


# -- recovery copies of lessons of one name -----------------------------------------------------


def typed_and_lost(tmp_path: Path, answers: Answers, lesson: Path, words: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A session of Seesaw that opens ``lesson``, types ``words`` into it and then dies."""
    lesson.parent.mkdir(parents=True, exist_ok=True)
    lesson.write_text(GOOD)
    view = AuthorView(tmp_path / "recovery", dialogs=answers.dialogs())
    qtbot.addWidget(view)
    view.open(lesson)
    view.editor.appendPlainText(words)
    view.check_now()  # the pause after typing: its copy is kept
    view.deleteLater()  # the app dies here: nothing saved


def test_lessons_of_one_name_in_two_folders_keep_a_recovery_copy_each(
    qtbot, tmp_path: Path
) -> None:
    answers = Answers()
    hips, knees = tmp_path / "hips" / "draft.lesson", tmp_path / "knees" / "draft.lesson"
    typed_and_lost(tmp_path, answers, hips, "Words for the hips.", qtbot)
    typed_and_lost(tmp_path, answers, knees, "Words for the knees.", qtbot)
    view = AuthorView(tmp_path / "recovery", dialogs=answers.dialogs())
    qtbot.addWidget(view)
    copies = view.recoverable()
    assert len(copies) == 2
    restored = {}
    for copy in copies:
        view.restore(copy)
        assert (
            view.recovery_bar.text()
            == "Recovered unsaved text of draft.lesson. Save it to keep it."
        )
        assert view.path is not None
        restored[view.path] = view.editor.toPlainText().splitlines()[-1]
    assert restored == {hips: "Words for the hips.", knees: "Words for the knees."}


def test_a_copy_kept_before_the_update_is_offered_and_let_go_once_its_lesson_is_saved(
    qtbot, tmp_path: Path
) -> None:
    """Seesaw before the update named a copy by the lesson's file name alone."""
    answers = Answers()
    hips, knees = tmp_path / "hips" / "draft.lesson", tmp_path / "knees" / "draft.lesson"
    hips.parent.mkdir()
    hips.write_text(GOOD)
    recovery = tmp_path / "recovery"
    recovery.mkdir()
    before = recovery / "draft.lesson.recovery.json"  # as the old Seesaw wrote it
    before.write_text(json.dumps({"path": str(hips), "text": GOOD + "Typed before the update.\n"}))
    view = AuthorView(recovery, dialogs=answers.dialogs())
    qtbot.addWidget(view)
    assert view.recoverable() == [before]
    view.restore(before)
    assert view.path == hips and view.modified
    assert view.editor.toPlainText().endswith("Typed before the update.\n")
    view.check_now()  # typed on: the copy under the new name is kept beside it
    assert len(view.recoverable()) == 2
    view.save()
    assert hips.read_text().endswith("Typed before the update.\n")
    assert view.recoverable() == []  # both let go once the lesson is on disk
    elsewhere = {"path": str(knees), "text": "Another folder's draft."}
    before.write_text(json.dumps(elsewhere))  # the old copy of another folder's draft.lesson
    view.editor.appendPlainText("More.")
    view.save()
    assert view.recoverable() == [before]  # not that lesson's: kept, never lost
