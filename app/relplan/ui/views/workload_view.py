"""The workload tab: each person's load per ISO week over the selected release.

Cells are coloured by load (green up to 100 %, amber to red beyond) and show the figure;
the bar above names who is over-allocated. The list under the grid shows what makes up
the chosen cell; clicking a line there selects that work item everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.calendar import format_day
from relplan.domain.workload import week_label
from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.models.workload_model import LOAD_COLORS, WorkloadModel
from relplan.ui.selection import Selection
from relplan.ui.views.raci_cells import FramedSelectionDelegate

CELL_WIDTH = 54
ROW_HEIGHT = 24
# Loads change with dates (schedule), R work (assignments) and availability (people).
_RELOADED_FOR = {"items", "dependencies", "releases", "calendars", "assignments", "people", "teams"}
_ITEM_ID = Qt.ItemDataRole.UserRole + 1


def legend_html() -> str:
    """The colour scale of the grid, as small chips."""
    labels = ("≤ 50 %", "≤ 80 %", "≤ 100 %", "≤ 120 %", "≤ 150 %", "> 150 %")
    chips = [
        f"<span style='background:{bg}; color:{fg}'>&nbsp;{label}&nbsp;</span>"
        for (_top, bg, fg), label in zip(LOAD_COLORS, labels, strict=True)
    ]
    return "&nbsp;".join(chips)


class WorkloadView(QWidget):
    """Grid of loads, a summary of over-allocation, and the make-up of the chosen cell."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self._overload_pending = False
        self._stale = False
        self.model = WorkloadModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("workloadTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setItemDelegate(FramedSelectionDelegate(self.table))
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setStyleSheet("QTableView { gridline-color: #dde1e6; }")
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(CELL_WIDTH)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.setMinimumWidth(200)
        self.summary = QLabel(self)
        self.summary.setObjectName("workloadSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setToolTip(
            "Each person's Responsible work of every release, per week, over their availability."
        )
        self.legend = QLabel(legend_html(), self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.details = QTreeWidget(self)
        self.details.setObjectName("workloadDetails")
        self.details.setHeaderLabels(["Work item", "Allocation", "Days that week", "Of the week"])
        self.details.setRootIsDecorated(False)
        self.details.setUniformRowHeights(True)
        self.details.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.details.header().setStretchLastSection(False)
        self.details_title = QLabel("Choose a cell to see the work that makes up its load.", self)
        self.details_title.setContentsMargins(8, 4, 8, 2)
        bottom = QWidget(self)
        bottom_column = QVBoxLayout(bottom)
        bottom_column.setContentsMargins(0, 0, 0, 0)
        bottom_column.setSpacing(0)
        bottom_column.addWidget(self.details_title)
        bottom_column.addWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 4)
        bar.addWidget(self.summary, 1)
        bar.addSpacing(16)
        bar.addWidget(self.legend)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(splitter, 1)
        self.table.selectionModel().currentChanged.connect(lambda current, _p: self._show(current))
        self.details.itemClicked.connect(self._select_item)
        self.details.itemActivated.connect(self._select_item)
        selection.release_changed.connect(lambda _release_id: self.refresh())

    # --- the document ---------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self.refresh)
        self.document = document
        if not self.isVisible():
            self.model.load(None, None)  # let go of the old document until shown
        self.refresh()
        # Scrolled when shown: a hidden table's scroll range is not the one it will have.
        self._overload_pending = True
        if self.isVisible():
            QTimer.singleShot(0, self.show_first_overload)

    def release_id(self) -> str | None:
        if self.document is None:
            return None
        releases = self.document.project.releases
        wanted = self.selection.release_id
        return wanted if wanted in releases else next(iter(releases), None)

    def _on_changed(self, change: DocumentChange) -> None:
        if change.tables & _RELOADED_FOR or change.moved or change.rescheduled:
            if self.isVisible():
                self.reload()
            else:  # another tab is shown: catch up when this one is
                self._stale = True

    def refresh(self) -> None:
        """Reload now if shown; otherwise when this tab is next shown (it may never be)."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        """Compute the loads again, keeping the chosen person and week."""
        self._stale = False
        current = self.table.currentIndex()
        person_id = self.model.person_id_at(current.row()) if current.isValid() else None
        week = self.model.weeks[current.column()] if current.isValid() else None
        bars = (self.table.horizontalScrollBar(), self.table.verticalScrollBar())
        scroll = [bar.value() for bar in bars]
        self.model.load(self.document, self.release_id())
        row, col = self.model.row_of(person_id), self.model.column_of(week)
        if row >= 0 and col >= 0:
            self.table.setCurrentIndex(self.model.index(row, col))
        for bar, value in zip(bars, scroll, strict=True):
            bar.setValue(value)
        self._show(self.table.currentIndex())
        self._update_summary()

    def showEvent(self, event: QShowEvent) -> None:
        """Overrides QWidget.showEvent: the first look at a document goes to its overload."""
        if self._stale:
            self.reload()
        super().showEvent(event)
        if self._overload_pending:
            # After the layout has given the table its size.
            QTimer.singleShot(0, self.show_first_overload)

    def show_first_overload(self) -> None:
        """Scroll to the first over-allocated week, so the planner sees it without looking."""
        if not self._overload_pending:
            return
        self._overload_pending = False
        over = self.model.overloaded()
        if not over:
            return
        first = min((cells[0].week, person_id) for person_id, cells in over.items())
        index = self.model.index(self.model.row_of(first[1]), self.model.column_of(first[0]))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _update_summary(self) -> None:
        doc, model = self.document, self.model
        if doc is None or model.release_id is None:
            self.summary.setText("No release to show.")
            return
        release = doc.project.releases[model.release_id]
        if not model.weeks:
            self.summary.setText(f"<b>{release.name}</b> has no scheduled work yet.")
            return
        span = f"{week_label(model.weeks[0])} to {week_label(model.weeks[-1])}"
        text = f"<b>{release.name}</b>, {span}"
        over = model.overloaded()
        if not over:
            self.summary.setText(f"{text} · nobody is over-allocated")
            return
        people = doc.project.people
        names = [
            f"{people[p].name} (up to {max(c.percent for c in cells)} %)"
            if all(c.load is not None for c in cells)
            else f"{people[p].name} (not available)"
            for p, cells in sorted(over.items(), key=lambda e: people[e[0]].name)
        ]
        count = f"{len(names)} {'person' if len(names) == 1 else 'people'} over-allocated"
        self.summary.setText(
            f"{text} · <span style='color:#b42318'><b>{count}</b>: {', '.join(names)}</span>"
        )

    # --- the chosen cell ------------------------------------------------------------------

    def _show(self, index: QModelIndex) -> None:
        self.details.clear()
        cell = self.model.cell(index)
        doc = self.document
        if doc is None or not index.isValid() or self.model.person_id_at(index.row()) is None:
            self.details_title.setText("Choose a cell to see the work that makes up its load.")
            return
        person = doc.project.people[self.model.person_id_at(index.row())]
        week = self.model.weeks[index.column()]
        where = f"{person.name}, week of {format_day(week)}"
        if cell is None:
            self.details_title.setText(f"{where}: no Responsible work.")
            return
        load = f"{cell.percent} %" if cell.load is not None else "not available"
        self.details_title.setText(
            f"{where}: {load} of {person.availability} % availability. "
            "Click a line to select the item."
        )
        for share in cell.shares:
            line = QTreeWidgetItem(
                [
                    doc.project.items[share.item_id].name,
                    f"{share.allocation} %",
                    str(share.days),
                    f"{share.demand:.0f} %",
                ]
            )
            line.setData(0, _ITEM_ID, share.item_id)
            for col in (1, 2, 3):
                line.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            self.details.addTopLevelItem(line)

    def _select_item(self, line: QTreeWidgetItem, _column: int = 0) -> None:
        item_id = line.data(0, _ITEM_ID)
        if item_id:
            self.selection.select_item(item_id)
