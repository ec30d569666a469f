"""Make pack from the Author page: the saved lesson's folder, or the lessons chosen from it.

The pack is made by ``lesson_engine.library.packs.create_pack``, the code behind ``seesaw pack``,
so whatever the page packs, ``seesaw import`` and the library's Import accept. A pack must say who
made it and under which licence: a folder packed whole without a ``pack.toml`` gets one first,
from four answers the author gives (proposed from the lesson's header). That file is written by
the app's one writer, after every write asked before it (the lesson's own save among them),
never on the window's thread, and the pack is made only once it is on disk; a disk that refuses
it is said, and the answers are proposed again at the next Make pack rather than asked afresh.

A lesson in My lessons, or in any folder of several lessons that is not a pack yet, is packed
with the lessons the author picks (just this one unless they tick more), from a staging copy
(``lesson_engine.library.pack_selection``): nothing is written into their folder, so My lessons
stays "My lessons" in the library.

The zip itself is made on a thread of its own (``widgets/own_thread.py``): a pack of long
recordings takes seconds to read and write, and the page, and a preview playing beside it, go
on meanwhile. Make pack is disabled until the zip is in place (its keys say to wait), and the
page says "Packing…" and then where the pack went, or why it was not made; the zip is put in
place only when whole, so a full disk leaves an earlier pack of the same name as it was.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lesson_engine.journal.writer import Later
from lesson_engine.library.pack_selection import (
    create_pack_of,
    lessons_to_choose_from,
    manifest_text,
)
from lesson_engine.library.packs import MANIFEST, Manifest, PackError, create_pack, read_manifest
from lesson_engine.model.lesson import Lesson
from lesson_engine.storage import write_atomically, write_problem_in_words
from ui.desktop.author.dialogs import AuthorDialogs
from ui.desktop.library.view import IMPORT_BUTTON
from ui.desktop.widgets.own_thread import OwnThread
from ui.desktop.widgets.written import WhenWritten, refusal_in_words


def ask_manifest(
    parent: QWidget, lesson: Lesson, dialogs: AuthorDialogs, proposed: Manifest | None = None
) -> Manifest | str | None:
    """The four answers a pack needs, proposed from the lesson (or ``proposed``); a message
    when one is missing; None when the author cancelled."""
    offer = proposed or Manifest(lesson.title, lesson.header.author, "1.0", "All rights reserved")
    answer = dialogs.manifest(parent, offer)
    if answer is None:
        return None
    try:
        return read_manifest(manifest_text(answer).encode("utf-8"), MANIFEST)
    except PackError:
        return "The pack was not made: it needs a title, an author, a version and a licence."


def folder_manifest(path: Path) -> Manifest | str:
    """The manifest a folder's ``pack.toml`` says, or why it cannot be read."""
    try:
        return read_manifest(path.read_bytes(), str(path))
    except PackError as exc:
        return "The pack was not made:\n" + "\n".join(exc.problems)
    except OSError as exc:
        return f"Could not read {path}: {exc.strerror or exc}. Nothing was made."


def pack_path(
    parent: QWidget, folder: Path, manifest: Manifest, dialogs: AuthorDialogs
) -> Path | None:
    """Where the author wants the pack (a ``.zip``); None when they cancelled."""
    chosen = dialogs.pack_path(parent, str(folder.parent / f"{manifest.slug}.zip"))
    if not chosen:
        return None
    return Path(chosen) if chosen.lower().endswith(".zip") else Path(f"{chosen}.zip")


def write_pack(folder: Path, chosen: list[Path] | None, manifest: Manifest, out: Path) -> str:
    """On the packing thread: pack ``folder`` whole, or only ``chosen`` of its lessons, as
    ``out``; what to tell the author, where the pack went or every reason it was not made. The
    zip is put in place only when whole, so a failure leaves whatever was at ``out`` before."""
    try:
        members = (
            create_pack(folder, out)
            if chosen is None
            else create_pack_of(folder, chosen, manifest, out)
        )
    except PackError as exc:
        return "The pack was not made:\n" + "\n".join(exc.problems)
    except OSError as exc:
        return (
            f"Could not write {out}: {write_problem_in_words(exc)}. The pack was not made, "
            "and the lessons are as they were."
        )
    lessons = sum(name.endswith(".lesson") for name in members)
    recordings = len(members) - lessons - 1  # and the manifest
    held = f"{lessons} {'lesson' if lessons == 1 else 'lessons'}" + (
        f" and {recordings} {'recording' if recordings == 1 else 'recordings'}"
        if recordings
        else ""
    )
    return (
        f"The pack “{manifest.title}” is in {out}, with {held} from {folder}. "
        f"Anyone can add it to their library with “{IMPORT_BUTTON}” on the Lessons page."
    )


ZIPPING = OwnThread("seesaw-pack")
"""Where a pack is zipped: a thread of its own for each, never the window's."""


class PackingPage(Protocol):
    """What Make pack asks of the Author page (``view.AuthorView``)."""

    dialogs: AuthorDialogs
    my_lessons: Path | None

    def say(self, message: str) -> None: ...


class PackMaking(QObject):
    """Make pack, from the author's answers to the pack; a folder's missing ``pack.toml``
    written on ``later`` first, the zip on a thread of its own (``zipping``)."""

    busy = Signal(bool)
    """True while a pack is being zipped (Make pack waits for it), False once it is done."""

    def __init__(
        self,
        page: PackingPage,
        parent: QWidget,
        later: Later,
        zipping: Later = ZIPPING,
    ) -> None:
        super().__init__(parent)
        self._page = page
        self._parent = parent
        self._later = later
        self._zipping = zipping
        self._when = WhenWritten(self)
        self._writing: Path | None = None
        """The ``pack.toml`` on its way to the disk, if any: the pack waits for it."""
        self._refused: dict[Path, Manifest] = {}
        """The answers whose ``pack.toml`` the disk refused, by folder: proposed again."""
        self.packing: Path | None = None
        """The pack being zipped, if one is: a second waits for it."""

    def still_packing(self) -> bool:
        """Whether a pack is being zipped; the page is told to wait for it, if so."""
        if self.packing is not None:
            self._page.say(f"{self.packing} is still being made; wait for it, then make the next.")
        return self.packing is not None

    def make(self, lesson_path: Path, lesson: Lesson) -> None:
        """Pack the folder that holds ``lesson_path``, or the lessons the author picks from it
        (see ``lessons_to_choose_from`` for when); the page is told what came of it."""
        page, parent = self._page, self._parent
        if self.still_packing():
            return
        if self._writing is not None:
            page.say(f"{self._writing} is being written; the pack is made once it is on disk.")
            return
        folder = lesson_path.parent
        offered = lessons_to_choose_from(lesson_path, page.my_lessons)
        if offered:
            names = [path.relative_to(folder).as_posix() for path in offered]
            current = lesson_path.relative_to(folder).as_posix()
            many = len(names) > 1
            picked = page.dialogs.pack_lessons(parent, names, current) if many else [current]
            if picked:
                chosen = [offered[names.index(name)] for name in names if name in picked]
                self._pack(folder, chosen, ask_manifest(parent, lesson, page.dialogs))
            return
        path = folder / MANIFEST
        if path.is_file():
            self._pack(folder, None, folder_manifest(path))
            return
        answer = ask_manifest(parent, lesson, page.dialogs, self._refused.get(folder))
        if isinstance(answer, Manifest):
            self._write_manifest(folder, answer)
        else:
            self._pack(folder, None, answer)

    def _write_manifest(self, folder: Path, manifest: Manifest) -> None:
        """``manifest`` as the folder's ``pack.toml``, by the writer; the pack once on disk."""
        path = self._writing = folder / MANIFEST
        text = manifest_text(manifest).encode("utf-8")
        self._page.say(f"Writing {path}…")

        def written(_nothing: None) -> None:
            self._writing = None
            self._refused.pop(folder, None)
            self._pack(folder, None, folder_manifest(path))

        def refused(problem: Exception) -> None:
            self._writing = None
            self._refused[folder] = manifest
            self._page.say(
                f"Could not write {path}: {refusal_in_words(problem)}. Nothing was made; your "
                "answers are proposed again at the next Make pack."
            )

        def write() -> None:
            write_atomically(path, text, shared=True)

        self._when.behind(self._later, write, written, refused)

    def _pack(
        self, folder: Path, chosen: list[Path] | None, manifest: Manifest | str | None
    ) -> None:
        """Ask where, then zip with ``manifest`` behind the window, or say why not (nothing,
        when the author cancelled); the page is told once the zip is in place, or why not."""
        if not isinstance(manifest, Manifest):
            if manifest:
                self._page.say(manifest)
            return
        out = pack_path(self._parent, folder, manifest, self._page.dialogs)
        if out is None:
            return
        self.packing = out
        self.busy.emit(True)
        self._page.say(f"Packing “{manifest.title}” into {out}… You can go on writing meanwhile.")

        def packed(done: Future[str]) -> None:
            self.packing = None  # first: a mistake in Seesaw raised below must not leave it
            self.busy.emit(False)
            self._page.say(done.result())

        zipping = self._zipping(lambda: write_pack(folder, chosen, manifest, out))
        self._when.then(zipping, packed)
