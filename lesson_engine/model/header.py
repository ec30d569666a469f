"""What a lesson says about itself: the part of a lesson the library lists.

Apart from the rest of the model so the library screen can be drawn from the index without
loading the lesson model (see ``lesson_engine.library.index``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Header:
    id: str
    title: str
    summary: str = ""
    position: str = ""
    level: str = ""
    group: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    length_ms: int | None = None
    author: str = ""
