"""The graph's canvas: a QGraphicsView over the layout, with zoom, pan, hit testing and drops.

Gestures are plain mouse press/move/release (no QDrag): drag from a box to another box to
link them, drag the background to pan, click a link to select it. People dragged from the
people dock are dropped on boxes. What a gesture means is decided by the host
(:class:`~relplan.ui.views.graph_view.GraphView`); this class knows where things are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsScene, QGraphicsView, QToolTip

from relplan.export.graph_layout import GraphEdge, GraphLayout, GraphNode
from relplan.ui.views import graph_style as st
from relplan.ui.views.graph_paint import EdgeLayer, NodeLayer, OverlayLayer, responsible_names

if TYPE_CHECKING:
    from relplan.ui.views.graph_view import GraphView

ZOOM_STEP = 1.25
_AUTOSCROLL_EDGE = 24  # pixels from the viewport's edge where a link drag scrolls
_HIT_PIXELS = 5.0  # how close to a link a click selects it, on screen


@dataclass(slots=True)
class LinkGesture:
    """Drawing a link from ``source``; ``active`` once past the start-drag distance."""

    source: str
    press: QPointF
    active: bool = False
    mouse: QPointF | None = None  # scene position
    target: str | None = None


class GraphCanvas(QGraphicsView):
    """Paints the layout's visible part and turns mouse positions into nodes and links."""

    def __init__(self, host: GraphView) -> None:
        super().__init__(host)
        self.host = host
        self.graph: GraphLayout | None = None
        self.selected_key: str | None = None  # the node shown selected
        self.selected_edge: str | None = None
        self.hover_key: str | None = None
        self.drop_key: str | None = None  # the box people would be dropped on
        self.link: LinkGesture | None = None
        self._pan: tuple[QPoint, int, int] | None = None
        self._responsible: dict[str, str] = {}
        self.name_font = st.font(self.font(), -0.5, bold=True)
        self.small_font = st.font(self.font(), -1.5)
        self.title_font = st.font(self.font(), 0.0, bold=True)
        # The view does not own its scene (DESIGN.md §8): keep a reference.
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._layers = [EdgeLayer(self, 0), NodeLayer(self, 1), OverlayLayer(self, 2)]
        for layer in self._layers:
            self._scene.addItem(layer)
        self.setScene(self._scene)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(st.BACKGROUND)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)  # a small graph sits in the middle
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.viewport().setMouseTracking(True)

    # --- state ----------------------------------------------------------------------------

    def set_graph(self, graph: GraphLayout | None) -> None:
        """Show ``graph`` (a new layout); the selection marks are kept by key."""
        self.graph = graph
        self.hover_key = self.drop_key = None
        self.link = None
        rect = QRectF(0, 0, graph.width, graph.height) if graph is not None else QRectF()
        for layer in self._layers:
            layer.set_extent(rect)
        self._scene.setSceneRect(rect)
        self.refresh_people()

    def refresh_people(self) -> None:
        """Re-read who is Responsible for what (assignments changed)."""
        self._responsible = responsible_names(self.graph) if self.graph is not None else {}
        self.repaint_all()

    def responsible(self, item_id: str) -> str:
        return self._responsible.get(item_id, "")

    def repaint_all(self) -> None:
        """Repaint what is on screen (flags or dates changed; the geometry did not)."""
        for layer in self._layers:
            layer.update()

    def repaint_scene_rect(self, rect: QRectF, overlay_only: bool = False) -> None:
        for layer in self._layers[2:] if overlay_only else self._layers:
            layer.update(rect.adjusted(-12, -12, 12, 12))

    def repaint_node(self, key: str | None) -> None:
        node = self.graph.nodes.get(key or "") if self.graph is not None else None
        if node is not None:
            self.repaint_scene_rect(_rect(node))

    def repaint_edge(self, key: str | None) -> None:
        edge = self.graph.edges.get(key or "") if self.graph is not None else None
        if edge is not None:
            rect = QRectF(edge.left, edge.top, edge.right - edge.left, edge.bottom - edge.top)
            self.repaint_scene_rect(rect.adjusted(-40, -20, 10, 10))  # the label sits left

    def set_selected(self, node_key: str | None, edge_key: str | None) -> None:
        old_node, old_edge = self.selected_key, self.selected_edge
        self.selected_key, self.selected_edge = node_key, edge_key
        for key in (old_node, node_key):
            self.repaint_node(key)
        for key in (old_edge, edge_key):
            self.repaint_edge(key)

    # --- zoom and scrolling ---------------------------------------------------------------

    @property
    def scale_factor(self) -> float:
        return self.transform().m11()

    def set_scale(self, scale: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``scale``, keeping the scene point under ``anchor`` (viewport) in place."""
        scale = min(max(scale, st.MIN_SCALE), st.MAX_SCALE)
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self.resetTransform()
        self.scale(scale, scale)
        moved = self.mapFromScene(fixed)
        delta = moved - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self.host.zoom_changed.emit(self.scale_factor)

    def zoom_by(self, steps: float, anchor: QPointF | None = None) -> None:
        self.set_scale(self.scale_factor * ZOOM_STEP**steps, anchor)

    def fit(self) -> None:
        """Show the whole graph, but never larger than life (text stays its own size)."""
        if self.graph is None:
            return
        view = self.viewport().rect()
        scale = min(view.width() / self.graph.width, view.height() / self.graph.height, 1.0)
        self.set_scale(scale)
        self.centerOn(self.graph.width / 2, self.graph.height / 2)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def show_node(self, key: str) -> None:
        node = self.graph.nodes.get(key) if self.graph is not None else None
        if node is not None and not self.visible_scene_rect().contains(_rect(node)):
            self.ensureVisible(_rect(node), 80, 60)

    # --- hit testing ----------------------------------------------------------------------

    def node_at(self, pos: QPointF) -> GraphNode | None:
        """The node under viewport position ``pos``."""
        if self.graph is None:
            return None
        scene = self.mapToScene(pos.toPoint())
        return self.graph.node_at(scene.x(), scene.y())

    def edge_at(self, pos: QPointF) -> GraphEdge | None:
        if self.graph is None:
            return None
        scene = self.mapToScene(pos.toPoint())
        return self.graph.edge_at(scene.x(), scene.y(), _HIT_PIXELS / self.scale_factor)

    # --- mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mousePressEvent: select; start a link or a pan."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        node = self.node_at(pos)
        edge = self.edge_at(pos) if node is None else None
        if node is not None:
            self.host.select_node(node.key)
            if not node.is_summary and not self.host.read_only:
                self.link = LinkGesture(node.key, pos)
        elif edge is not None:
            self.host.select_edge(edge.key)
        else:
            self.host.select_node(None)
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            self._pan = (pos.toPoint(), h.value(), v.value())
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mouseMoveEvent: draws the link or pans; else hovers."""
        pos = event.position()
        if self.link is not None:
            self._drag_link(pos)
        elif self._pan is not None:
            start, h, v = self._pan
            delta = pos.toPoint() - start
            self.horizontalScrollBar().setValue(h - delta.x())
            self.verticalScrollBar().setValue(v - delta.y())
        else:
            node = self.node_at(pos)
            self._set_hover(node.key if node is not None else None)
            on_edge = node is None and self.edge_at(pos) is not None
            cursor = (
                Qt.CursorShape.PointingHandCursor if node or on_edge else Qt.CursorShape.ArrowCursor
            )
            self.viewport().setCursor(cursor)
        event.accept()

    def _drag_link(self, pos: QPointF) -> None:
        link = self.link
        if not link.active:
            if (pos - link.press).manhattanLength() < QApplication.startDragDistance():
                return
            link.active = True
            self._set_hover(None)
        self._autoscroll(pos)
        link.mouse = self.mapToScene(pos.toPoint())
        node = self.node_at(pos)
        ok = node is not None and not node.is_summary and node.key != link.source
        link.target = node.key if ok else None
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self._layers[2].update()

    def _autoscroll(self, pos: QPointF) -> None:
        rect = self.viewport().rect()
        for bar, at, size in (
            (self.horizontalScrollBar(), pos.x(), rect.width()),
            (self.verticalScrollBar(), pos.y(), rect.height()),
        ):
            if at < _AUTOSCROLL_EDGE:
                bar.setValue(bar.value() - _AUTOSCROLL_EDGE)
            elif at > size - _AUTOSCROLL_EDGE:
                bar.setValue(bar.value() + _AUTOSCROLL_EDGE)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mouseReleaseEvent: a link drawn onto a box is one command."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        link, self.link = self.link, None
        self._pan = None
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        if link is not None and link.active:
            self._layers[2].update()
            if link.target is not None:
                self.host.link_nodes(link.source, link.target)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Overrides QGraphicsView.mouseDoubleClickEvent: expand a phase, or inspect an item."""
        node = self.node_at(event.position())
        if node is not None:
            self.link = None
            if node.is_summary:
                self.host.expand_phase(node.phase)
            else:
                self.host.open_inspector(node.key)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        """Overrides QWidget.leaveEvent: no hover ring without the mouse."""
        self._set_hover(None)
        super().leaveEvent(event)

    def _set_hover(self, key: str | None) -> None:
        if key != self.hover_key:
            old, self.hover_key = self.hover_key, key
            for k in (old, key):
                node = self.graph.nodes.get(k or "") if self.graph is not None else None
                if node is not None:
                    self.repaint_scene_rect(_rect(node), overlay_only=True)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Overrides QGraphicsView.wheelEvent: Ctrl+wheel zooms at the mouse, else scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        """Overrides QGraphicsView.event: Delete with a link selected removes the link,
        not the item the window's Delete action would remove."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.selected_edge is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Overrides QGraphicsView.keyPressEvent: Delete, Enter, Escape, +, - and 0 (fit)."""
        key = event.key()
        if key == Qt.Key.Key_Escape and self.link is not None:
            self.link = None
            self._layers[2].update()
        elif key == Qt.Key.Key_Escape:
            self.host.select_edge(None)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.host.delete_selected()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_key:
            self.host.open_inspector(self.selected_key)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(-1)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Overrides QGraphicsView.contextMenuEvent: what can be done with what is there."""
        pos = QPointF(event.pos())
        node = self.node_at(pos)
        edge = self.edge_at(pos) if node is None else None
        self.host.show_context_menu(event.globalPos(), node, edge)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        """Overrides QAbstractScrollArea.viewportEvent: tooltips for boxes and links."""
        if event.type() == QEvent.Type.ToolTip:
            pos = QPointF(event.pos())
            node = self.node_at(pos)
            edge = self.edge_at(pos) if node is None else None
            text = self.host.tooltip(node, edge)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # --- people dropped on boxes ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Overrides QGraphicsView.dragEnterEvent: people may be dropped on boxes."""
        if self.host.accepts_people(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Overrides QGraphicsView.dragMoveEvent: only a work item's box takes people."""
        node = self.node_at(event.position())
        ok = node is not None and self.host.can_drop_people(event.mimeData(), node)
        self._set_drop(node.key if ok else None)
        if ok:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        """Overrides QGraphicsView.dragLeaveEvent."""
        self._set_drop(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        """Overrides QGraphicsView.dropEvent: assigns the people (one command)."""
        self._set_drop(None)
        node = self.node_at(event.position())
        if node is not None and self.host.drop_people(node.key, event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _set_drop(self, key: str | None) -> None:
        if key != self.drop_key:
            old, self.drop_key = self.drop_key, key
            for k in (old, key):
                node = self.graph.nodes.get(k or "") if self.graph is not None else None
                if node is not None:
                    self.repaint_scene_rect(_rect(node), overlay_only=True)


def _rect(node: GraphNode) -> QRectF:
    return QRectF(node.x, node.y, node.width, node.height)
