"""iCalendar export of milestones and training sessions, for stakeholders' calendars.

One all-day VEVENT per milestone (on the day the timeline shows it) and per dated training
session. The UID is the record's id, so a calendar that imports the file again updates the
event instead of adding a second one. Calendars only take an update whose SEQUENCE is
higher than the one they have, so:

- when the output file exists already, it is read back first; an event whose dates did not
  change keeps its SEQUENCE, one whose dates moved gets SEQUENCE + 1, a new event gets 0.
  Nothing about sequences is stored in the project.

ATTENDEE roles come from the RACI: Responsible and Accountable are REQ-PARTICIPANT,
Consulted OPT-PARTICIPANT, Informed NON-PARTICIPANT; a session's trainer is CHAIR and its
audience REQ-PARTICIPANT. People without an e-mail address cannot be invited and are listed
in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar as VCalendar
from icalendar import Event, vCalAddress

from relplan import __version__
from relplan.domain.model import (
    Assignment,
    Person,
    Project,
    RaciRole,
    Release,
    TrainingSession,
    WorkItem,
)
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.exchange_report import ExchangeReport, plural, write_output

KIND = "iCalendar"
ROLE_OF_RACI = {
    RaciRole.RESPONSIBLE: "REQ-PARTICIPANT",
    RaciRole.ACCOUNTABLE: "REQ-PARTICIPANT",
    RaciRole.CONSULTED: "OPT-PARTICIPANT",
    RaciRole.INFORMED: "NON-PARTICIPANT",
}
# A stronger role wins when one person is invited twice (trainer and audience, say).
_ROLE_RANK = ("CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT")
UID_DOMAIN = "relplan"


@dataclass(frozen=True, slots=True)
class _Seen:
    """An event as the previous export wrote it."""

    start: date | None
    end: date | None
    sequence: int


def event_uid(record_id: str) -> str:
    return f"{record_id}@{UID_DOMAIN}"


def previous_events(payload: bytes) -> dict[str, _Seen]:
    """UID -> dates and SEQUENCE of the events in an earlier export (ValueError if unreadable)."""
    calendar = VCalendar.from_ical(payload)
    found: dict[str, _Seen] = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if not uid:
            continue
        found[uid] = _Seen(
            _as_date(event.decoded("DTSTART", None)),
            _as_date(event.decoded("DTEND", None)),
            int(event.get("SEQUENCE", 0)),
        )
    return found


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def ical_bytes(
    project: Project,
    release: Release | None = None,
    previous: bytes | None = None,
    now: datetime | None = None,
) -> tuple[bytes, ExchangeReport]:
    """The .ics of ``release`` (or of every release) and the export report.

    ``previous`` is the file this export replaces, for the SEQUENCE rule above.
    """
    return _Writer(project, release, previous, now).write()


def export_ical(
    project: Project, release: Release | None, path: str | Path, now: datetime | None = None
) -> ExchangeReport:
    """Write the .ics file, raising SEQUENCE for events that moved since the file at ``path``."""
    path = Path(path)
    previous = None
    if path.is_file():
        try:
            previous = path.read_bytes()
        except OSError:
            previous = None
    payload, report = ical_bytes(project, release, previous, now)
    write_output(path, payload)
    return report


class _Writer:
    def __init__(
        self,
        project: Project,
        release: Release | None,
        previous: bytes | None,
        now: datetime | None,
    ) -> None:
        self.project = project
        self.releases = [release] if release else list(project.releases.values())
        self.now = now or datetime.now(UTC)
        what = f"release '{release.name}'" if release else plural(len(self.releases), "release")
        self.report = ExchangeReport(f"Exported the milestones and training of {what} as {KIND}")
        self.previous: dict[str, _Seen] = {}
        if previous:
            try:
                self.previous = previous_events(previous)
            except (ValueError, KeyError, TypeError):
                self.report.approximate(
                    "the existing file could not be read, so every event starts at SEQUENCE 0"
                )
        self.moved: list[str] = []
        self.roles: dict[str, list[Assignment]] = {}
        for assignment in project.assignments.values():
            self.roles.setdefault(assignment.item_id, []).append(assignment)
        self.uninvited: set[str] = set()

    def write(self) -> tuple[bytes, ExchangeReport]:
        calendar = VCalendar()
        calendar.add("prodid", f"-//relplan//relplan {__version__}//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        names = " / ".join(r.name for r in self.releases) or self.project.name
        calendar.add("x-wr-calname", f"{self.project.name}: {names}")
        milestones = sessions = undated = 0
        written: set[str] = set()
        for release in self.releases:
            dates = ReleaseSchedule(self.project, release).all_dates()
            for item in sorted(
                self.project.release_items(release.id), key=lambda it: dates[it.id].start_index
            ):
                if item.is_milestone:
                    calendar.add_component(self._milestone(item, release, dates[item.id].start))
                    written.add(event_uid(item.id))
                    milestones += 1
            for session in self.project.training_sessions.values():
                if session.release_id != release.id:
                    continue
                if session.on is None:
                    undated += 1
                    continue
                calendar.add_component(self._session(session, release))
                written.add(event_uid(session.id))
                sessions += 1
        report = self.report
        report.keep(
            f"{plural(milestones, 'milestone')} and {plural(sessions, 'training session')} "
            "as all-day events with stable UIDs and RACI roles as attendee roles"
        )
        report.approximate_all(
            "events that moved since the last export (SEQUENCE raised)", self.moved
        )
        if undated:
            report.drop(f"{plural(undated, 'training session')} without a date")
        report.drop_all(
            "people without an e-mail address, who cannot be invited", sorted(self.uninvited)
        )
        gone = sorted(uid for uid in self.previous if uid not in written)
        report.drop_all("events of the previous file that no longer exist", gone)
        return calendar.to_ical(), report

    # --- events ------------------------------------------------------------------------

    def _event(self, record_id: str, day: date, summary: str, description: str) -> Event:
        uid = event_uid(record_id)
        end = day + timedelta(days=1)
        sequence = 0
        seen = self.previous.get(uid)
        if seen is not None:
            sequence = seen.sequence
            if (seen.start, seen.end) != (day, end):
                sequence += 1
                self.moved.append(f"'{summary}' to {day.isoformat()}")
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", self.now)
        event.add("dtstart", day)
        event.add("dtend", end)
        event.add("sequence", sequence)
        event.add("summary", summary)
        if description:
            event.add("description", description)
        event.add("transp", "TRANSPARENT")  # a date to know, not time taken
        return event

    def _milestone(self, item: WorkItem, release: Release, day: date) -> Event:
        lines = [f"Milestone of release {release.name} ({item.phase.label})."]
        if item.notes:
            lines.append(item.notes)
        event = self._event(item.id, day, f"{release.name}: {item.name}", "\n\n".join(lines))
        event.add("categories", ["Milestone", item.phase.label])
        invited: dict[str, str] = {}
        for assignment in self.roles.get(item.id, ()):
            _invite(invited, assignment.person_id, ROLE_OF_RACI[assignment.role])
        self._attendees(event, invited)
        return event

    def _session(self, session: TrainingSession, release: Release) -> Event:
        audience = self.project.audiences.get(session.audience_id)
        lines = [f"Training for release {release.name}."]
        if audience is not None:
            lines.append(f"Audience: {audience.name}.")
        assert session.on is not None
        event = self._event(session.id, session.on, f"Training: {session.title}", " ".join(lines))
        event.add("categories", ["Training"])
        if session.location:
            event.add("location", session.location)
        invited: dict[str, str] = {}
        if session.trainer_id:
            _invite(invited, session.trainer_id, "CHAIR")
        if audience is not None:
            members = set(audience.person_ids)
            members |= {
                p.id for p in self.project.people.values() if p.team_id in audience.team_ids
            }
            for person_id in sorted(members):
                _invite(invited, person_id, "REQ-PARTICIPANT")
        self._attendees(event, invited)
        return event

    def _attendees(self, event: Event, invited: dict[str, str]) -> None:
        people = [(self.project.people.get(pid), role) for pid, role in invited.items()]
        for person, role in sorted(
            ((p, r) for p, r in people if p is not None), key=lambda pr: pr[0].name.casefold()
        ):
            if not person.email.strip():
                self.uninvited.add(f"'{person.name}'")
                continue
            event.add("attendee", _address(person, role), encode=0)


def _invite(invited: dict[str, str], person_id: str, role: str) -> None:
    current = invited.get(person_id)
    if current is None or _ROLE_RANK.index(role) < _ROLE_RANK.index(current):
        invited[person_id] = role


def _address(person: Person, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email.strip()}")
    address.params["cn"] = person.name
    address.params["role"] = role
    address.params["cutype"] = "INDIVIDUAL"
    if role == "NON-PARTICIPANT":
        address.params["rsvp"] = "FALSE"
    return address
