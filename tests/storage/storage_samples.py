"""Projects for the storage tests: a small one that uses every table, and big synthetic ones."""

from __future__ import annotations

import json
import random
import uuid
from datetime import date, datetime, timedelta, timezone

from relplan.domain import model as m
from relplan.storage import project_to_dict


def full_project() -> m.Project:
    """A small release plan with at least one record in every table."""
    project = m.Project(name="Payments 2026")
    calendar = m.Calendar(
        "cal-1",
        "Berlin office",
        (0, 1, 2, 3, 4),
        (m.Holiday(date(2026, 5, 1), "Labour Day"),),
        (m.FreezeWindow("Year-end freeze", date(2026, 12, 18), date(2027, 1, 4)),),
    )
    team = m.Team("team-1", "Platform", "Runs the payment services")
    lead = m.Person("p-1", "Dana Developer", "dana@example.com", "development lead", team.id)
    owner = m.Person("p-2", "Pat Owner", "pat@example.com", "product owner", None, 50)
    release = m.Release(
        "rel-1",
        "Payments 2.0",
        "2.0.0",
        date(2026, 3, 2),
        date(2026, 6, 30),
        m.Phase.BUILD,
        calendar.id,
        owner.id,
        "New checkout",
        date(2026, 6, 15),
        date(2026, 6, 19),
        "Switch the feature flag off",
    )
    build = m.WorkItem("it-1", release.id, "Build API", m.ItemKind.TASK, m.Phase.BUILD, 10)
    test = m.WorkItem(
        "it-2",
        release.id,
        "UAT",
        m.ItemKind.TASK,
        m.Phase.TEST,
        5,
        m.Constraint(m.ConstraintKind.START_NO_EARLIER_THAN, date(2026, 4, 1)),
        40,
        "Users from finance",
    )
    go_live = m.WorkItem(
        "it-3",
        release.id,
        "Go live",
        m.ItemKind.MILESTONE,
        m.Phase.DEPLOY,
        0,
        m.Constraint(m.ConstraintKind.MUST_FINISH_ON, date(2026, 6, 16)),
    )
    checklist = m.Checklist(
        "cl-1",
        "Go/no-go",
        (
            m.ChecklistEntry(
                "ce-1", "Regression suite green", True, "Dana", datetime(2026, 6, 1, 9)
            ),
            m.ChecklistEntry("ce-2", "Rollback rehearsed"),
        ),
    )
    gate = m.Gate(
        "g-1", release.id, "Go/no-go", m.Phase.TEST, go_live.id, checklist.id, ("dev lead", "PO")
    )
    audience = m.Audience("au-1", "Finance clerks", "", (owner.id,), (team.id,))
    records = [
        calendar,
        team,
        lead,
        owner,
        release,
        build,
        test,
        go_live,
        m.Dependency("d-1", build.id, test.id),
        m.Dependency("d-2", test.id, go_live.id, m.DependencyType.FS, 2),
        m.Assignment("as-1", build.id, lead.id, m.RaciRole.RESPONSIBLE, 80),
        m.Assignment("as-2", build.id, owner.id, m.RaciRole.ACCOUNTABLE, 0),
        audience,
        m.ChangeRequest(
            "cr-1",
            "One-click refunds",
            m.RequestType.FEATURE,
            "Finance",
            date(2026, 1, 15),
            m.Priority.HIGH,
            m.RequestStatus.SCHEDULED,
            release.id,
            "Refund from the order page",
            "Saves calls",
            "Feasible",
            False,
            "",
            m.Decision.APPROVE,
            "CAB",
            date(2026, 2, 1),
            "Worth it",
            "Refunds take one click",
            ("Open the order", "Click Refund"),
            (audience.id,),
            None,
        ),
        checklist,
        gate,
        m.SignOff(
            "so-1",
            gate.id,
            "dev lead",
            lead.id,
            m.SignOffDecision.GO,
            datetime(2026, 6, 10, 16, 30, tzinfo=timezone(timedelta(hours=2))),
            "Ready",
        ),
        m.TestCycle(
            "tc-1",
            release.id,
            "UAT 1",
            m.TestKind.UAT,
            date(2026, 4, 1),
            date(2026, 4, 7),
            m.TestResult.FAILED,
            3,
            test.id,
        ),
        m.TrainingSession(
            "ts-1", release.id, audience.id, "Refunds", date(2026, 6, 12), lead.id, "Room 4"
        ),
    ]
    for record in records:
        project.add(record)
    return project


def big_project(items: int, seed: int = 1) -> m.Project:
    """One release of ``items`` work items, about two dependencies and two assignments each."""
    rng = random.Random(seed)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    project = m.Project(name=f"Synthetic {items}")
    calendar = m.Calendar(new_id(), "Standard", holidays=(m.Holiday(date(2026, 12, 25), "Xmas"),))
    project.add(calendar)
    release = m.Release(new_id(), "Big release", "1.0", date(2026, 1, 5), calendar_id=calendar.id)
    project.add(release)
    people = [m.Person(new_id(), f"Person {n}", f"p{n}@example.com") for n in range(50)]
    for person in people:
        project.add(person)
    phases = list(m.Phase)
    ids: list[str] = []
    for n in range(items):
        milestone = n % 25 == 24
        constraint = None
        if n % 40 == 0:
            constraint = m.Constraint(m.ConstraintKind.START_NO_EARLIER_THAN, date(2026, 2, 2))
        item = m.WorkItem(
            new_id(),
            release.id,
            f"Work package {n} – integrate service {n % 97}",
            m.ItemKind.MILESTONE if milestone else m.ItemKind.TASK,
            phases[n * len(phases) // items],
            0 if milestone else rng.randint(1, 15),
            constraint,
            rng.choice((0, 0, 25, 50, 100)),
        )
        project.add(item)
        for predecessor in rng.sample(ids[-200:], min(len(ids), 2)):
            project.add(m.Dependency(new_id(), predecessor, item.id))
        ids.append(item.id)
        project.add(m.Assignment(new_id(), item.id, rng.choice(people).id))
        project.add(
            m.Assignment(new_id(), item.id, rng.choice(people).id, m.RaciRole.ACCOUNTABLE, 0)
        )
    return project


def write_document(path, document: dict) -> None:
    """Write a (possibly tampered) document as a planner's text editor would: plain JSON."""
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def full_document() -> dict:
    """The document of :func:`full_project` as plain JSON data, ready to be tampered with."""
    return json.loads(json.dumps(project_to_dict(full_project())))


def row_of(document: dict, table: str, record_id: str) -> dict:
    """The row of ``record_id`` in ``table`` (to change a field of it)."""
    return next(row for row in document[table].values() if row["id"] == record_id)
