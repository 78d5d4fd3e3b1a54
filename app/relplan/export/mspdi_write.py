"""Writing one release as MS Project XML (MSPDI) that MS Project opens and relplan re-reads.

Layout of the file: the project summary task (UID 0, as MS Project writes it) carries the
release deadline and description; each phase with items is a summary task named after the
phase ("Build"), holding its items in schedule order. Dates come from relplan's schedule;
durations and lags are written in 8-hour days (``MinutesPerDay`` 480) and links as
``LagFormat`` 7 (days). Elements follow the order of Microsoft's schema, which MS Project
checks. Responsible people become resource assignments with their allocation as units; the
other RACI roles go into a task text field called "RACI" (Text1).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date, time, timedelta

from relplan.domain.model import (
    Assignment,
    Calendar,
    ConstraintKind,
    Dependency,
    Holiday,
    Phase,
    Project,
    RaciRole,
    Release,
    WorkItem,
)
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.exchange_report import ExchangeReport, plural
from relplan.export.mspdi import (
    CONSTRAINT_CODES,
    DAYS,
    KIND,
    LINK_CODES,
    NS,
    RACI_ALIAS,
    RACI_FIELD_ID,
    format_datetime,
    format_duration,
)

MINUTES_PER_DAY = 480
DAY_START, DAY_END = time(8), time(17)
_WORKING_TIMES = ((time(8), time(12)), (time(13), time(17)))
# relplan weekday (0 = Monday) -> MSPDI DayType (1 = Sunday .. 7 = Saturday)
_DAYTYPE = {6: 1, 0: 2, 1: 3, 2: 4, 3: 5, 4: 6, 5: 7}


def mspdi_bytes(project: Project, release: Release) -> tuple[bytes, ExchangeReport]:
    """The MSPDI document for ``release`` and the report of what it could not hold."""
    writer = _Writer(project, release)
    root = writer.document()
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    payload = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text + "\n"
    return payload.encode("utf-8"), writer.report


def _add(parent: ET.Element, tag: str, value: object | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if value is not None:
        element.text = str(value)
    return element


def _flag(value: bool) -> str:
    return "1" if value else "0"


class _Writer:
    def __init__(self, project: Project, release: Release) -> None:
        self.project = project
        self.release = release
        self.schedule = ReleaseSchedule(project, release)
        self.calendar: Calendar = project.calendar_for(release)
        self.report = ExchangeReport(f"Exported release '{release.name}' as {KIND}")
        self.dates = self.schedule.all_dates()
        self.items = self._ordered_items()
        self.uid: dict[str, int] = {}
        self.predecessors: dict[str, list[Dependency]] = defaultdict(list)
        for dep in project.dependencies.values():
            self.predecessors[dep.successor_id].append(dep)
        self.roles: dict[str, list[Assignment]] = defaultdict(list)
        for assignment in project.assignments.values():
            self.roles[assignment.item_id].append(assignment)

    def _ordered_items(self) -> list[WorkItem]:
        dates = self.dates
        items = self.project.release_items(self.release.id)
        return sorted(
            items,
            key=lambda it: (it.phase.order, dates[it.id].start_index, self.schedule.index[it.id]),
        )

    # --- the document ------------------------------------------------------------------

    def document(self) -> ET.Element:
        release = self.release
        dates = self.schedule.all_dates()
        start = release.start
        if dates:
            start = min(start, *(d.start for d in dates.values()))
        finish = self.schedule.finish or start
        root = ET.Element("Project", xmlns=NS)
        _add(root, "SaveVersion", 14)
        _add(root, "Name", f"{release.name}.xml")
        _add(root, "Title", release.name)
        _add(root, "Company", self.project.name)
        _add(root, "ScheduleFromStart", 1)
        _add(root, "StartDate", format_datetime(start, DAY_START))
        _add(root, "FinishDate", format_datetime(finish, DAY_END))
        _add(root, "CurrencyCode", "USD")  # required by the schema; relplan has no costs
        _add(root, "CalendarUID", 1)
        _add(root, "DefaultStartTime", DAY_START.isoformat())
        _add(root, "DefaultFinishTime", DAY_END.isoformat())
        _add(root, "MinutesPerDay", MINUTES_PER_DAY)
        _add(root, "MinutesPerWeek", MINUTES_PER_DAY * len(self.calendar.work_week))
        _add(root, "DaysPerMonth", 20)
        _add(root, "DurationFormat", DAYS)
        _add(root, "HonorConstraints", 0)
        _add(root, "NewTasksEffortDriven", 0)
        attributes = _add(root, "ExtendedAttributes")
        attribute = _add(attributes, "ExtendedAttribute")
        _add(attribute, "FieldID", RACI_FIELD_ID)
        _add(attribute, "FieldName", "Text1")
        _add(attribute, "Alias", RACI_ALIAS)
        self._calendars(_add(root, "Calendars"))
        self._tasks(_add(root, "Tasks"), start, finish)
        people = self._resources(_add(root, "Resources"))
        self._assignments(_add(root, "Assignments"), people)
        self._report_rest()
        return root

    # --- calendar ----------------------------------------------------------------------

    def _calendars(self, parent: ET.Element) -> None:
        cal = self.calendar
        element = _add(parent, "Calendar")
        _add(element, "UID", 1)
        _add(element, "Name", cal.name or "Standard")
        _add(element, "IsBaseCalendar", 1)
        _add(element, "BaseCalendarUID", -1)
        weekdays = _add(element, "WeekDays")
        for weekday in (6, 0, 1, 2, 3, 4, 5):
            day = _add(weekdays, "WeekDay")
            _add(day, "DayType", _DAYTYPE[weekday])
            working = weekday in cal.work_week
            _add(day, "DayWorking", _flag(working))
            if working:
                times = _add(day, "WorkingTimes")
                for begin, end in _WORKING_TIMES:
                    span = _add(times, "WorkingTime")
                    _add(span, "FromTime", begin.isoformat())
                    _add(span, "ToTime", end.isoformat())
        ranges = _holiday_ranges(cal.holidays)
        # Project 2003 and older read exceptions here; 2007 and later read <Exceptions>.
        for first, last, _name in ranges:
            day = _add(weekdays, "WeekDay")
            _add(day, "DayType", 0)
            _add(day, "DayWorking", 0)
            period = _add(day, "TimePeriod")
            _add(period, "FromDate", format_datetime(first, time(0)))
            _add(period, "ToDate", format_datetime(last, time(23, 59)))
        if ranges:
            exceptions = _add(element, "Exceptions")
            for first, last, name in ranges:
                exc = _add(exceptions, "Exception")
                _add(exc, "EnteredByOccurrences", 0)
                period = _add(exc, "TimePeriod")
                _add(period, "FromDate", format_datetime(first, time(0)))
                _add(period, "ToDate", format_datetime(last, time(23, 59)))
                _add(exc, "Occurrences", (last - first).days + 1)
                _add(exc, "Name", name or "Holiday")
                _add(exc, "Type", 1)
                _add(exc, "DayWorking", 0)
        self.report.keep(
            f"calendar '{cal.name or 'Standard'}' with {plural(len(cal.holidays), 'holiday')}"
        )
        if cal.freezes:
            names = [f"'{freeze.name}'" for freeze in cal.freezes]
            self.report.drop_all("change freezes (MS Project has no freeze windows)", names)

    # --- tasks -------------------------------------------------------------------------

    def _tasks(self, parent: ET.Element, start: date, finish: date) -> None:
        release = self.release
        top = _add(parent, "Task")
        self._task_head(top, 0, release.name, "0", 0)
        self._task_dates(top, start, finish, self._working_days(start, finish), False)
        _add(top, "Milestone", 0)
        _add(top, "Summary", 1)
        _add(top, "PercentComplete", 0)
        _add(top, "ConstraintType", 0)
        _add(top, "CalendarUID", -1)
        if release.deadline:
            _add(top, "Deadline", format_datetime(release.deadline, DAY_END))
            self.report.keep(f"the release deadline {release.deadline.isoformat()}")
        if release.description:
            _add(top, "Notes", release.description)
        by_phase: dict[Phase, list[WorkItem]] = defaultdict(list)
        for item in self.items:
            by_phase[item.phase].append(item)
        # Every item needs its UID before any is written: links may point to a later phase.
        summary_uid: dict[Phase, int] = {}
        uid = 0
        for phase, items in by_phase.items():
            uid += 1
            summary_uid[phase] = uid
            for item in items:
                uid += 1
                self.uid[item.id] = uid
        dates = self.schedule.all_dates()
        for number, (phase, items) in enumerate(by_phase.items(), start=1):
            first = min(dates[it.id].start for it in items)
            last = max(dates[it.id].finish for it in items)
            summary = _add(parent, "Task")
            self._task_head(summary, summary_uid[phase], phase.label, str(number), 1)
            self._task_dates(summary, first, last, self._working_days(first, last), False)
            _add(summary, "Milestone", 0)
            _add(summary, "Summary", 1)
            _add(summary, "ConstraintType", 0)
            _add(summary, "CalendarUID", -1)
            for position, item in enumerate(items, start=1):
                self._item(_add(parent, "Task"), item, f"{number}.{position}")
        milestones = sum(1 for it in self.items if it.is_milestone)
        self.report.keep(
            f"{plural(len(self.items) - milestones, 'task')} and "
            f"{plural(milestones, 'milestone')}, under one summary task per phase"
        )

    def _task_head(
        self, element: ET.Element, uid: int, name: str, outline: str, level: int
    ) -> None:
        _add(element, "UID", uid)
        _add(element, "ID", uid)
        _add(element, "Name", name)
        _add(element, "Type", 1)  # fixed duration: assigning people keeps relplan's durations
        _add(element, "IsNull", 0)
        _add(element, "WBS", outline)
        _add(element, "OutlineNumber", outline)
        _add(element, "OutlineLevel", level)

    def _task_dates(
        self, element: ET.Element, first: date, last: date, days: int, milestone: bool
    ) -> None:
        begin = DAY_END if milestone else DAY_START
        _add(element, "Start", format_datetime(first, begin))
        _add(element, "Finish", format_datetime(last, DAY_END))
        _add(element, "Duration", format_duration(days * MINUTES_PER_DAY))
        _add(element, "DurationFormat", DAYS)

    def _working_days(self, first: date, last: date) -> int:
        work = self.schedule.calendar
        return work.working_days_between(first, last + timedelta(days=1))

    def _item(self, element: ET.Element, item: WorkItem, outline: str) -> None:
        dates = self.dates[item.id]
        self._task_head(element, self.uid[item.id], item.name, outline, 2)
        finish = dates.start if item.is_milestone else dates.finish
        self._task_dates(element, dates.start, finish, item.duration, item.is_milestone)
        _add(element, "EffortDriven", 0)
        _add(element, "Milestone", _flag(item.is_milestone))
        _add(element, "Summary", 0)
        _add(element, "PercentComplete", item.progress)
        constraint = item.constraint
        if constraint is None:
            _add(element, "ConstraintType", 0)
            _add(element, "CalendarUID", -1)
        else:
            pin = constraint.kind is ConstraintKind.MUST_FINISH_ON
            at = DAY_END if pin or item.is_milestone else DAY_START
            _add(element, "ConstraintType", CONSTRAINT_CODES[constraint.kind])
            _add(element, "CalendarUID", -1)
            _add(element, "ConstraintDate", format_datetime(constraint.on, at))
        if item.notes:
            _add(element, "Notes", item.notes)
        for dep in self.predecessors.get(item.id, ()):
            if dep.predecessor_id in self.uid:
                link = _add(element, "PredecessorLink")
                _add(link, "PredecessorUID", self.uid[dep.predecessor_id])
                _add(link, "Type", LINK_CODES[dep.type])
                _add(link, "CrossProject", 0)
                _add(link, "LinkLag", dep.lag * MINUTES_PER_DAY * 10)
                _add(link, "LagFormat", DAYS)
        raci = self._raci_text(item)
        if raci:
            attribute = _add(element, "ExtendedAttribute")
            _add(attribute, "FieldID", RACI_FIELD_ID)
            _add(attribute, "Value", raci)

    def _raci_text(self, item: WorkItem) -> str:
        """``A: Ann Lee; C: Bob, Dana``: the roles that are not MS Project assignments."""
        names: dict[RaciRole, list[str]] = defaultdict(list)
        for assignment in self.roles.get(item.id, ()):
            if assignment.role is not RaciRole.RESPONSIBLE:
                person = self.project.people.get(assignment.person_id)
                if person is not None:
                    names[assignment.role].append(_safe_name(person.name))
        return "; ".join(
            f"{role.value}: {', '.join(sorted(names[role]))}" for role in RaciRole if names[role]
        )

    # --- resources ---------------------------------------------------------------------

    def _resources(self, parent: ET.Element) -> dict[str, int]:
        uids: dict[str, int] = {}
        titles: list[str] = []
        for uid, person in enumerate(
            sorted(self.project.people.values(), key=lambda p: p.name.casefold()), start=1
        ):
            uids[person.id] = uid
            element = _add(parent, "Resource")
            _add(element, "UID", uid)
            _add(element, "ID", uid)
            _add(element, "Name", person.name)
            _add(element, "Type", 1)
            _add(element, "IsNull", 0)
            _add(element, "Initials", _initials(person.name))
            team = self.project.teams.get(person.team_id or "")
            if team is not None:
                _add(element, "Group", team.name)
            if person.email:
                _add(element, "EmailAddress", person.email)
            _add(element, "MaxUnits", f"{person.availability / 100:g}")
            if person.role:
                titles.append(f"{person.name} ({person.role})")
        teams = {p.team_id for p in self.project.people.values() if p.team_id}
        self.report.keep(
            f"{plural(len(uids), 'person', 'people')} as resources"
            + (f", teams as resource groups ({len(teams)})" if teams else "")
        )
        self.report.drop_all("job titles (MS Project resources have none)", titles)
        return uids

    def _assignments(self, parent: ET.Element, people: dict[str, int]) -> None:
        uid = 0
        counts: dict[RaciRole, int] = defaultdict(int)
        for assignment in sorted(
            self.project.assignments.values(), key=lambda a: (self.uid.get(a.item_id, 0), a.id)
        ):
            if assignment.item_id not in self.uid or assignment.person_id not in people:
                continue
            counts[assignment.role] += 1
            if assignment.role is not RaciRole.RESPONSIBLE:
                continue
            item = self.project.items[assignment.item_id]
            dates = self.dates[item.id]
            uid += 1
            units = assignment.allocation / 100
            element = _add(parent, "Assignment")
            _add(element, "UID", uid)
            _add(element, "TaskUID", self.uid[item.id])
            _add(element, "ResourceUID", people[assignment.person_id])
            _add(element, "Finish", format_datetime(dates.finish, DAY_END))
            _add(element, "Start", format_datetime(dates.start, DAY_START))
            _add(element, "Units", f"{units:g}")
            minutes = round(item.duration * MINUTES_PER_DAY * units)
            _add(element, "Work", format_duration(minutes))
        if counts[RaciRole.RESPONSIBLE]:
            self.report.keep(
                f"{plural(counts[RaciRole.RESPONSIBLE], 'Responsible role')} as assignments "
                "with their allocation"
            )
        others = sum(counts[r] for r in RaciRole if r is not RaciRole.RESPONSIBLE)
        if others:
            self.report.approximate(
                f"{plural(others, 'Accountable, Consulted or Informed role')} written to the "
                f"task text field '{RACI_ALIAS}' (Text1), as MS Project has no such roles"
            )

    # --- what MS Project has no place for ------------------------------------------------

    def _report_rest(self) -> None:
        project, release = self.project, self.release
        others = [f"'{r.name}'" for r in project.releases.values() if r.id != release.id]
        self.report.drop_all("other releases (export each one on its own)", others)
        parts = []
        for table, noun in (
            ("gates", "gate"),
            ("test_cycles", "test cycle"),
            ("training_sessions", "training session"),
        ):
            count = sum(1 for r in project.table(table).values() if r.release_id == release.id)
            if count:
                parts.append(plural(count, noun))
        requests = sum(1 for r in project.change_requests.values() if r.release_id == release.id)
        if requests:
            parts.append(plural(requests, "change request"))
        if parts:
            self.report.drop(f"release records MS Project has no place for: {', '.join(parts)}")


def _holiday_ranges(holidays: tuple[Holiday, ...]) -> list[tuple[date, date, str]]:
    """Holidays as (first, last, name) runs of consecutive days with one name."""
    ranges: list[tuple[date, date, str]] = []
    for holiday in sorted(holidays, key=lambda h: h.on):
        if ranges:
            first, last, name = ranges[-1]
            if holiday.name == name and holiday.on == last + timedelta(days=1):
                ranges[-1] = (first, holiday.on, name)
                continue
            if holiday.on <= last:
                continue
        ranges.append((holiday.on, holiday.on, holiday.name))
    return ranges


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word)[:8].upper() or "?"


def _safe_name(name: str) -> str:
    """A name that cannot break the ``A: x, y; C: z`` list apart."""
    return name.replace(";", " ").replace(",", " ").replace(":", " ")
