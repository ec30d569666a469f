"""Side-by-side views of the catalogue: the table of claims, comparisons and filters."""

from __future__ import annotations

from dataclasses import dataclass

from lesson_engine.catalogue.model import Catalogue, Entry, School, Stance

ATTRIBUTES = (
    ("kind", "Kind"),
    ("position", "Position"),
    ("equipment", "Equipment"),
    ("pelvis", "Pelvis"),
    ("targets", "Targets"),
    ("dose", "Dose"),
    ("progression", "Progression"),
)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[str, ...]
    differs: bool


def _text(entry: Entry, attribute: str) -> str:
    value = getattr(entry, attribute)
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def side_by_side(catalogue: Catalogue, entries: list[Entry]) -> list[Row]:
    """Every attribute and every source's stance, one row each, marking where the entries differ."""
    rows = []
    for attribute, label in ATTRIBUTES:
        values = tuple(_text(e, attribute) or "—" for e in entries)
        rows.append(Row(label, values, len(set(values)) > 1))
    for source in catalogue.sources:
        values = tuple(e.claim(source.key).stance.label for e in entries)
        rows.append(Row(f"{source.key}: {source.title}", values, len(set(values)) > 1))
    return rows


def disputed(entry: Entry) -> bool:
    """Some source recommends it (at least with a condition) while another warns against it."""
    stances = {c.stance for c in entry.claims}
    return Stance.COUNTERPRODUCTIVE in stances and bool(
        stances & {Stance.RECOMMENDED, Stance.WITH_CONDITION}
    )


def filter_entries(
    catalogue: Catalogue,
    *,
    school: School | None = None,
    position: str = "",
    equipment: str = "",
    kind: str = "",
) -> list[Entry]:
    """Entries matching every filter given. A school keeps entries that one of its sources mentions."""
    keys = {s.key for s in catalogue.sources if school is None or s.school is school}
    found = []
    for entry in catalogue.entries:
        if kind and entry.kind != kind:
            continue
        if position and position.lower() not in entry.position.lower():
            continue
        if equipment and not any(equipment.lower() in item.lower() for item in entry.equipment):
            continue
        if school is not None and all(entry.claim(k).stance is Stance.NOT_MENTIONED for k in keys):
            continue
        found.append(entry)
    return found
