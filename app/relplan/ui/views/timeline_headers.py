"""The frozen parts of the timeline: the name column on the left and the time axis on top.

Both paint from the chart's layout at the chart's scroll offset, so they scroll with the
rows (names, vertically) and with the days (axis, horizontally) but never out of sight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPolygonF, QWheelEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from relplan.ui.views import timeline_style as st

if TYPE_CHECKING:
    from relplan.ui.views.timeline_chart import ChartView
    from relplan.ui.views.timeline_view import TimelineView


def _scroll_origin(chart: ChartView) -> QPointF:
    """The scene point at the chart viewport's top-left corner."""
    return chart.mapToScene(QPoint(0, 0))


class NameColumn(QWidget):
    """Item names by phase, aligned with the chart's rows; clicking selects the item."""

    def __init__(self, host: TimelineView) -> None:
        super().__init__(host)
        self.host = host
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(False)
        self._phase_font = st.font(self.font(), 0, bold=True)
        self._small_font = st.font(self.font(), -1)
        self._title_font = st.font(self.font(), -0.5, bold=True)

    def sizeHint(self):
        """Overrides QWidget.sizeHint: a comfortable width for names."""
        hint = super().sizeHint()
        hint.setWidth(st.NAME_COLUMN_WIDTH)
        return hint

    def row_at(self, y: float):
        timeline = self.host.chart.timeline
        if timeline is None or y < st.AXIS_HEIGHT:
            return None
        return timeline.row_at(y - st.AXIS_HEIGHT + _scroll_origin(self.host.chart).y())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Overrides QWidget.paintEvent: the visible rows' names under a fixed title."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        width = self.width()
        painter.fillRect(self.rect(), st.BACKGROUND)
        timeline = self.host.chart.timeline
        if timeline is not None:
            offset = _scroll_origin(self.host.chart).y() - st.AXIS_HEIGHT
            painter.setClipRect(QRectF(0, st.AXIS_HEIGHT, width, self.height()))
            for n in timeline.rows_between(offset + st.AXIS_HEIGHT, offset + self.height()):
                self._draw_row(painter, timeline, timeline.rows[n], timeline.rows[n].y - offset)
            painter.setClipping(False)
        self._draw_title(painter, width)
        painter.setPen(st.pen(st.GRID_MAJOR))
        painter.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, self.height()))

    def _draw_title(self, painter: QPainter, width: int) -> None:
        title = QRectF(0, 0, width, st.AXIS_HEIGHT)
        painter.fillRect(title, st.BACKGROUND)
        painter.setFont(self._title_font)
        painter.setPen(st.MUTED)
        text_rect = title.adjusted(12, 0, -10, -4)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(text_rect, bottom | Qt.AlignmentFlag.AlignLeft, "Work item")
        painter.drawText(text_rect, bottom | Qt.AlignmentFlag.AlignRight, "Start")
        painter.setPen(st.pen(st.GRID_MAJOR))
        painter.drawLine(QPointF(0, st.AXIS_HEIGHT - 0.5), QPointF(width, st.AXIS_HEIGHT - 0.5))

    def _draw_row(self, painter: QPainter, timeline, row, y: float) -> None:
        width = self.width()
        band = QRectF(0, y, width, row.height)
        metrics_font = self._phase_font if row.is_header else self.font()
        painter.setFont(metrics_font)
        if row.is_header:
            painter.fillRect(band, st.HEADER_ROW)
            painter.setPen(st.PHASE_TEXT)
            painter.drawText(band.adjusted(12, 0, -10, 0), Qt.AlignmentFlag.AlignVCenter, row.label)
        else:
            if row.item_id == self.host.chart.selected_id:
                painter.fillRect(band, st.SELECTED_ROW)
                painter.fillRect(QRectF(0, y, 3, row.height), st.SELECTED_EDGE)
            bar = timeline.bars[row.item_id]
            self._draw_marker(painter, bar, 28, y + row.height / 2)
            painter.setFont(self._small_font)
            painter.setPen(st.MUTED)
            date_text = f"{bar.start.day} {bar.start:%b}"
            date_width = painter.fontMetrics().horizontalAdvance("30 Sep") + 4
            date_rect = QRectF(width - 10 - date_width, y, date_width, row.height)
            painter.drawText(
                date_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, date_text
            )
            painter.setFont(self.font())
            name = row.label
            if bar.conflict:
                name = "⚠ " + name
            painter.setPen(st.CONFLICT if bar.conflict else st.TEXT)
            name_rect = QRectF(40, y, date_rect.left() - 48, row.height)
            elided = painter.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideRight, int(name_rect.width())
            )
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setPen(st.pen(st.ROW_LINE))
        painter.drawLine(QPointF(0, y + row.height - 0.5), QPointF(width, y + row.height - 0.5))

    def _draw_marker(self, painter: QPainter, bar, x: float, y: float) -> None:
        """A small diamond (milestone) or rounded square (task) in the item's bar colour."""
        color = st.CRITICAL if bar.critical else (st.MILESTONE if bar.milestone else st.BAR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        if bar.milestone:
            h = 4.5
            painter.drawPolygon(
                QPolygonF(
                    [QPointF(x, y - h), QPointF(x + h, y), QPointF(x, y + h), QPointF(x - h, y)]
                )
            )
        else:
            painter.drawRoundedRect(QRectF(x - 4, y - 3.5, 8, 7), 2, 2)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Overrides QWidget.mousePressEvent: selects the item in the clicked row."""
        row = self.row_at(event.position().y())
        if row is not None and row.item_id is not None:
            self.host.selection.select_item(row.item_id)
            self.host.chart.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Overrides QWidget.mouseDoubleClickEvent: opens the item in the inspector."""
        row = self.row_at(event.position().y())
        if row is not None and row.item_id is not None:
            self.host.chart.controller.open_inspector(row.item_id)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Overrides QWidget.wheelEvent: the wheel scrolls the rows, as over the chart."""
        QApplication.sendEvent(self.host.chart.verticalScrollBar(), event)


class TimeAxis(QWidget):
    """Two rows of dates (bands over cells) and a lane for freezes, holidays, today, deadline."""

    def __init__(self, chart: ChartView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setFixedHeight(st.AXIS_HEIGHT)
        self._band_font = st.font(self.font(), -0.5, bold=True)
        self._cell_font = st.font(self.font(), -1)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Overrides QWidget.paintEvent: the part of the axis above the visible days."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), st.BACKGROUND)
        timeline = self.chart.timeline
        if timeline is None:
            return
        offset = _scroll_origin(self.chart).x()
        left, right = offset - 200, offset + self.width()
        painter.translate(-offset, 0)
        band_h, cell_h = st.AXIS_BAND_HEIGHT, st.AXIS_CELL_HEIGHT
        painter.setFont(self._band_font)
        for band in timeline.bands:
            if band.x1 < left or band.x0 > right:
                continue
            painter.setPen(st.TEXT)
            text_x = max(band.x0, offset)
            rect = QRectF(text_x + 6, 0, band.x1 - text_x - 8, band_h)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, band.label)
            painter.setPen(st.pen(st.GRID_MAJOR))
            painter.drawLine(QPointF(band.x0, 0), QPointF(band.x0, band_h + cell_h))
        painter.setFont(self._cell_font)
        day_zoom = timeline.zoom == "day"
        work_week = set(timeline.schedule.calendar.calendar.work_week)
        for cell in timeline.cells:
            if cell.x1 < left or cell.x0 > right:
                continue
            rect = QRectF(cell.x0, band_h, cell.x1 - cell.x0, cell_h)
            off = day_zoom and cell.day.weekday() not in work_week
            painter.setPen(st.MUTED if off else st.TEXT)
            align = Qt.AlignmentFlag.AlignCenter if day_zoom else Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect if day_zoom else rect.adjusted(4, 0, 0, 0), align, cell.label)
            painter.setPen(st.pen(st.GRID_MINOR))
            painter.drawLine(QPointF(cell.x0, band_h), QPointF(cell.x0, band_h + cell_h))
        painter.setPen(st.pen(st.GRID_MAJOR))
        y = band_h + 0.5
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        y = band_h + cell_h + 0.5
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        self._draw_events(painter, timeline, left, right, band_h + cell_h)
        painter.setPen(st.pen(st.GRID_MAJOR))
        bottom = st.AXIS_HEIGHT - 0.5
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    def _draw_events(
        self, painter: QPainter, timeline, left: float, right: float, top: float
    ) -> None:
        """Freeze windows and holidays with their names, the today marker, the deadline."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        lane = QRectF(0, top + 2, 0, st.AXIS_EVENT_HEIGHT - 4)
        metrics = painter.fontMetrics()
        shown = [s for s in timeline.shades if s.label and s.x1 >= left and s.x0 <= right]
        tags = []
        if timeline.deadline_x is not None:
            tags.append((timeline.deadline_x, "Deadline", st.DEADLINE, True))
        if timeline.today_x is not None:
            tags.append((timeline.today_x, "Today", st.TODAY, False))
        boxes = [self._tag_box(metrics, x, lane, text, right) for x, text, _c, right in tags]
        # x spans already labelled: names never run into each other or into the tags
        taken: list[tuple[float, float]] = [(box.left(), box.right()) for box in boxes]
        freezes = [(s.x0, s.x1) for s in shown if s.kind == "freeze"]
        for shade in (s for s in shown if s.kind == "holiday"):
            if any(a <= shade.x0 < b for a, b in freezes):
                continue  # the freeze's name is what matters there; the tooltip has the rest
            painter.fillRect(
                QRectF(shade.x0, lane.top(), shade.x1 - shade.x0, lane.height()), st.HOLIDAY_MARK
            )
            taken.append((shade.x0, shade.x1))
        for shade in (s for s in shown if s.kind == "freeze"):
            box = QRectF(shade.x0, lane.top(), shade.x1 - shade.x0, lane.height())
            painter.setPen(st.pen(st.FREEZE_EDGE))
            painter.setBrush(st.FREEZE)
            painter.drawRoundedRect(box, 2, 2)
            # The name starts after a tag that sits at the window's start (e.g. Today).
            text_left = box.left() + 4
            for tag in boxes:
                if tag.left() - 20 <= text_left <= tag.right():
                    text_left = tag.right() + 4
            text_box = QRectF(text_left, box.top(), box.right() - 2 - text_left, box.height())
            painter.setPen(st.FREEZE_TEXT)
            text = metrics.elidedText(
                f"❄ {shade.label}", Qt.TextElideMode.ElideRight, int(text_box.width())
            )
            if text_box.width() > 12:
                painter.drawText(text_box, Qt.AlignmentFlag.AlignVCenter, text)
            taken.append((shade.x0, shade.x1))
        for shade in (s for s in shown if s.kind == "holiday"):
            x0 = shade.x1 + 3
            x1 = x0 + metrics.horizontalAdvance(shade.label)
            if all(x1 < a or x0 > b for a, b in taken):
                painter.setPen(st.MUTED)
                baseline = lane.center().y() + metrics.ascent() / 2 - 1
                painter.drawText(QPointF(x0, baseline), shade.label)
                taken.append((shade.x0, x1))
        for box, (_x, text, color, _right) in zip(boxes, tags, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(st.BACKGROUND)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _tag_box(metrics, x: float, lane: QRectF, text: str, right_align: bool) -> QRectF:
        """Where a marker tag goes: centred on ``x``, or ending at it (the deadline)."""
        width = metrics.horizontalAdvance(text) + 10
        x0 = x - width if right_align else x - width / 2
        return QRectF(x0, lane.top(), width, lane.height())
