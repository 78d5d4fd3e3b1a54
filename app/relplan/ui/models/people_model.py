"""The people dock's tree: teams with their people (name, e-mail, role, availability).

Rows drag out as people drag data (:mod:`relplan.ui.people_mime`): a person (or several)
to be made Responsible where dropped, a team to have its members Informed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from relplan.domain.model import Person, Project, RaciRole
from relplan.ui.icons import icon
from relplan.ui.people_mime import MIME_TYPE, PeopleDrag, people_mime

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the team or person id (None for "No team")
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "team" or "person"

COLUMNS = ("Name", "E-mail", "Role", "Availability")
NO_TEAM = "No team"

_Index = QModelIndex | QPersistentModelIndex
_NONE = QModelIndex()  # the invalid index, as a default argument
_TOP = 0  # internal id of team rows; person rows carry their team row + 1


@dataclass
class _Group:
    team_id: str | None
    name: str
    description: str = ""
    people: list[Person] = field(default_factory=list)


class PeopleModel(QAbstractItemModel):
    """Teams (sorted by name, then "No team") with their people sorted by name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._work: dict[str, dict[RaciRole, int]] = {}  # person id -> role -> items
        self._bold = QFont()
        self._bold.setBold(True)

    def set_project(self, project: Project | None) -> None:
        """Show ``project``'s people (None: nothing); the model is rebuilt (it is small)."""
        self.beginResetModel()
        self._groups = _groups(project) if project is not None else []
        self._work = {}
        if project is not None:
            for a in project.assignments.values():
                roles = self._work.setdefault(a.person_id, {})
                roles[a.role] = roles.get(a.role, 0) + 1
        self.endResetModel()

    # --- lookups --------------------------------------------------------------------------

    def person_at(self, index: _Index) -> Person | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._groups[index.internalId() - 1].people[index.row()]

    def team_id_at(self, index: _Index) -> str | None:
        """The team of a team row, or of a person row's team; None for "No team"."""
        if not index.isValid():
            return None
        group = index.row() if index.internalId() == _TOP else index.internalId() - 1
        return self._groups[group].team_id

    def index_of_person(self, person_id: str) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, person in enumerate(group.people):
                if person.id == person_id:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    def index_of_team(self, team_id: str | None) -> QModelIndex:
        for g, group in enumerate(self._groups):
            if group.team_id == team_id:
                return self.index(g, 0)
        return QModelIndex()

    # --- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _NONE) -> QModelIndex:
        """Overrides QAbstractItemModel.index: team rows at the top, people under them."""
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _TOP or parent.column() != 0:
            return QModelIndex()
        if row >= len(self._groups[parent.row()].people):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = _NONE) -> QModelIndex:  # type: ignore[override]
        """Overrides QAbstractItemModel.parent."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = _NONE) -> int:
        """Overrides QAbstractItemModel.rowCount."""
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._groups[parent.row()].people)
        return 0

    def columnCount(self, parent: _Index = _NONE) -> int:
        """Overrides QAbstractItemModel.columnCount."""
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Overrides QAbstractItemModel.headerData: the column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Overrides QAbstractItemModel.flags: people and real teams can be dragged."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _TOP or self._groups[index.row()].team_id is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractItemModel.data."""
        if not index.isValid():
            return None
        person = self.person_at(index)
        if person is None:
            return self._team_data(self._groups[index.row()], index.column(), role)
        return self._person_data(person, index.column(), role)

    def _team_data(self, group: _Group, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{group.name} ({len(group.people)})"
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and group.team_id:
            return icon("team")
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            tip = group.description or group.name
            if group.team_id is not None:
                tip += "\nDrag the team onto a work item to keep its members Informed."
            return tip
        if role == ID_ROLE:
            return group.team_id
        if role == KIND_ROLE:
            return "team"
        return None

    def _person_data(self, person: Person, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (person.name, person.email, person.role, f"{person.availability} %")[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon("person")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._person_tooltip(person)
        if role == ID_ROLE:
            return person.id
        if role == KIND_ROLE:
            return "person"
        return None

    def _person_tooltip(self, person: Person) -> str:
        lines = [person.name + (f", {person.role}" if person.role else "")]
        if person.email:
            lines.append(person.email)
        lines.append(f"Available {person.availability} % of the working week")
        roles = self._work.get(person.id, {})
        held = [f"{roles[r]} {r.value}" for r in RaciRole if roles.get(r)]
        lines.append("Roles: " + ", ".join(held) if held else "No roles yet")
        lines.append("Drag onto a work item to make them Responsible.")
        return "\n".join(lines)

    # --- dragging -------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        """Overrides QAbstractItemModel.mimeTypes."""
        return [MIME_TYPE]

    def supportedDragActions(self) -> Qt.DropAction:
        """Overrides QAbstractItemModel.supportedDragActions: a drop assigns, never moves."""
        return Qt.DropAction.CopyAction

    def drag_of(self, indexes: Sequence[_Index]) -> PeopleDrag | None:
        """What dragging ``indexes`` carries: the people among them, else one team."""
        person_ids: list[str] = []
        team_id = None
        for index in indexes:
            person = self.person_at(index)
            if person is not None and person.id not in person_ids:
                person_ids.append(person.id)
            elif person is None and team_id is None:
                team_id = self.team_id_at(index)
        if person_ids:
            return PeopleDrag(tuple(person_ids))
        return PeopleDrag(team_id=team_id) if team_id is not None else None

    def mimeData(self, indexes: Sequence[_Index]) -> QMimeData | None:  # type: ignore[override]
        """Overrides QAbstractItemModel.mimeData: ids only (see people_mime)."""
        drag = self.drag_of(indexes)
        return people_mime(drag) if drag is not None else None


def _groups(project: Project) -> list[_Group]:
    groups = {
        team.id: _Group(team.id, team.name, team.description)
        for team in sorted(project.teams.values(), key=lambda t: t.name.casefold())
    }
    loose = _Group(None, NO_TEAM, "People who are in no team.")
    for person in sorted(project.people.values(), key=lambda p: p.name.casefold()):
        groups.get(person.team_id or "", loose).people.append(person)
    return [*groups.values(), *([loose] if loose.people else [])]
