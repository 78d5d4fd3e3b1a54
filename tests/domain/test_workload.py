"""Workload: each person's Responsible work per ISO week, over their availability.

Every figure here is worked out by hand in the test's comment.
"""

from __future__ import annotations

from datetime import date

import pytest

from relplan.domain import edits
from relplan.domain.edits import apply_changes
from relplan.domain.model import (
    Assignment,
    Calendar,
    Constraint,
    ConstraintKind,
    Holiday,
    ItemKind,
    Person,
    Project,
    RaciRole,
    Release,
    WorkItem,
)
from relplan.domain.plan_checks import plan_problems
from relplan.domain.schedule import schedule_project
from relplan.domain.workload import check_overallocation, week_label, week_of, workload

MON = date(2027, 3, 1)  # a Monday: week 9 of 2027
NEXT_MON = date(2027, 3, 8)


def _project(*tasks: tuple[str, int, date]) -> Project:
    """A release starting on MON; each task (id, duration, start) is placed by a constraint."""
    project = Project("Load")
    project.add(Release("rel", "Load 1.0", start=MON))
    project.add(Person("ann", "Ann Archer"))
    project.add(Person("bob", "Bob Baker", availability=50))
    for item_id, duration, start in tasks:
        project.add(
            WorkItem(
                item_id,
                "rel",
                item_id.capitalize(),
                duration=duration,
                constraint=Constraint(ConstraintKind.START_NO_EARLIER_THAN, start),
            )
        )
    return project


def _r(project: Project, item_id: str, person_id: str, allocation: int = 100) -> None:
    project.add(
        Assignment(f"{item_id}:{person_id}", item_id, person_id, RaciRole.RESPONSIBLE, allocation)
    )


def _loads(project: Project, person_id: str) -> dict[date, int]:
    found = workload(project, schedule_project(project)).person_weeks(person_id)
    return {cell.week: cell.percent for cell in found}


def test_two_overlapping_five_day_tasks_at_full_time_are_200_percent():
    # 100 % x 5/5 days + 100 % x 5/5 days = 200 % of a full week.
    project = _project(("api", 5, MON), ("ui", 5, MON))
    _r(project, "api", "ann")
    _r(project, "ui", "ann")
    assert _loads(project, "ann") == {MON: 200}
    cell = workload(project, schedule_project(project)).cell("ann", MON)
    assert cell.over and cell.demand == pytest.approx(200)
    assert sorted(s.item_id for s in cell.shares) == ["api", "ui"]


def test_a_task_across_two_weeks_counts_its_days_in_each():
    # Wed-Tue, 5 days at 60 %: 3/5 x 60 = 36 % in week 9, 2/5 x 60 = 24 % in week 10.
    project = _project(("api", 5, date(2027, 3, 3)))
    _r(project, "api", "ann", 60)
    assert _loads(project, "ann") == {MON: 36, NEXT_MON: 24}


def test_availability_scales_the_load():
    # Bob is available 50 %: R 50 % all week is his whole week (100 %), R 60 % is 120 %.
    project = _project(("api", 5, MON), ("ops", 5, NEXT_MON))
    _r(project, "api", "bob", 50)
    _r(project, "ops", "bob", 60)
    assert _loads(project, "bob") == {MON: 100, NEXT_MON: 120}
    over = workload(project, schedule_project(project)).overloaded()
    assert [c.week for c in over["bob"]] == [NEXT_MON]


def test_a_holiday_shortens_the_week():
    # A holiday on Friday leaves 4 working days: a 4-day task at 100 % fills the week (100 %),
    # and 2 days at 50 % in that week are 2/4 x 50 = 25 %.
    project = _project(("api", 4, MON), ("doc", 2, MON))
    project.add(Calendar("cal", "Office", holidays=(Holiday(date(2027, 3, 5), "Bridge day"),)))
    project.releases["rel"] = Release("rel", "Load 1.0", start=MON, calendar_id="cal")
    _r(project, "api", "ann")
    _r(project, "doc", "bob", 50)
    assert _loads(project, "ann") == {MON: 100}
    assert _loads(project, "bob") == {MON: 50}  # 25 % of a week over 50 % availability


def test_only_responsible_work_with_an_allocation_counts():
    project = _project(("api", 5, MON))
    project.add(WorkItem("live", "rel", "Live", kind=ItemKind.MILESTONE, duration=0))
    project.add(Assignment("acc", "api", "ann", RaciRole.ACCOUNTABLE, 0))
    project.add(Assignment("ms", "live", "bob", RaciRole.RESPONSIBLE, 100))
    _r(project, "api", "bob", 0)
    assert workload(project, schedule_project(project)).cells == {}


def test_the_load_follows_the_schedule():
    # Moving UI a week later ends the overlap: 100 % in each week instead of 200 %.
    project = _project(("api", 5, MON), ("ui", 5, MON))
    _r(project, "api", "ann")
    _r(project, "ui", "ann")
    apply_changes(project, edits.move_item(project, "ui", NEXT_MON))
    assert _loads(project, "ann") == {MON: 100, NEXT_MON: 100}


def test_overallocation_is_a_problem_with_the_figures():
    project = _project(("api", 5, MON), ("ui", 5, MON), ("db", 5, NEXT_MON), ("ops", 5, NEXT_MON))
    _r(project, "api", "ann")
    _r(project, "ui", "ann", 50)
    _r(project, "db", "ann")
    _r(project, "ops", "ann")
    problems = list(check_overallocation(project, schedule_project(project)))
    assert [(p.severity, p.kind, p.message) for p in problems] == [
        (
            "warning",
            "Workload",
            "Ann Archer is over-allocated in 2 weeks, up to 200 %: 150 % in the week of "
            "1 Mar 2027 and 200 % in the week of 8 Mar 2027; reassign or move some of their "
            "Responsible work.",
        )
    ]
    # A click on the problem selects the work of the worst week.
    assert set(problems[0].item_ids) == {"db", "ops"} and problems[0].release_id == "rel"
    assert any(p.kind == "Workload" for p in plan_problems(project, schedule_project(project)))


def test_one_week_over_and_an_unavailable_person_are_worded_for_the_planner():
    project = _project(("api", 5, MON), ("ui", 5, MON))
    project.people["bob"] = Person("bob", "Bob Baker", availability=0)
    _r(project, "api", "ann")
    _r(project, "ui", "ann", 10)
    _r(project, "api", "bob", 20)
    messages = [p.message for p in check_overallocation(project, schedule_project(project))]
    assert messages == [
        "Ann Archer is over-allocated: 110 % in the week of 1 Mar 2027; reassign or move some "
        "of their Responsible work.",
        "Bob Baker is not available (availability 0 %) but is Responsible for work in 1 week "
        "from the week of 1 Mar 2027; reassign that work or change their availability.",
    ]


def test_exactly_full_is_not_over():
    # Three tasks of 1 day each at 100 % in a 3-day week (two holidays): thirds add up to 100 %.
    project = _project(("a", 1, MON), ("b", 1, date(2027, 3, 2)), ("c", 1, date(2027, 3, 3)))
    holidays = (Holiday(date(2027, 3, 4)), Holiday(date(2027, 3, 5)))
    project.add(Calendar("cal", "Office", holidays=holidays))
    project.releases["rel"] = Release("rel", "Load 1.0", start=MON, calendar_id="cal")
    for item_id in "abc":
        _r(project, item_id, "ann")
    cell = workload(project, schedule_project(project)).cell("ann", MON)
    assert cell.percent == 100 and not cell.over


def test_weeks_are_iso_weeks():
    assert week_of(date(2027, 3, 7)) == MON  # a Sunday belongs to the week of its Monday
    assert week_label(date(2026, 12, 28)) == "W53 2026"
    assert week_label(MON) == "W09 2027"
