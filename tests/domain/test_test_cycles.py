"""Test cycles: recording results, and the fix-and-retest iteration after a failed cycle."""

from __future__ import annotations

from datetime import date

import pytest

from relplan.domain import edits
from relplan.domain.edits import EditError, apply_changes
from relplan.domain.graph import find_cycles, release_graph
from relplan.domain.model import (
    Gate,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    TestKind,
    TestResult,
)
from relplan.domain.schedule import ReleaseSchedule
from relplan.domain.test_cycles import (
    add_retest_iteration,
    add_test_cycle,
    cycle_dates,
    later_cycles,
    next_cycle_name,
    record_result,
    release_cycles,
)
from relplan.samples import sample_project
from relplan.samples.payments_plan import sample_id

R = "rel"


def project_with_uat() -> Project:
    """Build (5 d) -> UAT cycle 1 (4 d) -> go/no-go gate milestone; UAT also feeds the docs."""
    project = Project(name="Cycles")
    project.add(Release(R, "Shop 2.0", start=date(2027, 1, 4)))
    project.add(Person("tess", "Tess Tester", role="Test analyst"))
    for item_id, name, kind, phase, days in (
        ("build", "Build", ItemKind.TASK, Phase.BUILD, 5),
        ("uat", "UAT cycle 1", ItemKind.TASK, Phase.TEST, 4),
        ("docs", "Update user guide", ItemKind.TASK, Phase.TEST, 2),
        ("gng", "Go/no-go", ItemKind.MILESTONE, Phase.TEST, None),
    ):
        apply_changes(project, edits.add_item(project, R, name, kind, phase, days, item_id=item_id))
    for pred, succ in (("build", "uat"), ("uat", "gng"), ("uat", "docs"), ("docs", "gng")):
        apply_changes(project, edits.add_dependency(project, pred, succ))
    apply_changes(project, edits.assign(project, "uat", "tess", RaciRole.RESPONSIBLE, 80))
    project.add(Gate("g", R, "Go/no-go decision", Phase.TEST, "gng"))
    apply_changes(project, add_test_cycle(project, R, "UAT cycle 1", "uat", "uat", cycle_id="c1"))
    return project


def test_recording_a_result_keeps_result_defects_notes_and_dates():
    project = project_with_uat()

    changes = record_result(
        project, "c1", "failed", 7, "Refunds wrong", date(2027, 1, 11), date(2027, 1, 14)
    )
    apply_changes(project, changes)

    cycle = project.test_cycles["c1"]
    assert changes.description == "Record 'UAT cycle 1' as failed, 7 defects"
    assert (cycle.result, cycle.defects_found, cycle.notes) == (
        TestResult.FAILED,
        7,
        "Refunds wrong",
    )
    assert cycle_dates(cycle, None) == (date(2027, 1, 11), date(2027, 1, 14), False)


def test_a_result_with_impossible_values_is_refused():
    project = project_with_uat()
    with pytest.raises(EditError, match="whole number from 0"):
        record_result(project, "c1", "failed", -1)
    with pytest.raises(EditError, match="cannot end before it starts"):
        record_result(project, "c1", "passed", 0, None, date(2027, 1, 14), date(2027, 1, 11))
    with pytest.raises(EditError, match="Choose a kind"):
        record_result(project, "c1", "maybe", 0)


def test_a_cycle_without_recorded_dates_shows_its_items_schedule():
    project = project_with_uat()
    schedule = ReleaseSchedule(project, project.releases[R])

    start, end, planned = cycle_dates(project.test_cycles["c1"], schedule)

    assert (start, end, planned) == (date(2027, 1, 11), date(2027, 1, 14), True)
    assert [c.id for c in release_cycles(project, R, schedule)] == ["c1"]


def test_a_failed_cycle_gets_a_fix_task_and_a_retest_linked_after_it_as_one_edit():
    project = project_with_uat()
    apply_changes(project, record_result(project, "c1", "failed", 7))

    changes = add_retest_iteration(project, "c1", fix_days=3)
    apply_changes(project, changes)

    assert changes.description == "Add fix-and-retest iteration after 'UAT cycle 1'"
    fix = next(i for i in project.items.values() if i.name == "Fix UAT cycle 1 defects")
    retest = next(i for i in project.items.values() if i.name == "UAT cycle 2")
    assert (fix.phase, fix.duration) == (Phase.BUILD, 3)
    assert (retest.phase, retest.duration) == (Phase.TEST, 4)
    links = {(d.predecessor_id, d.successor_id) for d in project.dependencies.values()}
    assert {("uat", fix.id), (fix.id, retest.id), (retest.id, "gng")} <= links
    assert (retest.id, "docs") not in links  # only gates wait for the retest
    (cycle,) = (c for c in project.test_cycles.values() if c.id != "c1")
    assert (cycle.name, cycle.kind, cycle.result, cycle.item_id) == (
        "UAT cycle 2",
        TestKind.UAT,
        TestResult.PLANNED,
        retest.id,
    )
    assert "failed with 7 defects" in cycle.notes
    # The testers of the failed cycle run the retest.
    assert [
        (a.person_id, a.allocation) for a in project.assignments.values() if a.item_id == retest.id
    ] == [("tess", 80)]
    assert find_cycles(release_graph(project, R)) == []
    # On the timeline the iteration follows the failed cycle, and the gate waits for it.
    schedule = ReleaseSchedule(project, project.releases[R])
    assert schedule.dates(fix.id).start == date(2027, 1, 15)
    assert schedule.dates(retest.id).start == date(2027, 1, 20)
    assert schedule.dates("gng").finish == date(2027, 1, 25)
    assert [c.name for c in later_cycles(project, "c1")] == ["UAT cycle 2"]
    # Undo takes all of it away.
    apply_changes(project, changes.inverted())
    assert fix.id not in project.items and retest.id not in project.items
    assert len(project.test_cycles) == 1


def test_only_a_failed_cycle_on_the_timeline_gets_a_retest():
    project = project_with_uat()
    with pytest.raises(EditError, match="has not failed"):
        add_retest_iteration(project, "c1")
    apply_changes(project, add_test_cycle(project, R, "Pen test", "non_functional", cycle_id="c2"))
    apply_changes(project, record_result(project, "c2", "failed", 2))
    with pytest.raises(EditError, match="has no work item on the timeline"):
        add_retest_iteration(project, "c2")


def test_retest_names_count_on_and_skip_names_taken():
    project = project_with_uat()
    cycle = project.test_cycles["c1"]
    assert next_cycle_name(project, cycle) == "UAT cycle 2"
    apply_changes(project, add_test_cycle(project, R, "UAT cycle 2 (retest)", "uat"))
    assert next_cycle_name(project, cycle) == "UAT cycle 3"
    apply_changes(project, add_test_cycle(project, R, "Smoke test", cycle_id="s"))
    assert next_cycle_name(project, project.test_cycles["s"]) == "Smoke test (retest)"


def test_the_sample_has_a_failed_and_a_passed_cycle_and_uat_1_is_retested_already():
    project = sample_project()
    results = {c.name: c.result for c in project.test_cycles.values()}

    assert results["UAT cycle 1"] is TestResult.FAILED
    assert TestResult.PASSED in results.values()
    retests = later_cycles(project, sample_id("test_cycle", "ts.uat1"))
    assert [c.name for c in retests] == ["UAT cycle 2 (retest)"]


def test_a_planned_cycle_follows_its_item_and_a_run_cycle_keeps_its_recorded_dates():
    project = project_with_uat()
    apply_changes(
        project,
        record_result(project, "c1", "planned", 0, None, date(2027, 1, 4), date(2027, 1, 5)),
    )
    schedule = ReleaseSchedule(project, project.releases[R])
    assert cycle_dates(project.test_cycles["c1"], schedule) == (
        date(2027, 1, 11),
        date(2027, 1, 14),
        True,
    )

    apply_changes(project, record_result(project, "c1", "passed", 0))

    assert cycle_dates(project.test_cycles["c1"], schedule) == (
        date(2027, 1, 4),
        date(2027, 1, 5),
        False,
    )
