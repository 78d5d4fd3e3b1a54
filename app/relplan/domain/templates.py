"""Release templates: a reusable workflow a new release is created from.

A template lists work items by key (phase, duration or milestone, an optional test cycle
kind and start offset), the links between them, one gate per phase (milestone, required
roles, checklist) and RACI roles by job role ("QA lead is Accountable"). Creating a release
from a template anchors it at a start date and fills the roles with the project's people
whose job role matches; saving a release as a template does the reverse. The JSON format is
documented in ``docs/templates.md``; the two bundled templates live in
``resources/templates/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from relplan.domain.calendar import WorkCalendar
from relplan.domain.edits import ChangeSet, EditError, RecordChange, add_record
from relplan.domain.gates import GO_NO_GO_PHASE, GO_NO_GO_ROLES, same_role
from relplan.domain.model import (
    RECORD_TABLE,
    Assignment,
    Checklist,
    ChecklistEntry,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    Gate,
    ItemKind,
    Phase,
    Project,
    RaciRole,
    Release,
    SignOff,
    TestCycle,
    TestKind,
    WorkItem,
    new_id,
)

FORMAT = "relplan-template"
FORMAT_VERSION = 1
_ROLE_STRENGTH = {RaciRole.ACCOUNTABLE: 4, RaciRole.RESPONSIBLE: 3, RaciRole.CONSULTED: 2}


class TemplateError(ValueError):
    """A template that cannot be read or used; the message says what and what to do."""


@dataclass(frozen=True, slots=True)
class TemplateItem:
    key: str
    name: str
    phase: Phase
    duration: int = 1  # working days; 0 for a milestone
    milestone: bool = False
    test: TestKind | None = None  # the item schedules a test cycle of this kind
    offset: int | None = None  # start no earlier than this many working days after the start
    notes: str = ""


@dataclass(frozen=True, slots=True)
class TemplateLink:
    predecessor: str
    successor: str
    type: DependencyType = DependencyType.FS
    lag: int = 0


@dataclass(frozen=True, slots=True)
class TemplateGate:
    phase: Phase
    name: str
    milestone: str | None = None  # an item key
    required_roles: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TemplateRole:
    """``role`` (a job role such as "QA lead") has RACI role ``raci`` on item ``item``."""

    item: str
    role: str
    raci: RaciRole
    allocation: int = 100


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    description: str = ""
    items: tuple[TemplateItem, ...] = ()
    links: tuple[TemplateLink, ...] = ()
    gates: tuple[TemplateGate, ...] = ()
    roles: tuple[TemplateRole, ...] = ()
    rollback_plan: str = ""

    @property
    def job_roles(self) -> list[str]:
        """Every job role the template names (RACI and sign-offs), once, in order."""
        found: list[str] = []
        names = [r.role for r in self.roles]
        names += [role for gate in self.gates for role in gate.required_roles]
        for name in names:
            if not any(same_role(name, f) for f in found):
                found.append(name)
        return found


@dataclass(frozen=True, slots=True)
class Instantiation:
    """A release made from a template: the one edit that adds it, and roles nobody fills."""

    changes: ChangeSet
    release_id: str
    unfilled_roles: tuple[str, ...] = field(default=())


# --- creating a release ----------------------------------------------------------------------


def people_for_roles(project: Project, roles: list[str]) -> dict[str, str]:
    """Job role -> id of the person who takes it: the first, by name, with that role."""
    people = sorted(project.people.values(), key=lambda p: p.name.casefold())
    found = {}
    for role in roles:
        person = next((p for p in people if p.role and same_role(p.role, role)), None)
        if person is not None:
            found[role] = person.id
    return found


def instantiate(
    project: Project,
    template: Template,
    name: str,
    start: date,
    *,
    version: str = "",
    calendar_id: str | None = None,
    people: Mapping[str, str] | None = None,
) -> Instantiation:
    """A new release ``name`` from ``template``, starting on ``start``, as one edit.

    ``people`` maps job roles to person ids (default: :func:`people_for_roles`); roles no
    one takes are left unassigned and listed in the result.
    """
    name = " ".join(name.split())
    if not name:
        raise EditError("The new release needs a name; type one.")
    existing = project.release_by_name(name)
    if existing is not None:
        raise EditError(f"There is a release '{existing.name}' already; choose another name.")
    if calendar_id is not None and calendar_id not in project.calendars:
        raise EditError("That calendar is no longer in the project; choose another.")
    if calendar_id is None and project.calendars:
        calendar_id = next(iter(project.calendars))
    check_template(template)
    if people is None:
        people = people_for_roles(project, template.job_roles)
    release = Release(
        new_id(),
        name,
        version,
        start=start,
        phase=min((i.phase for i in template.items), key=lambda p: p.order, default=Phase.PLAN),
        calendar_id=calendar_id,
        description=f"Created from the template '{template.name}'.",
        rollback_plan=template.rollback_plan,
    )
    records: list[object] = []
    ids = {item.key: new_id() for item in template.items}
    calendar = WorkCalendar(project.calendar_for(release), start)
    for item in template.items:
        constraint = None
        if item.offset:
            day = calendar.date_of(item.offset)
            constraint = Constraint(ConstraintKind.START_NO_EARLIER_THAN, day)
        kind = ItemKind.MILESTONE if item.milestone else ItemKind.TASK
        records.append(
            WorkItem(
                ids[item.key],
                release.id,
                item.name,
                kind,
                item.phase,
                0 if item.milestone else item.duration,
                constraint,
                notes=item.notes,
            )
        )
        if item.test is not None:
            records.append(
                TestCycle(new_id(), release.id, item.name, item.test, item_id=ids[item.key])
            )
    for link in template.links:
        records.append(
            Dependency(new_id(), ids[link.predecessor], ids[link.successor], link.type, link.lag)
        )
    unfilled: list[str] = []

    def person_for(role: str) -> str | None:
        for wanted, person_id in people.items():
            if same_role(wanted, role) and person_id in project.people:
                return person_id
        if not any(same_role(role, u) for u in unfilled):
            unfilled.append(role)
        return None

    for gate in template.gates:
        checklist = Checklist(
            new_id(),
            f"{gate.name} checklist",
            tuple(ChecklistEntry(new_id(), text) for text in gate.checklist),
        )
        record = Gate(
            new_id(),
            release.id,
            gate.name,
            gate.phase,
            ids.get(gate.milestone or ""),
            checklist.id,
            gate.required_roles,
        )
        records += [checklist, record]
        for role in gate.required_roles:
            # Names who is expected to sign; signing itself happens in the release.
            records.append(SignOff(new_id(), record.id, role, person_for(role)))
    records += _assignments(template, ids, person_for)
    changes = list(add_record(project, release).changes)  # also checks the start's year
    changes += [
        RecordChange(RECORD_TABLE[type(r)], r.id, None, r)  # type: ignore[attr-defined]
        for r in records
    ]
    return Instantiation(
        ChangeSet(f"New release '{name}' from template '{template.name}'", tuple(changes)),
        release.id,
        tuple(unfilled),
    )


def _assignments(template: Template, ids: dict[str, str], person_for) -> list[Assignment]:
    """One assignment per person and item: the strongest RACI role a template gives them."""
    chosen: dict[tuple[str, str], Assignment] = {}
    for role in template.roles:
        person_id = person_for(role.role)
        if person_id is None:
            continue
        key = (ids[role.item], person_id)
        allocation = role.allocation if role.raci is RaciRole.RESPONSIBLE else 0
        new = Assignment(new_id(), key[0], person_id, role.raci, allocation)
        old = chosen.get(key)
        if old is None or _ROLE_STRENGTH.get(new.role, 1) > _ROLE_STRENGTH.get(old.role, 1):
            chosen[key] = new
    return list(chosen.values())


# --- checking ------------------------------------------------------------------------------


def check_template(template: Template) -> None:
    """Raise :class:`TemplateError` if the template cannot make a sound release.

    Keys are unique, links and gates name existing items, no link closes a cycle, one
    gate per phase, the go/no-go gate names its two roles, one Accountable per item.
    """
    if not template.name.strip():
        raise TemplateError("The template has no name; give it one.")
    if not template.items:
        raise TemplateError(f"Template '{template.name}' has no work items; add some.")
    keys: dict[str, TemplateItem] = {}
    for item in template.items:
        if item.key in keys:
            raise TemplateError(f"Item key '{item.key}' is used twice; make keys unique.")
        keys[item.key] = item
        if not item.name.strip():
            raise TemplateError(f"Item '{item.key}' has no name; give it one.")
        if not item.milestone and not 1 <= item.duration <= 10_000:
            raise TemplateError(f"Item '{item.key}' must last 1 to 10000 working days.")
        if item.offset is not None and not 0 <= item.offset <= 10_000:
            raise TemplateError(f"The offset of item '{item.key}' must be 0 to 10000 days.")
    graph = nx.DiGraph()
    graph.add_nodes_from(keys)
    for link in template.links:
        for key in (link.predecessor, link.successor):
            if key not in keys:
                raise TemplateError(f"A link names item '{key}', which the template lacks.")
        if link.predecessor == link.successor:
            raise TemplateError(f"Item '{link.predecessor}' is linked to itself; remove it.")
        if graph.has_edge(link.predecessor, link.successor):
            raise TemplateError(
                f"'{link.predecessor}' is linked to '{link.successor}' twice; keep one link."
            )
        if not -1000 <= link.lag <= 1000:
            raise TemplateError("A lag must be -1000 to 1000 working days.")
        graph.add_edge(link.predecessor, link.successor)
    if not nx.is_directed_acyclic_graph(graph):
        cycle = " -> ".join(u for u, _v in nx.find_cycle(graph))
        raise TemplateError(f"The template's links go round in a circle ({cycle}); break it.")
    phases: set[Phase] = set()
    for gate in template.gates:
        if gate.phase in phases:
            raise TemplateError(f"Two gates close the {gate.phase.label} phase; keep one.")
        phases.add(gate.phase)
        if gate.milestone is not None and not keys.get(gate.milestone, _NO_ITEM).milestone:
            raise TemplateError(
                f"Gate '{gate.name}' must name a milestone of the template, not '{gate.milestone}'."
            )
        if gate.phase is GO_NO_GO_PHASE:
            for role in GO_NO_GO_ROLES:
                if not any(same_role(role, r) for r in gate.required_roles):
                    raise TemplateError(
                        f"The go/no-go gate '{gate.name}' must be signed by the {role}; "
                        "add the role."
                    )
    accountable: set[str] = set()
    for role in template.roles:
        if role.item not in keys:
            raise TemplateError(f"A RACI role names item '{role.item}', which the template lacks.")
        if not role.role.strip():
            raise TemplateError(f"A RACI role on '{role.item}' names no job role.")
        if not 0 <= role.allocation <= 100:
            raise TemplateError(f"An allocation on '{role.item}' must be 0 to 100 %.")
        if role.raci is RaciRole.ACCOUNTABLE:
            if role.item in accountable:
                raise TemplateError(f"Item '{role.item}' has two Accountable roles; keep one.")
            accountable.add(role.item)


_NO_ITEM = TemplateItem("", "", Phase.PLAN)


# --- saving a release as a template ----------------------------------------------------------


def template_from_release(
    project: Project, release_id: str, name: str, description: str = ""
) -> tuple[Template, list[str]]:
    """A template of the release's items, links, gates and RACI (by job role).

    Returns the template and the names of people left out because they have no job role.
    Checklists come untick, sign-offs and progress stay behind, and a must-finish-on date
    is dropped (a later release has its own dates).
    """
    release = project.releases[release_id]
    name = " ".join(name.split())
    if not name:
        raise TemplateError("The template needs a name; type one.")
    items = sorted(project.release_items(release_id), key=lambda i: i.phase.order)
    keys: dict[str, str] = {}
    counts: dict[Phase, int] = {}
    for item in items:
        counts[item.phase] = counts.get(item.phase, 0) + 1
        keys[item.id] = f"{item.phase.value}-{counts[item.phase]}"
    tests = {c.item_id: c.kind for c in project.test_cycles.values() if c.item_id in keys}
    calendar = WorkCalendar(project.calendar_for(release), release.start)
    template_items = []
    for item in items:
        offset = None
        constraint = item.constraint
        if constraint is not None and constraint.kind is ConstraintKind.START_NO_EARLIER_THAN:
            offset = max(0, calendar.index_of(constraint.on)) or None
        template_items.append(
            TemplateItem(
                keys[item.id],
                item.name,
                item.phase,
                0 if item.is_milestone else item.duration,
                item.is_milestone,
                tests.get(item.id),
                offset,
                item.notes,
            )
        )
    links = tuple(
        TemplateLink(keys[d.predecessor_id], keys[d.successor_id], d.type, d.lag)
        for d in project.dependencies.values()
        if d.predecessor_id in keys and d.successor_id in keys
    )
    gates = []
    for gate in sorted(project.gates.values(), key=lambda g: g.phase.order):
        if gate.release_id != release_id or any(g.phase is gate.phase for g in gates):
            continue
        roles = list(gate.required_roles)
        if gate.phase is GO_NO_GO_PHASE:  # the rule holds for every release made from it
            roles += [r for r in GO_NO_GO_ROLES if not any(same_role(r, x) for x in roles)]
        checklist = project.checklists.get(gate.checklist_id or "")
        entries = tuple(e.text for e in checklist.entries) if checklist is not None else ()
        milestone = keys.get(gate.milestone_id or "")
        if milestone is not None and not project.items[gate.milestone_id].is_milestone:
            milestone = None
        gates.append(TemplateGate(gate.phase, gate.name, milestone, tuple(roles), entries))
    roles: list[TemplateRole] = []
    left_out: list[str] = []
    for a in project.assignments.values():
        person = project.people.get(a.person_id)
        if a.item_id not in keys or person is None:
            continue
        if not person.role.strip():
            if person.name not in left_out:
                left_out.append(person.name)
            continue
        role = TemplateRole(keys[a.item_id], person.role, a.role, a.allocation or 100)
        if a.role is RaciRole.ACCOUNTABLE and any(
            r.item == role.item and r.raci is RaciRole.ACCOUNTABLE for r in roles
        ):
            continue  # one Accountable per item, as the RACI rules ask
        if not any(
            r.item == role.item and r.raci is role.raci and same_role(r.role, role.role)
            for r in roles
        ):
            roles.append(role)
    template = Template(
        name,
        description.strip(),
        tuple(template_items),
        links,
        tuple(gates),
        tuple(roles),
        release.rollback_plan,
    )
    try:
        check_template(template)
    except TemplateError as exc:
        raise TemplateError(f"'{release.name}' cannot be saved as a template: {exc}") from None
    return template, left_out
