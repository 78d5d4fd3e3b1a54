"""What the plan and the handouts say about a release, computed once from the project.

Plain data from the domain (no ReportLab): the schedule, the go-live date, the status in
words, the change requests in scope, who holds which RACI role, and the trainings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relplan.domain.calendar import format_day
from relplan.domain.model import (
    Audience,
    ChangeRequest,
    ConstraintKind,
    Gate,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    RequestStatus,
    TrainingSession,
    WorkItem,
)
from relplan.domain.schedule import Conflict, ItemDates, ReleaseSchedule

# Change requests in these states are part of the release's scope.
IN_SCOPE = (RequestStatus.APPROVED, RequestStatus.SCHEDULED, RequestStatus.DELIVERED)
_ROLE_ORDER = {RaciRole.ACCOUNTABLE: 0, RaciRole.RESPONSIBLE: 1, RaciRole.CONSULTED: 2}


def day(value: date | None) -> str:
    """A date as planners read it ("1 Mar 2027"), or an en dash when there is none."""
    return format_day(value) if value is not None else "–"


def weekday(value: date | None) -> str:
    """A date with its weekday ("Mon 1 Mar 2027")."""
    return f"{value.strftime('%a')} {format_day(value)}" if value is not None else "–"


def span(start: date | None, finish: date | None) -> str:
    """A date range as short as it stays clear: "17–19 Feb 2027", "28 Feb – 3 Mar 2027"."""
    if start is None or finish is None:
        return day(start or finish)
    if start == finish:
        return format_day(start)
    if start.year != finish.year:
        return f"{format_day(start)} – {format_day(finish)}"
    if start.month != finish.month:
        return f"{start.day} {start:%b} – {format_day(finish)}"
    return f"{start.day}–{format_day(finish)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


@dataclass
class ReleaseFacts:
    """Everything the documents print about one release, as of one status date."""

    project: Project
    release: Release
    schedule: ReleaseSchedule
    as_of: date
    dates: dict[str, ItemDates]
    items: list[WorkItem]  # in timeline order: phase, then scheduled start
    conflicts: list[Conflict]
    go_live: date | None
    go_live_item: WorkItem | None
    scope: list[ChangeRequest]
    gates: list[Gate]
    sessions: list[TrainingSession]
    raci: dict[str, dict[RaciRole, list[Person]]] = field(default_factory=dict)

    # --- people -------------------------------------------------------------------------

    def person(self, person_id: str | None) -> Person | None:
        return self.project.people.get(person_id) if person_id else None

    def person_name(self, person_id: str | None) -> str:
        person = self.person(person_id)
        return person.name if person is not None else "–"

    @property
    def owner(self) -> Person | None:
        return self.person(self.release.owner_id)

    def accountable(self, item_id: str) -> Person | None:
        people = self.raci.get(item_id, {}).get(RaciRole.ACCOUNTABLE, [])
        return people[0] if people else None

    def audience_people(self, audience: Audience) -> list[Person]:
        """The audience's members: its people and the members of its teams."""
        people = self.project.people
        found = {pid: people[pid] for pid in audience.person_ids if pid in people}
        teams = set(audience.team_ids)
        found.update({p.id: p for p in people.values() if p.team_id in teams})
        return sorted(found.values(), key=lambda p: p.name.casefold())

    # --- schedule -----------------------------------------------------------------------

    @property
    def finish(self) -> date | None:
        return self.schedule.finish

    @property
    def milestones(self) -> list[WorkItem]:
        return [item for item in self.items if item.is_milestone]

    @property
    def progress(self) -> int:
        """Percent complete, weighted by duration (milestones count as one day)."""
        total = done = 0
        for item in self.items:
            weight = max(1, item.duration)
            total += weight
            done += weight * item.progress
        return round(done / total) if total else 0

    def status(self) -> tuple[str, str, str]:
        """(label, tone, sentence): "On track" / "At risk" / "Late", "good"/"warn"/"bad"."""
        finish, deadline = self.finish, self.release.deadline
        late = [c for c in self.conflicts if c.kind == "late"]
        others = [c for c in self.conflicts if c.kind != "late"]
        if finish is None:
            return "Not planned", "warn", "The release has no work items yet."
        if deadline is None:
            lead = f"Planned to finish on {weekday(finish)}; the release has no deadline."
        else:
            gap = self.schedule.calendar.working_days_between(finish, deadline)
            if late:
                lead = f"Finishes on {weekday(finish)}, after the deadline of {weekday(deadline)}."
            else:
                lead = (
                    f"Finishes on {weekday(finish)}, {plural(max(gap, 0), 'working day')} "
                    f"before the deadline of {weekday(deadline)}."
                )
        if late:
            return "Late", "bad", lead
        if others:
            return (
                "At risk",
                "warn",
                f"{lead} {plural(len(others), 'scheduling conflict')} must be resolved.",
            )
        return "On track", "good", lead

    def days_to(self, when: date | None) -> str:
        """ "95 days (66 working days)" from the status date to ``when``, or its past tense."""
        if when is None:
            return "–"
        days = (when - self.as_of).days
        if days < 0:
            return f"{plural(-days, 'day')} ago"
        if days == 0:
            return "today"
        working = self.schedule.calendar.working_days_between(self.as_of, when)
        return f"{plural(days, 'day')} ({plural(working, 'working day')})"

    def until(self, when: date | None) -> str:
        """ "in 95 days (66 working days)", "today" or "12 days ago"."""
        words = self.days_to(when)
        return f"in {words}" if when is not None and when > self.as_of else words

    def phase_spans(self) -> list[tuple[Phase, date, date]]:
        """Each phase of the release with its first start and last finish."""
        spans: dict[Phase, tuple[date, date]] = {}
        for item in self.items:
            d = self.dates[item.id]
            lo, hi = spans.get(item.phase, (d.start, d.finish))
            spans[item.phase] = (min(lo, d.start), max(hi, d.finish))
        return [(p, *spans[p]) for p in sorted(spans, key=lambda p: p.order)]

    def gate_item(self, gate: Gate) -> WorkItem | None:
        return self.project.items.get(gate.milestone_id) if gate.milestone_id else None


def release_facts(project: Project, release: Release, as_of: date | None = None) -> ReleaseFacts:
    """The facts of ``release`` as of ``as_of`` (default today)."""
    schedule = ReleaseSchedule(project, release)
    dates = schedule.all_dates()
    items = sorted(
        (project.items[i] for i in dates),
        key=lambda it: (it.phase.order, dates[it.id].start_index, schedule.index[it.id]),
    )
    gates = sorted(
        (g for g in project.gates.values() if g.release_id == release.id),
        key=lambda g: g.phase.order,
    )
    go_live_item = _go_live_item(project, items, gates)
    go_live = dates[go_live_item.id].finish if go_live_item is not None else None
    if go_live is None:
        go_live = release.deployment_window_end
    scope = sorted(
        (
            cr
            for cr in project.change_requests.values()
            if cr.release_id == release.id and cr.status in IN_SCOPE
        ),
        key=lambda cr: cr.title.casefold(),
    )
    sessions = sorted(
        (s for s in project.training_sessions.values() if s.release_id == release.id),
        key=lambda s: (s.on or date.max, s.title.casefold()),
    )
    facts = ReleaseFacts(
        project,
        release,
        schedule,
        as_of or date.today(),
        dates,
        items,
        schedule.conflicts(),
        go_live,
        go_live_item,
        scope,
        gates,
        sessions,
    )
    facts.raci = _raci(project, dates)
    return facts


def _go_live_item(project: Project, items: list[WorkItem], gates: list[Gate]) -> WorkItem | None:
    """The Deploy gate's milestone, else a pinned Deploy milestone, else the last one."""
    for gate in gates:
        if gate.phase is Phase.DEPLOY and gate.milestone_id in project.items:
            return project.items[gate.milestone_id]
    deploy = [it for it in items if it.is_milestone and it.phase is Phase.DEPLOY]
    pinned = [
        it for it in deploy if it.constraint and it.constraint.kind is ConstraintKind.MUST_FINISH_ON
    ]
    return (pinned or deploy or [None])[-1]


def _raci(project: Project, dates: dict[str, ItemDates]) -> dict[str, dict[RaciRole, list[Person]]]:
    out: dict[str, dict[RaciRole, list[Person]]] = {}
    people = project.people
    for a in project.assignments.values():
        if a.item_id in dates and a.person_id in people:
            out.setdefault(a.item_id, {}).setdefault(a.role, []).append(people[a.person_id])
    return out


def request_key(request: ChangeRequest) -> str:
    """ "RFC-118" from "RFC-118 SEPA Instant payouts" (the first word if it has a digit)."""
    first = request.title.split(" ", 1)[0]
    return first if any(c.isdigit() for c in first) and len(first) <= 16 else ""


def request_name(request: ChangeRequest) -> str:
    """The title without its key: "SEPA Instant payouts to merchants"."""
    key = request_key(request)
    return request.title[len(key) :].strip() if key else request.title


def label(value: str) -> str:
    """An enum value as words: "under_evaluation" -> "Under evaluation", "uat" -> "UAT"."""
    if value in ("uat",):
        return value.upper()
    return value.replace("_", " ").capitalize()
