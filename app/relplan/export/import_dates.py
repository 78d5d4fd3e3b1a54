"""Dates of an imported plan: kept within what a project file holds, and kept in place.

relplan computes dates from the release start, links and constraints; other tools store
them. Two things keep an import faithful: dates a project file cannot hold are left out
(and reported), and a task the file shows later than its links require gets a
``start_no_earlier_than`` on its date, so the timeline shows what the other tool showed.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from relplan.domain.edits import FIRST_DAY, LAST_DAY
from relplan.domain.model import Constraint, ConstraintKind, Project, Release
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.exchange_report import ExchangeError, ExchangeReport, plural

if TYPE_CHECKING:
    from relplan.export.import_support import PlanSource

# Pinning one task can let a later one move; a few rounds settle any real plan.
_MAX_ROUNDS = 20


def _in_range(day: date | None) -> bool:
    return day is None or FIRST_DAY <= day <= LAST_DAY


def keep_dates_in_range(source: PlanSource, report: ExchangeReport) -> None:
    """Leave out dates a project file cannot hold (before 1900, after 2199), and say so."""
    dropped: list[str] = []
    for task in source.tasks:
        if not _in_range(task.start):
            dropped.append(f"the start of '{task.name}'")
            task.start = None
        if task.constraint is not None and not _in_range(task.constraint.on):
            dropped.append(f"the constraint of '{task.name}'")
            task.constraint = None
    if not _in_range(source.start):
        starts = [task.start for task in source.tasks if task.start is not None]
        if not starts:
            raise ExchangeError(
                f"The plan starts on {source.start}, outside the years {FIRST_DAY.year} to "
                f"{LAST_DAY.year} relplan plans in; check the file's dates."
            )
        source.start = min(starts)
    if not _in_range(source.deadline):
        dropped.append(f"the deadline {source.deadline}")
        source.deadline = None
    holidays = source.calendar.holidays
    kept = tuple(h for h in holidays if _in_range(h.on))
    if len(kept) != len(holidays):
        dropped.append(plural(len(holidays) - len(kept), "holiday"))
        source.calendar = dataclasses.replace(source.calendar, holidays=kept)
    report.drop_all(f"dates outside {FIRST_DAY.year} to {LAST_DAY.year}", dropped)


def pin_dates(
    project: Project, release: Release, wanted: dict[str, date], report: ExchangeReport
) -> None:
    """Give items the file shows later than relplan would a start_no_earlier_than there.

    ``wanted``: item id -> the date the file shows (a milestone: the day it is shown on),
    for items without a constraint. Items whose dates still differ are reported.
    """
    if not wanted:
        return
    pinned: list[str] = []
    for _ in range(_MAX_ROUNDS):
        dates = ReleaseSchedule(project, release).all_dates()
        early = [
            (item_id, day)
            for item_id, day in wanted.items()
            if project.items[item_id].constraint is None and dates[item_id].start < day
        ]
        if not early:
            break
        for item_id, day in early:
            item = project.items[item_id]
            constraint = Constraint(ConstraintKind.START_NO_EARLIER_THAN, day)
            project.items[item_id] = dataclasses.replace(item, constraint=constraint)
            pinned.append(f"'{item.name}' on {day.isoformat()}")
    report.approximate_all(
        "tasks placed later than their links require got start_no_earlier_than, to keep "
        "their dates",
        pinned,
    )
    dates = ReleaseSchedule(project, release).all_dates()
    moved = [
        f"'{project.items[item_id].name}' {day.isoformat()} -> {dates[item_id].start.isoformat()}"
        for item_id, day in wanted.items()
        if dates[item_id].start != day
    ]
    report.approximate_all("tasks whose dates differ from the file", moved)
