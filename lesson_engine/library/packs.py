"""Lesson packs: a zip of lesson scripts, their recordings and a small manifest.

A pack comes from someone else, so importing one trusts nothing: every member is checked before
a single byte is written (names, sizes, compression ratio, kinds of file, the lessons themselves),
extraction goes to a temporary folder that is moved into place only when complete, and an
installed pack is never replaced unless the caller says so.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import tomllib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lesson_engine.library.files import find_lesson_files
from lesson_engine.model.ids import slug
from lesson_engine.model.recordings import AUDIO_SUFFIXES, KINDS, looks_like_recording
from lesson_engine.paths import PACK_MANIFEST
from lesson_engine.script.diagnostics import Diagnostic
from lesson_engine.script.lexicon import LEXICON_FILE, read_lexicon_bytes
from lesson_engine.script.parser import check_lesson_bytes, check_lesson_file

MANIFEST = PACK_MANIFEST
MANIFEST_KEYS = ("title", "author", "version", "licence")
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 50_000_000
MAX_TOTAL_BYTES = 300_000_000
MAX_RATIO = 100
TEXT_SUFFIXES = (".lesson", ".md", ".txt")
UNREADABLE_MEMBER = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)
"""What reading a damaged, encrypted or oddly compressed member raises (a bad CRC, a broken
deflate stream, a cut file, a password, an unknown method): each becomes a message."""


class PackError(Exception):
    """A pack that cannot be made or imported; ``problems`` lists every reason, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class PackExists(PackError):
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            [f"a pack is already installed at {folder}"]
        )  # front ends say how to replace it


@dataclass(frozen=True)
class Manifest:
    title: str
    author: str
    version: str
    licence: str

    @property
    def slug(self) -> str:
        return slug(self.title, "pack")


@dataclass(frozen=True)
class ImportedPack:
    folder: Path
    manifest: Manifest
    lessons: tuple[str, ...]


def read_manifest(data: bytes, where: str) -> Manifest:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError([f"{where}: the manifest is not valid TOML ({exc})"]) from None
    problems = []
    for key in MANIFEST_KEYS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f'{where}: the manifest needs {key} = "…"')
    unknown = sorted(set(raw) - set(MANIFEST_KEYS))
    if unknown:
        problems.append(
            f"{where}: unknown manifest keys: {', '.join(unknown)} (known: {', '.join(MANIFEST_KEYS)})"
        )
    if problems:
        raise PackError(problems)
    return Manifest(*(str(raw[key]).strip() for key in MANIFEST_KEYS))


def create_pack(folder: Path, out: Path) -> list[str]:
    """Zip the lessons under ``folder`` with the recordings they use; returns the members written."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise PackError(
            [
                f"{manifest_path}: no manifest; create it with four lines, for example:",
                '  title = "Weight shift for trail runners"',
                '  author = "Your Name"',
                '  version = "1.0"',
                '  licence = "CC BY 4.0"',
            ]
        )
    read_manifest(manifest_path.read_bytes(), str(manifest_path))
    lessons, _ = find_lesson_files([folder])
    if not lessons:
        raise PackError([f"{folder}: no .lesson files to pack"])
    members: dict[str, Path] = {MANIFEST: manifest_path}
    if (folder / LEXICON_FILE).is_file():  # checked with each lesson, which reads it
        members[LEXICON_FILE] = folder / LEXICON_FILE
    found, problems = lesson_members(folder, lessons)
    members.update(found)
    if problems:  # a mistake in the pack's lexicon is found with every lesson: said once
        raise PackError(list(dict.fromkeys(problems)))
    out.parent.mkdir(parents=True, exist_ok=True)
    # Beside ``out`` and put in place only when whole: a full disk half way through leaves
    # an earlier pack of the same name as it was, and no partial zip anyone could hand out.
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, source in sorted(members.items()):
                archive.write(source, name)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return sorted(members)


def lesson_members(folder: Path, lessons: list[Path]) -> tuple[dict[str, Path], list[str]]:
    """Each of ``lessons`` (files under ``folder``) and the recordings it uses, by their names in
    a pack of ``folder``; and every reason one of them cannot be packed (an error in the lesson,
    a recording missing or outside the folder, which the pack could not hold)."""
    problems: list[str] = []
    members: dict[str, Path] = {}
    root = folder.resolve()
    for path in lessons:
        result = check_lesson_file(path)
        problems.extend(str(d).splitlines()[0] for d in result.errors)
        if result.lesson is None:
            continue
        members[path.relative_to(folder).as_posix()] = path
        for audio in result.lesson.recordings():
            resolved = audio.resolve()
            if not resolved.is_relative_to(root):
                problems.append(
                    f"{path}: the recording {audio} is outside the pack folder; move it inside"
                )
            elif not resolved.is_file():
                problems.append(f"{path}: the recording {audio} is missing")
            elif not _starts_as_named(resolved):  # import refuses it: every learner would
                problems.append(
                    f"{path}: the recording {audio} is not {KINDS[resolved.suffix.lower()]} "
                    "recording; export it again from your audio editor"
                )
            else:
                members[resolved.relative_to(root).as_posix()] = resolved
    return members, problems


def _starts_as_named(recording: Path) -> bool:
    """Whether a recording to pack begins as its suffix says, as ``import_pack`` checks."""
    try:
        with recording.open("rb") as file:
            head = file.read(16)
    except OSError:
        return False
    return looks_like_recording(recording.suffix.lower(), head)


def import_pack(archive_path: Path, packs_dir: Path, *, replace: bool = False) -> ImportedPack:
    """Check everything in the pack, then install it under ``packs_dir``; raises PackError."""
    if not archive_path.is_file():  # is_zipfile says False for a missing path too
        raise PackError([f"{archive_path}: no such file; check the path"])
    if not zipfile.is_zipfile(archive_path):
        raise PackError(
            [f"{archive_path}: not a zip file; a lesson pack is a .zip made with 'seesaw pack'"]
        )
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, UnicodeDecodeError, ValueError, EOFError, OSError) as exc:
        raise PackError(
            [f"{archive_path}: the zip's list of files is damaged ({exc}); ask for the pack again"]
        ) from None
    with archive:
        contents, manifest = _checked_members(archive, archive_path.name)
    target = packs_dir / manifest.slug
    if target.exists() and not replace:
        raise PackExists(target)
    packs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".importing-", dir=packs_dir))
    try:
        for name, data in contents.items():
            destination = staging / PurePosixPath(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PackError([f"{target}: could not install the pack ({exc.strerror or exc})"]) from None
    lessons = []
    for path in find_lesson_files([target])[0]:
        result = check_lesson_file(path)
        if result.lesson:
            lessons.append(result.lesson.id)
    return ImportedPack(target, manifest, tuple(lessons))


def _checked_members(archive: zipfile.ZipFile, shown: str) -> tuple[dict[str, bytes], Manifest]:
    problems: list[str] = []
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise PackError([f"{shown}: {len(infos)} files; a pack may hold at most {MAX_MEMBERS}"])
    total = 0
    safe: list[zipfile.ZipInfo] = []
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename
        where = f"{shown}:{name}"
        if name in seen:
            problems.append(f"{where}: appears twice in the pack; which one is meant is unclear")
            continue
        if name.casefold() in {n.casefold() for n in seen}:
            first = next(n for n in seen if n.casefold() == name.casefold())
            problems.append(
                f"{where}: differs from {first} only in upper and lower case; on Windows and "
                "macOS they would be one file, so rename one of them"
            )
            continue
        seen[name] = name
        path = PurePosixPath(name)
        if (
            "\\" in name
            or name.startswith("/")
            or re.match(r"^[A-Za-z]:", name)
            or ".." in path.parts
        ):
            problems.append(f"{where}: unsafe path (absolute or leading outside the pack)")
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(f"{where}: symbolic links are not allowed in a pack")
            continue
        suffix = path.suffix.lower()
        if name != MANIFEST and suffix not in TEXT_SUFFIXES + AUDIO_SUFFIXES:
            problems.append(
                f"{where}: this kind of file is not allowed in a pack (only lessons, recordings and notes)"
            )
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            problems.append(
                f"{where}: {info.file_size / 1e6:.0f} MB is too large (at most {MAX_MEMBER_BYTES // 1_000_000} MB)"
            )
            continue
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 1_000_000
        ):
            problems.append(
                f"{where}: compressed {info.file_size // max(info.compress_size, 1)}× — refused as a likely zip bomb"
            )
            continue
        total += info.file_size
        safe.append(info)
    if total > MAX_TOTAL_BYTES:
        problems.append(
            f"{shown}: {total / 1e6:.0f} MB in all; a pack may hold at most {MAX_TOTAL_BYTES // 1_000_000} MB"
        )
    if problems:
        raise PackError(problems)

    contents: dict[str, bytes] = {}
    for info in safe:
        try:
            with archive.open(info) as member:
                data = member.read(MAX_MEMBER_BYTES + 1)
        except UNREADABLE_MEMBER as exc:
            problems.append(
                f"{shown}:{info.filename}: damaged in the zip ({exc}); make the pack again"
            )
            continue
        if len(data) != info.file_size:
            problems.append(f"{shown}:{info.filename}: its size does not match the zip directory")
            continue
        contents[info.filename] = data
    if MANIFEST not in contents:
        raise PackError(
            [
                *problems,
                f"{shown}: no {MANIFEST} at the top of the pack; was it made with 'seesaw pack'?",
            ]
        )
    manifest = read_manifest(contents[MANIFEST], f"{shown}:{MANIFEST}")
    if LEXICON_FILE in contents:
        found: list[Diagnostic] = []
        read_lexicon_bytes(contents[LEXICON_FILE], f"{shown}:{LEXICON_FILE}", found.append)
        problems.extend(str(d).splitlines()[0] for d in found if d.is_error)
    lesson_names = [n for n in contents if n.endswith(".lesson")]
    if not lesson_names:
        problems.append(f"{shown}: the pack holds no lessons")
    for name, data in contents.items():
        suffix = PurePosixPath(name).suffix.lower()
        if suffix in AUDIO_SUFFIXES and not looks_like_recording(suffix, data):
            problems.append(f"{shown}:{name}: this is not {KINDS[suffix]} recording")
    with tempfile.TemporaryDirectory() as scratch:
        for name in lesson_names:
            # Parse as if installed, so [audio] paths are checked against the pack's own files.
            place = Path(scratch) / PurePosixPath(name)
            result = check_lesson_bytes(contents[name], place)
            for diagnostic in result.errors:
                first = str(diagnostic).splitlines()[0]
                problems.append(first.replace(str(place), f"{shown}:{name}", 1))
            for audio in result.lesson.recordings() if result.lesson else []:
                # "lessons/../clip.wav" is the pack's "clip.wav": compare the paths as resolved
                # by name (nothing on disk yet), as 'seesaw pack' resolved them when packing.
                plain = Path(os.path.normpath(audio))
                relative = (
                    plain.relative_to(scratch).as_posix() if plain.is_relative_to(scratch) else None
                )
                if relative is None or relative not in contents:
                    problems.append(
                        f"{shown}:{name}: uses a recording that is not in the pack ({audio.name})"
                    )
    if problems:
        raise PackError(problems)
    return contents, manifest
