"""The plan's summary (status, key figures, the release at a glance, key dates, scope,
conflicts) and its milestones table.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from relplan.domain.model import ConstraintKind
from relplan.export.pdf import blocks
from relplan.export.pdf.facts import ReleaseFacts, day, label, plural, request_key, weekday
from relplan.export.pdf.overview import ReleaseOverview
from relplan.export.pdf.plan_sections import gate_state

_CONSTRAINT = {
    ConstraintKind.MUST_FINISH_ON: "must finish on",
    ConstraintKind.START_NO_EARLIER_THAN: "not before",
}


def summary(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    release = facts.release
    status, tone, sentence = facts.status()
    out: list[Flowable] = [blocks.section("Summary", number)]
    if release.description:
        out.append(blocks.body(release.description, "lead", 1500))
    lines = [sentence]
    lines += [c.message for c in facts.conflicts[:6]]
    if len(facts.conflicts) > 6:
        lines.append(f"… and {len(facts.conflicts) - 6} more conflicts, listed below.")
    out.append(blocks.callout(status, lines, tone, width))
    out.append(blocks.gap(10))
    out.append(
        blocks.figures(
            [
                ("Go-live", day(facts.go_live)),
                ("to go-live", facts.days_to(facts.go_live).split(" (")[0]),
                ("complete", f"{facts.progress} %"),
                (f"work items, {len(facts.milestones)} of them milestones", str(len(facts.items))),
                ("change requests in scope", str(len(facts.scope))),
            ],
            width,
        )
    )
    out.append(blocks.subsection("The release at a glance", bookmark=False))
    out.append(ReleaseOverview(facts, width))
    out.append(blocks.gap(4))
    out += key_dates(facts, width)
    out += scope(facts, width)
    if facts.conflicts:
        out.append(blocks.subsection("Conflicts to resolve"))
        rows = [[label(c.kind), c.message] for c in facts.conflicts]
        out.append(blocks.grid(["Kind", "What is wrong and what to do"], rows, [1, 8], width))
    return out


def key_dates(facts: ReleaseFacts, width: float) -> list[Flowable]:
    """Start, gates, deployment window, go-live, finish and deadline in date order."""
    release = facts.release
    rows: list[tuple] = [(release.start, 0, ["Release start", weekday(release.start), "", ""])]
    go_live_gate = False
    for gate in facts.gates:
        item = facts.gate_item(gate)
        if item is None or item.id not in facts.dates:
            continue
        when = facts.dates[item.id].finish
        state = gate_state(facts, gate)[0]
        name = f"Gate: {gate.name}"
        if facts.go_live_item is not None and item.id == facts.go_live_item.id:
            go_live_gate = True
            name = f"Go-live (gate: {gate.name})"
            state = f"{state}; {facts.until(when)}"
        rows.append((when, 1, [name, weekday(when), gate.phase.label, state]))
    start, end = release.deployment_window_start, release.deployment_window_end
    if start is not None:
        window = f"{weekday(start)} – {weekday(end)}"
        rows.append((start, 1, ["Deployment window", window, "Deploy", ""]))
    if facts.go_live is not None and not go_live_gate:
        when = facts.go_live
        rows.append((when, 1, ["Go-live", weekday(when), "Deploy", facts.until(when)]))
    if facts.finish is not None:
        rows.append((facts.finish, 2, ["Planned finish", weekday(facts.finish), "", ""]))
    if release.deadline is not None:
        state = facts.until(release.deadline)
        rows.append((release.deadline, 3, ["Deadline", weekday(release.deadline), "", state]))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [
        blocks.subsection("Key dates"),
        blocks.grid(
            ["Date", "When", "Phase", "Status"], [r[2] for r in rows], [3.2, 2.6, 1.2, 3], width
        ),
    ]


def scope(facts: ReleaseFacts, width: float) -> list[Flowable]:
    if not facts.scope:
        return [blocks.subsection("Scope"), blocks.body("No change request is in scope yet.")]
    rows = [
        [
            request_key(cr) or "–",
            _title(cr),
            label(cr.type.value),
            label(cr.priority.value),
            label(cr.status.value),
            cr.requester or "–",
        ]
        for cr in facts.scope
    ]
    return [
        blocks.subsection("Scope: change requests in this release"),
        blocks.grid(
            ["Key", "Change request", "Type", "Priority", "Status", "Requested by"],
            rows,
            [1.1, 5, 1, 1, 1.1, 2.6],
            width,
        ),
    ]


def _title(cr) -> str:
    key = request_key(cr)
    return cr.title[len(key) :].strip() if key else cr.title


def milestones(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Milestones", number)]
    items = facts.milestones
    if not items:
        return [*out, blocks.body("The release has no milestones.")]
    out.append(
        blocks.body(
            f"{plural(len(items), 'milestone')} in date order. Slack is how many working days a "
            "milestone can slip before the release misses its deadline.",
            "small",
        )
    )
    rows, styles = [], {}
    ordered = sorted(items, key=lambda it: (facts.dates[it.id].finish, it.phase.order))
    conflicts = {i for c in facts.conflicts if c.kind != "late" for i in c.item_ids}
    for n, item in enumerate(ordered):
        when = facts.dates[item.id]
        constraint = ""
        if item.constraint is not None:
            constraint = f"{_CONSTRAINT[item.constraint.kind]} {day(item.constraint.on)}"
        if item.id in conflicts:
            state, tone = "Conflict", "bad"
        elif item.progress >= 100:
            state, tone = "Reached", "good"
        elif when.critical:
            state, tone = "Critical", "warn"
        else:
            state, tone = "Upcoming", "info"
        accountable = facts.accountable(item.id)
        rows.append(
            [
                item.name,
                item.phase.label,
                weekday(when.finish),
                plural(when.slack, "day"),
                constraint or "–",
                accountable.name if accountable else "–",
                blocks.status_word(state, tone),
            ]
        )
        if when.critical:
            styles[n] = [("TEXTCOLOR", 3, 3, blocks.TONES["bad"][0])]
    out.append(
        blocks.grid(
            ["Milestone", "Phase", "Date", "Slack", "Constraint", "Accountable", "Status"],
            rows,
            [4.4, 1.1, 1.9, 1, 2.2, 2, 1.4],
            width,
            styles,
        )
    )
    return out
