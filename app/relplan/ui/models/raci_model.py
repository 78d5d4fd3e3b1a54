"""The RACI matrix of one release: work items as rows (grouped by phase), people as columns.

A cell holds the person's role on the item (R, A, C or I, an R with its allocation when not
full time). Edits (a click, a key, a drop of people from the people dock) are pushed to
the document as one undoable step each; the view refreshes from the document's change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from relplan.domain import edits
from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import Person, Phase, RaciRole, WorkItem
from relplan.domain.raci import ROLE_NAMES, ItemRoles, item_problems, item_roles, next_role
from relplan.ui import messages
from relplan.ui.document import Document
from relplan.ui.icons import PHASE_COLORS, icon, phase_icon
from relplan.ui.people_mime import MIME_TYPE, PeopleDrag, drop_people, people_from_mime

ROLE_ROLE = Qt.ItemDataRole.UserRole + 1  # a cell's RaciRole, or None
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # a row's work item id (None for a phase row)
PERSON_ROLE = Qt.ItemDataRole.UserRole + 3  # a column's person id (horizontal header)
TEAM_ROLE = Qt.ItemDataRole.UserRole + 4  # a column's team name (horizontal header)
PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 5  # a row's broken rules (vertical header)

# Role -> (cell background, letter colour): R blue, A orange, C yellow, I grey.
ROLE_COLORS: dict[RaciRole, tuple[str, str]] = {
    RaciRole.RESPONSIBLE: ("#d6e6fb", "#174a94"),
    RaciRole.ACCOUNTABLE: ("#fbdccd", "#9c3210"),
    RaciRole.CONSULTED: ("#f8ecbf", "#6e5200"),
    RaciRole.INFORMED: ("#e6e9ed", "#47525e"),
}

_Index = QModelIndex | QPersistentModelIndex
_NONE = QModelIndex()  # the invalid index, as a default argument


@dataclass(frozen=True, slots=True)
class Row:
    """A phase heading (``item`` None) or one work item."""

    phase: Phase
    item: WorkItem | None = None


class RaciModel(QAbstractTableModel):
    """Roles of the people (columns) on the items of one release (rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.release_id: str | None = None
        self.rows: list[Row] = []
        self.people: list[Person] = []
        self._teams: dict[str, str] = {}  # person id -> team name
        self._row_of: dict[str, int] = {}
        self._column_of: dict[str, int] = {}
        self._roles: dict[str, ItemRoles] = {}
        self._problems: dict[str, list[str]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._colors = {r: (QColor(bg), QColor(fg)) for r, (bg, fg) in ROLE_COLORS.items()}
        self._phase_tints = {p: _tint(c) for p, c in PHASE_COLORS.items()}

    # --- loading --------------------------------------------------------------------------

    def load(self, document: Document | None, release_id: str | None) -> None:
        """Show ``release_id`` of ``document`` (rebuilds everything; the matrix is small)."""
        self.beginResetModel()
        self.document, self.release_id = document, release_id
        self.rows, self.people, self._teams = [], [], {}
        project = document.project if document is not None else None
        if project is not None and release_id in project.releases:
            self.rows = _rows(document, release_id)
            teams = {t.id: t.name for t in project.teams.values()}
            self.people = sorted(
                project.people.values(),
                key=lambda p: (p.team_id not in teams, teams.get(p.team_id or "", ""), p.name),
            )
            self._teams = {p.id: teams.get(p.team_id or "", "") for p in self.people}
        self._row_of = {r.item.id: n for n, r in enumerate(self.rows) if r.item is not None}
        self._column_of = {p.id: n for n, p in enumerate(self.people)}
        self._load_roles(self._row_of)
        self.endResetModel()

    def _load_roles(self, item_ids: Iterable[str]) -> None:
        if self.document is None:
            return
        project = self.document.project
        found = item_roles(project, item_ids)
        self._roles.update(found)
        for item_id, roles in found.items():
            self._problems[item_id] = item_problems(project.items[item_id], roles)

    def refresh_items(self, item_ids: Iterable[str]) -> None:
        """Roles on ``item_ids`` changed (and nothing else): repaint just their rows."""
        rows = {i: self._row_of[i] for i in item_ids if i in self._row_of}
        if not rows or not self.people:
            return
        self._load_roles(rows)
        for row in sorted(rows.values()):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.people) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, min(rows.values()), max(rows.values()))

    # --- lookups --------------------------------------------------------------------------

    def item_id_at(self, row: int) -> str | None:
        item = self.rows[row].item if 0 <= row < len(self.rows) else None
        return item.id if item is not None else None

    def person_id_at(self, column: int) -> str | None:
        return self.people[column].id if 0 <= column < len(self.people) else None

    def row_of(self, item_id: str | None) -> int:
        return self._row_of.get(item_id or "", -1)

    def column_of(self, person_id: str | None) -> int:
        return self._column_of.get(person_id or "", -1)

    def role_at(self, index: _Index) -> RaciRole | None:
        item_id, person_id = self.item_id_at(index.row()), self.person_id_at(index.column())
        if item_id is None or person_id is None:
            return None
        held = self._roles[item_id].by_person.get(person_id)
        return held.role if held is not None else None

    def problems_of(self, row: int) -> list[str]:
        return self._problems.get(self.item_id_at(row) or "", [])

    def problem_counts(self) -> tuple[int, int]:
        """Items of the release without exactly one Accountable; tasks without a Responsible."""
        accountable = responsible = 0
        for item_id in self._row_of:
            found = self._problems.get(item_id, [])
            accountable += any("Accountable" in p for p in found)
            responsible += "no Responsible" in found
        return accountable, responsible

    # --- editing --------------------------------------------------------------------------

    def set_role(self, index: _Index, role: RaciRole | None) -> bool:
        """Give the cell's person ``role`` on the cell's item (None clears): one step."""
        item_id, person_id = self.item_id_at(index.row()), self.person_id_at(index.column())
        if self.document is None or item_id is None or person_id is None:
            return False
        return self._push(lambda: edits.set_role(self.document.project, item_id, person_id, role))

    def cycle(self, index: _Index) -> bool:
        """A click: none -> R -> A -> C -> I -> none."""
        return self.set_role(index, next_role(self.role_at(index)))

    def set_allocation(self, index: _Index, allocation: int) -> bool:
        item_id, person_id = self.item_id_at(index.row()), self.person_id_at(index.column())
        if self.document is None or item_id is None or person_id is None:
            return False
        held = self._roles[item_id].by_person.get(person_id)
        if held is None or held.role is not RaciRole.RESPONSIBLE:
            return self._push(
                lambda: edits.set_role(
                    self.document.project, item_id, person_id, RaciRole.RESPONSIBLE, allocation
                )
            )
        return self._push(lambda: edits.set_allocation(self.document.project, held.id, allocation))

    def _push(self, make) -> bool:
        try:
            changes: ChangeSet = make()
        except EditError as exc:
            messages.error(str(exc))
            return False
        return self.document is not None and self.document.push(changes)

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Overrides QAbstractItemModel.setData: "R", "A", "C", "I" or "" for the cell."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value or "").strip().upper()[:1]
        if text and text not in "RACI":
            return False
        return self.set_role(index, RaciRole(text) if text else None)

    # --- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: _Index = _NONE) -> int:
        """Overrides QAbstractItemModel.rowCount."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NONE) -> int:
        """Overrides QAbstractItemModel.columnCount."""
        return 0 if parent.isValid() else len(self.people)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Overrides QAbstractItemModel.flags: item cells take selection and drops."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].item is None:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractItemModel.data."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if row.item is None:
            return self._phase_tints[row.phase] if role == Qt.ItemDataRole.BackgroundRole else None
        held = self._roles[row.item.id].by_person.get(self.people[index.column()].id)
        if role == ROLE_ROLE:
            return held.role if held is not None else None
        if role == ITEM_ROLE:
            return row.item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row.item, self.people[index.column()], held)
        if held is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            full = held.role is not RaciRole.RESPONSIBLE or held.allocation == 100
            return held.role.value if full else f"R {held.allocation}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._colors[held.role][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colors[held.role][1]
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        return None

    def _cell_tooltip(self, item: WorkItem, person: Person, held) -> str:
        if held is None:
            return (
                f"{person.name} has no role on '{item.name}'.\n"
                "Click to cycle R, A, C, I, or type the letter; Delete clears."
            )
        text = f"{person.name} is {ROLE_NAMES[held.role]} for '{item.name}'"
        if held.role is RaciRole.RESPONSIBLE:
            text += f", {held.allocation} % of their time"
        return text + "."

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Overrides QAbstractItemModel.headerData: people across, items (by phase) down."""
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.people):
                return None
            return self._person_header(self.people[section], role)
        if not 0 <= section < len(self.rows):
            return None
        return self._row_header(self.rows[section], role)

    def _person_header(self, person: Person, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return person.name
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [person.name, person.role, self._teams.get(person.id, "")]
            return ", ".join(p for p in parts if p)
        if role == PERSON_ROLE:
            return person.id
        if role == TEAM_ROLE:
            return self._teams.get(person.id, "")
        return None

    def _row_header(self, row: Row, role: int) -> object:
        if row.item is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.phase.label
            if role == Qt.ItemDataRole.DecorationRole:
                return phase_icon(row.phase)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._phase_tints[row.phase]
        else:
            problems = self._problems.get(row.item.id, [])
            if role == Qt.ItemDataRole.DisplayRole:
                return row.item.name
            if role == Qt.ItemDataRole.DecorationRole:
                if problems:
                    return icon("warning")
                return icon("milestone" if row.item.is_milestone else "task")
            if role == Qt.ItemDataRole.ToolTipRole:
                kind = "Milestone" if row.item.is_milestone else "Task"
                rules = "; ".join(problems) if problems else "follows the RACI rules"
                return f"{kind} '{row.item.name}': {rules}."
            if role == ITEM_ROLE:
                return row.item.id
            if role == PROBLEMS_ROLE:
                return problems
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- drops ----------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        """Overrides QAbstractItemModel.mimeTypes: people dragged from the people dock."""
        return [MIME_TYPE]

    def supportedDropActions(self) -> Qt.DropAction:
        """Overrides QAbstractItemModel.supportedDropActions."""
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def _drop_target(self, mime: QMimeData | None, parent: _Index) -> tuple[str, PeopleDrag] | None:
        drag = people_from_mime(mime)
        item_id = self.item_id_at(parent.row()) if parent.isValid() else None
        if drag is None or item_id is None or self.document is None:
            return None
        return item_id, drag

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """Overrides QAbstractItemModel.canDropMimeData: people onto an item's cell."""
        return self._drop_target(data, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """Overrides QAbstractItemModel.dropMimeData: people become R, a team's members I."""
        target = self._drop_target(data, parent)
        if target is None:
            return False
        item_id, drag = target
        return drop_people(self.document, item_id, drag)


def _rows(document: Document, release_id: str) -> list[Row]:
    """Phase headings in phase order, each followed by its items by scheduled start."""
    schedule = document.schedules.get(release_id)
    start = {}
    if schedule is not None:
        start = {item_id: schedule.es[n] for item_id, n in schedule.index.items()}
    by_phase: dict[Phase, list[WorkItem]] = {}
    for item in document.project.release_items(release_id):
        by_phase.setdefault(item.phase, []).append(item)
    rows: list[Row] = []
    for phase in sorted(by_phase, key=lambda p: p.order):
        rows.append(Row(phase))
        items = sorted(by_phase[phase], key=lambda i: (start.get(i.id, 0), i.is_milestone, i.name))
        rows.extend(Row(phase, item) for item in items)
    return rows


def _tint(color: str, strength: float = 0.14) -> QColor:
    """``color`` mixed into white: a phase's shade for its heading row."""
    base = QColor(color)
    mix = [round(255 - (255 - c) * strength) for c in (base.red(), base.green(), base.blue())]
    return QColor(*mix)
