"""The project explorer dock: a tree of releases, phases, items, requests, people and teams.

Selecting an item selects it everywhere (through the shared :class:`Selection`); selecting
a release shows it in the timeline. The tree follows the selection made elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from relplan.domain import requests
from relplan.domain.edits import EditError
from relplan.ui import messages
from relplan.ui.document import Document, DocumentChange
from relplan.ui.models.explorer_model import ID_ROLE, KEY_ROLE, KIND_ROLE, ExplorerModel, NodeKind
from relplan.ui.selection import Selection

# Edits of these tables rebuild the tree (they are small); item edits update rows in place.
_REBUILT_FOR = {"releases", "change_requests", "people", "teams"}


def _reshapes(change: DocumentChange) -> bool:
    """True when an item was added or removed, or moved to another phase or release."""
    for record in change.changes.changes:
        if record.table != "items":
            continue
        before, after = record.before, record.after
        if before is None or after is None:
            return True
        if (before.phase, before.release_id) != (after.phase, after.release_id):  # type: ignore[attr-defined]
            return True
    return False


class ExplorerView(QWidget):
    """The tree and its wiring to the document and the selection."""

    item_activated = Signal(str)  # an item was double-clicked / Enter: open the inspector
    request_activated = Signal(str)  # a change request likewise: show it in the Requests tab

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.model = ExplorerModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("explorerTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAnimated(False)
        # Approved change requests dragged from the Requests tab drop onto a release.
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.tree.setDropIndicatorShown(True)
        self.model.on_requests_dropped = self._schedule_requests
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._expanded: set[str] = set()
        self._syncing = False
        self.model.modelAboutToBeReset.connect(self._remember_expanded)
        self.model.modelReset.connect(self._restore_expanded)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.activated.connect(self._on_activated)
        selection.item_changed.connect(self._follow_item)
        selection.release_changed.connect(self._follow_release)

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._on_changed)
            self.document.reloaded.disconnect(self._reload)
        self.document = document
        self._expanded = set()
        if document is not None:
            document.changed.connect(self._on_changed)
            document.reloaded.connect(self._reload)
        self._reload(expand_defaults=True)

    def _schedule_requests(self, request_ids: list[str], release_id: str) -> bool:
        """Put dropped change requests into a release's scope: one undoable command."""
        doc = self.document
        if doc is None or doc.read_only:
            return False
        try:
            changes = requests.schedule_requests(doc.project, request_ids, release_id)
        except EditError as exc:
            messages.error(str(exc))
            return False
        return doc.push(changes)

    # --- refreshing -----------------------------------------------------------------------

    def _reload(self, expand_defaults: bool = False) -> None:
        doc = self.document
        if expand_defaults:
            self._expanded = {"group:releases"}
            if doc is not None:
                self._expanded |= {f"release:{rid}" for rid in doc.project.releases}
        self.model.set_project(doc.project if doc else None, doc.schedules if doc else {})
        self._follow_item(self.selection.item_id)

    def _on_changed(self, change: DocumentChange) -> None:
        if change.tables & _REBUILT_FOR or _reshapes(change):
            self._reload()
        elif "items" in change.tables or change.moved or "dependencies" in change.tables:
            self.model.update_items(change.changes.ids("items"))

    def _remember_expanded(self) -> None:
        shown = self.model.branch_keys()
        expanded = {k for k in shown if self.tree.isExpanded(self.model.index_for_key(k))}
        self._expanded = (self._expanded - shown) | expanded

    def _restore_expanded(self) -> None:
        for key in self._expanded:
            index = self.model.index_for_key(key)
            if index.isValid():
                self.tree.expand(index)

    # --- selection ------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid() or self.document is None:
            return
        kind = current.data(KIND_ROLE)
        record_id = current.data(ID_ROLE)
        project = self.document.project
        if kind == NodeKind.ITEM and record_id in project.items:
            self.selection.select_release(project.items[record_id].release_id)
            self.selection.select_item(record_id)
        elif kind == NodeKind.RELEASE:
            self.selection.select_release(record_id)
        elif kind == NodeKind.PHASE:
            release_id = str(current.data(KEY_ROLE)).split(":")[1]
            self.selection.select_release(release_id)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == NodeKind.ITEM:
            self.item_activated.emit(index.data(ID_ROLE))
        elif index.data(KIND_ROLE) == NodeKind.REQUEST:
            self.request_activated.emit(index.data(ID_ROLE))

    def _follow_item(self, item_id: str | None) -> None:
        if item_id is None:
            return
        self._select_index(self.model.index_for_item(item_id))

    def _follow_release(self, release_id: str | None) -> None:
        current = self.tree.currentIndex()
        if release_id is None or (current.isValid() and current.data(KIND_ROLE) == NodeKind.ITEM):
            return
        self._select_index(self.model.index_for_release(release_id))

    def _select_index(self, index: QModelIndex) -> None:
        if not index.isValid() or index == self.tree.currentIndex():
            return
        self._syncing = True
        try:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.tree.scrollTo(index)
        finally:
            self._syncing = False
