"""Gates and sign-offs: a gate's status from its checklist and sign-offs, and their edits.

Every phase ends at a gate: a milestone, a checklist and the roles that must sign
(DESIGN.md §1). The go/no-go gate at the end of Test needs the development lead AND the
product owner; until every required role has signed "go" (or the gate is overridden with a
written reason) the release's Deploy items are blocked. Roles match case-insensitively.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from relplan.domain.edits import ChangeSet, EditError, RecordChange, add_record, update_record
from relplan.domain.model import (
    Checklist,
    ChecklistEntry,
    Gate,
    Person,
    Phase,
    Project,
    SignOff,
    SignOffDecision,
    new_id,
)

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule

GO_NO_GO_PHASE = Phase.TEST
GO_NO_GO_ROLES: tuple[str, ...] = ("Development lead", "Product owner")


class GateState(StrEnum):
    OPEN = "open"  # checklist entries open, sign-offs missing
    READY = "ready"  # checklist done, sign-offs missing
    PASSED = "passed"  # every required role signed go
    NO_GO = "no_go"  # a required role signed no-go
    OVERRIDDEN = "overridden"  # passed without every sign-off, for a written reason

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    GateState.OPEN: "Open",
    GateState.READY: "Ready to sign",
    GateState.PASSED: "Passed",
    GateState.NO_GO: "No-go",
    GateState.OVERRIDDEN: "Overridden",
}


def same_role(a: str, b: str) -> bool:
    """Roles are names typed by people: "QA lead" and "qa  Lead" are the same role."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@dataclass(frozen=True, slots=True)
class RoleSignOff:
    """A required role of a gate and its sign-off record (None: nobody designated yet)."""

    role: str
    sign_off: SignOff | None

    @property
    def decision(self) -> SignOffDecision | None:
        return self.sign_off.decision if self.sign_off is not None else None


@dataclass(frozen=True, slots=True)
class GateStatus:
    """Where a gate stands: its state, checklist entries and one sign-off per required role."""

    gate: Gate
    state: GateState
    entries: tuple[ChecklistEntry, ...]
    roles: tuple[RoleSignOff, ...]

    @property
    def cleared(self) -> bool:
        """True when the gate lets the next phase go ahead (passed or overridden)."""
        return self.state in (GateState.PASSED, GateState.OVERRIDDEN)

    @property
    def done(self) -> int:
        return sum(1 for e in self.entries if e.done)

    @property
    def open_entries(self) -> tuple[ChecklistEntry, ...]:
        return tuple(e for e in self.entries if not e.done)

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """Required roles that have not signed yet."""
        return tuple(r.role for r in self.roles if r.decision is None)

    @property
    def refused_by(self) -> tuple[str, ...]:
        """Required roles that signed no-go."""
        return tuple(r.role for r in self.roles if r.decision is SignOffDecision.NO_GO)

    def summary(self) -> str:
        """One line for lists: "Passed", "Waiting for the Product owner", "No-go from ..."."""
        if self.state is GateState.OVERRIDDEN:
            return f"Overridden: {self.gate.override_reason}"
        if self.state is GateState.NO_GO:
            return f"No-go from the {and_list(self.refused_by)}"
        if self.state is GateState.PASSED:
            return "Passed"
        if self.waiting_for:
            return f"Waiting for the {and_list(self.waiting_for)}"
        return f"{len(self.open_entries)} checklist entries open"


def and_list(words: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# --- reading -------------------------------------------------------------------------------


def release_gates(project: Project, release_id: str) -> list[Gate]:
    """The gates of a release in phase order."""
    gates = [g for g in project.gates.values() if g.release_id == release_id]
    return sorted(gates, key=lambda g: (g.phase.order, g.name.casefold()))


def sign_offs_of(project: Project, gate_id: str) -> list[SignOff]:
    return [s for s in project.sign_offs.values() if s.gate_id == gate_id]


def checklist_entries(project: Project, gate: Gate) -> tuple[ChecklistEntry, ...]:
    checklist = project.checklists.get(gate.checklist_id or "")
    return checklist.entries if checklist is not None else ()


def gate_status(project: Project, gate: Gate | str) -> GateStatus:
    """The state of ``gate`` (a record or an id) from its checklist, sign-offs and override."""
    if isinstance(gate, str):
        gate = project.gates[gate]
    entries = checklist_entries(project, gate)
    sign_offs = sign_offs_of(project, gate.id)
    roles = []
    for role in gate.required_roles:
        matching = [s for s in sign_offs if same_role(s.role, role)]
        # A signed record wins over a placeholder naming who is expected to sign.
        matching.sort(key=lambda s: (s.decision is None, s.signed_at or datetime.min))
        roles.append(RoleSignOff(role, matching[0] if matching else None))
    decisions = [r.decision for r in roles]
    checklist_done = all(e.done for e in entries)
    # Without required roles, the checklist alone decides.
    signed = all(d is SignOffDecision.GO for d in decisions) if roles else checklist_done
    if signed:
        state = GateState.PASSED
    elif gate.override_reason.strip():
        state = GateState.OVERRIDDEN
    elif SignOffDecision.NO_GO in decisions:
        state = GateState.NO_GO
    else:
        state = GateState.READY if checklist_done else GateState.OPEN
    return GateStatus(gate, state, entries, tuple(roles))


def go_no_go_gate(project: Project, release_id: str) -> Gate | None:
    """The gate at the end of Test, which Deploy waits for (None if the release has none)."""
    return next((g for g in release_gates(project, release_id) if g.phase is GO_NO_GO_PHASE), None)


def deploy_blocker(project: Project, release_id: str) -> GateStatus | None:
    """The go/no-go gate's status while it holds Deploy back; None when Deploy may go ahead."""
    gate = go_no_go_gate(project, release_id)
    if gate is None:
        return None
    status = gate_status(project, gate)
    return None if status.cleared else status


def blocked_items(project: Project, release_id: str) -> list[str]:
    """Ids of the release's unfinished Deploy items while the go/no-go gate is not cleared."""
    if deploy_blocker(project, release_id) is None:
        return []
    return [
        item.id
        for item in project.items.values()
        if item.release_id == release_id and item.phase is Phase.DEPLOY and item.progress < 100
    ]


def suggested_signer(project: Project, gate: Gate, role: str) -> Person | None:
    """Who should sign for ``role``: the person named on its sign-off, else one with the role."""
    for sign_off in sign_offs_of(project, gate.id):
        if same_role(sign_off.role, role) and sign_off.person_id in project.people:
            return project.people[sign_off.person_id]
    people = sorted(project.people.values(), key=lambda p: p.name.casefold())
    return next((p for p in people if same_role(p.role, role)), None)


# --- edits ---------------------------------------------------------------------------------


def _gate(project: Project, gate_id: str) -> Gate:
    try:
        return project.gates[gate_id]
    except KeyError:
        raise EditError(
            "That gate no longer exists; it may have been removed. Refresh the view."
        ) from None


def _required_role(gate: Gate, role: str) -> str:
    """The gate's own spelling of ``role``; refuses a role the gate does not ask for."""
    for required in gate.required_roles:
        if same_role(required, role):
            return required
    roles = and_list(gate.required_roles) or "nobody"
    raise EditError(
        f"'{role}' does not sign '{gate.name}'; the roles that sign it are {roles}. "
        "Add the role to the gate first."
    )


def sign_gate(
    project: Project,
    gate_id: str,
    role: str,
    person_id: str,
    decision: SignOffDecision | str,
    at: datetime,
    comment: str = "",
) -> ChangeSet:
    """``person`` signs ``gate`` for ``role``: go or no-go, when, with a comment.

    Replaces what was signed for that role before; a no-go needs a comment saying why.
    """
    gate = _gate(project, gate_id)
    role = _required_role(gate, role)
    person = project.people.get(person_id)
    if person is None:
        raise EditError("Choose who signs; that person is not in the project.")
    try:
        decision = SignOffDecision(decision)
    except ValueError:
        raise EditError("A sign-off is either go or no-go; choose one.") from None
    comment = comment.strip()
    if decision is SignOffDecision.NO_GO and not comment:
        raise EditError("A no-go needs a comment that says what must change; write one.")
    word = "go" if decision is SignOffDecision.GO else "no-go"
    description = f"{person.name} signs '{gate.name}' {word} as {role}"
    values = {"person_id": person_id, "decision": decision, "signed_at": at, "comment": comment}
    existing = [s for s in sign_offs_of(project, gate.id) if same_role(s.role, role)]
    if not existing:
        return add_record(project, SignOff(new_id(), gate.id, role, **values), description)
    changes = update_record(project, "sign_offs", existing[0].id, description, **values)
    # Duplicates for the role (hand-edited files) go, so the gate shows one answer per role.
    extra = tuple(RecordChange("sign_offs", s.id, s, None) for s in existing[1:])
    return ChangeSet(description, changes.changes + extra)


def withdraw_sign_off(project: Project, gate_id: str, role: str) -> ChangeSet:
    """Take back what ``role`` signed; the person expected to sign stays named."""
    gate = _gate(project, gate_id)
    role = _required_role(gate, role)
    signed = [
        s
        for s in sign_offs_of(project, gate.id)
        if same_role(s.role, role) and s.decision is not None
    ]
    if not signed:
        raise EditError(f"Nobody has signed '{gate.name}' as {role}; there is nothing to withdraw.")
    changes: list[RecordChange] = []
    for sign_off in signed:
        after = dataclasses.replace(sign_off, decision=None, signed_at=None, comment="")
        changes.append(RecordChange("sign_offs", sign_off.id, sign_off, after))
    return ChangeSet(f"Withdraw the {role}'s sign-off of '{gate.name}'", tuple(changes))


def override_gate(project: Project, gate_id: str, reason: str, by: str, at: datetime) -> ChangeSet:
    """Let the next phase go ahead without every sign-off; the written reason is kept."""
    gate = _gate(project, gate_id)
    reason = " ".join(reason.split())
    if not reason:
        raise EditError(
            f"Overriding '{gate.name}' needs a written reason; say why it may pass unsigned."
        )
    if not by.strip():
        raise EditError("Say who overrides the gate.")
    if gate_status(project, gate).state is GateState.PASSED:
        raise EditError(f"'{gate.name}' has passed with every sign-off; it needs no override.")
    return update_record(
        project,
        "gates",
        gate.id,
        f"Override '{gate.name}'",
        override_reason=reason,
        overridden_by=by.strip(),
        overridden_at=at,
    )


def clear_override(project: Project, gate_id: str) -> ChangeSet:
    gate = _gate(project, gate_id)
    if not gate.override_reason:
        raise EditError(f"'{gate.name}' is not overridden.")
    return update_record(
        project,
        "gates",
        gate.id,
        f"Withdraw the override of '{gate.name}'",
        override_reason="",
        overridden_by="",
        overridden_at=None,
    )


def set_required_roles(project: Project, gate_id: str, roles: Iterable[str]) -> ChangeSet:
    """Change who must sign a gate; the go/no-go gate keeps its two roles."""
    gate = _gate(project, gate_id)
    cleaned: list[str] = []
    for role in roles:
        role = " ".join(role.split())
        if role and not any(same_role(role, r) for r in cleaned):
            cleaned.append(role)
    if gate.phase is GO_NO_GO_PHASE:
        missing = [r for r in GO_NO_GO_ROLES if not any(same_role(r, c) for c in cleaned)]
        if missing:
            raise EditError(
                f"The go/no-go gate '{gate.name}' must be signed by the "
                f"{and_list(GO_NO_GO_ROLES)}; keep {and_list(missing)} among its roles."
            )
    return update_record(
        project,
        "gates",
        gate.id,
        f"Set who signs '{gate.name}'",
        required_roles=tuple(cleaned),
    )


# --- checklists ----------------------------------------------------------------------------


def _checklist(project: Project, checklist_id: str) -> Checklist:
    try:
        return project.checklists[checklist_id]
    except KeyError:
        raise EditError("That checklist no longer exists; refresh the view.") from None


def _entry_index(checklist: Checklist, entry_id: str) -> int:
    for n, entry in enumerate(checklist.entries):
        if entry.id == entry_id:
            return n
    raise EditError("That checklist entry no longer exists; refresh the view.")


def set_entry_done(
    project: Project,
    checklist_id: str,
    entry_id: str,
    done: bool,
    by: str = "",
    at: datetime | None = None,
) -> ChangeSet:
    """Tick (with who and when) or untick one checklist entry."""
    checklist = _checklist(project, checklist_id)
    n = _entry_index(checklist, entry_id)
    entry = checklist.entries[n]
    if done:
        if not by.strip() or at is None:
            raise EditError("A ticked entry records who ticked it and when; say who you are.")
        after = dataclasses.replace(entry, done=True, done_by=by.strip(), done_at=at)
        description = f"Tick '{_short(entry.text)}'"
    else:
        after = dataclasses.replace(entry, done=False, done_by="", done_at=None)
        description = f"Untick '{_short(entry.text)}'"
    if after == entry:
        return ChangeSet(description)
    entries = (*checklist.entries[:n], after, *checklist.entries[n + 1 :])
    return update_record(project, "checklists", checklist.id, description, entries=entries)


def add_checklist_entry(project: Project, gate_id: str, text: str) -> ChangeSet:
    """Add an entry to a gate's checklist (creating the checklist if the gate has none)."""
    gate = _gate(project, gate_id)
    text = " ".join(text.split())
    if not text:
        raise EditError("A checklist entry needs text; type what must be done.")
    entry = ChecklistEntry(new_id(), text)
    description = f"Add '{_short(text)}' to '{gate.name}'"
    checklist = project.checklists.get(gate.checklist_id or "")
    if checklist is not None:
        return update_record(
            project, "checklists", checklist.id, description, entries=(*checklist.entries, entry)
        )
    checklist = Checklist(new_id(), f"{gate.name} checklist", (entry,))
    after = dataclasses.replace(gate, checklist_id=checklist.id)
    return ChangeSet(
        description,
        (
            RecordChange("checklists", checklist.id, None, checklist),
            RecordChange("gates", gate.id, gate, after),
        ),
    )


def remove_checklist_entry(project: Project, checklist_id: str, entry_id: str) -> ChangeSet:
    checklist = _checklist(project, checklist_id)
    n = _entry_index(checklist, entry_id)
    entries = checklist.entries[:n] + checklist.entries[n + 1 :]
    text = _short(checklist.entries[n].text)
    return update_record(project, "checklists", checklist.id, f"Remove '{text}'", entries=entries)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- problems ------------------------------------------------------------------------------


def gate_problems(
    project: Project, schedules: Mapping[str, ReleaseSchedule]
) -> Iterable[PlanProblem]:
    """Deploy blocked by the go/no-go gate, no-go answers, gates signed with open checklists."""
    from relplan.domain.plan_checks import PlanProblem  # plan_checks lists this check

    gates_by_release: dict[str, list[Gate]] = {}
    for gate in project.gates.values():
        gates_by_release.setdefault(gate.release_id, []).append(gate)
    for release_id, gates in gates_by_release.items():
        release = project.releases.get(release_id)
        if release is None:
            continue
        deploy = [i for i in project.release_items(release_id) if i.phase is Phase.DEPLOY]
        go_no_go = go_no_go_gate(project, release_id)
        if go_no_go is None and deploy:
            yield PlanProblem(
                "warning",
                "Gate",
                f"'{release.name}' has no go/no-go gate at the end of Test; add one so that "
                f"Deploy waits for the {and_list(GO_NO_GO_ROLES)}.",
                release_id,
            )
        for gate in sorted(gates, key=lambda g: g.phase.order):
            status = gate_status(project, gate)
            where = _where(gate)
            if gate is go_no_go:
                yield from _go_no_go_problems(project, release.name, status, deploy, PlanProblem)
            elif status.state is GateState.NO_GO:
                yield PlanProblem(
                    "error",
                    "Gate",
                    f"The {and_list(status.refused_by)} signed no-go on '{gate.name}' of "
                    f"'{release.name}'; resolve what the comment names and ask for a new "
                    "sign-off.",
                    release_id,
                    where,
                )
            if status.state is GateState.PASSED and status.roles and status.open_entries:
                count = len(status.open_entries)
                entries = "entry is" if count == 1 else "entries are"
                yield PlanProblem(
                    "warning",
                    "Checklist",
                    f"'{gate.name}' of '{release.name}' is signed but {count} checklist "
                    f"{entries} still open; tick them or withdraw the sign-offs.",
                    release_id,
                    where,
                )


def _go_no_go_problems(project, release_name, status: GateStatus, deploy, PlanProblem):
    gate = status.gate
    missing = [r for r in GO_NO_GO_ROLES if not any(same_role(r, g) for g in gate.required_roles)]
    if missing:
        yield PlanProblem(
            "error",
            "Gate",
            f"The go/no-go gate '{gate.name}' of '{release_name}' must be signed by the "
            f"{and_list(GO_NO_GO_ROLES)}; add {and_list(missing)} to its roles.",
            gate.release_id,
            _where(gate),
        )
    blocked = tuple(i.id for i in deploy if i.progress < 100)
    if status.cleared or not blocked:
        return
    if status.state is GateState.NO_GO:
        yield PlanProblem(
            "error",
            "Gate",
            f"Deploy of '{release_name}' is blocked: the {and_list(status.refused_by)} signed "
            f"no-go on '{gate.name}'; resolve what the comment names and ask again, or "
            "override the gate with a written reason.",
            gate.release_id,
            _where(gate) + blocked,
        )
        return
    if status.waiting_for:
        waiting = status.waiting_for
        verb = "signs" if len(waiting) == 1 else "sign"
        until = f"the {and_list(waiting)} {verb} '{gate.name}' go"
    else:
        until = f"the checklist of '{gate.name}' is done"
    yield PlanProblem(
        "warning",
        "Gate",
        f"Deploy of '{release_name}' is blocked until {until}; ask for the sign-off, or "
        "override the gate with a written reason.",
        gate.release_id,
        _where(gate) + blocked,
    )


def _where(gate: Gate) -> tuple[str, ...]:
    return (gate.milestone_id,) if gate.milestone_id else ()
