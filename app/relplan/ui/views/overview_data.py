"""What the Release overview tab says about one release, as plain data (no Qt).

Computed from the project, the release's schedule and a status date: where the release
stands, the go-live and the next milestone, gates and sign-offs, open checklist entries,
test results, scope and problems. The widgets in :mod:`overview_view` only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relplan.domain import gates as gate_rules
from relplan.domain.calendar import format_day
from relplan.domain.deployment import go_live_date
from relplan.domain.gates import GateState, and_list
from relplan.domain.model import (
    ConstraintKind,
    Phase,
    Project,
    Release,
    RequestStatus,
    SignOffDecision,
    TestResult,
)
from relplan.domain.requests import CLOSED, STATUS_LABELS, release_scope
from relplan.domain.schedule import ReleaseSchedule
from relplan.domain.test_cycles import KIND_LABELS, RESULT_LABELS, cycle_dates, release_cycles

# Tones the view colours by.
GOOD, WARN, BAD, NEUTRAL = "good", "warn", "bad", "neutral"

# How many rows a card lists before it says "and N more".
MAX_CHECKLIST, MAX_PROBLEMS = 8, 6

_GATE_TONES = {
    GateState.PASSED: GOOD,
    GateState.OVERRIDDEN: WARN,
    GateState.NO_GO: BAD,
    GateState.READY: WARN,
    GateState.OPEN: NEUTRAL,
}
_RESULT_TONES = {TestResult.PASSED: GOOD, TestResult.FAILED: BAD, TestResult.PLANNED: NEUTRAL}


@dataclass(frozen=True)
class Figure:
    """One key figure: a title, a big value, a line under it, and how good it is."""

    title: str
    value: str
    detail: str
    tone: str = NEUTRAL


@dataclass(frozen=True)
class Line:
    """One row of a card: a badge (a status word), the text and a detail under it."""

    text: str
    detail: str = ""
    badge: str = ""
    tone: str = NEUTRAL


@dataclass(frozen=True)
class Card:
    """A titled list of lines, with a one-line summary and what did not fit."""

    title: str
    summary: str
    lines: list[Line] = field(default_factory=list)
    more: str = ""
    empty: str = ""


@dataclass(frozen=True)
class Overview:
    title: str
    subtitle: str
    phases: list[tuple[str, str]]  # (phase label, "done" | "current" | "next")
    figures: list[Figure]
    gates: Card
    checklist: Card
    tests: Card
    scope: Card
    problems: Card


def release_overview(
    project: Project,
    release: Release,
    schedule: ReleaseSchedule,
    today: date,
    problems: list[tuple[str, str]],
) -> Overview:
    """The overview of ``release`` on ``today``; ``problems`` are (severity, sentence)."""
    title = f"{release.name} ({release.version})" if release.version else release.name
    owner = project.people.get(release.owner_id or "")
    parts = [f"Started {format_day(release.start)}"]
    if release.deadline is not None:
        parts.append(f"deadline {format_day(release.deadline)}")
    if owner is not None:
        parts.append(f"release manager {owner.name}")
    parts.append(f"as of {weekday(today)}")
    phases = [(phase.label, _phase_state(phase, release.phase)) for phase in Phase]
    return Overview(
        title,
        " · ".join(parts),
        phases,
        [
            _go_live(project, release, schedule, today),
            _next_milestone(project, schedule, today),
            _schedule_status(release, schedule),
            _progress(project, release, schedule),
        ],
        _gates(project, release, schedule),
        _checklist(project, release),
        _tests(project, release, schedule, today),
        _scope(project, release),
        _problems(problems),
    )


def _phase_state(phase: Phase, current: Phase) -> str:
    if phase.order < current.order:
        return "done"
    return "current" if phase is current else "next"


# --- key figures ------------------------------------------------------------------------------


def go_live_day(project: Project, release: Release, schedule: ReleaseSchedule) -> date | None:
    """The Deploy gate's milestone, else a pinned or the last Deploy milestone, else the
    deployment window's start."""
    day = go_live_date(project, release, schedule)
    if day is not None:
        return day
    deploy = [
        item
        for item in project.items.values()
        if item.release_id == release.id
        and item.is_milestone
        and item.phase is Phase.DEPLOY
        and item.id in schedule.index
    ]
    pinned = [
        i for i in deploy if i.constraint and i.constraint.kind is ConstraintKind.MUST_FINISH_ON
    ]
    chosen = pinned or deploy
    if chosen:
        return max(schedule.dates(i.id).finish for i in chosen)
    return release.deployment_window_start


def _go_live(project: Project, release: Release, schedule: ReleaseSchedule, today: date) -> Figure:
    day = go_live_day(project, release, schedule)
    if day is None:
        return Figure("Go-live", "–", "No go-live milestone in Deploy yet.", WARN)
    days = (day - today).days
    if days < 0:
        return Figure("Go-live", "Live", f"since {weekday(day)}", GOOD)
    if days == 0:
        return Figure("Go-live", "Today", weekday(day), WARN)
    working = schedule.calendar.working_days_between(today, day)
    late = release.deadline is not None and day > release.deadline
    return Figure(
        "Days to go-live",
        f"{days}",
        f"{weekday(day)} · {plural(working, 'working day')}",
        BAD if late else NEUTRAL,
    )


def _next_milestone(project: Project, schedule: ReleaseSchedule, today: date) -> Figure:
    upcoming = []
    for item_id in schedule.ids:
        item = project.items.get(item_id)
        if item is None or not item.is_milestone or item.progress >= 100:
            continue
        day = schedule.dates(item_id).finish
        if day >= today:
            upcoming.append((day, item.name))
    if not upcoming:
        return Figure("Next milestone", "None ahead", "Every milestone is behind.")
    day, name = min(upcoming)
    days = (day - today).days
    when = "today" if days == 0 else f"in {plural(days, 'day')}"
    return Figure("Next milestone", name, f"{weekday(day)} · {when}")


def _schedule_status(release: Release, schedule: ReleaseSchedule) -> Figure:
    finish = schedule.finish
    if finish is None:
        return Figure("Schedule", "Not planned", "The release has no work items yet.", WARN)
    conflicts = schedule.conflicts()
    late = [c for c in conflicts if c.kind == "late"]
    if release.deadline is None:
        return Figure("Schedule", "No deadline", f"Finishes {weekday(finish)}.")
    if late:
        return Figure(
            "Schedule",
            "Late",
            f"Finishes {format_day(finish)}, after the deadline {format_day(release.deadline)}.",
            BAD,
        )
    ahead = schedule.calendar.working_days_between(finish, release.deadline)
    if conflicts:
        return Figure(
            "Schedule",
            "At risk",
            f"{plural(len(conflicts), 'date conflict')} to resolve; finishes {format_day(finish)}.",
            WARN,
        )
    return Figure(
        "Schedule",
        "On track",
        f"Finishes {format_day(finish)}, {plural(ahead, 'working day')} before the deadline "
        f"{format_day(release.deadline)}.",
        GOOD,
    )


def _progress(project: Project, release: Release, schedule: ReleaseSchedule) -> Figure:
    total = done = 0
    for item in project.items.values():
        if item.release_id == release.id:
            weight = max(1, item.duration)
            total += weight
            done += weight * item.progress
    percent = round(done / total) if total else 0
    return Figure("Progress", f"{percent} %", "of the work done, weighted by duration")


# --- cards ------------------------------------------------------------------------------------


def _gates(project: Project, release: Release, schedule: ReleaseSchedule) -> Card:
    lines = []
    cleared = 0
    for gate in gate_rules.release_gates(project, release.id):
        status = gate_rules.gate_status(project, gate)
        cleared += status.cleared
        when = ""
        if gate.milestone_id in schedule.index:
            when = f" · {weekday(schedule.dates(gate.milestone_id).finish)}"
        checklist = f" · checklist {status.done}/{len(status.entries)}" if status.entries else ""
        detail = f"{gate.phase.label}{when}{checklist}"
        if status.state is GateState.PASSED and status.roles:
            # Behind us: one line of who signed is enough.
            names = [_signer(project, r.sign_off) for r in status.roles]
            detail += f"\nSigned by {and_list(names)}"
        elif status.state is GateState.OVERRIDDEN:
            detail += f"\nOverridden: {gate.override_reason}"
        else:
            signs = [_sign_off_text(project, r.role, r.sign_off) for r in status.roles]
            detail += "".join(f"\n{sign}" for sign in signs)
        lines.append(Line(gate.name, detail, status.state.label, _GATE_TONES[status.state]))
    total = len(lines)
    summary = f"{cleared} of {total} passed" if total else ""
    return Card("Gates and sign-offs", summary, lines, empty="This release has no gates.")


def _signer(project: Project, sign_off) -> str:
    person = project.people.get(sign_off.person_id or "") if sign_off is not None else None
    return person.name if person is not None else "someone"


def _sign_off_text(project: Project, role: str, sign_off) -> str:
    if sign_off is None:
        return f"○ {role}: nobody named yet"
    who = _signer(project, sign_off)
    if sign_off.decision is None:
        return f"○ {role}: waiting for {who}"
    mark = "✓" if sign_off.decision is SignOffDecision.GO else "✗"
    word = "go" if sign_off.decision is SignOffDecision.GO else "no-go"
    when = f", {format_day(sign_off.signed_at.date())}" if sign_off.signed_at else ""
    comment = f" — {sign_off.comment}" if sign_off.comment else ""
    return f"{mark} {role}: {who} signed {word}{when}{comment}"


def _checklist(project: Project, release: Release) -> Card:
    """Open entries of the gates still ahead, the nearest gate first, under its name."""
    lines: list[Line] = []
    total_open = shown = 0
    later: list[str] = []
    for gate in gate_rules.release_gates(project, release.id):
        status = gate_rules.gate_status(project, gate)
        entries = status.open_entries
        if not entries or status.cleared:
            continue
        total_open += len(entries)
        room = MAX_CHECKLIST - shown
        if room <= 0:
            later.append(gate.name)
            continue
        listed = entries[:room]
        shown += len(listed)
        lines.append(Line(gate.name, "\n".join(f"○ {e.text}" for e in listed)))
        if len(entries) > room:
            later.append(gate.name)
    more = ""
    if total_open > shown:
        more = f"and {total_open - shown} more in {and_list(later)}"
    summary = f"{total_open} open" if total_open else ""
    return Card(
        "Open checklist items", summary, lines, more, empty="Every checklist entry is ticked."
    )


def _tests(project: Project, release: Release, schedule: ReleaseSchedule, today: date) -> Card:
    lines = []
    counts = {result: 0 for result in TestResult}
    for cycle in release_cycles(project, release.id, schedule):
        counts[cycle.result] += 1
        start, end, _planned = cycle_dates(cycle, schedule)
        parts = [KIND_LABELS[cycle.kind]]
        if start is not None:
            parts.append(span(start, end))
        if cycle.result is not TestResult.PLANNED or cycle.defects_found:
            parts.append(plural(cycle.defects_found, "defect"))
        badge = RESULT_LABELS[cycle.result]
        tone = _RESULT_TONES[cycle.result]
        if cycle.result is TestResult.PLANNED and start is not None and start <= today:
            badge, tone = "Running", WARN if end is not None and end < today else NEUTRAL
        lines.append(Line(cycle.name, " · ".join(parts), badge, tone))
    order = (TestResult.PASSED, TestResult.FAILED, TestResult.PLANNED)
    words = [f"{counts[r]} {RESULT_LABELS[r].lower()}" for r in order if counts[r]]
    return Card("Test results", ", ".join(words), lines, empty="No test cycles recorded yet.")


def _scope(project: Project, release: Release) -> Card:
    scope = release_scope(project, release.id)
    lines = [
        Line(r.title, r.type.value.capitalize(), STATUS_LABELS[r.status], _scope_tone(r.status))
        for r in scope
    ]
    counts: dict[RequestStatus, int] = {}
    for r in scope:
        counts[r.status] = counts.get(r.status, 0) + 1
    summary = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts.items())
    bugs = [r for r in project.change_requests.values() if r.origin_release_id == release.id]
    more = ""
    if bugs:
        still_open = sum(1 for r in bugs if r.status not in CLOSED)
        more = f"{plural(len(bugs), 'bug')} found in production, {still_open} not delivered yet"
    return Card("Scope", summary, lines, more, empty="No change requests in scope yet.")


def _scope_tone(status: RequestStatus) -> str:
    if status is RequestStatus.DELIVERED:
        return GOOD
    return WARN if status is RequestStatus.APPROVED else NEUTRAL


def _problems(problems: list[tuple[str, str]]) -> Card:
    errors = sum(1 for severity, _text in problems if severity == "error")
    warnings = len(problems) - errors
    lines = [
        Line(
            text,
            badge="Error" if severity == "error" else "Warning",
            tone=BAD if severity == "error" else WARN,
        )
        for severity, text in problems[:MAX_PROBLEMS]
    ]
    more = (
        f"and {len(problems) - MAX_PROBLEMS} more in the Problems list"
        if len(problems) > MAX_PROBLEMS
        else ""
    )
    words = [plural(errors, "error")] if errors else []
    words += [plural(warnings, "warning")] if warnings else []
    return Card("Problems", ", ".join(words), lines, more, empty="No problems.")


# --- words ------------------------------------------------------------------------------------


def weekday(day: date) -> str:
    return f"{day:%a} {format_day(day)}"


def span(start: date, end: date | None) -> str:
    if end is None or end == start:
        return format_day(start)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{format_day(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"


def plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"
