"""The `seesaw` command line as an instructor uses it: exit codes and what is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.cli.commands import main

GOOD = "id: good\ntitle: Good\n---\n# Start\nLie down.\n[pause 5s]\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_check_passes_a_good_lesson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "good.lesson", GOOD)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "1 file checked: 0 error(s), 0 warning(s)"


def test_check_lists_every_error_in_every_file_of_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a/one.lesson", "id: one\ntitle: One\n---\n[pasue 5s]\nHi.\n[bell loud]\n")
    write(tmp_path, "b/two.lesson", "id: two\ntitle: Two\n---\n[count]\nHi.\n")
    write(tmp_path, "b/notes.txt", "not a lesson")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'a/one.lesson'}:4:2: error: unknown directive [pasue 5s]" in out
    assert f"{tmp_path / 'a/one.lesson'}:6:7: error: [bell] takes nothing after its name" in out
    assert f"{tmp_path / 'b/two.lesson'}:4:1: error: [count] only works inside [repeat]" in out
    assert out.strip().endswith("2 files checked: 3 error(s), 0 warning(s)")


def test_check_warnings_alone_do_not_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "w.lesson", "id: w\ntitle: W\n---\n[audio gone.ogg] Hello.\n")
    assert main(["check", str(path)]) == 0
    assert "warning: recording not found: gone.ogg" in capsys.readouterr().out


def test_check_reports_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nowhere.lesson")]) == 1
    out, err = capsys.readouterr()
    assert "no such file or folder" in err
    assert "0 files checked: 1 error(s)" in out  # the summary agrees with the failure


def test_timeline_prints_sections_and_timed_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "good.lesson", GOOD)
    assert main(["timeline", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Good (good) — 0:06, 1 cues"
    assert "# Start  [0:00, 0:06]" in out
    assert any(line.split()[-2:] == ["Lie", "down."] for line in out)


def test_timeline_of_a_broken_lesson_shows_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.lesson", "id: bad\n---\nHi.\n")
    assert main(["timeline", str(path)]) == 1
    assert "the header has no 'title'" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["timeline"], ["play"], ["render", "-o", "x.wav"]])
def test_a_broken_lesson_is_reported_with_its_place_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = write(tmp_path, "bad.lesson", "id: bad\ntitle: Bad\n---\n[pasue 5s]\nHi.\n")
    name, *options = command
    assert (
        main([name, str(path), *[str(tmp_path / o) if o.endswith(".wav") else o for o in options]])
        == 1
    )
    assert f"{path}:4:2: error: unknown directive [pasue 5s]" in capsys.readouterr().err


def test_a_broken_install_without_its_lessons_is_said_not_a_traceback(
    tmp_path, capsys, monkeypatch
) -> None:
    from lesson_engine import paths
    from ui.cli.commands import main

    def missing():  # type: ignore[no-untyped-def]
        raise paths.BundledLessonsMissing("Seesaw's bundled lessons are missing (a test)")

    monkeypatch.setattr(paths, "bundled_lessons_dir", missing)
    (tmp_path / "p.programme").write_text(
        "id: p\ntitle: P\n---\n# A\ncross 1 a week: 30m swim (S3)\n"
    )
    assert main(["check", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err.strip() == "seesaw: Seesaw's bundled lessons are missing (a test)"
    )
