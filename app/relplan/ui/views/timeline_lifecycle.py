"""What the release lifecycle adds to the timeline: blocked Deploy items and training days.

While the go/no-go gate at the end of Test is not signed go by every required role (nor
overridden), the release's unfinished Deploy items are hatched and carry a padlock.
Training sessions are markers on their dates in the Deploy phase's header row. Both are
painted by one extra layer over the bars; tooltips explain them.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath

from relplan.domain.calendar import format_day
from relplan.domain.gates import and_list, deploy_blocker
from relplan.domain.model import Phase, TrainingSession
from relplan.export.layout import Bar, Row, TimelineLayout
from relplan.ui.views import timeline_style as st
from relplan.ui.views.timeline_paint import Layer

BLOCKED = QColor("#9f1239")
BLOCKED_HATCH = QColor(159, 18, 57, 120)
TRAINING = QColor("#0e7490")
MARKER = 9.0  # the training marker's width and height
# Tables whose changes can block or unblock Deploy items or move training markers.
LIFECYCLE_TABLES = frozenset({"gates", "sign_offs", "checklists", "training_sessions"})


class LifecycleLayer(Layer):
    """Padlocks and hatching on blocked Deploy items; training markers on their dates."""

    _header: tuple[TimelineLayout | None, Row | None] = (None, None)

    def draw(self, painter: QPainter, rect: QRectF, layout: TimelineLayout) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rows = layout.rows_between(rect.top(), rect.bottom())
        if deploy_blocker(layout.project, layout.release.id) is not None:
            for n in rows:
                item_id = layout.rows[n].item_id
                if item_id is not None and is_blocked_row(layout, item_id):
                    draw_blocked(painter, layout.bars[item_id])
        # Rows keep their places for the life of a layout: find the header once per layout.
        if self._header[0] is not layout:
            self._header = (layout, deploy_header(layout))
        header = self._header[1]
        if header is not None and header.index in rows:
            self._draw_training(painter, rect, layout, header)

    def _draw_training(
        self, painter: QPainter, rect: QRectF, layout: TimelineLayout, header: Row
    ) -> None:
        marks = training_marks(layout)
        if not marks:
            return
        painter.setPen(st.pen(QColor("#ffffff"), 1.0))
        painter.setBrush(TRAINING)
        for x, _sessions in marks:
            if rect.left() - MARKER <= x <= rect.right() + MARKER:
                draw_marker(painter, x, header.mid_y)
        first = marks[0][0]
        painter.setFont(self.chart.bar_font)
        metrics = painter.fontMetrics()
        text = "Training"
        width = metrics.horizontalAdvance(text)
        painter.setPen(TRAINING)
        painter.drawText(
            QPointF(first - MARKER - 4 - width, header.mid_y + metrics.ascent() / 2 - 1), text
        )


def is_blocked_row(layout: TimelineLayout, item_id: str) -> bool:
    item = layout.project.items.get(item_id)
    return item is not None and item.phase is Phase.DEPLOY and item.progress < 100


def deploy_header(layout: TimelineLayout) -> Row | None:
    """The Deploy phase's header row (rows come in phase order, so it is found quickly)."""
    for row in layout.rows:
        if row.is_header and row.phase is Phase.DEPLOY:
            return row
    return None


def training_marks(layout: TimelineLayout) -> list[tuple[float, list[TrainingSession]]]:
    """(x of the middle of the day, sessions that day), by date, for the release shown."""
    by_day: dict[date, list[TrainingSession]] = {}
    for session in layout.project.training_sessions.values():
        if session.release_id == layout.release.id and session.on is not None:
            by_day.setdefault(session.on, []).append(session)
    scale = layout.scale
    return [
        (scale.x_of(day) + scale.px_per_day / 2, sessions)
        for day, sessions in sorted(by_day.items())
    ]


def draw_blocked(painter: QPainter, bar: Bar) -> None:
    """Hatch a blocked task bar and put a padlock on it (or in a milestone's diamond)."""
    if bar.milestone:
        # Inside the diamond: left of it the incoming link arrives, right of it the name.
        painter.save()
        painter.translate(bar.x1, bar.mid_y + 0.5)
        painter.scale(0.75, 0.75)
        draw_padlock(painter, 0, 0, QColor("#ffffff"), BLOCKED)
        painter.restore()
        return
    body = QRectF(bar.x0 + 0.5, bar.y0, max(2.0, bar.x1 - bar.x0 - 1.0), bar.y1 - bar.y0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(BLOCKED_HATCH, Qt.BrushStyle.BDiagPattern))
    painter.drawRoundedRect(body, 3, 3)
    if body.width() >= 16:
        draw_padlock(painter, body.left() + 7, bar.mid_y, QColor("#ffffff"), BLOCKED)
    else:
        draw_padlock(painter, body.left() - 8, bar.mid_y, BLOCKED)


def draw_padlock(
    painter: QPainter, x: float, y: float, color: QColor, outline: QColor | None = None
) -> None:
    """A small padlock centred on (x, y): a body and a shackle, 8 by 10 points."""
    body = QRectF(x - 4, y - 1, 8, 6)
    shackle = QPainterPath()
    shackle.moveTo(x - 2.5, y - 1)
    shackle.lineTo(x - 2.5, y - 3)
    shackle.arcTo(QRectF(x - 2.5, y - 5.5, 5, 5), 180, -180)
    shackle.lineTo(x + 2.5, y - 1)
    if outline is not None:
        painter.setPen(st.pen(outline, 1.0))
        painter.setBrush(outline)
        painter.drawRoundedRect(body.adjusted(-1, -1, 1, 1), 1.5, 1.5)
    painter.setPen(st.pen(color, 1.4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(body, 1.2, 1.2)


def draw_marker(painter: QPainter, x: float, y: float) -> None:
    """A training marker: a small rounded square centred on (x, y)."""
    half = MARKER / 2
    painter.drawRoundedRect(QRectF(x - half, y - half, MARKER, MARKER), 2, 2)


# --- tooltips ----------------------------------------------------------------------------------


def blocked_lines(layout: TimelineLayout, item_id: str) -> list[str]:
    """Tooltip lines saying why a Deploy item is blocked (none if it is not)."""
    if not is_blocked_row(layout, item_id):
        return []
    status = deploy_blocker(layout.project, layout.release.id)
    if status is None:
        return []
    if status.refused_by:
        why = f"the {and_list(status.refused_by)} signed no-go"
    elif status.waiting_for:
        why = f"waiting for the {and_list(status.waiting_for)} to sign"
    else:
        why = "its checklist is not done"
    text = f"Blocked by '{status.gate.name}': {why}."
    return [f"<span style='color:{BLOCKED.name()}'>\u25a0 {html.escape(text)}</span>"]


def training_tooltip(layout: TimelineLayout, pos: QPointF) -> str:
    """Rich text about the training sessions under ``pos`` (on the Deploy header row)."""
    header = deploy_header(layout)
    if header is None or not header.y <= pos.y() < header.y + header.height:
        return ""
    reach = max(MARKER / 2 + 1, layout.scale.px_per_day / 2)
    lines = []
    for x, sessions in training_marks(layout):
        if abs(pos.x() - x) > reach:
            continue
        for session in sessions:
            audience = layout.project.audiences.get(session.audience_id)
            trainer = layout.project.people.get(session.trainer_id or "")
            details = [format_day(session.on)]
            if audience is not None:
                details.append(f"for {audience.name}")
            if trainer is not None:
                details.append(f"trainer {trainer.name}")
            lines.append(f"<b>{html.escape(session.title)}</b>")
            lines.append(html.escape(", ".join(details)))
            if session.location:
                lines.append(html.escape(session.location))
    if not lines:
        return ""
    return "<p style='white-space:pre-wrap'>Training<br>" + "<br>".join(lines) + "</p>"
