"""The project explorer's tree: releases with their phases and items, requests, people.

A plain-Python node tree behind a thin QAbstractItemModel. After an edit the tree is built
again (cheap) and compared with the shown one: same shape -> ``dataChanged`` for the rows
whose text changed; different shape -> a model reset (the view restores what was expanded
by node key, which stays the same across rebuilds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from relplan.domain.calendar import format_day
from relplan.domain.model import Phase, Project, RequestStatus, WorkItem
from relplan.domain.schedule import ReleaseSchedule
from relplan.ui.icons import icon, phase_icon
from relplan.ui.models.request_model import MIME_TYPE as REQUESTS_MIME
from relplan.ui.models.request_model import request_ids_from_mime

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id behind a node (None for groups)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # a NodeKind
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # the node's stable key

_Index = QModelIndex | QPersistentModelIndex


class NodeKind(StrEnum):
    GROUP = "group"
    RELEASE = "release"
    PHASE = "phase"
    ITEM = "item"
    REQUEST = "request"
    TEAM = "team"
    PERSON = "person"


@dataclass(eq=False)
class Node:
    key: str
    kind: NodeKind
    text: str
    record_id: str | None = None
    tooltip: str = ""
    icon_name: str = ""
    phase: Phase | None = None
    conflict: bool = False
    parent: Node | None = None
    row: int = 0
    children: list[Node] = field(default_factory=list)

    def add(self, child: Node) -> Node:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child

    def looks(self) -> tuple:
        return (self.text, self.tooltip, self.icon_name, self.phase, self.conflict)


def build_tree(project: Project, schedules: dict[str, ReleaseSchedule]) -> Node:
    """The explorer's nodes for ``project`` under an invisible root.

    Dates go in tooltips, which the model makes when asked: building stays cheap.
    """
    root = Node("root", NodeKind.GROUP, "")
    releases = root.add(Node("group:releases", NodeKind.GROUP, "Releases", icon_name="folder"))
    conflicted = conflicted_items(schedules)
    by_release: dict[str, list[WorkItem]] = {}
    for item in project.items.values():
        by_release.setdefault(item.release_id, []).append(item)
    for release in sorted(project.releases.values(), key=lambda r: (r.start, r.name)):
        text = f"{release.name} ({release.version})" if release.version else release.name
        node = releases.add(
            Node(f"release:{release.id}", NodeKind.RELEASE, text, release.id, icon_name="release")
        )
        _add_phases(node, by_release.get(release.id, []), schedules.get(release.id), conflicted)
    requests = root.add(
        Node("group:requests", NodeKind.GROUP, "Change requests", icon_name="folder")
    )
    for cr in sorted(project.change_requests.values(), key=lambda c: c.title.casefold()):
        status = cr.status.value.replace("_", " ")
        tip = f"{cr.type.value.capitalize()}, {cr.priority.value} priority, {status}"
        requests.add(Node(f"request:{cr.id}", NodeKind.REQUEST, cr.title, cr.id, tip, "request"))
    people = root.add(Node("group:people", NodeKind.GROUP, "People and teams", icon_name="folder"))
    by_team: dict[str | None, list] = {}
    for person in project.people.values():
        team = person.team_id if person.team_id in project.teams else None
        by_team.setdefault(team, []).append(person)
    for team in sorted(project.teams.values(), key=lambda t: t.name.casefold()):
        team_node = people.add(
            Node(f"team:{team.id}", NodeKind.TEAM, team.name, team.id, team.description, "team")
        )
        _add_people(team_node, by_team.get(team.id, []))
    _add_people(people, by_team.get(None, []))
    return root


def conflicted_items(schedules: dict[str, ReleaseSchedule]) -> set[str]:
    """Items named by a pin, freeze or cycle conflict (shown in red)."""
    found: set[str] = set()
    for schedule in schedules.values():
        for conflict in schedule.conflicts():
            if conflict.kind != "late":
                found.update(conflict.item_ids)
    return found


def _add_phases(
    release_node: Node,
    items: list[WorkItem],
    schedule: ReleaseSchedule | None,
    conflicted: set[str],
) -> None:
    """Phase nodes in phase order; items by scheduled start, as the timeline orders rows."""
    index = schedule.index if schedule is not None else {}
    starts = schedule.es if schedule is not None else []
    by_phase: dict[Phase, list[tuple[int, bool, str, WorkItem]]] = {}
    for item in items:
        pos = index.get(item.id)
        start = starts[pos] if pos is not None else 0
        by_phase.setdefault(item.phase, []).append(
            (start, item.is_milestone, item.name.casefold(), item)
        )
    for phase in Phase:
        in_phase = by_phase.get(phase)
        if not in_phase:
            continue
        in_phase.sort(key=lambda entry: entry[:3])
        phase_node = release_node.add(
            Node(
                f"phase:{release_node.record_id}:{phase.value}",
                NodeKind.PHASE,
                phase.label,
                tooltip=f"{len(in_phase)} items in {phase.label}",
                phase=phase,
            )
        )
        for *_key, item in in_phase:
            phase_node.add(
                Node(
                    f"item:{item.id}",
                    NodeKind.ITEM,
                    item.name,
                    item.id,
                    icon_name="milestone" if item.is_milestone else "task",
                    conflict=item.id in conflicted,
                )
            )


def _add_people(parent: Node, people: list) -> None:
    for person in sorted(people, key=lambda p: p.name.casefold()):
        tip = ", ".join(v for v in (person.role, person.email) if v)
        parent.add(
            Node(f"person:{person.id}", NodeKind.PERSON, person.name, person.id, tip, "person")
        )


def _same_shape(a: Node, b: Node) -> bool:
    if a.key != b.key or len(a.children) != len(b.children):
        return False
    return all(_same_shape(x, y) for x, y in zip(a.children, b.children, strict=True))


class ExplorerModel(QAbstractItemModel):
    """One column; nodes carry their record id (ID_ROLE) and kind (KIND_ROLE)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = Node("root", NodeKind.GROUP, "")
        self._by_key: dict[str, Node] = {}
        self._project: Project | None = None
        self._schedules: dict[str, ReleaseSchedule] = {}
        self._conflicted: set[str] = set()
        self._bold = QFont()
        self._bold.setBold(True)
        # Change requests dropped on a release: (request ids, release id) -> done.
        self.on_requests_dropped: Callable[[list[str], str], bool] | None = None

    # --- filling --------------------------------------------------------------------------

    def set_project(self, project: Project | None, schedules: dict[str, ReleaseSchedule]) -> None:
        """Show ``project`` (None: nothing), updating in place when the shape is unchanged."""
        self._project, self._schedules = project, schedules
        self._conflicted = conflicted_items(schedules) if project is not None else set()
        new_root = (
            build_tree(project, schedules)
            if project is not None
            else Node("root", NodeKind.GROUP, "")
        )
        if _same_shape(self._root, new_root):
            self._update_in_place(self._root, new_root)
            return
        self.beginResetModel()
        self._root = new_root
        self._by_key = {}
        self._index_keys(new_root)
        self.endResetModel()

    def update_items(self, item_ids: set[str] | frozenset[str]) -> None:
        """Refresh the rows of items whose name, kind or dates changed, and the red flags.

        For edits that leave the tree's shape alone; rows keep their order until the next
        rebuild, as the timeline's rows do.
        """
        project = self._project
        if project is None:
            return
        conflicted = conflicted_items(self._schedules)
        touched = set(item_ids) | (conflicted ^ self._conflicted)
        self._conflicted = conflicted
        for item_id in touched:
            node = self._by_key.get(f"item:{item_id}")
            item = project.items.get(item_id)
            if node is None or item is None:
                continue
            looks = node.looks()
            node.text = item.name
            node.icon_name = "milestone" if item.is_milestone else "task"
            node.conflict = item_id in conflicted
            if node.looks() != looks:
                index = self.createIndex(node.row, 0, node)
                self.dataChanged.emit(index, index)

    def _index_keys(self, node: Node) -> None:
        for child in node.children:
            self._by_key[child.key] = child
            self._index_keys(child)

    def _update_in_place(self, old: Node, new: Node) -> None:
        for old_child, new_child in zip(old.children, new.children, strict=True):
            if old_child.looks() != new_child.looks():
                old_child.text = new_child.text
                old_child.tooltip = new_child.tooltip
                old_child.icon_name = new_child.icon_name
                old_child.phase = new_child.phase
                old_child.conflict = new_child.conflict
                index = self.createIndex(old_child.row, 0, old_child)
                self.dataChanged.emit(index, index)
            self._update_in_place(old_child, new_child)

    # --- lookups --------------------------------------------------------------------------

    def index_for_key(self, key: str) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def node_keys(self) -> set[str]:
        """The keys of every node shown."""
        return set(self._by_key)

    def branch_keys(self) -> set[str]:
        """The keys of nodes with children (the ones a view can expand)."""
        return {key for key, node in self._by_key.items() if node.children}

    def index_for_item(self, item_id: str) -> QModelIndex:
        return self.index_for_key(f"item:{item_id}")

    def index_for_release(self, release_id: str) -> QModelIndex:
        return self.index_for_key(f"release:{release_id}")

    def node(self, index: _Index) -> Node:
        if not index.isValid():
            return self._root
        return index.internalPointer()  # type: ignore[return-value]

    # --- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Overrides QAbstractItemModel.index."""
        if column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self.node(parent).children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """Overrides QAbstractItemModel.parent."""
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractItemModel.rowCount."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractItemModel.columnCount."""
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractItemModel.data."""
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node) or None
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon_of(node)
        if role == Qt.ItemDataRole.FontRole and node.kind in (NodeKind.GROUP, NodeKind.RELEASE):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and node.conflict:
            return QBrush(QColor("#c62828"))
        if role == ID_ROLE:
            return node.record_id
        if role == KIND_ROLE:
            return node.kind.value
        if role == KEY_ROLE:
            return node.key
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Overrides QAbstractItemModel.flags."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.node(index).kind is NodeKind.RELEASE:
            flags |= Qt.ItemFlag.ItemIsDropEnabled  # approved change requests go into scope
        return flags

    def mimeTypes(self) -> list[str]:
        """Overrides QAbstractItemModel.mimeTypes."""
        return [REQUESTS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        """Overrides QAbstractItemModel.supportedDropActions."""
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """Overrides QAbstractItemModel.canDropMimeData: approved or scheduled change
        requests onto a release that is not live yet."""
        project = self._project
        if project is None or self.on_requests_dropped is None or not parent.isValid():
            return False
        node = self.node(parent)
        release = project.releases.get(node.record_id or "")
        if node.kind is not NodeKind.RELEASE or release is None or release.phase is Phase.SUPPORT:
            return False
        ids = request_ids_from_mime(data)
        schedulable = (RequestStatus.APPROVED, RequestStatus.SCHEDULED)
        return bool(ids) and all(
            i in project.change_requests and project.change_requests[i].status in schedulable
            for i in ids
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """Overrides QAbstractItemModel.dropMimeData: schedules the requests into the release."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        release_id = self.node(parent).record_id
        return bool(self.on_requests_dropped(request_ids_from_mime(data), release_id))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Overrides QAbstractItemModel.headerData."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Project" if section == 0 else None
        return None

    def _tooltip(self, node: Node) -> str:
        """Dates for items and releases, made on demand from the current schedule."""
        project, record_id = self._project, node.record_id
        if project is None or record_id is None:
            return node.tooltip
        if node.kind is NodeKind.ITEM and record_id in project.items:
            item = project.items[record_id]
            schedule = self._schedules.get(item.release_id)
            if schedule is None or record_id not in schedule.index:
                return ""
            d = schedule.dates(record_id)
            if item.is_milestone:
                return f"Milestone on {format_day(d.start)}, slack {d.slack} d"
            return (
                f"{format_day(d.start)} – {format_day(d.finish)}, {item.duration} d, "
                f"slack {d.slack} d"
            )
        if node.kind is NodeKind.RELEASE and record_id in project.releases:
            release = project.releases[record_id]
            tip = f"Starts {format_day(release.start)}"
            schedule = self._schedules.get(record_id)
            if schedule is not None and schedule.finish is not None:
                tip += f", finishes {format_day(schedule.finish)}"
            if release.deadline is not None:
                tip += f", deadline {format_day(release.deadline)}"
            return tip
        return node.tooltip


def _icon_of(node: Node) -> QIcon:
    if node.phase is not None:
        return phase_icon(node.phase)
    return icon(node.icon_name) if node.icon_name else QIcon()
