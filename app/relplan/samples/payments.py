"""The bundled sample project: "Northwind Payments" planning release "Payments 4.2".

What a new user sees first. The release started on 5 Oct 2026 and is measured on
:data:`~relplan.samples.payments_plan.STATUS_DATE` (late Nov 2026): Request and Plan are
done, Build and Test are under way, Deploy and Support lie ahead, with the go-live pinned on
1 Mar 2027. Progress, test cycle and training dates come from the schedule itself, so they
always agree with the timeline.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from relplan.domain.model import (
    Assignment,
    Audience,
    Checklist,
    ChecklistEntry,
    Dependency,
    DependencyType,
    Gate,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    SignOff,
    Team,
    TestCycle,
    TrainingSession,
    WorkItem,
)
from relplan.domain.schedule import ReleaseSchedule
from relplan.samples.payments_plan import (
    CALENDAR,
    CONSTRAINTS,
    DEPENDENCIES,
    ITEMS,
    NOTES,
    PEOPLE,
    RACI,
    STATUS_DATE,
    TEAMS,
    email,
    person_name,
    sample_id,
)
from relplan.samples.payments_process import (
    AUDIENCES,
    GATES,
    ROLLBACK_PLAN,
    SIGN_OFFS,
    TEST_CYCLES,
    TRAINING,
)
from relplan.samples.payments_requests import change_requests


def sample_project() -> Project:
    """The sample project "Northwind Payments" with release "Payments 4.2" in Build and Test."""
    project = Project(name="Northwind Payments")
    project.add(CALENDAR)
    for key, (name, description) in TEAMS.items():
        project.add(Team(sample_id("team", key), name, description))
    for key, (name, role, team, availability) in PEOPLE.items():
        project.add(
            Person(
                sample_id("person", key),
                name,
                email(name),
                role,
                sample_id("team", team),
                availability,
            )
        )
    release = Release(
        id=sample_id("release", "4.2"),
        name="Payments 4.2",
        version="4.2.0",
        start=date(2026, 10, 5),
        deadline=date(2027, 3, 31),
        phase=Phase.BUILD,
        calendar_id=CALENDAR.id,
        owner_id=sample_id("person", "maria"),
        description="SEPA Instant payouts, partial refunds, a later settlement cut-off "
        "(22:00 CET) and the CHF settlement report fix. Go-live on Monday 1 Mar 2027, as "
        "agreed with the business.",
        deployment_window_start=date(2027, 2, 26),
        deployment_window_end=date(2027, 2, 28),
        rollback_plan=ROLLBACK_PLAN,
    )
    previous = Release(
        id=sample_id("release", "4.1"),
        name="Payments 4.1",
        version="4.1.3",
        start=date(2026, 3, 2),
        deadline=date(2026, 7, 3),
        phase=Phase.SUPPORT,
        calendar_id=CALENDAR.id,
        owner_id=sample_id("person", "maria"),
        description="In production since 29 Jun 2026 (hotfixes up to 4.1.3). Kept so that "
        "defects found in production trace back to it.",
    )
    project.add(release)
    project.add(previous)
    _add_items(project, release.id)
    audiences = {}
    for key, (name, description, people, teams) in AUDIENCES.items():
        audience = Audience(
            sample_id("audience", key),
            name,
            description,
            tuple(sample_id("person", p) for p in people),
            tuple(sample_id("team", t) for t in teams),
        )
        project.add(audience)
        audiences[key] = audience.id
    for request in change_requests(release.id, previous.id, audiences):
        project.add(request)
    _add_gates(project, release.id)
    schedule = ReleaseSchedule(project, release)
    _add_progress(project, schedule)
    _add_tests_and_training(project, release.id, schedule)
    return project


def _add_items(project: Project, release_id: str) -> None:
    for key, (name, phase, duration) in ITEMS.items():
        project.add(
            WorkItem(
                id=sample_id("item", key),
                release_id=release_id,
                name=name,
                kind=ItemKind.TASK if duration else ItemKind.MILESTONE,
                phase=phase,
                duration=duration or 0,
                constraint=CONSTRAINTS.get(key),
                notes=NOTES.get(key, ""),
            )
        )
    for pred, succ, kind, lag in DEPENDENCIES:
        project.add(
            Dependency(
                sample_id("dependency", f"{pred}->{succ}"),
                sample_id("item", pred),
                sample_id("item", succ),
                DependencyType(kind),
                lag,
            )
        )
    for key, spec in RACI.items():
        for person, role, allocation in _raci(spec):
            project.add(
                Assignment(
                    sample_id("assignment", f"{key}:{person}"),
                    sample_id("item", key),
                    sample_id("person", person),
                    role,
                    allocation,
                )
            )


def _raci(spec: str) -> list[tuple[str, RaciRole, int]]:
    """``"A | R allocation, ... | C, ... | I, ..."`` as (person key, role, allocation)."""
    accountable, responsible, consulted, informed = (
        [word.strip() for word in part.split(",") if word.strip()] for part in spec.split("|")
    )
    (person,) = accountable  # exactly one Accountable per item
    roles = [(person, RaciRole.ACCOUNTABLE, 0)]
    roles += [(p, RaciRole.RESPONSIBLE, int(a)) for p, a in (e.split() for e in responsible)]
    roles += [(p, RaciRole.CONSULTED, 0) for p in consulted]
    roles += [(p, RaciRole.INFORMED, 0) for p in informed]
    return roles


def _add_gates(project: Project, release_id: str) -> None:
    for phase, (name, milestone, roles, entries) in GATES.items():
        checklist = Checklist(
            sample_id("checklist", phase.value),
            f"{name} checklist",
            tuple(
                ChecklistEntry(
                    sample_id("checklist_entry", f"{phase.value}:{n}"),
                    text,
                    done=bool(by),
                    done_by=person_name(by) if by else "",
                    done_at=datetime.fromisoformat(at) if at else None,
                )
                for n, (text, by, at) in enumerate(entries)
            ),
        )
        gate = Gate(
            sample_id("gate", phase.value),
            release_id,
            name,
            phase,
            milestone_id=sample_id("item", milestone),
            checklist_id=checklist.id,
            required_roles=roles,
        )
        project.add(checklist)
        project.add(gate)
        for role, person, decision, at, comment in SIGN_OFFS.get(phase, []):
            project.add(
                SignOff(
                    sample_id("sign_off", f"{phase.value}:{role}"),
                    gate.id,
                    role,
                    sample_id("person", person),
                    decision,
                    datetime.fromisoformat(at) if at else None,
                    comment,
                )
            )


def _add_progress(project: Project, schedule: ReleaseSchedule) -> None:
    """Progress as of :data:`STATUS_DATE`: done before it, partly done across it."""
    today = schedule.calendar.index_of(STATUS_DATE)
    for item_id, dates in schedule.all_dates().items():
        start, end = dates.start_index, dates.end_index
        if end <= today:
            progress = 100
        elif start >= today:
            progress = 0
        else:  # under way: whole days done, in steps of 5 %
            progress = min(95, max(5, round(20 * (today - start) / (end - start)) * 5))
        item = project.items[item_id]
        project.items[item_id] = dataclasses.replace(item, progress=progress)


def _add_tests_and_training(project: Project, release_id: str, schedule: ReleaseSchedule) -> None:
    for key, (name, kind, result, defects, notes) in TEST_CYCLES.items():
        dates = schedule.dates(sample_id("item", key))
        project.add(
            TestCycle(
                sample_id("test_cycle", key),
                release_id,
                name,
                kind,
                dates.start,
                dates.finish,
                result,
                defects,
                sample_id("item", key),
                notes,
            )
        )
    for key, (title, audience, item, day, trainer, place) in TRAINING.items():
        start = schedule.dates(sample_id("item", item)).start_index
        project.add(
            TrainingSession(
                sample_id("training", key),
                release_id,
                sample_id("audience", audience),
                title,
                schedule.calendar.date_of(start + day),
                sample_id("person", trainer),
                place,
            )
        )
