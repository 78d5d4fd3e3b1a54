"""The Requests tab: the change requests table with filters and search, and the form to
evaluate, decide, schedule and describe the selected request.

Every edit is one undoable command through :meth:`Document.push`; a refused edit leaves the
project as it was, tells the planner why, and the form shows the real values again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import requests
from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import ChangeRequest, Phase, Release, new_id
from relplan.domain.model import RequestStatus as S
from relplan.ui import messages
from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.models.request_model import (
    COL_REQUESTER,
    COL_SUBMITTED,
    COL_TITLE,
    ID_ROLE,
    RequestFilter,
    RequestTableModel,
)
from relplan.ui.selection import Selection
from relplan.ui.views.requests_bar import RequestsBar
from relplan.ui.views.requests_dialogs import RequestDialogs
from relplan.ui.views.requests_fill import FormFiller


class RequestsView(QWidget):
    """The tab; :attr:`dialogs` asks the planner (tests replace it), :attr:`today` dates."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.dialogs = RequestDialogs(self)
        self.today: Callable[[], date] = date.today
        self.model = RequestTableModel(self)
        self.proxy = RequestFilter(self)
        self.proxy.setSourceModel(self.model)
        self.bar = RequestsBar(self)
        self.table = QTableView(self)
        self.table.setObjectName("requestsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_SUBMITTED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_REQUESTER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_REQUESTER, 130)
        header.setMinimumSectionSize(40)
        header.setHighlightSections(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.form = FormFiller(self)
        # The table above, full width, so every column reads; the form below it.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 420])
        self.table.setMinimumHeight(120)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(splitter, 1)
        self.bar.filters_changed.connect(self._filter)
        self.bar.new_action.triggered.connect(self.new_request)
        self.bar.bug_action.triggered.connect(self.record_post_release_bug)
        self.bar.schedule_action.triggered.connect(self.add_selected_to_scope)
        self.bar.delete_action.triggered.connect(self.delete_selected)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(lambda *_: self._show_count())
        self._update_actions()

    # --- document -------------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self._reload)
        self.document = document
        self._reload()

    def _reload(self) -> None:
        doc = self.document
        self.form.show_request(None)
        self.model.set_project(doc.project if doc is not None else None)
        self.bar.set_releases(doc.project if doc is not None else None)
        self._show_count()
        self._update_actions()

    def _on_changed(self, change: DocumentChange) -> None:
        tables = change.tables
        if not tables & {"change_requests", "releases", "audiences"}:
            return
        releases_changed = "releases" in tables
        self.model.refresh(change.changes.ids("change_requests"), releases_changed)
        if releases_changed:
            self.bar.set_releases(self.document.project if self.document else None)
        self.form.refresh()
        self._show_count()
        self._update_actions()

    @property
    def editable(self) -> bool:
        return self.document is not None and not self.document.read_only

    # --- selection ------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        return self.form.request_id

    def select_request(self, request_id: str) -> bool:
        """Show ``request_id`` in the table and the form (clearing filters that hide it)."""
        row = self.model.row_of(request_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.bar.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_requests(self) -> list[ChangeRequest]:
        rows = self.table.selectionModel().selectedRows() if self.document else []
        project = self.document.project if self.document else None
        found = (
            [project.change_requests.get(index.data(ID_ROLE)) for index in rows] if project else []
        )
        return [r for r in found if r is not None]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        request_id = current.data(ID_ROLE) if current.isValid() else None
        self.form.show_request(request_id)
        self._update_actions()

    def _filter(self, status: str, kind: str, release: str, search: str) -> None:
        self.proxy.set_filters(status, kind, release, search)
        self._show_count()

    def _show_count(self) -> None:
        self.bar.show_count(self.proxy.rowCount(), self.model.rowCount())

    def _update_actions(self) -> None:
        editable = self.editable
        selected = self.selected_requests()
        schedulable = [r for r in selected if r.status in (S.APPROVED, S.SCHEDULED)]
        self.bar.new_action.setEnabled(editable)
        self.bar.bug_action.setEnabled(editable)
        self.bar.schedule_action.setEnabled(editable and bool(schedulable))
        self.bar.delete_action.setEnabled(editable and len(selected) == 1)
        self.table.setDragEnabled(editable)

    # --- edits ----------------------------------------------------------------------------

    def push(self, make: Callable[[], ChangeSet]) -> bool:
        """Build an edit and push it as one undoable command; say why when it is refused."""
        if self.document is None:
            return False
        try:
            changes = make()
        except EditError as exc:
            messages.error(str(exc))
            self.form.refresh()
            return False
        done = self.document.push(changes)
        if not done:
            self.form.refresh()
        return done

    def new_request(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        request_id = new_id()
        made = self.push(
            lambda: requests.add_request(
                doc.project, "New request", submitted=self.today(), request_id=request_id
            )
        )
        if made:
            self.select_request(request_id)
            self.form.focus_title()
        return made

    def record_post_release_bug(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        live = requests.live_releases(doc.project)
        if not live:
            messages.warning(
                "No release has gone live yet; a post-release bug is recorded against a release "
                "in its Deploy or Support phase."
            )
            return False
        report = self.dialogs.ask_post_release_bug(live, self.selection.release_id, self.today())
        if report is None:
            return False
        request_id = new_id()
        made = self.push(
            lambda: requests.record_post_release_bug(
                doc.project,
                report.release_id,
                report.title,
                report.requester,
                report.submitted,
                report.priority,
                report.description,
                request_id=request_id,
            )
        )
        if made:
            self.select_request(request_id)
        return made

    def add_selected_to_scope(self) -> bool:
        picked = [r for r in self.selected_requests() if r.status in (S.APPROVED, S.SCHEDULED)]
        if not picked and self.form.request is not None:
            picked = [self.form.request]
        return self.add_to_scope([r.id for r in picked])

    def add_to_scope(self, request_ids: list[str]) -> bool:
        """Ask for a release and put ``request_ids`` into its scope (one command)."""
        doc = self.document
        if doc is None or not request_ids:
            return False
        releases = scope_releases(doc.project.releases.values())
        if not releases:
            messages.warning("Every release is live already; add a release to plan more work.")
            return False
        project = doc.project
        what = (
            f"'{project.change_requests[request_ids[0]].title}'"
            if len(request_ids) == 1
            else f"{len(request_ids)} requests"
        )
        current = project.change_requests[request_ids[0]].release_id or self.selection.release_id
        release_id = self.dialogs.ask_release(releases, current, what)
        if release_id is None:
            return False
        return self.push(lambda: requests.schedule_requests(project, request_ids, release_id))

    def delete_selected(self) -> bool:
        request = self.form.request
        if self.document is None or request is None:
            return False
        if not self.dialogs.confirm_delete(request.title):
            return False
        return self.push(lambda: requests.remove_request(self.document.project, request.id))

    def commit_pending(self) -> None:
        """Keep text typed but not yet entered (before a save or another selection)."""
        self.form.commit_pending()


def scope_releases(releases) -> list[Release]:
    """Releases that can still take work (not live), by start date."""
    found = [r for r in releases if r.phase is not Phase.SUPPORT]
    return sorted(found, key=lambda r: (r.start, r.name))
