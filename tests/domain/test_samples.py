"""The bundled sample "Payments 4.2" and the synthetic generator: what a new user and a
benchmark get.

The sample is the first thing a planner opens, so these tests read it the way a planner
would: six phases with gates, a schedule that meets the pinned go-live, a RACI that follows
the rules, change requests in every state, and a test and training story that adds up.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import date

import pytest

from relplan.domain import model
from relplan.domain.model import (
    DependencyType,
    ItemKind,
    Phase,
    Project,
    RaciRole,
    RequestStatus,
    RequestType,
    SignOffDecision,
)
from relplan.domain.schedule import schedule_project
from relplan.samples import sample_project, synthetic_project
from relplan.samples.payments_plan import STATUS_DATE

# A record field holding an id (or ids) -> the table it refers to.
REFERENCES = {
    "release_id": "releases",
    "origin_release_id": "releases",
    "calendar_id": "calendars",
    "owner_id": "people",
    "item_id": "items",
    "predecessor_id": "items",
    "successor_id": "items",
    "milestone_id": "items",
    "person_id": "people",
    "trainer_id": "people",
    "team_id": "teams",
    "gate_id": "gates",
    "checklist_id": "checklists",
    "audience_id": "audiences",
    "person_ids": "people",
    "team_ids": "teams",
    "audience_ids": "audiences",
}


@pytest.fixture(scope="module")
def project() -> Project:
    return sample_project()


@pytest.fixture(scope="module")
def release(project):
    return project.release_by_name("Payments 4.2")


@pytest.fixture(scope="module")
def schedule(project, release):
    return schedule_project(project)[release.id]


@pytest.fixture(scope="module")
def items(project, release):
    return {item.name: item for item in project.release_items(release.id)}


def dangling_references(project: Project) -> list[str]:
    """Every id a record names that is not in the table it should be in."""
    found = []
    for table in (
        "releases",
        "people",
        "items",
        "dependencies",
        "assignments",
        "audiences",
        "change_requests",
        "gates",
        "sign_offs",
        "test_cycles",
        "training_sessions",
    ):
        for record in project.table(table).values():
            for field in dataclasses.fields(record):
                target = REFERENCES.get(field.name)
                value = getattr(record, field.name)
                if target is None or value is None:
                    continue
                for ref in value if isinstance(value, tuple) else (value,):
                    if ref not in project.table(target):
                        found.append(f"{table} {record.id} {field.name} -> {ref}")
    return found


# --- the sample: identity and integrity -------------------------------------------------------


def test_the_sample_is_identical_on_every_build_with_stable_uuid5_ids(project):
    again = sample_project()
    assert again == project
    ids = [rid for name in ("items", "people", "dependencies") for rid in project.table(name)]
    assert all(uuid.UUID(rid).version == 5 for rid in ids)
    everything = [
        rid
        for name in (
            "items",
            "dependencies",
            "assignments",
            "sign_offs",
            "change_requests",
            "gates",
            "test_cycles",
        )
        for rid in project.table(name)
    ]
    assert len(set(everything)) == len(everything)


def test_every_reference_in_the_sample_points_at_a_record(project):
    assert dangling_references(project) == []


def test_the_release_runs_from_october_to_a_go_live_pinned_in_spring(project, release, items):
    assert project.name == "Northwind Payments"
    assert (release.version, release.start) == ("4.2.0", date(2026, 10, 5))
    assert date(2027, 2, 1) <= release.deadline <= date(2027, 3, 31)
    pinned = [i for i in items.values() if i.constraint and i.constraint.kind == "must_finish_on"]
    assert [i.name for i in pinned] == ["Go-live"]
    assert date(2027, 2, 1) <= pinned[0].constraint.on <= date(2027, 3, 31)
    assert release.rollback_plan and release.deployment_window_start
    assert release.owner_id in project.people


def test_the_calendar_has_real_holidays_a_year_end_freeze_and_one_more(project, release):
    calendar = project.calendar_for(release)
    assert calendar.name == "Northwind (Mon-Fri)"
    holidays = {h.on: h.name for h in calendar.holidays}
    assert holidays[date(2026, 12, 25)] == "Christmas Day"
    assert holidays[date(2027, 1, 1)] == "New Year's Day"
    assert date(2027, 3, 26) in holidays  # Good Friday 2027
    freezes = sorted(calendar.freezes, key=lambda f: f.start)
    assert len(freezes) == 2
    year_end = [f for f in freezes if f.contains(date(2026, 12, 31))]
    assert year_end and year_end[0].contains(date(2027, 1, 4))


# --- the sample: work items and links ---------------------------------------------------------


def test_at_least_forty_items_across_all_six_phases_with_a_gate_milestone_each(items):
    assert len(items) >= 40
    per_phase = Counter(item.phase for item in items.values())
    assert set(per_phase) == set(Phase)
    assert all(count >= 5 for count in per_phase.values()), per_phase
    milestones = {i.name for i in items.values() if i.kind is ItemKind.MILESTONE}
    assert {
        "Scope approved",
        "Plan approved",
        "Code complete",
        "Go/no-go decision",
        "Go-live",
        "Release closed",
    } <= milestones
    for name in (
        "Evaluate RFC-118 SEPA Instant payouts",
        "Design settlement batch",
        "Functional test cycle 1",
        "UAT cycle 2 (retest)",
        "Production deployment",
        "Hypercare",
    ):
        assert name in items
    assert sum(1 for i in items.values() if i.notes) >= 5


def test_durations_spread_from_one_day_to_three_weeks(items):
    durations = [i.duration for i in items.values() if i.kind is ItemKind.TASK]
    assert min(durations) == 1 and max(durations) >= 15
    assert len(set(durations)) >= 8


def test_links_use_all_four_types_with_lags_and_exactly_one_lead(project, release, items):
    ids = {i.id for i in items.values()}
    deps = [d for d in project.dependencies.values() if d.successor_id in ids]
    assert {d.type for d in deps} == set(DependencyType)
    assert sum(1 for d in deps if d.lag > 0) >= 3
    leads = [d for d in deps if d.lag < 0]
    assert len(leads) == 1
    assert len(deps) >= 1.2 * len(ids)


# --- the sample: schedule ---------------------------------------------------------------------


def test_every_release_schedules_without_cycles_or_conflicts(project):
    for schedule in schedule_project(project).values():
        assert schedule.cycles == []
        assert schedule.conflicts() == []


def test_the_go_live_meets_its_pin_and_the_critical_path_leads_to_it(
    project, schedule, items, release
):
    dates = schedule.all_dates()
    go_live = items["Go-live"]
    assert dates[go_live.id].start == go_live.constraint.on
    assert schedule.finish <= release.deadline
    critical = [i for i in items.values() if dates[i.id].critical]
    names = {i.name for i in critical}
    assert {
        "Collect change requests for 4.2",
        "Build settlement batch with 22:00 cut-off",
        "UAT cycle 2 (retest)",
        "Go/no-go decision",
        "Production deployment",
        "Go-live",
    } <= names
    # A chain: every critical item but the first is driven by a critical predecessor.
    for item in critical:
        driver = dates[item.id].driver
        if item.name == "Collect change requests for 4.2" or item.name == "Go-live":
            continue
        assert project.dependencies[driver].predecessor_id in {i.id for i in critical}
    slack = [d.slack for d in dates.values()]
    assert min(slack) == 0
    assert sum(1 for s in slack if s > 0) > len(slack) / 2


def test_deploy_items_stay_out_of_freezes_and_inside_the_deployment_window(
    project, schedule, items, release
):
    calendar = project.calendar_for(release)
    dates = schedule.all_dates()
    for item in items.values():
        if item.phase is Phase.DEPLOY:
            d = dates[item.id]
            assert not any(f.contains(d.start) or f.contains(d.finish) for f in calendar.freezes)
    deploy = dates[items["Production deployment"].id]
    assert release.deployment_window_start <= deploy.start <= release.deployment_window_end


def test_progress_matches_late_november_done_before_under_way_across(schedule, items):
    dates = schedule.all_dates()
    under_way = []
    for item in items.values():
        d = dates[item.id]
        if d.finish < STATUS_DATE:
            assert item.progress == 100, item.name
        elif d.start >= STATUS_DATE:
            assert item.progress == 0, item.name
        else:
            assert 0 < item.progress < 100, item.name
            under_way.append(item)
    assert {i.phase for i in under_way} == {Phase.BUILD, Phase.TEST}  # in Build and Test
    done = {i.phase for i in items.values() if i.progress == 100}
    assert {Phase.REQUEST, Phase.PLAN, Phase.BUILD, Phase.TEST} <= done


# --- the sample: people and RACI --------------------------------------------------------------


def test_twelve_plus_people_in_five_teams_with_emails_roles_and_availability(project):
    assert len(project.people) >= 8 and len(project.teams) >= 3
    assert len({p.team_id for p in project.people.values()}) == len(project.teams)
    for person in project.people.values():
        assert "@" in person.email and person.role and person.team_id in project.teams
        assert 0 < person.availability <= 100
    assert any(p.availability < 100 for p in project.people.values())
    roles = {p.role for p in project.people.values()}
    assert {"Release manager", "Development lead", "Product owner", "QA lead"} <= roles


def test_raci_one_accountable_per_item_and_a_responsible_on_every_task(project, items):
    by_item: dict[str, list] = {}
    for a in project.assignments.values():
        by_item.setdefault(a.item_id, []).append(a)
    for item in items.values():
        roles = by_item.get(item.id, [])
        assert sum(1 for a in roles if a.role is RaciRole.ACCOUNTABLE) == 1, item.name
        people = [a.person_id for a in roles]
        assert len(people) == len(set(people)), item.name  # one role per person and item
        responsible = [a for a in roles if a.role is RaciRole.RESPONSIBLE]
        if item.kind is ItemKind.TASK:
            assert responsible, item.name
        assert all(20 <= a.allocation <= 100 for a in responsible), item.name
        assert all(a.allocation == 0 for a in roles if a.role is not RaciRole.RESPONSIBLE)
    counts = Counter(a.role for a in project.assignments.values())
    assert counts[RaciRole.CONSULTED] >= 10 and counts[RaciRole.INFORMED] >= 10


# --- the sample: change requests --------------------------------------------------------------


def test_change_requests_in_every_status_and_type_with_decisions(project, release):
    requests = list(project.change_requests.values())
    assert {r.status for r in requests} == set(RequestStatus)
    assert {r.type for r in requests} == set(RequestType)
    for r in requests:
        assert r.title and r.description and r.submitted, r.title
        if r.status not in (RequestStatus.NEW, RequestStatus.UNDER_EVALUATION):
            assert r.decision and r.decided_by and r.decided_on and r.decision_reason, r.title
            assert r.rationale and r.feasibility and r.reconfiguration_possible is not None
        if r.status is RequestStatus.RECONFIGURED:
            assert r.reconfiguration_possible and r.reconfiguration_notes
            assert r.release_id is None


def test_requests_in_scope_read_well_in_a_training_handout(project, release):
    in_scope = [r for r in project.change_requests.values() if r.release_id == release.id]
    assert len(in_scope) >= 4
    for r in in_scope:
        assert r.user_impact.endswith(".") and len(r.user_steps) >= 2, r.title
        assert r.audience_ids and all(a in project.audiences for a in r.audience_ids)


def test_a_production_defect_of_the_previous_release_loops_back_as_a_request(project, release):
    loops = [
        r
        for r in project.change_requests.values()
        if r.type is RequestType.DEFECT and r.origin_release_id and r.release_id == release.id
    ]
    assert len(loops) == 1
    origin = project.releases[loops[0].origin_release_id]
    assert origin.name == "Payments 4.1" and origin.id != release.id


# --- the sample: gates, sign-offs, tests and training ------------------------------------------


def test_one_gate_per_phase_on_its_milestone_with_a_checklist(project, release):
    gates = [g for g in project.gates.values() if g.release_id == release.id]
    assert sorted(g.phase.order for g in gates) == list(range(6))
    for gate in gates:
        milestone = project.items[gate.milestone_id]
        assert milestone.kind is ItemKind.MILESTONE and milestone.phase is gate.phase
        entries = project.checklists[gate.checklist_id].entries
        assert len(entries) >= 3
        for entry in entries:
            assert bool(entry.done_by) == entry.done == (entry.done_at is not None)
        assert gate.required_roles
    done = [e.done for g in gates for e in project.checklists[g.checklist_id].entries]
    assert any(done) and not all(done)


def test_sign_offs_one_gate_fully_signed_and_the_go_no_go_waiting_for_one(project):
    people = project.people
    state: dict[str, dict[str, SignOffDecision | None]] = {}
    for s in project.sign_offs.values():
        gate = project.gates[s.gate_id]
        assert s.role in gate.required_roles
        assert people[s.person_id].role == s.role  # signed by someone who holds the role
        assert (s.decision is None) == (s.signed_at is None)
        state.setdefault(gate.name, {})[s.role] = s.decision
    fully = [
        name
        for name, roles in state.items()
        if all(roles.get(r) is SignOffDecision.GO for r in _gate(project, name).required_roles)
    ]
    assert fully
    go_no_go = _gate(project, "Go/no-go decision")
    assert set(go_no_go.required_roles) == {"Development lead", "Product owner"}
    assert state["Go/no-go decision"] == {
        "Development lead": SignOffDecision.GO,
        "Product owner": None,
    }


def _gate(project, name):
    (gate,) = [g for g in project.gates.values() if g.name == name]
    return gate


def test_test_cycles_tell_the_story_uat_failed_then_a_retest(project, schedule):
    cycles = list(project.test_cycles.values())
    assert {c.kind for c in cycles} == set(model.TestKind)
    uat = sorted((c for c in cycles if c.kind is model.TestKind.UAT), key=lambda c: c.start)
    assert len(uat) == 2
    assert uat[0].result is model.TestResult.FAILED and uat[0].defects_found > 0
    assert uat[1].result in (model.TestResult.PLANNED, model.TestResult.PASSED)
    dates = schedule.all_dates()
    for cycle in cycles:
        d = dates[cycle.item_id]
        assert (cycle.start, cycle.end) == (d.start, d.finish), cycle.name
        if cycle.result is model.TestResult.PLANNED:
            assert cycle.start > STATUS_DATE, cycle.name
        else:
            assert cycle.end < STATUS_DATE, cycle.name


def test_three_audiences_trained_before_go_live(project, items):
    audiences = {a.name: a for a in project.audiences.values()}
    assert set(audiences) == {"End users", "Support desk", "Administrators"}
    assert all(a.person_ids or a.team_ids for a in audiences.values())
    go_live = items["Go-live"].constraint.on
    sessions = list(project.training_sessions.values())
    assert {s.audience_id for s in sessions} == {a.id for a in audiences.values()}
    for s in sessions:
        assert s.trainer_id in project.people and s.location and s.on < go_live, s.title


# --- the synthetic generator ------------------------------------------------------------------


def test_the_same_seed_gives_the_same_project_ids_included():
    first = synthetic_project(300, seed=7)
    assert first == synthetic_project(300, seed=7)
    other = synthetic_project(300, seed=8)
    assert set(other.items).isdisjoint(first.items)
    assert all(uuid.UUID(i).version == 4 for i in first.items)


@pytest.mark.parametrize("size", [1, 5, 6, 40, 1_000])
def test_a_synthetic_release_has_the_size_asked_for(size):
    project = synthetic_project(size, seed=1)
    assert len(project.releases) == 1
    assert len(project.items) == size
    assert len(project.people) == max(8, size // 20)
    assert len(project.teams) >= 3
    assert len(project.assignments) == 2 * size
    if size >= 6:
        assert [i.phase for i in project.items.values()] == sorted(
            (i.phase for i in project.items.values()), key=lambda p: p.order
        )
        assert {i.phase for i in project.items.values()} == set(Phase)


def test_a_synthetic_release_has_a_realistic_shape():
    project = synthetic_project(2_000, seed=3)
    items = list(project.items.values())
    position = {item.id: n for n, item in enumerate(items)}
    milestones = [i for i in items if i.kind is ItemKind.MILESTONE]
    assert 0.06 <= len(milestones) / len(items) <= 0.10
    gates = {i.name for i in milestones}
    assert {"Scope approved", "Code complete", "Go/no-go decision", "Go-live"} <= gates
    tasks = [i.duration for i in items if i.kind is ItemKind.TASK]
    assert min(tasks) == 1 and max(tasks) == 15
    deps = list(project.dependencies.values())
    assert 1.8 <= len(deps) / len(items) <= 2.3
    assert all(position[d.predecessor_id] < position[d.successor_id] for d in deps)
    types = Counter(d.type for d in deps)
    assert types[DependencyType.FS] > 0.7 * len(deps)
    assert types[DependencyType.SS] and types[DependencyType.FF]
    assert 0.1 <= sum(1 for d in deps if d.lag) / len(deps) <= 0.2
    span = [position[d.successor_id] - position[d.predecessor_id] for d in deps]
    nearby = sum(1 for s in span if s <= 2 * len(items) // 20 + 2)
    assert nearby > 0.75 * len(deps)
    assert max(span) > len(items) // 2  # and a few far ones


def test_a_synthetic_release_has_one_r_and_one_a_per_item_and_a_calendar():
    project = synthetic_project(500, seed=2)
    roles: dict[str, list] = {}
    for a in project.assignments.values():
        roles.setdefault(a.item_id, []).append(a)
    for item_id in project.items:
        assert sorted(a.role.value for a in roles[item_id]) == ["A", "R"]
        assert len({a.person_id for a in roles[item_id]}) == 2
    (calendar,) = project.calendars.values()
    assert calendar.holidays and calendar.freezes
    assert dangling_references(project) == []


@pytest.mark.parametrize("size", [1_000, 10_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_synthetic_releases_schedule_without_cycles_or_conflicts(size, record_property):
    """Also reports how long generating and scheduling take (run with -s to see them)."""
    start = time.perf_counter()
    project = synthetic_project(size, seed=1)
    generated = time.perf_counter() - start
    (schedule,) = schedule_project(project).values()
    scheduled = time.perf_counter() - start - generated
    assert len(project.items) == size
    assert schedule.cycles == [] and schedule.conflicts() == []
    assert schedule.finish < date(2029, 1, 1)  # months of work, not decades
    record_property("generate_seconds", round(generated, 3))
    record_property("schedule_seconds", round(scheduled, 3))
    print(
        f"\nsynthetic {size:,} items: generated in {generated:.2f} s, "
        f"scheduled in {scheduled:.2f} s"
    )


def test_sample_and_synthetic_projects_do_not_depend_on_the_process():
    """Same bytes in a fresh interpreter with another string-hash seed: the file never churns."""
    code = (
        "import hashlib; from relplan.samples import sample_project, synthetic_project; "
        "print(hashlib.sha256(repr((sample_project(), synthetic_project(200, 5))).encode())"
        ".hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    here = hashlib.sha256(repr((sample_project(), synthetic_project(200, 5))).encode())
    assert digests == {here.hexdigest() + "\n"}
