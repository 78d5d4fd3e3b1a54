"""The plan's reference sections: RACI, gates with checklists and sign-offs, test cycles,
deployment and rollback, training, and the notes on work items.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from relplan.domain.model import Phase, RaciRole, SignOffDecision, TestResult
from relplan.export.pdf import blocks, fonts, text, theme
from relplan.export.pdf.facts import ReleaseFacts, day, label, plural, span, weekday
from relplan.export.pdf.raci import raci_list, raci_matrix

_RESULT_TONE = {TestResult.PASSED: "good", TestResult.FAILED: "bad", TestResult.PLANNED: "info"}


def raci(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Responsibilities (RACI)", number)]
    out.append(
        blocks.body(
            "R: responsible (does the work) · A: accountable (one person per item, signs it "
            "off) · C: consulted before decisions · I: informed of progress.",
            "small",
        )
    )
    matrix = raci_matrix(facts, width)
    out += matrix if matrix is not None else raci_list(facts, width)
    return out


def gates(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Gates and sign-offs", number)]
    if not facts.gates:
        return [*out, blocks.body("No gates are defined for this release.")]
    project = facts.project
    for gate in facts.gates:
        item = facts.gate_item(gate)
        when = facts.dates[item.id].finish if item is not None and item.id in facts.dates else None
        out.append(blocks.subsection(f"{gate.phase.label} gate: {gate.name}"))
        roles = ", ".join(gate.required_roles) or "nobody"
        state, tone = gate_state(facts, gate)
        out.append(
            blocks.line_with_status(
                f"Milestone '{item.name if item else '–'}' on {weekday(when)}; "
                f"to be signed by {roles}.",
                state,
                tone,
            )
        )
        if gate.override_reason:
            out.append(blocks.body(f"Overridden: {gate.override_reason}", "small", 600))
        checklist = project.checklists.get(gate.checklist_id) if gate.checklist_id else None
        if checklist is not None and checklist.entries:
            done = sum(e.done for e in checklist.entries)
            rows, styles = [], {}
            for n, entry in enumerate(checklist.entries):
                mark = "✓" if entry.done else "○"
                when_done = (
                    entry.done_at.strftime("%d %b %Y %H:%M").lstrip("0") if entry.done_at else ""
                )
                rows.append([mark, entry.text, entry.done_by or "–", when_done or "–"])
                color = theme.GOOD if entry.done else theme.FAINT
                styles[n] = [("TEXTCOLOR", 0, 0, color), ("FONTNAME", 0, 0, fonts.SANS_BOLD)]
            out.append(blocks.body(f"Checklist: {done} of {len(checklist.entries)} done", "h3"))
            out.append(
                blocks.grid(
                    ["", "Checklist item", "Done by", "Done at"],
                    rows,
                    [0.35, 7, 2, 2],
                    width,
                    styles,
                )
            )
        out.append(blocks.body("Sign-offs", "h3"))
        out.append(_sign_offs(facts, gate, width))
    return out


def gate_state(facts: ReleaseFacts, gate) -> tuple[str, str]:
    """("Passed", "good"), ("No-go", "bad") or ("Waiting for 2 sign-offs", "warn")."""
    signed = {
        s.role: s
        for s in facts.project.sign_offs.values()
        if s.gate_id == gate.id and s.decision is not None
    }
    if any(s.decision is SignOffDecision.NO_GO for s in signed.values()):
        return "No-go", "bad"
    missing = [r for r in gate.required_roles if r not in signed]
    if not missing:
        return "Passed", "good"
    return f"Waiting for {plural(len(missing), 'sign-off')}", "warn"


def _sign_offs(facts: ReleaseFacts, gate, width: float) -> Flowable:
    records = [s for s in facts.project.sign_offs.values() if s.gate_id == gate.id]
    by_role = {s.role: s for s in records}
    roles = list(gate.required_roles) + sorted(r for r in by_role if r not in gate.required_roles)
    rows = []
    for role in roles:
        s = by_role.get(role)
        if s is None or s.decision is None:
            who = facts.person_name(s.person_id) if s is not None else "–"
            rows.append([role, who, blocks.status_word("Not yet signed", ""), "–", "–"])
            continue
        go = s.decision is SignOffDecision.GO
        rows.append(
            [
                role,
                facts.person_name(s.person_id),
                blocks.status_word("Go" if go else "No-go", "good" if go else "bad"),
                s.signed_at.strftime("%d %b %Y %H:%M").lstrip("0") if s.signed_at else "–",
                s.comment or "–",
            ]
        )
    return blocks.grid(
        ["Role", "Who", "Decision", "When", "Comment"], rows, [2, 2, 1.5, 1.7, 4.5], width
    )


def tests(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Test cycles", number)]
    cycles = sorted(
        (t for t in facts.project.test_cycles.values() if t.release_id == facts.release.id),
        key=lambda t: (t.start or facts.release.start, t.name.casefold()),
    )
    if not cycles:
        return [*out, blocks.body("No test cycles are planned for this release.")]
    passed = sum(t.result is TestResult.PASSED for t in cycles)
    failed = sum(t.result is TestResult.FAILED for t in cycles)
    defects = sum(t.defects_found for t in cycles)
    out.append(
        blocks.body(
            f"{plural(len(cycles), 'test cycle')}: {passed} passed, {failed} failed, "
            f"{len(cycles) - passed - failed} still to run; "
            f"{plural(defects, 'defect')} found so far.",
            "small",
        )
    )
    rows = [
        [
            t.name,
            label(t.kind.value),
            span(t.start, t.end),
            blocks.status_word(label(t.result.value), _RESULT_TONE[t.result]),
            str(t.defects_found),
            t.notes or "–",
        ]
        for t in cycles
    ]
    out.append(
        blocks.grid(
            ["Test cycle", "Kind", "Dates", "Result", "Defects", "Notes"],
            rows,
            [2.6, 1.3, 2.3, 1.2, 0.9, 6],
            width,
        )
    )
    return out


def deployment(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    release = facts.release
    out: list[Flowable] = [blocks.section("Deployment and rollback", number)]
    start, end = release.deployment_window_start, release.deployment_window_end
    lines = []
    if start is not None:
        lines.append(f"Deployment window: {weekday(start)} – {weekday(end)}.")
    if facts.go_live is not None:
        lines.append(f"Go-live: {weekday(facts.go_live)}, {facts.until(facts.go_live)}.")
    freezes = facts.project.calendar_for(release).freezes
    if freezes:
        names = "; ".join(f"{f.name} ({day(f.start)} – {day(f.end)})" for f in freezes)
        lines.append(f"No deployment during the change freezes: {names}.")
    if lines:
        out.append(blocks.callout("When", lines, "info", width))
        out.append(blocks.gap(6))
    steps = [it for it in facts.items if it.phase is Phase.DEPLOY]
    if steps:
        out.append(blocks.subsection("Deployment steps"))
        rows = []
        for item in steps:
            when = facts.dates[item.id]
            who = facts.raci.get(item.id, {})
            rows.append(
                [
                    item.name,
                    day(when.finish) if item.is_milestone else span(when.start, when.finish),
                    ", ".join(p.name for p in who.get(RaciRole.ACCOUNTABLE, [])) or "–",
                    ", ".join(p.name for p in who.get(RaciRole.RESPONSIBLE, [])) or "–",
                ]
            )
        out.append(
            blocks.grid(["Step", "When", "Accountable", "Responsible"], rows, [5, 3, 2, 3], width)
        )
    out.append(blocks.subsection("Rollback plan"))
    out += _long_text(release.rollback_plan or "No rollback plan has been written yet.")
    return out


def training(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Training", number)]
    project = facts.project
    if not facts.sessions:
        return [*out, blocks.body("No training sessions are planned for this release.")]
    rows = []
    for s in facts.sessions:
        audience = project.audiences.get(s.audience_id)
        rows.append(
            [
                weekday(s.on),
                s.title,
                audience.name if audience else "–",
                facts.person_name(s.trainer_id),
                s.location or "–",
            ]
        )
    out.append(
        blocks.grid(
            ["Date", "Session", "Audience", "Trainer", "Where"],
            rows,
            [1.6, 4.4, 1.5, 1.6, 4],
            width,
        )
    )
    audiences = sorted(project.audiences.values(), key=lambda a: a.name.casefold())
    if audiences:
        out.append(blocks.subsection("Audiences", bookmark=False))
        rows = [
            [a.name, a.description or "–", str(len(facts.audience_people(a)))] for a in audiences
        ]
        out.append(blocks.grid(["Audience", "Who they are", "People"], rows, [2, 9, 1], width))
    return out


def notes(facts: ReleaseFacts, width: float, number: int) -> list[Flowable]:
    with_notes = [it for it in facts.items if it.notes.strip()]
    out: list[Flowable] = [blocks.section("Notes on work items", number)]
    if not with_notes:
        return [*out, blocks.body("No work item has notes.")]
    for item in with_notes:
        out.append(blocks.body(f"{item.name}  ({item.phase.label})", "h3"))
        out += _long_text(item.notes)
    return out


def _long_text(value: str) -> list[Flowable]:
    """Free text as paragraphs, one per line, in pieces a page can always hold."""
    style = theme.styles()["body"]
    out: list[Flowable] = []
    for line in text.clean(value).split("\n"):
        for start in range(0, max(1, len(line)), 3000):
            out.append(text.para(line[start : start + 3000] or " ", style))
    return out
