"""Compare: what changed between two versions of a plan, for a person and for a script."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_support import apply, base_project, copy_project, edited, reassign

from relplan.domain import edits
from relplan.domain.diff import diff_json, diff_projects, diff_text
from relplan.domain.edits import apply_changes
from relplan.domain.merge import changes_between
from relplan.domain.model import Constraint, ConstraintKind, RaciRole


def test_the_same_plan_has_no_differences():
    diff = diff_projects(base_project(), base_project())
    assert not diff
    assert diff_text(diff) == "No differences: both files hold the same plan.\n"
    assert diff_json(diff) == {
        "identical": True,
        "summary": {"added": 0, "removed": 0, "changed": 0, "moved": 0},
        "project_name": None,
        "changes": [],
        "dates": [],
    }


def test_a_rename_is_one_item_renamed_not_one_removed_and_one_added():
    old, new = base_project(), base_project()
    apply(new, edits.update_item(new, "build", name="Build REST API"))
    diff = diff_projects(old, new)
    (change,) = diff.records
    assert (change.kind, change.renamed) == ("changed", ("Build API", "Build REST API"))
    assert diff_text(diff) == (
        "Work items: 1 changed\n  ~ 'Build REST API': renamed from 'Build API'\n"
    )


def test_a_longer_task_moves_what_follows_it():
    old, new = base_project(), base_project()
    apply(new, edits.set_duration(new, "build", 7))
    text = diff_text(diff_projects(old, new))
    assert text == (
        "Work items: 1 changed\n"
        "  ~ 'Build API': duration 5 → 7\n"
        "Schedule: 3 items move\n"
        "  'Build API': 2027-03-02 – 2027-03-08 → 2027-03-02 – 2027-03-10\n"
        "  'Test API': 2027-03-09 – 2027-03-11 → 2027-03-11 – 2027-03-15\n"
        "  'Go-live': 2027-03-11 → 2027-03-15\n"
    )


def test_added_and_removed_items_links_and_roles_are_named():
    old, new = base_project(), base_project()
    apply(new, edits.add_item(new, "rel", "Load test", duration=3, item_id="load"))
    apply(new, edits.add_dependency(new, "test", "load", lag=2, dependency_id="d9"))
    apply(new, edits.remove_item(new, "train"))
    reassign(new, "build", "ann", RaciRole.ACCOUNTABLE, "a9")
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 31))
    apply(new, edits.set_constraint(new, "live", pin))
    lines = diff_text(diff_projects(old, new, with_dates=False)).splitlines()
    assert lines == [
        "Work items: 1 added, 1 removed, 1 changed",
        "  ~ 'Go-live': constraint none → must finish on 2027-03-31",
        "  + 'Load test' (task, 3 days)",
        "  - 'Train support'",
        "Dependencies: 1 added",
        "  + 'Test API' → 'Load test' (FS+2d)",
        "Assignments: 1 added, 1 removed",
        "  + Ann Archer on 'Build API' (A)",
        "  - Ann Archer on 'Build API'",
    ]


def test_json_lists_each_change_with_plain_values():
    old, new = base_project(), base_project()
    new.name = "Payments next"
    apply(new, edits.set_duration(new, "test", 4))
    apply(new, edits.add_item(new, "rel", "Load test", duration=3, item_id="load"))
    report = diff_json(diff_projects(old, new))
    json.dumps(report)  # plain JSON all the way down
    assert report["summary"] == {"added": 1, "removed": 0, "changed": 1, "moved": 2}
    assert report["project_name"] == {"before": "Payments", "after": "Payments next"}
    changed, added = report["changes"]
    assert changed == {
        "table": "items",
        "id": "test",
        "change": "changed",
        "label": "'Test API'",
        "fields": {"duration": {"before": 3, "after": 4}},
    }
    assert added["change"] == "added" and added["record"]["kind"] == "task"
    assert report["dates"][-1] == {
        "id": "live",
        "name": "Go-live",
        "start": {"before": "2027-03-11", "after": "2027-03-12"},
        "finish": {"before": "2027-03-11", "after": "2027-03-12"},
    }


DIFF_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@DIFF_SETTINGS
@given(data=st.data())
def test_a_diff_is_empty_exactly_when_the_plans_are_equal(data):
    base = base_project()
    other = data.draw(edited(base))
    assert bool(diff_projects(base, other)) == (other != base)


@DIFF_SETTINGS
@given(data=st.data())
def test_the_records_a_diff_lists_turn_one_version_into_the_other(data):
    base = base_project()
    other = data.draw(edited(base))
    diff = diff_projects(base, other, with_dates=False)
    project = copy_project(base)
    apply_changes(project, changes_between(base, other, "Compare"))
    project.name = other.name
    assert project == other
    assert len(diff.records) == len(changes_between(base, other, "").changes)
