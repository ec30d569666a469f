"""Every cache file is written and read one way (``lesson_engine.cache_file``): lost, never misread.

A cache only saves time, so whatever happened to its file (a power cut tore it, a byte changed,
another Seesaw or another Python wrote it, someone put a file of their own there) the reader gets
either exactly what was written or nothing, and then makes it again. A pickled cache builds only
the classes its reader allows.
"""

from __future__ import annotations

import os
import pickle
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from lesson_engine.cache_file import (
    RefusedGlobal,
    loads_only,
    names_of,
    read_cache,
    write_cache,
)

PREFIX = b"seesaw test cache 1\n" + bytes(range(32))  # a kind, and a key of what it was made from
BODY = b"what took a while to make " * 100


@dataclass(frozen=True)
class Kept:
    """A model class a cache may hold."""

    title: str
    parts: tuple[int, ...] = ()


def written(tmp_path: Path) -> Path:
    path = tmp_path / "cache" / "test.kept"  # the folder does not exist yet
    write_cache(path, PREFIX, BODY)
    return path


def test_what_was_written_is_read_back_exactly(tmp_path: Path) -> None:
    path = written(tmp_path)
    assert read_cache(path, PREFIX) == BODY
    assert sorted(p.name for p in path.parent.iterdir()) == ["test.kept"]  # no temporary left


def test_a_cache_file_is_private_like_the_journal(tmp_path: Path) -> None:
    path = written(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_writing_again_replaces_the_whole_file(tmp_path: Path) -> None:
    path = written(tmp_path)
    write_cache(path, PREFIX, b"shorter")
    assert read_cache(path, PREFIX) == b"shorter"


@pytest.mark.parametrize("at", [len(PREFIX), len(PREFIX) + 4, -1], ids=["checksum", "body", "end"])
def test_a_flipped_byte_is_refused(tmp_path: Path, at: int) -> None:
    path = written(tmp_path)
    raw = bytearray(path.read_bytes())
    raw[at] ^= 0x01
    path.write_bytes(bytes(raw))
    assert read_cache(path, PREFIX) is None


def test_a_file_made_with_another_prefix_is_refused(tmp_path: Path) -> None:
    """Another kind of cache, or the same one made from other files, by other code, or by
    another Python: its checksum fits, and it is still not what was asked for."""
    path = written(tmp_path)
    other = PREFIX[:-1] + b"\xff"
    write_cache(path, other, BODY)
    assert read_cache(path, other) == BODY
    assert read_cache(path, PREFIX) is None
    assert read_cache(path, PREFIX[:-1]) is None  # a prefix of the prefix is not the prefix


@pytest.mark.parametrize("keep", [0, 5, len(PREFIX), len(PREFIX) + 2, len(PREFIX) + 4, -1])
def test_a_truncated_file_is_refused(tmp_path: Path, keep: int) -> None:
    path = written(tmp_path)
    path.write_bytes(path.read_bytes()[:keep])
    assert read_cache(path, PREFIX) is None


def test_a_missing_or_unreadable_file_is_no_cache(tmp_path: Path) -> None:
    assert read_cache(tmp_path / "never-written", PREFIX) is None
    (tmp_path / "a-folder").mkdir()
    assert read_cache(tmp_path / "a-folder", PREFIX) is None


def test_a_disk_that_refuses_raises_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "test.kept"
    path.mkdir(parents=True)  # what stands in the way cannot be replaced by a file
    with pytest.raises(OSError):
        write_cache(path, PREFIX, BODY)
    assert sorted(p.name for p in path.parent.iterdir()) == ["test.kept"]


def test_loads_only_builds_the_classes_it_allows() -> None:
    kept = [Kept("Clamshell", (1, 2)), Kept("Bridge")]
    assert loads_only(pickle.dumps(kept, protocol=5), names_of(Kept)) == kept


class _Planted:
    """What someone else might leave in a cache folder: a pickle that runs a command as read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch '{self.marker}'",))


def test_a_pickle_naming_a_global_not_allowed_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    body = pickle.dumps([Kept("Bridge"), _Planted(marker)], protocol=5)
    with pytest.raises(RefusedGlobal, match=r"the cache names \w+\.system, which it may not hold"):
        loads_only(body, names_of(Kept))
    assert not marker.exists()
