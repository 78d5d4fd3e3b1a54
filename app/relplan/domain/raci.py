"""RACI: who is Responsible, Accountable, Consulted and Informed for each work item.

The rules a plan must follow (shown as problems): every work item has exactly one
Accountable, and every task has at least one Responsible. :func:`item_roles` gathers the
roles per item once, for the problems list, the RACI tab and the plan export alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relplan.domain.model import Assignment, Phase, Project, RaciRole, WorkItem

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule

# The order roles are offered, cycled and listed in.
ROLE_ORDER: tuple[RaciRole, ...] = (
    RaciRole.RESPONSIBLE,
    RaciRole.ACCOUNTABLE,
    RaciRole.CONSULTED,
    RaciRole.INFORMED,
)

ROLE_NAMES: dict[RaciRole, str] = {
    RaciRole.RESPONSIBLE: "Responsible",
    RaciRole.ACCOUNTABLE: "Accountable",
    RaciRole.CONSULTED: "Consulted",
    RaciRole.INFORMED: "Informed",
}


@dataclass(slots=True)
class ItemRoles:
    """The assignments of one work item, by role (person ids in assignment order)."""

    item_id: str
    by_person: dict[str, Assignment] = field(default_factory=dict)

    def people(self, role: RaciRole) -> list[str]:
        return [p for p, a in self.by_person.items() if a.role is role]

    @property
    def accountable(self) -> list[str]:
        return self.people(RaciRole.ACCOUNTABLE)

    @property
    def responsible(self) -> list[str]:
        return self.people(RaciRole.RESPONSIBLE)


def item_roles(project: Project, item_ids: Iterable[str] | None = None) -> dict[str, ItemRoles]:
    """Every item's roles (``item_ids``: just those), items without any role included.

    A person holds one role per item; if a file holds two for the same person, the
    stronger one (A, then R, C, I) is the one shown and checked.
    """
    wanted = list(project.items) if item_ids is None else list(item_ids)
    roles = {item_id: ItemRoles(item_id) for item_id in wanted}
    for assignment in project.assignments.values():
        entry = roles.get(assignment.item_id)
        if entry is None:
            continue
        held = entry.by_person.get(assignment.person_id)
        if held is None or _strength(assignment.role) > _strength(held.role):
            entry.by_person[assignment.person_id] = assignment
    return roles


def _strength(role: RaciRole) -> int:
    return {RaciRole.ACCOUNTABLE: 3, RaciRole.RESPONSIBLE: 2, RaciRole.CONSULTED: 1}.get(role, 0)


def next_role(role: RaciRole | None) -> RaciRole | None:
    """The role a click on a RACI cell moves to: none -> R -> A -> C -> I -> none."""
    if role is None:
        return ROLE_ORDER[0]
    position = ROLE_ORDER.index(role)
    return ROLE_ORDER[position + 1] if position + 1 < len(ROLE_ORDER) else None


def item_problems(item: WorkItem, roles: ItemRoles) -> list[str]:
    """What breaks the RACI rules on one item, as short phrases ("no Accountable")."""
    found = []
    accountable = roles.accountable
    if not accountable:
        found.append("no Accountable")
    elif len(accountable) > 1:
        found.append(f"{len(accountable)} Accountables")
    if not item.is_milestone and not roles.responsible:
        found.append("no Responsible")
    return found


def _names(project: Project, person_ids: Iterable[str]) -> str:
    return ", ".join(project.people[p].name for p in person_ids if p in project.people)


def _held_roles(project: Project) -> dict[str, dict[str, RaciRole]]:
    """Item id -> person id -> role (the stronger one where a person holds two)."""
    held: dict[str, dict[str, RaciRole]] = {}
    for a in project.assignments.values():
        roles = held.setdefault(a.item_id, {})
        before = roles.get(a.person_id)
        if before is None or _strength(a.role) > _strength(before):
            roles[a.person_id] = a.role
    return held


def _timeline_order(
    project: Project, schedules: Mapping[str, ReleaseSchedule], items: list[WorkItem]
) -> list[WorkItem]:
    """``items`` by release, phase and scheduled start, as the timeline lists them."""
    phase_order = {phase: n for n, phase in enumerate(Phase)}

    def key(item: WorkItem) -> tuple:
        release = project.releases.get(item.release_id)
        schedule = schedules.get(item.release_id)
        scheduled = schedule is not None and item.id in schedule.index
        start = schedule.es[schedule.index[item.id]] if scheduled else 0
        return (release.name if release else "", phase_order[item.phase], start, item.name)

    return sorted(items, key=key)


def check_raci(project: Project, schedules: Mapping[str, ReleaseSchedule]) -> Iterable[PlanProblem]:
    """Items without exactly one Accountable and tasks without a Responsible."""
    # Imported here: plan_checks lists this check, so it imports this module first.
    from relplan.domain.plan_checks import PlanProblem

    held = _held_roles(project)
    none: dict[str, RaciRole] = {}
    breaking = []
    for item in project.items.values():
        roles = held.get(item.id, none)
        accountable = sum(1 for r in roles.values() if r is RaciRole.ACCOUNTABLE)
        responsible = any(r is RaciRole.RESPONSIBLE for r in roles.values())
        if accountable != 1 or (not responsible and not item.is_milestone):
            breaking.append(item)
    for item in _timeline_order(project, schedules, breaking):
        roles = held.get(item.id, none)
        accountable = [p for p, r in roles.items() if r is RaciRole.ACCOUNTABLE]
        responsible = [p for p, r in roles.items() if r is RaciRole.RESPONSIBLE]
        where = (item.release_id, (item.id,))
        if not accountable:
            yield PlanProblem(
                "warning",
                "RACI",
                f"'{item.name}' has no Accountable; make one person A for it in the RACI tab.",
                *where,
            )
        elif len(accountable) > 1:
            yield PlanProblem(
                "error",
                "RACI",
                f"'{item.name}' has {len(accountable)} Accountables "
                f"({_names(project, accountable)}); keep exactly one A.",
                *where,
            )
        if not item.is_milestone and not responsible:
            yield PlanProblem(
                "warning",
                "RACI",
                f"Task '{item.name}' has no Responsible; drag a person onto it or set R in "
                "the RACI tab.",
                *where,
            )
