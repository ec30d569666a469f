"""The exercise catalogue: complete, sourced, strictly checked, and compared correctly."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from lesson_engine.catalogue.comparison import disputed, filter_entries, side_by_side
from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.catalogue.model import School, Stance
from lesson_engine.catalogue.personal import my_results
from lesson_engine.journal.records import ExerciseLog, SessionEntry, Soreness
from lesson_engine.script.diagnostics import LessonScriptError

EXERCISES = {
    "side-lying-hip-abduction",
    "standing-side-leg-lift",
    "clamshell",
    "single-leg-bridge",
    "lateral-step-down",
    "single-leg-squat",
    "hip-drop",
    "monster-walk",
}
TREATMENTS = {
    "rest",
    "foam-rolling",
    "stretching-the-band",
    "ice-and-anti-inflammatories",
    "shoes",
    "it-band-strap",
    "surfaces",
    "awareness-lessons",
    "cadence-and-form",
    "cross-training",
    "injections-and-surgery",
}


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO / "lessons/catalogue")


def test_every_exercise_and_treatment_from_the_sources_is_there(catalogue) -> None:
    assert {e.id for e in catalogue.entries if e.kind == "exercise"} == EXERCISES
    assert {e.id for e in catalogue.entries if e.kind == "treatment"} == TREATMENTS


def test_every_entry_has_a_claim_from_every_source_with_a_reason(catalogue) -> None:
    keys = [s.key for s in catalogue.sources]
    assert keys == ["S1", "S2", "S3", "S4"]
    for entry in catalogue.entries:
        assert [c.source for c in entry.claims] == keys
        for claim in entry.claims:
            assert claim.stance is Stance.NOT_MENTIONED or claim.reason.strip(), (
                entry.id,
                claim.source,
            )
        assert entry.steps and entry.name


def test_every_stance_has_a_reason_and_the_part_of_the_article_it_rests_on(catalogue) -> None:
    """What a reader needs to check a stance: why, and where on the page to look."""
    for entry in catalogue.entries:
        for claim in entry.claims:
            if claim.stance is Stance.NOT_MENTIONED and not claim.reason:
                continue
            assert claim.reason.strip() and claim.part, (entry.id, claim.source)
            assert claim.part in catalogue.source(claim.source).parts, (entry.id, claim.source)


def test_a_stance_without_its_part_is_refused_at_its_line(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(repo / "lessons/catalogue", folder)
    path = folder / "entries/clamshell.toml"
    path.write_text(path.read_text().replace('part = "How to Relieve the Stress…"\n', "", 1))
    with pytest.raises(LessonScriptError) as caught:
        load_catalogue(folder)
    assert "the claim of S1 needs the part of the article it rests on" in str(caught.value)


def test_a_part_that_is_not_in_the_article_is_refused_with_a_suggestion(
    tmp_path: Path, repo: Path
) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(repo / "lessons/catalogue", folder)
    path = folder / "entries/rest.toml"
    path.write_text(path.read_text().replace('part = "1) Short Rest"', 'part = "1) Short rests"'))
    with pytest.raises(LessonScriptError) as caught:
        load_catalogue(folder)
    assert "'1) Short rests' is not a part of S2" in str(caught.value)
    assert "did you mean '1) Short Rest'?" in str(caught.value)


def test_s1s_warning_about_a_pelvis_held_still_or_level_is_on_every_such_exercise(
    catalogue,
) -> None:
    """S1 warns against any exercise that keeps the pelvis square or level, named or not."""
    held = [e for e in catalogue.entries if e.pelvis in {"held still", "held level"}]
    assert {e.id for e in held} >= {"lateral-step-down", "single-leg-bridge", "monster-walk"}
    for entry in held:
        claim = entry.claim("S1")
        if claim.stance is Stance.NOT_MENTIONED:
            assert "general warning" in claim.reason, entry.id
        else:
            assert claim.reason, entry.id


def test_claims_from_the_comments_are_marked_as_comments(catalogue) -> None:
    rolling = catalogue.entry("foam-rolling").claim("S1")
    assert rolling.part == "author's reply" and "hedged" in rolling.reason
    assert rolling.stance is not Stance.NEUTRAL
    ice = catalogue.entry("ice-and-anti-inflammatories").claim("S2")
    assert ice.stance is Stance.NOT_MENTIONED and ice.part == "reader comment"


def test_stances_follow_the_articles_own_lines(catalogue) -> None:
    def stance(entry_id: str, source: str) -> Stance:
        return catalogue.entry(entry_id).claim(source).stance

    assert stance("stretching-the-band", "S2") is Stance.RECOMMENDED  # one of its three treatments
    assert stance("single-leg-squat", "S4") is Stance.NEUTRAL  # a self-check, not an exercise
    assert stance("hip-drop", "S1") is Stance.WITH_CONDITION  # helpful "accidentally"
    assert stance("single-leg-squat", "S1") is Stance.WITH_CONDITION
    assert stance("rest", "S4") is Stance.NOT_MENTIONED  # one patient's story
    assert "not necessarily" in catalogue.entry("it-band-strap").claim("S2").reason
    assert "not necessarily" in catalogue.entry("rest").claim("S2").reason
    assert "supportive" in catalogue.entry("shoes").claim("S3").reason


def test_s1_is_more_than_a_list_of_objections(catalogue) -> None:
    """S1 recommends its own method and running cues, not only warnings against others'."""
    recommended = {e.id for e in catalogue.entries if e.claim("S1").stance is Stance.RECOMMENDED}
    assert {"awareness-lessons", "cadence-and-form"} <= recommended


def test_sources_name_only_what_their_texts_say(catalogue) -> None:
    described = " ".join(f"{s.publisher} {s.about}" for s in catalogue.sources)
    for absent in ("Balanced Runner", "Feldenkrais"):
        assert absent not in described


def test_each_exercise_has_a_readable_illustration(catalogue, repo: Path) -> None:
    for entry in catalogue.entries:
        if entry.kind == "exercise":
            root = ET.parse(repo / "lessons/catalogue/illustrations" / entry.illustration).getroot()
            assert (
                root.tag.endswith("svg")
                and root.find("{http://www.w3.org/2000/svg}title") is not None
            )


def test_schools_are_as_the_sources_describe_them(catalogue) -> None:
    assert catalogue.source("S1").school is School.MOVEMENT
    assert {catalogue.source(k).school for k in ("S2", "S3", "S4")} == {School.STRENGTH}


def test_the_clamshell_disagreement_is_shown(catalogue) -> None:
    clamshell = catalogue.entry("clamshell")
    assert clamshell.claim("S1").stance is Stance.COUNTERPRODUCTIVE
    assert clamshell.claim("S3").stance is Stance.RECOMMENDED
    assert disputed(clamshell)
    assert not disputed(catalogue.entry("monster-walk"))


def test_side_by_side_marks_only_the_rows_that_differ(catalogue) -> None:
    rows = {
        r.label: r
        for r in side_by_side(
            catalogue, [catalogue.entry("clamshell"), catalogue.entry("hip-drop")]
        )
    }
    assert rows["Kind"].values == ("exercise", "exercise") and not rows["Kind"].differs
    assert rows["Pelvis"].values == ("held still", "free to move") and rows["Pelvis"].differs
    s1 = next(r for label, r in rows.items() if label.startswith("S1"))
    assert s1.values == ("Counterproductive", "Recommended, with a condition") and s1.differs


def test_filters_by_school_position_and_equipment(catalogue) -> None:
    movement = {e.id for e in filter_entries(catalogue, school=School.MOVEMENT, kind="exercise")}
    assert movement == {"side-lying-hip-abduction", "clamshell", "single-leg-squat", "hip-drop"}
    assert {e.id for e in filter_entries(catalogue, equipment="band", kind="exercise")} >= {
        "clamshell",
        "monster-walk",
    }
    assert {e.id for e in filter_entries(catalogue, position="lying on your side")} == {
        "clamshell",
        "side-lying-hip-abduction",
        "awareness-lessons",
    }


def _session(day: int, after: int | None, before: int | None = None) -> SessionEntry:
    start = datetime(2026, 11, day, 7, tzinfo=UTC)
    return SessionEntry(
        "ws", "WS", start, start, True, 1.0, before=Soreness(before), after=Soreness(after)
    )


def test_my_results_compare_days_with_and_without_the_exercise() -> None:
    sessions = [
        _session(1, 4),
        _session(2, 2),
        _session(3, 6),
        _session(4, None, 5),
        _session(4, 3),
        _session(5, None),
    ]
    logs = [
        ExerciseLog("clamshell", date(2026, 11, 2), 3, 15),
        ExerciseLog("clamshell", date(2026, 11, 4), 3, 15),
        ExerciseLog("hip-drop", date(2026, 11, 6), 2, 10, soreness=1),
    ]
    results = {
        r.exercise_id: r
        for r in my_results(["clamshell", "hip-drop", "monster-walk"], sessions, logs)
    }
    # rated days: 1→4, 2→2, 3→6, 4→3 (the lowest after-rating), 6→1 (from the log); day 5 has no rating
    assert (results["clamshell"].with_days, results["clamshell"].with_mean) == (2, 2.5)
    assert (results["clamshell"].without_days, results["clamshell"].without_mean) == (
        3,
        round((4 + 6 + 1) / 3, 2),
    )
    assert (results["hip-drop"].with_days, results["hip-drop"].with_mean) == (1, 1)
    assert (results["monster-walk"].with_days, results["monster-walk"].with_mean) == (0, None)


def test_a_broken_entry_is_reported_at_its_line_with_a_suggestion(
    tmp_path: Path, repo: Path
) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(repo / "lessons/catalogue", folder)
    path = folder / "entries/clamshell.toml"
    path.write_text(
        path.read_text()
        .replace('position = "counterproductive"', 'position = "counterproductve"')
        .replace("dose =", "dosage =")
    )
    with pytest.raises(LessonScriptError) as caught:
        load_catalogue(folder)
    text = str(caught.value)
    assert (
        f"{path}:7:1: error: unknown key 'dosage'" in text
    )  # dose is on line 7 of clamshell.toml and "did you mean 'dose'?" in text
    assert (
        "unknown position 'counterproductve' for S1" in text
        and "did you mean 'counterproductive'?" in text
    )
    line = next(
        n
        for n, text_line in enumerate(path.read_text().splitlines(), 1)
        if "counterproductve" in text_line
    )
    assert f"{path}:{line}:1: error: unknown position" in text


def test_invalid_toml_is_located(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(repo / "lessons/catalogue", folder)
    (folder / "entries/hip-drop.toml").write_text('name = "Hip drop\nkind = "exercise"\n')
    with pytest.raises(LessonScriptError, match=r"hip-drop.toml:1:\d+: error: not valid TOML"):
        load_catalogue(folder)
