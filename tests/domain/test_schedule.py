"""The scheduler on small releases whose dates are worked out by hand.

March 2027 starts on a Monday. Good Friday is 26 Mar and Easter Monday 29 Mar. Index 0 is
the release start (Mon 1 Mar): indices 0-4 are 1-5 Mar, 5-9 are 8-12 Mar, 10-14 are
15-19 Mar, 15-19 are 22-26 Mar.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from relplan.domain import edits
from relplan.domain.edits import apply_changes
from relplan.domain.model import (
    Calendar,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    FreezeWindow,
    Holiday,
    ItemKind,
    Phase,
    Project,
    Release,
)
from relplan.domain.schedule import (
    DRIVER_CONSTRAINT,
    DRIVER_FREEZE,
    DRIVER_PIN,
    DRIVER_START,
    ReleaseSchedule,
    schedule_project,
)

EASTER = (Holiday(date(2027, 3, 26), "Good Friday"), Holiday(date(2027, 3, 29), "Easter Monday"))
RELEASE_START = date(2027, 3, 1)
MARCH_FREEZE = FreezeWindow("Quarter-end freeze", date(2027, 3, 15), date(2027, 3, 19))


def d(day: int, month: int = 3) -> date:
    return date(2027, month, day)


class Plan:
    """A one-release project built the way a planner would, through the edit functions."""

    def __init__(self, *, deadline=None, holidays=(), freezes=(), start=RELEASE_START) -> None:
        self.project = Project("Shop")
        self.project.add(Calendar("cal", "Office", holidays=holidays, freezes=freezes))
        self.release = Release("r", "2.4", start=start, deadline=deadline, calendar_id="cal")
        self.project.add(self.release)
        self.ids: dict[str, str] = {}

    def apply(self, changes):
        apply_changes(self.project, changes)
        return changes

    def task(self, name: str, days: int = 1, phase: Phase = Phase.BUILD) -> str:
        changes = self.apply(edits.add_item(self.project, "r", name, phase=phase, duration=days))
        self.ids[name] = changes.changes[0].id
        return name

    def milestone(self, name: str, phase: Phase = Phase.BUILD) -> str:
        changes = self.apply(edits.add_item(self.project, "r", name, ItemKind.MILESTONE, phase))
        self.ids[name] = changes.changes[0].id
        return name

    def link(self, pred: str, succ: str, type: str = "FS", lag: int = 0) -> str:
        changes = self.apply(
            edits.add_dependency(self.project, self.ids[pred], self.ids[succ], type, lag)
        )
        return changes.changes[0].id

    def start_no_earlier_than(self, name: str, on: date) -> None:
        constraint = Constraint(ConstraintKind.START_NO_EARLIER_THAN, on)
        self.apply(edits.set_constraint(self.project, self.ids[name], constraint))

    def pin(self, name: str, on: date) -> None:
        constraint = Constraint(ConstraintKind.MUST_FINISH_ON, on)
        self.apply(edits.set_constraint(self.project, self.ids[name], constraint))

    def schedule(self) -> Schedule:
        return Schedule(self, ReleaseSchedule(self.project, self.release))


class Schedule:
    """A computed schedule read by item name."""

    def __init__(self, plan: Plan, sched: ReleaseSchedule) -> None:
        self.plan, self.sched = plan, sched
        self.dates = sched.all_dates()

    def __getitem__(self, name: str):
        return self.dates[self.plan.ids[name]]

    def shown(self, name: str) -> tuple[date, date]:
        item = self[name]
        return item.start, item.finish

    def conflicts(self, kind: str | None = None):
        return [c for c in self.sched.conflicts() if kind is None or c.kind == kind]

    def critical(self) -> set[str]:
        return {name for name, item_id in self.plan.ids.items() if self.dates[item_id].critical}


def build_then(
    type: str, lag: int, days: int = 3, build_start: date | None = None, build_days: int = 5
):
    """Build (``build_days`` days) linked to Next (``days`` days) by ``type`` with ``lag``."""
    plan = Plan(holidays=EASTER)
    plan.task("Build", build_days)
    plan.task("Next", days)
    if build_start:
        plan.start_no_earlier_than("Build", build_start)
    plan.link("Build", "Next", type, lag)
    return plan.schedule()


# --- the four link types, with lags and leads ----------------------------------------------


@pytest.mark.parametrize(
    ("lag", "next_start", "next_finish"),
    [
        (0, d(8), d(10)),  # Build ends Fri 5 Mar; Next starts the Monday after
        (2, d(10), d(12)),  # two working days of waiting: Mon and Tue
        (-2, d(4), d(8)),  # two days of lead: starts Thu, runs over the weekend
    ],
)
def test_finish_to_start(lag, next_start, next_finish):
    s = build_then("FS", lag)
    assert s.shown("Build") == (d(1), d(5))
    assert s.shown("Next") == (next_start, next_finish)


@pytest.mark.parametrize(
    ("lag", "next_start"),
    [
        (0, d(3)),  # starts with Build (held to Wed 3 Mar)
        (2, d(5)),  # Wed + 2 working days = Fri
        (3, d(8)),  # Wed + 3 working days = Mon, across the weekend
        (-2, d(1)),  # a lead of two days: Mon
        (-3, d(1)),  # Fri 26 Feb would be before the release start: held at Mon 1 Mar
    ],
)
def test_start_to_start(lag, next_start):
    s = build_then("SS", lag, build_start=d(3))
    assert s["Build"].start == d(3)
    assert s["Next"].start == next_start


@pytest.mark.parametrize(
    ("lag", "next_start", "next_finish"),
    [
        (0, d(3), d(5)),  # finishes with Build on Fri 5 Mar
        (2, d(5), d(9)),  # finishes two working days later: Tue 9 Mar
        (-1, d(2), d(4)),  # finishes a day before Build: Thu 4 Mar
    ],
)
def test_finish_to_finish(lag, next_start, next_finish):
    s = build_then("FF", lag)
    assert s.shown("Next") == (next_start, next_finish)


@pytest.mark.parametrize(
    ("lag", "cutover"),
    [
        (0, (d(4), d(5))),  # Build starts Mon 8 Mar; cut-over must end by then: Thu-Fri
        (3, (d(9), d(10))),  # ends no earlier than Mon + 3 working days, on Wed 10 Mar
        (-2, (d(2), d(3))),  # two days of lead: ends Wed 3 Mar
    ],
)
def test_start_to_finish(lag, cutover):
    s = build_then("SF", lag, days=2, build_start=d(8))
    assert s["Build"].start == d(8)
    assert s.shown("Next") == cutover


@pytest.mark.parametrize(
    ("type", "lag", "shown"),
    [
        ("FS", 0, (d(31), d(1, 4))),  # Build ends Tue 30 Mar after the long weekend
        ("FS", -1, (d(30), d(31))),
        ("SS", 3, (d(30), d(31))),  # Tue 23 + 3 working days: Wed, Thu, then Tue 30
        ("FF", 0, (d(25), d(30))),  # ends with Build; its two days straddle Easter
        ("SF", 4, (d(25), d(30))),  # ends no earlier than Tue 23 + 4 working days
    ],
)
def test_every_link_type_counts_across_easter(type, lag, shown):
    s = build_then(type, lag, days=2, build_start=d(23), build_days=4)
    assert s.shown("Build") == (d(23), d(30))
    assert s.shown("Next") == shown


def test_working_days_skip_easter():
    plan = Plan(holidays=EASTER)
    plan.task("Build", 4)
    plan.task("Test", 2)
    plan.start_no_earlier_than("Build", d(23))
    plan.link("Build", "Test", lag=1)
    s = plan.schedule()
    # Tue 23, Wed 24, Thu 25, (Good Friday, weekend, Easter Monday), Tue 30 Mar.
    assert s.shown("Build") == (d(23), d(30))
    # One day of lag is Wed 31 Mar; Test runs Thu 1 Apr and Fri 2 Apr.
    assert s.shown("Test") == (d(1, 4), d(2, 4))


# --- milestones --------------------------------------------------------------------------


def test_a_milestone_after_a_task_shows_the_tasks_finish_date():
    plan = Plan()
    plan.task("Build", 5)
    plan.milestone("Code complete")
    plan.task("Test", 2)
    plan.link("Build", "Code complete")
    plan.link("Code complete", "Test")
    s = plan.schedule()
    assert s.shown("Code complete") == (d(5), d(5))  # Fri 5 Mar, like MS Project
    assert s.shown("Test") == (d(8), d(9))  # the next working day


def test_a_milestone_with_lag_after_a_task():
    plan = Plan()
    plan.task("Build", 5)
    plan.milestone("Sign-off")
    plan.link("Build", "Sign-off", lag=1)
    assert plan.schedule()["Sign-off"].start == d(8)  # one working day after Fri 5 Mar


def test_a_milestone_tied_to_a_tasks_start_is_shown_at_the_end_of_the_day_before():
    # A milestone marks the end of a day. SS+2 from a task starting Mon 1 Mar means
    # "the start of Wed 3 Mar", which is the end of Tue 2 Mar: shown on Tue 2 Mar.
    # (MS Project puts it at Wed 08:00 and shows Wed.)
    plan = Plan()
    plan.task("Build", 5)
    plan.milestone("Build under way")
    plan.milestone("Freeze scope")
    plan.link("Build", "Build under way", "SS", 2)
    plan.link("Build", "Freeze scope", "SS", 0)
    s = plan.schedule()
    assert s["Build under way"].start == d(2)
    assert s["Freeze scope"].start == d(1)  # never before the release start


def test_a_pin_before_the_release_start_stays_and_says_what_holds_it():
    plan = Plan()
    plan.task("Legacy cut-off", 2)
    plan.pin("Legacy cut-off", d(26, 2))
    s = plan.schedule()
    assert s.shown("Legacy cut-off") == (d(25, 2), d(26, 2))
    (conflict,) = s.conflicts()
    assert conflict.kind == "pin"
    assert "but the release start holds it 2 working days later" in conflict.message


def test_a_milestone_without_predecessors_is_on_the_release_start():
    plan = Plan(start=d(6))  # a Saturday: the release really starts Mon 8 Mar
    plan.milestone("Kick-off")
    plan.task("Plan", 2)
    plan.link("Kick-off", "Plan")
    s = plan.schedule()
    assert s.shown("Kick-off") == (d(8), d(8))
    assert s.shown("Plan") == (d(9), d(10))
    assert s["Kick-off"].driver == DRIVER_START


# --- start no earlier than -----------------------------------------------------------------


def test_start_no_earlier_than_holds_an_item_back():
    plan = Plan()
    plan.task("Build", 5)
    plan.task("Pen test", 2)
    plan.link("Build", "Pen test")
    plan.start_no_earlier_than("Pen test", d(10))
    s = plan.schedule()
    assert s.shown("Pen test") == (d(10), d(11))
    assert s["Pen test"].driver == DRIVER_CONSTRAINT


def test_start_no_earlier_than_on_a_weekend_means_the_monday():
    plan = Plan()
    plan.task("Build", 1)
    plan.start_no_earlier_than("Build", d(13))
    assert plan.schedule()["Build"].start == d(15)


def test_predecessors_win_over_an_earlier_start_no_earlier_than():
    plan = Plan()
    plan.task("Build", 5)
    plan.task("Test", 1)
    dep = plan.link("Build", "Test")
    plan.start_no_earlier_than("Test", d(2))
    s = plan.schedule()
    assert s["Test"].start == d(8)
    assert s["Test"].driver == dep


def test_a_milestone_asked_for_a_date_is_shown_on_it():
    plan = Plan()
    plan.milestone("Demo")
    plan.start_no_earlier_than("Demo", d(10))
    assert plan.schedule().shown("Demo") == (d(10), d(10))


# --- must finish on (pins) -----------------------------------------------------------------


def go_live_plan(uat_days: int) -> Plan:
    plan = Plan()
    plan.task("Build", 5)
    plan.task("UAT", uat_days, Phase.TEST)
    plan.milestone("Go-live", Phase.DEPLOY)
    plan.link("Build", "UAT")
    plan.link("UAT", "Go-live")
    plan.pin("Go-live", d(12))
    return plan


def test_a_go_live_pinned_to_12_march_is_kept_when_there_is_room():
    s = go_live_plan(uat_days=3).schedule()
    assert s.shown("UAT") == (d(8), d(10))
    assert s.shown("Go-live") == (d(12), d(12))
    assert s["Go-live"].driver == DRIVER_PIN
    assert s.conflicts() == []


def test_a_task_pinned_to_finish_on_a_day_starts_so_it_does():
    plan = Plan()
    plan.task("Data migration", 3)
    plan.pin("Data migration", d(12))
    assert plan.schedule().shown("Data migration") == (d(10), d(12))


def test_a_go_live_pinned_to_12_march_stays_put_when_uat_slips():
    plan = go_live_plan(uat_days=3)
    uat_link = next(
        dep.id for dep in plan.project.dependencies.values() if dep.successor_id == plan.ids["UAT"]
    )
    go_live_link = next(
        dep.id
        for dep in plan.project.dependencies.values()
        if dep.successor_id == plan.ids["Go-live"]
    )
    plan.apply(edits.set_duration(plan.project, plan.ids["UAT"], 7))  # UAT slips by 4 days
    s = plan.schedule()
    assert s.shown("UAT") == (d(8), d(16))
    assert s.shown("Go-live") == (d(12), d(12))  # not moved
    (pin,) = s.conflicts()
    assert pin.kind == "pin"
    assert pin.item_ids == (plan.ids["Go-live"],)
    assert pin.dependency_ids == (go_live_link,)
    assert pin.message == (
        "'Go-live' must finish on 12 Mar 2027, but 'UAT' (FS) holds it 2 working days later; "
        "move the pin or shorten what comes before."
    )
    # What comes before the pin now has negative slack: it cannot make the date.
    assert s["UAT"].slack == -2 and s["Build"].slack == -2
    assert uat_link not in pin.dependency_ids  # Build -> UAT is not the cause named


# --- freeze windows ------------------------------------------------------------------------


def freeze_plan(phase: Phase, build_days: int = 10) -> Schedule:
    plan = Plan(freezes=(MARCH_FREEZE,))
    plan.task("Build", build_days)
    plan.task("Rollout", 2, phase)
    plan.link("Build", "Rollout")
    return plan.schedule()


def test_a_deploy_task_is_pushed_past_the_freeze():
    s = freeze_plan(Phase.DEPLOY)
    # Build ends Fri 12 Mar; the rollout would start Mon 15 Mar, inside the freeze.
    assert s.shown("Rollout") == (d(22), d(23))
    assert s["Rollout"].driver == DRIVER_FREEZE
    assert s["Rollout"].freeze == "Quarter-end freeze"
    assert s.sched.describe_driver(s.plan.ids["Rollout"], DRIVER_FREEZE) == (
        "the freeze 'Quarter-end freeze'"
    )


def test_a_deploy_task_that_would_run_into_the_freeze_waits_for_its_end():
    s = freeze_plan(Phase.DEPLOY, build_days=9)  # would run Fri 12 - Mon 15 Mar
    assert s.shown("Rollout") == (d(22), d(23))


def test_a_test_task_may_run_during_the_freeze():
    s = freeze_plan(Phase.TEST)
    assert s.shown("Rollout") == (d(15), d(16))
    assert s["Rollout"].freeze is None


def test_a_go_live_milestone_is_pushed_past_the_freeze_but_not_for_the_day_before():
    plan = Plan(freezes=(MARCH_FREEZE,))
    plan.task("Build", 10)
    plan.task("Hotfix", 11)
    plan.milestone("Go-live", Phase.DEPLOY)
    plan.milestone("Hotfix live", Phase.DEPLOY)
    plan.link("Build", "Go-live")
    plan.link("Hotfix", "Hotfix live")
    s = plan.schedule()
    assert s.shown("Go-live") == (d(12), d(12))  # Friday before the freeze is fine
    assert s.shown("Hotfix live") == (d(22), d(22))  # Mon 15 Mar is frozen: Mon 22 Mar
    assert s["Hotfix live"].freeze == "Quarter-end freeze"


def test_a_deploy_item_pinned_inside_the_freeze_is_reported_not_moved():
    plan = Plan(freezes=(MARCH_FREEZE,))
    plan.task("Cut-over", 1, Phase.DEPLOY)
    plan.pin("Cut-over", d(16))
    s = plan.schedule()
    assert s.shown("Cut-over") == (d(16), d(16))
    (conflict,) = s.conflicts()
    assert conflict.kind == "pin_in_freeze"
    assert "'Cut-over' is a Deploy item pinned inside the freeze 'Quarter-end freeze'" in (
        conflict.message
    )


def test_a_pinned_deploy_item_that_a_predecessor_pushes_into_the_freeze_names_the_predecessor():
    plan = Plan(freezes=(MARCH_FREEZE,))
    plan.task("Build", 9)  # ends Thu 11 Mar
    plan.task("Cut-over", 2, Phase.DEPLOY)
    link = plan.link("Build", "Cut-over")
    plan.pin("Cut-over", d(11))
    s = plan.schedule()
    assert s.shown("Cut-over") == (d(10), d(11))  # pinned Wed-Thu, before the freeze
    (conflict,) = s.conflicts()
    assert conflict.kind == "pin"
    assert conflict.dependency_ids == (link,)
    # Build would put it on Fri 12 - Mon 15, and the freeze then on 22 Mar; the cause to
    # fix is Build.
    assert "but 'Build' (FS) holds it 2 working days later" in conflict.message


def test_a_holiday_inside_the_freeze_does_not_shorten_it():
    freeze = FreezeWindow("Easter freeze", d(25), d(30))
    plan = Plan(holidays=EASTER, freezes=(freeze,))
    plan.task("Build", 18)  # Mon 1 - Wed 24 Mar
    plan.task("Release", 1, Phase.DEPLOY)
    plan.link("Build", "Release")
    assert plan.schedule().shown("Release") == (d(31), d(31))


# --- backward pass: late dates, slack, critical path -------------------------------------


def slack_plan(deadline: date | None) -> Schedule:
    """Build (5) -> Test (3) -> Go-live, and Build -> Docs (1) -> Go-live."""
    plan = Plan(deadline=deadline)
    plan.task("Build", 5)
    plan.task("Test", 3)
    plan.task("Docs", 1)
    plan.milestone("Go-live")
    plan.link("Build", "Test")
    plan.link("Build", "Docs")
    plan.link("Test", "Go-live")
    plan.link("Docs", "Go-live")
    return plan.schedule()


def test_slack_against_the_deadline():
    s = slack_plan(deadline=d(12))
    assert s.shown("Go-live") == (d(10), d(10))
    assert s.sched.finish == d(10)
    # Two working days to spare before Fri 12 Mar on the Build-Test chain; Docs has four.
    assert {name: s[name].slack for name in s.plan.ids} == {
        "Build": 2,
        "Test": 2,
        "Docs": 4,
        "Go-live": 2,
    }
    assert s.sched.calendar.date_of(s["Test"].late_start_index) == d(10)
    assert s.critical() == {"Build", "Test", "Go-live"}
    assert s.conflicts() == []


def test_slack_without_a_deadline_is_measured_to_the_release_finish():
    s = slack_plan(deadline=None)
    assert {name: s[name].slack for name in s.plan.ids} == {
        "Build": 0,
        "Test": 0,
        "Docs": 2,
        "Go-live": 0,
    }
    assert s.critical() == {"Build", "Test", "Go-live"}


def test_a_release_that_misses_its_deadline_says_by_how_much():
    s = slack_plan(deadline=d(8))
    assert s["Test"].slack == -2 and s["Docs"].slack == 0
    (late,) = s.conflicts()
    assert late.kind == "late"
    assert late.message == (
        "Release '2.4' finishes on 10 Mar 2027, 2 working days after its deadline "
        "8 Mar 2027; shorten the critical path or move the deadline."
    )
    assert set(late.item_ids) == {s.plan.ids[n] for n in ("Build", "Test", "Go-live")}
    assert s.critical() == {"Build", "Test", "Go-live"}


def test_a_pin_conflict_alone_does_not_claim_the_release_is_late():
    plan = go_live_plan(uat_days=7)
    plan.release = dataclasses.replace(plan.release, deadline=d(31))
    plan.project.add(plan.release)
    s = plan.schedule()
    assert [c.kind for c in s.conflicts()] == ["pin"]  # finishes 16 Mar, well before 31 Mar


def test_an_empty_release_schedules():
    plan = Plan(deadline=d(12))
    sched = ReleaseSchedule(plan.project, plan.release)
    assert sched.finish is None
    assert sched.all_dates() == {}
    assert sched.conflicts() == []


# --- cycles in a file ---------------------------------------------------------------------


def test_a_file_with_a_cycle_still_schedules_and_names_the_cycle():
    plan = Plan()
    for name in ("Build", "Test", "Fix"):
        plan.task(name, 2)
    ids = plan.ids
    # Written by hand (or by another tool): the edit functions would refuse the last link.
    links = [("Build", "Test"), ("Test", "Fix"), ("Fix", "Build")]
    for n, (pred, succ) in enumerate(links):
        plan.project.add(Dependency(f"dep{n}", ids[pred], ids[succ], DependencyType.FS))
    s = plan.schedule()
    assert len(s.dates) == 3
    (cycle,) = s.conflicts()
    assert cycle.kind == "cycle"
    assert set(cycle.item_ids) == set(ids.values())
    assert set(cycle.dependency_ids) == {"dep0", "dep1", "dep2"}
    # The knot is named in link order, starting wherever the search entered it.
    names = ["'Build'", "'Test'", "'Fix'"]
    rotations = [" → ".join([*names[k:], *names[:k], names[k]]) for k in range(3)]
    assert any(f"The dependencies {r} form a cycle" in cycle.message for r in rotations)
    assert cycle.message.endswith("one link is ignored when scheduling. Remove one of them.")
    # Only the ignored link is broken; the other two still hold.
    starts = sorted(s[name].start_index for name in ("Build", "Test", "Fix"))
    assert starts == [0, 2, 4]


def test_adding_the_link_that_closes_a_cycle_is_refused_by_name():
    plan = Plan()
    plan.task("Build")
    plan.task("Test")
    plan.milestone("Go-live")
    plan.link("Build", "Test")
    plan.link("Test", "Go-live")
    with pytest.raises(edits.EditError, match="'Go-live' → 'Build' → 'Test' → 'Go-live'"):
        plan.link("Go-live", "Build")


# --- incremental updates, previews and snapping ------------------------------------------


def snapshot(sched: ReleaseSchedule):
    return (
        {item_id: sched.dates(item_id) for item_id in sched.ids},
        sched.conflicts(),
    )


def rich_plan() -> Plan:
    plan = Plan(deadline=d(26), holidays=EASTER, freezes=(MARCH_FREEZE,))
    plan.task("Design", 3, Phase.PLAN)
    plan.task("Build", 5)
    plan.task("Docs", 2)
    plan.task("UAT", 3, Phase.TEST)
    plan.milestone("Go/no-go", Phase.TEST)
    plan.task("Rollout", 2, Phase.DEPLOY)
    plan.milestone("Go-live", Phase.DEPLOY)
    plan.link("Design", "Build")
    plan.link("Build", "Docs", "SS", 2)
    plan.link("Build", "UAT", "FS", -1)
    plan.link("UAT", "Go/no-go")
    plan.link("Docs", "Go/no-go", "FF", 1)
    plan.link("Go/no-go", "Rollout")
    plan.link("Rollout", "Go-live")
    return plan


@pytest.mark.parametrize(
    "edit",
    [
        lambda p, ids: edits.move_item(p, ids["Design"], d(4)),
        lambda p, ids: edits.set_duration(p, ids["Build"], 9),
        lambda p, ids: edits.set_duration(p, ids["Build"], 1),
        lambda p, ids: edits.move_item(p, ids["Go-live"], d(30)),
        lambda p, ids: edits.set_constraint(
            p, ids["Go-live"], Constraint(ConstraintKind.MUST_FINISH_ON, d(17))
        ),
        lambda p, ids: edits.update_item(p, ids["Docs"], phase=Phase.DEPLOY),
        lambda p, ids: edits.update_item(p, ids["Go/no-go"], kind=ItemKind.TASK),
    ],
)
def test_an_incremental_update_equals_a_fresh_schedule(edit):
    plan = rich_plan()
    live = ReleaseSchedule(plan.project, plan.release)
    changes = plan.apply(edit(plan.project, plan.ids))
    changed = live.update(changes.ids("items"))
    fresh = ReleaseSchedule(plan.project, plan.release)
    assert snapshot(live) == snapshot(fresh)
    assert changes.ids("items") <= changed


@pytest.mark.parametrize("name", ["Design", "Build", "UAT", "Go/no-go", "Rollout", "Go-live"])
@pytest.mark.parametrize("day", [d(1), d(5), d(12), d(16), d(24)])
def test_a_drag_preview_predicts_the_real_move(name, day):
    plan = rich_plan()
    plan.pin("Go-live", d(26))
    live = ReleaseSchedule(plan.project, plan.release)
    before = {item_id: live.es[live.index[item_id]] for item_id in live.ids}
    item_id = plan.ids[name]
    preview = live.preview_start(item_id, live.start_index_of(item_id, day))
    plan.apply(edits.move_item(plan.project, item_id, day))
    live.update([item_id])
    after = {i: live.es[live.index[i]] for i in live.ids}
    assert {**before, **preview} == after
    assert item_id in preview


def test_dragging_before_the_predecessor_allows_names_what_holds_the_item():
    plan = Plan()
    plan.task("Build", 5)
    plan.task("Test", 3)
    plan.link("Build", "Test", lag=2)
    s = plan.schedule()
    test_id = plan.ids["Test"]
    start, driver = s.sched.earliest_allowed(test_id)
    assert s.sched.calendar.date_of(start) == d(10)
    assert s.sched.describe_driver(test_id, driver) == "'Build' (FS+2d)"
    # The drop snaps there: asking for Mon 1 Mar gives Wed 10 Mar.
    plan.apply(edits.move_item(plan.project, test_id, d(1)))
    assert plan.schedule()["Test"].start == d(10)


def test_earliest_allowed_ignores_the_items_own_date():
    plan = Plan()
    plan.task("Build", 2)
    plan.task("Test", 1)
    plan.link("Build", "Test")
    plan.start_no_earlier_than("Test", d(10))
    s = plan.schedule()
    start, driver = s.sched.earliest_allowed(plan.ids["Test"])
    assert start == 2 and driver != DRIVER_CONSTRAINT


def test_earliest_allowed_names_the_freeze_that_holds_a_deploy_item():
    plan = Plan(freezes=(MARCH_FREEZE,))
    plan.task("Build", 10)
    plan.task("Rollout", 1, Phase.DEPLOY)
    plan.link("Build", "Rollout")
    plan.start_no_earlier_than("Rollout", d(29))  # dropped well after the freeze
    s = plan.schedule()
    rollout = plan.ids["Rollout"]
    start, driver = s.sched.earliest_allowed(rollout)
    assert (s.sched.calendar.date_of(start), driver) == (d(22), DRIVER_FREEZE)
    assert s.sched.describe_driver(rollout, driver, start) == "the freeze 'Quarter-end freeze'"
    # Without the start, the words are about where the item is now (held by its own date,
    # past the freeze): a holder from earliest_allowed() must come with its start.
    assert s.sched.describe_driver(rollout, driver) == "a change freeze"


def test_describing_what_holds_an_item():
    plan = Plan()
    plan.task("Build")
    s = plan.schedule()
    build = plan.ids["Build"]
    assert s.sched.describe_driver(build, DRIVER_START) == "the release start"
    assert s.sched.describe_driver(build, DRIVER_CONSTRAINT) == "its start-no-earlier-than date"
    assert s.sched.describe_driver(build, DRIVER_PIN) == "its must-finish-on date"
    assert s.sched.describe_driver(build, "no-such-link") == "a predecessor"


def test_every_release_of_a_project_is_scheduled():
    plan = Plan()
    plan.task("Build", 2)
    plan.project.add(Release("r2", "2.5", start=d(1, 6)))
    plan.apply(edits.add_item(plan.project, "r2", "Spike", duration=3))
    schedules = schedule_project(plan.project)
    assert set(schedules) == {"r", "r2"}
    assert schedules["r2"].finish == d(3, 6)
    assert schedules["r"].finish == d(2)
