"""Durations as instructors write them (``8s``, ``90s``, ``1m30s``, ``2m``) and as people read them."""

from __future__ import annotations

import re

ACCEPTED_FORMS = "8s, 90s, 1m30s or 2m"
_DURATION = re.compile(r"^(?:(?P<m>\d+)m)?(?:(?P<s>\d+(?:\.\d+)?)s)?$", re.ASCII)
MAX_CHARS = 16
"""Longer than any real duration ("1234m59.999s"): refused before any number is converted."""


class DurationError(ValueError):
    pass


def parse_duration_ms(text: str) -> int:
    """Milliseconds in a duration; raises DurationError with a message fit for an instructor."""
    raw = text.strip()
    if not raw:
        raise DurationError(f"a duration is missing (write it like {ACCEPTED_FORMS})")
    if len(raw) > MAX_CHARS:
        raise DurationError(f"'{raw[:MAX_CHARS]}…' is too long to be a duration ({ACCEPTED_FORMS})")
    if raw.startswith("-"):
        raise DurationError(f"'{raw}' is negative: a duration must be longer than zero")
    match = _DURATION.match(raw.lower())
    if not match or not (match["m"] or match["s"]):
        if re.fullmatch(r"\d+(\.\d+)?", raw, re.ASCII):
            raise DurationError(
                f"'{raw}' has no unit: write {raw}s for seconds or {raw}m for minutes"
            )
        raise DurationError(f"'{raw}' is not a duration (write it like {ACCEPTED_FORMS})")
    minutes = int(match["m"] or 0)
    seconds = float(match["s"] or 0)
    total = round((minutes * 60 + seconds) * 1000)
    if total <= 0:
        raise DurationError(f"'{raw}' is zero: a duration must be longer than zero")
    return total


def format_clock(ms: int) -> str:
    """``12:40`` for a position or a length; hours only when needed."""
    seconds = max(ms, 0) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_duration(ms: int) -> str:
    """``1m30s`` in the script's own notation, so messages quote durations the way authors write them."""
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, secs = divmod(seconds, 60)
    text = f"{minutes}m" if minutes else ""
    if secs or millis or not text:
        text += f"{secs}.{millis:03d}".rstrip("0").rstrip(".") + "s" if millis else f"{secs}s"
    return text


TIME_FORMS = "1:23.4 (minutes:seconds) or 83.4 (seconds)"
_TIME = re.compile(r"^(?:(?:(?P<h>\d+):)?(?P<m>\d+):)?(?P<s>\d+(?:\.\d+)?)s?$", re.ASCII)


def parse_time_ms(text: str) -> int:
    """A moment in a recording (``1:23.4``, ``1:02:03``, ``83.4``, ``83.4s``) in milliseconds;
    raises DurationError. Zero is a moment (the start), unlike a duration."""
    raw = text.strip()
    if len(raw) > MAX_CHARS:
        raise DurationError(f"'{raw[:MAX_CHARS]}…' is too long to be a time ({TIME_FORMS})")
    if raw.startswith("-"):
        raise DurationError(f"'{raw}' is negative: times count from the start of the recording")
    match = _TIME.match(raw.lower())
    if not match:
        with_units = raw and _DURATION.match(raw.lower()) and raw.lower().endswith(("m", "s"))
        if with_units:
            return parse_duration_ms(raw)
        raise DurationError(f"'{raw}' is not a time in the recording (write it like {TIME_FORMS})")
    if (match["h"] or match["m"]) and float(match["s"]) >= 60:
        raise DurationError(f"'{raw}' has {match['s']} seconds: after ':' write 0 to 59.9")
    if match["h"] and int(match["m"]) >= 60:
        raise DurationError(f"'{raw}' has {match['m']} minutes: after the hours write 0 to 59")
    hours, minutes = int(match["h"] or 0), int(match["m"] or 0)
    return round(((hours * 60 + minutes) * 60 + float(match["s"])) * 1000)


def format_time(ms: int) -> str:
    """``1:23.45``: a moment in a recording as ``[audio … from … to …]`` writes it, to 10 ms
    (finer than one audio buffer, so a boundary written out lands where it was found)."""
    hundredths = round(max(ms, 0) / 10)
    minutes, rest = divmod(hundredths, 6000)
    fraction = f"{rest % 100:02d}".rstrip("0") or "0"
    return f"{minutes}:{rest // 100:02d}.{fraction}"
