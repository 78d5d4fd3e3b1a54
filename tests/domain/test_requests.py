"""Change requests: the state machine, evaluation and decision, scope, delivery and the
support loop, and the scope rules in the problems list."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from relplan.domain import requests
from relplan.domain.edits import EditError, apply_changes
from relplan.domain.model import (
    Audience,
    ChangeRequest,
    Decision,
    Phase,
    Priority,
    Project,
    Release,
    RequestStatus,
    RequestType,
)
from relplan.domain.plan_checks import plan_problems
from relplan.domain.requests import TRANSITIONS, move_refusal
from relplan.samples import sample_project

S = RequestStatus
CAB_DAY = date(2027, 1, 12)


@pytest.fixture
def project() -> Project:
    """Release 2.4 in Build, 2.3 live in Support; one audience; one request in each status."""
    project = Project("Shop")
    project.add(Release("r24", "Shop 2.4", start=date(2027, 1, 4), phase=Phase.BUILD))
    project.add(Release("r23", "Shop 2.3", start=date(2026, 6, 1), phase=Phase.SUPPORT))
    project.add(Audience("cashiers", "Cashiers"))
    for status in S:
        project.add(_request(status))
    return project


def _request(status: RequestStatus, **values) -> ChangeRequest:
    decided = status in requests.DECIDED
    evaluated = status is not S.NEW
    reconfigurable = status in (S.UNDER_EVALUATION, S.RECONFIGURED)
    decision = {
        S.REJECTED: Decision.REJECT,
        S.RECONFIGURED: Decision.RECONFIGURE,
    }.get(status, Decision.APPROVE)
    fields = {
        "id": status.value,
        "title": f"Request {status.value}",
        "status": status,
        "rationale": "Customers ask for it." if evaluated else "",
        "feasibility": "Two weeks of work." if evaluated else "",
        "reconfiguration_possible": reconfigurable if evaluated else None,
        "reconfiguration_notes": "Set the limit in Admin." if reconfigurable else "",
        "decision": decision if decided else None,
        "decided_by": "CAB" if decided else "",
        "decided_on": CAB_DAY if decided else None,
        "decision_reason": "Worth it." if decided else "",
        "release_id": "r24" if status in (S.SCHEDULED, S.DELIVERED) else None,
        "user_impact": "Cashiers see it." if status in (S.SCHEDULED, S.DELIVERED) else "",
    }
    fields.update(values)
    return ChangeRequest(**fields)


def _apply(project: Project, changes) -> ChangeRequest | None:
    apply_changes(project, changes)
    return changes


def _move(project: Project, request_id: str, to: RequestStatus):
    """The edit a planner uses to move a request to ``to``."""
    if to is S.UNDER_EVALUATION:
        return requests.start_evaluation(project, request_id)
    if to in (S.APPROVED, S.REJECTED, S.RECONFIGURED):
        request = project.change_requests[request_id]
        if to is S.APPROVED and request.status is S.SCHEDULED:
            return requests.unschedule_request(project, request_id)
        decision = {v: k for k, v in requests.DECISION_STATUS.items()}[to]
        return requests.decide(project, request_id, decision, "CAB", CAB_DAY, "Because.")
    if to is S.SCHEDULED:
        return requests.schedule_requests(project, [request_id], "r24")
    if to is S.DELIVERED:
        return requests.deliver_request(project, request_id)
    raise EditError(move_refusal(project.change_requests[request_id], to) or "")


# --- the state machine ----------------------------------------------------------------------


def test_the_legal_moves_are_exactly_those_of_the_lifecycle():
    assert TRANSITIONS == {
        S.NEW: (S.UNDER_EVALUATION,),
        S.UNDER_EVALUATION: (S.APPROVED, S.REJECTED, S.RECONFIGURED),
        S.APPROVED: (S.SCHEDULED,),
        S.SCHEDULED: (S.DELIVERED, S.APPROVED),
        S.REJECTED: (),
        S.RECONFIGURED: (),
        S.DELIVERED: (),
    }


@pytest.mark.parametrize(
    ("start", "to"),
    [(a, b) for a, targets in TRANSITIONS.items() for b in targets],
    ids=lambda s: s.value,
)
def test_every_legal_move_is_made_and_undone_exactly(project, start, to):
    before = project.change_requests[start.value]
    changes = _move(project, start.value, to)
    apply_changes(project, changes)
    assert project.change_requests[start.value].status is to
    apply_changes(project, changes.inverted())
    assert project.change_requests[start.value] == before


@pytest.mark.parametrize(
    ("start", "to"),
    [(a, b) for a, b in itertools.product(S, S) if b not in TRANSITIONS[a]],
    ids=lambda s: s.value,
)
def test_every_illegal_move_is_refused_with_the_reason(project, start, to):
    request = project.change_requests[start.value]
    reason = move_refusal(request, to)
    assert reason and reason.startswith(f"'{request.title}'") and reason.endswith(".")
    assert "cannot move from" not in reason  # every pair has a reason of its own
    if start is S.SCHEDULED and to is S.SCHEDULED:
        return  # scheduling into the release it is in already is a no-op, tested below
    with pytest.raises(EditError) as refused:
        _move(project, start.value, to)
    assert str(refused.value) == reason
    assert project.change_requests[start.value] == request


def test_refusals_say_what_to_do(project):
    new, rejected = project.change_requests["new"], project.change_requests["rejected"]
    assert move_refusal(new, S.APPROVED) == (
        "'Request new' has not been evaluated yet; start its evaluation and record the "
        "rationale and feasibility before deciding."
    )
    assert move_refusal(rejected, S.UNDER_EVALUATION) == (
        "'Request rejected' was rejected on 12 Jan 2027 and is closed; submit a new request "
        "if the need comes back."
    )
    approved = project.change_requests["approved"]
    assert "schedule it into a release" in move_refusal(approved, S.DELIVERED)


# --- evaluation and decision ------------------------------------------------------------------


def test_evaluating_a_new_request_puts_it_under_evaluation(project):
    changes = requests.evaluate(project, "new", rationale="Saves a click.")
    apply_changes(project, changes)
    request = project.change_requests["new"]
    assert request.status is S.UNDER_EVALUATION and request.rationale == "Saves a click."
    assert changes.description == "Evaluate 'Request new'"
    assert not requests.evaluate(project, "new", rationale="Saves a click.")  # no change


def test_evaluation_is_frozen_once_decided(project):
    with pytest.raises(EditError, match="was decided on 12 Jan 2027"):
        requests.evaluate(project, "approved", feasibility="Easy.")
    with pytest.raises(EditError, match="through its decision"):
        requests.evaluate(project, "under_evaluation", decided_by="Me")


def test_deciding_needs_a_complete_evaluation_and_who_when_why(project):
    apply_changes(project, requests.start_evaluation(project, "new"))
    with pytest.raises(EditError, match="rationale and the feasibility and the answer"):
        requests.decide(project, "new", Decision.APPROVE, "CAB", CAB_DAY, "Yes.")
    apply_changes(
        project,
        requests.evaluate(
            project, "new", rationale="R.", feasibility="F.", reconfiguration_possible=False
        ),
    )
    with pytest.raises(EditError, match="who took the decision"):
        requests.decide(project, "new", Decision.APPROVE, " ", CAB_DAY, "Yes.")
    with pytest.raises(EditError, match="date of the decision"):
        requests.decide(project, "new", Decision.APPROVE, "CAB", None, "Yes.")
    with pytest.raises(EditError, match="reason for the decision"):
        requests.decide(project, "new", Decision.APPROVE, "CAB", CAB_DAY, "")
    with pytest.raises(EditError, match="does not say how reconfiguring"):
        requests.decide(project, "new", Decision.RECONFIGURE, "CAB", CAB_DAY, "Config.")
    changes = requests.decide(project, "new", Decision.APPROVE, " Ann ", CAB_DAY, " Worth it. ")
    apply_changes(project, changes)
    request = project.change_requests["new"]
    assert (request.status, request.decision) == (S.APPROVED, Decision.APPROVE)
    assert (request.decided_by, request.decided_on, request.decision_reason) == (
        "Ann",
        CAB_DAY,
        "Worth it.",
    )
    assert changes.description == "Approve 'Request new'"


def test_the_decision_details_can_be_corrected_but_not_emptied(project):
    changes = requests.update_decision(project, "rejected", decision_reason="Out of scope.")
    apply_changes(project, changes)
    assert project.change_requests["rejected"].decision_reason == "Out of scope."
    assert project.change_requests["rejected"].status is S.REJECTED
    with pytest.raises(EditError, match="who took the decision"):
        requests.update_decision(project, "rejected", decided_by="")
    with pytest.raises(EditError, match="has no decision yet"):
        requests.update_decision(project, "under_evaluation", decided_by="Me")
    with pytest.raises(EditError, match="only through its evaluation, decision and scope"):
        requests.update_decision(project, "rejected", decision=Decision.APPROVE)
    with pytest.raises(EditError, match="outside the years"):
        requests.update_decision(project, "rejected", decided_on=date(2207, 1, 1))


def test_details_and_user_facing_text_are_edited_in_any_status(project):
    changes = requests.update_request(
        project,
        "delivered",
        title="  Faster   receipts ",
        priority="high",
        user_steps=["Open the till.", " ", " Print. "],
        audience_ids=["cashiers", "cashiers"],
    )
    apply_changes(project, changes)
    request = project.change_requests["delivered"]
    assert request.title == "Faster receipts" and request.priority is Priority.HIGH
    assert request.user_steps == ("Open the till.", "Print.")
    assert request.audience_ids == ("cashiers",)
    for bad, match in (
        ({"title": " "}, "needs a title"),
        ({"type": "wish"}, "not a request type"),
        ({"audience_ids": ["gone"]}, "no audience gone"),
        ({"status": S.NEW}, "only through"),
        ({"rationale": "x"}, "through its evaluation"),
    ):
        with pytest.raises(EditError, match=match):
            requests.update_request(project, "delivered", **bad)


def test_add_and_delete_a_request(project):
    changes = requests.add_request(
        project, "Gift cards", RequestType.FEATURE, "Shop owners", CAB_DAY, request_id="gift"
    )
    apply_changes(project, changes)
    assert project.change_requests["gift"].status is S.NEW
    apply_changes(project, requests.remove_request(project, "gift"))
    assert "gift" not in project.change_requests
    with pytest.raises(EditError, match="no change request gift"):
        requests.start_evaluation(project, "gift")


# --- scope and delivery ----------------------------------------------------------------------


def test_scheduling_puts_approved_requests_in_scope_in_one_step(project):
    apply_changes(
        project, requests.decide(project, "under_evaluation", "approve", "CAB", CAB_DAY, "Y.")
    )
    changes = requests.schedule_requests(project, ["approved", "under_evaluation"], "r24")
    assert changes.description == "Add 2 requests to the scope of Shop 2.4"
    apply_changes(project, changes)
    scope = requests.release_scope(project, "r24")
    assert {r.id for r in scope} == {"approved", "under_evaluation", "scheduled", "delivered"}
    assert not requests.schedule_requests(project, ["approved"], "r24")  # in scope already


def test_scheduling_refuses_unapproved_requests_and_live_releases(project):
    with pytest.raises(EditError, match="'Request new' is not approved yet"):
        requests.schedule_requests(project, ["approved", "new"], "r24")
    with pytest.raises(EditError, match=r"Shop 2\.3 is live already"):
        requests.schedule_requests(project, ["approved"], "r23")
    with pytest.raises(EditError, match="no release gone"):
        requests.schedule_requests(project, ["approved"], "gone")


def test_a_scheduled_request_moves_to_another_release_or_out_of_scope(project):
    project.add(Release("r25", "Shop 2.5", start=date(2027, 5, 3)))
    apply_changes(project, requests.schedule_requests(project, ["scheduled"], "r25"))
    assert project.change_requests["scheduled"].release_id == "r25"
    changes = requests.unschedule_request(project, "scheduled")
    assert changes.description == "Take 'Request scheduled' out of the scope of Shop 2.5"
    apply_changes(project, changes)
    request = project.change_requests["scheduled"]
    assert (request.status, request.release_id) == (S.APPROVED, None)


# --- the support loop -------------------------------------------------------------------------


def test_a_post_release_bug_becomes_a_new_defect_request_linked_to_the_release(project):
    changes = requests.record_post_release_bug(
        project, "r23", " Receipt shows the wrong VAT ", "Service desk", CAB_DAY, request_id="bug"
    )
    apply_changes(project, changes)
    bug = project.change_requests["bug"]
    assert (bug.type, bug.status, bug.priority) == (RequestType.DEFECT, S.NEW, Priority.HIGH)
    assert (bug.origin_release_id, bug.release_id) == ("r23", None)
    assert bug.title == "Receipt shows the wrong VAT"
    assert changes.description == "Record post-release bug 'Receipt shows the wrong VAT'"
    # ... and the cycle starts again.
    apply_changes(
        project,
        requests.evaluate(
            project,
            "bug",
            rationale="Wrong tax.",
            feasibility="1 d.",
            reconfiguration_possible=False,
        ),
    )
    apply_changes(project, requests.decide(project, "bug", "approve", "CAB", CAB_DAY, "Legal."))
    apply_changes(project, requests.schedule_requests(project, ["bug"], "r24"))
    assert project.change_requests["bug"].status is S.SCHEDULED


def test_a_bug_is_post_release_only_once_the_release_went_live(project):
    with pytest.raises(EditError, match=r"Shop 2\.4 has not gone live yet"):
        requests.record_post_release_bug(project, "r24", "Crash")
    assert [r.id for r in requests.live_releases(project)] == ["r23"]


# --- plan checks ------------------------------------------------------------------------------


def _problems(project: Project) -> list[tuple[str, str, str]]:
    return [(p.severity, p.kind, p.message) for p in plan_problems(project, {})]


def test_scope_rules_are_listed_as_problems(project):
    found = _problems(project)
    assert (
        "warning",
        "Scope",
        "'Request approved' is approved but in no release's scope; add it to a release in the "
        "Requests tab.",
    ) in found
    assert len(found) == 1
    project.add(_request(S.REJECTED, id="r2", title="Rejected in scope", release_id="r24"))
    project.add(_request(S.SCHEDULED, id="s2", title="No words", user_impact=""))
    project.add(_request(S.SCHEDULED, id="s3", title="Left behind", release_id="r23"))
    project.add(_request(S.SCHEDULED, id="s4", title="Nowhere", release_id=None))
    project.add(_request(S.APPROVED, id="a2", title="Silent", release_id="r24", decided_by=""))
    messages = [m for _s, _k, m in _problems(project)]
    assert messages[0].startswith("'Nowhere' is scheduled but names no release")  # errors first
    assert any(
        m.startswith("'Rejected in scope' is in the scope of Shop 2.4 but is rejected")
        for m in messages
    )
    assert any(
        m.startswith("'No words' in the scope of Shop 2.4 does not say what changes")
        for m in messages
    )
    assert any(
        m.startswith("Shop 2.3 is live but 'Left behind' is still only scheduled") for m in messages
    )
    assert any(m.startswith("The decision on 'Silent' does not say who took it") for m in messages)


def test_the_sample_has_requests_in_every_status_and_a_consistent_scope():
    project = sample_project()
    assert {r.status for r in project.change_requests.values()} == set(S)
    scope_problems = [p for p in plan_problems(project, {}) if p.kind in ("Scope", "Request")]
    assert scope_problems == []
    release = project.release_by_name("Payments 4.2")
    scope = requests.release_scope(project, release.id)
    assert len(scope) == 5 and {r.status for r in scope} == {S.APPROVED, S.SCHEDULED}
    assert [r.name for r in requests.live_releases(project)] == ["Payments 4.1"]
