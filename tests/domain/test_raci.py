"""RACI: the rules a plan follows (one Accountable per item, a Responsible per task) and the
edits a planner makes in the matrix, by dragging people, and when someone leaves."""

from __future__ import annotations

from datetime import date

import pytest

from relplan.domain import edits
from relplan.domain.edits import EditError, apply_changes
from relplan.domain.model import (
    Assignment,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    Team,
    WorkItem,
)
from relplan.domain.plan_checks import plan_problems
from relplan.domain.raci import check_raci, item_problems, item_roles, next_role
from relplan.domain.schedule import schedule_project
from relplan.samples import sample_project

R, A, C, I = RaciRole  # noqa: E741  (the matrix's own letters)


@pytest.fixture
def project() -> Project:
    """Build (A Bo, R Ana 80 %), Test (no roles) and a Go-live milestone; a team of two."""
    project = Project("Shop")
    project.add(Release("rel", "Shop 1.0", start=date(2027, 3, 1)))
    project.add(Team("eng", "Engineering"))
    project.add(Person("ana", "Ana Archer", team_id="eng"))
    project.add(Person("bo", "Bo Baker", team_id="eng"))
    project.add(Person("cy", "Cy Clark"))
    project.add(WorkItem("build", "rel", "Build", duration=5))
    project.add(WorkItem("test", "rel", "Test", phase=Phase.TEST, duration=3))
    project.add(
        WorkItem("live", "rel", "Go-live", kind=ItemKind.MILESTONE, phase=Phase.DEPLOY, duration=0)
    )
    project.add(Assignment("a1", "build", "ana", R, 80))
    project.add(Assignment("a2", "build", "bo", A, 0))
    return project


def _messages(project: Project) -> list[str]:
    return [p.message for p in check_raci(project, schedule_project(project))]


def _role(project: Project, item_id: str, person_id: str) -> RaciRole | None:
    held = item_roles(project, [item_id])[item_id].by_person.get(person_id)
    return held.role if held is not None else None


def _apply(project: Project, changes) -> None:
    apply_changes(project, changes)


# --- rules -----------------------------------------------------------------------------------


def test_items_without_an_accountable_and_tasks_without_a_responsible_are_named(project):
    assert _messages(project) == [
        "'Test' has no Accountable; make one person A for it in the RACI tab.",
        "Task 'Test' has no Responsible; drag a person onto it or set R in the RACI tab.",
        "'Go-live' has no Accountable; make one person A for it in the RACI tab.",
    ]


def test_a_milestone_needs_an_accountable_but_no_responsible(project):
    _apply(project, edits.set_role(project, "live", "bo", A))
    assert not any("Go-live" in m for m in _messages(project))


def test_two_accountables_are_an_error_naming_both(project):
    _apply(project, edits.set_role(project, "build", "cy", A))
    problems = [p for p in check_raci(project, {}) if "Build" in p.message]
    assert [(p.severity, p.message) for p in problems] == [
        ("error", "'Build' has 2 Accountables (Bo Baker, Cy Clark); keep exactly one A.")
    ]
    assert problems[0].item_ids == ("build",) and problems[0].release_id == "rel"


def test_a_plan_that_follows_the_rules_has_no_raci_problem(project):
    for step in (
        edits.set_role(project, "test", "ana", R),
        edits.set_role(project, "test", "bo", A),
        edits.set_role(project, "live", "bo", A),
    ):
        _apply(project, step)
    assert _messages(project) == []
    assert item_problems(project.items["test"], item_roles(project)["test"]) == []


def test_the_sample_release_follows_the_rules():
    project = sample_project()
    assert list(check_raci(project, schedule_project(project))) == []


def test_raci_problems_are_in_the_problems_list(project):
    kinds = {p.kind for p in plan_problems(project, schedule_project(project))}
    assert "RACI" in kinds


def test_a_click_cycles_through_the_roles():
    assert [next_role(r) for r in (None, R, A, C, I)] == [R, A, C, I, None]


# --- edits -----------------------------------------------------------------------------------


def test_setting_a_role_replaces_the_one_held_and_keeps_the_assignment(project):
    changes = edits.set_role(project, "build", "ana", C)
    assert changes.description == "Make Ana Archer C on 'Build'"
    _apply(project, changes)
    assert project.assignments["a1"].role is C and project.assignments["a1"].allocation == 0
    _apply(project, changes.inverted())
    assert project.assignments["a1"] == Assignment("a1", "build", "ana", R, 80)


def test_setting_the_role_already_held_changes_nothing(project):
    assert not edits.set_role(project, "build", "ana", R)


def test_r_keeps_its_allocation_and_a_new_r_gets_full_time(project):
    _apply(project, edits.set_role(project, "test", "cy", "R"))
    new = next(a for a in project.assignments.values() if a.person_id == "cy")
    assert (new.role, new.allocation) == (R, 100)
    _apply(project, edits.set_role(project, "build", "ana", R, allocation=50))
    assert project.assignments["a1"].allocation == 50


def test_clearing_a_role_removes_the_assignment(project):
    changes = edits.set_role(project, "build", "bo", None)
    assert changes.description == "Clear Bo Baker's role on 'Build'"
    _apply(project, changes)
    assert "a2" not in project.assignments
    assert not edits.set_role(project, "build", "bo", None)  # nothing left to clear


def test_a_role_that_is_not_raci_is_refused(project):
    with pytest.raises(EditError, match="choose one of R, A, C, I"):
        edits.set_role(project, "build", "ana", "X")


def test_allocation_is_for_responsible_people_only(project):
    with pytest.raises(EditError, match="make them R first"):
        edits.set_allocation(project, "a2", 50)
    with pytest.raises(EditError, match="0 to 100"):
        edits.set_allocation(project, "a1", 120)
    _apply(project, edits.set_allocation(project, "a1", 40))
    assert project.assignments["a1"].allocation == 40


def test_dropping_people_makes_them_responsible_in_one_step(project):
    changes = edits.assign_people(project, "test", ["ana", "cy"])
    assert changes.description == "Make Ana Archer and Cy Clark R on 'Test'"
    _apply(project, changes)
    assert (_role(project, "test", "ana"), _role(project, "test", "cy")) == (R, R)
    _apply(project, changes.inverted())
    assert _role(project, "test", "ana") is None


def test_dropping_the_accountable_makes_them_responsible_instead(project):
    _apply(project, edits.assign_people(project, "build", ["bo"]))
    assert _role(project, "build", "bo") is R


def test_dropping_a_team_informs_its_members_without_a_role(project):
    changes = edits.assign_people(project, "build", team_id="eng")
    assert changes.description == "Inform Engineering of 'Build'"
    assert not changes  # both members have a role on Build already
    changes = edits.assign_people(project, "test", team_id="eng")
    _apply(project, changes)
    assert (_role(project, "test", "ana"), _role(project, "test", "bo")) == (I, I)
    assert _role(project, "test", "cy") is None  # not in the team


def test_removing_a_person_removes_their_assignments(project):
    _apply(project, edits.remove_person(project, "ana"))
    assert "ana" not in project.people
    assert all(a.person_id != "ana" for a in project.assignments.values())


def test_handing_over_moves_the_assignments_to_the_heir(project):
    changes = edits.remove_person(project, "ana", hand_to="cy")
    assert changes.description == "Remove Ana Archer, handing their work to Cy Clark"
    _apply(project, changes)
    assert project.assignments["a1"] == Assignment("a1", "build", "cy", R, 80)
    _apply(project, changes.inverted())
    assert project.people["ana"].name == "Ana Archer"
    assert project.assignments["a1"].person_id == "ana"


def test_handing_over_keeps_the_stronger_role_where_both_have_one(project):
    # Bo is A on Build; Ana (R there) hands her work to Bo: Bo stays A, Ana's R goes.
    _apply(project, edits.remove_person(project, "ana", hand_to="bo"))
    assert [a.role for a in project.assignments.values() if a.item_id == "build"] == [A]
    # Cy is C on Test; Bo (now A on Build, R on Test) hands over to Cy: Cy becomes R there.
    _apply(project, edits.set_role(project, "test", "cy", C))
    _apply(project, edits.set_role(project, "test", "bo", R))
    _apply(project, edits.remove_person(project, "bo", hand_to="cy"))
    assert _role(project, "test", "cy") is R
    assert _role(project, "build", "cy") is A


def test_people_and_teams_are_checked_when_added_or_edited(project):
    with pytest.raises(EditError, match="not an e-mail address"):
        edits.add_person(project, Person("dee", "Dee", email="dee at example"))
    with pytest.raises(EditError, match="0 to 100 %"):
        edits.update_person(project, "ana", availability=120)
    with pytest.raises(EditError, match="cannot be empty"):
        edits.update_team(project, "eng", name="  ")
    with pytest.raises(EditError, match="team no longer exists"):
        edits.update_person(project, "ana", team_id="gone")
    _apply(project, edits.add_person(project, Person("dee", "  Dee   Dunn ", "dee@example.com")))
    assert project.people["dee"].name == "Dee Dunn"
    _apply(project, edits.add_team(project, Team("ops", "Operations")))
    _apply(project, edits.update_team(project, "ops", description="Runs production"))
    assert project.teams["ops"].description == "Runs production"
    _apply(project, edits.update_person(project, "dee", team_id="ops", availability=50))
    assert (project.people["dee"].team_id, project.people["dee"].availability) == ("ops", 50)
