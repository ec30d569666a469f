"""Dataclass methods compiled once across starts (``ui.method_cache``).

Each start is a fresh interpreter, as a learner's is: the first compiles and writes the file, the
next takes the code from it and its classes behave exactly as compiled ones do. A file that is
damaged, from another Python, or cannot be written only costs the compile.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.app_start import SEESAW, methods_counted
from tests.child_python import python_json, run_python
from ui.method_cache import HEADER

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys
from pathlib import Path
from ui import method_cache
method_cache.use(Path(sys.argv[1]))
from dataclasses import FrozenInstanceError, dataclass, field

@dataclass(frozen=True)
class Cue:
    text: str
    pause: float = 1.5
    tags: tuple[str, ...] = field(default=())
    {extra}

a, b = Cue("Lie on your back."), Cue("Lie on your back.")
try:
    a.text = "changed"
    frozen = False
except FrozenInstanceError:
    frozen = True
method_cache.save()
compiled, reused = method_cache.counts()
print(json.dumps({{
    "compiled": compiled, "reused": reused, "equal": a == b, "same_hash": hash(a) == hash(b),
    "repr": repr(a), "frozen": frozen, "extra": getattr(a, "side", None),
}}))
"""


def start(cache: Path, extra: str = "") -> dict[str, object]:
    """One fresh interpreter that defines a frozen dataclass with the cache in ``cache``."""
    return python_json(REPO, CHILD.format(extra=extra), str(cache))


def behaves(result: dict[str, object]) -> None:
    assert result["equal"] and result["same_hash"] and result["frozen"]
    assert result["repr"] == "Cue(text='Lie on your back.', pause=1.5, tags=())"


def test_the_second_start_compiles_nothing_and_its_classes_behave_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "compiled-methods"  # the folder does not exist yet
    first = start(cache)
    behaves(first)
    assert first["compiled"] and not first["reused"]
    assert cache.is_file()
    second = start(cache)
    behaves(second)
    assert second["compiled"] == 0
    assert second["reused"] == first["compiled"]


def test_a_class_that_changed_is_compiled_anew_and_keeps_its_new_field(tmp_path: Path) -> None:
    cache = tmp_path / "compiled-methods"
    start(cache)
    changed = start(cache, extra='side: str = "left"')
    assert changed["extra"] == "left"
    assert changed["compiled"] and not changed["reused"]  # every method names every field
    assert changed["repr"] == "Cue(text='Lie on your back.', pause=1.5, tags=(), side='left')"
    assert start(cache, extra='side: str = "left"')["compiled"] == 0


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut short"),
        pytest.param(lambda data: data[:-10] + bytes(10), id="zeroed tail"),
        pytest.param(
            lambda data: data.replace(data[len(HEADER) : len(HEADER) + 4], b"\0\0\0\0", 1),
            id="other python",
        ),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_file_is_ignored_and_written_again(tmp_path: Path, damage: object) -> None:
    cache = tmp_path / "compiled-methods"
    start(cache)
    assert callable(damage)
    cache.write_bytes(damage(cache.read_bytes()))
    again = start(cache)
    behaves(again)
    assert again["compiled"] and not again["reused"]
    assert start(cache)["compiled"] == 0  # the file was written whole again


def test_code_that_does_not_read_back_is_compiled_and_only_it(tmp_path: Path) -> None:
    """Each text's code is read from the file only when its text comes; one that does not read
    as code (the checksum makes it all but impossible) costs that one compile, nothing else."""
    import marshal

    from lesson_engine.cache_file import read_cache, write_cache
    from ui.method_cache import _PREFIX

    cache = tmp_path / "compiled-methods"
    start(cache)
    codes = marshal.loads(read_cache(cache, _PREFIX) or b"")
    spoiled = next(text for text in codes if "__repr__" in text)
    write_cache(cache, _PREFIX, marshal.dumps({**codes, spoiled: b"not code"}))
    again = start(cache)
    behaves(again)
    assert again["compiled"] == 1 and again["reused"] == len(codes) - 1


def test_a_cache_that_cannot_be_written_costs_only_the_compile(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = blocker / "compiled-methods"
    for _ in range(2):
        result = start(cache)
        behaves(result)
        assert result["compiled"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_the_seesaw_command_keeps_its_compiled_methods_in_the_cache_folder(tmp_path: Path) -> None:
    """Any start of ``seesaw`` (here a command-line one, which loads no Qt) fills the file."""
    env = {"SEESAW_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "ui.main", "lessons"],
        capture_output=True,
        check=True,
        env=env,
        cwd=REPO,
    )
    written = tmp_path / "cache" / "compiled-methods"
    assert written.read_bytes().startswith(HEADER)
    assert len(written.read_bytes()) > 10_000  # the lesson model's classes, not an empty table


def test_the_apps_second_start_compiles_no_method_and_takes_every_one_from_the_file(
    tmp_path: Path,
) -> None:
    """Seesaw started twice as a learner starts it (``bench/app_start.py``'s child: ``prepare``
    as ``seesaw`` does, then the window and everything wired), in one home: whatever the first
    start compiled, the second finds in the file, so no class of the whole app costs a compile
    again."""
    home = {"SEESAW_HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "share")}
    first, second = (methods_counted(run_python(REPO, SEESAW, **home).stdout) for _ in range(2))
    assert first is not None and second is not None
    assert first[0] > 0  # a first start compiles: there was no file yet
    compiled, from_the_file = second
    assert compiled == 0
    assert from_the_file > 0


def test_the_file_stays_about_one_start_large_however_often_the_classes_change(
    tmp_path: Path,
) -> None:
    from ui.method_cache import _read

    cache = tmp_path / "compiled-methods"
    for version in range(8):  # eight updates, each changing the class
        assert start(cache, extra=f"side{version}: int = {version}")["compiled"] == 6
    kept = _read(cache)
    assert 6 <= len(kept) <= 9  # the last start's six methods, and at most half as many more
    assert any("side7" in text for text in kept)
