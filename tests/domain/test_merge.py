"""Three-way merge: two planners edit copies of one plan; nobody's work is lost."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_support import apply, base_project, copy_project, edited, reassign

from relplan.domain import edits
from relplan.domain.edits import apply_changes
from relplan.domain.merge import Side, changes_between, merge_projects
from relplan.domain.model import Constraint, ConstraintKind, DependencyType, RaciRole

MERGE_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def three():
    base = base_project()
    return base, copy_project(base), copy_project(base)


# --- properties ----------------------------------------------------------------------------


@MERGE_SETTINGS
@given(data=st.data())
def test_merging_a_change_with_no_change_returns_the_change(data):
    base = base_project()
    changed = data.draw(edited(base))
    for result in (merge_projects(base, changed, base), merge_projects(base, base, changed)):
        assert result.conflicts == []
        assert result.resolve().project == changed


@MERGE_SETTINGS
@given(data=st.data())
def test_merge_is_symmetric_when_there_are_no_conflicts(data):
    base = base_project()
    ours, theirs = data.draw(edited(base)), data.draw(edited(base))
    forth = merge_projects(base, ours, theirs)
    back = merge_projects(base, theirs, ours)
    assert len(forth.conflicts) == len(back.conflicts)
    if not forth.conflicts:
        merged = forth.resolve()
        assert merged.project == back.resolve().project
        assert merged.dropped == []


@MERGE_SETTINGS
@given(data=st.data())
def test_taking_one_side_for_every_conflict_is_the_mirror_of_the_other(data):
    base = base_project()
    ours, theirs = data.draw(edited(base)), data.draw(edited(base))
    forth = merge_projects(base, ours, theirs).resolve(default=Side.OURS).project
    back = merge_projects(base, theirs, ours).resolve(default=Side.THEIRS).project
    assert forth == back


@MERGE_SETTINGS
@given(data=st.data())
def test_merging_the_same_edits_on_both_sides_changes_nothing_more(data):
    base = base_project()
    changed = data.draw(edited(base))
    result = merge_projects(base, changed, copy_project(changed))
    assert result.conflicts == []
    assert result.resolve().project == changed


@MERGE_SETTINGS
@given(data=st.data())
def test_a_merged_project_never_refers_to_a_missing_record(data):
    base = base_project()
    ours, theirs = data.draw(edited(base)), data.draw(edited(base))
    side = data.draw(st.sampled_from(list(Side)))
    project = merge_projects(base, ours, theirs).resolve(default=side).project
    for dep in project.dependencies.values():
        assert dep.predecessor_id in project.items and dep.successor_id in project.items
    for assignment in project.assignments.values():
        assert assignment.item_id in project.items
    pairs = [(d.predecessor_id, d.successor_id) for d in project.dependencies.values()]
    assert len(pairs) == len(set(pairs))
    roles = [(a.item_id, a.person_id) for a in project.assignments.values()]
    assert len(roles) == len(set(roles))


# --- hand-written cases --------------------------------------------------------------------


def test_edits_of_different_records_merge_silently():
    base, ours, theirs = three()
    apply(ours, edits.update_item(ours, "build", name="Build REST API"))
    apply(theirs, edits.set_duration(theirs, "test", 6))
    apply(theirs, edits.add_item(theirs, "rel", "Load test", duration=2, item_id="load"))
    result = merge_projects(base, ours, theirs)
    assert result.conflicts == []
    merged = result.resolve().project
    assert merged.items["build"].name == "Build REST API"
    assert merged.items["test"].duration == 6
    assert merged.items["load"].name == "Load test"


def test_different_fields_of_one_item_merge_field_by_field():
    base, ours, theirs = three()
    apply(ours, edits.update_item(ours, "build", name="Build REST API"))
    apply(theirs, edits.set_duration(theirs, "build", 8))
    pinned = Constraint(ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 8))
    apply(theirs, edits.set_constraint(theirs, "build", pinned))
    result = merge_projects(base, ours, theirs)
    assert result.conflicts == []
    build = result.resolve().project.items["build"]
    assert (build.name, build.duration, build.constraint) == ("Build REST API", 8, pinned)


def test_the_same_field_changed_twice_is_a_conflict_with_both_values():
    base, ours, theirs = three()
    apply(ours, edits.set_duration(ours, "build", 8))
    apply(theirs, edits.set_duration(theirs, "build", 6))
    apply(theirs, edits.update_item(theirs, "build", notes="needs review"))
    result = merge_projects(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "field" and conflict.field == "duration"
    assert (conflict.base_text, conflict.ours_text, conflict.theirs_text) == ("5", "8", "6")
    assert conflict.message == (
        "Both changed the duration of 'Build API': ours 8, theirs 6 (was 5)."
    )
    mine = result.resolve({conflict.key: Side.OURS}).project.items["build"]
    other = result.resolve({conflict.key: Side.THEIRS}).project.items["build"]
    assert (mine.duration, mine.notes) == (8, "needs review")
    assert (other.duration, other.notes) == (6, "needs review")


def test_an_item_removed_on_one_side_and_edited_on_the_other_is_a_conflict():
    base, ours, theirs = three()
    apply(ours, edits.remove_item(ours, "docs"))
    apply(theirs, edits.set_duration(theirs, "docs", 4))
    result = merge_projects(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "edit_remove"
    assert "'Write docs' was removed in ours but changed in theirs (duration 2 → 4)" in (
        conflict.message
    )
    assert "docs" not in result.resolve({conflict.key: Side.OURS}).project.items
    assert result.resolve({conflict.key: Side.THEIRS}).project.items["docs"].duration == 4


def test_removing_an_item_that_the_other_side_links_to_is_a_conflict():
    base, ours, theirs = three()
    apply(ours, edits.remove_item(ours, "docs"))
    apply(theirs, edits.add_dependency(theirs, "docs", "live", dependency_id="d9"))
    result = merge_projects(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "reference"
    assert "'Write docs' was removed in ours, but theirs added or changed 'Write docs' → " in (
        conflict.message
    )
    removed = result.resolve({conflict.key: Side.OURS})
    assert "docs" not in removed.project.items and "d9" not in removed.project.dependencies
    assert removed.dropped == [
        "Left out the dependency 'Write docs' → 'Go-live': the work item 'Write docs' it "
        "belongs to was removed."
    ]
    kept = result.resolve({conflict.key: Side.THEIRS}).project
    assert kept.dependencies["d9"].predecessor_id == "docs" and "docs" in kept.items


def test_removing_a_person_both_sides_never_leaves_their_roles_behind():
    base, ours, theirs = three()
    apply(ours, edits.remove_record(ours, "people", "bob"))
    apply(theirs, edits.remove_record(theirs, "people", "bob"))
    merged = merge_projects(base, ours, theirs).resolve().project
    assert "bob" not in merged.people
    assert all(a.person_id != "bob" for a in merged.assignments.values())


def test_reassigning_one_person_on_both_sides_is_one_role_changed_twice():
    base, ours, theirs = three()
    reassign(ours, "build", "ann", RaciRole.ACCOUNTABLE, "a-ours")
    reassign(theirs, "build", "ann", RaciRole.CONSULTED, "a-theirs")
    result = merge_projects(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.field == "role"
    assert (conflict.ours_text, conflict.theirs_text) == ("A", "C")
    merged = result.resolve({conflict.key: Side.THEIRS}).project
    anns = [a for a in merged.assignments.values() if a.person_id == "ann"]
    assert [(a.id, a.role) for a in anns] == [("a-theirs", RaciRole.CONSULTED)]


def test_the_same_reassignment_on_both_sides_merges_into_one_record():
    base, ours, theirs = three()
    reassign(ours, "build", "ann", RaciRole.ACCOUNTABLE, "a-x")
    reassign(theirs, "build", "ann", RaciRole.ACCOUNTABLE, "a-y")
    result = merge_projects(base, ours, theirs)
    assert result.conflicts == []
    anns = [a for a in result.resolve().project.assignments.values() if a.person_id == "ann"]
    assert [a.id for a in anns] == ["a-x"]


def test_one_link_added_twice_with_different_lags_is_a_conflict():
    base, ours, theirs = three()
    apply(ours, edits.add_dependency(ours, "build", "docs", lag=1, dependency_id="x1"))
    apply(theirs, edits.add_dependency(theirs, "build", "docs", lag=3, dependency_id="x2"))
    result = merge_projects(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "duplicate"
    assert (
        conflict.message
        == "Both added 'Build API' → 'Write docs' differently: ours FS+1d, theirs FS+3d."
    )
    assert set(result.resolve({conflict.key: Side.THEIRS}).project.dependencies) == {
        "d1",
        "d2",
        "d3",
        "x2",
    }


def test_one_link_added_identically_on_both_sides_is_kept_once():
    base, ours, theirs = three()
    apply(ours, edits.add_dependency(ours, "build", "docs", dependency_id="x1"))
    apply(theirs, edits.add_dependency(theirs, "build", "docs", dependency_id="x2"))
    result = merge_projects(base, ours, theirs)
    assert result.conflicts == []
    assert set(result.resolve().project.dependencies) == {"d1", "d2", "d3", "x1"}


def test_links_that_only_together_close_a_cycle_are_a_conflict():
    base, ours, theirs = three()
    apply(ours, edits.add_dependency(ours, "docs", "train", dependency_id="x1"))
    apply(theirs, edits.add_dependency(theirs, "train", "docs", DependencyType.SS, 0, "x2"))
    result = merge_projects(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "cycle"
    assert "close the cycle" in conflict.message
    assert "x2" not in result.resolve({conflict.key: Side.OURS}).project.dependencies
    assert "x1" not in result.resolve({conflict.key: Side.THEIRS}).project.dependencies


def test_people_added_to_one_audience_on_both_sides_are_all_kept():
    base, ours, theirs = three()
    apply(ours, edits.update_record(ours, "audiences", "aud", person_ids=("ann", "bob")))
    apply(theirs, edits.update_record(theirs, "audiences", "aud", person_ids=("cy", "ann")))
    result = merge_projects(base, ours, theirs)
    assert result.conflicts == []
    assert result.resolve().project.audiences["aud"].person_ids == ("ann", "bob", "cy")


def test_different_checklist_entries_ticked_on_both_sides_are_both_ticked():
    base, ours, theirs = three()
    first, second = base.checklists["cl"].entries
    done = dataclasses.replace(first, done=True, done_by="Ann")
    apply(ours, edits.update_record(ours, "checklists", "cl", entries=(done, second)))
    also = dataclasses.replace(second, done=True, done_by="Bob")
    apply(theirs, edits.update_record(theirs, "checklists", "cl", entries=(first, also)))
    result = merge_projects(base, ours, theirs)
    assert result.conflicts == []
    assert result.resolve().project.checklists["cl"].entries == (done, also)


def test_both_renaming_the_project_is_a_conflict():
    base, ours, theirs = three()
    ours.name, theirs.name = "Payments A", "Payments B"
    result = merge_projects(base, ours, theirs, labels=("yours", "the file on disk"))
    (conflict,) = result.conflicts
    assert conflict.message == (
        "Both renamed the project: yours 'Payments A', the file on disk 'Payments B' "
        "(was 'Payments')."
    )
    assert result.resolve(default=Side.THEIRS).project.name == "Payments B"


def test_changes_between_turns_one_version_into_the_other():
    base, _, theirs = three()
    apply(theirs, edits.remove_item(theirs, "docs"))
    apply(theirs, edits.set_duration(theirs, "build", 9))
    changes = changes_between(base, theirs, "Merge")
    assert changes.description == "Merge"
    apply_changes(base, changes)
    assert base == theirs
    apply_changes(base, changes.inverted())
    assert base == base_project()
