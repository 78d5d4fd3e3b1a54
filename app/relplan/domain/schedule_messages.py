"""The scheduler's words: what holds an item, and the conflicts it reports.

Kept apart from :mod:`relplan.domain.schedule`, which does the arithmetic; these functions
only read a :class:`~relplan.domain.schedule.ReleaseSchedule`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from relplan.domain.calendar import format_day
from relplan.domain.graph import describe_cycle
from relplan.domain.schedule_types import (
    DRIVER_CONSTRAINT,
    DRIVER_FREEZE,
    DRIVER_PIN,
    DRIVER_START,
    Conflict,
)

if TYPE_CHECKING:
    from relplan.domain.schedule import ReleaseSchedule


def describe_driver(
    schedule: ReleaseSchedule, item_id: str, driver: str | None, start_index: int | None = None
) -> str:
    """What holds an item, in words: "'Build API' (FS)" or "the release start".

    ``start_index`` is where the driver put the item (default: where it is now); give
    it with a holder from :meth:`ReleaseSchedule.earliest_allowed`, so the right freeze is named.
    """
    if driver is None or driver == DRIVER_START:
        return "the release start"
    if driver == DRIVER_CONSTRAINT:
        return "its start-no-earlier-than date"
    if driver == DRIVER_PIN:
        return "its must-finish-on date"
    if driver == DRIVER_FREEZE:
        n = schedule.index[item_id]
        if start_index is not None:
            name = freeze_ending_before(schedule, n, start_index)
        else:
            # The freeze that holds the item where it is now; a holder found by
            # earliest_allowed() must come with its start_index (another freeze may
            # hold the item at that earlier place).
            name = schedule.freeze_of[n] or freeze_ending_before(schedule, n, schedule.es[n])
        return f"the freeze '{name}'" if name else "a change freeze"
    dep = schedule.project.dependencies.get(driver)
    if dep is None:
        return "a predecessor"
    pred = schedule.project.items[dep.predecessor_id]
    lag = f"{dep.lag:+d}d" if dep.lag else ""
    return f"'{pred.name}' ({dep.type.value}{lag})"


def freeze_ending_before(schedule: ReleaseSchedule, n: int, start: int) -> str | None:
    """The freeze window a Deploy item starting at ``start`` was pushed past, if any."""
    # _past_freezes() puts a task at the span's end, a milestone one day after it.
    pushed_to = start - 1 if schedule.milestone[n] else start
    # Windows ending on the same day nest (the earlier-starting one holds the other), and
    # _past_freezes() meets the earlier-starting one first: look in the same order.
    for _f_start, f_end, window in schedule.freeze_spans:
        if f_end == pushed_to:
            return window.name
    return None


def pin_conflict(
    schedule: ReleaseSchedule, n: int, wanted: int, pinned: int, driver: str | None
) -> Conflict:
    item = schedule.project.items[schedule.ids[n]]
    late = wanted - pinned
    days = "day" if late == 1 else "days"
    pin = item.constraint.on if item.constraint else None
    dep_ids = (driver,) if driver in schedule.project.dependencies else ()
    return Conflict(
        "pin",
        f"'{item.name}' must finish on {format_day(pin)}, but "
        f"{describe_driver(schedule, item.id, driver)} "
        f"holds it {late} working {days} later; move the pin or shorten what comes before.",
        (item.id,),
        dep_ids,
    )


def freeze_pin_conflict(schedule: ReleaseSchedule, n: int, pinned: int) -> Conflict:
    item = schedule.project.items[schedule.ids[n]]
    window = schedule._past_freezes(n, pinned)[1]
    return Conflict(
        "pin_in_freeze",
        f"'{item.name}' is a Deploy item pinned inside the freeze '{window}'; "
        "move its must-finish-on date out of the freeze.",
        (item.id,),
    )


def cycle_conflict(schedule: ReleaseSchedule, cycle: list[str]) -> Conflict:
    deps = tuple(
        schedule.graph.edges[u, v]["dep"].id
        for u, v in zip(cycle, [*cycle[1:], cycle[0]], strict=True)
    )
    return Conflict(
        "cycle",
        f"The dependencies {describe_cycle(schedule.project, cycle)} form a cycle; one link is "
        "ignored when scheduling. Remove one of them.",
        tuple(cycle),
        deps,
    )
