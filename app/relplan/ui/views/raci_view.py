"""The RACI tab: who is Responsible, Accountable, Consulted and Informed for each work item.

A click on a cell cycles its role (none, R, A, C, I); the keys R, A, C, I set it and
Delete clears it; people dragged from the people dock onto a cell become Responsible (a
team: its members Informed). Items that break a rule carry a warning sign, and the bar
above the matrix counts them. Selection is shared with the other views.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import RaciRole
from relplan.domain.raci import ROLE_NAMES, ROLE_ORDER
from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.models.raci_model import ROLE_COLORS, TEAM_ROLE, RaciModel
from relplan.ui.selection import Selection
from relplan.ui.views.raci_cells import FramedSelectionDelegate
from relplan.ui.views.raci_header import RotatedHeader

CELL_WIDTH = 42
ROW_HEIGHT = 24
ALLOCATIONS = (100, 75, 50, 25, 10)
# Edits of these tables change the rows or columns; assignments only change cells.
_RELOADED_FOR = {"items", "people", "teams", "releases"}


class RaciTable(QTableView):
    """The matrix; keys and the context menu set the current cell's role."""

    def __init__(self, model: RaciModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(RotatedHeader(TEAM_ROLE, self))
        self.setModel(model)
        self.raci = model
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDragDropOverwriteMode(True)  # a drop lands on the cell, never between rows
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setItemDelegate(FramedSelectionDelegate(self))
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet("QTableView { gridline-color: #dde1e6; }")
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(CELL_WIDTH)
        columns.setMinimumSectionSize(CELL_WIDTH)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows.setHighlightSections(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Overrides QAbstractItemView.keyPressEvent: R, A, C, I, Delete and Space edit."""
        index = self.currentIndex()
        letter = event.text().upper()
        if index.isValid() and self.raci.item_id_at(index.row()) is not None:
            if letter and letter in "RACI" and not event.modifiers() & ~_SHIFT:
                self.raci.set_role(index, RaciRole(letter))
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.raci.set_role(index, None)
                event.accept()
                return
            if event.key() == Qt.Key.Key_Space:
                self.raci.cycle(index)
                event.accept()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Overrides QAbstractScrollArea.contextMenuEvent: roles and allocations."""
        index = self.indexAt(event.pos())
        if not index.isValid() or self.raci.item_id_at(index.row()) is None:
            return
        self.setCurrentIndex(index)
        menu = QMenu(self)
        current = self.raci.role_at(index)
        for role in ROLE_ORDER:
            action = menu.addAction(f"{role.value}  {ROLE_NAMES[role]}")
            action.setCheckable(True)
            action.setChecked(role is current)
            action.triggered.connect(lambda _c=False, r=role: self.raci.set_role(index, r))
        clear = menu.addAction("No role")
        clear.setEnabled(current is not None)
        clear.triggered.connect(lambda: self.raci.set_role(index, None))
        menu.addSeparator()
        allocation = menu.addMenu("Responsible, allocated")
        for percent in ALLOCATIONS:
            action = allocation.addAction(f"{percent} % of their time")
            action.triggered.connect(lambda _c=False, p=percent: self.raci.set_allocation(index, p))
        menu.exec(event.globalPos())


_SHIFT = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def legend_html() -> str:
    """The four roles as coloured letters with their names, for the bar above the matrix."""
    chips = []
    for role in ROLE_ORDER:
        bg, fg = ROLE_COLORS[role]
        chips.append(
            f"<span style='background:{bg}; color:{fg}; font-weight:bold'>&nbsp;{role.value}"
            f"&nbsp;</span>&nbsp;{ROLE_NAMES[role]}"
        )
    return "&nbsp;&nbsp;&nbsp;".join(chips)


class RaciView(QWidget):
    """The RACI tab of the selected release."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.model = RaciModel(self)
        self.table = RaciTable(self.model, self)
        self.table.setObjectName("raciTable")
        self.summary = QLabel(self)
        self.summary.setObjectName("raciSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.legend = QLabel(legend_html(), self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.only_problems = QCheckBox("Only items breaking a rule", self)
        self.only_problems.setToolTip(
            "Show only items without exactly one Accountable and tasks without a Responsible."
        )
        self.hint = QLabel(
            "Click a cell to cycle its role, or type R, A, C, I; Delete clears it. "
            "Drag people from the People dock onto a cell to make them Responsible.",
            self,
        )
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_problems)
        second = QHBoxLayout()
        second.setContentsMargins(8, 0, 8, 4)
        second.addWidget(self.hint, 1)
        second.addSpacing(16)
        second.addWidget(self.legend)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addLayout(second)
        column.addWidget(self.table, 1)
        self._syncing = False
        self._stale = False
        self.table.clicked.connect(self._on_clicked)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.only_problems.toggled.connect(lambda _on: self._apply_filter())
        selection.item_changed.connect(self._follow_item)
        selection.release_changed.connect(lambda _release_id: self.refresh())

    # --- the document ---------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self.refresh)
        self.document = document
        if not self.isVisible():
            self.model.load(None, None)  # let go of the old document until shown
        self.refresh()

    def release_id(self) -> str | None:
        """The release shown: the selected one, or the project's first."""
        if self.document is None:
            return None
        releases = self.document.project.releases
        wanted = self.selection.release_id
        return wanted if wanted in releases else next(iter(releases), None)

    def _on_changed(self, change: DocumentChange) -> None:
        if not self.isVisible():  # another tab is shown: catch up when this one is
            self._stale = True
            return
        model = self.model
        release_id = self.release_id()
        moved_here = any(model.row_of(i) >= 0 for i in change.moved)
        if (
            release_id != model.release_id
            or change.tables & _RELOADED_FOR
            or release_id in change.rescheduled
            or moved_here
        ):
            self.reload()
            return
        if "assignments" in change.tables:
            touched = set()
            for record in change.changes.changes:
                if record.table == "assignments":
                    touched.update(r.item_id for r in (record.before, record.after) if r)
            model.refresh_items(touched)
            self._apply_filter()
            self._update_summary()

    def showEvent(self, event: QShowEvent) -> None:
        """Overrides QWidget.showEvent: edits made while another tab was shown appear."""
        if self._stale:
            self.reload()
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload now if shown; otherwise when this tab is next shown (it may never be)."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        """Rebuild the matrix, keeping the current cell and the scroll position."""
        self._stale = False
        current = self.table.currentIndex()
        item_id = self.model.item_id_at(current.row()) if current.isValid() else None
        person_id = self.model.person_id_at(current.column()) if current.isValid() else None
        bars = (self.table.horizontalScrollBar(), self.table.verticalScrollBar())
        scroll = [bar.value() for bar in bars]
        self._syncing = True
        try:
            self.model.load(self.document, self.release_id())
            row = self.model.row_of(item_id or self.selection.item_id)
            col = max(0, self.model.column_of(person_id))
            if row >= 0 and self.model.columnCount() > 0:
                self.table.setCurrentIndex(self.model.index(row, col))
        finally:
            self._syncing = False
        for bar, value in zip(bars, scroll, strict=True):
            bar.setValue(value)
        self._fit_row_header()
        self._apply_filter()
        self._update_summary()

    def _fit_row_header(self) -> None:
        """As wide as the longest item name (within limits), whichever rows are hidden."""
        header = self.table.verticalHeader()
        metrics = header.fontMetrics()
        names = (r.item.name for r in self.model.rows if r.item is not None)
        longest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        header.setFixedWidth(min(360, max(220, longest + 40)))

    # --- what the bar says and which rows show --------------------------------------------

    def _update_summary(self) -> None:
        doc, model = self.document, self.model
        if doc is None or model.release_id is None:
            self.summary.setText("No release to show.")
            return
        release = doc.project.releases[model.release_id]
        items = sum(1 for r in model.rows if r.item is not None)
        text = f"<b>{release.name}</b>: {items} items, {len(model.people)} people"
        no_a, no_r = model.problem_counts()
        if not items:
            self.summary.setText(text)
            return
        if not (no_a or no_r):
            self.summary.setText(f"{text} · every item has one Accountable, every task an R")
            return
        problems = []
        if no_a:
            problems.append(f"{no_a} item{'s' if no_a != 1 else ''} without one Accountable")
        if no_r:
            problems.append(f"{no_r} task{'s' if no_r != 1 else ''} without a Responsible")
        self.summary.setText(f"{text} · <span style='color:#b42318'>{', '.join(problems)}</span>")

    def _apply_filter(self) -> None:
        only = self.only_problems.isChecked()
        model = self.model
        shown_phase_rows: set[int] = set()
        heading = -1
        for row, entry in enumerate(model.rows):
            if entry.item is None:
                heading = row
                continue
            hide = only and not model.problems_of(row)
            self.table.setRowHidden(row, hide)
            if not hide:
                shown_phase_rows.add(heading)
        for row, entry in enumerate(model.rows):
            if entry.item is None:
                self.table.setRowHidden(row, only and row not in shown_phase_rows)

    # --- selection ------------------------------------------------------------------------

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.item_id_at(index.row()) is not None:
            self.model.cycle(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.table.horizontalHeader().viewport().update()
        if self._syncing or not current.isValid():
            return
        item_id = self.model.item_id_at(current.row())
        if item_id is not None:
            self._syncing = True
            try:
                self.selection.select_item(item_id)
            finally:
                self._syncing = False

    def _follow_item(self, item_id: str | None) -> None:
        if self._syncing:
            return
        row = self.model.row_of(item_id)
        if row < 0 or self.model.columnCount() == 0:
            return
        column = max(0, self.table.currentIndex().column())
        self._syncing = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.table.scrollTo(self.model.index(row, column))
        finally:
            self._syncing = False
