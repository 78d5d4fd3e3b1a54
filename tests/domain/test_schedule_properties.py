"""Properties of the scheduler on random releases and random sequences of planner edits.

Every release here is acyclic (links only run from lower to higher item numbers), has
random link types and lags, milestones, start-no-earlier-than dates, a few pins, Deploy
items and a calendar with holidays and freeze windows.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relplan.domain import edits
from relplan.domain.edits import EditError, apply_changes
from relplan.domain.graph import release_graph
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
    WorkItem,
)
from relplan.domain.schedule import (
    DRIVER_CONSTRAINT,
    DRIVER_FREEZE,
    DRIVER_PIN,
    DRIVER_START,
    ReleaseSchedule,
)

BASE = date(2027, 3, 1)
PIN_KINDS = {"pin", "pin_in_freeze"}
# Sized to keep the whole file near two seconds; raise max_examples locally to dig deeper
# (thousands of examples per test have been run this way).
EDIT_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
DRAG_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def releases(draw, tangled: bool = False) -> tuple[Project, Release]:
    """A random release of up to 40 items on a random calendar; acyclic unless ``tangled``.

    The calendar and the size come from Hypothesis; the items from a seeded generator, which
    is many times faster to draw. Item n depends only on the seed and on items before it,
    so shrinking the size shrinks a failing release to a prefix of itself.
    """
    start = BASE + timedelta(days=draw(st.integers(0, 6)))  # sometimes a weekend
    work_week = draw(st.sampled_from([(0, 1, 2, 3, 4), (6, 0, 1, 2, 3), (0, 1, 2, 3)]))
    holidays = tuple(
        Holiday(start + timedelta(days=k))
        for k in draw(st.lists(st.integers(0, 120), max_size=4, unique=True))
    )
    freezes = tuple(
        FreezeWindow(f"Freeze {n}", start + timedelta(days=a), start + timedelta(days=a + length))
        for n, (a, length) in enumerate(
            draw(
                st.lists(st.tuples(st.integers(-5, 90), st.integers(0, 12)), min_size=1, max_size=3)
            )
        )
    )
    deadline = start + timedelta(days=draw(st.integers(5, 150)))
    if draw(st.integers(0, 9)) < 3:
        deadline = None
    project = Project("Random")
    project.add(Calendar("cal", "Office", work_week, holidays, freezes))
    release = Release("r", "Random", start=start, deadline=deadline, calendar_id="cal")
    project.add(release)

    size = draw(st.integers(1, 40))
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    for n in range(size):
        milestone = rnd.random() < 0.2
        constraint = None
        roll = rnd.random()
        if roll < 0.2:
            on = start + timedelta(days=rnd.randint(-3, 90))
            constraint = Constraint(ConstraintKind.START_NO_EARLIER_THAN, on)
        elif roll < 0.3:
            on = start + timedelta(days=rnd.randint(-3, 120))
            if rnd.random() < 0.3:  # pinned into a freeze, as planners sometimes do
                on = rnd.choice(freezes).start + timedelta(days=rnd.randint(0, 12))
            constraint = Constraint(ConstraintKind.MUST_FINISH_ON, on)
        project.add(
            WorkItem(
                f"i{n}",
                "r",
                f"Item {n}",
                kind=ItemKind.MILESTONE if milestone else ItemKind.TASK,
                phase=Phase.DEPLOY if rnd.random() < 0.3 else Phase.BUILD,
                duration=0 if milestone else rnd.randint(1, 8),
                constraint=constraint,
            )
        )
        for p in rnd.sample(range(n), min(n, rnd.randint(0, 3))):
            dep_type = rnd.choice(list(DependencyType))
            project.add(Dependency(f"d{p}-{n}", f"i{p}", f"i{n}", dep_type, rnd.randint(-3, 5)))
    if tangled and size > 1:
        # Links back to earlier items, as a hand-edited file may hold: usually cycles.
        for _ in range(rnd.randint(1, 3)):
            p, n = sorted(rnd.sample(range(size), 2))
            if f"d{p}-{n}" not in project.dependencies:
                project.add(Dependency(f"d{n}-{p}", f"i{n}", f"i{p}"))
    return project, release


EDIT_KINDS = ["move", "move", "duration", "snet", "pin", "clear", "phase", "kind"]
edit_lists = st.lists(
    st.tuples(st.sampled_from(EDIT_KINDS), st.integers(0, 39), st.integers(-5, 100)),
    max_size=10,
)


def make_edit(project: Project, kind: str, n: int, value: int) -> edits.ChangeSet:
    """One planner edit on item ``n`` (wrapped to the release size)."""
    ids = sorted(project.items, key=lambda i: int(i[1:]))
    item = project.items[ids[n % len(ids)]]
    day = project.releases["r"].start + timedelta(days=value)
    if kind == "duration" and not item.is_milestone:
        return edits.set_duration(project, item.id, 1 + value % 12)
    if kind == "snet":
        return edits.set_constraint(
            project, item.id, Constraint(ConstraintKind.START_NO_EARLIER_THAN, day)
        )
    if kind == "pin":
        return edits.set_constraint(
            project, item.id, Constraint(ConstraintKind.MUST_FINISH_ON, day)
        )
    if kind == "clear":
        return edits.set_constraint(project, item.id, None)
    if kind == "phase":
        phase = Phase.BUILD if item.phase is Phase.DEPLOY else Phase.DEPLOY
        return edits.update_item(project, item.id, phase=phase)
    if kind == "kind":
        new_kind = ItemKind.TASK if item.is_milestone else ItemKind.MILESTONE
        return edits.update_item(project, item.id, kind=new_kind)
    return edits.move_item(project, item.id, day)


def outcome(sched: ReleaseSchedule):
    """Everything a planner sees: dates, slack, drivers, freezes and conflicts."""
    return sched.all_dates(), sched.conflicts(), sched.finish


def broken_rules(project: Project, sched: ReleaseSchedule) -> list[str]:
    """The scheduling rules a computed schedule breaks (none, we expect), in words.

    Collected rather than asserted one by one: a failure lists every broken rule at once,
    and plain comparisons keep the many checks per example cheap.
    """
    broken: list[str] = []
    dates = sched.all_dates()
    conflicts = sched.conflicts()
    reported = {i for c in conflicts if c.kind in PIN_KINDS for i in c.item_ids}
    in_cycles = {dep_id for c in conflicts if c.kind == "cycle" for dep_id in c.dependency_ids}
    cal = sched.calendar

    def pin_end(item_id: str) -> int | None:
        constraint = project.items[item_id].constraint
        if constraint is None or constraint.kind is not ConstraintKind.MUST_FINISH_ON:
            return None
        return cal.index_at_or_before(constraint.on) + 1

    # (2) No dependency is violated, except into a pinned item that reports it.
    for dep in project.dependencies.values():
        p, s = dates[dep.predecessor_id], dates[dep.successor_id]
        got, base = {
            DependencyType.FS: (s.start_index, p.end_index),
            DependencyType.SS: (s.start_index, p.start_index),
            DependencyType.FF: (s.end_index, p.end_index),
            DependencyType.SF: (s.end_index, p.start_index),
        }[dep.type]
        if got < base + dep.lag and dep.id not in in_cycles:
            if pin_end(dep.successor_id) is None:
                broken.append(f"{dep} is violated")
            elif dep.successor_id not in reported:
                broken.append(f"{dep} is violated without a conflict")

    for item_id, at in dates.items():
        item = project.items[item_id]
        floor = 1 if item.is_milestone else 0
        constraint = item.constraint
        pin = pin_end(item_id)
        if pin is not None:
            # A pin is kept exactly: the item ends on its day (or the working day before).
            if at.end_index != pin or at.driver != DRIVER_PIN:
                broken.append(f"{item.name} left its pin")
            if at.start_index < floor and item_id not in reported:
                broken.append(f"{item.name} is pinned before the start without a conflict")
            continue
        if at.start_index < floor:
            broken.append(f"{item.name} starts before the release start")
        if constraint is not None and at.start_index < cal.index_of(constraint.on) + floor:
            broken.append(f"{item.name} starts before its start-no-earlier-than date")
        # The driver is honest: what it names holds the item exactly where it is.
        if at.driver == DRIVER_START:
            honest = at.start_index == floor
        elif at.driver == DRIVER_CONSTRAINT:
            honest = at.start_index == cal.index_of(constraint.on) + floor
        elif at.driver == DRIVER_FREEZE:
            day_before = at.start_index - 1 if item.is_milestone else at.start_index
            ending = {w.name for _f_start, f_end, w in sched.freeze_spans if f_end == day_before}
            honest = item.phase is Phase.DEPLOY and at.freeze in ending
        else:
            dep = project.dependencies[at.driver]
            p = dates[dep.predecessor_id]
            base = {
                DependencyType.FS: p.end_index,
                DependencyType.SS: p.start_index,
                DependencyType.FF: p.end_index - (at.end_index - at.start_index),
                DependencyType.SF: p.start_index - (at.end_index - at.start_index),
            }[dep.type]
            honest = dep.successor_id == item_id and at.start_index == base + dep.lag
        if not honest:
            broken.append(f"{item.name} is not held where its driver {at.driver} says")

    # (3) No Deploy item sits in a freeze unless it is pinned there and reported.
    for item_id, at in dates.items():
        item = project.items[item_id]
        if item.phase is not Phase.DEPLOY:
            continue
        first, last = (
            (at.start_index - 1, at.start_index)
            if item.is_milestone
            else (at.start_index, at.end_index)
        )
        for f_start, f_end, window in sched.freeze_spans:
            overlaps = first < f_end and f_start < last
            if overlaps and (pin_end(item_id) is None or item_id not in reported):
                broken.append(f"{item.name} overlaps {window.name}")

    # (4) Slack: the critical items are exactly those with the least slack.
    least = sched.min_slack()
    for at in dates.values():
        if at.slack < least or at.critical != (at.slack == least):
            broken.append(f"{at} has a wrong slack or critical flag (least slack {least})")

    # The late schedule keeps every link and ends by the deadline (or the finish) ...
    lf, dur = sched.lf, sched.dur
    deadline = sched.release.deadline
    anchor = sched.finish_index() if deadline is None else cal.index_at_or_before(deadline) + 1
    if any(f > anchor for f in lf):
        broken.append("a late finish lies after the deadline or the release finish")
    for dep in project.dependencies.values():
        p, s = sched.index[dep.predecessor_id], sched.index[dep.successor_id]
        got, base = {
            DependencyType.FS: (lf[s] - dur[s], lf[p]),
            DependencyType.SS: (lf[s] - dur[s], lf[p] - dur[p]),
            DependencyType.FF: (lf[s], lf[p]),
            DependencyType.SF: (lf[s], lf[p] - dur[p]),
        }[dep.type]
        if got < base + dep.lag and dep.id not in in_cycles:
            broken.append(f"the late schedule violates {dep}")
    # ... and is as late as they allow: the anchor, a pin or one successor link sets each.
    links_out: dict[str, list[Dependency]] = {}
    for dep in project.dependencies.values():
        links_out.setdefault(dep.predecessor_id, []).append(dep)
    for item_id, n in sched.index.items():
        links = links_out.get(item_id, [])
        if any(dep.id in in_cycles for dep in links):
            continue  # one of these links may be the one left out
        limits = [anchor]
        if pin_end(item_id) is not None:
            limits.append(pin_end(item_id))
        for dep in links:
            s, d = sched.index[dep.successor_id], dur[n]
            limits.append(
                {
                    DependencyType.FS: lf[s] - dur[s] - dep.lag,
                    DependencyType.SS: lf[s] - dur[s] - dep.lag + d,
                    DependencyType.FF: lf[s] - dep.lag,
                    DependencyType.SF: lf[s] - dep.lag + d,
                }[dep.type]
            )
        if lf[n] != min(limits):
            broken.append(f"the late finish of {item_id} is {lf[n]}, not {min(limits)}")

    # A release is reported late exactly when it finishes after its deadline.
    release = sched.release
    is_late = any(c.kind == "late" for c in conflicts)
    if release.deadline is None or not dates:
        if is_late:
            broken.append("a release without a deadline or items is reported late")
    elif is_late != (sched.finish_index() > anchor):
        broken.append(f"late reported: {is_late}, finish {sched.finish}, deadline {deadline}")
    # Every knot is reported, and only knots.
    graph = release_graph(project, release.id)
    if bool(in_cycles) == nx.is_directed_acyclic_graph(graph):
        broken.append("cycles are reported where there are none, or missed")
    return broken


@EDIT_SETTINGS
@given(release=releases(), steps=edit_lists)
def test_incremental_updates_equal_a_full_recompute_and_keep_every_rule(release, steps):
    replay_edits(release, steps)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(release=releases(tangled=True), steps=edit_lists)
def test_a_release_with_cycles_still_schedules_and_updates_incrementally(release, steps):
    replay_edits(release, steps)


def replay_edits(release: tuple[Project, Release], steps) -> None:
    """Apply ``steps`` one by one; after each, compare the live schedule with a fresh one."""
    project, rel = release
    live = ReleaseSchedule(project, rel)
    assert broken_rules(project, live) == []
    for kind, n, value in steps:
        try:
            changes = make_edit(project, kind, n, value)
        except EditError:
            continue
        apply_changes(project, changes)
        before = live.all_dates()
        reported = live.update(changes.ids("items"))
        after = live.all_dates()
        fresh = ReleaseSchedule(project, rel)
        assert outcome(live) == outcome(fresh), f"after {changes.description}"
        # Views refresh only what update() reports: it must report everything that changed
        # (but the critical flags, which follow min_slack()).
        assert {
            i
            for i in after
            if replace(after[i], critical=False) != replace(before[i], critical=False)
        } <= reported
        assert broken_rules(project, fresh) == [], f"after {changes.description}"


@DRAG_SETTINGS
@given(release=releases(), pick=st.integers(0, 39), offset=st.integers(-5, 100))
def test_a_drag_preview_predicts_the_drop(release, pick, offset):
    project, rel = release
    live = ReleaseSchedule(project, rel)
    item_id = live.ids[pick % len(live.ids)]
    day = rel.start + timedelta(days=offset)
    before = {i: live.es[live.index[i]] for i in live.ids}
    preview = live.preview_start(item_id, live.start_index_of(item_id, day))
    assert {i: live.es[live.index[i]] for i in live.ids} == before, "a preview changes nothing"

    apply_changes(project, edits.move_item(project, item_id, day))
    live.update([item_id])
    assert {i: live.es[live.index[i]] for i in live.ids} == {**before, **preview}


@DRAG_SETTINGS
@given(release=releases(), pick=st.integers(0, 39))
def test_a_drop_before_what_predecessors_allow_snaps_to_the_earliest_day(release, pick):
    project, rel = release
    live = ReleaseSchedule(project, rel)
    item_id = live.ids[pick % len(live.ids)]
    earliest, holder = live.earliest_allowed(item_id)
    held_by = live.describe_driver(item_id, holder, earliest)
    assert "None" not in held_by and "a change freeze" not in held_by
    apply_changes(project, edits.move_item(project, item_id, rel.start - timedelta(days=30)))
    live.update([item_id])
    at = live.dates(item_id)
    assert (at.start_index, at.driver) == (earliest, holder)
    assert live.describe_driver(item_id, at.driver) == held_by
