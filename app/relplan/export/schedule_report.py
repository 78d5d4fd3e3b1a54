"""The computed schedule as JSON (DESIGN.md §6) and as a plain-text table."""

from __future__ import annotations

from relplan.domain.model import Project
from relplan.domain.schedule import ReleaseSchedule


def schedule_json(project: Project, schedule: ReleaseSchedule) -> dict:
    """``{"release", "finish", "items": [...], "conflicts": [...]}`` with ISO dates.

    Items are in schedule order (start, then topological order); ``slack`` is in working
    days against the deadline (or the release finish without one).
    """
    dates = schedule.all_dates()
    preds: dict[str, list[dict]] = {}
    for dep in project.dependencies.values():
        if dep.successor_id in dates:
            preds.setdefault(dep.successor_id, []).append(
                {"id": dep.predecessor_id, "type": dep.type.value, "lag": dep.lag}
            )
    order = sorted(dates.values(), key=lambda d: (d.start_index, schedule.index[d.item_id]))
    items = []
    for d in order:
        item = project.items[d.item_id]
        items.append(
            {
                "id": item.id,
                "name": item.name,
                "kind": item.kind.value,
                "phase": item.phase.value,
                "start": d.start.isoformat(),
                "finish": d.finish.isoformat(),
                "duration": schedule.dur[schedule.index[item.id]],
                "slack": d.slack,
                "critical": d.critical,
                "depends_on": preds.get(item.id, []),
            }
        )
    finish = schedule.finish
    return {
        "release": schedule.release.name,
        "finish": finish.isoformat() if finish else None,
        "deadline": schedule.release.deadline.isoformat() if schedule.release.deadline else None,
        "items": items,
        "conflicts": [
            {"kind": c.kind, "message": c.message, "items": list(c.item_ids)}
            for c in schedule.conflicts()
        ],
    }


def schedule_text(project: Project, schedule: ReleaseSchedule) -> str:
    """A table a person reads in a terminal: one line per item, critical ones marked."""
    report = schedule_json(project, schedule)
    if not report["items"]:
        return f"Release {report['release']}: no work items yet.\n\n"
    lines = [
        f"Release {report['release']}: finishes {report['finish'] or '-'}"
        + (f", deadline {report['deadline']}" if report["deadline"] else ""),
        f"{'':2}{'start':<10}  {'finish':<10}  {'slack':>5}  name",
    ]
    for item in report["items"]:
        mark = "*" if item["critical"] else " "
        diamond = "◆ " if item["kind"] == "milestone" else ""
        lines.append(
            f"{mark} {item['start']}  {item['finish']}  {item['slack']:>5}  {diamond}{item['name']}"
        )
    for conflict in report["conflicts"]:
        lines.append(f"! {conflict['message']}")
    lines.append("* critical path")
    return "\n".join(lines) + "\n\n"
