"""MS Project XML: a planner brings a plan in from MS Project and sends one back.

Small files written here run everywhere; the real MS Project files of ../shared/interop are
checked against the facts in their README when that folder is present.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from exchange_support import INTEROP, needs_interop, only_release, snapshot

from relplan.domain.model import Constraint, ConstraintKind, ItemKind, Phase
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.exchange_report import ExchangeError
from relplan.export.mspdi import NS, export_mspdi, import_mspdi
from relplan.export.mspdi_read import read_mspdi
from relplan.export.mspdi_write import mspdi_bytes
from relplan.samples import sample_project
from relplan.storage import load_project, save_project

MSPDI = INTEROP / "mspdi"


def _task(uid: int, name: str, level: int, extra: str = "", **fields: str) -> str:
    body = "".join(f"<{tag}>{value}</{tag}>" for tag, value in fields.items())
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><IsNull>0</IsNull>"
        f"<OutlineLevel>{level}</OutlineLevel>{body}{extra}</Task>"
    )


def _link(pred: int, kind: int, lag: int = 0, fmt: int = 7, cross: int = 0) -> str:
    return (
        f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{kind}</Type>"
        f"<CrossProject>{cross}</CrossProject><LinkLag>{lag}</LinkLag>"
        f"<LagFormat>{fmt}</LagFormat></PredecessorLink>"
    )


def _period(first: str, last: str) -> str:
    return (
        f"<TimePeriod><FromDate>{first}T00:00:00</FromDate>"
        f"<ToDate>{last}T23:59:00</ToDate></TimePeriod>"
    )


def _weekdays() -> str:
    days = "".join(
        f"<WeekDay><DayType>{d}</DayType><DayWorking>{int(2 <= d <= 6)}</DayWorking></WeekDay>"
        for d in range(1, 8)
    )
    legacy = "".join(
        f"<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>{_period(a, b)}</WeekDay>"
        for a, b in (("2027-03-05", "2027-03-05"), ("2027-03-26", "2027-03-29"))
    )
    return days + legacy


# A Project 2007 style file: both forms of exceptions, a stale header, a blank row, a phase
# summary and a plain one, all four link types with lags in days, weeks, half days and
# elapsed days, five kinds of constraints, a material resource and RACI in a text field.
PORTAL = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="{NS}">
  <SaveVersion>12</SaveVersion><Name>portal.xml</Name><Title>Portal 2.0</Title>
  <StartDate>2030-01-01T08:00:00</StartDate><FinishDate>2020-01-01T17:00:00</FinishDate>
  <CalendarUID>1</CalendarUID><DefaultStartTime>08:00:00</DefaultStartTime>
  <MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek>
  <ExtendedAttributes><ExtendedAttribute><FieldID>188743731</FieldID>
    <FieldName>Text1</FieldName><Alias>RACI</Alias></ExtendedAttribute></ExtendedAttributes>
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
      <BaseCalendarUID>-1</BaseCalendarUID><WeekDays>{_weekdays()}</WeekDays>
      <Exceptions>
        <Exception><EnteredByOccurrences>0</EnteredByOccurrences>
          {_period("2027-03-05", "2027-03-05")}<Occurrences>1</Occurrences>
          <Name>Company day</Name><Type>1</Type><DayWorking>0</DayWorking></Exception>
        <Exception><EnteredByOccurrences>0</EnteredByOccurrences>
          {_period("2027-03-26", "2027-03-29")}<Occurrences>4</Occurrences>
          <Name>Easter</Name><Type>1</Type><DayWorking>0</DayWorking></Exception>
        <Exception><EnteredByOccurrences>0</EnteredByOccurrences>
          {_period("2027-03-13", "2027-03-13")}<Occurrences>1</Occurrences>
          <Name>Saturday shift</Name><Type>1</Type><DayWorking>1</DayWorking></Exception>
      </Exceptions>
    </Calendar>
    <Calendar><UID>2</UID><Name>Night shift</Name><IsBaseCalendar>1</IsBaseCalendar>
      <BaseCalendarUID>-1</BaseCalendarUID></Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Portal 2.0</Name><OutlineLevel>0</OutlineLevel>
      <Summary>1</Summary><Deadline>2027-04-30T17:00:00</Deadline>
      <Notes>Portal relaunch</Notes></Task>
    {_task(1, "Testing", 1, Summary="1", Start="2027-03-01T08:00:00")}
    {_task(2, "Write test plan", 2, Start="2027-03-01T08:00:00", Duration="PT16H0M0S")}
    <Task><UID>3</UID><ID>3</ID><IsNull>1</IsNull><OutlineLevel>0</OutlineLevel></Task>
    {
    _task(
        4,
        "Run tests",
        2,
        _link(2, 1, 4800),
        Start="2027-03-04T08:00:00",
        Duration="PT24H0M0S",
        ConstraintType="4",
        ConstraintDate="2027-03-04T08:00:00",
    )
}
    {_task(5, "Website", 1, Summary="1", Start="2027-03-01T08:00:00")}
    {
    _task(
        6,
        "Design pages",
        2,
        _link(2, 3, 2400),
        Start="2027-03-01T08:00:00",
        Duration="PT12H0M0S",
        PercentComplete="40",
        Notes="Mobile first",
    )
}
    {
    _task(
        7,
        "Launch",
        1,
        _link(4, 0) + _link(6, 2, 24000, 9),
        Start="2027-04-16T17:00:00",
        Duration="PT0H0M0S",
        Milestone="1",
        ConstraintType="3",
        ConstraintDate="2027-04-16T17:00:00",
    ).replace(
        "</Task>",
        "<ExtendedAttribute><FieldID>188743731</FieldID>"
        "<Value>A: Ann Lee; I: Carol King</Value></ExtendedAttribute></Task>",
    )
}
    {
    _task(
        8,
        "Press release",
        1,
        _link(7, 1, 14400, 8),
        Start="2027-04-26T08:00:00",
        Duration="PT8H0M0S",
        ConstraintType="5",
        ConstraintDate="2027-04-30T08:00:00",
    )
}
    {
    _task(
        9,
        "Hand over",
        1,
        _link(999, 1, cross=1),
        Start="2027-04-19T08:00:00",
        Duration="PT8H0M0S",
        ConstraintType="7",
        ConstraintDate="2027-04-23T17:00:00",
    )
}
  </Tasks>
  <Resources>
    <Resource><UID>0</UID><ID>0</ID><Type>1</Type></Resource>
    <Resource><UID>1</UID><ID>1</ID><Name>Ann Lee</Name><Type>1</Type><Group>Web team</Group>
      <EmailAddress>ann@example.com</EmailAddress><MaxUnits>0.5</MaxUnits></Resource>
    <Resource><UID>2</UID><ID>2</ID><Name>Cement</Name><Type>0</Type></Resource>
    <Resource><UID>3</UID><ID>3</ID><Name>Bob Stone</Name><Type>1</Type></Resource>
  </Resources>
  <Assignments>
    <Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID>
      <Units>0.5</Units></Assignment>
    <Assignment><UID>2</UID><TaskUID>4</TaskUID><ResourceUID>3</ResourceUID>
      <Units>1</Units></Assignment>
    <Assignment><UID>3</UID><TaskUID>8</TaskUID><ResourceUID>-65535</ResourceUID>
      <Units>1</Units></Assignment>
    <Assignment><UID>4</UID><TaskUID>6</TaskUID><ResourceUID>2</ResourceUID>
      <Units>1</Units></Assignment>
  </Assignments>
</Project>
"""


@pytest.fixture(scope="module")
def portal():
    return read_mspdi(PORTAL.encode(), "portal.xml")


def _items(project):
    return {item.name: item for item in project.items.values()}


def test_tasks_phases_and_groups_come_from_the_outline(portal):
    items = _items(portal.project)
    assert sorted(items) == [
        "Design pages",
        "Hand over",
        "Launch",
        "Press release",
        "Run tests",
        "Write test plan",
    ]
    assert items["Write test plan"].phase is Phase.TEST  # under the summary "Testing"
    assert items["Run tests"].phase is Phase.TEST
    assert items["Design pages"].phase is Phase.BUILD
    assert items["Design pages"].notes == "Group: Website\nMobile first"
    assert items["Design pages"].progress == 40
    assert items["Launch"].kind is ItemKind.MILESTONE
    report = str(portal.report)
    assert "1 blank row" in report
    assert "'Website'" in report  # the summary that became a group is named


def test_durations_and_lags_become_working_days_and_rounding_is_reported(portal):
    items = _items(portal.project)
    assert items["Write test plan"].duration == 2
    assert items["Design pages"].duration == 2  # 1.5 days, rounded up and reported
    names = {item.id: item.name for item in portal.project.items.values()}
    links = {
        (names[d.predecessor_id], names[d.successor_id]): (d.type.value, d.lag)
        for d in portal.project.dependencies.values()
    }
    assert links == {
        ("Write test plan", "Run tests"): ("FS", 1),
        ("Write test plan", "Design pages"): ("SS", 1),  # half a day
        ("Run tests", "Launch"): ("FF", 0),
        ("Design pages", "Launch"): ("SF", 5),  # one week
        ("Launch", "Press release"): ("FS", 1),  # one elapsed day
    }
    approximated = " ".join(portal.report.approximated)
    assert "'Design pages': 1.50 -> 2 days" in approximated
    assert "'Write test plan' to 'Design pages': 0.50 -> 1 days" in approximated
    assert "elapsed" in approximated
    assert "Hand over' waits for a task of another project" in " ".join(portal.report.dropped)


def test_constraints_map_or_are_reported(portal):
    items = _items(portal.project)
    assert items["Run tests"].constraint == Constraint(
        ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 4)
    )
    assert items["Launch"].constraint == Constraint(
        ConstraintKind.MUST_FINISH_ON, date(2027, 4, 16)
    )
    assert items["Hand over"].constraint == Constraint(
        ConstraintKind.MUST_FINISH_ON, date(2027, 4, 23)
    )
    assert "finish no later than -> must finish on" in " ".join(portal.report.approximated)
    assert "'Press release': start no later than" in " ".join(portal.report.dropped)


def test_dates_come_from_the_tasks_and_are_kept(portal):
    release = only_release(portal.project)
    assert release.start == date(2027, 3, 1)  # not the header's 2030
    assert release.deadline == date(2027, 4, 30)
    assert release.description == "Portal relaunch"
    items = _items(portal.project)
    # Placed later than its links require: pinned so it keeps its date, and said so.
    assert items["Press release"].constraint == Constraint(
        ConstraintKind.START_NO_EARLIER_THAN, date(2027, 4, 26)
    )
    assert "'Press release' on 2027-04-26" in " ".join(portal.report.approximated)
    schedule = ReleaseSchedule(portal.project, release)
    assert schedule.dates(items["Run tests"].id).start == date(2027, 3, 4)
    assert schedule.dates(items["Launch"].id).start == date(2027, 4, 16)


def test_exceptions_are_read_once_and_working_ones_reported(portal):
    calendar = portal.project.calendar_for(only_release(portal.project))
    assert calendar.work_week == (0, 1, 2, 3, 4)
    assert [(h.on, h.name) for h in calendar.holidays] == [
        (date(2027, 3, 5), "Company day"),
        (date(2027, 3, 26), "Easter"),
        (date(2027, 3, 27), "Easter"),
        (date(2027, 3, 28), "Easter"),
        (date(2027, 3, 29), "Easter"),
    ]
    dropped = " ".join(portal.report.dropped)
    assert "'Saturday shift'" in dropped
    assert "'Night shift'" in dropped


def test_resources_become_people_and_assignments_roles(portal):
    project = portal.project
    people = {p.name: p for p in project.people.values()}
    assert sorted(people) == ["Ann Lee", "Bob Stone", "Carol King"]
    ann = people["Ann Lee"]
    assert (ann.email, ann.availability) == ("ann@example.com", 50)
    assert project.teams[ann.team_id].name == "Web team"
    items = {i.id: i.name for i in project.items.values()}
    names = {p.id: p.name for p in project.people.values()}
    roles = sorted(
        (items[a.item_id], names[a.person_id], a.role.value, a.allocation)
        for a in project.assignments.values()
    )
    assert roles == [
        ("Launch", "Ann Lee", "A", 0),
        ("Launch", "Carol King", "I", 0),
        ("Run tests", "Bob Stone", "R", 100),
        ("Write test plan", "Ann Lee", "R", 50),
    ]
    assert "'Cement'" in " ".join(portal.report.dropped)


# --- export --------------------------------------------------------------------------------

# The order of Microsoft's schema for the elements relplan writes (MS Project checks it).
TASK_ORDER = [
    "UID", "ID", "Name", "Type", "IsNull", "WBS", "OutlineNumber", "OutlineLevel", "Start",
    "Finish", "Duration", "DurationFormat", "EffortDriven", "Milestone", "Summary",
    "PercentComplete", "ConstraintType", "CalendarUID", "ConstraintDate", "Deadline", "Notes",
    "PredecessorLink", "ExtendedAttribute",
]  # fmt: skip
PROJECT_ORDER = [
    "SaveVersion", "Name", "Title", "Company", "ScheduleFromStart", "StartDate", "FinishDate",
    "CurrencyCode", "CalendarUID", "DefaultStartTime", "DefaultFinishTime", "MinutesPerDay",
    "MinutesPerWeek", "DaysPerMonth", "DurationFormat", "HonorConstraints",
    "NewTasksEffortDriven", "ExtendedAttributes", "Calendars", "Tasks", "Resources",
    "Assignments",
]  # fmt: skip


def _in_order(tags: list[str], order: list[str]) -> bool:
    positions = [order.index(tag) for tag in tags]
    return positions == sorted(positions)


@pytest.fixture(scope="module")
def sample_export():
    project = sample_project()
    release = project.release_by_name("Payments 4.2")
    payload, report = mspdi_bytes(project, release)
    return project, release, payload, report


def test_export_is_a_document_ms_project_opens(sample_export):
    _project, release, payload, _report = sample_export
    assert payload.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    root = ET.fromstring(payload)
    assert root.tag == f"{{{NS}}}Project"
    strip = len(NS) + 2
    assert _in_order([child.tag[strip:] for child in root], PROJECT_ORDER)
    tasks = root.findall(f"{{{NS}}}Tasks/{{{NS}}}Task")
    first = tasks[0]
    assert first.findtext(f"{{{NS}}}UID") == "0"
    assert first.findtext(f"{{{NS}}}Summary") == "1"
    assert first.findtext(f"{{{NS}}}Name") == release.name
    uids = [int(t.findtext(f"{{{NS}}}UID")) for t in tasks]
    assert uids == list(range(len(tasks)))
    for task in tasks:
        assert _in_order([child.tag[strip:] for child in task], TASK_ORDER)
        assert re.fullmatch(r"PT\d+H\d+M0S", task.findtext(f"{{{NS}}}Duration"))
        for link in task.findall(f"{{{NS}}}PredecessorLink"):
            assert int(link.findtext(f"{{{NS}}}PredecessorUID")) in uids
    levels = {t.findtext(f"{{{NS}}}Name"): t.findtext(f"{{{NS}}}OutlineLevel") for t in tasks}
    assert levels["Build"] == "1" and levels["Go-live"] == "2"


def test_export_reports_what_ms_project_cannot_hold(sample_export):
    _project, _release, _payload, report = sample_export
    dropped = " ".join(report.dropped)
    assert "'Black Friday peak trading'" in dropped  # freezes
    assert "'Payments 4.1'" in dropped  # another release
    assert "gates" in dropped and "training sessions" in dropped
    assert "Text1" in " ".join(report.approximated)  # A, C and I roles


def test_relplan_to_mspdi_to_relplan_keeps_the_plan(sample_export):
    project, release, payload, _report = sample_export
    back = read_mspdi(payload, "payments.xml")
    assert back.report.lossless, str(back.report)
    again = back.project
    assert snapshot(again, only_release(again)) == snapshot(project, release)
    assert only_release(again).description == release.description


def test_export_writes_the_file_and_a_failed_write_is_one_sentence(tmp_path, sample_export):
    project, release, payload, _report = sample_export
    target = tmp_path / "plan.xml"
    export_mspdi(project, release, target)
    assert target.read_bytes() == payload
    with pytest.raises(ExchangeError, match="does not exist; create it first"):
        export_mspdi(project, release, tmp_path / "missing" / "plan.xml")


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"name;start\nA;2027-01-01\n", "not a readable XML file"),
        (b"<project><tasks/></project>", "not an MS Project XML file"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;&lol;">]><Project>&lol2;</Project>',
            "declares a document type or entities",
        ),
        (
            b'<!DOCTYPE Project SYSTEM "file:///etc/passwd"><Project/>',
            "declares a document type",
        ),
    ],
)
def test_bad_files_are_refused_with_one_sentence(tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(ExchangeError, match=message) as caught:
        import_mspdi(path)
    text = str(caught.value)
    assert text.count(". ") == 0 and text.endswith(".")
    assert "\n" not in text


# --- the real MS Project files -------------------------------------------------------------


@needs_interop
@pytest.mark.parametrize(
    ("name", "tasks", "links", "lagged", "people", "assignments"),
    [
        ("task-links-project2003-mspdi.xml", 16, {"FS": 5, "SS": 1, "FF": 1, "SF": 1}, 7, 0, 0),
        ("mspdirelations.xml", 5, {"FS": 1, "SS": 1, "FF": 1, "SF": 1}, 1, 0, 0),
        ("mspdinulltasks.xml", 3, {}, 0, 0, 0),  # 8 rows: 3 blank, 2 summaries
        ("calendar-calendars-project2003-mspdi.xml", 0, {}, 0, 2, 0),
        ("calendar-recurring-exceptions-project2007-mspdi.xml", 0, {}, 0, 0, 0),
        ("baselines.xml", 1, {}, 0, 1, 0),
        ("assignment-assignments-project2002-mspdi.xml", 3, {}, 0, 3, 3),
        ("DefaultDurationFormat.xml", 1, {}, 0, 0, 0),
    ],
)
def test_every_interop_file_imports_with_its_facts(
    tmp_path, name, tasks, links, lagged, people, assignments
):
    result = import_mspdi(MSPDI / name)
    project = result.project
    save_project(project, tmp_path / "imported.relplan")
    assert not load_project(tmp_path / "imported.relplan").problems
    assert len(project.items) == tasks
    counts: dict[str, int] = {}
    for dep in project.dependencies.values():
        counts[dep.type.value] = counts.get(dep.type.value, 0) + 1
    assert counts == links
    assert sum(1 for d in project.dependencies.values() if d.lag) == lagged
    assert len(project.people) == people
    assert len(project.assignments) == assignments


@needs_interop
def test_task_links_lags_in_days_and_weeks_become_working_days():
    project = import_mspdi(MSPDI / "task-links-project2003-mspdi.xml").project
    lags = sorted((d.type.value, d.lag) for d in project.dependencies.values())
    # LinkLag 4800, 9600 (days), 24000, 48000 (weeks of 2400 min), and 9600 on SF, SS, FF
    assert lags == [
        ("FF", 2), ("FS", 0), ("FS", 1), ("FS", 2), ("FS", 5), ("FS", 10), ("SF", 2), ("SS", 2),
    ]  # fmt: skip
    # The file's own dates come out of relplan's schedule unchanged.
    release = only_release(project)
    schedule = ReleaseSchedule(project, release)
    finishes = sorted(schedule.dates(i).finish for i in project.items)
    assert finishes[-1] == date(2014, 11, 3)
    assert not any(
        "differ" in line
        for line in import_mspdi(MSPDI / "task-links-project2003-mspdi.xml").report.approximated
    )


@needs_interop
def test_null_tasks_do_not_break_the_outline():
    result = import_mspdi(MSPDI / "mspdinulltasks.xml")
    notes = sorted(item.notes for item in result.project.items.values())
    assert notes == ["Group: Task 1", "Group: Task 1", "Group: Task 4"]
    assert "3 blank rows" in " ".join(result.report.dropped)
    # MinutesPerDay 450: 75 hours are 10 working days.
    assert {item.duration for item in result.project.items.values()} == {10}


@needs_interop
def test_recurring_exceptions_expand_to_the_same_days_as_the_legacy_form():
    path = MSPDI / "calendar-recurring-exceptions-project2007-mspdi.xml"
    root = ET.parse(path).getroot()
    legacy = set()
    for day in root.iter(f"{{{NS}}}WeekDay"):
        if day.findtext(f"{{{NS}}}DayType") != "0" or day.findtext(f"{{{NS}}}DayWorking") != "0":
            continue
        first = date.fromisoformat(day.findtext(f".//{{{NS}}}FromDate")[:10])
        last = date.fromisoformat(day.findtext(f".//{{{NS}}}ToDate")[:10])
        legacy |= {first + timedelta(days=n) for n in range((last - first).days + 1)}
    result = import_mspdi(path)
    holidays = {h.on for h in result.project.calendar_for(only_release(result.project)).holidays}
    assert len(legacy) == 137
    assert holidays == legacy  # 26 recurring exceptions, each day once
    assert "'Recurring Working'" in " ".join(result.report.dropped)


@needs_interop
def test_header_dates_that_lie_are_ignored():
    result = import_mspdi(MSPDI / "assignment-assignments-project2002-mspdi.xml")
    project = result.project
    release = only_release(project)
    assert release.start == date(2016, 1, 4)  # the header says 2016-03-11
    constraints = {item.constraint for item in project.items.values()}
    assert constraints == {Constraint(ConstraintKind.START_NO_EARLIER_THAN, date(2016, 1, 4))}
    assert {item.duration for item in project.items.values()} == {10}
    assert sorted(a.allocation for a in project.assignments.values()) == [100, 100, 100]


@needs_interop
@pytest.mark.parametrize("path", sorted(MSPDI.glob("*.xml")) if MSPDI.is_dir() else [])
def test_mspdi_to_relplan_to_mspdi_to_relplan_keeps_tasks_links_lags_and_calendars(path):
    first = import_mspdi(path).project
    release = only_release(first)
    payload, _report = mspdi_bytes(first, release)
    second = read_mspdi(payload, path.name).project
    assert snapshot(second, only_release(second)) == snapshot(first, release)
