"""What the scheduler hands out: item dates, conflicts, and the words for what holds an item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# What holds an item where it is, besides a dependency id.
DRIVER_START = "release start"
DRIVER_CONSTRAINT = "constraint"
DRIVER_PIN = "must finish on"
DRIVER_FREEZE = "freeze"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A problem the schedule cannot solve by moving things; shown to the planner in red."""

    kind: str  # "pin", "pin_in_freeze", "cycle", "late"
    message: str
    item_ids: tuple[str, ...] = ()
    dependency_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemDates:
    """Where the scheduler put one item, as dates and as working-day indices."""

    item_id: str
    start: date
    finish: date
    start_index: int
    end_index: int
    late_start_index: int
    slack: int
    critical: bool
    driver: str | None  # a dependency id, or one of the DRIVER_* words
    freeze: str | None  # the freeze window that pushed a Deploy item, if any
