"""Compare two versions of a project: what was added, removed, renamed, moved or relinked.

Records are matched by their stable ids, never by name or position, so a renamed item is
one item renamed, not one removed and one added. Besides the records themselves the
comparison reports the computed dates that moved (an item whose own fields are unchanged
still moves when its predecessor got longer). :func:`diff_text` is for people,
:func:`diff_json` for scripts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from relplan.domain.describe import Names, heading, plain, record_name
from relplan.domain.model import TABLES, Project
from relplan.domain.schedule import schedule_project


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class RecordDiff:
    """One record that differs: added (``before`` None), removed (``after`` None) or changed."""

    table: str
    id: str
    before: object | None
    after: object | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    @property
    def renamed(self) -> tuple[str, str] | None:
        """(old name, new name) when the record's name or title changed."""
        if self.kind != "changed":
            return None
        old, new = record_name(self.before), record_name(self.after)
        return (old or "", new or "") if old != new else None


@dataclass(frozen=True, slots=True)
class DateShift:
    """An item whose computed start or finish differs between the two versions."""

    item_id: str
    before_start: date
    before_finish: date
    after_start: date
    after_finish: date


@dataclass(frozen=True, slots=True)
class ProjectDiff:
    """Everything that differs from ``old`` to ``new``; false when they are the same plan."""

    old: Project
    new: Project
    name: tuple[str, str] | None
    records: tuple[RecordDiff, ...]
    dates: tuple[DateShift, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.name or self.records or self.dates)

    def of_table(self, table: str) -> list[RecordDiff]:
        return [r for r in self.records if r.table == table]

    def counts(self) -> dict[str, int]:
        """How many records were added, removed and changed, and how many items moved."""
        counts = {"added": 0, "removed": 0, "changed": 0}
        for record in self.records:
            counts[record.kind] += 1
        counts["moved"] = len(self.dates)
        return counts


def record_pairs(old: Project, new: Project) -> Iterator[tuple[str, str, object, object]]:
    """(table, id, before, after) for every record that differs, tables in file order.

    Within a table: records of ``new`` in its order (added or changed), then removed ones.
    """
    for table in TABLES:
        before, after = old.table(table), new.table(table)
        for record_id, record in after.items():
            previous = before.get(record_id)
            if previous != record:
                yield table, record_id, previous, record
        for record_id, record in before.items():
            if record_id not in after:
                yield table, record_id, record, None


def field_changes(before: object, after: object) -> tuple[FieldChange, ...]:
    """The fields in which two versions of one record differ, in declaration order."""
    return tuple(
        FieldChange(f.name, getattr(before, f.name), getattr(after, f.name))
        for f in dataclasses.fields(before)  # type: ignore[arg-type]
        if f.name != "id" and getattr(before, f.name) != getattr(after, f.name, None)
    )


def diff_projects(old: Project, new: Project, with_dates: bool = True) -> ProjectDiff:
    """What differs from ``old`` to ``new``; ``with_dates`` also schedules both to compare."""
    records = []
    for table, record_id, before, after in record_pairs(old, new):
        fields = field_changes(before, after) if before is not None and after else ()
        records.append(RecordDiff(table, record_id, before, after, fields))
    name = (old.name, new.name) if old.name != new.name else None
    dates = _date_shifts(old, new) if with_dates else ()
    return ProjectDiff(old, new, name, tuple(records), dates)


def _date_shifts(old: Project, new: Project) -> tuple[DateShift, ...]:
    before = {}
    for schedule in schedule_project(old).values():
        before.update(schedule.all_dates())
    shifts = []
    for schedule in schedule_project(new).values():
        for item_id, now in schedule.all_dates().items():
            was = before.get(item_id)
            if was is not None and (was.start, was.finish) != (now.start, now.finish):
                shifts.append(DateShift(item_id, was.start, was.finish, now.start, now.finish))
    return tuple(shifts)


# --- for people ----------------------------------------------------------------------------


def diff_lines(diff: ProjectDiff) -> list[str]:
    """The comparison as lines of text: a heading per kind of record, one line per change."""
    names = Names(diff.new, diff.old)
    lines: list[str] = []
    if diff.name:
        lines.append(f"Project name: '{diff.name[0]}' → '{diff.name[1]}'")
    for table in TABLES:
        group = diff.of_table(table)
        if not group:
            continue
        counts = {kind: sum(r.kind == kind for r in group) for kind in ("added", "removed")}
        counts["changed"] = len(group) - counts["added"] - counts["removed"]
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        lines.append(f"{heading(table)}: {summary}")
        lines.extend(f"  {record_line(names, change)}" for change in group)
    if diff.dates:
        count = len(diff.dates)
        lines.append(f"Schedule: {count} item{'s' if count != 1 else ''} move")
        for shift in diff.dates:
            lines.append(f"  {shift_line(names, shift)}")
    return lines


def diff_text(diff: ProjectDiff) -> str:
    """The comparison as text, or a sentence saying that the two are the same plan."""
    if not diff:
        return "No differences: both files hold the same plan.\n"
    return "\n".join(diff_lines(diff)) + "\n"


def record_line(names: Names, change: RecordDiff) -> str:
    """'+ 'Load test' (task, 3 days)', '- ...' or '~ 'Build API': duration 5 → 8'."""
    record = change.after if change.after is not None else change.before
    label = names.label(change.table, record)
    if change.kind == "added":
        details = record_details(change.table, record)
        return f"+ {label}" + (f" ({details})" if details else "")
    if change.kind == "removed":
        return f"- {label}"
    parts = []
    if change.renamed:
        parts.append(f"renamed from '{change.renamed[0]}'")
    for field in change.fields:
        if change.renamed and field.field in ("name", "title", "text"):
            continue
        parts.append(
            f"{field.field.replace('_', ' ')} {names.value(field.field, field.before)} → "
            f"{names.value(field.field, field.after)}"
        )
    return f"~ {label}: " + "; ".join(parts)


def record_details(table: str, record: object) -> str:
    """The few facts that tell an added record apart: kind and duration, link type, role."""
    if table == "items":
        if record.is_milestone:  # type: ignore[attr-defined]
            return "milestone"
        days = record.duration  # type: ignore[attr-defined]
        return f"task, {days} day{'s' if days != 1 else ''}"
    if table == "dependencies":
        lag = record.lag  # type: ignore[attr-defined]
        return f"{record.type.value}{f'{lag:+d}d' if lag else ''}"  # type: ignore[attr-defined]
    if table == "assignments":
        role = record.role.value  # type: ignore[attr-defined]
        return f"{role}, {record.allocation} %" if role == "R" else role  # type: ignore[attr-defined]
    return ""


def shift_line(names: Names, shift: DateShift) -> str:
    def span(start: date, finish: date) -> str:
        return start.isoformat() if start == finish else f"{start} – {finish}"

    was = span(shift.before_start, shift.before_finish)
    now = span(shift.after_start, shift.after_finish)
    return f"{names.of_id('items', shift.item_id)}: {was} → {now}"


# --- for scripts ---------------------------------------------------------------------------


def diff_json(diff: ProjectDiff) -> dict:
    """The comparison as JSON: counts, the project name, each record change, moved dates."""
    names = Names(diff.new, diff.old)
    changes = []
    for change in diff.records:
        record = change.after if change.after is not None else change.before
        entry: dict = {
            "table": change.table,
            "id": change.id,
            "change": change.kind,
            "label": names.label(change.table, record),
        }
        if change.kind == "changed":
            if change.renamed:
                entry["renamed"] = {"before": change.renamed[0], "after": change.renamed[1]}
            entry["fields"] = {
                f.field: {"before": plain(f.before), "after": plain(f.after)} for f in change.fields
            }
        else:
            entry["record"] = plain(record)
        changes.append(entry)
    dates = [
        {
            "id": shift.item_id,
            "name": record_name(names.find("items", shift.item_id)) or shift.item_id,
            "start": {
                "before": shift.before_start.isoformat(),
                "after": shift.after_start.isoformat(),
            },
            "finish": {
                "before": shift.before_finish.isoformat(),
                "after": shift.after_finish.isoformat(),
            },
        }
        for shift in diff.dates
    ]
    return {
        "identical": not diff,
        "summary": diff.counts(),
        "project_name": (
            {"before": diff.name[0], "after": diff.name[1]} if diff.name is not None else None
        ),
        "changes": changes,
        "dates": dates,
    }
