"""iCalendar: stakeholders get milestones and training sessions in their calendars."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar as VCalendar

from relplan.domain.edits import apply_changes, move_item
from relplan.domain.model import Person
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.ical import event_uid, export_ical, ical_bytes
from relplan.samples import sample_project

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def project():
    return sample_project()


def _events(payload: bytes) -> dict[str, object]:
    calendar = VCalendar.from_ical(payload)  # the output must parse back
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _attendees(event) -> dict[str, str]:
    found = event.get("ATTENDEE", [])
    found = found if isinstance(found, list) else [found]
    return {str(a.params["CN"]): str(a.params["ROLE"]) for a in found}


def test_one_all_day_event_per_milestone_and_training_session(project):
    release = project.release_by_name("Payments 4.2")
    payload, report = ical_bytes(project, release, now=NOW)
    events = _events(payload)
    milestones = [i for i in project.release_items(release.id) if i.is_milestone]
    sessions = [s for s in project.training_sessions.values() if s.release_id == release.id]
    assert set(events) == {event_uid(r.id) for r in [*milestones, *sessions]}
    schedule = ReleaseSchedule(project, release)
    for item in milestones:
        event = events[event_uid(item.id)]
        day = schedule.dates(item.id).start
        assert event.decoded("DTSTART") == day  # a DATE, not a DATE-TIME
        assert not isinstance(event.decoded("DTSTART"), datetime)
        assert event.decoded("DTEND") == day + timedelta(days=1)
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert str(event["SUMMARY"]) == f"Payments 4.2: {item.name}"
        assert int(event["SEQUENCE"]) == 0
    for session in sessions:
        event = events[event_uid(session.id)]
        assert event.decoded("DTSTART") == session.on
        assert str(event["LOCATION"]) == session.location
    assert "7 milestones and 4 training sessions" in report.kept[0]


def test_attendee_roles_follow_the_raci(project):
    release = project.release_by_name("Payments 4.2")
    payload, _report = ical_bytes(project, release, now=NOW)
    events = _events(payload)
    go_live = next(i for i in project.release_items(release.id) if i.name == "Go-live")
    expected = {
        "R": "REQ-PARTICIPANT",
        "A": "REQ-PARTICIPANT",
        "C": "OPT-PARTICIPANT",
        "I": "NON-PARTICIPANT",
    }
    roles = {
        project.people[a.person_id].name: expected[a.role.value]
        for a in project.assignments.values()
        if a.item_id == go_live.id
    }
    assert roles and _attendees(events[event_uid(go_live.id)]) == roles
    session = next(s for s in project.training_sessions.values() if s.trainer_id)
    attendees = _attendees(events[event_uid(session.id)])
    assert attendees[project.people[session.trainer_id].name] == "CHAIR"
    assert set(attendees.values()) <= {"CHAIR", "REQ-PARTICIPANT"}


def test_sequence_rises_only_for_events_that_moved(tmp_path, project):
    release = project.release_by_name("Payments 4.2")
    path = tmp_path / "payments.ics"
    export_ical(project, release, path, now=NOW)
    first = _events(path.read_bytes())

    # Unchanged: the same sequences.
    export_ical(project, release, path, now=NOW)
    assert {uid: int(e["SEQUENCE"]) for uid, e in _events(path.read_bytes()).items()} == {
        uid: 0 for uid in first
    }

    # Move the go-live a week later: only its event (and what moved with it) goes up.
    go_live = next(i for i in project.release_items(release.id) if i.name == "Go-live")
    schedule = ReleaseSchedule(project, release)
    later = schedule.dates(go_live.id).start + timedelta(days=7)
    apply_changes(project, move_item(project, go_live.id, later))
    report = export_ical(project, release, path, now=NOW)
    second = _events(path.read_bytes())
    moved = {
        uid for uid in second if second[uid].decoded("DTSTART") != first[uid].decoded("DTSTART")
    }
    assert event_uid(go_live.id) in moved
    for uid, event in second.items():
        assert int(event["SEQUENCE"]) == (1 if uid in moved else 0)
    assert "SEQUENCE raised" in " ".join(report.approximated)

    # Moved again: up again; a new milestone starts at 0.
    apply_changes(project, move_item(project, go_live.id, later + timedelta(days=7)))
    export_ical(project, release, path, now=NOW)
    assert int(_events(path.read_bytes())[event_uid(go_live.id)]["SEQUENCE"]) == 2


def test_people_without_email_and_undated_sessions_are_reported(project):
    release = project.release_by_name("Payments 4.2")
    go_live = next(i for i in project.release_items(release.id) if i.name == "Go-live")
    someone = next(a.person_id for a in project.assignments.values() if a.item_id == go_live.id)
    person: Person = project.people[someone]
    project.people[someone] = dataclasses.replace(person, email="")
    session = next(iter(project.training_sessions.values()))
    project.training_sessions[session.id] = dataclasses.replace(session, on=None)
    payload, report = ical_bytes(project, release, now=NOW)
    assert person.name not in _attendees(_events(payload)[event_uid(go_live.id)])
    dropped = " ".join(report.dropped)
    assert f"'{person.name}'" in dropped
    assert "1 training session without a date" in dropped


def test_an_unreadable_previous_file_does_not_stop_the_export(tmp_path, project):
    path = tmp_path / "old.ics"
    path.write_text("this is not a calendar")
    report = export_ical(project, None, path, now=NOW)
    assert "could not be read" in " ".join(report.approximated)
    assert _events(path.read_bytes())


def test_all_releases_without_a_release(project):
    payload, _report = ical_bytes(project, None, now=NOW)
    assert VCalendar.from_ical(payload)["X-WR-CALNAME"] == (
        "Northwind Payments: Payments 4.2 / Payments 4.1"
    )
    assert all(isinstance(e.decoded("DTSTART"), date) for e in _events(payload).values())
