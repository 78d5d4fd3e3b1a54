"""CSV import and export: one row per work item, for spreadsheets.

Columns (English headers, ISO dates, durations in working days)::

    ID, Name, Kind, Phase, Duration, Start, Finish, Predecessors, Constraint,
    Constraint date, Progress, Responsible, Accountable, Consulted, Informed, Notes,
    Release, UID

``ID`` numbers the rows; ``Predecessors`` names them as MS Project does: ``12FS+2d``,
``3SS-1d``, ``7`` (finish-to-start, no lag); several are separated by ``;``, ``,`` or
spaces, and ``w`` counts weeks of the calendar's working days. ``Responsible`` lists
``Name (50%)``, the others names, separated by ``;``. Reading a table is in
:mod:`relplan.export.csv_import`.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so an
exported text cell that starts so gets a leading ``'``; the import takes it off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

from relplan.domain.model import DependencyType, Project, RaciRole, Release
from relplan.domain.schedule import ItemDates, ReleaseSchedule
from relplan.export.exchange_report import ExchangeReport, plural, write_output
from relplan.export.import_support import ImportResult

KIND = "CSV"
COLUMNS = (
    "ID",
    "Name",
    "Kind",
    "Phase",
    "Duration",
    "Start",
    "Finish",
    "Predecessors",
    "Constraint",
    "Constraint date",
    "Progress",
    "Responsible",
    "Accountable",
    "Consulted",
    "Informed",
    "Notes",
    "Release",
    "UID",
)
ROLE_COLUMNS = {
    "Responsible": RaciRole.RESPONSIBLE,
    "Accountable": RaciRole.ACCOUNTABLE,
    "Consulted": RaciRole.CONSULTED,
    "Informed": RaciRole.INFORMED,
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- export ------------------------------------------------------------------------------


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a formula-like start gets a leading '."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def format_link(row: int, kind: DependencyType, lag: int) -> str:
    """``12FS``, ``12FS+2d``, ``3SS-1d``."""
    return f"{row}{kind.value}" + (f"{lag:+d}d" if lag else "")


def csv_text(
    project: Project, release: Release | None = None, delimiter: str = ","
) -> tuple[str, ExchangeReport]:
    """The CSV table of ``release`` (or of every release) and the export report."""
    releases = [release] if release is not None else list(project.releases.values())
    title = f"release '{release.name}'" if release else plural(len(releases), "release")
    report = ExchangeReport(f"Exported {title} as {KIND}")
    rows: list[tuple[str, ReleaseSchedule]] = []
    all_dates: dict[str, ItemDates] = {}
    for rel in releases:
        schedule = ReleaseSchedule(project, rel)
        dates = schedule.all_dates()
        all_dates.update(dates)
        order = sorted(dates, key=lambda i: (dates[i].start_index, schedule.index[i]))
        rows += [(item_id, schedule) for item_id in order]
    number = {item_id: n for n, (item_id, _s) in enumerate(rows, start=1)}
    roles = _roles_by_item(project)
    preds: dict[str, list[str]] = defaultdict(list)
    for dep in project.dependencies.values():
        if dep.predecessor_id in number and dep.successor_id in number:
            preds[dep.successor_id].append(
                format_link(number[dep.predecessor_id], dep.type, dep.lag)
            )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    neutralised = 0
    for item_id, schedule in rows:
        item = project.items[item_id]
        dates = all_dates[item_id]
        constraint = item.constraint
        texts = {
            "Name": item.name,
            "Notes": item.notes,
            "Release": schedule.release.name,
            **{column: roles[item_id].get(role, "") for column, role in ROLE_COLUMNS.items()},
        }
        neutralised += sum(1 for text in texts.values() if safe_cell(text) != text)
        cells = {
            "ID": str(number[item_id]),
            "Kind": item.kind.value,
            "Phase": item.phase.label,
            "Duration": str(item.duration),
            "Start": dates.start.isoformat(),
            "Finish": (dates.start if item.is_milestone else dates.finish).isoformat(),
            "Predecessors": "; ".join(sorted(preds[item_id], key=_link_order)),
            "Constraint": constraint.kind.value.replace("_", " ") if constraint else "",
            "Constraint date": constraint.on.isoformat() if constraint else "",
            "Progress": str(item.progress),
            "UID": item.id,
            **{column: safe_cell(text) for column, text in texts.items()},
        }
        writer.writerow([cells[column] for column in COLUMNS])
    milestones = sum(1 for item_id, _s in rows if project.items[item_id].is_milestone)
    links = sum(len(v) for v in preds.values())
    report.keep(
        f"{plural(len(rows) - milestones, 'task')} and {plural(milestones, 'milestone')} "
        f"with dates, {plural(links, 'link')} with lags, constraints, progress, RACI and notes"
    )
    if neutralised:
        report.approximate(
            f"{plural(neutralised, 'cell')} starting with = + - or @ got a leading ' so that "
            "spreadsheets show them as text, not formulas"
        )
    _report_not_in_csv(project, releases, report)
    return buffer.getvalue(), report


def _link_order(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _roles_by_item(project: Project) -> dict[str, dict[RaciRole, str]]:
    names: dict[str, dict[RaciRole, list[str]]] = defaultdict(lambda: defaultdict(list))
    for assignment in project.assignments.values():
        person = project.people.get(assignment.person_id)
        if person is None:
            continue
        name = person.name.replace(";", ",")
        if assignment.role is RaciRole.RESPONSIBLE and assignment.allocation != 100:
            name = f"{name} ({assignment.allocation}%)"
        names[assignment.item_id][assignment.role].append(name)
    return defaultdict(
        dict,
        {
            item_id: {role: "; ".join(sorted(people)) for role, people in roles.items()}
            for item_id, roles in names.items()
        },
    )


def _report_not_in_csv(project: Project, releases: list[Release], report: ExchangeReport) -> None:
    calendars = {project.calendar_for(r).id: project.calendar_for(r) for r in releases}
    holidays = sum(len(c.holidays) for c in calendars.values())
    freezes = sum(len(c.freezes) for c in calendars.values())
    lost = []
    if holidays or freezes:
        lost.append(f"calendars ({plural(holidays, 'holiday')}, {plural(freezes, 'freeze')})")
    if any(r.deadline for r in releases):
        lost.append("release deadlines")
    details = sum(1 for p in project.people.values() if p.email or p.role or p.team_id)
    if details:
        lost.append(f"e-mail, job title and team of {plural(details, 'person', 'people')}")
    if lost:
        report.drop(f"what a table of items has no column for: {'; '.join(lost)}")


def export_csv(
    project: Project, release: Release | None, path: str | Path, delimiter: str = ","
) -> ExchangeReport:
    """Write the CSV table, UTF-8 with a byte order mark so that Excel reads the accents."""
    text, report = csv_text(project, release, delimiter)
    write_output(path, text.encode("utf-8-sig"))
    return report


# --- import (in relplan.export.csv_import) ------------------------------------------------


def import_csv(path: str | Path) -> ImportResult:
    """Read a CSV table into a new project, one release per value of the Release column."""
    from relplan.export.csv_import import read_csv_file

    return read_csv_file(path)


def read_csv(raw: bytes, source: str, fallback_name: str = "Imported plan") -> ImportResult:
    """A project from the bytes of a CSV table, and the report (see csv_import)."""
    from relplan.export.csv_import import read_csv_bytes

    return read_csv_bytes(raw, source, fallback_name)
