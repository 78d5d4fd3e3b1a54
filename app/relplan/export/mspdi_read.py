"""Reading MS Project XML (MSPDI) into a relplan project.

Durations and lags are in minutes of work in the file (lags in tenths of a minute); they
become working days through the file's ``MinutesPerDay``. Rounding is reported. The
project's dates are taken from its tasks, never from the header, which MS Project does not
always keep up to date.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date, time

from relplan.domain.calendar import WorkCalendar
from relplan.domain.edits import FIRST_DAY, LAST_DAY
from relplan.domain.model import Constraint, ConstraintKind, RaciRole
from relplan.export.exchange_report import ExchangeError, ExchangeReport, plural
from relplan.export.import_support import (
    ImportResult,
    PlanSource,
    SourceLink,
    SourcePerson,
    SourceRole,
    SourceTask,
    build_project,
    stable_id,
)
from relplan.export.mspdi import (
    ALAP,
    ASAP,
    CONSTRAINT_NAMES,
    ELAPSED_FORMATS,
    FNLT,
    KIND,
    LINK_TYPES,
    MFO,
    MSO,
    NS,
    PERCENT_FORMATS,
    RACI_ALIAS,
    SNET,
    UNASSIGNED,
    base_format,
    parse_datetime,
    parse_duration,
)
from relplan.export.mspdi_calendar import read_calendar
from relplan.export.safe_xml import local_name, parse_xml

_RACI_ROLES = {role.value: role for role in RaciRole}


def read_mspdi(raw: bytes, source: str, fallback_name: str = "Imported plan") -> ImportResult:
    """A project with one release from the bytes of an MSPDI file, and the report."""
    root = parse_xml(raw, source, KIND)
    tag = local_name(root.tag)
    ns = root.tag[: -len(tag)]
    if tag != "Project" or ns not in ("", f"{{{NS}}}"):
        raise ExchangeError(
            f"{source} is XML but not an MS Project XML file (it starts with <{tag}>); "
            "in MS Project use File > Save As > XML Format."
        )
    return _Reader(root, ns, source, fallback_name).read()


class _Reader:
    def __init__(self, root: ET.Element, ns: str, source: str, fallback_name: str) -> None:
        self.root = root
        self.ns = ns
        self.source = source
        name = self.text(root, "Title") or self.text(root, "Name") or fallback_name
        if name.lower().endswith(".xml"):
            name = name[:-4]
        self.name = " ".join(name.split()) or fallback_name
        self.report = ExchangeReport(f"Imported {source} ({KIND}) as release '{self.name}'")
        self.minutes_per_day = self.number(root, "MinutesPerDay", 480.0) or 480.0
        self.day_start = _time(self.text(root, "DefaultStartTime"), time(8))
        self.tasks: list[SourceTask] = []
        self.task_elements: dict[str, ET.Element] = {}
        self.durations: dict[str, float] = {}  # task key -> duration in working days
        self.rounded: list[str] = []

    # --- small helpers -----------------------------------------------------------------

    def text(self, element: ET.Element, tag: str) -> str | None:
        found = element.find(f"{self.ns}{tag}")
        return found.text.strip() if found is not None and found.text else None

    def number(self, element: ET.Element, tag: str, default: float = 0.0) -> float:
        try:
            return float(self.text(element, tag) or default)
        except ValueError:
            return default

    def all(self, element: ET.Element, *tags: str) -> list[ET.Element]:
        return element.findall("/".join(f"{self.ns}{tag}" for tag in tags))

    # --- the whole file ----------------------------------------------------------------

    def read(self) -> ImportResult:
        elements = self.all(self.root, "Tasks", "Task")
        summary_task = next((t for t in elements if self.text(t, "UID") == "0"), None)
        real = [t for t in elements if self.text(t, "UID") != "0"]
        start, finish = self._span(real, summary_task)
        calendar = read_calendar(self.root, self.ns, (start, finish), self.report)
        self.work = WorkCalendar(calendar, start)
        self._read_tasks(real)
        # A milestone at the very start ends the working day before: the release starts there.
        start = min([start, *(t.start for t in self.tasks if t.start and t.start >= FIRST_DAY)])
        links = self._read_links()
        people, roles = self._read_resources()
        roles += self._read_raci(people)
        deadline, description = None, ""
        if summary_task is not None:
            found = parse_datetime(self.text(summary_task, "Deadline"))
            deadline = found.date() if found else None
            description = self.text(summary_task, "Notes") or ""
        plan = PlanSource(
            project_name=self.name,
            release_name=self.name,
            start=start,
            calendar=calendar,
            tasks=self.tasks,
            links=links,
            people=people,
            roles=roles,
            deadline=deadline,
            description=description,
        )
        project = build_project(plan, self.report)
        if deadline:
            self.report.keep(f"the project deadline {deadline.isoformat()}")
        return ImportResult(project, self.report)

    def _span(self, tasks: list[ET.Element], summary: ET.Element | None) -> tuple[date, date]:
        """The first and last day of the plan, from the tasks (the header may be stale)."""
        starts, finishes = [], []
        for task in tasks:
            if self.text(task, "IsNull") == "1":
                continue
            begin = parse_datetime(self.text(task, "Start"))
            end = parse_datetime(self.text(task, "Finish"))
            if begin:
                starts.append(begin.date())
            if end:
                finishes.append(end.date())
        for element in (summary, self.root):
            if not starts and element is not None:
                found = parse_datetime(
                    self.text(element, "Start" if element is summary else "StartDate")
                )
                if found:
                    starts.append(found.date())
        starts = [day for day in starts if FIRST_DAY <= day <= LAST_DAY]
        first = min(starts) if starts else date.today()
        last = max([*finishes, first])
        return first, last

    # --- tasks -------------------------------------------------------------------------

    def _read_tasks(self, elements: list[ET.Element]) -> None:
        blank = 0
        external: list[str] = []
        constraints: list[str] = []
        dropped_constraints: list[str] = []
        deadlines: list[str] = []
        own_calendars: list[str] = []
        outline: list[tuple[int, str]] = []
        for element in elements:
            key = self.text(element, "UID") or f"row{len(self.tasks) + blank + 1}"
            if self.text(element, "IsNull") == "1":
                blank += 1  # a blank row: it has no level and must not end the outline
                continue
            name = self.text(element, "Name") or ""
            if self.text(element, "ExternalTask") == "1":
                external.append(f"'{name}'")
                continue
            level = int(self.number(element, "OutlineLevel", 0)) or _level(
                self.text(element, "OutlineNumber")
            )
            while outline and outline[-1][0] >= level:
                outline.pop()
            parent = outline[-1][1] if outline else None
            outline.append((level, key))
            milestone = self.text(element, "Milestone") == "1"
            days = self._duration_days(element, name)
            self.durations[key] = days
            duration = _rounded(days) if milestone else max(1, _rounded(days))
            if not milestone and days < 0.5 and self.text(element, "Summary") != "1":
                milestone = True  # MS Project shows a zero-length task as a milestone
                duration = 0
            start = self._shown_day(self.text(element, "Start"), milestone)
            constraint = self._constraint(element, name, milestone, constraints)
            if constraint is None and self._has_dropped_constraint(element):
                code = int(self.number(element, "ConstraintType"))
                dropped_constraints.append(f"'{name}': {CONSTRAINT_NAMES.get(code, code)}")
            if self.text(element, "Deadline") and self.text(element, "Summary") != "1":
                deadlines.append(f"'{name}'")
            if self.text(element, "CalendarUID") not in (None, "-1"):
                own_calendars.append(f"'{name}'")
            self.task_elements[key] = element
            self.tasks.append(
                SourceTask(
                    key=key,
                    name=name,
                    parent=parent,
                    summary=self.text(element, "Summary") == "1",
                    milestone=milestone,
                    duration=duration,
                    start=start,
                    constraint=constraint,
                    progress=int(self.number(element, "PercentComplete")),
                    notes=self.text(element, "Notes") or "",
                    id=stable_id(self.text(element, "GUID")),
                )
            )
        report = self.report
        if blank:
            report.drop(f"{plural(blank, 'blank row')} (MS Project null tasks)")
        baselines = sum(1 for element in elements if self.all(element, "Baseline"))
        if baselines:
            report.drop(f"baselines of {plural(baselines, 'task')} (relplan keeps no baselines)")
        report.drop_all("tasks of other projects (external tasks)", external)
        report.approximate_all("durations rounded to whole working days", self.rounded)
        report.approximate_all("constraints relplan approximates", constraints)
        report.drop_all("constraints relplan has no equivalent for", dropped_constraints)
        report.drop_all("task deadlines (relplan keeps one deadline per release)", deadlines)
        report.approximate_all(
            "tasks with their own calendar now follow the project calendar", own_calendars
        )

    def _duration_days(self, element: ET.Element, name: str) -> float:
        minutes = parse_duration(self.text(element, "Duration")) or 0.0
        code = base_format(int(self.number(element, "DurationFormat", 7)))
        if code in ELAPSED_FORMATS:
            days = minutes / 1440 * len(self.work.calendar.work_week) / 7
            if minutes:
                self.rounded.append(f"'{name}': elapsed time counted as working days")
            return days
        days = minutes / self.minutes_per_day
        if minutes and abs(days - round(days)) > 1e-6 and self.text(element, "Summary") != "1":
            self.rounded.append(f"'{name}': {days:.2f} -> {max(1, _rounded(days))} days")
        return days

    def _shown_day(self, text: str | None, milestone: bool) -> date | None:
        """The day a relplan planner sees: a milestone at a day's first hour ends the day before."""
        moment = parse_datetime(text)
        if moment is None:
            return None
        day = moment.date()
        if milestone and moment.time() <= self.day_start and FIRST_DAY < day <= LAST_DAY:
            return self.work.date_of(self.work.index_of(day) - 1)
        return day

    def _constraint(
        self, element: ET.Element, name: str, milestone: bool, approximated: list[str]
    ) -> Constraint | None:
        code = int(self.number(element, "ConstraintType", ASAP))
        on = self._shown_day(self.text(element, "ConstraintDate"), milestone)
        if code in (ASAP, ALAP) or on is None:
            return None
        if code == SNET:
            return Constraint(ConstraintKind.START_NO_EARLIER_THAN, on)
        if code == MFO:
            return Constraint(ConstraintKind.MUST_FINISH_ON, on)
        if code == MSO:
            approximated.append(f"'{name}': must start on -> start no earlier than")
            return Constraint(ConstraintKind.START_NO_EARLIER_THAN, on)
        if code == FNLT:
            approximated.append(f"'{name}': finish no later than -> must finish on")
            return Constraint(ConstraintKind.MUST_FINISH_ON, on)
        return None

    def _has_dropped_constraint(self, element: ET.Element) -> bool:
        code = int(self.number(element, "ConstraintType", ASAP))
        return code != ASAP

    # --- links -------------------------------------------------------------------------

    def _read_links(self) -> list[SourceLink]:
        links: list[SourceLink] = []
        cross: list[str] = []
        lag_fixes: list[str] = []
        names = {task.key: task.name for task in self.tasks}
        for task in self.tasks:
            for link in self.all(self.task_elements[task.key], "PredecessorLink"):
                pred = self.text(link, "PredecessorUID") or ""
                if self.text(link, "CrossProject") == "1" or pred not in names:
                    cross.append(f"'{task.name}' waits for a task of another project")
                    continue
                kind = LINK_TYPES.get(int(self.number(link, "Type", 1)))
                if kind is None:
                    cross.append(f"'{task.name}': unknown link type")
                    continue
                label = f"'{names[pred]}' to '{task.name}'"
                lag = self._lag(link, pred, label, lag_fixes)
                links.append(SourceLink(pred, task.key, kind, lag))
        self.report.approximate_all("lags rounded to whole working days", lag_fixes)
        self.report.drop_all("links to tasks outside this file", cross)
        return links

    def _lag(self, link: ET.Element, pred: str, label: str, fixes: list[str]) -> int:
        raw = self.number(link, "LinkLag")
        code = base_format(int(self.number(link, "LagFormat", 7)))
        if not raw:
            return 0
        if code in PERCENT_FORMATS:
            days = self.durations.get(pred, 0.0) * raw / 100
            fixes.append(f"{label}: {raw:g} % of the predecessor -> {_rounded(days)} days")
            return _rounded(days)
        minutes = raw / 10
        if code in ELAPSED_FORMATS:
            days = minutes / 1440 * len(self.work.calendar.work_week) / 7
            fixes.append(f"{label}: {minutes / 1440:g} elapsed days -> {_rounded(days)} working")
            return _rounded(days)
        days = minutes / self.minutes_per_day
        if abs(days - _rounded(days)) > 1e-6:
            fixes.append(f"{label}: {days:.2f} -> {_rounded(days)} days")
        return _rounded(days)

    # --- resources ---------------------------------------------------------------------

    def _read_resources(self) -> tuple[list[SourcePerson], list[SourceRole]]:
        people: list[SourcePerson] = []
        not_people: list[str] = []
        for element in self.all(self.root, "Resources", "Resource"):
            uid = self.text(element, "UID")
            name = self.text(element, "Name")
            if uid in (None, "0") or self.text(element, "IsNull") == "1" or not name:
                continue
            kind = int(self.number(element, "Type", 1))
            if kind != 1 or self.text(element, "IsCostResource") == "1":
                not_people.append(f"'{name}'")
                continue
            people.append(
                SourcePerson(
                    key=uid,
                    name=name,
                    email=self.text(element, "EmailAddress") or "",
                    team=self.text(element, "Group") or "",
                    availability=round(self.number(element, "MaxUnits", 1.0) * 100),
                    id=stable_id(self.text(element, "GUID")),
                )
            )
        self.report.drop_all("material and cost resources (not people)", not_people)
        known = {person.key for person in people}
        roles: list[SourceRole] = []
        for element in self.all(self.root, "Assignments", "Assignment"):
            resource = self.text(element, "ResourceUID")
            task = self.text(element, "TaskUID") or ""
            if resource is None or resource == str(UNASSIGNED) or resource not in known:
                continue
            if task not in self.task_elements:
                continue
            units = self.number(element, "Units", 1.0)
            roles.append(SourceRole(task, resource, RaciRole.RESPONSIBLE, round(units * 100)))
        return people, roles

    def _read_raci(self, people: list[SourcePerson]) -> list[SourceRole]:
        """Roles from a task text field called "RACI" (``A: Ann Lee; C: Bob, Dana``)."""
        fields = {
            self.text(attr, "FieldID")
            for attr in self.all(self.root, "ExtendedAttributes", "ExtendedAttribute")
            if (self.text(attr, "Alias") or "").casefold() == RACI_ALIAS.casefold()
        }
        if not fields:
            return []
        by_name = {person.name.casefold(): person.key for person in people}
        roles: list[SourceRole] = []
        for key, element in self.task_elements.items():
            for attr in self.all(element, "ExtendedAttribute"):
                if self.text(attr, "FieldID") in fields:
                    roles += _parse_raci(self.text(attr, "Value") or "", key, by_name, people)
        return roles


def _parse_raci(
    text: str, task: str, by_name: dict[str, str], people: list[SourcePerson]
) -> list[SourceRole]:
    roles: list[SourceRole] = []
    for part in text.split(";"):
        letter, _, names = part.partition(":")
        role = _RACI_ROLES.get(letter.strip().upper())
        if role is None:
            continue
        for raw_name in names.split(","):
            name = " ".join(raw_name.split())
            if not name:
                continue
            key = by_name.get(name.casefold())
            if key is None:
                key = f"raci:{name.casefold()}"
                by_name[name.casefold()] = key
                people.append(SourcePerson(key, name))
            roles.append(SourceRole(task, key, role, 0))
    return roles


def _rounded(days: float) -> int:
    """Whole days, halves rounded up (Python's round() would make 0.5 days 0 and 1.5 days 2)."""
    return math.floor(days + 0.5 + 1e-9)


def _level(outline_number: str | None) -> int:
    return outline_number.count(".") + 1 if outline_number else 1


def _time(text: str | None, default: time) -> time:
    try:
        return time.fromisoformat(text) if text else default
    except ValueError:
        return default
