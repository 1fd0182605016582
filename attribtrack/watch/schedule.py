"""A re-check schedule that follows the news cycle, as NewsDiffs does.

A story changes most in its first hours, so a new article is checked often and less as it ages::

    15m until 3h, 1h until 1d, 1d until 7d     (the default; after a week: never again)

Each step is ``EVERY until AGE`` (the article's age since the watcher first saw it); a last step
without ``until`` (``1w``) repeats for ever. Durations are a number and ``s``, ``m``, ``h``, ``d``
or ``w``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from attribtrack.errors import UsageError

__all__ = ["DEFAULT_SCHEDULE", "Schedule", "format_time", "parse_duration", "parse_time"]

DEFAULT_SCHEDULE = "15m until 3h, 1h until 1d, 1d until 7d"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*")
_STEP = re.compile(r"^\s*(?P<every>\S+)\s*(?:until\s+(?P<until>\S+))?\s*$")


def parse_duration(text: str, where: str = "duration") -> float:
    """Seconds in ``15m``, ``3h``, ``7d``... (a UsageError naming ``where`` otherwise)."""
    match = _DURATION.fullmatch(str(text))
    if not match or float(match.group(1)) <= 0:
        raise UsageError(f"{where}: {text!r} is not a duration (like 30s, 15m, 3h, 1d, 1w)")
    return float(match.group(1)) * _UNITS[match.group(2)]


def format_time(moment: datetime) -> str:
    """ISO 8601 UTC to the second, as the store keeps times (they sort as strings)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Schedule:
    """``steps``: (every, until) in seconds, ``until`` None for a step that never ends."""

    steps: tuple[tuple[float, float | None], ...]
    spec: str = DEFAULT_SCHEDULE

    @classmethod
    def parse(cls, spec: str | list[str], where: str = "schedule") -> Schedule:
        parts = spec if isinstance(spec, list) else str(spec).split(",")
        steps: list[tuple[float, float | None]] = []
        for index, part in enumerate(parts):
            match = _STEP.match(str(part))
            if not match:
                raise UsageError(f"{where}: {part!r} is not 'EVERY until AGE' (like '15m until 3h')")
            every = parse_duration(match.group("every"), where)
            until = parse_duration(match.group("until"), where) if match.group("until") else None
            if until is None and index != len(parts) - 1:
                raise UsageError(f"{where}: only the last step may go on for ever ({part.strip()!r})")
            if steps and until is not None and steps[-1][1] is not None and until <= steps[-1][1]:
                raise UsageError(f"{where}: the ages must grow ({part.strip()!r})")
            steps.append((every, until))
        if not steps:
            raise UsageError(f"{where}: empty schedule")
        return cls(tuple(steps), ", ".join(str(p).strip() for p in parts))

    def next_check(self, first_seen: str, now: datetime) -> str | None:
        """When to check again an article first seen at ``first_seen``; None: never again."""
        age = (now - parse_time(first_seen)).total_seconds()
        for every, until in self.steps:
            if until is None or age < until:
                return format_time(now + timedelta(seconds=every))
        return None


def normalise_since(text: str) -> str:
    """``--since``: an ISO date or date and time (UTC unless an offset is given), as the store's
    times are written, so it compares with them as a string."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--since: {text!r} is not an ISO date or time (like 2026-01-02 or 2026-01-02T15:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)
