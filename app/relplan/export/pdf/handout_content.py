"""What a training handout says: the features an audience gets, tips, sessions and contacts.

Plain data from the release facts (no ReportLab), so the rules (which change requests an
audience sees, whom to ask about what) are easy to read and test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relplan.domain.model import (
    Audience,
    ChangeRequest,
    Person,
    Phase,
    RaciRole,
    RequestStatus,
    RequestType,
    TrainingSession,
)
from relplan.export.pdf.facts import ReleaseFacts, request_key, request_name, weekday


@dataclass(frozen=True)
class Feature:
    """One change request as the audience sees it."""

    request: ChangeRequest
    key: str
    name: str
    impact: str
    steps: tuple[str, ...]
    tips: tuple[str, ...]
    audiences: tuple[str, ...]


@dataclass
class Contact:
    person: Person
    reasons: list[str] = field(default_factory=list)


def features(facts: ReleaseFacts, audience: Audience | None) -> list[Feature]:
    """The in-scope change requests for ``audience`` (all of them for None)."""
    project = facts.project
    sessions = sessions_for(facts, audience)
    out = []
    for cr in facts.scope:
        if audience is not None and cr.audience_ids and audience.id not in cr.audience_ids:
            continue
        names = tuple(project.audiences[a].name for a in cr.audience_ids if a in project.audiences)
        out.append(
            Feature(
                cr,
                request_key(cr),
                # A defect's title names the problem; users read that it is gone.
                f"Fixed: {request_name(cr)}" if cr.type is RequestType.DEFECT else request_name(cr),
                cr.user_impact or cr.description,
                cr.user_steps,
                _tips(facts, cr, sessions),
                names,
            )
        )
    return out


def _tips(facts: ReleaseFacts, cr: ChangeRequest, sessions: list[TrainingSession]) -> tuple:
    tips = []
    if cr.status is RequestStatus.APPROVED:
        tips.append("Approved for this release and still being scheduled; the date may change.")
    elif cr.status is RequestStatus.DELIVERED:
        tips.append("Already available.")
    elif facts.go_live is not None:
        tips.append(f"Available from the go-live on {weekday(facts.go_live)}.")
    if cr.type is RequestType.DEFECT and cr.origin_release_id in facts.project.releases:
        origin = facts.project.releases[cr.origin_release_id].name
        tips.append(f"This fixes a problem found in {origin}.")
    if sessions:
        first = sessions[0]
        tips.append(f"Shown in the training '{first.title}' on {weekday(first.on)}.")
    owners = feature_contacts(facts, cr)
    if owners:
        names = " or ".join(f"{p.name} ({p.role})" if p.role else p.name for p in owners)
        tips.append(f"Questions about this change: {names}.")
    return tuple(tips)


def feature_contacts(facts: ReleaseFacts, cr: ChangeRequest) -> list[Person]:
    """Who is accountable for the work items that name this change request's key."""
    key = request_key(cr)
    if not key:
        return []
    found: dict[str, Person] = {}
    for item in facts.items:
        if key in item.name:
            for person in facts.raci.get(item.id, {}).get(RaciRole.ACCOUNTABLE, []):
                found[person.id] = person
    return list(found.values())


def sessions_for(facts: ReleaseFacts, audience: Audience | None) -> list[TrainingSession]:
    if audience is None:
        return list(facts.sessions)
    return [s for s in facts.sessions if s.audience_id == audience.id]


def contacts(facts: ReleaseFacts, audience: Audience | None, shown: list[Feature]) -> list[Contact]:
    """Whom to ask, from the RACI: feature owners, trainers, support after go-live, owner."""
    found: dict[str, Contact] = {}

    def add(person: Person | None, reason: str) -> None:
        if person is None:
            return
        entry = found.setdefault(person.id, Contact(person))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    for feature in shown:
        for person in feature_contacts(facts, feature.request):
            add(person, f"{feature.name}")
    for session in sessions_for(facts, audience):
        add(facts.person(session.trainer_id), "Training sessions")
    # Problems after the go-live go to whoever runs the first Support-phase task.
    support = [it for it in facts.items if it.phase is Phase.SUPPORT and not it.is_milestone]
    if support:
        first = min(support, key=lambda it: facts.dates[it.id].start_index)
        roles = facts.raci.get(first.id, {})
        for role in (RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE):
            for person in roles.get(role, []):
                add(person, f"Problems after the go-live ({first.name})")
    add(facts.owner, "The release as a whole")
    return sorted(found.values(), key=lambda c: (-len(c.reasons), c.person.name.casefold()))
