"""GanttProject (.gan) import: tasks, milestones, links, resources, allocations, holidays.

A .gan file is XML: nested ``<task>`` elements (a task with tasks inside is a summary),
``<depend>`` elements on the *predecessor* naming the successor, durations and lags in
working days, ``<allocation>`` elements with a load in percent, and the calendar's
weekend days and holidays. What maps to what is in docs/exchange.md.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from relplan.domain.calendar import WorkCalendar
from relplan.domain.edits import FIRST_DAY, LAST_DAY
from relplan.domain.model import (
    Calendar,
    Constraint,
    ConstraintKind,
    DependencyType,
    Holiday,
    RaciRole,
    new_id,
)
from relplan.export.exchange_report import ExchangeError, ExchangeReport, plural, read_input
from relplan.export.import_support import (
    MAX_DURATION,
    ImportResult,
    PlanSource,
    SourceLink,
    SourcePerson,
    SourceRole,
    SourceTask,
    build_project,
)
from relplan.export.safe_xml import local_name, parse_xml

KIND = "GanttProject"

# <depend type>: GanttProject's constraint types, stored as ordinal + 1.
LINK_TYPES = {
    "1": DependencyType.SS,
    "2": DependencyType.FS,
    "3": DependencyType.FF,
    "4": DependencyType.SF,
}
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# More holidays than this in one file is not a calendar but an attack or a broken file.
MAX_HOLIDAYS = 20_000


def import_gan(path: str | Path) -> ImportResult:
    """Read a GanttProject file into a new project with one release."""
    raw = read_input(path, KIND)
    return read_gan(raw, str(path), Path(path).stem)


def read_gan(raw: bytes, source: str, fallback_name: str = "Imported plan") -> ImportResult:
    """A project with one release from the bytes of a .gan file, and the report."""
    root = parse_xml(raw, source, KIND)
    if root.tag != "project" or root.find("tasks") is None:
        raise ExchangeError(
            f"{source} is XML but not a GanttProject file (it starts with "
            f"<{local_name(root.tag)}>); "
            "save the plan from GanttProject as a .gan file."
        )
    return _Reader(root, source, fallback_name).read()


def _int(text: str | None, default: int = 0) -> int:
    try:
        return round(float(text)) if text not in (None, "") else default
    except ValueError:
        return default


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


class _Reader:
    def __init__(self, root: ET.Element, source: str, fallback_name: str) -> None:
        self.root = root
        self.source = source
        self.name = " ".join((root.get("name") or "").split()) or fallback_name
        self.report = ExchangeReport(f"Imported {source} ({KIND}) as release '{self.name}'")

    def read(self) -> ImportResult:
        elements = list(self.root.find("tasks").iter("task"))
        starts = [
            d for d in (_day(t.get("start")) for t in elements) if d and FIRST_DAY <= d <= LAST_DAY
        ]
        start = min(starts) if starts else date.today()
        work_week = self._work_week()
        plain = WorkCalendar(Calendar(id="", name="", work_week=work_week), start)
        finish = max(
            [
                plain.date_of(plain.index_of(d) + min(MAX_DURATION, _int(t.get("duration"))))
                for t in elements
                if (d := _day(t.get("start"))) is not None and FIRST_DAY <= d <= LAST_DAY
            ]
            or [start]
        )
        calendar = Calendar(
            id=new_id(),
            name=f"{self.name} calendar",
            work_week=work_week,
            holidays=self._holidays(start, finish),
        )
        self.work = WorkCalendar(calendar, start)
        tasks, links = self._tasks()
        # A milestone at the very start ends the working day before: the release starts there.
        start = min([start, *(t.start for t in tasks if t.start and t.start >= FIRST_DAY)])
        people, roles = self._resources({task.key for task in tasks})
        description = (self.root.findtext("description") or "").strip()
        plan = PlanSource(
            project_name=self.name,
            release_name=self.name,
            start=start,
            calendar=calendar,
            tasks=tasks,
            links=links,
            people=people,
            roles=roles,
            description=description,
        )
        project = build_project(plan, self.report)
        return ImportResult(project, self.report)

    # --- calendar ----------------------------------------------------------------------

    def _work_week(self) -> tuple[int, ...]:
        week = self.root.find("calendars/day-types/default-week")
        if week is None:
            return (0, 1, 2, 3, 4)
        # "1" marks a weekend day, "0" a working day.
        days = tuple(
            n for n, name in enumerate(_WEEK) if week.get(name, "1" if n > 4 else "0") == "0"
        )
        return days or (0, 1, 2, 3, 4)

    def _holidays(self, start: date, finish: date) -> tuple[Holiday, ...]:
        found: dict[date, str] = {}
        working: list[str] = []
        yearly = 0
        for element in self.root.findall("calendars/date"):
            kind = (element.get("type") or "HOLIDAY").upper()
            month, day = _int(element.get("month")), _int(element.get("date"))
            name = " ".join((element.text or "").split())
            year = element.get("year")
            years = [_int(year)] if year else list(range(start.year, finish.year + 2))
            if not year:
                yearly += 1
            for y in years:
                try:
                    on = date(y, month, day)
                except ValueError:
                    continue
                if kind == "HOLIDAY":
                    if len(found) < MAX_HOLIDAYS:
                        found.setdefault(on, name)
                elif kind == "WORKING_DAY":
                    working.append(on.isoformat())
        weekdays = ", ".join(_WEEK[d].capitalize() for d in self._work_week())
        self.report.keep(f"calendar: working days {weekdays}, {plural(len(found), 'holiday')}")
        if yearly:
            self.report.approximate(
                f"{plural(yearly, 'yearly holiday')} repeated over the plan's years "
                f"({start.year} to {finish.year + 1})"
            )
        self.report.drop_all("extra working days (relplan calendars only remove days)", working)
        return tuple(Holiday(on, found[on]) for on in sorted(found))

    # --- tasks -------------------------------------------------------------------------

    def _tasks(self) -> tuple[list[SourceTask], list[SourceLink]]:
        tasks: list[SourceTask] = []
        links: list[SourceLink] = []
        unknown: list[str] = []
        custom = 0

        def visit(element: ET.Element, parent: str | None) -> None:
            nonlocal custom
            key = element.get("id") or f"row{len(tasks) + 1}"
            name = element.get("name") or ""
            milestone = element.get("meeting") == "true"
            begin = _day(element.get("start"))
            constraint = None
            third = _day(element.get("thirdDate"))
            if third is not None and element.get("thirdDate-constraint") == "1":
                constraint = Constraint(ConstraintKind.START_NO_EARLIER_THAN, third)
            custom += len(element.findall("customproperty"))
            tasks.append(
                SourceTask(
                    key=key,
                    name=name,
                    parent=parent,
                    milestone=milestone,
                    duration=0 if milestone else _int(element.get("duration"), 1),
                    start=self._shown(begin, milestone),
                    constraint=constraint,
                    progress=_int(element.get("complete")),
                    notes=(element.findtext("notes") or "").strip(),
                )
            )
            for depend in element.findall("depend"):
                kind = LINK_TYPES.get(depend.get("type") or "2")
                if kind is None:
                    unknown.append(f"'{name}': link type {depend.get('type')}")
                    continue
                lag = _int(depend.get("difference"))
                links.append(SourceLink(key, depend.get("id") or "", kind, lag))
            for child in element.findall("task"):
                visit(child, key)

        for element in self.root.find("tasks").findall("task"):
            visit(element, None)
        self.report.drop_all("links of a type relplan does not know", unknown)
        if custom:
            self.report.drop(f"{plural(custom, 'custom column value')} of tasks")
        return tasks, links

    def _shown(self, begin: date | None, milestone: bool) -> date | None:
        """GanttProject draws a milestone at the start of its day; relplan shows it at the
        end of the working day before, the same moment."""
        if begin is None or not milestone or not FIRST_DAY < begin <= LAST_DAY:
            return begin
        return self.work.date_of(self.work.index_of(begin) - 1)

    # --- resources ---------------------------------------------------------------------

    def _resources(self, task_keys: set[str]) -> tuple[list[SourcePerson], list[SourceRole]]:
        roles_by_id = {
            role.get("id"): role.get("name") or ""
            for role in self.root.findall("roles/role")
            if role.get("id")
        }
        people: list[SourcePerson] = []
        phones = rates = 0
        for element in self.root.findall("resources/resource"):
            contact = (element.get("contacts") or "").strip()
            phones += bool((element.get("phone") or "").strip())
            rates += len(element.findall("rate"))
            people.append(
                SourcePerson(
                    key=element.get("id") or "",
                    name=element.get("name") or "",
                    email=contact if "@" in contact else "",
                    role=roles_by_id.get(element.get("function") or "", ""),
                )
            )
        roles: list[SourceRole] = []
        flags = 0
        for element in self.root.findall("allocations/allocation"):
            task = element.get("task-id") or ""
            if task not in task_keys:
                continue
            load = float(element.get("load") or 100)
            roles.append(
                SourceRole(
                    task, element.get("resource-id") or "", RaciRole.RESPONSIBLE, round(load)
                )
            )
            flags += element.get("responsible") == "true"
        if flags:
            self.report.approximate(
                f"every allocation became Responsible (R) with its load; GanttProject's "
                f"'responsible' flag ({plural(flags, 'allocation')}) has no own role here"
            )
        vacations = len(self.root.findall("vacations/vacation"))
        for count, what in (
            (phones, "phone number"),
            (rates, "cost rate"),
            (vacations, "resource vacation"),
        ):
            if count:
                self.report.drop(f"{plural(count, what)} (relplan does not keep them)")
        return people, roles
