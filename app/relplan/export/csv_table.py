"""CSV import and export: one row per work item, for spreadsheets.

Columns (English headers, ISO dates, durations in working days)::

    ID, Name, Kind, Phase, Duration, Start, Finish, Predecessors, Constraint,
    Constraint date, Progress, Responsible, Accountable, Consulted, Informed, Notes,
    Release, UID

``ID`` numbers the rows; ``Predecessors`` names them as MS Project does: ``12FS+2d``,
``3SS-1d``, ``7`` (finish-to-start, no lag); several are separated by ``;``, ``,`` or
spaces, and ``w`` counts weeks of the calendar's working days. ``Responsible`` lists
``Name (50%)``, the others names, separated by ``;``. On import, only ``Name`` is
required; ``;`` or ``,`` as the separator is detected from the header line.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so an
exported text cell that starts so gets a leading ``'``; the import takes it off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from relplan.domain.model import (
    Calendar,
    Constraint,
    ConstraintKind,
    DependencyType,
    Phase,
    Project,
    RaciRole,
    Release,
    new_id,
)
from relplan.domain.schedule import ItemDates, ReleaseSchedule
from relplan.export.exchange_report import (
    ExchangeError,
    ExchangeReport,
    plural,
    read_input,
    write_output,
)
from relplan.export.import_support import (
    ImportResult,
    PlanSource,
    SourceLink,
    SourcePerson,
    SourceRole,
    SourceTask,
    build_project,
    phase_of_name,
    stable_id,
)

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
# Other spellings of our headers that spreadsheets and other tools use.
_ALIASES = {
    "task name": "Name",
    "task": "Name",
    "type": "Kind",
    "start date": "Start",
    "finish date": "Finish",
    "end": "Finish",
    "end date": "Finish",
    "dependencies": "Predecessors",
    "depends on": "Predecessors",
    "% complete": "Progress",
    "percent complete": "Progress",
    "complete": "Progress",
    "constraint type": "Constraint",
    "r": "Responsible",
    "a": "Accountable",
    "c": "Consulted",
    "i": "Informed",
    "id (uuid)": "UID",
}
_HEADERS = {name.casefold(): name for name in COLUMNS} | _ALIASES
_ROLE_COLUMNS = {
    "Responsible": RaciRole.RESPONSIBLE,
    "Accountable": RaciRole.ACCOUNTABLE,
    "Consulted": RaciRole.CONSULTED,
    "Informed": RaciRole.INFORMED,
}
_CONSTRAINTS = {
    "start no earlier than": ConstraintKind.START_NO_EARLIER_THAN,
    "start_no_earlier_than": ConstraintKind.START_NO_EARLIER_THAN,
    "snet": ConstraintKind.START_NO_EARLIER_THAN,
    "must finish on": ConstraintKind.MUST_FINISH_ON,
    "must_finish_on": ConstraintKind.MUST_FINISH_ON,
    "mfo": ConstraintKind.MUST_FINISH_ON,
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINK = re.compile(
    r"(\d+)\s*(FS|SS|FF|SF)?(?:\s*([+-])\s*(\d+)\s*(days?|d|weeks?|wks?|w)?(?![a-z]))?",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[\s;,]*")
_ALLOCATION = re.compile(r"^(.*?)\s*\(\s*(\d+)\s*%?\s*\)$")
MAX_ROWS = 100_000


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
            **{column: roles[item_id].get(role, "") for column, role in _ROLE_COLUMNS.items()},
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


# --- import ------------------------------------------------------------------------------


def import_csv(path: str | Path) -> ImportResult:
    """Read a CSV table into a new project, one release per value of the Release column."""
    raw = read_input(path, KIND)
    return read_csv(raw, str(path), Path(path).stem)


def read_csv(raw: bytes, source: str, fallback_name: str = "Imported plan") -> ImportResult:
    text, encoding_note = _decode(raw, source)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ExchangeError(f"{source} is empty; give a CSV file with a header line.")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        table = list(_limited(reader, source))
    except csv.Error as exc:
        raise ExchangeError(f"{source} is not a readable CSV file ({exc}).") from None
    header = [_HEADERS.get(cell.strip().casefold(), "") for cell in table[0]]
    if "Name" not in header:
        raise ExchangeError(
            f"{source} has no 'Name' column; the first line must name the columns, "
            f"e.g. {', '.join(COLUMNS[:5])}."
        )
    report = ExchangeReport(f"Imported {source} ({KIND})")
    if encoding_note:
        report.approximate(encoding_note)
    unknown = [cell for cell, known in zip(table[0], header, strict=True) if not known]
    report.drop_all("columns relplan does not read", [f"'{c}'" for c in unknown if c.strip()])
    rows = [
        {column: _unsafe(cell) for column, cell in zip(header, row, strict=False) if column}
        for row in table[1:]
        if any(cell.strip() for cell in row)
    ]
    return _Rows(rows, report, fallback_name).build()


def _decode(raw: bytes, source: str) -> tuple[str, str]:
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page, not UTF-8.
        return raw.decode("cp1252", errors="replace"), (
            f"{source} is not UTF-8; it was read as Windows-1252 (Excel's 'CSV')"
        )


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _limited(reader: Iterable[list[str]], source: str) -> Iterable[list[str]]:
    for count, row in enumerate(reader):
        if count > MAX_ROWS:
            raise ExchangeError(f"{source} has more than {MAX_ROWS} rows; split the table.")
        yield row


def _unsafe(cell: str) -> str:
    """Undo :func:`safe_cell`: '=x was written for =x."""
    cell = cell.strip()
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@":
        return cell[1:]
    return cell


class _Rows:
    """Rows of the table -> one PlanSource per release -> one project."""

    def __init__(self, rows: list[dict[str, str]], report: ExchangeReport, fallback: str) -> None:
        self.rows = rows
        self.report = report
        self.fallback = fallback
        self.problems: list[str] = []

    def build(self) -> ImportResult:
        by_release: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        for number, row in enumerate(self.rows, start=2):
            by_release[" ".join(row.get("Release", "").split()) or self.fallback].append(
                (number, row)
            )
        keys = {}
        for number, row in enumerate(self.rows, start=2):
            keys[row.get("ID") or f"row{number}"] = " ".join(row.get("Release", "").split())
        project = Project(name=self.fallback)
        if not by_release:
            by_release[self.fallback] = []
        for name, rows in by_release.items():
            sub = ExchangeReport("")
            plan = self._plan(name, rows, keys, sub)
            build_project(plan, sub, project)
            prefix = f"release '{name}': " if len(by_release) > 1 else ""
            self.report.title += "" if prefix else f" as release '{name}'"
            self.report.kept += [prefix + line for line in sub.kept]
            self.report.approximated += [prefix + line for line in sub.approximated]
            self.report.dropped += [prefix + line for line in sub.dropped]
        self.report.approximate(
            "calendars are Monday to Friday without holidays (a CSV table has no calendar)"
        )
        self.report.drop_all("cells relplan could not read", self.problems)
        return ImportResult(project, self.report)

    def _plan(
        self,
        name: str,
        rows: list[tuple[int, dict[str, str]]],
        keys: dict[str, str],
        report: ExchangeReport,
    ) -> PlanSource:
        tasks: list[SourceTask] = []
        links: list[SourceLink] = []
        people: dict[str, SourcePerson] = {}
        roles: list[SourceRole] = []
        for number, row in rows:
            key = row.get("ID") or f"row{number}"
            duration = self._number(row, "Duration", number, 1)
            kind_text = row.get("Kind", "").casefold()
            milestone = kind_text.startswith("m") or (not kind_text and duration == 0)
            tasks.append(
                SourceTask(
                    key=key,
                    name=row.get("Name", ""),
                    milestone=milestone,
                    duration=0 if milestone else max(1, duration),
                    start=self._date(row, "Start", number),
                    constraint=self._constraint(row, number),
                    progress=min(100, max(0, self._number(row, "Progress", number, 0))),
                    notes=row.get("Notes", ""),
                    phase=self._phase(row, number),
                    id=_record_id(row.get("UID", "")),
                )
            )
            for link in self._links(row.get("Predecessors", ""), number):
                if link.predecessor not in keys:
                    self.problems.append(f"row {number}: no row has ID {link.predecessor}")
                elif keys[link.predecessor] != keys.get(key):
                    self.problems.append(
                        f"row {number}: a link to row ID {link.predecessor} of another release"
                    )
                else:
                    links.append(SourceLink(link.predecessor, key, link.type, link.lag))
            for column, role in _ROLE_COLUMNS.items():
                for person, allocation in _people(row.get(column, "")):
                    people.setdefault(person.casefold(), SourcePerson(person.casefold(), person))
                    roles.append(SourceRole(key, person.casefold(), role, allocation))
        starts = [task.start for task in tasks if task.start is not None]
        return PlanSource(
            project_name=self.fallback,
            release_name=name,
            start=min(starts) if starts else None,
            calendar=Calendar(id=new_id(), name="Standard"),
            tasks=tasks,
            links=links,
            people=list(people.values()),
            roles=roles,
        )

    def _number(self, row: dict[str, str], column: str, number: int, default: int) -> int:
        text = row.get(column, "").strip().rstrip("%").strip()
        text = re.sub(r"\s*(days?|d)$", "", text, flags=re.IGNORECASE)
        if not text:
            return default
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            self.problems.append(f"row {number}: {column} '{row[column]}' is not a number")
            return default
        if value != round(value):
            self.problems.append(f"row {number}: {column} {value:g} rounded to {round(value)}")
        return round(value)

    def _date(self, row: dict[str, str], column: str, number: int) -> date | None:
        text = row.get(column, "").strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            self.problems.append(
                f"row {number}: {column} '{text}' is not an ISO date (write YYYY-MM-DD)"
            )
            return None

    def _constraint(self, row: dict[str, str], number: int) -> Constraint | None:
        text = " ".join(row.get("Constraint", "").casefold().split())
        if not text:
            return None
        kind = _CONSTRAINTS.get(text)
        on = self._date(row, "Constraint date", number)
        if kind is None:
            self.problems.append(
                f"row {number}: constraint '{row['Constraint']}' (write 'start no earlier "
                "than' or 'must finish on')"
            )
            return None
        if on is None:
            self.problems.append(f"row {number}: a constraint without a Constraint date")
            return None
        return Constraint(kind, on)

    def _phase(self, row: dict[str, str], number: int) -> Phase | None:
        text = row.get("Phase", "").strip()
        if not text:
            return None
        phase = phase_of_name(text)
        if phase is None:
            self.problems.append(f"row {number}: phase '{text}' is not a phase; Build is used")
        return phase

    def _links(self, text: str, number: int) -> list[SourceLink]:
        found: list[SourceLink] = []
        position = 0
        for match in _LINK.finditer(text):
            gap = text[position : match.start()]
            if _SEPARATORS.fullmatch(gap) is None:
                break
            row_id, kind, sign, amount, unit = match.groups()
            lag = int(amount or 0) * (5 if unit and unit[0].lower() == "w" else 1)
            found.append(
                SourceLink(
                    row_id,
                    "",
                    DependencyType((kind or "FS").upper()),
                    -lag if sign == "-" else lag,
                )
            )
            position = match.end()
        if _SEPARATORS.fullmatch(text[position:]) is None:
            self.problems.append(
                f"row {number}: predecessors '{text}' not understood (write e.g. 12FS+2d; 3SS-1d)"
            )
            return []
        return found


def _record_id(text: str) -> str | None:
    """The UID cell as an item id: a UUID, or any short id without spaces (relplan's own)."""
    text = text.strip()
    if not text:
        return None
    return stable_id(text) or (text if len(text) <= 64 and not re.search(r"\s", text) else None)


def _people(text: str) -> list[tuple[str, int]]:
    """``Ann Lee (50%); Bob`` -> [("Ann Lee", 50), ("Bob", 100)]."""
    found = []
    for part in text.split(";"):
        part = " ".join(part.split())
        if not part:
            continue
        match = _ALLOCATION.match(part)
        if match:
            found.append((match.group(1), int(match.group(2))))
        else:
            found.append((part, 100))
    return found
