"""The workload grid: people (grouped by team) down, the release's ISO weeks across.

A cell shows the person's load that week (their R work of every release, over their
availability) and is coloured by it, green up to 100 %, amber to red beyond.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from relplan.domain.calendar import format_day
from relplan.domain.model import Person
from relplan.domain.workload import WeekLoad, Workload, week_label, week_of, workload
from relplan.ui.document import Document

LOAD_ROLE = Qt.ItemDataRole.UserRole + 1  # a cell's WeekLoad, or None
PERSON_ROLE = Qt.ItemDataRole.UserRole + 2  # a row's person id (None for a team heading)
WEEK_ROLE = Qt.ItemDataRole.UserRole + 3  # a column's Monday (horizontal header)

# (highest load in %, background, text colour), first match wins.
LOAD_COLORS: tuple[tuple[float, str, str], ...] = (
    (50, "#e9f5ee", "#2b5d3b"),
    (80, "#cdebd8", "#1f5131"),
    (100, "#a6d9b7", "#143d23"),
    (120, "#fde3b6", "#7a4a00"),
    (150, "#f9bf8f", "#7a2e00"),
    (float("inf"), "#ef8e82", "#5c0d05"),
)

_Index = QModelIndex | QPersistentModelIndex
_NONE = QModelIndex()  # the invalid index, as a default argument


@dataclass(frozen=True, slots=True)
class Row:
    """A team heading (``person`` None) or one person."""

    team: str
    person: Person | None = None


def load_colors(cell: WeekLoad) -> tuple[str, str]:
    """Background and text colour for a cell's load (unavailable people count as over)."""
    load = cell.load if cell.load is not None else float("inf")
    return next((bg, fg) for top, bg, fg in LOAD_COLORS if load <= top + 1e-6)


class WorkloadModel(QAbstractTableModel):
    """Loads per person and week for the weeks of one release."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.release_id: str | None = None
        self.rows: list[Row] = []
        self.weeks: list[date] = []
        self.workload = Workload({})
        self._bold = QFont()
        self._bold.setBold(True)
        self._team_tint = QColor("#eef1f4")

    def load(self, document: Document | None, release_id: str | None) -> None:
        """Compute the loads afresh and show the weeks of ``release_id``."""
        self.beginResetModel()
        self.document, self.release_id = document, release_id
        self.rows, self.weeks, self.workload = [], [], Workload({})
        if document is not None and release_id in document.project.releases:
            project = document.project
            self.workload = workload(project, document.schedules)
            self.weeks = _release_weeks(document, release_id)
            teams = {t.id: t.name for t in project.teams.values()}
            people = sorted(
                project.people.values(),
                key=lambda p: (p.team_id not in teams, teams.get(p.team_id or "", ""), p.name),
            )
            heading = None
            for person in people:
                team = teams.get(person.team_id or "", "No team")
                if team != heading:
                    self.rows.append(Row(team))
                    heading = team
                self.rows.append(Row(team, person))
        self.endResetModel()

    # --- lookups --------------------------------------------------------------------------

    def person_id_at(self, row: int) -> str | None:
        person = self.rows[row].person if 0 <= row < len(self.rows) else None
        return person.id if person is not None else None

    def row_of(self, person_id: str | None) -> int:
        return next(
            (n for n, r in enumerate(self.rows) if r.person and r.person.id == person_id), -1
        )

    def column_of(self, week: date | None) -> int:
        return self.weeks.index(week) if week in self.weeks else -1

    def cell(self, index: _Index) -> WeekLoad | None:
        person_id = self.person_id_at(index.row()) if index.isValid() else None
        if person_id is None or not 0 <= index.column() < len(self.weeks):
            return None
        return self.workload.cell(person_id, self.weeks[index.column()])

    def overloaded(self) -> dict[str, list[WeekLoad]]:
        """Over-allocated people in the weeks shown: person id -> their weeks over."""
        shown = set(self.weeks)
        found: dict[str, list[WeekLoad]] = {}
        for person_id, cells in self.workload.overloaded().items():
            inside = [c for c in cells if c.week in shown]
            if inside:
                found[person_id] = inside
        return found

    # --- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: _Index = _NONE) -> int:
        """Overrides QAbstractItemModel.rowCount."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NONE) -> int:
        """Overrides QAbstractItemModel.columnCount."""
        return 0 if parent.isValid() else len(self.weeks)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Overrides QAbstractItemModel.flags: people's cells can be selected."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].person is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractItemModel.data."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if row.person is None:
            return self._team_tint if role == Qt.ItemDataRole.BackgroundRole else None
        cell = self.workload.cell(row.person.id, self.weeks[index.column()])
        if role == LOAD_ROLE:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row.person, self.weeks[index.column()], cell)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{cell.percent} %" if cell.load is not None else "n/a"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            bg, fg = load_colors(cell)
            return QColor(bg if role == Qt.ItemDataRole.BackgroundRole else fg)
        if role == Qt.ItemDataRole.FontRole and cell.over:
            return self._bold
        return None

    def _tooltip(self, person: Person, week: date, cell: WeekLoad | None) -> str:
        head = f"{person.name}, week of {format_day(week)} ({week_label(week)})"
        if cell is None:
            return f"{head}: no Responsible work."
        project = self.document.project if self.document is not None else None
        lines = [head]
        if cell.load is None:
            lines.append(f"Not available (0 %), yet Responsible for {cell.demand:.0f} % of a week.")
        else:
            state = "over-allocated" if cell.over else "allocated"
            lines.append(
                f"{cell.percent} % of their {person.availability} % availability, {state}."
            )
        for share in cell.shares:
            name = project.items[share.item_id].name if project is not None else share.item_id
            days = f"{share.days} day{'s' if share.days != 1 else ''}"
            lines.append(f"• {name}: {share.allocation} % for {days}")
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Overrides QAbstractItemModel.headerData: weeks across, teams and people down."""
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.weeks):
                return None
            week = self.weeks[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{week_label(week).split()[0]}\n{week.day} {week.strftime('%b')}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    f"{week_label(week)}: {format_day(week)} to {format_day(week + timedelta(6))}"
                )
            if role == WEEK_ROLE:
                return week
            return None
        if not 0 <= section < len(self.rows):
            return None
        row = self.rows[section]
        if row.person is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.team
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._team_tint
        else:
            person = row.person
            if role == Qt.ItemDataRole.DisplayRole:
                available = f"  ({person.availability} %)" if person.availability != 100 else ""
                return f"{person.name}{available}"
            if role == Qt.ItemDataRole.ToolTipRole:
                role_text = f", {person.role}" if person.role else ""
                return f"{person.name}{role_text}: available {person.availability} % of the week"
            if role == PERSON_ROLE:
                return person.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


def _release_weeks(document: Document, release_id: str) -> list[date]:
    """Mondays from the release's first week to the week of its last scheduled day."""
    release = document.project.releases[release_id]
    schedule = document.schedules.get(release_id)
    if schedule is None or not schedule.ids:
        return []
    first = week_of(schedule.calendar.origin if schedule.ids else release.start)
    last = week_of(schedule.finish or release.start)
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
