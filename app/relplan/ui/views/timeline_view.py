"""The timeline (Gantt chart) of one release: frozen names and axis around the chart.

Follows the document one way: edits go out as change sets (see ``timeline_drag``), and
``document.changed`` brings back which items moved, so only their rows are repainted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QVBoxLayout, QWidget

from relplan.domain.calendar import format_day
from relplan.domain.model import ConstraintKind
from relplan.export.layout import ZOOMS, TimelineLayout
from relplan.ui.document import Document, DocumentChange
from relplan.ui.selection import Selection
from relplan.ui.views import timeline_style as st
from relplan.ui.views.timeline_chart import ChartView
from relplan.ui.views.timeline_drag import DragController
from relplan.ui.views.timeline_headers import NameColumn, TimeAxis
from relplan.ui.views.timeline_lifecycle import LIFECYCLE_TABLES


class TimelineView(QWidget):
    """A release as rows of bars by phase; drag to schedule, arrows to nudge, Enter to open."""

    zoom_changed = Signal(str)
    open_inspector_requested = Signal(str)  # item id

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.selection = selection
        self.zoom = "week"
        # Asked before a drag or a key replaces a must-finish-on pin; tests replace it.
        self.confirm_unpin: Callable[[str], bool] = self._ask_unpin
        self.chart = ChartView()
        self.chart.controller = DragController(self)
        self.chart.zoom_by = self._zoom_by
        self.axis = TimeAxis(self.chart)
        self.names = NameColumn(self)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.axis)
        column.addWidget(self.chart)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.names)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([st.NAME_COLUMN_WIDTH, 900])
        splitter.setHandleWidth(1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self.chart.verticalScrollBar().valueChanged.connect(self.names.update)
        self.chart.horizontalScrollBar().valueChanged.connect(self.axis.update)
        selection.item_changed.connect(self._on_item_selected)
        selection.release_changed.connect(lambda _release_id: self._rebuild())
        self.set_document(document)

    # --- public API -----------------------------------------------------------------------

    @property
    def timeline(self) -> TimelineLayout | None:
        """The geometry shown, or None when the project has no release."""
        return self.chart.timeline

    def set_document(self, document: Document) -> None:
        """Show ``document`` instead of the one shown (e.g. after Open)."""
        if self.document is not None:
            self.document.changed.disconnect(self._on_changed)
            self.document.reloaded.disconnect(self._rebuild)
        self.chart.controller.cancel()
        self.document = document
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._rebuild)
        self._rebuild(keep_scroll=False)

    def set_zoom(self, zoom: str) -> None:
        """Show days, weeks or months, keeping the date in the middle of the view in place."""
        if zoom not in ZOOMS:
            raise ValueError(f"unknown zoom {zoom!r}; use one of {', '.join(ZOOMS)}")
        if zoom == self.zoom:
            return
        centre = self.chart.visible_scene_rect().center()
        anchor = self.timeline.scale.date_at(centre.x()) if self.timeline else None
        self.zoom = zoom
        self._rebuild(keep_scroll=False)
        if anchor is not None and self.timeline is not None:
            self.chart.centerOn(self.timeline.scale.x_of(anchor), centre.y())
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self._zoom_by(1)

    def zoom_out(self) -> None:
        self._zoom_by(-1)

    def release_id(self) -> str | None:
        """The release shown: the selected one, or the project's first."""
        if self.document is None:
            return None
        releases = self.document.project.releases
        wanted = self.selection.release_id
        if wanted in releases:
            return wanted
        return next(iter(releases), None)

    # --- refreshing -----------------------------------------------------------------------

    def _zoom_by(self, steps: int) -> None:
        index = min(max(ZOOMS.index(self.zoom) - steps, 0), len(ZOOMS) - 1)
        self.set_zoom(ZOOMS[index])

    def _rebuild(self, keep_scroll: bool = True) -> None:
        """Lay the release out from scratch (open, structural edits, zoom, release switch)."""
        self.chart.controller.cancel()
        h_bar, v_bar = self.chart.horizontalScrollBar(), self.chart.verticalScrollBar()
        scroll = (h_bar.value(), v_bar.value())
        release_id = self.release_id()
        schedule = self.document.schedules.get(release_id) if release_id else None
        timeline = None
        if schedule is not None:
            timeline = TimelineLayout(self.document.project, schedule, self.zoom, date.today())
        self.chart.set_layout(timeline)
        self.chart.set_selected(self.selection.item_id)
        if keep_scroll:
            h_bar.setValue(scroll[0])
            v_bar.setValue(scroll[1])
        elif timeline is not None:
            # Open at the release start, a little margin to its left.
            h_bar.setValue(int(max(0.0, timeline.scale.x_of(timeline.release.start) - 40)))
            v_bar.setValue(0)
        self.names.update()
        self.axis.update()

    def _on_changed(self, change: DocumentChange) -> None:
        timeline = self.timeline
        if timeline is not None and change.tables & LIFECYCLE_TABLES:
            self.chart.viewport().update()  # a sign-off blocks or frees Deploy items
        release_id = self.release_id()
        if (
            timeline is None
            or release_id != timeline.release.id
            or release_id in change.rescheduled
            or self.document.schedules.get(release_id) is not timeline.schedule
            or self._reshapes(change, timeline)
        ):
            self._rebuild()
            return
        ids = {i for i in change.moved if i in timeline.row_of}
        ids |= {
            c.id for c in change.changes.changes if c.table == "items" and c.id in timeline.row_of
        }
        if not ids:
            return
        width = timeline.width
        changed, links = timeline.update(ids)
        if timeline.width != width:
            self.chart.set_layout(timeline)
        else:
            self.chart.refresh_items(changed | ids, links)
        self.names.update()
        self.axis.update()

    @staticmethod
    def _reshapes(change: DocumentChange, timeline: TimelineLayout) -> bool:
        """True when rows must be regrouped: an item of the release added, removed, re-phased."""
        for record in change.changes.changes:
            if record.table != "items":
                continue
            before, after = record.before, record.after
            ours = any(
                r is not None and r.release_id == timeline.release.id for r in (before, after)
            )
            if ours and (before is None or after is None or before.phase != after.phase):
                return True
        return False

    def _on_item_selected(self, item_id: str | None) -> None:
        self.chart.set_selected(item_id)
        self.names.update()
        timeline = self.timeline
        if item_id is not None and timeline is not None and item_id in timeline.row_of:
            bar = timeline.bars[item_id]
            row = timeline.rows[timeline.row_of[item_id]]
            area = QRectF(bar.start_x, row.y, max(1.0, bar.end_x - bar.start_x), row.height)
            self.chart.ensureVisible(area, 60, int(row.height))

    # --- asking ---------------------------------------------------------------------------

    def _ask_unpin(self, name: str) -> bool:
        item = next((i for i in self.document.project.items.values() if i.name == name), None)
        pin = ""
        constraint = item.constraint if item is not None else None
        if constraint is not None and constraint.kind is ConstraintKind.MUST_FINISH_ON:
            pin = f" on {format_day(constraint.on)}"
        answer = QMessageBox.question(
            self,
            "Move a pinned item",
            f"'{name}' is pinned to finish{pin}. Moving it replaces the pin with a "
            "start-no-earlier-than date. Move it anyway?",
        )
        return answer == QMessageBox.StandardButton.Yes
