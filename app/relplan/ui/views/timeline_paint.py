"""The chart's layers: each paints only the rows inside the exposed rectangle.

There is one graphics item per layer (grid, arrows, bars, overlay) instead of one per bar,
so a 10,000-item release opens as fast as a 10-item one: the geometry lives in the
:class:`~relplan.export.layout.TimelineLayout` and a repaint touches only visible rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from relplan.domain.calendar import format_day
from relplan.export.layout import MILESTONE_SIZE, Arrow, Bar, TimelineLayout
from relplan.ui.views import timeline_style as st
from relplan.ui.views.paint_layer import ExposedLayer

if TYPE_CHECKING:
    from relplan.ui.views.timeline_chart import ChartView

_LABEL_REACH = 400.0  # a bar left of the exposed area may still have its label inside it


class Layer(ExposedLayer):
    """A full-size item that paints one kind of shape for the exposed rows only."""

    def __init__(self, chart: ChartView, z: float) -> None:
        super().__init__(z)
        self.chart = chart

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Overrides QGraphicsItem.paint: draws what falls inside the exposed rectangle."""
        layout = self.chart.timeline
        if layout is not None:
            self.draw(painter, option.exposedRect, layout)

    def draw(self, painter: QPainter, rect: QRectF, layout: TimelineLayout) -> None:
        raise NotImplementedError


class GridLayer(Layer):
    """Row bands, weekends, holidays, freezes and the vertical grid."""

    def draw(self, painter: QPainter, rect: QRectF, layout: TimelineLayout) -> None:
        left, right = rect.left(), rect.right()
        top, bottom = rect.top(), rect.bottom()
        for shade in layout.shades:
            if shade.x1 < left or shade.x0 > right:
                continue
            span = QRectF(shade.x0, top, shade.x1 - shade.x0, bottom - top)
            if shade.kind == "freeze":
                painter.fillRect(span, st.FREEZE)
                painter.fillRect(span, QBrush(st.FREEZE_HATCH, Qt.BrushStyle.BDiagPattern))
                painter.setPen(st.pen(st.FREEZE_EDGE))
                painter.drawLine(QPointF(shade.x0, top), QPointF(shade.x0, bottom))
                painter.drawLine(QPointF(shade.x1, top), QPointF(shade.x1, bottom))
            else:
                painter.fillRect(span, st.HOLIDAY if shade.kind == "holiday" else st.NONWORKING)
        painter.setPen(st.pen(st.GRID_MINOR))
        for cell in layout.cells:
            if left <= cell.x0 <= right:
                painter.drawLine(QPointF(cell.x0, top), QPointF(cell.x0, bottom))
        painter.setPen(st.pen(st.GRID_MAJOR))
        for band in layout.bands:
            if left <= band.x0 <= right:
                painter.drawLine(QPointF(band.x0, top), QPointF(band.x0, bottom))
        selected = self.chart.selected_id
        painter.setPen(st.pen(st.ROW_LINE))
        for n in layout.rows_between(top, bottom):
            row = layout.rows[n]
            band = QRectF(left, row.y, right - left, row.height)
            if row.is_header:
                painter.fillRect(band, st.HEADER_ROW)
            elif row.item_id == selected:
                painter.fillRect(band, st.SELECTED_ROW)
            elif row.item_id == self.chart.hover_id:
                painter.fillRect(band, st.HOVER_ROW)
            y = row.y + row.height - 0.5
            painter.drawLine(QPointF(left, y), QPointF(right, y))


class ArrowLayer(Layer):
    """Dependency connectors with their heads.

    Each arrow's path is built once and kept until the arrow changes; a repaint adds the
    paths of one style into one path and draws it in a single call, so a screen crossed
    by thousands of long links still paints in a few milliseconds.
    """

    _STYLES = (
        (st.ARROW, 1.0, Qt.PenStyle.SolidLine),
        (st.ARROW_CRITICAL, 1.0, Qt.PenStyle.SolidLine),
        (st.CONFLICT, 1.0, Qt.PenStyle.DashLine),
    )

    def __init__(self, chart: ChartView, z: float) -> None:
        super().__init__(chart, z)
        self._paths: dict[str, tuple[Arrow, QPainterPath, QPolygonF]] = {}

    def set_extent(self, rect: QRectF) -> None:
        self._paths.clear()  # a new layout: every arrow is new
        super().set_extent(rect)

    def draw(self, painter: QPainter, rect: QRectF, layout: TimelineLayout) -> None:
        left, right = rect.left(), rect.right()
        lines = [QPainterPath() for _ in self._STYLES]
        heads = [QPainterPath() for _ in self._STYLES]
        cache = self._paths
        for arrow in layout.arrows_between(rect.top(), rect.bottom()):
            if arrow.right < left or arrow.left > right:
                continue
            entry = cache.get(arrow.dependency_id)
            if entry is None or entry[0] is not arrow:
                entry = (arrow, *arrow_shapes(arrow))
                cache[arrow.dependency_id] = entry
            style = 2 if arrow.conflict else 1 if arrow.critical else 0
            lines[style].addPath(entry[1])
            heads[style].addPolygon(entry[2])
        # Connectors are horizontal and vertical lines: crisp without antialiasing.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for (color, width, style), path in zip(self._STYLES, lines, strict=True):
            if not path.isEmpty():
                painter.setPen(st.pen(color, width, style))
                painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        for (color, _width, _style), path in zip(self._STYLES, heads, strict=True):
            if not path.isEmpty():
                painter.fillPath(path, color)


def arrow_shapes(arrow: Arrow) -> tuple[QPainterPath, QPolygonF]:
    """The connector's line and its head (a small triangle pointing along the last leg)."""
    points = arrow.points
    path = QPainterPath(QPointF(*points[0]))
    for x, y in points[1:]:
        path.lineTo(x, y)
    (x0, _y0), (x1, y1) = points[-2], points[-1]
    heading = 1.0 if x1 >= x0 else -1.0
    head = QPolygonF(
        [QPointF(x1, y1), QPointF(x1 - 6 * heading, y1 - 3.5), QPointF(x1 - 6 * heading, y1 + 3.5)]
    )
    return path, head


class BarLayer(Layer):
    """Task bars with their progress, milestone diamonds and the names beside them."""

    def draw(self, painter: QPainter, rect: QRectF, layout: TimelineLayout) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.chart.bar_font)
        items = layout.project.items
        left, right = rect.left() - _LABEL_REACH, rect.right()
        selected = self.chart.selected_id
        for n in layout.rows_between(rect.top(), rect.bottom()):
            item_id = layout.rows[n].item_id
            if item_id is None:
                continue
            bar = layout.bars[item_id]
            if bar.x1 < left or bar.x0 > right:
                continue
            draw_bar(painter, bar, item_id == selected)
            item = items.get(item_id)
            if item is not None:
                draw_label(painter, bar, item.name)


def draw_bar(painter: QPainter, bar: Bar, selected: bool = False) -> None:
    if bar.milestone:
        painter.setBrush(st.CRITICAL if bar.critical else st.MILESTONE)
        painter.setPen(_edge(bar, selected) or Qt.PenStyle.NoPen)
        painter.drawPolygon(diamond(bar))
        return
    body = QRectF(bar.x0 + 0.5, bar.y0, max(2.0, bar.x1 - bar.x0 - 1.0), bar.y1 - bar.y0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(st.CRITICAL if bar.critical else st.BAR)
    painter.drawRoundedRect(body, 3, 3)
    if bar.progress > 0:
        done = QRectF(body)
        done.setWidth(body.width() * min(100, bar.progress) / 100)
        painter.save()
        painter.setClipRect(done)
        painter.setBrush(st.CRITICAL_PROGRESS if bar.critical else st.BAR_PROGRESS)
        painter.drawRoundedRect(body, 3, 3)
        painter.restore()
    edge = _edge(bar, selected)
    if edge is not None:
        painter.setPen(edge)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(body.adjusted(-1, -1, 1, 1), 4, 4)


def _edge(bar: Bar, selected: bool):
    if bar.conflict:
        return st.pen(st.CONFLICT, 2.0)
    if selected:
        return st.pen(st.SELECTED_EDGE, 2.0)
    return None


def diamond(bar: Bar, half: float = MILESTONE_SIZE / 2) -> QPolygonF:
    x, y = bar.x1, bar.mid_y
    return QPolygonF(
        [QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)]
    )


def draw_label(painter: QPainter, bar: Bar, name: str) -> None:
    """The item's name right of its bar, on a faint halo so connectors do not cross it."""
    x = bar.end_x + st.HANDLE_GAP + st.HANDLE_RADIUS + 4
    text = f"⚠ {name}" if bar.conflict else name
    metrics = painter.fontMetrics()
    halo = QRectF(
        x - 2,
        bar.mid_y - metrics.height() / 2,
        metrics.horizontalAdvance(text) + 4,
        metrics.height(),
    )
    painter.fillRect(halo, st.LABEL_HALO)
    painter.setPen(st.CONFLICT if bar.conflict else st.MUTED)
    painter.drawText(QPointF(x, bar.mid_y + metrics.ascent() / 2 - 1), text)


class OverlayLayer(Layer):
    """Today and deadline lines, the hover handle, and everything a drag shows."""

    def draw(self, painter: QPainter, rect: QRectF, layout: TimelineLayout) -> None:
        top, bottom = rect.top(), rect.bottom()
        chart = self.chart
        if layout.today_x is not None:
            painter.setPen(st.pen(st.TODAY, 1.5))
            painter.drawLine(QPointF(layout.today_x, top), QPointF(layout.today_x, bottom))
        if layout.deadline_x is not None:
            painter.setPen(st.pen(st.DEADLINE, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(layout.deadline_x, top), QPointF(layout.deadline_x, bottom))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        drag = chart.drag
        if drag is not None and drag.active:
            self._draw_drag(painter, rect, layout, drag)
        elif chart.hover_id is not None and chart.hover_id in layout.bars:
            draw_handle(painter, layout.bars[chart.hover_id])

    def _draw_drag(self, painter: QPainter, rect: QRectF, layout: TimelineLayout, drag) -> None:
        painter.setPen(st.pen(st.GHOST_EDGE, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(st.GHOST)
        preview = drag.preview
        if preview:
            for n in layout.rows_between(rect.top(), rect.bottom()):
                item_id = layout.rows[n].item_id
                if item_id in preview:
                    draw_ghost(painter, layout.ghost(item_id, preview[item_id]))
        if drag.resized is not None:
            draw_ghost(painter, drag.resized)
        if drag.link_from is not None and drag.mouse is not None:
            source = layout.bars[drag.link_from]
            start = QPointF(source.end_x + st.HANDLE_GAP, source.mid_y)
            painter.setPen(st.pen(st.HANDLE, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(start, drag.mouse)
            if drag.link_to is not None:
                target = layout.bars[drag.link_to]
                painter.setPen(st.pen(st.HANDLE, 2.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(
                    QRectF(
                        target.start_x - 3,
                        target.y0 - 3,
                        target.end_x - target.start_x + 6,
                        target.y1 - target.y0 + 6,
                    )
                )
            draw_handle(painter, source)
        if drag.label and drag.label_at is not None:
            draw_tag(painter, drag.label_at, drag.label, self.chart.bar_font)


def draw_ghost(painter: QPainter, bar: Bar) -> None:
    if bar.milestone:
        painter.drawPolygon(diamond(bar))
    else:
        painter.drawRoundedRect(
            QRectF(bar.x0 + 0.5, bar.y0, bar.x1 - bar.x0 - 1, bar.y1 - bar.y0), 3, 3
        )


def draw_handle(painter: QPainter, bar: Bar) -> None:
    """The link handle at an item's end: drag from it onto another item to link them."""
    painter.setPen(st.pen(st.HANDLE, 1.5))
    painter.setBrush(st.BACKGROUND)
    painter.drawEllipse(
        QPointF(bar.end_x + st.HANDLE_GAP, bar.mid_y), st.HANDLE_RADIUS, st.HANDLE_RADIUS
    )


def draw_tag(painter: QPainter, at: QPointF, text: str, font) -> None:
    """A small dark label (the date a drag will land on) just above ``at``."""
    painter.setFont(font)
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(text) + 12
    box = QRectF(at.x() - width / 2, at.y() - metrics.height() - 10, width, metrics.height() + 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(st.TEXT)
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(st.BACKGROUND)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def landing_text(bar: Bar) -> str:
    """What the drag tag says: the day a milestone lands on, or a task's first day."""
    return format_day(bar.finish if bar.milestone else bar.start)
