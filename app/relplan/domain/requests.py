"""Change requests: their state machine, evaluation, decision, scope and the support loop.

A request moves new -> under evaluation -> approved / rejected / met by reconfiguration;
an approved request is scheduled into a release's scope (and may be taken out again) and
is delivered with it. Rejected, reconfigured and delivered requests are closed. After
go-live a bug is recorded as a new defect request linked to the release it was found in,
and the cycle starts again. Every function here is a pure edit returning a
:class:`~relplan.domain.edits.ChangeSet`; an illegal move raises :class:`EditError` naming
the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from relplan.domain.calendar import format_day
from relplan.domain.edits import (
    ChangeSet,
    EditError,
    RecordChange,
    add_record,
    remove_record,
    update_record,
)
from relplan.domain.model import (
    ChangeRequest,
    Decision,
    Phase,
    Priority,
    Project,
    Release,
    RequestStatus,
    RequestType,
    new_id,
)

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule

S = RequestStatus

STATUS_LABELS: dict[RequestStatus, str] = {
    S.NEW: "New",
    S.UNDER_EVALUATION: "Under evaluation",
    S.APPROVED: "Approved",
    S.REJECTED: "Rejected",
    S.RECONFIGURED: "Met by reconfiguration",
    S.SCHEDULED: "Scheduled",
    S.DELIVERED: "Delivered",
}

DECISION_LABELS: dict[Decision, str] = {
    Decision.APPROVE: "Approve",
    Decision.REJECT: "Reject",
    Decision.RECONFIGURE: "Met by reconfiguration",
}

# The status each decision leads to.
DECISION_STATUS: dict[Decision, RequestStatus] = {
    Decision.APPROVE: S.APPROVED,
    Decision.REJECT: S.REJECTED,
    Decision.RECONFIGURE: S.RECONFIGURED,
}

# Every legal move. Scheduled -> approved takes a request out of a release's scope again.
TRANSITIONS: dict[RequestStatus, tuple[RequestStatus, ...]] = {
    S.NEW: (S.UNDER_EVALUATION,),
    S.UNDER_EVALUATION: (S.APPROVED, S.REJECTED, S.RECONFIGURED),
    S.APPROVED: (S.SCHEDULED,),
    S.SCHEDULED: (S.DELIVERED, S.APPROVED),
    S.REJECTED: (),
    S.RECONFIGURED: (),
    S.DELIVERED: (),
}

CLOSED = frozenset({S.REJECTED, S.RECONFIGURED, S.DELIVERED})
DECIDED = frozenset({S.APPROVED, S.REJECTED, S.RECONFIGURED, S.SCHEDULED, S.DELIVERED})
# A request with a release in one of these states is part of that release's scope.
IN_SCOPE = frozenset({S.APPROVED, S.SCHEDULED, S.DELIVERED})
# A bug found after go-live belongs to a release that is being deployed or is live.
LIVE_PHASES = frozenset({Phase.DEPLOY, Phase.SUPPORT})

# Fields each kind of edit may change; status, decision and scope have their own edits.
DETAIL_FIELDS = frozenset(
    {"title", "type", "requester", "submitted", "priority", "description"}
    | {"user_impact", "user_steps", "audience_ids"}
)
EVALUATION_FIELDS = frozenset(
    {"rationale", "feasibility", "reconfiguration_possible", "reconfiguration_notes"}
)
DECISION_FIELDS = frozenset({"decided_by", "decided_on", "decision_reason"})


# --- the state machine ---------------------------------------------------------------------


def can_move(request: ChangeRequest, to: RequestStatus) -> bool:
    return RequestStatus(to) in TRANSITIONS[request.status]


def move_refusal(request: ChangeRequest, to: RequestStatus) -> str | None:
    """Why ``request`` may not move to ``to`` (one sentence for the planner), or None."""
    to = RequestStatus(to)
    name, now = _label(request), request.status
    if to in TRANSITIONS[now]:
        return None
    if to is now:
        return f"{name} is {STATUS_LABELS[now].lower()} already."
    if now is S.DELIVERED:
        return (
            f"{name} was delivered and is closed; record a post-release bug to take the "
            "topic up again as a new request."
        )
    if now is S.REJECTED:
        return (
            f"{name} was rejected{_on(request)} and is closed; submit a new request if the "
            "need comes back."
        )
    if now is S.RECONFIGURED:
        return (
            f"{name} was met by reconfiguring the version in production{_on(request)} and is "
            "closed; submit a new request if that no longer meets the need."
        )
    if to is S.NEW:
        return f"{name} is {STATUS_LABELS[now].lower()}; a request cannot go back to new."
    if now is S.NEW and to in (S.APPROVED, S.REJECTED, S.RECONFIGURED):
        return (
            f"{name} has not been evaluated yet; start its evaluation and record the rationale "
            "and feasibility before deciding."
        )
    if now in (S.APPROVED, S.SCHEDULED) and to in (S.UNDER_EVALUATION, S.REJECTED, S.RECONFIGURED):
        return (
            f"{name} was approved{_on(request)} and that decision stands; submit a new request "
            "to change it."
        )
    if to is S.SCHEDULED:
        return f"{name} is not approved yet; approve it before adding it to a release's scope."
    if to is S.DELIVERED and now is S.APPROVED:
        return (
            f"{name} is in no release's scope; schedule it into a release before marking it "
            "delivered."
        )
    if to is S.DELIVERED:
        return (
            f"{name} is not approved yet; approve it and schedule it into a release before "
            "marking it delivered."
        )
    return f"{name} cannot move from {STATUS_LABELS[now].lower()} to {STATUS_LABELS[to].lower()}."


def _require(request: ChangeRequest, to: RequestStatus) -> None:
    reason = move_refusal(request, to)
    if reason is not None:
        raise EditError(reason)


# --- new requests and their details ---------------------------------------------------------


def add_request(
    project: Project,
    title: str,
    type: RequestType = RequestType.CHANGE,
    requester: str = "",
    submitted: date | None = None,
    priority: Priority = Priority.MEDIUM,
    description: str = "",
    request_id: str | None = None,
) -> ChangeSet:
    """A new request (status new), as submitted by ``requester``."""
    request = ChangeRequest(
        id=request_id or new_id(),
        title=_clean_title(title),
        type=_enum(RequestType, type, "request type"),
        requester=requester.strip(),
        submitted=submitted,
        priority=_enum(Priority, priority, "priority"),
        description=description,
    )
    return add_record(project, request, f"Add request {_label(request)}")


def update_request(project: Project, request_id: str, **values) -> ChangeSet:
    """Change what was asked and the user-facing text: title, type, requester, date,
    priority, description, what changes for users, steps and audiences."""
    request = _get(project, request_id)
    wrong = set(values) - DETAIL_FIELDS
    if wrong:
        raise EditError(_which_edit(request, wrong))
    if "title" in values:
        values["title"] = _clean_title(values["title"])
    if "type" in values:
        values["type"] = _enum(RequestType, values["type"], "request type")
    if "priority" in values:
        values["priority"] = _enum(Priority, values["priority"], "priority")
    if "requester" in values:
        values["requester"] = str(values["requester"]).strip()
    if "user_steps" in values:
        values["user_steps"] = tuple(s.strip() for s in values["user_steps"] if s.strip())
    if "audience_ids" in values:
        values["audience_ids"] = tuple(dict.fromkeys(values["audience_ids"]))
        missing = [a for a in values["audience_ids"] if a not in project.audiences]
        if missing:
            raise EditError(
                f"There is no audience {missing[0]}; it may have been removed. "
                "Refresh the view and choose the audiences again."
            )
    return update_record(
        project, "change_requests", request_id, f"Edit {_label(request)}", **values
    )


def remove_request(project: Project, request_id: str) -> ChangeSet:
    request = _get(project, request_id)
    return dataclasses.replace(
        remove_record(project, "change_requests", request_id),
        description=f"Delete request {_label(request)}",
    )


# --- evaluation and decision ------------------------------------------------------------------


def start_evaluation(project: Project, request_id: str) -> ChangeSet:
    request = _get(project, request_id)
    _require(request, S.UNDER_EVALUATION)
    return _replace(
        project, request, f"Start evaluating {_label(request)}", status=S.UNDER_EVALUATION
    )


def evaluate(project: Project, request_id: str, **values) -> ChangeSet:
    """Record the rationale, feasibility and whether reconfiguring the version in production
    meets the need (and how). A new request goes under evaluation with its first note."""
    request = _get(project, request_id)
    wrong = set(values) - EVALUATION_FIELDS
    if wrong:
        raise EditError(_which_edit(request, wrong))
    if request.status not in (S.NEW, S.UNDER_EVALUATION):
        raise EditError(
            f"{_label(request)} was decided{_on(request)}; its evaluation is the record of that "
            "decision and can no longer change."
        )
    possible = values.get("reconfiguration_possible", request.reconfiguration_possible)
    if possible not in (None, True, False):
        raise EditError("Answer whether reconfiguring meets the request with yes, no or not yet.")
    if dataclasses.replace(request, **values) == request:
        return ChangeSet(f"Evaluate {_label(request)}")
    if request.status is S.NEW:
        values["status"] = S.UNDER_EVALUATION
    return _replace(project, request, f"Evaluate {_label(request)}", **values)


def decide(
    project: Project,
    request_id: str,
    decision: Decision,
    by: str,
    on: date | None,
    reason: str,
) -> ChangeSet:
    """Approve, reject or meet a request by reconfiguration, with who, when and why."""
    request = _get(project, request_id)
    decision = _enum(Decision, decision, "decision")
    to = DECISION_STATUS[decision]
    _require(request, to)
    missing = _missing_evaluation(request)
    if missing:
        raise EditError(
            f"Record the {missing} of {_label(request)} in its evaluation before deciding."
        )
    if decision is Decision.RECONFIGURE and (
        not request.reconfiguration_possible or not request.reconfiguration_notes.strip()
    ):
        raise EditError(
            f"The evaluation of {_label(request)} does not say how reconfiguring the version "
            "in production meets it; answer yes and describe how before deciding so."
        )
    details = _decision_details(by, on, reason)
    verb = {Decision.APPROVE: "Approve", Decision.REJECT: "Reject"}.get(decision, "Reconfigure for")
    return _replace(
        project, request, f"{verb} {_label(request)}", status=to, decision=decision, **details
    )


def update_decision(project: Project, request_id: str, **values) -> ChangeSet:
    """Correct who decided, when and why; the decision itself stands."""
    request = _get(project, request_id)
    wrong = set(values) - DECISION_FIELDS
    if wrong:
        raise EditError(_which_edit(request, wrong))
    if request.status not in DECIDED:
        raise EditError(
            f"{_label(request)} has no decision yet; approve, reject or meet it by "
            "reconfiguration first."
        )
    merged = {
        "by": values.get("decided_by", request.decided_by),
        "on": values.get("decided_on", request.decided_on),
        "reason": values.get("decision_reason", request.decision_reason),
    }
    details = _decision_details(**merged)
    return update_record(
        project,
        "change_requests",
        request_id,
        f"Edit the decision on {_label(request)}",
        **details,
    )


def _missing_evaluation(request: ChangeRequest) -> str:
    missing = [
        what
        for what, value in (
            ("rationale", request.rationale.strip()),
            ("feasibility", request.feasibility.strip()),
            ("answer whether reconfiguring meets it", request.reconfiguration_possible is not None),
        )
        if not value
    ]
    return " and the ".join(missing)


def _decision_details(by: str, on: date | None, reason: str) -> dict[str, object]:
    by, reason = str(by).strip(), str(reason).strip()
    if not by:
        raise EditError("Say who took the decision (a person or a board such as the CAB).")
    if on is None:
        raise EditError("Give the date of the decision.")
    if not reason:
        raise EditError("Give the reason for the decision; it is kept with the request.")
    return {"decided_by": by, "decided_on": on, "decision_reason": reason}


# --- scope and delivery -----------------------------------------------------------------------


def schedule_requests(project: Project, request_ids: Iterable[str], release_id: str) -> ChangeSet:
    """Put approved requests into the scope of a release (one undo step for them all).

    A request in another release's scope moves to this one; requests already in it are
    left alone, so dropping the same request twice does nothing.
    """
    release = _release(project, release_id)
    if release.phase is Phase.SUPPORT:
        raise EditError(
            f"{release.name} is live already; add requests to the scope of a coming release."
        )
    changes: list[RecordChange] = []
    names: list[str] = []
    for request_id in dict.fromkeys(request_ids):
        request = _get(project, request_id)
        if request.status is S.SCHEDULED and request.release_id == release_id:
            continue
        if request.status is not S.SCHEDULED:
            _require(request, S.SCHEDULED)
        after = dataclasses.replace(request, status=S.SCHEDULED, release_id=release_id)
        changes.append(RecordChange("change_requests", request.id, request, after))
        names.append(_label(request))
    what = names[0] if len(names) == 1 else f"{len(names)} requests"  # 0: an empty set
    return ChangeSet(f"Add {what} to the scope of {release.name}", tuple(changes))


def unschedule_request(project: Project, request_id: str) -> ChangeSet:
    """Take a scheduled request out of its release's scope; it stays approved."""
    request = _get(project, request_id)
    _require(request, S.APPROVED)
    release = project.releases.get(request.release_id or "")
    where = f" of {release.name}" if release is not None else ""
    return _replace(
        project,
        request,
        f"Take {_label(request)} out of the scope{where}",
        status=S.APPROVED,
        release_id=None,
    )


def deliver_request(project: Project, request_id: str) -> ChangeSet:
    request = _get(project, request_id)
    _require(request, S.DELIVERED)
    return _replace(project, request, f"Mark {_label(request)} delivered", status=S.DELIVERED)


def record_post_release_bug(
    project: Project,
    release_id: str,
    title: str,
    requester: str = "",
    submitted: date | None = None,
    priority: Priority = Priority.HIGH,
    description: str = "",
    request_id: str | None = None,
) -> ChangeSet:
    """A bug found in production after go-live, as a new defect request linked to the
    release it was found in (``origin_release_id``); it is then evaluated like any other."""
    release = _release(project, release_id)
    if release.phase not in LIVE_PHASES:
        raise EditError(
            f"{release.name} has not gone live yet (it is in {release.phase.label}); record "
            "defects found before go-live with its test cycles."
        )
    request = ChangeRequest(
        id=request_id or new_id(),
        title=_clean_title(title),
        type=RequestType.DEFECT,
        requester=requester.strip(),
        submitted=submitted,
        priority=_enum(Priority, priority, "priority"),
        description=description,
        origin_release_id=release.id,
    )
    return add_record(project, request, f"Record post-release bug {_label(request)}")


def live_releases(project: Project) -> list[Release]:
    """Releases that have gone live (Deploy or Support), where post-release bugs are found."""
    found = [r for r in project.releases.values() if r.phase in LIVE_PHASES]
    return sorted(found, key=lambda r: (r.start, r.name), reverse=True)


def release_scope(project: Project, release_id: str) -> list[ChangeRequest]:
    """The requests in the scope of a release (approved, scheduled or delivered), by title."""
    return sorted(
        (
            r
            for r in project.change_requests.values()
            if r.release_id == release_id and r.status in IN_SCOPE
        ),
        key=lambda r: r.title.casefold(),
    )


# --- plan checks ----------------------------------------------------------------------------


def request_problems(
    project: Project, schedules: Mapping[str, ReleaseSchedule]
) -> Iterable[PlanProblem]:
    """Scope rules: approved work in no release, unapproved work in a scope, scheduled work
    left behind by a live release, and scope the training handout cannot describe."""
    # Imported here: plan_checks lists this check, so it imports this module first.
    from relplan.domain.plan_checks import PlanProblem

    for request in sorted(project.change_requests.values(), key=lambda r: r.title.casefold()):
        name, status = _label(request), request.status
        release = project.releases.get(request.release_id or "")
        if status is S.APPROVED and release is None:
            yield PlanProblem(
                "warning",
                "Scope",
                f"{name} is approved but in no release's scope; add it to a release in the "
                "Requests tab.",
            )
        elif status in (S.SCHEDULED, S.DELIVERED) and release is None:
            yield PlanProblem(
                "error",
                "Scope",
                f"{name} is {STATUS_LABELS[status].lower()} but names no release; add it to "
                "the scope of the release that carries it.",
            )
        elif release is not None and status not in IN_SCOPE:
            severity = "error" if status in CLOSED else "warning"
            yield PlanProblem(
                severity,
                "Scope",
                f"{name} is in the scope of {release.name} but is "
                f"{STATUS_LABELS[status].lower()}; decide on it or take it out of the scope.",
                release.id,
            )
        elif release is not None and status is S.SCHEDULED and release.phase is Phase.SUPPORT:
            yield PlanProblem(
                "warning",
                "Scope",
                f"{release.name} is live but {name} is still only scheduled; mark it delivered "
                "or move it to a coming release.",
                release.id,
            )
        elif release is not None and status is S.SCHEDULED and not request.user_impact.strip():
            yield PlanProblem(
                "warning",
                "Request",
                f"{name} in the scope of {release.name} does not say what changes for users; "
                "write it in the Requests tab, the training handout needs it.",
                release.id,
            )
        if status in DECIDED and not (
            request.decided_by and request.decided_on and request.decision_reason
        ):
            yield PlanProblem(
                "warning",
                "Request",
                f"The decision on {name} does not say who took it, when and why; complete it "
                "in the Requests tab.",
                release.id if release is not None else None,
            )


# --- helpers --------------------------------------------------------------------------------


def _get(project: Project, request_id: str) -> ChangeRequest:
    try:
        return project.change_requests[request_id]
    except KeyError:
        raise EditError(
            f"There is no change request {request_id}; it may have been removed. "
            "Refresh the view and try again."
        ) from None


def _release(project: Project, release_id: str) -> Release:
    try:
        return project.releases[release_id]
    except KeyError:
        raise EditError(
            f"There is no release {release_id}; it may have been removed. Choose another one."
        ) from None


def _replace(project: Project, request: ChangeRequest, description: str, **values) -> ChangeSet:
    return update_record(project, "change_requests", request.id, description, **values)


def _label(request: ChangeRequest) -> str:
    return f"'{request.title}'"


def _on(request: ChangeRequest) -> str:
    return f" on {format_day(request.decided_on)}" if request.decided_on else ""


def _clean_title(title: str) -> str:
    title = " ".join(str(title).split())
    if not title:
        raise EditError("A request needs a title; type one.")
    if len(title) > 500:
        raise EditError("A request title can be at most 500 characters; shorten it.")
    return title


def _enum(enum: type, value: object, what: str):
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise EditError(f"{value!r} is not a {what}; choose one of {choices}.") from None


def _which_edit(request: ChangeRequest, fields: set[str]) -> str:
    """Which edit changes ``fields``, for a caller that asked the wrong one."""
    if fields & {"status", "release_id", "decision"}:
        return (
            f"The status, decision and release of {_label(request)} change only through "
            "its evaluation, decision and scope."
        )
    if fields & EVALUATION_FIELDS:
        return f"Change the evaluation of {_label(request)} through its evaluation."
    if fields & DECISION_FIELDS:
        return f"Change who decided on {_label(request)}, when and why through its decision."
    return f"{', '.join(sorted(fields))} cannot be changed on {_label(request)}."
