"""A power cut at any moment loses nothing the journal said it saved.

The journal is written by the real code while ``tests/crash_states.Recorder`` keeps a trace of its
file-system calls. Then, for every point in that trace and every disk state a power cut could
leave there (un-synced bytes lost or torn, un-synced renames and links landed or not), the state
is written to a fresh folder and opened with the real code, which must open it and show every
record whose call had returned, and a saved place no older than the last one acknowledged.

The backups are for a live file that is damaged anyway (a bad sector, a disk that lied about a
flush): at each point where a call has just returned, each live file is also destroyed, and then
the journal may lose that file's latest change but nothing before it. The open that recovers such
a file writes too, so it is recorded and cut at every point as well.

``test_the_checker_catches_a_writer_that_skips`` shows the test has teeth: write_atomically with one
safeguard removed must lose an acknowledged record here. A short real SIGKILL test stays, for
what the model cannot see (the process dying between Python statements, the lock).
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest

from lesson_engine import storage
from lesson_engine.journal import changelog, database, files, loading, years
from lesson_engine.journal import journal as journal_module
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from tests.crash_states import Ack, CrashPoint, Disk, Machine, Op, Recorder, crash_points
from tests.journal_fixtures import clock, day, session

LOCK = frozenset({"journal.lock"})
"""The lock file holds only the holder's pid, for a message; nothing reads it back as data."""
SESSIONS = frozenset({"s1"})
NOTES = frozenset({"n1", "n2"})
POSITIONS = frozenset({0, 1000, 2000})
Writer = Callable[..., None]


def write_the_journal(root: Path, recorder: Recorder) -> None:
    """A fresh journal, a session, a note, the change log folded in, two saved places, another
    note, and the saved place cleared (as after a session is saved), then closed (the log folded
    in again): each kind of write (a new change log, an append, the first file of a year, a year
    rewritten with its backup and its log kept as the backup's log, the saved place and its
    backup, and its removal)."""
    with Journal.open(root / "journal", now=clock()) as journal:
        recorder.acknowledge("open")
        journal.add_session(session(1, note="s1"))
        recorder.acknowledge("session", "s1")
        journal.add_note(Note(day(0), "n1"))
        recorder.acknowledge("note", "n1")
        journal.compact()  # the change log folded into the year file, then more changes logged
        recorder.acknowledge("compacted")
        for position in (1000, 2000):
            journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": position})
            recorder.acknowledge("checkpoint", position)
        journal.add_note(Note(day(0), "n2"))
        recorder.acknowledge("note", "n2")
        recorder.acknowledge("clearing")  # from here the place may be gone, as asked
        journal.clear_checkpoint()
        recorder.acknowledge("cleared")


@contextlib.contextmanager
def writer_replaced_by(writer: Writer | None) -> Iterator[None]:
    """Every journal module calls ``write_atomically`` through its own imported name."""
    with contextlib.ExitStack() as stack:
        if writer is not None:
            for module in (storage, journal_module, database, loading, years, files):
                stack.enter_context(mock.patch.object(module, "write_atomically", writer))
        yield


def record(
    root: Path, run: Callable[[Path, Recorder], object], writer: Writer | None = None
) -> Recorder:
    """Run ``run`` on the real journal code with every file-system change under ``root`` traced."""
    root.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(root, ignore=LOCK)
    with recorder, writer_replaced_by(writer):
        run(root, recorder)
    return recorder


# -- what was promised, and what a reopened journal shows ------------------------------------


@dataclass(frozen=True)
class Promise:
    """What the acknowledged calls guarantee: these records, and a saved place at least this far,
    or none at all once it was cleared (a cleared place that came back would be offered again,
    and a finished one saved twice)."""

    sessions: frozenset[str]
    notes: frozenset[str]
    position: int
    cleared: bool = False
    clearing: bool = False

    @staticmethod
    def of(acks: Iterable[Ack]) -> Promise:
        acks = list(acks)
        places = [a for a in acks if a.what in ("checkpoint", "clearing", "cleared")]
        position = 0
        for ack in places:  # the furthest place saved since the last completed clear
            position = 0 if ack.what == "cleared" else max(position, ack.value or 0)
        return Promise(
            frozenset(a.value for a in acks if a.what == "session"),
            frozenset(a.value for a in acks if a.what == "note"),
            position,
            cleared=bool(places) and places[-1].what == "cleared",
            clearing=bool(places) and places[-1].what == "clearing",
        )

    @staticmethod
    def despite_damage_to(path: str, acks: tuple[Ack, ...]) -> Promise:
        """With ``path`` destroyed, its latest acknowledged change may be gone, nothing older;
        with a change log destroyed, every change since it was begun (it has no backup: what
        it holds is folded into the year file, kept with a backup, when the journal closes)."""
        writers = [i for i, ack in enumerate(acks) if path in ack.wrote]
        latest = writers[-1] if writers else None
        lost = {latest}
        if path.endswith(".log") and latest is not None:
            lost = {i for i in range(latest, len(acks)) if path in acks[i].wrote | acks[i].appended}
        return Promise.of(ack for i, ack in enumerate(acks) if i not in lost)


@dataclass(frozen=True)
class Seen:
    """What the real code shows after opening a state; ``problem`` when it would not open."""

    problem: str | None
    sessions: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    position: int = 0
    recovered: bool = False


def open_journal_in(folder: Path) -> Seen:
    try:
        with Journal.open(folder / "journal", now=clock()) as journal:
            saved = journal.load_checkpoint()
            return Seen(
                None,
                frozenset(s.note for s in journal.sessions()),
                frozenset(n.text for n in journal.notes()),
                saved["position_ms"] if saved else 0,
                not journal.report.clean,
            )
    except AssertionError:
        raise  # the recorder's own complaint, not the journal's
    except Exception as problem:
        return Seen(f"{type(problem).__name__}: {problem}")


def broken_promises(seen: Seen, promise: Promise) -> Iterator[tuple[str, str]]:
    """(kind, what) for each way ``seen`` falls short: "unopenable", "lost" or "invented"."""
    if seen.problem is not None:
        yield "unopenable", seen.problem
        return
    for kind, wanted, found in (
        ("session", promise.sessions, seen.sessions),
        ("note", promise.notes, seen.notes),
    ):
        for value in sorted(wanted - found):
            yield "lost", f"acknowledged {kind} {value} is missing"
    if seen.position < promise.position and not (promise.clearing and seen.position == 0):
        yield "lost", f"saved place {seen.position} is older than acknowledged {promise.position}"
    if promise.cleared and seen.position:
        yield "lost", f"the cleared saved place came back at {seen.position}"
    if not (seen.sessions <= SESSIONS and seen.notes <= NOTES and seen.position in POSITIONS):
        yield "invented", f"records nobody wrote: {seen}"


# -- the checker -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    kind: str
    what: str
    where: str
    state: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.what} ({self.where}; on disk: {self.state})"


class StopChecking(Exception):
    """Enough has been found: the test fails already, or a broken writer has shown its loss."""


@dataclass
class Checker:
    """Opens every crash state of a trace and compares it with what had been acknowledged.

    States that look the same on disk are opened once (``seen`` is keyed by fingerprint), but
    every (crash point, state) pair is counted and judged against that point's promise.
    """

    scratch: Path
    writer: Writer | None = None
    """The writer under test, also for the writes of a recovering open."""
    stop_at_first_loss: bool = False
    max_violations: int = 5
    """A broken writer fails at hundreds of states; a few say what is wrong, and quickly."""
    states_checked: int = 0
    recovery_traces: int = 0
    violations: list[Violation] = field(default_factory=list)
    seen: dict[bytes, Seen] = field(default_factory=dict)

    def _fresh_folder(self) -> Path:
        """Left for pytest to clean up with the rest of tmp_path: removing each one costs more
        than the whole check on a busy disk."""
        return Path(tempfile.mkdtemp(dir=self.scratch))

    def open(self, disk: Disk) -> Seen:
        key = disk.fingerprint()
        if key not in self.seen:
            folder = self._fresh_folder()
            disk.materialise(folder)
            with mock.patch.object(os, "fsync", lambda _fd: None):  # a scratch copy: speed only
                self.seen[key] = open_journal_in(folder)
        return self.seen[key]

    def judge(self, disk: Disk, promise: Promise, where: str) -> None:
        self.states_checked += 1
        for kind, what in broken_promises(self.open(disk), promise):
            self.violations.append(Violation(kind, what, where, str(disk)))
            if kind == "lost" and self.stop_at_first_loss:
                raise StopChecking
            if len(self.violations) >= self.max_violations:
                raise StopChecking

    def check(self, initial: Disk, trace: list[Op | Ack]) -> None:
        for point in crash_points(initial, trace):
            promise = Promise.of(point.acked)
            for disk in point.states():
                self.judge(disk, promise, describe(point))
                if point.just_acked:
                    for path in live_files(disk):
                        damaged = disk.with_garbage_in(path)
                        self.check_recovery(
                            damaged,
                            Promise.despite_damage_to(path, point.acked),
                            f"{describe(point)}, then {path} destroyed",
                        )

    def check_recovery(self, damaged: Disk, promise: Promise, where: str) -> None:
        """Open a damaged state with the recorder on, then cut that recovery at every point."""
        root = self._fresh_folder()
        damaged.materialise(root)
        recorder = record(root, lambda r, _: open_journal_in(r), self.writer)
        self.recovery_traces += 1
        for point in crash_points(recorder.initial, recorder.trace):
            for disk in point.states():
                self.judge(disk, promise, f"{where}; recovery cut {describe(point, acks=False)}")


def live_files(disk: Disk) -> list[str]:
    """The files the journal reads first: not a backup, not a temporary, not a file kept aside."""
    return [
        path
        for path, _ in disk.files()
        if not path.rpartition("/")[2].startswith(".")
        and ".backup." not in path
        and ".damaged-" not in path
    ]


def describe(point: CrashPoint, acks: bool = True) -> str:
    done = f"after op {point.ops_done} ({point.last_op})" if point.last_op else "before any op"
    if not acks:
        return done
    acked = ", ".join(f"{a.what} {a.value}" if a.value else a.what for a in point.acked)
    return f"{done}, acknowledged: {acked or 'nothing'}"


def check_the_journal(
    tmp_path: Path, writer: Writer | None = None, *, stop_at_first_loss: bool = False
) -> Checker:
    """Record ``write_the_journal`` (with ``writer`` as write_atomically) and check every state."""
    recorder = record(tmp_path / "disk", write_the_journal, writer)
    scratch = tmp_path / "states"
    scratch.mkdir()
    checker = Checker(scratch, writer, stop_at_first_loss)
    with contextlib.suppress(StopChecking):
        checker.check(recorder.initial, recorder.trace)
    return checker


# -- the tests -------------------------------------------------------------------------------


def test_a_power_cut_at_any_moment_loses_nothing_the_journal_acknowledged(tmp_path: Path) -> None:
    """The learner's trust rests on this: once a call returned, no power cut takes it back."""
    checker = check_the_journal(tmp_path)
    assert [str(v) for v in checker.violations] == []
    # not vacuous: many states, and damaged files really were recovered from their backups
    assert checker.states_checked > 200
    assert any(seen.recovered for seen in checker.seen.values())


def writer_without(safeguard: str) -> Writer:
    """``storage.write_atomically`` step for step, with one safeguard removed."""

    def take_backup(path: Path, backup: Path | None) -> None:
        if safeguard != "backup link" and backup is not None and path.exists():
            link = backup.with_name(f".{backup.name}.link")
            link.unlink(missing_ok=True)
            os.link(path, link)
            os.replace(link, backup)

    def write(path: Path, data: bytes, backup: Path | None = None) -> None:
        if safeguard == "temporary file":
            take_backup(path, backup)  # the backup is the same inode: overwritten with it
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, storage.FILE_MODE)
        else:
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if safeguard != "data fsync":
                os.fsync(handle.fileno())
        if safeguard != "temporary file":
            take_backup(path, backup)
            os.replace(name, path)
        if safeguard != "directory fsync":
            storage.fsync_dir(path.parent)

    return write


def test_the_faithful_copy_of_the_writer_loses_nothing(tmp_path: Path) -> None:
    """The broken writers below differ from this one by one safeguard each, nothing else."""
    checker = check_the_journal(tmp_path, writer_without("nothing"))
    assert [str(v) for v in checker.violations] == []


@pytest.mark.parametrize(
    "safeguard", ["data fsync", "directory fsync", "backup link", "temporary file"]
)
def test_the_checker_catches_a_writer_that_skips(tmp_path: Path, safeguard: str) -> None:
    """Each step of write_atomically is there for a reason this test can see."""
    checker = check_the_journal(tmp_path, writer_without(safeguard), stop_at_first_loss=True)
    assert any(v.kind == "lost" for v in checker.violations), (
        f"without its {safeguard} the writer lost nothing in {checker.states_checked} states"
    )


def _fold_in_the_wrong_order(self: database.LoggedJSONStorage) -> None:
    """The log retired before the year file that holds its changes is written."""
    self._log.retire(changelog.log_of(self.backup))
    storage.write_atomically(self.path, database.encode_database(self._data), self.backup)


LOG_SAFEGUARDS: dict[str, tuple[object, str, object]] = {
    "append fsync": (changelog, "_sync_file", lambda _fd: None),
    "folder fsync of a new log": (changelog, "fsync_dir", lambda _folder: None),
    "year file before the log is retired": (
        database.LoggedJSONStorage,
        "compact",
        _fold_in_the_wrong_order,
    ),
}


@pytest.mark.parametrize("safeguard", list(LOG_SAFEGUARDS))
def test_the_checker_catches_a_change_log_that_skips(tmp_path: Path, safeguard: str) -> None:
    """Each step of the change log is there for a reason this test can see."""
    owner, name, broken = LOG_SAFEGUARDS[safeguard]
    with mock.patch.object(owner, name, broken):
        checker = check_the_journal(tmp_path, stop_at_first_loss=True)
    assert any(v.kind == "lost" for v in checker.violations), (
        f"without its {safeguard} the change log lost nothing in {checker.states_checked} states"
    )


# -- the model itself ------------------------------------------------------------------------


def test_unsynced_bytes_can_be_lost_torn_or_whole_and_synced_bytes_stay() -> None:
    machine = Machine.start(Disk.empty())
    for op in (
        Op("create", name="a", node=1),
        Op("fsync_dir"),
        Op("write", node=1, data=b"old"),
        Op("fsync", node=1),
        Op("write", node=1, data=b"new bytes"),
    ):
        machine.apply(op)
    kept = {disk.contents[1] for disk in machine.crash_states()}
    assert {b"old", b"new bytes", b"", b"new "} <= kept
    assert any(b"\x00" in data for data in kept)
    machine.apply(Op("fsync", node=1))
    assert {disk.contents[1] for disk in machine.crash_states()} == {b"new bytes"}


def test_a_rename_lands_or_not_until_its_folder_is_synced_but_never_before_its_source() -> None:
    machine = Machine.start(Disk({"": {"f": 1}}, {1: b"old"}))
    for op in (
        Op("create", name=".tmp", node=2),
        Op("write", node=2, data=b"new"),
        Op("fsync", node=2),
        Op("rename", name=".tmp", target="f", node=2),
    ):
        machine.apply(op)
    states = {tuple(sorted(disk.dirs[""].items())) for disk in machine.crash_states()}
    assert states == {(("f", 1),), ((".tmp", 2), ("f", 1)), (("f", 2),)}
    machine.apply(Op("fsync_dir"))
    assert {tuple(disk.dirs[""].items()) for disk in machine.crash_states()} == {(("f", 2),)}


# -- a real kill -----------------------------------------------------------------------------

WRITER = r"""
import sys
from pathlib import Path
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from tests.journal_fixtures import clock, day

journal = Journal.open(Path(sys.argv[1]), now=clock())
n = len(journal.notes())
print("ready", flush=True)
while True:
    n += 1
    journal.add_note(Note(day(0), f"n{n}"))
    print(f"n{n}", flush=True)
    if n % 3 == 0:  # killed while folding the change log in, too
        journal.compact()
"""


def test_a_killed_writer_loses_no_note_it_reported_saved(tmp_path: Path, repo: Path) -> None:
    """SIGKILL mid-write, a few times: what the model cannot see (Python, the lock) works too."""
    folder = tmp_path / "journal"
    rng = random.Random(20261122)
    saved: set[str] = set()
    for _ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)], cwd=repo, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 15)):  # then kill it in the middle of whatever comes next
            saved.add(child.stdout.readline().strip())
        child.kill()
        child.wait()
        with Journal.open(folder, now=clock()) as journal:
            assert saved <= {n.text for n in journal.notes()}
    assert len(saved) >= 4
