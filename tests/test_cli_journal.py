"""`seesaw journal` exports what the app saved, and says so when the app holds the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.paths import data_dir
from tests.journal_fixtures import session
from ui.cli.commands import main


def test_export_writes_csv_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(data_dir() / "journal") as journal:
        journal.add_session(session(1, 5, 3, note="felt lighter"))
    csv_path, md_path = tmp_path / "j.csv", tmp_path / "j.md"
    assert main(["journal", "export", "--csv", str(csv_path), "--markdown", str(md_path)]) == 0
    assert "felt lighter" in csv_path.read_text() and "felt lighter" in md_path.read_text()
    assert main(["journal", "show"]) == 0
    assert "soreness 5 → 3  felt lighter" in capsys.readouterr().out
    assert main(["journal"]) == 0  # showing is what `seesaw journal` alone does
    assert "soreness 5 → 3  felt lighter" in capsys.readouterr().out


def test_journal_in_use_by_the_app_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with Journal.open(data_dir() / "journal"):
        assert main(["journal", "export", "--csv", str(tmp_path / "x.csv")]) == 1
    assert "open in another copy of Seesaw" in capsys.readouterr().err


def test_export_without_a_target_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "export"]) == 2
    assert "--csv FILE and/or --markdown FILE" in capsys.readouterr().err
