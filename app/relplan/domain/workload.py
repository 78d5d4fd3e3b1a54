"""Workload: how much of each person's working week their Responsible work asks for.

An R assignment of allocation a % on a task that occupies d of the w working days of an
ISO week (in its release's calendar) asks a * d / w % of a full week. A person's load is
what all their R work asks over their availability: R 100 % on two overlapping 5-day
tasks in one full week is 200 %; R 50 % for someone available 50 % is 100 %. A load over
100 % is over-allocation, listed as a problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from relplan.domain.calendar import WorkCalendar, format_day
from relplan.domain.model import Project, RaciRole
from relplan.performance import paused_gc

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule

# Sums of thirds and sevenths are not exact in floating point; 100.0000001 % is not over.
_EPSILON = 1e-6
_LISTED_WEEKS = 3


@dataclass(frozen=True, slots=True)
class Share:
    """One R assignment's part of a person's week."""

    item_id: str
    allocation: int  # percent
    days: int  # working days of the item in that week
    demand: float  # percent of a full working week


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """One person in one ISO week: what their R work asks, and of what availability."""

    person_id: str
    week: date  # the Monday
    demand: float  # percent of a full working week
    availability: int  # percent
    shares: tuple[Share, ...]

    @property
    def load(self) -> float | None:
        """Percent of the person's availability; None when they are not available at all."""
        if self.availability <= 0:
            return None
        return self.demand * 100.0 / self.availability

    @property
    def percent(self) -> int:
        """The load as the whole percent a planner reads (0 when unavailable)."""
        load = self.load
        return round(load + _EPSILON) if load is not None else 0

    @property
    def over(self) -> bool:
        return self.demand > self.availability + _EPSILON


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    """``W49 2026``: the ISO week number and year planners see in calendars."""
    year, week, _ = monday.isocalendar()
    return f"W{week:02d} {year}"


class Workload:
    """Every person's load per ISO week; weeks without R work have no entry."""

    def __init__(self, cells: dict[tuple[str, date], WeekLoad]) -> None:
        self.cells = cells

    def cell(self, person_id: str, week: date) -> WeekLoad | None:
        return self.cells.get((person_id, week))

    def person_weeks(self, person_id: str) -> list[WeekLoad]:
        return sorted(
            (c for c in self.cells.values() if c.person_id == person_id), key=lambda c: c.week
        )

    def overloaded(self) -> dict[str, list[WeekLoad]]:
        """Person id -> their over-allocated weeks, in date order."""
        found: dict[str, list[WeekLoad]] = {}
        for cell in sorted(self.cells.values(), key=lambda c: c.week):
            if cell.over:
                found.setdefault(cell.person_id, []).append(cell)
        return found


def workload(project: Project, schedules: Mapping[str, ReleaseSchedule]) -> Workload:
    """The load of every person with R work, over the scheduled dates of every release."""
    with paused_gc():  # tens of thousands of small records on a big project
        return _workload(project, schedules)


def _workload(project: Project, schedules: Mapping[str, ReleaseSchedule]) -> Workload:
    days_per_week: dict[tuple[int, date], int] = {}
    weeks: dict[int, dict[int, tuple[date, int]]] = {}  # calendar -> index -> week bounds
    shares: dict[tuple[str, date], list[Share]] = {}
    for assignment in project.assignments.values():
        if assignment.role is not RaciRole.RESPONSIBLE or assignment.allocation <= 0:
            continue
        item = project.items.get(assignment.item_id)
        if item is None or item.is_milestone or assignment.person_id not in project.people:
            continue
        schedule = schedules.get(item.release_id)
        if schedule is None or item.id not in schedule.index:
            continue
        n = schedule.index[item.id]
        start, end = schedule.es[n], schedule.es[n] + schedule.dur[n]
        bounds = weeks.setdefault(id(schedule.calendar), {})
        for week, days in _days_by_week(schedule.calendar, start, end, bounds).items():
            key = (id(schedule.calendar), week)
            if key not in days_per_week:
                days_per_week[key] = _working_days(schedule.calendar, week)
            demand = assignment.allocation * days / days_per_week[key]
            shares.setdefault((assignment.person_id, week), []).append(
                Share(item.id, assignment.allocation, days, demand)
            )
    cells = {}
    for (person_id, week), found in shares.items():
        found.sort(key=lambda s: -s.demand)
        availability = project.people[person_id].availability
        cells[(person_id, week)] = WeekLoad(
            person_id, week, sum(s.demand for s in found), availability, tuple(found)
        )
    return Workload(cells)


def _days_by_week(
    calendar: WorkCalendar, start: int, end: int, weeks: dict[int, tuple[date, int]]
) -> dict[date, int]:
    """Working days of the index span [start, end), counted per ISO week (Monday).

    Steps a week at a time; ``weeks`` caches, per index, its Monday and the index where
    the next week starts.
    """
    counts: dict[date, int] = {}
    index = start
    while index < end:
        bounds = weeks.get(index)
        if bounds is None:
            monday = week_of(calendar.date_of(index))
            bounds = weeks[index] = (monday, calendar.index_of(monday + timedelta(days=7)))
        monday, next_week = bounds
        counts[monday] = min(end, next_week) - index
        index = next_week
    return counts


def _working_days(calendar: WorkCalendar, monday: date) -> int:
    return sum(calendar.is_working(monday + timedelta(days=k)) for k in range(7))


def _week_text(cell: WeekLoad) -> str:
    return f"{cell.percent} % in the week of {format_day(cell.week)}"


def check_overallocation(
    project: Project, schedules: Mapping[str, ReleaseSchedule]
) -> Iterable[PlanProblem]:
    """One problem per over-allocated person, with the weeks and their figures."""
    # Imported here: plan_checks lists this check, so it imports this module first.
    from relplan.domain.plan_checks import PlanProblem

    overloaded = workload(project, schedules).overloaded()
    for person_id in sorted(overloaded, key=lambda p: project.people[p].name):
        weeks = overloaded[person_id]
        name = project.people[person_id].name
        peak = max(weeks, key=lambda c: c.demand)
        item_ids = tuple(s.item_id for s in peak.shares)
        release_id = project.items[item_ids[0]].release_id
        fix = "reassign or move some of their Responsible work"
        if peak.availability <= 0:
            text = (
                f"{name} is not available (availability 0 %) but is Responsible for work in "
                f"{_count(len(weeks))} from the week of {format_day(weeks[0].week)}; "
                "reassign that work or change their availability."
            )
        elif len(weeks) == 1:
            text = f"{name} is over-allocated: {_week_text(peak)}; {fix}."
        else:
            listed = [_week_text(c) for c in weeks[:_LISTED_WEEKS]]
            rest = len(weeks) - len(listed)
            if rest:
                listed.append(_count(rest, "more week"))
            text = (
                f"{name} is over-allocated in {_count(len(weeks))}, up to {peak.percent} %: "
                f"{', '.join(listed[:-1])} and {listed[-1]}; {fix}."
            )
        yield PlanProblem("warning", "Workload", text, release_id, item_ids)


def _count(n: int, noun: str = "week") -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
