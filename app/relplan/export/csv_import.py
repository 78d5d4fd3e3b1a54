"""CSV import: a table of items (see :mod:`relplan.export.csv_table`) -> a project.

Only ``Name`` is required. The separator (``,``, ``;`` or tab) is taken from the header
line, other common header spellings are accepted, a file that is not UTF-8 is read as
Windows-1252 (Excel's "CSV"), and a cell that cannot be read is left out and reported with
its row number instead of failing the import.
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
    new_id,
)
from relplan.export.csv_table import COLUMNS, KIND, ROLE_COLUMNS
from relplan.export.exchange_report import ExchangeError, ExchangeReport, read_input
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

_CONSTRAINTS = {
    "start no earlier than": ConstraintKind.START_NO_EARLIER_THAN,
    "start_no_earlier_than": ConstraintKind.START_NO_EARLIER_THAN,
    "snet": ConstraintKind.START_NO_EARLIER_THAN,
    "must finish on": ConstraintKind.MUST_FINISH_ON,
    "must_finish_on": ConstraintKind.MUST_FINISH_ON,
    "mfo": ConstraintKind.MUST_FINISH_ON,
}

_LINK = re.compile(
    r"(\d+)\s*(FS|SS|FF|SF)?(?:\s*([+-])\s*(\d+)\s*(days?|d|weeks?|wks?|w)?(?![a-z]))?",
    re.IGNORECASE,
)

_SEPARATORS = re.compile(r"[\s;,]*")

_ALLOCATION = re.compile(r"^(.*?)\s*\(\s*(\d+)\s*%?\s*\)$")

MAX_ROWS = 100_000


def read_csv_file(path: str | Path) -> ImportResult:
    """Read a CSV table into a new project, one release per value of the Release column."""
    raw = read_input(path, KIND)
    return read_csv_bytes(raw, str(path), Path(path).stem)


def read_csv_bytes(raw: bytes, source: str, fallback_name: str = "Imported plan") -> ImportResult:
    """A project from the bytes of a CSV table, and the report; see csv_table for columns."""
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
            for column, role in ROLE_COLUMNS.items():
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
