"""Painting one timeline tile's chart area: shading, grid, axis, markers, links and bars.

:class:`ChartPainting` is the drawing half of
:class:`~relplan.export.pdf.timeline.TimelineChart`; ``X`` and ``Y`` map layout points to
the tile's PDF points. Kept apart so each module stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from reportlab.pdfgen.canvas import Canvas

from relplan.export.layout import MILESTONE_SIZE, Arrow, Bar
from relplan.export.pdf import fonts, theme

SCALE = 0.72  # layout points -> PDF points across: week columns of 45 pt
SCALE_Y = 0.64  # and down: rows of 16.6 pt, as dense as a spreadsheet and still easy to read
CAPTION_H = 16.0
BAND_H = 13.0
CELL_H = 12.0
EVENT_H = 12.0
AXIS_H = BAND_H + CELL_H + EVENT_H
NAME_SIZE = 7.3
SMALL = 6.3


def short_day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


@dataclass(frozen=True)
class TileSpec:
    """Which rows and which stretch of the x axis (layout points) one tile shows."""

    rows: range
    x0: float
    x1: float


class ChartPainting:
    """The drawing methods of a timeline chart (needs ``layout``, ``facts``, ``status_x``)."""

    def _grid(self, canvas: Canvas, spec: TileSpec, X, top: float, bottom: float) -> None:
        layout = self.layout
        for shade in layout.shades:
            if shade.x1 <= spec.x0 or shade.x0 >= spec.x1:
                continue
            x0, x1 = X(shade.x0), X(shade.x1)
            if shade.kind == "freeze":
                canvas.setFillColor(theme.FREEZE)
                canvas.rect(x0, bottom, x1 - x0, top - bottom + EVENT_H, stroke=0, fill=1)
                canvas.setStrokeColor(theme.FREEZE_EDGE)
                canvas.setLineWidth(0.6)
                canvas.line(x0, bottom, x0, top + EVENT_H)
                canvas.line(x1, bottom, x1, top + EVENT_H)
            else:
                canvas.setFillColor(theme.HOLIDAY if shade.kind == "holiday" else theme.NONWORKING)
                canvas.rect(x0, bottom, x1 - x0, top - bottom, stroke=0, fill=1)
        canvas.setLineWidth(0.35)
        canvas.setStrokeColor(theme.ROW_LINE)
        for cell in layout.cells:
            if spec.x0 < cell.x0 < spec.x1:
                canvas.line(X(cell.x0), bottom, X(cell.x0), top)
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(theme.GRID_MAJOR)
        for band in layout.bands:
            if spec.x0 < band.x0 < spec.x1:
                canvas.line(X(band.x0), bottom, X(band.x0), top + AXIS_H)

    def _rows_background(self, canvas: Canvas, spec: TileSpec, x: float, w: float, Y) -> None:
        rows = self.layout.rows
        canvas.setLineWidth(0.3)
        canvas.setStrokeColor(theme.ROW_LINE)
        for n in spec.rows:
            row = rows[n]
            y0 = Y(row.y + row.height)
            if row.is_header:
                canvas.setFillColor(theme.HEADER_ROW)
                canvas.rect(x, y0, w, row.height * SCALE_Y, stroke=0, fill=1)
            canvas.line(x, y0, x + w, y0)

    def _axis(self, canvas: Canvas, spec: TileSpec, X, body_top: float, x: float, w: float):
        layout = self.layout
        band_y = body_top + EVENT_H + CELL_H
        cell_y = body_top + EVENT_H
        canvas.setFillColor(theme.WHITE)
        canvas.rect(x, cell_y, w, BAND_H + CELL_H, stroke=0, fill=1)
        canvas.setFillColor(theme.HEADER_ROW)
        canvas.rect(x, band_y, w, BAND_H, stroke=0, fill=1)
        canvas.setStrokeColor(theme.GRID_MAJOR)
        canvas.setLineWidth(0.5)
        canvas.line(x, cell_y, x + w, cell_y)
        canvas.line(x, band_y, x + w, band_y)
        batch = fonts.TextBatch(canvas)
        canvas.setStrokeColor(theme.ROW_LINE)
        for cells, y, font, size, color in (
            (layout.bands, band_y, fonts.SANS_BOLD, 7, theme.NAVY),
            (layout.cells, cell_y, fonts.SANS, 6.5, theme.MUTED),
        ):
            batch.color(color)
            for cell in cells:
                if cell.x1 <= spec.x0 or cell.x0 >= spec.x1:
                    continue
                # Label the visible part of a cell that runs over the tile's edge.
                left, right = X(max(cell.x0, spec.x0)), X(min(cell.x1, spec.x1))
                label = fonts.fit(cell.label, font, size, right - left - 3)
                if label:
                    batch.add(left + 3, y + 3.6, label, font, size)
                if cells is layout.cells:
                    canvas.line(X(cell.x0), y, X(cell.x0), y + CELL_H)
        batch.color(theme.FREEZE_TEXT)
        for shade in layout.shades:
            if shade.kind == "freeze" and shade.x0 < spec.x1 and shade.x1 > spec.x0:
                left, right = X(max(shade.x0, spec.x0)), X(min(shade.x1, spec.x1))
                label = fonts.fit(shade.label, fonts.SANS, SMALL, right - left - 4)
                if label:
                    batch.add(left + 2, body_top + 3.5, label, fonts.SANS, SMALL)
        batch.finish()

    def _markers(self, canvas: Canvas, spec: TileSpec, X, top: float, bottom: float) -> None:
        """The status-date line and the deadline, labelled in the axis' event row."""
        right_edge = X(spec.x1)
        marks = [
            (self.layout.deadline_x, theme.DEADLINE, True, "Deadline"),
            (self.status_x, theme.STATUS_LINE, False, "Status date"),
        ]
        canvas.setLineWidth(1.0)
        for x, color, dashed, label in marks:
            if x is None or not spec.x0 <= x <= spec.x1:
                continue
            canvas.setStrokeColor(color)
            if dashed:
                canvas.setDash(3, 2)
            canvas.line(X(x), bottom, X(x), top + EVENT_H)
            canvas.setDash()
            width = fonts.string_width(label, fonts.SANS_BOLD, SMALL)
            left = X(x) + 2 if X(x) + 4 + width < right_edge else X(x) - 2 - width
            canvas.setFillColor(theme.WHITE)
            canvas.rect(left - 1.5, top + 1.5, width + 3, EVENT_H - 3, stroke=0, fill=1)
            canvas.setFillColor(color)
            fonts.draw_string(canvas, left, top + 3.5, label, fonts.SANS_BOLD, SMALL)

    def _arrows(self, canvas: Canvas, spec: TileSpec, X, Y, y_top: float, y_bottom: float):
        styles = ((theme.ARROW, 0.6, False), (theme.ARROW_CRITICAL, 0.8, False))
        styles += ((theme.CONFLICT, 0.8, True),)
        paths = [canvas.beginPath() for _ in styles]
        heads = [canvas.beginPath() for _ in styles]
        used = [False] * len(styles)
        for arrow in self.band_arrows(spec.rows):
            if not crosses(arrow, spec.x0, spec.x1, y_top, y_bottom):
                continue
            style = 2 if arrow.conflict else 1 if arrow.critical else 0
            used[style] = True
            path = paths[style]
            (x, y), *rest = arrow.points
            path.moveTo(X(x), Y(y))
            for x, y in rest:
                path.lineTo(X(x), Y(y))
            (xa, _ya), (xb, yb) = arrow.points[-2], arrow.points[-1]
            heading = 1.0 if xb >= xa else -1.0
            tip_x, tip_y = X(xb), Y(yb)
            head = heads[style]
            head.moveTo(tip_x, tip_y)
            head.lineTo(tip_x - 4.3 * heading, tip_y + 2.5)
            head.lineTo(tip_x - 4.3 * heading, tip_y - 2.5)
            head.close()
        for (color, width, dashed), path, head, on in zip(styles, paths, heads, used, strict=True):
            if not on:
                continue
            canvas.setStrokeColor(color)
            canvas.setFillColor(color)
            canvas.setLineWidth(width)
            if dashed:
                canvas.setDash(2.5, 1.5)
            canvas.drawPath(path, stroke=1, fill=0)
            canvas.setDash()
            canvas.drawPath(head, stroke=0, fill=1)

    def _bars(self, canvas: Canvas, spec: TileSpec, X, Y) -> None:
        """Bars and diamonds, then each item's name beside it on a faint halo."""
        layout = self.layout
        items = self.facts.project.items
        labels: list[tuple[float, float, str, bool]] = []
        for n in spec.rows:
            item_id = layout.rows[n].item_id
            if item_id is None:
                continue
            bar = layout.bars[item_id]
            if bar_left(bar) >= spec.x1 or bar_right(bar) <= spec.x0:
                continue
            if bar.milestone:
                self._diamond(canvas, bar, X, Y)
                label = f"{items[item_id].name}  ·  {short_day(bar.finish)}"
            else:
                self._task(canvas, bar, X, Y)
                label = items[item_id].name
            text = f"⚠ {label}" if bar.conflict else label
            if bar.end_x >= spec.x0:  # a label cut at its start would read as nonsense
                labels.append((X(bar.end_x) + 4, Y(bar.mid_y) - 2.3, text, bar.conflict))
        if not labels:
            return
        # The halos, so that links crossing a label do not strike it through.
        halos = canvas.beginPath()
        for x, y, text, _conflict in labels:
            width = fonts.string_width(text, fonts.COND, SMALL)
            halos.rect(x - 1.5, y - 1.8, width + 3, SMALL + 1.6)
        canvas.setFillColor(theme.WHITE)
        canvas.setFillAlpha(0.85)
        canvas.drawPath(halos, stroke=0, fill=1)
        canvas.setFillAlpha(1)
        batch = fonts.TextBatch(canvas)
        for x, y, text, conflict in labels:
            batch.color(theme.CONFLICT if conflict else theme.MUTED)
            batch.add(x, y, text, fonts.COND, SMALL)
        batch.finish()

    def _task(self, canvas: Canvas, bar: Bar, X, Y) -> None:
        x0, x1 = X(bar.x0) + 0.4, X(bar.x1) - 0.4
        y0, y1 = Y(bar.y1), Y(bar.y0)
        w, h = max(1.5, x1 - x0), y1 - y0
        canvas.setFillColor(theme.CRITICAL if bar.critical else theme.BAR)
        canvas.roundRect(x0, y0, w, h, 2, stroke=0, fill=1)
        if bar.progress > 0:
            canvas.setFillColor(theme.CRITICAL_PROGRESS if bar.critical else theme.BAR_PROGRESS)
            done = w * min(100, bar.progress) / 100
            canvas.roundRect(x0, y0, max(done, 1.0), h, 2, stroke=0, fill=1)
        if bar.conflict:
            canvas.setStrokeColor(theme.CONFLICT)
            canvas.setLineWidth(1.3)
            canvas.roundRect(x0 - 1, y0 - 1, w + 2, h + 2, 2.5, stroke=1, fill=0)

    def _diamond(self, canvas: Canvas, bar: Bar, X, Y) -> None:
        x, y = X(bar.x1), Y(bar.mid_y)
        half = MILESTONE_SIZE * SCALE_Y / 2
        path = canvas.beginPath()
        path.moveTo(x, y + half)
        path.lineTo(x + half, y)
        path.lineTo(x, y - half)
        path.lineTo(x - half, y)
        path.close()
        canvas.setFillColor(theme.CRITICAL if bar.critical else theme.MILESTONE)
        if bar.conflict:
            canvas.setStrokeColor(theme.CONFLICT)
            canvas.setLineWidth(1.3)
        canvas.drawPath(path, stroke=1 if bar.conflict else 0, fill=1)


def bar_left(bar: Bar) -> float:
    return bar.x1 - MILESTONE_SIZE / 2 if bar.milestone else bar.x0


def bar_right(bar: Bar) -> float:
    return bar.x1 + MILESTONE_SIZE / 2 if bar.milestone else bar.x1


def crosses(arrow: Arrow, x0: float, x1: float, y0: float, y1: float) -> bool:
    """True if one of the arrow's legs passes through the rectangle (a cheap test)."""
    if arrow.bottom < y0 or arrow.top > y1:
        return False
    points = arrow.points
    for (ax, ay), (bx, by) in pairwise(points):
        if min(ax, bx) <= x1 and max(ax, bx) >= x0 and min(ay, by) <= y1 and max(ay, by) >= y0:
            return True
    return False
