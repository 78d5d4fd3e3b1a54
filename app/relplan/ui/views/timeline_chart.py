"""The chart part of the timeline: a QGraphicsView over the layout, with hit testing.

Mouse and key events go to a :class:`~relplan.ui.views.timeline_drag.DragController`; this
class only knows where things are and what to repaint.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from relplan.domain.calendar import format_day
from relplan.export.layout import MILESTONE_SIZE, Bar, TimelineLayout
from relplan.ui.people_mime import PeopleDrag, people_from_mime
from relplan.ui.views import timeline_style as st
from relplan.ui.views.timeline_lifecycle import LifecycleLayer, blocked_lines, training_tooltip
from relplan.ui.views.timeline_paint import ArrowLayer, BarLayer, GridLayer, OverlayLayer

if TYPE_CHECKING:
    from relplan.ui.views.timeline_drag import DragController, DragState

MOVE, RESIZE, LINK, ROW = "move", "resize", "link", "row"


@dataclass(frozen=True, slots=True)
class Hit:
    """What is under the mouse: an item and which part of it (move, resize, link or row)."""

    item_id: str
    part: str


class ChartView(QGraphicsView):
    """Paints the layout's visible rows and turns mouse positions into items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: TimelineLayout | None = None  # the geometry shown
        self.selected_id: str | None = None
        self.hover_id: str | None = None
        self.controller: DragController | None = None
        self.zoom_by: Callable[[int], None] | None = None
        self.bar_font = st.font(self.font(), -0.5)
        # The view does not own its scene (DESIGN.md §8): keep a reference.
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._layers = [
            GridLayer(self, 0),
            ArrowLayer(self, 1),
            BarLayer(self, 2),
            OverlayLayer(self, 3),
        ]
        self._overlay = self._layers[3]
        self._layers.append(LifecycleLayer(self, 2.5))  # blocked Deploy items, training days
        for layer in self._layers:
            self._scene.addItem(layer)
        self.setScene(self._scene)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(st.BACKGROUND)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setAcceptDrops(True)  # people dragged from the people dock onto bars

    # --- state ----------------------------------------------------------------------------

    @property
    def drag(self) -> DragState | None:
        return self.controller.state if self.controller is not None else None

    def set_layout(self, layout: TimelineLayout | None) -> None:
        self.timeline = layout
        self.hover_id = None
        self._fit(force=True)

    def _fit(self, force: bool = False) -> None:
        """Size the scene to the layout, stretched to fill a window wider than the chart."""
        layout = self.timeline
        if layout is None:
            rect = QRectF()
        else:
            layout.fill(self.viewport().width() + 1)
            rect = QRectF(0, 0, layout.width, layout.height)
        if not force and rect == self._scene.sceneRect():
            return
        for layer in self._layers:
            layer.set_extent(rect)
            layer.update()
        self._scene.setSceneRect(rect)

    def resizeEvent(self, event) -> None:
        """Overrides QGraphicsView.resizeEvent: a wider window shows more days."""
        super().resizeEvent(event)
        self._fit()

    def set_selected(self, item_id: str | None) -> None:
        old, self.selected_id = self.selected_id, item_id
        self.refresh_items([i for i in (old, item_id) if i is not None])

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # --- repainting -----------------------------------------------------------------------

    def refresh_items(self, item_ids: Iterable[str], arrows: Iterable[str] = ()) -> None:
        """Repaint the rows of ``item_ids`` (whole width) and the span of ``arrows``."""
        layout = self.timeline
        if layout is None:
            return
        rows = [layout.row_of[i] for i in item_ids if i in layout.row_of]
        spans = [layout.arrows[a].y_span for a in arrows if a in layout.arrows]
        tops = [layout.rows[r].y for r in rows] + [s[0] - 4 for s in spans]
        bottoms = [layout.rows[r].y + layout.rows[r].height for r in rows]
        bottoms += [s[1] + 4 for s in spans]
        if tops:
            self.refresh_band(min(tops), max(bottoms))

    def refresh_band(self, top: float, bottom: float, overlay_only: bool = False) -> None:
        """Repaint the rows from ``top`` to ``bottom`` (only what is on screen is drawn).

        ``overlay_only``: just the ghosts and lines of a gesture changed, not the chart.
        """
        if self.timeline is None:
            return
        visible = self.visible_scene_rect()
        top, bottom = max(top, visible.top()), min(bottom, visible.bottom())
        if bottom < top:
            return
        band = QRectF(visible.left(), top, visible.width(), bottom - top + 1)
        for layer in [self._overlay] if overlay_only else self._layers:
            layer.update(band)

    # --- hit testing ----------------------------------------------------------------------

    def hit(self, pos: QPointF) -> Hit | None:
        """The item under scene position ``pos`` and the part of it there, or None."""
        layout = self.timeline
        if layout is None:
            return None
        row = layout.row_at(pos.y())
        if row is None or row.item_id is None:
            return None
        bar = layout.bars[row.item_id]
        x, y = pos.x(), pos.y()
        handle_x = bar.end_x + st.HANDLE_GAP
        if abs(x - handle_x) <= st.HANDLE_RADIUS + 2 and abs(y - bar.mid_y) <= st.HANDLE_RADIUS + 3:
            return Hit(row.item_id, LINK)
        near = bar.y0 - 3 <= y <= bar.y1 + 3
        if bar.milestone:
            if near and abs(x - bar.x1) <= MILESTONE_SIZE / 2 + 2:
                return Hit(row.item_id, MOVE)
        elif near and bar.x1 - st.EDGE_GRIP <= x <= bar.x1 + 2 and bar.x1 - bar.x0 > 8:
            return Hit(row.item_id, RESIZE)
        elif near and bar.x0 <= x <= bar.x1:
            return Hit(row.item_id, MOVE)
        return Hit(row.item_id, ROW)

    def bar_of(self, item_id: str) -> Bar | None:
        return self.timeline.bars.get(item_id) if self.timeline is not None else None

    # --- events ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mousePressEvent: selects and starts a gesture."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton and self.controller is not None:
            self.controller.press(event.position(), self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mouseMoveEvent: drags, or shows what a press would do."""
        scene_pos = self.mapToScene(event.position().toPoint())
        if self.controller is not None and self.controller.state is not None:
            self.controller.move(event.position(), scene_pos)
            event.accept()
            return
        self._hover(scene_pos)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mouseReleaseEvent: finishes a gesture (one command)."""
        if event.button() == Qt.MouseButton.LeftButton and self.controller is not None:
            self.controller.release(event.position(), self.mapToScene(event.position().toPoint()))
            self._hover(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mouseDoubleClickEvent: opens the item in the inspector."""
        hit = self.hit(self.mapToScene(event.position().toPoint()))
        if hit is not None and self.controller is not None:
            self.controller.open_inspector(hit.item_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # --- people dropped on bars -----------------------------------------------------------

    def _people_target(self, event: QDropEvent) -> tuple[str, PeopleDrag] | None:
        """The item whose bar is under a drop of people, and who is dropped; else None."""
        drag = people_from_mime(event.mimeData())
        if drag is None or self.controller is None:
            return None
        hit = self.hit(self.mapToScene(event.position().toPoint()))
        if hit is None or hit.part not in (MOVE, RESIZE):
            return None
        return hit.item_id, drag

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Overrides QGraphicsView.dragEnterEvent: people from the people dock may come in."""
        if people_from_mime(event.mimeData()) is not None and self.controller is not None:
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Overrides QGraphicsView.dragMoveEvent: only a bar takes people; it lights up."""
        if people_from_mime(event.mimeData()) is None:
            super().dragMoveEvent(event)
            return
        target = self._people_target(event)
        self._set_hover(target[0] if target is not None else None)
        if target is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        """Overrides QGraphicsView.dragLeaveEvent."""
        self._set_hover(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Overrides QGraphicsView.dropEvent: people become R on the bar's item (one step)."""
        if people_from_mime(event.mimeData()) is None:
            super().dropEvent(event)
            return
        target = self._people_target(event)
        self._set_hover(None)
        if target is not None and self.controller.drop_people(*target):
            event.acceptProposedAction()
        else:
            event.ignore()

    def leaveEvent(self, event: QEvent) -> None:
        """Overrides QWidget.leaveEvent: hides the link handle."""
        self._set_hover(None)
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Overrides QGraphicsView.wheelEvent: Ctrl+wheel zooms, the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.zoom_by is not None:
            steps = event.angleDelta().y()
            if steps:
                self.zoom_by(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Overrides QGraphicsView.keyPressEvent: arrows move, Delete removes, Enter opens."""
        if self.controller is not None and self.controller.key(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """Overrides QAbstractScrollArea.viewportEvent: tooltips for items and shaded days."""
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(self.mapToScene(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # --- hover and tooltips ---------------------------------------------------------------

    def _hover(self, scene_pos: QPointF) -> None:
        hit = self.hit(scene_pos)
        self._set_hover(hit.item_id if hit is not None else None)
        cursor = {
            MOVE: Qt.CursorShape.SizeAllCursor,
            RESIZE: Qt.CursorShape.SizeHorCursor,
            LINK: Qt.CursorShape.CrossCursor,
        }.get(hit.part if hit is not None else "", Qt.CursorShape.ArrowCursor)
        self.viewport().setCursor(cursor)

    def _set_hover(self, item_id: str | None) -> None:
        if item_id != self.hover_id:
            old, self.hover_id = self.hover_id, item_id
            self.refresh_items([i for i in (old, item_id) if i is not None])

    def tooltip_at(self, pos: QPointF) -> str:
        """Rich text about the item (or the freeze or holiday) under ``pos``; "" if none."""
        layout = self.timeline
        if layout is None:
            return ""
        hit = self.hit(pos)
        if hit is not None:
            return item_tooltip(layout, hit.item_id)
        training = training_tooltip(layout, pos)
        if training:
            return training
        for shade in layout.shades:
            if shade.label and shade.x0 <= pos.x() < shade.x1:
                kind = "Change freeze" if shade.kind == "freeze" else "Holiday"
                span = format_day(shade.start)
                if shade.end is not None and shade.end != shade.start:
                    span += f" – {format_day(shade.end)}"
                return f"<b>{html.escape(shade.label)}</b><br>{kind}: {span}"
        return ""


def item_tooltip(layout: TimelineLayout, item_id: str) -> str:
    """Name, dates, slack, what holds the item there, and any conflict, as rich text."""
    schedule = layout.schedule
    item = layout.project.items[item_id]
    dates = schedule.dates(item_id)
    slack = f"{dates.slack} working day{'' if abs(dates.slack) == 1 else 's'}"
    if dates.critical:
        slack += " (critical)"
    lines = [
        f"<b>{html.escape(item.name)}</b>",
        html.escape(layout.describe(item_id)),
        f"Slack: {slack}",
        f"Held by: {html.escape(schedule.describe_driver(item_id, dates.driver))}",
    ]
    if item.progress:
        lines.insert(2, f"Progress: {item.progress} %")
    lines += blocked_lines(layout, item_id)
    for text in layout.conflict_text.get(item_id, []):
        lines.append(f"<span style='color:#c81e1e'>{html.escape(text)}</span>")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p>"
