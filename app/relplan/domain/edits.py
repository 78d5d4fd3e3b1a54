"""Every mutation of a project, as a pure function returning what would change.

An edit function never mutates its input: it validates the request against the project and
returns a :class:`ChangeSet` (records before and after). :func:`apply_changes` carries it
out; applying ``changes.inverted()`` undoes it exactly. The UI wraps a change set in one
undo command; views refresh from the change set instead of reloading everything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from relplan.domain.calendar import format_day
from relplan.domain.changes import (  # noqa: F401  (re-exported: edits is the usual entry)
    RECORD_NOUNS,
    ChangeSet,
    EditError,
    RecordChange,
    apply_changes,
    combine,
    record_label,
    record_name,
)
from relplan.domain.model import (
    RECORD_TABLE,
    Assignment,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Team,
    WorkItem,
    new_id,
)

# The dates a plan may hold, as the project file accepts them: a year typed wrong (2207)
# would otherwise make a file that no longer opens, or a calendar of thousands of years.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)


# --- generic record edits ------------------------------------------------------------------


def add_record(project: Project, record: object, description: str | None = None) -> ChangeSet:
    table = RECORD_TABLE[type(record)]
    record_id = record.id  # type: ignore[attr-defined]
    _check_dates(getattr(record, f.name) for f in dataclasses.fields(record))
    if record_id in project.table(table):
        raise EditError(
            f"{RECORD_NOUNS.get(table, table).capitalize()} {record_id} exists already; "
            "give the new one another id."
        )
    return ChangeSet(
        description or f"Add {record_label(record)}",
        (RecordChange(table, record_id, None, record),),
    )


def update_record(
    project: Project, table: str, record_id: str, description: str | None = None, /, **values
) -> ChangeSet:
    """Replace fields of one record; an update that changes nothing returns an empty set.

    ``description`` (the Undo menu text) is positional-only, so a record field of the same
    name (releases, teams and requests have one) can be set like any other field.
    """
    before = _get(project, table, record_id)
    if values.get("id", record_id) != record_id:
        raise EditError(
            f"The id of {record_label(before)} cannot change; add a new record instead."
        )
    _check_dates(values.values())
    after = dataclasses.replace(before, **values)
    if after == before:
        return ChangeSet(description or f"Edit {record_label(before)}")
    return ChangeSet(
        description or f"Edit {record_label(before)}",
        (RecordChange(table, record_id, before, after),),
    )


def remove_record(project: Project, table: str, record_id: str) -> ChangeSet:
    """Remove a record and everything that only makes sense with it."""
    record = _get(project, table, record_id)
    changes = [RecordChange(table, record_id, record, None)]
    if table == "items":
        changes += _removals(
            project, "dependencies", lambda d: record_id in (d.predecessor_id, d.successor_id)
        )
        changes += _removals(project, "assignments", lambda a: a.item_id == record_id)
        changes += _clears(
            project, "gates", lambda g: g.milestone_id == record_id, milestone_id=None
        )
        changes += _clears(project, "test_cycles", lambda t: t.item_id == record_id, item_id=None)
    elif table == "people":
        # Every reference to the person goes, so the saved file has no dangling ids.
        changes += _removals(project, "assignments", lambda a: a.person_id == record_id)
        changes += _clears(project, "releases", lambda r: r.owner_id == record_id, owner_id=None)
        changes += _clears(project, "sign_offs", lambda s: s.person_id == record_id, person_id=None)
        changes += _clears(
            project, "training_sessions", lambda t: t.trainer_id == record_id, trainer_id=None
        )
        changes += _drop_from(project, "audiences", "person_ids", record_id)
    elif table == "teams":
        changes += _clears(project, "people", lambda p: p.team_id == record_id, team_id=None)
        changes += _drop_from(project, "audiences", "team_ids", record_id)
    return ChangeSet(f"Remove {record_label(record)}", tuple(changes))


def _drop_from(project: Project, table: str, field: str, record_id: str) -> list[RecordChange]:
    """Take ``record_id`` out of the id tuple ``field`` of every record of ``table``."""
    changes = []
    for r in project.table(table).values():
        ids = getattr(r, field)
        if record_id in ids:
            kept = tuple(i for i in ids if i != record_id)
            changes.append(RecordChange(table, r.id, r, dataclasses.replace(r, **{field: kept})))
    return changes


def _check_dates(values: Iterable[object]) -> None:
    for value in values:
        day = value.on if isinstance(value, Constraint) else value
        if isinstance(day, datetime):
            day = day.date()  # a datetime does not compare with a date
        if isinstance(day, date) and not FIRST_DAY <= day <= LAST_DAY:
            raise EditError(
                f"{format_day(day)} is outside the years {FIRST_DAY.year} to "
                f"{LAST_DAY.year}; check the year."
            )


def _removals(project: Project, table: str, matches) -> list[RecordChange]:
    return [RecordChange(table, r.id, r, None) for r in project.table(table).values() if matches(r)]


def _clears(project: Project, table: str, matches, **values) -> list[RecordChange]:
    return [
        RecordChange(table, r.id, r, dataclasses.replace(r, **values))
        for r in project.table(table).values()
        if matches(r)
    ]


# Table name -> what a planner calls one of its records, for messages.


def _get(project: Project, table: str, record_id: str):
    try:
        return project.table(table)[record_id]
    except KeyError:
        raise EditError(
            f"There is no {RECORD_NOUNS.get(table, table)} {record_id}; it may have been removed. "
            "Refresh the view and try again."
        ) from None


# --- work items ----------------------------------------------------------------------------


def add_item(
    project: Project,
    release_id: str,
    name: str,
    kind: ItemKind = ItemKind.TASK,
    phase: Phase = Phase.BUILD,
    duration: int | None = None,
    item_id: str | None = None,
) -> ChangeSet:
    if release_id not in project.releases:
        raise EditError("Choose a release for the new item first.")
    kind, phase = _enum(ItemKind, kind, "kind"), _enum(Phase, phase, "phase")
    duration = (0 if kind is ItemKind.MILESTONE else 1) if duration is None else duration
    item = WorkItem(
        id=item_id or new_id(),
        release_id=release_id,
        name=_clean_name(name),
        kind=kind,
        phase=phase,
        duration=duration,
    )
    _check_item(item)
    return add_record(project, item)


def update_item(project: Project, item_id: str, **values) -> ChangeSet:
    """Change fields of a work item (name, kind, phase, duration, progress, notes, constraint)."""
    item: WorkItem = _get(project, "items", item_id)
    if "name" in values:
        values["name"] = _clean_name(values["name"])
    # A kind or phase may arrive as plain text (a combo box, an import): store the enum, or
    # is_milestone and the Deploy rules would silently not apply.
    if "kind" in values:
        values["kind"] = _enum(ItemKind, values["kind"], "kind")
    if "phase" in values:
        values["phase"] = _enum(Phase, values["phase"], "phase")
    if values.get("kind") is ItemKind.MILESTONE:
        values["duration"] = 0
    elif values.get("kind") is ItemKind.TASK and item.is_milestone and "duration" not in values:
        values["duration"] = 1
    _check_item(dataclasses.replace(item, **values))
    return update_record(project, "items", item_id, **values)


def move_item(project: Project, item_id: str, to: date) -> ChangeSet:
    """Ask for ``item`` to start on ``to`` (a milestone: to be shown on ``to``).

    Sets ``start_no_earlier_than``; the scheduler may still place it later if predecessors
    or a freeze hold it. A ``must_finish_on`` pin is replaced: the UI confirms that first.
    """
    item: WorkItem = _get(project, "items", item_id)
    constraint = Constraint(ConstraintKind.START_NO_EARLIER_THAN, to)
    return update_record(
        project, "items", item_id, f"Move '{item.name}' to {format_day(to)}", constraint=constraint
    )


def set_duration(project: Project, item_id: str, duration: int) -> ChangeSet:
    item: WorkItem = _get(project, "items", item_id)
    if item.is_milestone:
        raise EditError(f"'{item.name}' is a milestone; milestones have no duration.")
    _check_item(dataclasses.replace(item, duration=duration))
    days = "day" if duration == 1 else "days"
    return update_record(
        project, "items", item_id, f"Set '{item.name}' to {duration} {days}", duration=duration
    )


def set_constraint(project: Project, item_id: str, constraint: Constraint | None) -> ChangeSet:
    item: WorkItem = _get(project, "items", item_id)
    if constraint is None:
        text = f"Clear the date constraint of '{item.name}'"
    elif constraint.kind is ConstraintKind.MUST_FINISH_ON:
        text = f"Pin '{item.name}' to finish on {format_day(constraint.on)}"
    else:
        text = f"Start '{item.name}' no earlier than {format_day(constraint.on)}"
    return update_record(project, "items", item_id, text, constraint=constraint)


def remove_item(project: Project, item_id: str) -> ChangeSet:
    return remove_record(project, "items", item_id)


def _clean_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise EditError("A name cannot be empty; type a name.")
    if len(name) > 500:
        raise EditError("A name can be at most 500 characters; shorten it.")
    return name


def _enum(enum: type, value: object, what: str):
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise EditError(f"{value!r} is not a {what}; choose one of {choices}.") from None


def _check_item(item: WorkItem) -> None:
    if item.is_milestone and item.duration != 0:
        raise EditError(f"'{item.name}' is a milestone; a milestone's duration is 0.")
    if not item.is_milestone and not 1 <= item.duration <= 10_000:
        raise EditError(f"The duration of '{item.name}' must be 1 to 10000 working days.")
    if not 0 <= item.progress <= 100:
        raise EditError(f"The progress of '{item.name}' must be 0 to 100 %.")


# --- dependencies --------------------------------------------------------------------------


def add_dependency(
    project: Project,
    predecessor_id: str,
    successor_id: str,
    type: DependencyType = DependencyType.FS,
    lag: int = 0,
    dependency_id: str | None = None,
) -> ChangeSet:
    """Make ``successor`` wait for ``predecessor``; refuse loops, duplicates and cycles."""
    from relplan.domain.graph import cycle_through, describe_cycle

    pred: WorkItem = _get(project, "items", predecessor_id)
    succ: WorkItem = _get(project, "items", successor_id)
    if predecessor_id == successor_id:
        raise EditError(f"'{pred.name}' cannot depend on itself.")
    if pred.release_id != succ.release_id:
        raise EditError(
            f"'{pred.name}' and '{succ.name}' belong to different releases; "
            "dependencies link items of one release."
        )
    for dep in project.dependencies.values():
        if dep.predecessor_id == predecessor_id and dep.successor_id == successor_id:
            raise EditError(f"'{succ.name}' already depends on '{pred.name}' ({dep.type}).")
    _check_lag(lag)
    type = _enum(DependencyType, type, "dependency type")
    cycle = cycle_through(project, predecessor_id, successor_id)
    if cycle:
        raise EditError(
            f"'{succ.name}' cannot depend on '{pred.name}': that would close the cycle "
            f"{describe_cycle(project, cycle)}."
        )
    dep = Dependency(dependency_id or new_id(), predecessor_id, successor_id, type, lag)
    return add_record(project, dep, f"Link '{pred.name}' to '{succ.name}' ({dep.type})")


def update_dependency(project: Project, dependency_id: str, **values) -> ChangeSet:
    dep: Dependency = _get(project, "dependencies", dependency_id)
    if {"predecessor_id", "successor_id"} & values.keys():
        # Re-pointing a link would skip the cycle and release checks of add_dependency.
        raise EditError("A link cannot be re-pointed; remove it and add a new one.")
    if "lag" in values:
        _check_lag(values["lag"])
    if "type" in values:
        values["type"] = _enum(DependencyType, values["type"], "dependency type")
    pred = project.items[dep.predecessor_id].name
    succ = project.items[dep.successor_id].name
    return update_record(
        project, "dependencies", dependency_id, f"Edit link '{pred}' to '{succ}'", **values
    )


def remove_dependency(project: Project, dependency_id: str) -> ChangeSet:
    dep: Dependency = _get(project, "dependencies", dependency_id)
    pred = project.items[dep.predecessor_id].name
    succ = project.items[dep.successor_id].name
    return ChangeSet(
        f"Remove link '{pred}' to '{succ}'",
        (RecordChange("dependencies", dependency_id, dep, None),),
    )


def _check_lag(lag: int) -> None:
    if not isinstance(lag, int) or isinstance(lag, bool) or not -1000 <= lag <= 1000:
        raise EditError("A lag must be a whole number of working days from -1000 to 1000.")


# --- assignments ---------------------------------------------------------------------------


def assign(
    project: Project,
    item_id: str,
    person_id: str,
    role: RaciRole = RaciRole.RESPONSIBLE,
    allocation: int = 100,
) -> ChangeSet:
    """Give a person a RACI role on an item, replacing the role they had there."""
    item: WorkItem = _get(project, "items", item_id)
    person = _get(project, "people", person_id)
    if not 0 <= allocation <= 100:
        raise EditError("An allocation must be 0 to 100 %.")
    existing = [
        a for a in project.assignments.values() if a.item_id == item_id and a.person_id == person_id
    ]
    changes = [RecordChange("assignments", a.id, a, None) for a in existing]
    new = Assignment(
        new_id(),
        item_id,
        person_id,
        RaciRole(role),
        allocation if role == RaciRole.RESPONSIBLE else 0,
    )
    changes.append(RecordChange("assignments", new.id, None, new))
    return ChangeSet(f"Make {person.name} {RaciRole(role).value} on '{item.name}'", tuple(changes))


# --- people, teams and RACI ----------------------------------------------------------------

# When two roles of one person on one item meet (a hand-over), the stronger one stays.
_ROLE_STRENGTH = {RaciRole.ACCOUNTABLE: 3, RaciRole.RESPONSIBLE: 2, RaciRole.CONSULTED: 1}


def add_person(project: Project, person: Person) -> ChangeSet:
    _check_person(project, person)
    return add_record(project, dataclasses.replace(person, name=_clean_name(person.name)))


def update_person(project: Project, person_id: str, **values) -> ChangeSet:
    """Change a person's name, e-mail, role, team or availability."""
    before: Person = _get(project, "people", person_id)
    if "name" in values:
        values["name"] = _clean_name(values["name"])
    _check_person(project, dataclasses.replace(before, **values))
    return update_record(project, "people", person_id, **values)


def _check_person(project: Project, person: Person) -> None:
    email = person.email.strip()
    if email and ("@" not in email or " " in email):
        raise EditError(f"'{email}' is not an e-mail address; type name@example.com or nothing.")
    if not 0 <= person.availability <= 100:
        raise EditError(f"The availability of '{person.name}' must be 0 to 100 %.")
    if person.team_id is not None and person.team_id not in project.teams:
        raise EditError("That team no longer exists; choose another team.")


def add_team(project: Project, team: Team) -> ChangeSet:
    return add_record(project, dataclasses.replace(team, name=_clean_name(team.name)))


def update_team(project: Project, team_id: str, **values) -> ChangeSet:
    """Rename a team or change its description."""
    _get(project, "teams", team_id)
    if "name" in values:
        values["name"] = _clean_name(values["name"])
    return update_record(project, "teams", team_id, **values)


def _roles_of(project: Project, item_id: str, person_id: str) -> list[Assignment]:
    return [
        a for a in project.assignments.values() if a.item_id == item_id and a.person_id == person_id
    ]


def set_role(
    project: Project,
    item_id: str,
    person_id: str,
    role: RaciRole | str | None,
    allocation: int | None = None,
) -> ChangeSet:
    """Give a person one RACI role on an item (None: no role); nothing if they have it already.

    An R keeps the allocation it had unless ``allocation`` is given (100 % when new).
    """
    item: WorkItem = _get(project, "items", item_id)
    person: Person = _get(project, "people", person_id)
    role = None if role is None else _enum(RaciRole, role, "RACI role")
    existing = _roles_of(project, item_id, person_id)
    if role is None:
        return ChangeSet(
            f"Clear {person.name}'s role on '{item.name}'",
            tuple(RecordChange("assignments", a.id, a, None) for a in existing),
        )
    if allocation is not None and not 0 <= allocation <= 100:
        raise EditError("An allocation must be 0 to 100 %.")
    if role is RaciRole.RESPONSIBLE:
        kept = next((a.allocation for a in existing if a.role is RaciRole.RESPONSIBLE), 100)
        allocation = kept if allocation is None else allocation
    else:
        allocation = 0
    description = f"Make {person.name} {role.value} on '{item.name}'"
    if len(existing) == 1:  # changed in place: the assignment keeps its id
        after = dataclasses.replace(existing[0], role=role, allocation=allocation)
        if after == existing[0]:
            return ChangeSet(description)
        return ChangeSet(description, (RecordChange("assignments", after.id, existing[0], after),))
    new = Assignment(new_id(), item_id, person_id, role, allocation)
    changes = [RecordChange("assignments", a.id, a, None) for a in existing]
    return ChangeSet(description, (*changes, RecordChange("assignments", new.id, None, new)))


def set_allocation(project: Project, assignment_id: str, allocation: int) -> ChangeSet:
    """Change how much of their time a Responsible person gives an item."""
    assignment: Assignment = _get(project, "assignments", assignment_id)
    if assignment.role is not RaciRole.RESPONSIBLE:
        raise EditError("Only a Responsible person has an allocation; make them R first.")
    if not 0 <= allocation <= 100:
        raise EditError("An allocation must be 0 to 100 %.")
    person = project.people[assignment.person_id].name
    item = project.items[assignment.item_id].name
    return update_record(
        project,
        "assignments",
        assignment_id,
        f"Allocate {person} {allocation} % to '{item}'",
        allocation=allocation,
    )


def assign_people(
    project: Project, item_id: str, person_ids: Iterable[str] = (), team_id: str | None = None
) -> ChangeSet:
    """People (and a team) dropped on an item, as one step.

    The people become Responsible (a role they had there is replaced; an R stays as it
    was). A team's members who have no role on the item yet become Informed.
    """
    item: WorkItem = _get(project, "items", item_id)
    person_ids = list(dict.fromkeys(person_ids))
    steps = [set_role(project, item_id, p, RaciRole.RESPONSIBLE) for p in person_ids]
    names = [project.people[p].name for p in person_ids]
    if team_id is not None:
        team: Team = _get(project, "teams", team_id)
        has_role = {a.person_id for a in project.assignments.values() if a.item_id == item_id}
        members = [
            p.id
            for p in project.people.values()
            if p.team_id == team_id and p.id not in has_role and p.id not in person_ids
        ]
        steps += [set_role(project, item_id, p, RaciRole.INFORMED) for p in members]
        description = f"Inform {team.name} of '{item.name}'"
    else:
        description = f"Make {' and '.join(names) or 'nobody'} R on '{item.name}'"
    return combine(description, steps)


def remove_person(project: Project, person_id: str, hand_to: str | None = None) -> ChangeSet:
    """Remove a person; ``hand_to``: their assignments go to that person instead of away.

    Where the heir already has a role on an item, the stronger of the two roles stays.
    """
    removal = remove_record(project, "people", person_id)
    if hand_to is None:
        return removal
    heir: Person = _get(project, "people", hand_to)
    if hand_to == person_id:
        raise EditError("Hand the assignments to someone else than the person removed.")
    kept = [c for c in removal.changes if c.table != "assignments"]
    handed: list[RecordChange] = []
    gone: set[str] = set()  # the heir's assignments already replaced
    for assignment in (a for a in project.assignments.values() if a.person_id == person_id):
        held = [a for a in _roles_of(project, assignment.item_id, hand_to) if a.id not in gone]
        strength = _ROLE_STRENGTH.get(assignment.role, 0)
        if held and max(_ROLE_STRENGTH.get(a.role, 0) for a in held) >= strength:
            handed.append(RecordChange("assignments", assignment.id, assignment, None))
            continue
        handed += [RecordChange("assignments", a.id, a, None) for a in held]
        gone.update(a.id for a in held)
        after = dataclasses.replace(assignment, person_id=hand_to)
        handed.append(RecordChange("assignments", assignment.id, assignment, after))
    name = project.people[person_id].name
    return ChangeSet(f"Remove {name}, handing their work to {heir.name}", (*kept, *handed))
