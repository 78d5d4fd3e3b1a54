"""GanttProject: a planner brings a .gan plan into relplan and keeps its dates."""

from __future__ import annotations

from datetime import date

import pytest
from exchange_support import INTEROP, needs_interop, only_release

from relplan.domain.model import Constraint, ConstraintKind, ItemKind, Phase
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.exchange_report import ExchangeError
from relplan.export.gan import import_gan, read_gan

GAN = INTEROP / "gan"

OFFICE_MOVE = b"""<?xml version="1.0" encoding="UTF-8"?>
<project name="Office move" version="3.2" locale="en_US">
  <description><![CDATA[Move to the new office]]></description>
  <calendars>
    <day-types>
      <default-week id="1" name="default" sun="1" mon="0" tue="0" wed="0" thu="0" fri="0"
        sat="1"/>
    </day-types>
    <date year="2027" month="3" date="5" type="HOLIDAY">Company day</date>
    <date month="5" date="1" type="HOLIDAY">Labour day</date>
    <date year="2027" month="3" date="13" type="WORKING_DAY"/>
  </calendars>
  <tasks>
    <task id="1" name="Planning" meeting="false" start="2027-03-01" duration="4" complete="0">
      <task id="2" name="Survey" meeting="false" start="2027-03-01" duration="3" complete="100">
        <depend id="3" type="2" difference="0" hardness="Strong"/>
      </task>
      <task id="3" name="Plan approved" meeting="true" start="2027-03-04" duration="0">
        <depend id="5" type="2" difference="0" hardness="Strong"/>
      </task>
    </task>
    <task id="4" name="Move" meeting="false" start="2027-03-04" duration="4" complete="0">
      <depend id="7" type="2" difference="0" hardness="Rubber"/>
      <task id="5" name="Pack" meeting="false" start="2027-03-04" duration="2" complete="50">
        <notes><![CDATA[Label every box]]></notes>
        <depend id="6" type="3" difference="1" hardness="Strong"/>
      </task>
      <task id="6" name="Transport" meeting="false" start="2027-03-09" duration="1"/>
    </task>
    <task id="7" name="Unpack" meeting="false" start="2027-03-10" duration="2"
      thirdDate="2027-03-10" thirdDate-constraint="1"/>
    <task id="8" name="Party" meeting="true" start="2027-03-15" duration="0"/>
  </tasks>
  <resources>
    <resource id="0" name="Ann Lee" function="1" contacts="ann@example.com" phone="0123">
      <rate name="standard" value="40"/>
    </resource>
    <resource id="1" name="Bob Stone" function="Default:0" contacts="" phone=""/>
  </resources>
  <allocations>
    <allocation task-id="5" resource-id="0" function="1" responsible="true" load="50.0"/>
    <allocation task-id="6" resource-id="1" function="1" responsible="false" load="100.0"/>
    <allocation task-id="4" resource-id="1" function="1" responsible="false" load="100.0"/>
  </allocations>
  <vacations><vacation start="2027-03-08" end="2027-03-09" resourceid="1"/></vacations>
  <roles><role id="1" name="Mover"/></roles>
</project>
"""


@pytest.fixture(scope="module")
def move():
    return read_gan(OFFICE_MOVE, "move.gan")


def _by_name(project):
    return {item.name: item for item in project.items.values()}


def test_tasks_milestones_phases_and_groups(move):
    items = _by_name(move.project)
    assert sorted(items) == ["Pack", "Party", "Plan approved", "Survey", "Transport", "Unpack"]
    assert items["Plan approved"].kind is ItemKind.MILESTONE
    assert items["Survey"].phase is Phase.PLAN  # under "Planning"
    assert items["Pack"].phase is Phase.BUILD
    assert items["Pack"].notes == "Group: Move\nLabel every box"
    assert items["Pack"].progress == 50
    assert items["Unpack"].constraint == Constraint(
        ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 10)
    )
    release = only_release(move.project)
    assert (release.name, release.description) == ("Office move", "Move to the new office")


def test_links_with_types_and_lags_and_summary_links_moved(move):
    names = {item.id: item.name for item in move.project.items.values()}
    links = sorted(
        (names[d.predecessor_id], names[d.successor_id], d.type.value, d.lag)
        for d in move.project.dependencies.values()
    )
    assert links == [
        ("Pack", "Transport", "FF", 1),
        ("Plan approved", "Pack", "FS", 0),
        ("Survey", "Plan approved", "FS", 0),
        ("Transport", "Unpack", "FS", 0),  # the link left the summary "Move" at its last task
    ]
    assert "'Move' to 'Unpack'" in " ".join(move.report.approximated)


def test_the_file_dates_survive(move):
    project = move.project
    release = only_release(project)
    schedule = ReleaseSchedule(project, release)
    shown = {item.name: schedule.dates(item.id).start for item in project.items.values()}
    assert shown == {
        "Survey": date(2027, 3, 1),
        "Plan approved": date(2027, 3, 3),  # GanttProject's start of 4 March
        "Pack": date(2027, 3, 4),
        "Transport": date(2027, 3, 9),
        "Unpack": date(2027, 3, 10),
        "Party": date(2027, 3, 12),  # the start of Monday 15 is the end of Friday 12
    }
    assert _by_name(project)["Party"].constraint == Constraint(
        ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 12)
    )


def test_calendar_holidays_and_what_is_dropped(move):
    calendar = move.project.calendar_for(only_release(move.project))
    assert calendar.work_week == (0, 1, 2, 3, 4)
    assert [(h.on, h.name) for h in calendar.holidays] == [
        (date(2027, 3, 5), "Company day"),
        (date(2027, 5, 1), "Labour day"),
        (date(2028, 5, 1), "Labour day"),
    ]
    report = str(move.report)
    assert "yearly holiday" in report
    assert "2027-03-13" in report  # the extra working day
    assert "1 phone number" in report and "1 cost rate" in report
    assert "1 resource vacation" in report


def test_resources_and_allocations(move):
    project = move.project
    people = {p.name: p for p in project.people.values()}
    assert people["Ann Lee"].email == "ann@example.com"
    assert people["Ann Lee"].role == "Mover"
    items = {i.id: i.name for i in project.items.values()}
    roles = sorted(
        (items[a.item_id], project.people[a.person_id].name, a.role.value, a.allocation)
        for a in project.assignments.values()
    )
    assert roles == [("Pack", "Ann Lee", "R", 50), ("Transport", "Bob Stone", "R", 100)]
    assert "R on summary task 'Move'" in " ".join(move.report.dropped)


def test_not_a_gan_file_is_refused(tmp_path):
    path = tmp_path / "plan.gan"
    path.write_text('<Project xmlns="http://schemas.microsoft.com/project"/>')
    with pytest.raises(ExchangeError, match="not a GanttProject file"):
        import_gan(path)
    path.write_text("<project>")
    with pytest.raises(ExchangeError, match="not a readable XML file"):
        import_gan(path)


@needs_interop
def test_house_building_sample_imports_with_its_facts():
    result = import_gan(GAN / "HouseBuildingSample.gan")
    project = result.project
    items = list(project.items.values())
    # 20 tasks: 4 summaries became groups, 4 of the 16 others are milestones.
    assert len(items) == 16
    assert sum(item.is_milestone for item in items) == 4
    assert sum(1 for item in items if item.notes.startswith("Group: ")) == 15
    # 17 finish-to-start links; the one into "Interior design" leaves from its two last tasks.
    assert {d.type.value for d in project.dependencies.values()} == {"FS"}
    assert len(project.dependencies) == 18
    assert len(project.people) == 7
    assert len(project.assignments) == 30
    calendar = project.calendar_for(only_release(project))
    assert [h.on for h in calendar.holidays] == [date(2006, 2, 14)]
    # Every task starts on the day GanttProject shows.
    schedule = ReleaseSchedule(project, only_release(project))
    tasks = [item for item in items if not item.is_milestone]
    assert min(schedule.dates(item.id).start for item in tasks) == date(2019, 1, 29)
    assert not [line for line in result.report.approximated if "differ" in line]
    assert not any(item.constraint for item in items)


@needs_interop
def test_ganttproject_3_file_with_fractional_loads():
    result = import_gan(GAN / "p4-vom-original-zurueck.gan")
    project = result.project
    assert sorted(item.name for item in project.items.values()) == ["Mauern", "Streichen"]
    assert sorted(p.name for p in project.people.values()) == ["Anna Maurer", "Bernd Maler"]
    assert sorted(a.allocation for a in project.assignments.values()) == [40, 75, 100]
    assert only_release(project).start == date(2026, 8, 24)


def test_absurd_dates_and_durations_are_bounded_and_reported():
    hostile = (
        b'<project name="x"><tasks>'
        b'<task id="1" name="A" start="0001-01-01" duration="0" meeting="true"/>'
        b'<task id="2" name="B" start="2027-01-04" duration="999999999"/>'
        b"</tasks></project>"
    )
    result = read_gan(hostile, "x.gan")
    assert only_release(result.project).start == date(2027, 1, 4)
    assert max(item.duration for item in result.project.items.values()) == 10_000
    report = str(result.report)
    assert "the start of 'A'" in report and "shortened from 999999999" in report
