"""The graph's layers: links, boxes and the gesture overlay, each painting only what is exposed.

One graphics item per layer, not one per node: the geometry lives in the
:class:`~relplan.export.graph_layout.GraphLayout`, so a 10,000-item graph costs no more to
show than the part of it on screen. Zoomed far out, text and curves are left out.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from relplan.domain.model import RaciRole
from relplan.export.graph_layout import (
    DIAMOND,
    MILESTONE,
    GraphEdge,
    GraphLayout,
    GraphNode,
    controls,
)
from relplan.ui.views import graph_style as st
from relplan.ui.views.paint_layer import ExposedLayer

if TYPE_CHECKING:
    from relplan.ui.views.graph_canvas import GraphCanvas

_PAD = 8.0  # text inset in a box
_STRIPE = 5.0  # the phase stripe on a box's left
_MAX_SPLITS = 12  # halvings of a curve when cutting it to the exposed area


class Layer(ExposedLayer):
    """A full-size item that paints one kind of shape inside the exposed rectangle."""

    def __init__(self, canvas: GraphCanvas, z: float) -> None:
        super().__init__(z)
        self.canvas = canvas

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Overrides QGraphicsItem.paint: draws what falls inside the exposed rectangle."""
        graph = self.canvas.graph
        if graph is not None:
            scale = option.levelOfDetailFromTransform(painter.worldTransform())
            self.draw(painter, option.exposedRect, graph, scale)

    def draw(self, painter: QPainter, rect: QRectF, graph: GraphLayout, scale: float) -> None:
        raise NotImplementedError


class EdgeLayer(Layer):
    """Links as level-ended curves with arrowheads; one path per style, drawn in one call."""

    _STYLES: ClassVar[dict[str, tuple]] = {
        "plain": (st.ARROW, 1.0, Qt.PenStyle.SolidLine),
        "critical": (st.ARROW_CRITICAL, 2.2, Qt.PenStyle.SolidLine),
        "conflict": (st.CONFLICT, 1.6, Qt.PenStyle.DashLine),
        "selected": (st.SELECTED_EDGE, 3.0, Qt.PenStyle.SolidLine),
    }

    def __init__(self, canvas: GraphCanvas, z: float) -> None:
        super().__init__(canvas, z)
        self._paths: dict[tuple[str, bool], QPainterPath] = {}

    def set_extent(self, rect: QRectF) -> None:
        self._paths.clear()  # a new layout: every route is new
        super().set_extent(rect)

    def draw(self, painter: QPainter, rect: QRectF, graph: GraphLayout, scale: float) -> None:
        simple = scale < st.OUTLINE_SCALE
        lines = {style: QPainterPath() for style in self._STYLES}
        heads = {style: QPainterPath() for style in self._STYLES}
        labels: list[tuple[GraphEdge, str]] = []
        selected = self.canvas.selected_edge
        edges = graph.edges_in(rect.left(), rect.top(), rect.right(), rect.bottom())
        for edge in edges:
            if edge.key == selected:
                style = "selected"
            elif graph.edge_has_conflict(edge):
                style = "conflict"
            elif graph.edge_is_critical(edge):
                style = "critical"
            else:
                style = "plain"
            if style == "plain" or simple:
                path = self._paths.get((edge.key, simple))
                if path is None:
                    path = self._paths[(edge.key, simple)] = edge_path(edge, simple)
            else:
                # Wide pens take Qt's slow stroker, whose cost grows with the whole curve:
                # give it only the pieces near the exposed area.
                path = clipped_path(edge, rect.adjusted(-8, -8, 8, 8))
            lines[style].addPath(path)
            heads[style].addPolygon(arrowhead(edge))
            if scale >= st.DETAIL_SCALE:
                text = graph.link_text(edge)
                if text:
                    labels.append((edge, text))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not simple)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for style, (color, width, dash) in self._STYLES.items():
            if not lines[style].isEmpty():
                painter.setPen(st.pen(color, width, dash))
                painter.drawPath(lines[style])
        painter.setPen(Qt.PenStyle.NoPen)
        for style, (color, _width, _dash) in self._STYLES.items():
            if not heads[style].isEmpty():
                painter.fillPath(heads[style], color)
        if labels:
            self._draw_labels(painter, labels)

    def _draw_labels(self, painter: QPainter, labels: list[tuple[GraphEdge, str]]) -> None:
        painter.setFont(self.canvas.small_font)
        metrics = QFontMetricsF(painter.font())
        for edge, text in labels:
            (x0, y0), (x1, y1) = edge.points[-2], edge.points[-1]
            at = QPointF((x0 + x1) / 2, (y0 + y1) / 2) if edge.backward else QPointF(x1 - 30, y1)
            box = QRectF(0, 0, metrics.horizontalAdvance(text) + 6, metrics.height())
            box.moveCenter(QPointF(at.x(), at.y() - metrics.height() / 2 - 1))
            painter.fillRect(box, st.LABEL_HALO)
            painter.setPen(st.CONFLICT if edge.backward else st.MUTED)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def edge_path(edge: GraphEdge, simple: bool = False) -> QPainterPath:
    """The route as a Qt path: cubic curves between the points (straight lines if simple)."""
    points = edge.points
    path = QPainterPath(QPointF(*points[0]))
    for p, q in itertools.pairwise(points):
        if simple or (p[1] == q[1] and q[0] >= p[0]):
            path.lineTo(*q)
        else:
            a, b = controls(p, q)
            path.cubicTo(QPointF(*a), QPointF(*b), QPointF(*q))
    return path


def clipped_path(edge: GraphEdge, rect: QRectF) -> QPainterPath:
    """The pieces of the route that may cross ``rect`` (curves split in halves until a
    piece is inside or outside; a curve stays within its control points' box)."""
    path = QPainterPath()
    box = (rect.left(), rect.top(), rect.right(), rect.bottom())
    for p, q in itertools.pairwise(edge.points):
        a, b = controls(p, q)
        _add_visible(path, (p, a, b, q), box, 0)
    return path


def _add_visible(path: QPainterPath, curve, box, depth: int) -> None:
    xs, ys = [c[0] for c in curve], [c[1] for c in curve]
    left, top, right, bottom = box
    if max(xs) < left or min(xs) > right or max(ys) < top or min(ys) > bottom:
        return
    inside = min(xs) >= left and max(xs) <= right and min(ys) >= top and max(ys) <= bottom
    if inside or depth >= _MAX_SPLITS:
        start = QPointF(*curve[0])
        if path.isEmpty() or path.currentPosition() != start:
            path.moveTo(start)
        path.cubicTo(QPointF(*curve[1]), QPointF(*curve[2]), QPointF(*curve[3]))
        return
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve  # de Casteljau at t = 1/2
    ax, ay = (x0 + x1) / 2, (y0 + y1) / 2
    bx, by = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = (x2 + x3) / 2, (y2 + y3) / 2
    dx, dy = (ax + bx) / 2, (ay + by) / 2
    ex, ey = (bx + cx) / 2, (by + cy) / 2
    mx, my = (dx + ex) / 2, (dy + ey) / 2
    _add_visible(path, ((x0, y0), (ax, ay), (dx, dy), (mx, my)), box, depth + 1)
    _add_visible(path, ((mx, my), (ex, ey), (cx, cy), (x3, y3)), box, depth + 1)


def arrowhead(edge: GraphEdge) -> QPolygonF:
    """A small triangle at the target, pointing right (links enter a box from the left)."""
    x, y = edge.points[-1]
    return QPolygonF([QPointF(x, y), QPointF(x - 7, y - 4), QPointF(x - 7, y + 4)])


class NodeLayer(Layer):
    """Task boxes, milestone diamonds and phase summaries, with their names and dates."""

    def __init__(self, canvas: GraphCanvas, z: float) -> None:
        super().__init__(canvas, z)
        self._lines: dict[tuple[str, str], tuple[str, str]] = {}

    def set_extent(self, rect: QRectF) -> None:
        self._lines.clear()
        super().set_extent(rect)

    def draw(self, painter: QPainter, rect: QRectF, graph: GraphLayout, scale: float) -> None:
        detail = scale >= st.DETAIL_SCALE
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, scale >= st.OUTLINE_SCALE)
        canvas = self.canvas
        for node in graph.nodes_in(rect.left(), rect.top(), rect.right(), rect.bottom()):
            selected = node.key == canvas.selected_key
            if node.is_summary:
                self._summary(painter, graph, node, selected, detail)
            elif node.kind == MILESTONE:
                self._milestone(painter, graph, node, selected, detail)
            else:
                self._task(painter, graph, node, selected, detail)

    def _outline(self, graph: GraphLayout, node: GraphNode, selected: bool):
        if selected:
            return st.pen(st.SELECTED_EDGE, 2.5)
        if graph.has_conflict(node):
            return st.pen(st.CONFLICT, 2.2)
        if graph.is_critical(node) and not node.is_summary:  # a summary says how many
            return st.pen(st.CRITICAL, 2.2)
        return st.pen(st.phase_edge(node.phase), 1.0)

    def _task(self, painter, graph: GraphLayout, node: GraphNode, selected: bool, detail: bool):
        box = QRectF(node.x, node.y, node.width, node.height)
        conflict = graph.has_conflict(node)
        painter.setPen(self._outline(graph, node, selected))
        painter.setBrush(st.CONFLICT_FILL if conflict else st.phase_fill(node.phase))
        painter.drawRoundedRect(box, 5, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(st.phase_color(node.phase))
        painter.drawRoundedRect(QRectF(node.x + 1.5, node.y + 1.5, _STRIPE, node.height - 3), 2, 2)
        if not detail:
            return
        item = graph.project.items[node.item_ids[0]]
        name = f"⚠ {item.name}" if conflict else item.name
        first, second = self._two_lines(name, self.canvas.name_font, node.width - 2 * _PAD - 4)
        painter.setFont(self.canvas.name_font)
        painter.setPen(st.CONFLICT if conflict else st.TEXT)
        left = node.x + _PAD + 3
        line = QFontMetricsF(self.canvas.name_font).lineSpacing()
        painter.drawText(QRectF(left, node.y + 4, node.width, line), first)
        if second:
            painter.drawText(QRectF(left, node.y + 4 + line, node.width, line), second)
        self._footer(painter, graph, node, left, node.y + node.height - 16)

    def _footer(self, painter, graph: GraphLayout, node: GraphNode, left: float, top: float):
        """Dates on the left (red on the critical path), the Responsible on the right."""
        painter.setFont(self.canvas.small_font)
        metrics = QFontMetricsF(self.canvas.small_font)
        dates = graph.dates_text(node)
        painter.setPen(st.CRITICAL if graph.is_critical(node) else st.MUTED)
        painter.drawText(QRectF(left, top, node.width, 14), dates)
        who = self.canvas.responsible(node.item_ids[0])
        if who:
            room = node.x + node.width - _PAD - (left + metrics.horizontalAdvance(dates) + 8)
            text = metrics.elidedText(who, Qt.TextElideMode.ElideRight, max(0.0, room))
            painter.setPen(st.MUTED)
            painter.drawText(
                QRectF(left, top, node.x + node.width - _PAD - left, 14),
                Qt.AlignmentFlag.AlignRight,
                text,
            )

    def _milestone(self, painter, graph: GraphLayout, node: GraphNode, selected: bool, detail):
        cx, cy, half = node.x + node.width / 2, node.port_y, DIAMOND / 2
        painter.setPen(self._outline(graph, node, selected))
        painter.setBrush(st.phase_color(node.phase))
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(cx, cy - half),
                    QPointF(cx + half, cy),
                    QPointF(cx, cy + half),
                    QPointF(cx - half, cy),
                ]
            )
        )
        if not detail:
            return
        item = graph.project.items[node.item_ids[0]]
        conflict = graph.has_conflict(node)
        metrics = QFontMetricsF(self.canvas.name_font)
        name = f"⚠ {item.name}" if conflict else item.name
        text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, node.width)
        box = QRectF(node.x, cy + half + 1, node.width, metrics.lineSpacing())
        self._halo(painter, box, metrics.horizontalAdvance(text))
        painter.setFont(self.canvas.name_font)
        painter.setPen(st.CONFLICT if conflict else st.TEXT)
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
        painter.setFont(self.canvas.small_font)
        painter.setPen(st.CRITICAL if graph.is_critical(node) else st.MUTED)
        dates = QRectF(node.x, box.bottom(), node.width, 13)
        painter.drawText(dates, Qt.AlignmentFlag.AlignHCenter, f"◆ {graph.dates_text(node)}")

    @staticmethod
    def _halo(painter: QPainter, box: QRectF, width: float) -> None:
        """A faint backing so a link passing behind a milestone's name does not cross it."""
        halo = QRectF(0, box.top(), width + 6, box.height() + 13)
        halo.moveCenter(QPointF(box.center().x(), halo.center().y()))
        painter.fillRect(halo, st.LABEL_HALO)

    def _summary(self, painter, graph: GraphLayout, node: GraphNode, selected: bool, detail):
        box = QRectF(node.x, node.y, node.width, node.height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(st.SUMMARY_SHADOW)
        for step in (8.0, 4.0):  # a stack of cards: this box holds many
            painter.drawRoundedRect(box.translated(step, step), 6, 6)
        painter.setPen(self._outline(graph, node, selected))
        painter.setBrush(st.phase_fill(node.phase))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(st.phase_color(node.phase))
        painter.drawRoundedRect(QRectF(node.x + 1.5, node.y + 1.5, node.width - 3, 20), 4, 4)
        if not detail:
            return
        left, width = node.x + _PAD, node.width - 2 * _PAD
        count = len(node.item_ids)
        painter.setFont(self.canvas.title_font)
        painter.setPen(st.BACKGROUND)
        painter.drawText(
            QRectF(left, node.y + 3, width, 17),
            Qt.AlignmentFlag.AlignVCenter,
            f"{node.phase.label} ▸",
        )
        painter.setFont(self.canvas.small_font)
        painter.drawText(
            QRectF(left, node.y + 3, width, 17),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            f"{count} item{'' if count == 1 else 's'}",
        )
        _first, _end, critical, conflicts = graph.summary_facts[node.key]
        painter.setPen(st.TEXT)
        painter.drawText(QRectF(left, node.y + 25, width, 14), graph.dates_text(node))
        facts = []
        if critical:
            facts.append((f"{critical} critical", st.CRITICAL))
        if conflicts:
            facts.append((f"⚠ {conflicts} conflict{'' if conflicts == 1 else 's'}", st.CONFLICT))
        if not facts:
            facts.append(("double-click to expand", st.MUTED))
        x = left
        metrics = QFontMetricsF(self.canvas.small_font)
        for text, color in facts:
            painter.setPen(color)
            painter.drawText(QRectF(x, node.y + 44, width, 14), text)
            x += metrics.horizontalAdvance(text) + 10

    def _two_lines(self, name: str, font, width: float) -> tuple[str, str]:
        """``name`` on up to two lines, the second elided; cached per name."""
        key = (name, font.key())
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = two_lines(name, QFontMetricsF(font), width)
        return found


def two_lines(name: str, metrics: QFontMetricsF, width: float) -> tuple[str, str]:
    words = name.split()
    first = ""
    while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one word longer than the box
        return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width), ""
    rest = " ".join(words)
    return first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width) if rest else ""


class OverlayLayer(Layer):
    """What a gesture shows: the link being drawn, its target, a drop target, the hover ring."""

    def draw(self, painter: QPainter, rect: QRectF, graph: GraphLayout, scale: float) -> None:
        canvas = self.canvas
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        hover = graph.nodes.get(canvas.hover_key or "")
        if hover is not None and canvas.link is None:
            painter.setPen(st.pen(st.HANDLE, 1.2))
            painter.drawRoundedRect(_ring(hover, 3), 7, 7)
        drop = graph.nodes.get(canvas.drop_key or "")
        if drop is not None:
            painter.setPen(st.pen(st.HANDLE, 2.5))
            painter.setBrush(st.GHOST)
            painter.drawRoundedRect(_ring(drop, 4), 8, 8)
        link = canvas.link
        if link is not None and link.active and link.mouse is not None:
            source = graph.nodes[link.source]
            painter.setPen(st.pen(st.HANDLE, 1.8, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(source.out_x, source.port_y), link.mouse)
            painter.setBrush(st.HANDLE)
            painter.drawEllipse(QPointF(source.out_x, source.port_y), 4, 4)
            target = graph.nodes.get(link.target or "")
            if target is not None:
                painter.setPen(st.pen(st.HANDLE, 2.5))
                painter.setBrush(st.GHOST)
                painter.drawRoundedRect(_ring(target, 4), 8, 8)


def _ring(node: GraphNode, margin: float) -> QRectF:
    return QRectF(node.x, node.y, node.width, node.height).adjusted(
        -margin, -margin, margin, margin
    )


def responsible_names(graph: GraphLayout) -> dict[str, str]:
    """Item id -> who is Responsible for it ('Ann Archer', 'Ann Archer +1'): box footers."""
    people = graph.project.people
    found: dict[str, list[str]] = {}
    for assignment in graph.project.assignments.values():
        person = people.get(assignment.person_id)
        if assignment.role is RaciRole.RESPONSIBLE and person is not None:
            found.setdefault(assignment.item_id, []).append(person.name)
    return {
        item_id: names[0] if len(names) == 1 else f"{names[0]} +{len(names) - 1}"
        for item_id, names in found.items()
    }
