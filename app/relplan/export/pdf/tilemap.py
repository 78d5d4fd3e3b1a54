"""A map of the tiled timeline: the whole chart in miniature with a numbered frame per page.

It sits on the timeline's first page, so a reader sees the shape of the whole release and
knows which page to turn to (or how to tape the pages together).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from relplan.export.layout import BAR_HEIGHT
from relplan.export.pdf import fonts, theme
from relplan.export.pdf.timeline import TileSpec, TimelineChart

_MARGIN = 4.0


class TileMap(Flowable):
    """The chart scaled to fit the space left on the page, with the tiles outlined."""

    def __init__(self, chart: TimelineChart, specs: list[TileSpec], width: float) -> None:
        super().__init__()
        self.chart = chart
        self.specs = specs
        self.width = width
        self.scale = 1.0
        self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        layout = self.chart.layout
        room_w = self.width - 2 * _MARGIN
        room_h = max(60.0, available_height - 2 * _MARGIN - 4)
        self.scale = min(room_w / max(1.0, layout.width), room_h / max(1.0, layout.height), 1.0)
        self.height = layout.height * self.scale + 2 * _MARGIN
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        layout = self.chart.layout
        k = self.scale
        top = self.height - _MARGIN

        def X(x: float) -> float:
            return _MARGIN + x * k

        def Y(y: float) -> float:
            return top - y * k

        canvas.setFillColor(theme.WHITE)
        canvas.setStrokeColor(theme.GRID_MAJOR)
        canvas.setLineWidth(0.6)
        canvas.rect(X(0), Y(layout.height), layout.width * k, layout.height * k, stroke=1, fill=1)
        for shade in layout.shades:
            if shade.kind == "freeze":
                canvas.setFillColor(theme.FREEZE)
                canvas.rect(
                    X(shade.x0),
                    Y(layout.height),
                    (shade.x1 - shade.x0) * k,
                    layout.height * k,
                    stroke=0,
                    fill=1,
                )
        canvas.setFillColor(theme.HEADER_ROW)
        for row in layout.rows:
            if row.is_header:
                canvas.rect(
                    X(0), Y(row.y + row.height), layout.width * k, row.height * k, stroke=0, fill=1
                )
        bar_h = max(0.4, BAR_HEIGHT * k)
        for color in (theme.BAR, theme.CRITICAL, theme.MILESTONE):
            canvas.setFillColor(color)
            for row in layout.rows:
                if row.item_id is None:
                    continue
                bar = layout.bars[row.item_id]
                wanted = (
                    theme.MILESTONE
                    if bar.milestone
                    else (theme.CRITICAL if bar.critical else theme.BAR)
                )
                if wanted is not color:
                    continue
                x0 = X(bar.x1 - 3) if bar.milestone else X(bar.x0)
                w = max(0.8, 6 * k if bar.milestone else (bar.x1 - bar.x0) * k)
                canvas.rect(x0, Y(bar.mid_y) - bar_h / 2, w, bar_h, stroke=0, fill=1)
        self._frames(X, Y)

    def _frames(self, X, Y) -> None:
        canvas = self.canv
        rows = self.chart.layout.rows
        label = len(self.specs) <= 300
        for n, spec in enumerate(self.specs, start=1):
            y0 = rows[spec.rows.start].y
            y1 = rows[spec.rows.stop - 1].y + rows[spec.rows.stop - 1].height
            left, bottom = X(spec.x0), Y(y1)
            w, h = X(spec.x1) - left, Y(y0) - bottom
            canvas.setStrokeColor(theme.NAVY)
            canvas.setLineWidth(0.9)
            canvas.rect(left + 0.6, bottom + 0.6, w - 1.2, h - 1.2, stroke=1, fill=0)
            if label and min(w, h) > 11:
                size = min(9.0, h / 3)
                canvas.setFillColor(theme.NAVY)
                canvas.circle(left + w / 2, bottom + h / 2, size, stroke=0, fill=1)
                canvas.setFillColor(theme.WHITE)
                fonts.draw_string(
                    canvas,
                    left + w / 2,
                    bottom + h / 2 - size / 2.6,
                    str(n),
                    fonts.SANS_BOLD,
                    size,
                    "middle",
                )
