"""The Author screen: live checking, play from here, unsaved changes, recovery, recordings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from lesson_engine.timeline import compile_timeline
from ui.desktop.app import build
from ui.desktop.author.view import AuthorDialogs, AuthorView
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio

TWO_LINES = (
    "id: two\ntitle: Two\n---\n# One\nLie down.\n[pause 5s]\n\n# Two\n// stand slowly\n"
    "Stand up\nand look ahead.\n[pause 5s]\nWalk.\n"
)
GOOD = "id: draft\ntitle: Draft\n---\n# One\nLie down.\n[pause 5s]\n\n# Two\nStand up.\n[pause 5s]\nWalk.\n"


class Answers:
    def __init__(self) -> None:
        self.unsaved = "cancel"
        self.save_to = ""
        self.audio = ""
        self.asked: list[str] = []

    def dialogs(self) -> AuthorDialogs:
        def unsaved(_parent, name: str) -> str:
            self.asked.append(name)
            return self.unsaved

        return AuthorDialogs(
            open_path=lambda _p: "",
            save_path=lambda _p, _s: self.save_to,
            unsaved=unsaved,
            pick_audio=lambda _p: self.audio,
        )


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def author(qtbot, tmp_path: Path, answers: Answers) -> AuthorView:
    view = AuthorView(tmp_path / "recovery", dialogs=answers.dialogs())
    qtbot.addWidget(view)
    return view


def type_text(view: AuthorView, text: str) -> None:
    view.editor.selectAll()
    view.editor.insertPlainText(text)


def put_cursor(view: AuthorView, line: int) -> None:
    cursor = QTextCursor(view.editor.document().findBlockByNumber(line - 1))
    view.editor.setTextCursor(cursor)


def test_typing_an_error_shows_it_at_its_line_and_fixing_clears_it(
    author: AuthorView, qtbot
) -> None:
    type_text(author, GOOD.replace("[pause 5s]\n\n# Two", "[pasue 5s]\n\n# Two"))
    qtbot.waitUntil(lambda: author.lesson is None and author.diagnostics != (), timeout=2000)
    assert (
        author.problems.item(0).text()
        == "6:2  error: unknown directive [pasue 5s]\n    did you mean [pause]?"
    )
    (underline,) = author.editor.extraSelections()
    assert underline.cursor.blockNumber() == 5
    author.problems.setCurrentRow(0)
    author.problems.jump(author.problems.item(0))
    assert author.cursor_line() == 6
    type_text(author, GOOD)
    author.check_now()
    assert author.lesson is not None
    assert author.problems.item(0).text() == "No problems found."
    assert author.editor.extraSelections() == []


def test_length_updates_with_the_text(author: AuthorView) -> None:
    type_text(author, GOOD)
    author.check_now()
    assert "One" in author.length.text() and "Two" in author.length.text()
    before = author.length.text()
    type_text(author, GOOD + "[pause 1m]\n")
    author.check_now()
    assert author.length.text() != before


def test_play_from_here_starts_at_the_cue_under_the_cursor(author: AuthorView, qtbot) -> None:
    type_text(author, GOOD)
    put_cursor(author, 9)  # "Stand up."
    with qtbot.waitSignal(author.play_requested) as signal:
        author.play_from_cursor()
    lesson, start = signal.args
    assert lesson.id == "draft"
    timeline = compile_timeline(lesson)
    assert start == timeline.sections[1].start_ms == 6_450  # "Lie down." 1.45 s, then a 5 s pause


def test_unsaved_changes_are_asked_about_before_opening_another(
    author: AuthorView, answers: Answers, tmp_path: Path
) -> None:
    type_text(author, GOOD)
    other = tmp_path / "other.lesson"
    other.write_text("id: other\ntitle: Other\n---\nHi.\n")
    answers.unsaved = "cancel"
    author.open(other)
    assert answers.asked and author.path is None and "Lie down." in author.editor.toPlainText()
    answers.unsaved = "save"
    answers.save_to = str(tmp_path / "draft.lesson")
    author.open(other)
    assert (tmp_path / "draft.lesson").read_text() == GOOD
    assert author.path == other and not author.modified


def test_a_crash_leaves_a_recovery_file_that_restores_the_text(
    qtbot, tmp_path: Path, answers: Answers
) -> None:
    first = AuthorView(tmp_path / "recovery", dialogs=answers.dialogs())
    qtbot.addWidget(first)
    type_text(first, GOOD + "Unsaved words.\n")
    first.check_now()  # the pause after typing
    del first  # the app dies here: nothing saved
    second = AuthorView(tmp_path / "recovery", dialogs=answers.dialogs())
    qtbot.addWidget(second)
    (recovery,) = second.recoverable()
    second.restore(recovery)
    assert second.editor.toPlainText().endswith("Unsaved words.\n")
    assert second.modified


def test_saving_removes_the_recovery_file(
    author: AuthorView, answers: Answers, tmp_path: Path
) -> None:
    type_text(author, GOOD)
    author.check_now()
    assert author.recoverable()
    answers.save_to = str(tmp_path / "draft.lesson")
    assert author.save()
    assert author.recoverable() == []


def test_attach_recording_copies_it_beside_the_lesson_and_inserts_the_line(
    author: AuthorView, answers: Answers, tmp_path: Path, qtbot
) -> None:
    lesson_path = tmp_path / "lessons" / "draft.lesson"
    lesson_path.parent.mkdir()
    lesson_path.write_text(GOOD)
    author.open(lesson_path)
    recording = tmp_path / "my voice.wav"
    recording.write_bytes(b"RIFF....WAVE")
    answers.audio = str(recording)
    put_cursor(author, 9)
    author.attach_recording()
    assert author.recovery_bar.text() == (
        f"Copying my voice.wav into {lesson_path.parent / 'clips'}… You can go on writing."
    )
    qtbot.waitUntil(lambda: author.recovery_bar.text() == "The cue now plays clips/my voice.wav.")
    lines = author.editor.toPlainText().splitlines()
    assert lines[8] == "[audio clips/my voice.wav]" and lines[9] == "Stand up."
    assert (lesson_path.parent / "clips" / "my voice.wav").read_bytes() == b"RIFF....WAVE"
    assert (
        author.lesson is not None
        and author.lesson.sections[1].steps[0].audio == lesson_path.parent / "clips/my voice.wav"
    )


def test_a_note_about_one_lesson_is_not_left_over_another_or_after_it_is_done(
    author: AuthorView, answers: Answers, tmp_path: Path, qtbot
) -> None:
    """'Save the lesson first' stayed on screen after the lesson was saved, opened and its
    recording attached, as if the attaching had failed."""
    put_cursor(author, 15)
    author.attach_recording()
    assert author.recovery_bar.text().startswith("Save the lesson first")
    lesson_path = tmp_path / "lessons" / "draft.lesson"
    lesson_path.parent.mkdir()
    lesson_path.write_text(GOOD)
    author.open(lesson_path)
    assert author.recovery_bar.isHidden()
    put_cursor(author, 4)  # on "# One": said, then done right
    author.attach_recording()
    assert author.recovery_bar.text().startswith("Put the cursor on the words")
    recording = tmp_path / "my voice.wav"
    recording.write_bytes(b"RIFF....WAVE")
    answers.audio = str(recording)
    put_cursor(author, 9)
    author.attach_recording()
    qtbot.waitUntil(lambda: author.recovery_bar.text() == "The cue now plays clips/my voice.wav.")


def app_with_preview(  # type: ignore[no-untyped-def]
    qtbot,
    tmp_path: Path,
    answers: Answers,
    journal: Journal,
    clock: ManualClock,
    folders: list[tuple[str, Path]] | None = None,
):
    """The whole app on a hand-moved clock, whose Stop is answered yes at once."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        folders=folders or [],
        clock=clock,
        author_dialogs=answers.dialogs(),
        confirm_stop=lambda _parent, _question: True,
    )
    qtbot.addWidget(app.window)
    return app


def test_play_from_here_docks_the_real_player_beside_the_script_and_follows_it(
    qtbot, tmp_path: Path, answers: Answers, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[object] = []
    keep = journal.save_checkpoint
    monkeypatch.setattr(journal, "save_checkpoint", lambda data: (saved.append(data), keep(data)))
    clock = ManualClock()
    app = app_with_preview(qtbot, tmp_path, answers, journal, clock)
    app.window.show_page("author")
    author = app.author_view
    type_text(author, TWO_LINES)
    put_cursor(author, 10)  # "Stand up" (lines 10 and 11 make one instruction)
    author.play_from_cursor()
    view = author.preview.player
    assert isinstance(view, PlayerView) and view.isVisibleTo(author)
    assert app.window.pages.currentWidget() is author and author.editor.isVisibleTo(author)
    assert view.caption.text() == "Stand up and look ahead."
    assert app.flow.player is not None and app.flow.player.state is PlayerState.PLAYING
    assert author.preview.highlighted_lines() == (10, 11)
    timeline = app.flow.player.timeline
    walk = timeline.cues[2]
    clock.advance(walk.start_ms - timeline.cues[1].start_ms)
    app.flow.controller.tick()
    assert author.preview.highlighted_lines() == (13, 13)  # the shading follows the clock
    assert author.cursor_line() == 10  # while it plays, the author's cursor stays where it was
    view.buttons["toggle"].click()
    assert app.flow.player.state is PlayerState.PAUSED
    view.buttons["toggle"].click()
    view.buttons["rest"].click()
    assert app.flow.player.state is PlayerState.RESTING
    view.buttons["stop"].click()
    assert author.preview.player is None and not author.preview.isVisibleTo(author)
    assert author.cursor_line() == 13  # left at the cue where the preview stopped
    assert author.preview.highlighted_lines() is None
    assert saved == [] and journal.sessions() == [] and journal.load_checkpoint() is None


def test_a_preview_that_plays_to_the_end_leaves_the_cursor_at_the_last_cue(
    qtbot, tmp_path: Path, answers: Answers, journal: Journal
) -> None:
    clock = ManualClock()
    app = app_with_preview(qtbot, tmp_path, answers, journal, clock)
    author = app.author_view
    type_text(author, GOOD + "[bell]\n")
    put_cursor(author, 5)
    author.play_from_cursor()
    assert author.preview.highlighted_lines() == (5, 5)
    assert author.preview.player is not None
    bell = author.preview.player.controller.player.timeline.cues[-1]
    clock.advance(bell.start_ms + 100)
    app.flow.controller.tick()
    assert author.preview.player.caption.text() == "Walk."  # the bell keeps it on screen
    assert author.preview.highlighted_lines() == (11, 11)  # and so does the script
    clock.advance(60_000)
    app.flow.controller.tick()
    assert author.preview.player is None and author.cursor_line() == 11  # "Walk.", not [bell]
    assert journal.sessions() == []


def test_starting_a_lesson_ends_a_preview_left_playing_on_the_author_page(
    qtbot, tmp_path: Path, answers: Answers, journal: Journal
) -> None:
    from ui.desktop.player.checkin import CheckInView

    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "draft.lesson").write_text(GOOD)
    folders = [("Mine", tmp_path / "lessons")]
    app = app_with_preview(qtbot, tmp_path, answers, journal, ManualClock(), folders)
    type_text(app.author_view, GOOD)
    app.author_view.play_from_cursor()
    assert app.author_view.preview.player is not None
    app.flow.start("draft")
    assert app.author_view.preview.player is None and not app.author_view.preview.isVisibleTo(
        app.author_view
    )
    assert isinstance(app.window.pages.currentWidget(), CheckInView)


def test_closing_the_window_with_unsaved_text_asks_and_can_be_cancelled(
    qtbot, tmp_path: Path, answers: Answers, journal: Journal
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[],
        author_dialogs=answers.dialogs(),
    )
    qtbot.addWidget(app.window)
    app.window.show()
    type_text(app.author_view, GOOD)
    answers.unsaved = "cancel"
    assert not app.window.close()
    assert app.window.isVisible() and answers.asked
    answers.unsaved = "discard"
    assert app.window.close()


def test_the_editor_numbers_its_lines_as_the_problems_count_them(qtbot, tmp_path: Path) -> None:
    from ui.desktop.author.gutter import NumberedEditor

    editor = NumberedEditor()
    qtbot.addWidget(editor)
    editor.resize(500, 300)
    editor.setPlainText("\n".join(f"line {n}" for n in range(1, 201)))
    editor.show()
    qtbot.waitExposed(editor)
    shown = editor.visible_numbers()
    assert shown[0] == 1 and shown == list(range(1, len(shown) + 1))
    assert editor.gutter.width() >= editor.fontMetrics().horizontalAdvance("200")
    assert editor.viewportMargins().left() == editor.gutter.width()
    editor.verticalScrollBar().setValue(100)
    assert editor.visible_numbers()[0] == 101  # the numbers follow the script as it scrolls


def test_save_goes_to_my_lessons_and_the_library_lists_it_at_once(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    from lesson_engine.paths import my_lessons_dir

    proposed: list[str] = []

    def save_path(_parent: object, suggested: str) -> str:
        proposed.append(suggested)
        return suggested  # the learner takes the folder Seesaw proposes

    dialogs = AuthorDialogs(
        open_path=lambda _p: "",
        save_path=save_path,
        unsaved=lambda _p, _n: "cancel",
        pick_audio=lambda _p: "",
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(journal=journal, audio=SilentAudio(), settings=settings, author_dialogs=dialogs)
    qtbot.addWidget(app.window)
    type_text(app.author_view, GOOD.replace("title: Draft", "title: Hill hikes\nauthor: Sam"))
    assert app.author_view.save()
    assert proposed == [str(my_lessons_dir() / "draft.lesson")]
    entry = app.library.by_id("draft")
    assert entry is not None and entry.origin == "My lessons"
    listed = [app.library_view.list.item(i).text() for i in range(app.library_view.list.count())]
    assert any(
        t.startswith("Hill hikes\n") and t.endswith("from My lessons by Sam") for t in listed
    )


def test_a_problem_in_the_packs_lexicon_is_listed_by_its_file_and_not_placed_in_the_script(
    author: AuthorView, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.toml").write_text('title = "Mine"\n', encoding="utf-8")
    (pack / "lexicon.txt").write_text("say: TFL = T F L\nsay: = nothing\n", encoding="utf-8")
    lesson = pack / "draft.lesson"
    lesson.write_text(GOOD.replace("[pasue", "[pause"), encoding="utf-8")
    author.open(lesson)
    author.check_now()
    texts = [author.problems.item(i).text() for i in range(author.problems.count())]
    assert texts[0].startswith("lexicon.txt:2:6  error:"), texts
    assert author.editor.extraSelections() == []  # line 2 of the script is not at fault
    author.problems.jump(author.problems.item(0))
    assert author.cursor_line() == 1  # not moved to the script's line 2
