"""Edits: every change a planner makes, undoable exactly, refused with a clear reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from relplan.domain import edits, model
from relplan.domain.edits import ChangeSet, EditError, apply_changes
from relplan.domain.model import (
    TABLES,
    Assignment,
    Audience,
    Calendar,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    Gate,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    SignOff,
    Team,
    TrainingSession,
    WorkItem,
)


@pytest.fixture
def project() -> Project:
    """Release 2.4 (Build -> Test -> Go-live) and release 2.5 with one item; two people."""
    project = Project("Payments")
    project.add(Calendar("cal", "Office"))
    project.add(Team("ops", "Operations"))
    project.add(Release("r24", "2.4", start=date(2027, 3, 1), calendar_id="cal", owner_id="bo"))
    project.add(Release("r25", "2.5", start=date(2027, 6, 1)))
    project.add(WorkItem("build", "r24", "Build API", duration=5))
    project.add(WorkItem("test", "r24", "Test API", phase=Phase.TEST, duration=3))
    project.add(
        WorkItem(
            "golive", "r24", "Go-live", kind=ItemKind.MILESTONE, phase=Phase.DEPLOY, duration=0
        )
    )
    project.add(WorkItem("next", "r25", "Next build", duration=2))
    project.add(Dependency("d1", "build", "test"))
    project.add(Dependency("d2", "test", "golive", DependencyType.FS, 1))
    project.add(Person("ana", "Ana"))
    project.add(Person("bo", "Bo", team_id="ops"))
    project.add(Assignment("a1", "build", "ana", RaciRole.RESPONSIBLE, 80))
    project.add(Assignment("a2", "build", "bo", RaciRole.ACCOUNTABLE, 0))
    project.add(Assignment("a3", "test", "bo", RaciRole.RESPONSIBLE, 100))
    project.add(Gate("g1", "r24", "Go/no-go", Phase.TEST, milestone_id="golive"))
    project.add(SignOff("s1", "g1", "Product owner", person_id="bo"))
    project.add(Audience("aud", "Cashiers", person_ids=("ana", "bo"), team_ids=("ops",)))
    project.add(TrainingSession("ts", "r24", "aud", "What is new", trainer_id="bo"))
    # Through the module: pytest would try to collect a class named Test* imported here.
    project.add(model.TestCycle("t1", "r24", "UAT 1", item_id="test"))
    return project


def snapshot(project: Project) -> dict[str, dict]:
    # Records are immutable, so a shallow copy of each table is a full snapshot.
    return {name: dict(project.table(name)) for name in TABLES}


EDITS: dict[str, Callable[[Project], ChangeSet]] = {
    "add a task": lambda p: edits.add_item(p, "r24", "Write release notes", duration=2),
    "add a milestone": lambda p: edits.add_item(p, "r24", "Code complete", kind=ItemKind.MILESTONE),
    "rename": lambda p: edits.update_item(p, "build", name="Build payment API"),
    "turn a task into a milestone": lambda p: edits.update_item(p, "test", kind=ItemKind.MILESTONE),
    "turn a milestone into a task": lambda p: edits.update_item(p, "golive", kind=ItemKind.TASK),
    "move": lambda p: edits.move_item(p, "test", date(2027, 3, 15)),
    "set the duration": lambda p: edits.set_duration(p, "build", 8),
    "pin": lambda p: edits.set_constraint(
        p, "golive", Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 12))
    ),
    "remove an item": lambda p: edits.remove_item(p, "build"),
    "remove the go-live": lambda p: edits.remove_item(p, "golive"),
    "remove a person": lambda p: edits.remove_record(p, "people", "bo"),
    "remove a team": lambda p: edits.remove_record(p, "teams", "ops"),
    "change the phase by name": lambda p: edits.update_item(p, "build", phase="deploy"),
    "link": lambda p: edits.add_dependency(p, "build", "golive", DependencyType.SS, -2),
    "edit a link": lambda p: edits.update_dependency(p, "d2", type=DependencyType.FF, lag=3),
    "unlink": lambda p: edits.remove_dependency(p, "d1"),
    "assign": lambda p: edits.assign(p, "test", "ana", RaciRole.CONSULTED),
    "reassign": lambda p: edits.assign(p, "build", "bo", RaciRole.RESPONSIBLE, 50),
    "combined": lambda p: edits.combine(
        "Shift the plan",
        [edits.move_item(p, "build", date(2027, 3, 3)), edits.set_duration(p, "test", 4)],
    ),
}


@pytest.mark.parametrize("name", EDITS)
def test_every_edit_is_undone_exactly_by_its_inverse(project, name):
    before = snapshot(project)
    changes = EDITS[name](project)
    assert changes, "the edit should change something"
    assert snapshot(project) == before, "building a change set must not touch the project"
    apply_changes(project, changes)
    after = snapshot(project)
    assert after != before
    apply_changes(project, changes.inverted())
    assert snapshot(project) == before
    apply_changes(project, changes)  # and redo gives the same result again
    assert snapshot(project) == after


def test_applying_a_change_set_twice_is_refused_and_changes_nothing(project):
    changes = edits.move_item(project, "test", date(2027, 3, 15))
    apply_changes(project, changes)
    state = snapshot(project)
    with pytest.raises(EditError, match="changed in the meantime"):
        apply_changes(project, changes)
    assert snapshot(project) == state


def test_an_undo_after_someone_else_edited_the_item_is_refused(project):
    moved = edits.move_item(project, "test", date(2027, 3, 15))
    apply_changes(project, moved)
    apply_changes(project, edits.update_item(project, "test", name="UAT"))
    state = snapshot(project)
    with pytest.raises(EditError) as refused:
        apply_changes(project, moved.inverted())
    assert str(refused.value) == (
        "Cannot apply \u201cMove 'Test API' to 15 Mar 2027\u201d: 'UAT' changed in the "
        "meantime. Reload the project and try again."
    )
    assert snapshot(project) == state


def test_a_stale_change_set_changes_nothing_even_when_its_first_record_still_matches(project):
    combined = edits.combine(
        "Two moves",
        [
            edits.move_item(project, "build", date(2027, 3, 2)),
            edits.move_item(project, "test", date(2027, 3, 15)),
        ],
    )
    apply_changes(project, edits.set_duration(project, "test", 9))
    state = snapshot(project)
    with pytest.raises(EditError):
        apply_changes(project, combined)
    assert snapshot(project) == state  # the first move was not half-applied


def test_a_record_edited_twice_in_one_change_set_is_checked_in_order(project):
    twice = edits.set_duration(project, "build", 6)
    apply_changes(project, twice)
    again = edits.set_duration(project, "build", 7)
    apply_changes(project, twice.inverted())
    combined = twice.then(
        ChangeSet("", tuple(again.changes)), description="Stretch Build API twice"
    )
    apply_changes(project, combined)
    assert project.items["build"].duration == 7
    apply_changes(project, combined.inverted())
    assert project.items["build"].duration == 5


def test_removing_an_item_takes_its_links_and_assignments_with_it(project):
    changes = edits.remove_item(project, "test")
    assert changes.description == "Remove 'Test API'"
    apply_changes(project, changes)
    assert "test" not in project.items
    assert project.dependencies == {}  # Build -> Test and Test -> Go-live both went
    assert set(project.assignments) == {"a1", "a2"}
    assert project.test_cycles["t1"].item_id is None  # the test cycle stays, unlinked
    assert changes.is_structural


def test_removing_a_milestone_unlinks_its_gate(project):
    apply_changes(project, edits.remove_item(project, "golive"))
    assert project.gates["g1"].milestone_id is None
    assert list(project.dependencies) == ["d1"]


def test_removing_a_person_leaves_no_reference_to_them(project):
    apply_changes(project, edits.remove_record(project, "people", "bo"))
    assert set(project.assignments) == {"a1"}
    assert project.releases["r24"].owner_id is None
    assert project.sign_offs["s1"].person_id is None
    assert project.training_sessions["ts"].trainer_id is None
    assert project.audiences["aud"].person_ids == ("ana",)


def test_removing_a_team_takes_it_off_its_people_and_audiences(project):
    apply_changes(project, edits.remove_record(project, "teams", "ops"))
    assert project.people["bo"].team_id is None
    assert project.audiences["aud"].team_ids == ()


def test_a_new_item_gets_a_clean_name_and_kind_defaults(project):
    changes = edits.add_item(project, "r24", "  Write   release\tnotes ")
    apply_changes(project, changes)
    (item_id,) = changes.ids("items")
    item = project.items[item_id]
    assert (item.name, item.duration, item.kind) == ("Write release notes", 1, ItemKind.TASK)
    milestone = edits.add_item(project, "r24", "Code complete", kind=ItemKind.MILESTONE)
    assert milestone.changes[0].after.duration == 0


def test_turning_a_milestone_into_a_task_gives_it_one_day(project):
    apply_changes(project, edits.update_item(project, "golive", kind=ItemKind.TASK))
    assert project.items["golive"].duration == 1
    apply_changes(project, edits.update_item(project, "golive", kind="milestone"))
    assert project.items["golive"].is_milestone
    assert project.items["golive"].duration == 0


def test_kind_and_phase_given_as_text_are_stored_as_the_real_thing(project):
    apply_changes(project, edits.update_item(project, "build", phase="deploy"))
    assert project.items["build"].phase is Phase.DEPLOY
    changes = edits.add_item(project, "r24", "Go", kind="milestone", phase="deploy")
    item = changes.changes[0].after
    assert (item.kind, item.phase, item.duration) == (ItemKind.MILESTONE, Phase.DEPLOY, 0)
    link = edits.add_dependency(project, "build", "golive", "SF", 2).changes[0].after
    assert link.type is DependencyType.SF


def test_sign_off_times_are_checked_like_dates(project):
    signed = edits.update_record(project, "sign_offs", "s1", signed_at=datetime(2027, 3, 12, 9, 30))
    apply_changes(project, signed)
    with pytest.raises(EditError, match="outside the years"):
        edits.update_record(project, "sign_offs", "s1", signed_at=datetime(2999, 1, 1))


def test_an_edit_that_changes_nothing_is_empty(project):
    changes = edits.update_item(project, "build", name="Build API")
    assert not changes
    assert not changes.affects_schedule


def test_moving_an_item_asks_for_a_start_and_says_so_for_the_undo_menu(project):
    changes = edits.move_item(project, "test", date(2027, 3, 15))
    assert changes.description == "Move 'Test API' to 15 Mar 2027"
    assert changes.changes[0].after.constraint == Constraint(
        ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 15)
    )
    assert changes.affects_schedule and not changes.is_structural


def test_constraint_edits_describe_themselves(project):
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 12))
    assert (
        edits.set_constraint(project, "golive", pin).description
        == "Pin 'Go-live' to finish on 12 Mar 2027"
    )
    apply_changes(project, edits.set_constraint(project, "golive", pin))
    assert (
        edits.set_constraint(project, "golive", None).description
        == "Clear the date constraint of 'Go-live'"
    )


def test_linking_describes_the_link_and_is_structural(project):
    changes = edits.add_dependency(project, "build", "golive", DependencyType.SS, -2)
    assert changes.description == "Link 'Build API' to 'Go-live' (SS)"
    dep = changes.changes[0].after
    assert (dep.type, dep.lag) == (DependencyType.SS, -2)
    assert changes.is_structural
    assert edits.update_dependency(project, "d1", lag=2).is_structural


def test_assigning_replaces_the_role_a_person_had_on_the_item(project):
    apply_changes(project, edits.assign(project, "build", "bo", RaciRole.RESPONSIBLE, 50))
    on_build = [a for a in project.assignments.values() if a.item_id == "build"]
    roles = sorted((a.person_id, a.role, a.allocation) for a in on_build)
    assert roles == [("ana", RaciRole.RESPONSIBLE, 80), ("bo", RaciRole.RESPONSIBLE, 50)]


def test_only_responsible_carries_an_allocation(project):
    changes = edits.assign(project, "test", "ana", RaciRole.INFORMED, 60)
    assert changes.changes[-1].after.allocation == 0


# --- refusals, with the message a planner reads -------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: edits.add_item(p, "r24", "   "), "A name cannot be empty; type a name."),
        (lambda p: edits.add_item(p, "r24", "x" * 501), "at most 500 characters"),
        (lambda p: edits.add_item(p, "nope", "Task"), "Choose a release for the new item first."),
        (lambda p: edits.add_item(p, "r24", "Task", duration=0), "must be 1 to 10000 working"),
        (
            lambda p: edits.add_item(p, "r24", "Go", kind=ItemKind.MILESTONE, duration=2),
            "'Go' is a milestone; a milestone's duration is 0.",
        ),
        (
            lambda p: edits.set_duration(p, "golive", 3),
            "'Go-live' is a milestone; milestones have no duration.",
        ),
        (
            lambda p: edits.set_duration(p, "build", -1),
            "The duration of 'Build API' must be 1 to 10000 working days.",
        ),
        (
            lambda p: edits.update_item(p, "build", progress=120),
            "The progress of 'Build API' must be 0 to 100 %.",
        ),
        (lambda p: edits.move_item(p, "gone", date(2027, 3, 1)), "it may have been removed"),
        (
            lambda p: edits.add_dependency(p, "build", "build"),
            "'Build API' cannot depend on itself.",
        ),
        (
            lambda p: edits.add_dependency(p, "build", "test", DependencyType.SS),
            "'Test API' already depends on 'Build API' (FS).",
        ),
        (
            lambda p: edits.add_dependency(p, "build", "next"),
            "'Build API' and 'Next build' belong to different releases; "
            "dependencies link items of one release.",
        ),
        (
            lambda p: edits.add_dependency(p, "golive", "build"),
            "'Build API' cannot depend on 'Go-live': that would close the cycle "
            "'Go-live' → 'Build API' → 'Test API' → 'Go-live'.",
        ),
        (
            lambda p: edits.add_dependency(p, "test", "build"),
            "that would close the cycle 'Test API' → 'Build API' → 'Test API'.",
        ),
        (lambda p: edits.add_dependency(p, "build", "golive", lag=1001), "from -1000 to 1000"),
        (lambda p: edits.update_dependency(p, "d1", lag=2.5), "A lag must be a whole number"),
        (lambda p: edits.assign(p, "build", "ana", allocation=150), "0 to 100 %"),
        (lambda p: edits.assign(p, "build", "nobody"), "There is no person nobody"),
        (lambda p: edits.add_dependency(p, "build", "golive", lag=True), "whole number"),
        (
            lambda p: edits.update_item(p, "build", kind="epic"),
            "'epic' is not a kind; choose one of task, milestone.",
        ),
        (lambda p: edits.add_dependency(p, "build", "golive", "XX"), "not a dependency type"),
        (
            lambda p: edits.update_dependency(p, "d1", successor_id="golive"),
            "A link cannot be re-pointed; remove it and add a new one.",
        ),
        (lambda p: edits.update_item(p, "build", id="other"), "The id of 'Build API' cannot"),
        (
            lambda p: edits.add_item(p, "r24", "Twin", item_id="build"),
            "Work item build exists already",
        ),
        (
            lambda p: edits.move_item(p, "test", date(2207, 3, 15)),
            "15 Mar 2207 is outside the years 1900 to 2199; check the year.",
        ),
        (
            lambda p: edits.set_constraint(
                p, "golive", Constraint(ConstraintKind.MUST_FINISH_ON, date(1027, 3, 12))
            ),
            "12 Mar 1027 is outside the years 1900 to 2199",
        ),
        (lambda p: edits.update_record(p, "releases", "r24", deadline=date(2300, 1, 1)), "2300"),
        (lambda p: edits.add_record(p, Release("r9", "9", start=date(1899, 12, 31))), "1899"),
    ],
)
def test_edits_that_cannot_be_made_say_why(project, edit, message):
    state = snapshot(project)
    with pytest.raises(EditError) as refused:
        edit(project)
    assert message in str(refused.value)
    assert snapshot(project) == state


def test_a_refused_cycle_names_every_step(project):
    project.add(WorkItem("docs", "r24", "Docs"))
    apply_changes(project, edits.add_dependency(project, "golive", "docs"))
    with pytest.raises(EditError) as refused:
        edits.add_dependency(project, "docs", "build")
    assert str(refused.value) == (
        "'Build API' cannot depend on 'Docs': that would close the cycle "
        "'Docs' → 'Build API' → 'Test API' → 'Go-live' → 'Docs'."
    )


def test_a_field_called_description_is_a_field_not_the_undo_text():
    from relplan.domain.model import Project, Release

    project = Project()
    project.add(Release("r1", "Payments 4.2", description="old"))
    change = edits.update_record(project, "releases", "r1", description="Card payouts")
    edits.apply_changes(project, change)
    assert project.releases["r1"].description == "Card payouts"
    assert change.description == "Edit 'Payments 4.2'"
