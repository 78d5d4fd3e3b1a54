"""The problems list: schedule conflicts (pins, cycles, missed deadlines) and load problems."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from relplan.domain.model import Project
from relplan.domain.plan_checks import plan_problems
from relplan.domain.schedule import Conflict, ReleaseSchedule
from relplan.ui.icons import icon

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the first item a problem is about, or None
RELEASE_ROLE = Qt.ItemDataRole.UserRole + 2  # the release it is in, or None

_Index = QModelIndex | QPersistentModelIndex

_KIND_LABELS = {
    "pin": "Date conflict",
    "pin_in_freeze": "Freeze conflict",
    "cycle": "Dependency cycle",
    "late": "Negative slack",
}


@dataclass(frozen=True, slots=True)
class ProblemEntry:
    """One row: how serious, what kind, the sentence, where, and what a click selects."""

    severity: str  # "error" | "warning"
    kind: str
    message: str
    where: str
    item_ids: tuple[str, ...] = ()
    release_id: str | None = None


def collect_problems(
    project: Project, schedules: dict[str, ReleaseSchedule], load_problems: list[object]
) -> list[ProblemEntry]:
    """Schedule conflicts, then broken planning rules, then what the file's loader reported."""
    entries: list[ProblemEntry] = []
    for release_id, schedule in schedules.items():
        release = project.releases.get(release_id)
        name = release.name if release is not None else ""
        for conflict in schedule.conflicts():
            entries.append(_entry(conflict, name, release_id, schedule))
    for problem in plan_problems(project, schedules):
        release = project.releases.get(problem.release_id or "")
        entries.append(
            ProblemEntry(
                problem.severity,
                problem.kind,
                problem.message,
                release.name if release is not None else "",
                problem.item_ids,
                problem.release_id,
            )
        )
    for problem in load_problems:
        severity = getattr(problem, "severity", "warning")
        # The loader reports a file's cycles too; the schedule's entry can select the items.
        if severity != "error" and _is_cycle_problem(problem) and _has_cycles(schedules):
            continue
        entries.append(
            ProblemEntry(
                "error" if severity == "error" else "warning",
                "File",
                str(problem),  # says where in the file already
                "project file",
            )
        )
    return entries


def _entry(
    conflict: Conflict, release_name: str, release_id: str, schedule: ReleaseSchedule
) -> ProblemEntry:
    item_ids = conflict.item_ids
    if conflict.kind == "late" and item_ids:
        # Show the most negative slack first: that is where the planner should start.
        dates = [schedule.dates(i) for i in item_ids if i in schedule.index]
        dates.sort(key=lambda d: (d.slack, -d.end_index))
        item_ids = tuple(d.item_id for d in dates) or item_ids
    return ProblemEntry(
        "error" if conflict.kind in ("pin", "pin_in_freeze", "late") else "warning",
        _KIND_LABELS.get(conflict.kind, conflict.kind),
        conflict.message,
        release_name,
        item_ids,
        release_id,
    )


def _is_cycle_problem(problem: object) -> bool:
    return "cycle" in str(problem).casefold()


def _has_cycles(schedules: dict[str, ReleaseSchedule]) -> bool:
    return any(s.cycles for s in schedules.values())


class ProblemModel(QAbstractTableModel):
    """Columns: problem (icon + sentence), kind, where."""

    HEADERS = ("Problem", "Kind", "Where")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ProblemEntry] = []

    def set_entries(self, entries: list[ProblemEntry]) -> None:
        if entries == self._entries:
            return
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> ProblemEntry:
        return self._entries[row]

    def counts(self) -> tuple[int, int]:
        """How many errors and how many warnings are listed."""
        errors = sum(1 for e in self._entries if e.severity == "error")
        return errors, len(self._entries) - errors

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractTableModel.data."""
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.message, entry.kind, entry.where)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.message
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon(entry.severity)
        if role == ITEM_ROLE:
            return entry.item_ids[0] if entry.item_ids else None
        if role == RELEASE_ROLE:
            return entry.release_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Overrides QAbstractTableModel.headerData."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None
