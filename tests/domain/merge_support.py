"""A small plan to compare and merge, and random planner edits of it for property tests."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from hypothesis import strategies as st

from relplan.domain import edits
from relplan.domain.edits import EditError, apply_changes
from relplan.domain.model import (
    Assignment,
    Audience,
    Checklist,
    ChecklistEntry,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    ItemKind,
    Person,
    Project,
    RaciRole,
    Release,
    Team,
    WorkItem,
)

RELEASE = "rel"


def base_project() -> Project:
    """Release 'Payments 5' with six items in two chains, three people, an audience."""
    project = Project("Payments")
    project.add(Release(RELEASE, "Payments 5", start=date(2027, 3, 1)))
    project.add(Team("eng", "Engineering"))
    for pid, name in (("ann", "Ann Archer"), ("bob", "Bob Baker"), ("cy", "Cy Chen")):
        project.add(Person(pid, name, team_id="eng"))
    items = [
        ("kick", "Kick-off", ItemKind.MILESTONE, 0),
        ("build", "Build API", ItemKind.TASK, 5),
        ("test", "Test API", ItemKind.TASK, 3),
        ("docs", "Write docs", ItemKind.TASK, 2),
        ("train", "Train support", ItemKind.TASK, 1),
        ("live", "Go-live", ItemKind.MILESTONE, 0),
    ]
    for item_id, name, kind, days in items:
        project.add(WorkItem(item_id, RELEASE, name, kind=kind, duration=days))
    for dep_id, pred, succ in (
        ("d1", "kick", "build"),
        ("d2", "build", "test"),
        ("d3", "test", "live"),
    ):
        project.add(Dependency(dep_id, pred, succ))
    project.add(Assignment("a1", "build", "ann", RaciRole.RESPONSIBLE, 60))
    project.add(Assignment("a2", "build", "bob", RaciRole.ACCOUNTABLE, 0))
    project.add(Audience("aud", "Support desk", person_ids=("ann",)))
    project.add(
        Checklist(
            "cl",
            "Go-live checks",
            (ChecklistEntry("e1", "Runbook"), ChecklistEntry("e2", "Backup")),
        )
    )
    return project


def copy_project(project: Project) -> Project:
    """An independent copy (records are immutable, so copying the tables is enough)."""
    return Project(
        project.name,
        **{f.name: dict(getattr(project, f.name)) for f in dataclasses.fields(Project)[1:]},
    )


def apply(project: Project, changes) -> None:
    apply_changes(project, changes)


def reassign(project: Project, item_id: str, person_id: str, role: RaciRole, new: str) -> None:
    """What edits.assign does, with a chosen id so that results repeat."""
    changes = edits.assign(project, item_id, person_id, role)
    added = changes.changes[-1]
    record = dataclasses.replace(added.after, id=new)
    apply_changes(
        project,
        dataclasses.replace(
            changes,
            changes=(*changes.changes[:-1], dataclasses.replace(added, id=new, after=record)),
        ),
    )


def _ids(draw) -> str:
    return str(draw(st.uuids(version=4)))


@st.composite
def edited(draw, base: Project) -> Project:
    """``base`` after a few random planner edits; ids come from hypothesis so runs repeat."""
    project = copy_project(base)
    for _ in range(draw(st.integers(0, 5))):
        items = sorted(project.items)
        people = sorted(project.people)
        action = draw(
            st.sampled_from(
                [
                    "rename",
                    "duration",
                    "constraint",
                    "remove",
                    "add",
                    "link",
                    "unlink",
                    "assign",
                    "person",
                    "audience",
                    "project",
                    "tick",
                ]
            )
        )
        try:
            if action == "rename" and items:
                item = draw(st.sampled_from(items))
                apply(
                    project,
                    edits.update_item(project, item, name=draw(st.sampled_from(["A", "B", "C"]))),
                )
            elif action == "duration" and items:
                item = draw(st.sampled_from(items))
                apply(project, edits.set_duration(project, item, draw(st.integers(1, 9))))
            elif action == "constraint" and items:
                item = draw(st.sampled_from(items))
                day = date(2027, 3, draw(st.integers(1, 28)))
                kind = draw(st.sampled_from(list(ConstraintKind)))
                apply(project, edits.set_constraint(project, item, Constraint(kind, day)))
            elif action == "remove" and items:
                apply(project, edits.remove_item(project, draw(st.sampled_from(items))))
            elif action == "add":
                apply(
                    project,
                    edits.add_item(
                        project,
                        RELEASE,
                        "New",
                        duration=draw(st.integers(1, 4)),
                        item_id=_ids(draw),
                    ),
                )
            elif action == "link" and len(items) > 1:
                pred, succ = draw(st.sampled_from(items)), draw(st.sampled_from(items))
                lag = draw(st.integers(-2, 2))
                apply(
                    project,
                    edits.add_dependency(project, pred, succ, DependencyType.FS, lag, _ids(draw)),
                )
            elif action == "unlink" and project.dependencies:
                dep = draw(st.sampled_from(sorted(project.dependencies)))
                apply(project, edits.remove_dependency(project, dep))
            elif action == "assign" and items:
                item = draw(st.sampled_from(items))
                role = draw(st.sampled_from(list(RaciRole)))
                reassign(project, item, draw(st.sampled_from(people)), role, _ids(draw))
            elif action == "person":
                person = draw(st.sampled_from(people))
                apply(
                    project,
                    edits.update_record(project, "people", person, email=f"{_ids(draw)[:4]}@x.org"),
                )
            elif action == "audience":
                person = draw(st.sampled_from(people))
                audience = project.audiences["aud"]
                ids = tuple(p for p in audience.person_ids if p != person)
                if ids == audience.person_ids:
                    ids += (person,)
                apply(project, edits.update_record(project, "audiences", "aud", person_ids=ids))
            elif action == "project":
                project.name = draw(st.sampled_from(["Payments", "Payments X", "Payments Y"]))
            elif action == "tick":
                checklist = project.checklists["cl"]
                n = draw(st.integers(0, len(checklist.entries) - 1))
                entry = checklist.entries[n]
                entries = list(checklist.entries)
                entries[n] = dataclasses.replace(entry, done=not entry.done)
                apply(
                    project,
                    edits.update_record(project, "checklists", "cl", entries=tuple(entries)),
                )
        except EditError:
            pass  # a refused edit (a cycle, a duplicate link) changes nothing, as in the app
    return project


def new_id() -> str:
    return str(uuid.uuid4())
