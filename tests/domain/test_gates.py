"""Gates and sign-offs: a gate's status, the go/no-go rule that blocks Deploy, sign, withdraw,
tick, override; and the deployment window and training checks beside them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from relplan.domain import edits
from relplan.domain.deployment import (
    deployment_problems,
    set_deployment_window,
    set_rollback_plan,
)
from relplan.domain.edits import EditError, apply_changes
from relplan.domain.gates import (
    GateState,
    blocked_items,
    deploy_blocker,
    gate_problems,
    gate_status,
    override_gate,
    set_entry_done,
    set_required_roles,
    sign_gate,
    withdraw_sign_off,
)
from relplan.domain.lifecycle_checks import lifecycle_problems
from relplan.domain.model import (
    Audience,
    Calendar,
    Checklist,
    ChecklistEntry,
    FreezeWindow,
    Gate,
    ItemKind,
    Person,
    Phase,
    Project,
    Release,
    SignOff,
    SignOffDecision,
    TrainingSession,
)
from relplan.domain.plan_checks import CHECKS
from relplan.domain.schedule import schedule_project
from relplan.domain.training import add_members, remove_audience, training_problems
from relplan.samples import sample_project
from relplan.samples.payments_plan import sample_id

NOW = datetime(2027, 2, 10, 14, 30)
R = "rel"


def project_with_gate() -> Project:
    """A release: Build -> Test -> go/no-go milestone -> Deploy -> Go-live."""
    project = Project(name="Gates")
    project.add(
        Calendar("cal", "Std", freezes=(FreezeWindow("Peak", date(2027, 3, 1), date(2027, 3, 7)),))
    )
    project.add(Release(R, "Shop 2.0", start=date(2027, 1, 4), calendar_id="cal"))
    project.add(Person("dev", "Dana Dev", role="Development lead"))
    project.add(Person("po", "Paul Owner", role="Product owner"))
    project.add(Person("qa", "Quinn QA", role="QA lead"))
    for item_id, name, kind, phase, days in (
        ("build", "Build", ItemKind.TASK, Phase.BUILD, 5),
        ("test", "Test", ItemKind.TASK, Phase.TEST, 3),
        ("gng", "Go/no-go", ItemKind.MILESTONE, Phase.TEST, None),
        ("deploy", "Deploy", ItemKind.TASK, Phase.DEPLOY, 1),
        ("live", "Go-live", ItemKind.MILESTONE, Phase.DEPLOY, None),
    ):
        apply_changes(project, edits.add_item(project, R, name, kind, phase, days, item_id=item_id))
    for pred, succ in (("build", "test"), ("test", "gng"), ("gng", "deploy"), ("deploy", "live")):
        apply_changes(project, edits.add_dependency(project, pred, succ))
    project.add(
        Checklist(
            "cl",
            "Go/no-go checklist",
            (ChecklistEntry("e1", "Tests passed"), ChecklistEntry("e2", "Report published")),
        )
    )
    project.add(
        Gate(
            "g",
            R,
            "Go/no-go decision",
            Phase.TEST,
            "gng",
            "cl",
            ("Development lead", "Product owner"),
        )
    )
    # The product owner is expected to sign: a placeholder naming them.
    project.add(SignOff("s-po", "g", "Product owner", "po"))
    return project


def apply(project: Project, changes) -> None:
    apply_changes(project, changes)


def test_an_unsigned_go_no_go_gate_blocks_the_deploy_items():
    project = project_with_gate()

    status = gate_status(project, "g")

    assert status.state is GateState.OPEN
    assert status.waiting_for == ("Development lead", "Product owner")
    assert sorted(blocked_items(project, R)) == ["deploy", "live"]
    (problem,) = gate_problems(project, schedule_project(project))
    assert problem.severity == "warning" and problem.kind == "Gate"
    assert "blocked until the Development lead and Product owner sign" in problem.message
    assert problem.item_ids[0] == "gng" and set(problem.item_ids[1:]) == {"deploy", "live"}


def test_both_roles_must_sign_go_before_deploy_may_start():
    project = project_with_gate()
    apply(project, sign_gate(project, "g", "development lead", "dev", "go", NOW, "Engineering go"))

    assert gate_status(project, "g").waiting_for == ("Product owner",)
    assert deploy_blocker(project, R) is not None

    changes = sign_gate(project, "g", "Product owner", "po", SignOffDecision.GO, NOW)
    # The placeholder naming the product owner is filled in, not doubled.
    assert [c.id for c in changes.changes] == ["s-po"]
    apply(project, changes)

    status = gate_status(project, "g")
    assert status.state is GateState.PASSED and status.cleared
    assert blocked_items(project, R) == []
    signed = project.sign_offs["s-po"]
    assert (signed.person_id, signed.decision, signed.signed_at) == ("po", SignOffDecision.GO, NOW)
    # Signed with the checklist still open: worth a warning, not a block.
    (problem,) = gate_problems(project, schedule_project(project))
    assert problem.kind == "Checklist" and "2 checklist entries are still open" in problem.message


def test_a_no_go_needs_a_comment_and_is_an_error_that_keeps_deploy_blocked():
    project = project_with_gate()
    with pytest.raises(EditError, match="no-go needs a comment"):
        sign_gate(project, "g", "Product owner", "po", "no_go", NOW, "  ")
    apply(project, sign_gate(project, "g", "Product owner", "po", "no_go", NOW, "UAT open"))

    assert gate_status(project, "g").state is GateState.NO_GO
    (problem,) = gate_problems(project, schedule_project(project))
    assert problem.severity == "error"
    assert "the Product owner signed no-go" in problem.message


def test_only_the_required_roles_sign_and_the_signer_must_exist():
    project = project_with_gate()
    with pytest.raises(EditError, match="'QA lead' does not sign 'Go/no-go decision'"):
        sign_gate(project, "g", "QA lead", "qa", "go", NOW)
    with pytest.raises(EditError, match="Choose who signs"):
        sign_gate(project, "g", "Product owner", "nobody", "go", NOW)


def test_withdrawing_a_sign_off_blocks_deploy_again_and_keeps_who_is_expected():
    project = project_with_gate()
    for role, person in (("Development lead", "dev"), ("Product owner", "po")):
        apply(project, sign_gate(project, "g", role, person, "go", NOW))
    assert blocked_items(project, R) == []

    apply(project, withdraw_sign_off(project, "g", "Product owner"))

    assert project.sign_offs["s-po"].decision is None
    assert project.sign_offs["s-po"].person_id == "po"
    assert gate_status(project, "g").waiting_for == ("Product owner",)
    assert blocked_items(project, R) == ["deploy", "live"]
    with pytest.raises(EditError, match="nothing to withdraw"):
        withdraw_sign_off(project, "g", "Product owner")


def test_an_override_needs_a_written_reason_and_is_kept_on_the_gate():
    project = project_with_gate()
    with pytest.raises(EditError, match="needs a written reason"):
        override_gate(project, "g", "   ", "Maria", NOW)

    changes = override_gate(
        project, "g", "Regulator deadline; PO on leave, CEO agreed", "Maria", NOW
    )
    apply(project, changes)

    gate = project.gates["g"]
    assert gate.override_reason == "Regulator deadline; PO on leave, CEO agreed"
    assert (gate.overridden_by, gate.overridden_at) == ("Maria", NOW)
    assert gate_status(project, "g").state is GateState.OVERRIDDEN
    assert blocked_items(project, R) == []
    assert list(gate_problems(project, schedule_project(project))) == []
    # Undo puts the block back.
    apply(project, changes.inverted())
    assert blocked_items(project, R) == ["deploy", "live"]


def test_ticking_a_checklist_entry_records_who_and_when_and_untick_clears_them():
    project = project_with_gate()

    apply(project, set_entry_done(project, "cl", "e1", True, "Quinn QA", NOW))

    entry = project.checklists["cl"].entries[0]
    assert (entry.done, entry.done_by, entry.done_at) == (True, "Quinn QA", NOW)
    assert gate_status(project, "g").done == 1
    with pytest.raises(EditError, match="who ticked it"):
        set_entry_done(project, "cl", "e2", True, "", NOW)

    apply(project, set_entry_done(project, "cl", "e1", False))

    entry = project.checklists["cl"].entries[0]
    assert (entry.done, entry.done_by, entry.done_at) == (False, "", None)


def test_a_finished_checklist_makes_the_gate_ready_to_sign():
    project = project_with_gate()
    for entry in ("e1", "e2"):
        apply(project, set_entry_done(project, "cl", entry, True, "Quinn QA", NOW))

    assert gate_status(project, "g").state is GateState.READY


def test_the_go_no_go_gate_keeps_its_two_roles():
    project = project_with_gate()
    with pytest.raises(EditError, match="keep Product owner"):
        set_required_roles(project, "g", ["Development lead", "QA lead"])

    apply(
        project, set_required_roles(project, "g", ["Development lead", "Product owner", "QA lead"])
    )

    assert project.gates["g"].required_roles == ("Development lead", "Product owner", "QA lead")


def test_a_go_no_go_gate_without_the_product_owner_is_an_error():
    project = project_with_gate()
    project.gates["g"] = Gate(
        "g", R, "Go/no-go decision", Phase.TEST, "gng", "cl", ("Development lead",)
    )

    problems = list(gate_problems(project, schedule_project(project)))

    assert any(
        p.severity == "error" and "add Product owner to its roles" in p.message for p in problems
    )


def test_a_release_with_gates_but_no_go_no_go_gate_is_warned():
    project = project_with_gate()
    project.gates["g"] = Gate("g", R, "Code complete", Phase.BUILD)

    (problem,) = gate_problems(project, schedule_project(project))

    assert "has no go/no-go gate at the end of Test" in problem.message


def test_the_sample_has_one_signed_and_one_pending_gate_and_its_deploy_is_blocked():
    project = sample_project()
    release_id = sample_id("release", "4.2")

    states = {g.phase: gate_status(project, g).state for g in project.gates.values()}

    assert states[Phase.PLAN] is GateState.PASSED
    assert states[Phase.TEST] is GateState.OPEN
    assert gate_status(project, sample_id("gate", "test")).waiting_for == ("Product owner",)
    blocked = blocked_items(project, release_id)
    assert sample_id("item", "dp.golive") in blocked and sample_id("item", "dp.deploy") in blocked
    assert lifecycle_problems in CHECKS


# --- deployment and training ----------------------------------------------------------------


def test_a_deployment_window_in_a_freeze_is_an_error():
    project = project_with_gate()
    apply(project, set_deployment_window(project, R, date(2027, 3, 5), date(2027, 3, 8)))
    apply(project, set_rollback_plan(project, R, "Redeploy 1.9."))

    (problem,) = deployment_problems(project, schedule_project(project))

    assert problem.severity == "error"
    assert "overlaps the change freeze 'Peak'" in problem.message

    apply(project, set_deployment_window(project, R, date(2027, 3, 8), date(2027, 3, 9)))
    assert list(deployment_problems(project, schedule_project(project))) == []


def test_a_window_needs_both_days_in_order_and_a_rollback_plan():
    project = project_with_gate()
    with pytest.raises(EditError, match="set both or neither"):
        set_deployment_window(project, R, date(2027, 3, 8), None)
    with pytest.raises(EditError, match="ends before it starts"):
        set_deployment_window(project, R, date(2027, 3, 8), date(2027, 3, 1))
    assert "has no deployment window" in next(deployment_problems(project, {})).message
    del project.gates["g"]  # a first sketch of a plan, not gated, in Plan: not yet a problem
    assert list(deployment_problems(project, {})) == []

    apply(project, set_deployment_window(project, R, date(2027, 3, 8), date(2027, 3, 9)))

    (problem,) = deployment_problems(project, {})
    assert "no rollback plan" in problem.message


def test_training_after_go_live_or_without_anyone_to_train_is_warned():
    project = project_with_gate()
    project.add(Gate("gl", R, "Go-live", Phase.DEPLOY, "live"))
    project.add(Audience("aud", "Support desk"))
    project.add(TrainingSession("t1", R, "aud", "Desk briefing", date(2027, 12, 1)))

    messages = [p.message for p in training_problems(project, schedule_project(project))]

    assert any("is after the go-live of 'Shop 2.0'" in m for m in messages)
    assert any("which has nobody in it" in m for m in messages)
    apply(project, add_members(project, "aud", ["qa"]))
    assert project.audiences["aud"].person_ids == ("qa",)
    with pytest.raises(EditError, match="has 1 training session"):
        remove_audience(project, "aud")
