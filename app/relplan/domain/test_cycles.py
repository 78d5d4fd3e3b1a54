"""Test cycles: functional, non-functional and acceptance runs with dates, result, defects.

A cycle usually has a work item that schedules it on the timeline. When a cycle fails, the
planner adds a fix-and-retest iteration: a Build task to fix the defects and a new cycle
(with its own Test item) linked after the failed one, as one edit (DESIGN.md §1: failures
go back to Build and the cycle repeats).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date

import networkx as nx

from relplan.domain.edits import (
    ChangeSet,
    EditError,
    RecordChange,
    add_item,
    add_record,
    combine,
    remove_record,
    update_record,
)
from relplan.domain.graph import release_graph
from relplan.domain.model import (
    Dependency,
    DependencyType,
    ItemKind,
    Phase,
    Project,
    TestCycle,
    TestKind,
    TestResult,
    new_id,
)
from relplan.domain.schedule import ReleaseSchedule

__test__ = False  # a module about test cycles, not a pytest test module

MAX_DEFECTS = 1_000_000
DEFAULT_FIX_DAYS = 5

KIND_LABELS = {
    TestKind.FUNCTIONAL: "Functional",
    TestKind.NON_FUNCTIONAL: "Non-functional",
    TestKind.UAT: "User acceptance",
}
RESULT_LABELS = {
    TestResult.PLANNED: "Planned",
    TestResult.PASSED: "Passed",
    TestResult.FAILED: "Failed",
}


# --- reading -------------------------------------------------------------------------------


def release_cycles(
    project: Project, release_id: str, schedule: ReleaseSchedule | None = None
) -> list[TestCycle]:
    """The release's cycles in date order (cycles without dates last, by name)."""

    def key(cycle: TestCycle):
        start, _end, _planned = cycle_dates(cycle, schedule)
        return (start is None, start or date.min, cycle.name.casefold())

    return sorted((c for c in project.test_cycles.values() if c.release_id == release_id), key=key)


def cycle_dates(
    cycle: TestCycle, schedule: ReleaseSchedule | None
) -> tuple[date | None, date | None, bool]:
    """(start, end, planned): when the cycle runs or ran.

    A cycle still planned follows its timeline item (``planned`` True), so moving the item
    moves the cycle; once run, the dates recorded on it count. Without either: no dates.
    """
    scheduled = (
        schedule is not None and cycle.item_id is not None and cycle.item_id in schedule.index
    )
    recorded = cycle.start is not None or cycle.end is not None
    if scheduled and (cycle.result is TestResult.PLANNED or not recorded):
        dates = schedule.dates(cycle.item_id)
        return dates.start, dates.finish, True
    if recorded:
        return cycle.start, cycle.end, False
    return None, None, False


def later_cycles(project: Project, cycle_id: str) -> list[TestCycle]:
    """Cycles of the same kind scheduled after ``cycle`` (reachable from its item): retests."""
    cycle = project.test_cycles[cycle_id]
    if cycle.item_id is None or cycle.item_id not in project.items:
        return []
    graph = release_graph(project, cycle.release_id)
    after = nx.descendants(graph, cycle.item_id)
    return [
        c
        for c in project.test_cycles.values()
        if c.id != cycle.id and c.kind is cycle.kind and c.item_id in after
    ]


# --- edits ---------------------------------------------------------------------------------


def _cycle(project: Project, cycle_id: str) -> TestCycle:
    try:
        return project.test_cycles[cycle_id]
    except KeyError:
        raise EditError("That test cycle no longer exists; refresh the view.") from None


def _check(cycle: TestCycle, project: Project) -> TestCycle:
    """Validate a cycle about to be stored and return it with clean values."""
    name = " ".join(str(cycle.name).split())
    if not name:
        raise EditError("A test cycle needs a name; type one.")
    try:
        kind, result = TestKind(cycle.kind), TestResult(cycle.result)
    except ValueError:
        raise EditError("Choose a kind (functional, non-functional, UAT) and a result.") from None
    defects = cycle.defects_found
    if not isinstance(defects, int) or isinstance(defects, bool) or not 0 <= defects <= MAX_DEFECTS:
        raise EditError(f"Defects found must be a whole number from 0 to {MAX_DEFECTS:,}.")
    if cycle.start is not None and cycle.end is not None and cycle.end < cycle.start:
        raise EditError(f"'{name}' cannot end before it starts; check the two dates.")
    if cycle.release_id not in project.releases:
        raise EditError("Choose a release for the test cycle first.")
    if cycle.item_id is not None:
        item = project.items.get(cycle.item_id)
        if item is None or item.release_id != cycle.release_id:
            raise EditError(f"Link '{name}' to a work item of its own release.")
    return dataclasses.replace(cycle, name=name, kind=kind, result=result)


def add_test_cycle(
    project: Project,
    release_id: str,
    name: str,
    kind: TestKind | str = TestKind.FUNCTIONAL,
    item_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    cycle_id: str | None = None,
) -> ChangeSet:
    cycle = TestCycle(cycle_id or new_id(), release_id, name, kind, start, end, item_id=item_id)
    return add_record(project, _check(cycle, project))


def update_test_cycle(project: Project, cycle_id: str, **values) -> ChangeSet:
    """Change a cycle's name, kind, dates, result, defects, item or notes."""
    before = _cycle(project, cycle_id)
    after = _check(dataclasses.replace(before, **values), project)
    changed = {f.name: getattr(after, f.name) for f in dataclasses.fields(after)}
    return update_record(project, "test_cycles", cycle_id, **changed)


def record_result(
    project: Project,
    cycle_id: str,
    result: TestResult | str,
    defects_found: int,
    notes: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> ChangeSet:
    """Record how a cycle went: passed or failed, defects found, notes and the dates it ran."""
    cycle = _cycle(project, cycle_id)
    values: dict = {"result": result, "defects_found": defects_found}
    if notes is not None:
        values["notes"] = notes.strip()
    if start is not None or end is not None:
        values["start"], values["end"] = start, end
    after = _check(dataclasses.replace(cycle, **values), project)
    word = RESULT_LABELS[after.result].lower()
    defects = f", {after.defects_found} defect{'' if after.defects_found == 1 else 's'}"
    description = f"Record '{cycle.name}' as {word}{defects if after.defects_found else ''}"
    fields = {f.name: getattr(after, f.name) for f in dataclasses.fields(after)}
    return update_record(project, "test_cycles", cycle_id, description, **fields)


def remove_test_cycle(project: Project, cycle_id: str) -> ChangeSet:
    """Remove the record of a cycle; its work item stays on the timeline."""
    _cycle(project, cycle_id)
    return remove_record(project, "test_cycles", cycle_id)


def next_cycle_name(project: Project, cycle: TestCycle) -> str:
    """ "UAT cycle 1" -> "UAT cycle 2" (or the next free number); else "<name> (retest)"."""
    taken = {
        _bare(c.name).casefold()
        for c in project.test_cycles.values()
        if c.release_id == cycle.release_id
    }
    bare = _bare(cycle.name)
    numbered = re.fullmatch(r"(.*?)(\d+)", bare)
    if numbered:
        stem, number = numbered.group(1), int(numbered.group(2))
        while True:
            number += 1
            name = f"{stem}{number}"
            if name.casefold() not in taken:
                return name
    name, n = f"{bare} (retest)", 1
    names = {c.name.casefold() for c in project.test_cycles.values()}
    while name.casefold() in names:
        n += 1
        name = f"{bare} (retest {n})"
    return name


def _bare(name: str) -> str:
    """A name without a trailing remark in brackets: "UAT cycle 2 (retest)" -> "UAT cycle 2"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() or name


def add_retest_iteration(
    project: Project, cycle_id: str, fix_days: int = DEFAULT_FIX_DAYS
) -> ChangeSet:
    """After a failed cycle: a Build task to fix its defects and a new cycle to retest, as one
    edit. The fix follows the failed cycle's item, the retest follows the fix, and every gate
    milestone the failed cycle led to waits for the retest as well.
    """
    cycle = _cycle(project, cycle_id)
    if cycle.result is not TestResult.FAILED:
        raise EditError(
            f"'{cycle.name}' has not failed; record it as failed before adding a retest."
        )
    failed = project.items.get(cycle.item_id or "")
    if failed is None:
        raise EditError(
            f"'{cycle.name}' has no work item on the timeline; link it to one so that the fix "
            "and the retest can follow it."
        )
    if not 1 <= fix_days <= 10_000:
        raise EditError("The fix needs 1 to 10000 working days.")
    release_id = failed.release_id
    name = next_cycle_name(project, cycle)
    fix_id, retest_id = new_id(), new_id()
    defects = cycle.defects_found
    steps = [
        add_item(
            project,
            release_id,
            f"Fix {cycle.name} defects",
            ItemKind.TASK,
            Phase.BUILD,
            fix_days,
            item_id=fix_id,
        ),
        add_item(
            project,
            release_id,
            name,
            ItemKind.TASK,
            Phase.TEST,
            failed.duration if not failed.is_milestone else DEFAULT_FIX_DAYS,
            item_id=retest_id,
        ),
    ]
    links = [(failed.id, fix_id), (fix_id, retest_id)]
    gate_milestones = {g.milestone_id for g in project.gates.values() if g.milestone_id}
    links += [
        (retest_id, dep.successor_id)
        for dep in project.dependencies.values()
        if dep.predecessor_id == failed.id and dep.successor_id in gate_milestones
    ]
    changes: list[RecordChange] = []
    for pred, succ in links:
        # New items only gain links from and to items the failed one already reaches
        # or comes from, so no cycle can close; add_dependency would not see them yet.
        dep = Dependency(new_id(), pred, succ, DependencyType.FS, 0)
        changes.append(RecordChange("dependencies", dep.id, None, dep))
    for assignment in [a for a in project.assignments.values() if a.item_id == failed.id]:
        copy = dataclasses.replace(assignment, id=new_id(), item_id=retest_id)
        changes.append(RecordChange("assignments", copy.id, None, copy))
    retest = TestCycle(
        new_id(),
        release_id,
        name,
        cycle.kind,
        item_id=retest_id,
        notes=f"Retest after '{cycle.name}' failed"
        + (f" with {defects} defect{'' if defects == 1 else 's'}." if defects else "."),
    )
    changes.append(RecordChange("test_cycles", retest.id, None, retest))
    return combine(
        f"Add fix-and-retest iteration after '{cycle.name}'",
        [*steps, ChangeSet("", tuple(changes))],
    )


def cycles_by_item(project: Project, release_id: str) -> Mapping[str, TestCycle]:
    """Item id -> the cycle it schedules, for views that mark test items."""
    return {
        c.item_id: c
        for c in project.test_cycles.values()
        if c.release_id == release_id and c.item_id is not None
    }
