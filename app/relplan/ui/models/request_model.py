"""The change requests table, its filters and search, and the drag data of requests.

A thin table model over ``project.change_requests`` (one row per request, ids in a list)
and a :class:`RequestFilter` proxy that sorts and filters it. Dragging rows carries request
ids only (:data:`MIME_TYPE`); a release in the explorer takes the drop and schedules them.
"""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from relplan.domain.calendar import format_day
from relplan.domain.model import ChangeRequest, Priority, Project, RequestStatus, RequestType
from relplan.domain.requests import CLOSED, STATUS_LABELS

MIME_TYPE = "application/x-relplan-requests"

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the request id of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts as planners expect

COL_TITLE, COL_TYPE, COL_REQUESTER, COL_SUBMITTED, COL_PRIORITY, COL_STATUS, COL_RELEASE = range(7)
HEADERS = ("Title", "Type", "Requester", "Submitted", "Priority", "Status", "Release")

TYPE_LABELS = {
    RequestType.FEATURE: "Feature",
    RequestType.CHANGE: "Change",
    RequestType.DEFECT: "Defect",
}
PRIORITY_LABELS = {
    Priority.LOW: "Low",
    Priority.MEDIUM: "Medium",
    Priority.HIGH: "High",
    Priority.CRITICAL: "Critical",
}
# One colour per status, shared by the table, the form and the overview.
STATUS_COLORS = {
    RequestStatus.NEW: "#4a90d9",
    RequestStatus.UNDER_EVALUATION: "#e0a030",
    RequestStatus.APPROVED: "#2f9e8f",
    RequestStatus.REJECTED: "#9e9e9e",
    RequestStatus.RECONFIGURED: "#8a6fd1",
    RequestStatus.SCHEDULED: "#2e7d32",
    RequestStatus.DELIVERED: "#546e7a",
}
_STATUS_ORDER = {status: n for n, status in enumerate(RequestStatus)}
_PRIORITY_ORDER = {priority: n for n, priority in enumerate(Priority)}

_Index = QModelIndex | QPersistentModelIndex


def status_icon(status: RequestStatus) -> QIcon:
    """A dot in the status colour."""
    result = QIcon()
    for size in (12, 16, 24):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATUS_COLORS[status]))
        inset = size * 0.25
        painter.drawEllipse(inset, inset, size - 2 * inset, size - 2 * inset)
        painter.end()
        result.addPixmap(pixmap)
    return result


def requests_mime(request_ids: list[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps({"request_ids": list(request_ids)}).encode("utf-8"))
    return mime


def request_ids_from_mime(mime: QMimeData | None) -> list[str]:
    """The request ids dragged in ``mime``; empty when it carries no (valid) request data."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return []
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
        return [str(i) for i in payload.get("request_ids", ())]
    except (ValueError, AttributeError, TypeError):
        return []


class RequestTableModel(QAbstractTableModel):
    """One row per change request, in the order they were added; the proxy sorts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self._ids: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._icons = {status: status_icon(status) for status in RequestStatus}

    # --- filling --------------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.beginResetModel()
        self.project = project
        self._ids = list(project.change_requests) if project is not None else []
        self.endResetModel()

    def refresh(self, request_ids: set[str] | frozenset[str], releases_changed: bool) -> None:
        """Show the current state of ``request_ids`` (added, removed or edited rows)."""
        project = self.project
        if project is None:
            return
        for request_id in request_ids:
            if request_id in self._ids and request_id not in project.change_requests:
                row = self._ids.index(request_id)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()
        added = [i for i in project.change_requests if i in request_ids and i not in self._ids]
        if added:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._ids.extend(added)
            self.endInsertRows()
        for request_id in request_ids:
            if request_id in project.change_requests and request_id not in added:
                row = self._ids.index(request_id)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        if releases_changed and self._ids:
            last = len(self._ids) - 1
            self.dataChanged.emit(self.index(0, COL_RELEASE), self.index(last, COL_RELEASE))

    # --- lookups --------------------------------------------------------------------------

    def request(self, row: int) -> ChangeRequest | None:
        if self.project is None or not 0 <= row < len(self._ids):
            return None
        return self.project.change_requests.get(self._ids[row])

    def row_of(self, request_id: str) -> int:
        return self._ids.index(request_id) if request_id in self._ids else -1

    def release_name(self, request: ChangeRequest) -> str:
        release = self.project.releases.get(request.release_id or "") if self.project else None
        return release.name if release is not None else ""

    # --- QAbstractItemModel ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Overrides QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Overrides QAbstractTableModel.headerData."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Overrides QAbstractTableModel.data."""
        if not index.isValid():
            return None
        request = self.request(index.row())
        if request is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(request, column)
        if role == SORT_ROLE:
            return self._sort_key(request, column)
        if role == ID_ROLE:
            return request.id
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return self._icons[request.status]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(request, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if request.status in CLOSED:
                return QBrush(QColor("#757575"))
            if column == COL_PRIORITY and request.priority is Priority.CRITICAL:
                return QBrush(QColor("#c62828"))
        if (
            role == Qt.ItemDataRole.FontRole
            and column == COL_PRIORITY
            and request.priority in (Priority.HIGH, Priority.CRITICAL)
        ):
            return self._bold
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Overrides QAbstractTableModel.flags: approved and scheduled rows can be dragged."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        request = self.request(index.row())
        if request is not None and request.status in (
            RequestStatus.APPROVED,
            RequestStatus.SCHEDULED,
        ):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        """Overrides QAbstractTableModel.mimeTypes."""
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        """Overrides QAbstractTableModel.mimeData: the ids of the dragged rows."""
        ids = [index.data(ID_ROLE) for index in indexes if index.isValid()]
        return requests_mime(list(dict.fromkeys(i for i in ids if i)))

    def supportedDragActions(self) -> Qt.DropAction:
        """Overrides QAbstractTableModel.supportedDragActions."""
        return Qt.DropAction.LinkAction

    # --- what a cell shows ----------------------------------------------------------------

    def _text(self, request: ChangeRequest, column: int) -> str:
        if column == COL_TITLE:
            return request.title
        if column == COL_TYPE:
            return TYPE_LABELS[request.type]
        if column == COL_REQUESTER:
            return request.requester
        if column == COL_SUBMITTED:
            return format_day(request.submitted) if request.submitted else ""
        if column == COL_PRIORITY:
            return PRIORITY_LABELS[request.priority]
        if column == COL_STATUS:
            return STATUS_LABELS[request.status]
        if column == COL_RELEASE:
            return self.release_name(request)
        return ""

    def _sort_key(self, request: ChangeRequest, column: int) -> object:
        if column == COL_SUBMITTED:
            return (request.submitted or date.min).toordinal()
        if column == COL_PRIORITY:
            return _PRIORITY_ORDER[request.priority]
        if column == COL_STATUS:
            return _STATUS_ORDER[request.status]
        return self._text(request, column).casefold()

    def _tooltip(self, request: ChangeRequest, column: int) -> str | None:
        if column == COL_TITLE:
            lines = [request.title]
            origin = self.project.releases.get(request.origin_release_id or "")
            if origin is not None:
                lines.append(f"Found in production in {origin.name}")
            if request.description:
                lines.append(request.description)
            return "\n".join(lines)
        if column == COL_STATUS and request.decided_by and request.decided_on:
            return f"Decided by {request.decided_by} on {format_day(request.decided_on)}"
        return None


class RequestFilter(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; shows the rows matching a status, type, release and
    search text (in title, requester and description)."""

    ANY = "*"  # a filter that lets everything through
    NO_RELEASE = ""  # the release filter for requests in no release

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._status = self.ANY
        self._type = self.ANY
        self._release = self.ANY
        self._words: list[str] = []

    def set_filters(
        self,
        status: str | None = None,
        type: str | None = None,
        release: str | None = None,
        search: str | None = None,
    ) -> None:
        """Change some filters (None: keep as is) and filter again once."""
        self.beginFilterChange()
        if status is not None:
            self._status = status
        if type is not None:
            self._type = type
        if release is not None:
            self._release = release
        if search is not None:
            self._words = search.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        """Overrides QSortFilterProxyModel.filterAcceptsRow."""
        model = self.sourceModel()
        if not isinstance(model, RequestTableModel):
            return True
        request = model.request(source_row)
        if request is None:
            return False
        if self._status != self.ANY and request.status.value != self._status:
            return False
        if self._type != self.ANY and request.type.value != self._type:
            return False
        if self._release != self.ANY and (request.release_id or "") != self._release:
            return False
        if self._words:
            text = " ".join((request.title, request.requester, request.description)).casefold()
            return all(word in text for word in self._words)
        return True
