"""The inspector's table of one item's links: predecessors then successors; type and lag edit.

The model never changes the project: an edit in the table calls ``on_edit(dependency id,
field, value)``, which pushes one undoable command; the table refreshes from the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from relplan.domain.model import DependencyType, Project
from relplan.ui.icons import icon

DEPENDENCY_ROLE = Qt.ItemDataRole.UserRole + 1  # the dependency id of a row
OTHER_ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the item at the other end of the link

_Index = QModelIndex | QPersistentModelIndex

TYPE_NAMES = {
    DependencyType.FS: "Finish to start",
    DependencyType.SS: "Start to start",
    DependencyType.FF: "Finish to finish",
    DependencyType.SF: "Start to finish",
}

COL_RELATION, COL_ITEM, COL_TYPE, COL_LAG = range(4)


@dataclass(frozen=True, slots=True)
class LinkRow:
    dependency_id: str
    relation: str  # "after" (a predecessor) or "before" (a successor)
    other_id: str
    other_name: str
    other_is_milestone: bool
    type: DependencyType
    lag: int


def links_of(project: Project, item_id: str) -> list[LinkRow]:
    """The item's predecessors, then its successors, each by name."""
    rows: list[LinkRow] = []
    for dep in project.dependencies.values():
        if dep.successor_id == item_id:
            relation, other_id = "after", dep.predecessor_id
        elif dep.predecessor_id == item_id:
            relation, other_id = "before", dep.successor_id
        else:
            continue
        other = project.items.get(other_id)
        if other is None:
            continue
        rows.append(
            LinkRow(dep.id, relation, other_id, other.name, other.is_milestone, dep.type, dep.lag)
        )
    rows.sort(key=lambda r: (r.relation != "after", r.other_name.casefold()))
    return rows


class DependencyModel(QAbstractTableModel):
    """Columns: relation (after/before), other item, type (editable), lag (editable)."""

    HEADERS = ("", "Item", "Type", "Lag")

    def __init__(
        self,
        on_edit: Callable[[str, str, object], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[LinkRow] = []
        self.on_edit = on_edit
        self.editable = True

    def set_rows(self, rows: list[LinkRow]) -> None:
        if rows == self._rows:
            return
        if [r.dependency_id for r in rows] == [r.dependency_id for r in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, COL_LAG))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> LinkRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractTableModel.data."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_RELATION:
                return "After" if row.relation == "after" else "Before"
            if column == COL_ITEM:
                return row.other_name
            if column == COL_TYPE:
                return row.type.value
            return _format_lag(row.lag)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_TYPE:
                return row.type.value
            if column == COL_LAG:
                return row.lag
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TYPE:
                return f"{TYPE_NAMES[row.type]} (double-click to change)"
            if column == COL_LAG:
                return "Lag in working days; negative is a lead (double-click to change)"
            if row.relation == "after":
                return f"This item waits for '{row.other_name}'"
            return f"'{row.other_name}' waits for this item"
        if role == Qt.ItemDataRole.DecorationRole and column == COL_ITEM:
            return icon("milestone" if row.other_is_milestone else "task")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LAG:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DEPENDENCY_ROLE:
            return row.dependency_id
        if role == OTHER_ITEM_ROLE:
            return row.other_id
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Overrides QAbstractTableModel.setData: asks for the edit, changes nothing itself."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.on_edit is None:
            return False
        row = self._rows[index.row()]
        if index.column() == COL_TYPE:
            try:
                new_type = DependencyType(str(value))
            except ValueError:
                return False
            if new_type == row.type:
                return False
            return self.on_edit(row.dependency_id, "type", new_type)
        if index.column() == COL_LAG:
            try:
                lag = int(value)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                return False
            if lag == row.lag:
                return False
            return self.on_edit(row.dependency_id, "lag", lag)
        return False

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Overrides QAbstractTableModel.flags."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (COL_TYPE, COL_LAG):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Overrides QAbstractTableModel.headerData."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None


def _format_lag(lag: int) -> str:
    if lag == 0:
        return "0 d"
    return f"{lag:+d} d"
