"""The problems dock: conflicts, cycles, negative slack and load problems; a click selects."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedLayout,
    QTreeView,
    QWidget,
)

from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.models.problem_model import ITEM_ROLE, RELEASE_ROLE, ProblemModel, collect_problems
from relplan.ui.selection import Selection


class ProblemsView(QWidget):
    """Lists what is wrong with the plan; clicking a row selects the item it is about."""

    counts_changed = Signal(int, int)  # errors, warnings

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.model = ProblemModel(self)
        self.table = QTreeView(self)
        self.table.setObjectName("problemsTable")
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 160)
        self.empty = QLabel("No problems: no date conflicts, cycles or missed deadlines.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.empty.setWordWrap(True)
        self.pages = QStackedLayout(self)
        self.pages.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        self.table.clicked.connect(self.select_problem)
        self.table.activated.connect(self.select_problem)

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self.refresh)
        self.document = document
        self.refresh()

    def _on_changed(self, change: DocumentChange) -> None:
        # Any table can break a rule (RACI, gates, sign-offs, requests), not only the schedule.
        self.refresh()

    def refresh(self) -> None:
        doc = self.document
        if doc is None:
            self.model.set_entries([])
        else:
            self.model.set_entries(collect_problems(doc.project, doc.schedules, doc.load_problems))
        has_rows = self.model.rowCount() > 0
        self.pages.setCurrentWidget(self.table if has_rows or doc is None else self.empty)
        self.counts_changed.emit(*self.model.counts())

    def select_problem(self, index: QModelIndex) -> None:
        """Show the item the clicked problem is about, in every view."""
        if not index.isValid() or self.document is None:
            return
        item_id = index.siblingAtColumn(0).data(ITEM_ROLE)
        release_id = index.siblingAtColumn(0).data(RELEASE_ROLE)
        project = self.document.project
        if item_id is not None and item_id in project.items:
            self.selection.select_release(project.items[item_id].release_id)
            self.selection.select_item(item_id)
        elif release_id is not None and release_id in project.releases:
            self.selection.select_release(release_id)
