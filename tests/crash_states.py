"""What a power cut can leave on disk: record a writer's file-system calls, then rebuild every state.

A SIGKILL cannot test durability: the kernel's page cache survives the process, so a writer with
no fsync at all passes. A power cut loses the page cache, and what reaches the disk before it is
only what the writer forced there. This module follows SQLite's crash tests and the ALICE paper
(Pillai et al., "All File Systems Are Not Created Equal", OSDI 2014):

1. ``Recorder`` wraps the ``os`` calls that change files (``open`` with ``O_CREAT``/``O_TRUNC``,
   ``write``, ``ftruncate``, ``fsync``, ``replace``/``rename``, ``link``, ``unlink``, ``mkdir``,
   and the file objects ``os.fdopen`` returns) while the real code runs, performs them, and keeps
   a trace of ``Op`` (plus the ``Ack`` marks the test adds when a call it made has returned).
   A write through ``open()``/``Path.write_bytes`` would bypass the trace, so it raises instead.
2. ``Machine`` replays the trace and, after any prefix of it, lists every ``Disk`` a power cut
   could leave (``crash_states``), under these rules:

   * A file's bytes are durable as of its last ``fsync``. Bytes written since may be lost, kept
     whole, or torn: see ``torn_versions``.
   * A directory entry change (create, mkdir, rename, link, unlink) is durable once its directory
     is fsynced. Before that each change may or may not have reached the disk, independently of
     changes to other names; changes that touch the same name keep their order (a rename cannot
     land before the create of its source). This promises less than ext4 or XFS, which journal
     all metadata in order, so code that survives this model survives those.
   * Data and directory entries are independent: a rename can be durable while the renamed file's
     un-synced bytes are lost (as with ext4's ``data=writeback``; its default mode guards only
     renames that replace an existing file, and only by a heuristic).

What it deliberately leaves out: file modes, times and other metadata; bit rot or a disk that lies
about flushes (the test adds its own "damaged file" states for what the backups are for); torn
states other than the few in ``torn_versions`` (a split at half the new length); cross-directory
renames (the recorder refuses them); and writes by other processes.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import io
import itertools
import math
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

Node = int | str
"""A directory entry points at a file (its inode number in the model) or a directory (its key)."""
ROOT = ""
"""The key of the recorded root folder; other directories are keyed by their path below it."""

MAX_STATES_PER_DIRECTORY = 4096
"""Un-synced directory changes multiply; a writer that never fsyncs a folder would make this
enumeration explode, so it stops loudly instead of taking minutes."""
MAX_FILE_VERSIONS = 1024
"""The same for un-synced bytes: each file holding some has up to seven versions."""

GARBAGE = bytes(range(256)) * 64
"""What a torn sector can hold: not zeros, not the old bytes, not the new ones."""


class UnrecordedChange(AssertionError):
    """The code changed a file in a way the recorder does not model; the test would be blind to it."""


class StateSpaceTooLarge(AssertionError):
    """More crash states than the test can check in its time budget."""


@dataclass(frozen=True)
class Op:
    """One file-system change, as the model sees it.

    ``kind`` is one of mkdir, create, write, truncate, fsync, fsync_dir, rename, link, unlink.
    ``folder`` is the directory the entry change happens in (or the directory fsynced); ``name``
    the entry (rename/link: the source), ``target`` the new name; ``node`` what the entry points at.
    """

    kind: str
    folder: str = ROOT
    name: str = ""
    target: str = ""
    node: Node = 0
    offset: int = 0
    data: bytes = b""

    @property
    def names(self) -> frozenset[str]:
        """The entries a directory change touches: changes sharing one keep their order."""
        return frozenset(n for n in (self.name, self.target) if n)

    def __str__(self) -> str:
        where = f"{self.folder}/" if self.folder else ""
        if self.kind in ("write", "truncate"):
            return f"{self.kind} #{self.node} ({len(self.data) or self.offset} bytes)"
        if self.kind == "fsync":
            return f"fsync #{self.node}"
        if self.kind == "fsync_dir":
            return f"fsync_dir {self.folder or '.'}"
        arrow = f" -> {where}{self.target}" if self.target else ""
        return f"{self.kind} {where}{self.name}{arrow}"


@dataclass(frozen=True)
class Ack:
    """A call the test made has returned: everything it saved must survive any later power cut.

    ``wrote`` names the files it created or replaced (``folder/name``), ``appended`` the files
    it wrote into in place (a change log), for the damaged-file checks.
    """

    what: str
    value: Any
    wrote: frozenset[str] = frozenset()
    appended: frozenset[str] = frozenset()


Event = Op | Ack


@dataclass(frozen=True)
class Disk:
    """One state of the recorded folder: directories reachable from the root, and file contents."""

    dirs: Mapping[str, Mapping[str, Node]]
    contents: Mapping[int, bytes]

    @staticmethod
    def empty() -> Disk:
        return Disk({ROOT: {}}, {})

    @staticmethod
    def scan(root: Path, ignore: Callable[[str], bool] = lambda _name: False) -> Disk:
        """The folder as it is now, hard links kept as one node."""
        dirs: dict[str, dict[str, Node]] = {}
        contents: dict[int, bytes] = {}
        inodes: dict[tuple[int, int], int] = {}
        for here, subdirs, files in os.walk(root):
            key = Path(here).relative_to(root).as_posix()
            key = ROOT if key == "." else key
            entries = dirs.setdefault(key, {})
            for name in subdirs:
                entries[name] = f"{key}/{name}" if key else name
            for name in files:
                if ignore(name):
                    continue
                stat = os.stat(Path(here) / name)
                ino = inodes.setdefault((stat.st_dev, stat.st_ino), len(inodes) + 1)
                contents[ino] = (Path(here) / name).read_bytes()
                entries[name] = ino
        return Disk(dirs, contents)

    def files(self) -> Iterator[tuple[str, int]]:
        """(``folder/name``, node) for every file."""
        for key, entries in self.dirs.items():
            for name, node in entries.items():
                if isinstance(node, int):
                    yield (f"{key}/{name}" if key else name), node

    def __str__(self) -> str:
        """The visible files and their sizes, enough to see which one a power cut tore."""
        shown = [f"{path} {len(self.contents[n])} B" for path, n in sorted(self.files())]
        return ", ".join(p for p in shown if visible(p.rpartition("/")[2])) or "no files"

    def fingerprint(self) -> bytes:
        """Equal for states that look the same on disk, whatever the model's inode numbers."""
        labels: dict[int, str] = {}
        lines = []
        for key in sorted(self.dirs):
            for name in sorted(self.dirs[key]):
                node = self.dirs[key][name]
                if isinstance(node, str):
                    lines.append(f"{key}/{name}/")
                    continue
                label = labels.setdefault(node, f"{key}/{name}")
                digest = hashlib.sha1(self.contents[node]).hexdigest()
                lines.append(f"{key}/{name}={digest}@{label}")
        return hashlib.sha1("\n".join(lines).encode()).digest()

    def with_garbage_in(self, path: str) -> Disk:
        """The same state with one file's bytes destroyed (its inode: hard links share the damage)."""
        folder, _, name = path.rpartition("/")
        node = self.dirs[folder][name]
        assert isinstance(node, int)
        contents = dict(self.contents)
        contents[node] = bytes(len(contents[node]) or 1)
        return Disk(self.dirs, contents)

    def materialise(self, into: Path) -> None:
        """Write this state into an empty folder, with real hard links where the model has them."""
        first_name: dict[int, Path] = {}
        for key in sorted(self.dirs, key=lambda k: k.count("/") + bool(k)):
            folder = into / key if key else into
            folder.mkdir(parents=True, exist_ok=True)
            for name, node in sorted(self.dirs[key].items()):
                if isinstance(node, str):
                    continue
                target = folder / name
                if node in first_name:
                    os.link(first_name[node], target)
                else:
                    target.write_bytes(self.contents[node])
                    first_name[node] = target


def torn_versions(old: bytes, new: bytes) -> list[bytes]:
    """What an un-synced file can hold after a power cut: its last synced bytes ``old``, the
    ``new`` bytes whole, or a write cut short.

    The cut-short cases are a sample, split at half the new length: the file emptied (a
    truncation that landed without the data), a prefix of the new bytes, the new length with zeros
    or garbage after the prefix (the size landed, the blocks did not), and the new prefix over the
    old tail (an overwrite in place that reached only some sectors).
    """
    if old and len(new) > len(old) and new.startswith(old):
        return appended_versions(old, new)
    half = len(new) // 2
    candidates = [
        old,
        new,
        b"",
        new[:half],
        new[:half] + bytes(len(new) - half),
        new[:half] + GARBAGE[: len(new) - half],
        new[:half] + old[half:],
    ]
    return list(dict.fromkeys(candidates))


def appended_versions(old: bytes, new: bytes) -> list[bytes]:
    """What an append to a synced file can leave: the synced bytes ``old`` stay, and the tail
    is lost, whole, cut short, or its length landed without its bytes (zeros or garbage).

    The blocks before the old end are not written by an append. The one sector holding both
    old and new bytes is rewritten, and taken to be written whole or not at all: SQLite makes
    the same assumption of disks by default ("powersafe overwrite").
    """
    tail = new[len(old) :]
    half = len(tail) // 2
    candidates = [
        old,
        new,
        old + tail[:half],
        old + bytes(len(tail)),
        old + tail[:half] + GARBAGE[: len(tail) - half],
    ]
    return list(dict.fromkeys(candidates))


def _persisted_subsets(ops: list[Op]) -> Iterator[list[Op]]:
    """Every set of un-synced directory changes a power cut may have kept, in their order.

    A change may land without any other, except that changes naming the same entry land in the
    order they were made: a set that keeps a change keeps every earlier change to its names.
    """
    earlier = [{j for j in range(i) if ops[j].names & ops[i].names} for i in range(len(ops))]

    def walk(i: int, kept: frozenset[int]) -> Iterator[frozenset[int]]:
        if i == len(ops):
            yield kept
            return
        yield from walk(i + 1, kept)
        if earlier[i] <= kept:
            yield from walk(i + 1, kept | {i})

    for count, kept in enumerate(walk(0, frozenset()), start=1):
        if count > MAX_STATES_PER_DIRECTORY:
            raise StateSpaceTooLarge(
                f"more than {MAX_STATES_PER_DIRECTORY} orders of {len(ops)} un-synced changes"
            )
        yield [op for i, op in enumerate(ops) if i in kept]


def _apply_entry_change(entries: dict[str, Node], op: Op) -> None:
    if op.kind in ("create", "mkdir"):
        entries[op.name] = op.node
    elif op.kind == "rename":
        entries.pop(op.name, None)
        entries[op.target] = op.node
    elif op.kind == "link":
        entries[op.target] = op.node
    elif op.kind == "unlink":
        entries.pop(op.name, None)


def visible(name: str) -> bool:
    """Names the journal reads. A hidden temporary file's torn bytes cannot matter until it is
    renamed to a visible name, and then its inode is visible."""
    return not name.startswith(".")


@dataclass
class Machine:
    """The recorded folder as the page cache sees it, and what of it is durable."""

    entries: dict[str, dict[str, Node]]
    durable_entries: dict[str, dict[str, Node]]
    pending: dict[str, list[Op]]
    content: dict[int, bytes]
    synced: dict[int, bytes]
    next_inode: int = 1

    @staticmethod
    def start(initial: Disk) -> Machine:
        """Everything in the initial state is durable."""
        entries = {k: dict(v) for k, v in initial.dirs.items()}
        return Machine(
            entries=entries,
            durable_entries={k: dict(v) for k, v in entries.items()},
            pending={k: [] for k in entries},
            content=dict(initial.contents),
            synced=dict(initial.contents),
            next_inode=max(initial.contents, default=0) + 1,
        )

    def new_inode(self) -> int:
        self.next_inode += 1
        return self.next_inode - 1

    def apply(self, op: Op) -> None:
        if op.kind in ("create", "mkdir", "rename", "link", "unlink"):
            _apply_entry_change(self.entries[op.folder], op)
            self.pending[op.folder].append(op)
            if op.kind == "create":
                assert isinstance(op.node, int)
                self.content[op.node] = self.synced[op.node] = b""
            elif op.kind == "mkdir":
                assert isinstance(op.node, str)
                self.entries[op.node] = {}
                self.durable_entries[op.node] = {}
                self.pending[op.node] = []
        elif op.kind == "write":
            assert isinstance(op.node, int)
            old = self.content[op.node]
            padded = old + bytes(max(0, op.offset - len(old)))
            self.content[op.node] = (
                padded[: op.offset] + op.data + padded[op.offset + len(op.data) :]
            )
        elif op.kind == "truncate":
            assert isinstance(op.node, int)
            old = self.content[op.node]
            self.content[op.node] = old[: op.offset] + bytes(max(0, op.offset - len(old)))
        elif op.kind == "fsync":
            assert isinstance(op.node, int)
            self.synced[op.node] = self.content[op.node]
        elif op.kind == "fsync_dir":
            self.durable_entries[op.folder] = dict(self.entries[op.folder])
            self.pending[op.folder] = []
        else:
            raise ValueError(f"unknown op {op.kind}")

    def crash_states(self) -> Iterator[Disk]:
        """Every state a power cut now could leave (lazily; it copies what it needs first)."""
        durable = {k: dict(v) for k, v in self.durable_entries.items()}
        pending = {k: list(v) for k, v in self.pending.items()}
        content, synced = dict(self.content), dict(self.synced)

        def trees(key: str) -> Iterator[dict[str, Mapping[str, Node]]]:
            """Each version of the folder ``key`` with each version of what it reaches."""
            for kept in _persisted_subsets(pending[key]):
                entries = dict(durable[key])
                for op in kept:
                    _apply_entry_change(entries, op)
                subfolders = [n for n in entries.values() if isinstance(n, str)]
                for below in itertools.product(*(list(trees(s)) for s in subfolders)):
                    dirs: dict[str, Mapping[str, Node]] = {key: entries}
                    for part in below:
                        dirs.update(part)
                    yield dirs

        for dirs in trees(ROOT):
            inodes = sorted(
                {n for entries in dirs.values() for n in entries.values() if isinstance(n, int)}
            )
            read = {
                n
                for entries in dirs.values()
                for name, n in entries.items()
                if isinstance(n, int) and visible(name)
            }
            options = [
                torn_versions(synced[n], content[n])
                if n in read and synced[n] != content[n]
                else [content[n]]
                for n in inodes
            ]
            if math.prod(len(o) for o in options) > MAX_FILE_VERSIONS:
                unsynced = sum(len(o) > 1 for o in options)
                raise StateSpaceTooLarge(f"{unsynced} files hold un-synced bytes at once")
            for data in itertools.product(*options):
                yield Disk(dirs, dict(zip(inodes, data, strict=True)))


@dataclass(frozen=True)
class CrashPoint:
    """A moment a power cut could strike: after ``ops_done`` ops, with ``acked`` calls returned."""

    ops_done: int
    last_op: Op | None
    acked: tuple[Ack, ...]
    just_acked: bool
    """True when the last event was an Ack: the writer had finished a call and started nothing."""
    states: Callable[[], Iterator[Disk]]


def crash_points(initial: Disk, trace: list[Event]) -> Iterator[CrashPoint]:
    """Every crash point of the trace in order; consume each one's states before the next."""
    machine = Machine.start(initial)
    acked: list[Ack] = []
    last_op: Op | None = None
    done = 0
    just_acked = False
    for event in trace:
        if isinstance(event, Ack):
            acked.append(event)
            just_acked = True
            continue
        yield CrashPoint(done, last_op, tuple(acked), just_acked, machine.crash_states)
        machine.apply(event)
        last_op, done, just_acked = event, done + 1, False
    yield CrashPoint(done, last_op, tuple(acked), just_acked, machine.crash_states)


class _RecordedFile:
    """A binary file object from ``os.fdopen`` whose writes go into the trace as they are made.

    The bytes are recorded when written to the buffer, not when flushed: until an fsync they may
    be lost either way, and ``Recorder`` checks at each fsync that the file holds what it recorded
    (an fsync before a flush would sync less than the writer thinks).
    """

    def __init__(self, handle: io.BufferedIOBase, on_write: Callable[[int, bytes], None]) -> None:
        self._handle = handle
        self._on_write = on_write

    def write(self, data: bytes) -> int:
        position = self._handle.tell()
        written = self._handle.write(data)
        self._on_write(position, bytes(data))
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _RecordedFile:
        return self

    def __exit__(self, *_: object) -> None:
        self._handle.close()


class Recorder:
    """Record, and perform, every change under ``root`` while active (a context manager).

    ``ignore`` names files left out of the model altogether (the journal's lock file, whose
    content nobody reads). ``initial`` is the folder as found, taken as durable; ``trace`` is what
    happened since.
    """

    _PATCHED = (
        "open",
        "close",
        "write",
        "ftruncate",
        "fsync",
        "replace",
        "rename",
        "link",
        "unlink",
        "remove",
        "mkdir",
        "rmdir",
        "fdopen",
    )

    def __init__(self, root: Path, ignore: frozenset[str] = frozenset()) -> None:
        self.root = Path(os.path.abspath(root))
        self.ignore = ignore
        self.initial = Disk.scan(self.root, lambda name: name in ignore)
        self.trace: list[Event] = []
        self._machine = Machine.start(self.initial)
        self._fds: dict[int, tuple[Node, tuple[int, int]]] = {}
        self._wrote_since_ack: set[str] = set()
        self._appended_since_ack: set[str] = set()
        self._real = {name: getattr(os, name) for name in self._PATCHED}
        self._real_open = builtins.open
        self._patches = contextlib.ExitStack()

    # -- the trace ---------------------------------------------------------------------------

    def acknowledge(self, what: str, value: Any = None) -> None:
        """Mark that a call the test made has returned: its effect must now survive."""
        wrote = frozenset(self._wrote_since_ack)
        self.trace.append(Ack(what, value, wrote, frozenset(self._appended_since_ack) - wrote))
        self._wrote_since_ack.clear()
        self._appended_since_ack.clear()

    def _record(self, op: Op) -> None:
        self._machine.apply(op)
        self.trace.append(op)
        name = op.target if op.kind == "rename" else op.name
        if op.kind in ("rename", "create") and visible(name):
            self._wrote_since_ack.add(f"{op.folder}/{name}" if op.folder else name)
        if op.kind == "write":  # into a file in place (a change log): it too was written
            for folder, entries in self._machine.entries.items():
                for entry, node in entries.items():
                    if node == op.node and visible(entry):
                        self._appended_since_ack.add(f"{folder}/{entry}" if folder else entry)

    # -- patching ----------------------------------------------------------------------------

    def __enter__(self) -> Recorder:
        for name in self._PATCHED:
            self._patches.enter_context(mock.patch.object(os, name, getattr(self, f"_{name}")))
        self._patches.enter_context(mock.patch.object(builtins, "open", self._guarded_open))
        self._patches.enter_context(mock.patch.object(io, "open", self._guarded_open))
        return self

    def __exit__(self, *_: object) -> None:
        self._patches.close()

    def _where(self, path: Any) -> tuple[str, str] | None:
        """(folder key, name) of a path under the root; None outside it, for an ignored name, or
        in a folder the model does not have (the call on it fails: the folder does not exist)."""
        absolute = os.path.abspath(os.fsdecode(path))
        relative = os.path.relpath(absolute, self.root)
        if absolute == str(self.root) or relative.startswith(".."):
            return None
        folder, _, name = Path(relative).as_posix().rpartition("/")
        if name in self.ignore or folder not in self._machine.entries:
            return None
        return folder, name

    def _folder_key(self, path: Any) -> str | None:
        """The model's key for a directory path under the root (the root is ``ROOT``)."""
        if os.path.abspath(os.fsdecode(path)) == str(self.root):
            return ROOT
        where = self._where(path)
        if where is None:
            return None
        node = self._machine.entries[where[0]].get(where[1])
        return node if isinstance(node, str) else None

    def _tracked(self, fd: int) -> Node | None:
        """The node an fd was opened on, if it still is that file (fd numbers are reused)."""
        if fd not in self._fds:
            return None
        node, identity = self._fds[fd]
        try:
            stat = os.fstat(fd)
        except OSError:
            stat = None
        if stat is None or (stat.st_dev, stat.st_ino) != identity:
            del self._fds[fd]
            return None
        return node

    def _remember(self, fd: int, node: Node) -> None:
        stat = os.fstat(fd)
        self._fds[fd] = (node, (stat.st_dev, stat.st_ino))

    def _open(self, path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        if dir_fd is not None:
            raise UnrecordedChange("os.open with dir_fd is not modelled")
        folder_key = self._folder_key(path)
        existed = os.path.lexists(path)
        fd: int = self._real["open"](path, flags, mode)
        if folder_key is not None:
            self._remember(fd, folder_key)
            return fd
        where = self._where(path)
        if where is None:
            return fd
        folder, name = where
        if not existed:
            node: Node = self._machine.new_inode()
            self._record(Op("create", folder, name, node=node))
        else:
            node = self._machine.entries[folder][name]
            if isinstance(node, int) and flags & os.O_TRUNC and self._machine.content[node]:
                self._record(Op("truncate", node=node, offset=0))
        self._remember(fd, node)
        return fd

    def _close(self, fd: int) -> None:
        self._fds.pop(fd, None)
        self._real["close"](fd)

    def _write(self, fd: int, data: bytes) -> int:
        node = self._tracked(fd)
        position = os.lseek(fd, 0, os.SEEK_CUR) if isinstance(node, int) else 0
        written: int = self._real["write"](fd, data)
        if isinstance(node, int):
            self._record(Op("write", node=node, offset=position, data=bytes(data[:written])))
        return written

    def _ftruncate(self, fd: int, length: int) -> None:
        node = self._tracked(fd)
        self._real["ftruncate"](fd, length)
        if isinstance(node, int):
            self._record(Op("truncate", node=node, offset=length))

    def _fsync(self, fd: int) -> None:
        """Recorded, not performed: the model decides what is durable, not this test machine's
        disk, and real fsyncs would only make the test slow on a busy one."""
        node = self._tracked(fd)
        os.fstat(fd)  # a bad fd still fails as fsync would
        if isinstance(node, str):
            self._record(Op("fsync_dir", node))
        elif node is not None:
            self._check_bytes_match(node)
            self._record(Op("fsync", node=node))

    def _check_bytes_match(self, node: int) -> None:
        """At an fsync the file must hold exactly what the trace says was written to it."""
        for folder, entries in self._machine.entries.items():
            for name, n in entries.items():
                if n == node:
                    path = self.root / folder / name
                    with self._real_open(path, "rb") as handle:
                        on_disk = handle.read()
                    if on_disk != self._machine.content[node]:
                        raise UnrecordedChange(
                            f"fsync of {path.name}: the file holds {len(on_disk)} bytes, the "
                            f"trace {len(self._machine.content[node])} (a write not flushed?)"
                        )
                    return

    def _fdopen(self, fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = self._real["fdopen"](fd, mode, *args, **kwargs)
        node = self._tracked(fd)
        if not isinstance(node, int) or not any(c in mode for c in "wa+"):
            return handle
        if "b" not in mode:
            raise UnrecordedChange("text-mode writes through os.fdopen are not modelled")

        def on_write(position: int, data: bytes) -> None:
            self._record(Op("write", node=node, offset=position, data=data))

        return _RecordedFile(handle, on_write)

    def _two_names(self, src: Any, dst: Any) -> tuple[str, str, str] | None:
        source, target = self._where(src), self._where(dst)
        if source is None and target is None:
            return None
        if source is None or target is None or source[0] != target[0]:
            raise UnrecordedChange(f"{src} -> {dst}: only renames inside one folder are modelled")
        return source[0], source[1], target[1]

    def _replace(self, src: Any, dst: Any, **kwargs: Any) -> None:
        names = self._two_names(src, dst)
        if names is not None and isinstance(self._machine.entries[names[0]].get(names[1]), str):
            raise UnrecordedChange(f"{src}: renaming a folder is not modelled")
        self._real["replace"](src, dst, **kwargs)
        if names is not None:
            folder, name, target = names
            node = self._machine.entries[folder][name]
            self._record(Op("rename", folder, name, target, node=node))

    _rename = _replace

    def _link(self, src: Any, dst: Any, **kwargs: Any) -> None:
        names = self._two_names(src, dst)
        self._real["link"](src, dst, **kwargs)
        if names is not None:
            folder, name, target = names
            node = self._machine.entries[folder][name]
            self._record(Op("link", folder, name, target, node=node))

    def _unlink(self, path: Any, **kwargs: Any) -> None:
        self._real["unlink"](path, **kwargs)  # a missing file raises here and records nothing
        where = self._where(path)
        if where is not None:
            self._record(Op("unlink", where[0], where[1]))

    _remove = _unlink

    def _mkdir(self, path: Any, mode: int = 0o777, **kwargs: Any) -> None:
        self._real["mkdir"](path, mode, **kwargs)
        where = self._where(path)
        if where is not None:
            folder, name = where
            self._record(Op("mkdir", folder, name, node=f"{folder}/{name}" if folder else name))

    def _rmdir(self, path: Any, **kwargs: Any) -> None:
        if self._where(path) is not None:
            raise UnrecordedChange(f"{path}: removing a folder is not modelled")
        self._real["rmdir"](path, **kwargs)

    def _guarded_open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        """Reading is free; writing under the root without ``os.open`` would escape the trace."""
        if (
            isinstance(file, str | bytes | os.PathLike)
            and any(c in mode for c in "wax+")
            and self._where(file) is not None
        ):
            raise UnrecordedChange(f"open({file!s}, {mode!r}) writes outside the recorded calls")
        return self._real_open(file, mode, *args, **kwargs)
