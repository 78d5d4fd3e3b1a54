"""The timeline in the PDF: the screen's layout drawn as vectors, tiled across pages.

The chart is never shrunk to one page: it is cut into tiles of whole rows and whole
months (or weeks), each printed at a readable size with the item column and the time
axis repeated, and tiles without a single bar or link are left out (as "print blank
pages: off" does in desktop planners). The geometry comes from
:class:`~relplan.export.layout.TimelineLayout`, scaled by :data:`SCALE` (rows by
:data:`SCALE_Y`).
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from relplan.export.layout import Arrow, TimelineLayout
from relplan.export.pdf import fonts, theme
from relplan.export.pdf.facts import ReleaseFacts
from relplan.export.pdf.legend import Legend, draw_legend
from relplan.export.pdf.timeline_paint import (
    AXIS_H,
    CAPTION_H,
    NAME_SIZE,
    SCALE,
    SCALE_Y,
    SMALL,
    ChartPainting,
    TileSpec,
    bar_left,
    bar_right,
    crosses,
    short_day,
)

__all__ = ["SCALE", "SCALE_Y", "TileSpec", "TimelineChart", "TimelineTile", "choose_zoom"]


def choose_zoom(facts: ReleaseFacts) -> str:
    """Weeks for most releases; months when the release runs longer than about a year."""
    start = facts.release.start
    finish = max(filter(None, (facts.finish, facts.release.deadline)), default=start)
    return "month" if (finish - start).days > 400 else "week"


class TimelineChart(ChartPainting):
    """Cuts a layout into page tiles and draws them."""

    def __init__(
        self, facts: ReleaseFacts, layout: TimelineLayout, width: float, height: float
    ) -> None:
        self.facts = facts
        self.layout = layout
        self.width = width
        self.height = height
        self.label_w = min(235.0, width * 0.33)
        self.dates_w = 58.0
        self.row_h = layout.rows[0].height * SCALE_Y if layout.rows else 16.0
        self.chart_w = width - self.label_w
        self.legend_h = Legend(width).height + 6
        body = height - CAPTION_H - AXIS_H - self.legend_h
        self.rows_per_tile = max(3, int(body // self.row_h))
        self._band_cache: tuple[range | None, list[Arrow]] = (None, [])
        self._forms: set[str] = set()
        self._row_texts: dict[int, tuple[str, str, str, bool]] = {}
        self.status_x = layout.scale.x_of(facts.as_of) + layout.scale.px_per_day / 2
        if not layout.first <= facts.as_of <= layout.last:
            self.status_x = None

    # --- cutting --------------------------------------------------------------------------

    def row_bands(self) -> list[range]:
        """Runs of rows per tile; a band prefers to end before a phase header."""
        rows = self.layout.rows
        bands: list[range] = []
        start, per = 0, self.rows_per_tile
        while start < len(rows):
            stop = min(len(rows), start + per)
            if stop < len(rows):
                # Break before a phase header near the end instead of splitting its rows.
                for n in range(stop - 1, start + (4 * per) // 5, -1):
                    if rows[n].is_header:
                        stop = n
                        break
                if rows[stop - 1].is_header and stop - 1 > start:
                    stop -= 1  # never leave a phase header alone at the bottom of a tile
            bands.append(range(start, stop))
            start = stop
        return bands

    def column_spans(self) -> list[tuple[float, float]]:
        """Stretches of the x axis per tile, cut at month (or week) boundaries."""
        room = self.chart_w / SCALE
        total = self.layout.width
        edges = sorted({b.x0 for b in self.layout.bands} | {total})
        cells = sorted({c.x0 for c in self.layout.cells} | {total})
        spans = []
        x = 0.0
        while x < total - 0.5:
            limit = x + room
            # Whole months unless that leaves a tenth of the page empty; then whole weeks.
            stop = max((e for e in edges if x < e <= limit), default=None)
            if stop is None or (stop < total and stop - x < 0.9 * room):
                stop = max((e for e in cells if x < e <= limit), default=min(limit, total))
            spans.append((x, stop))
            x = stop
        return spans

    def tiles(self) -> list[TileSpec]:
        """Every tile with at least one bar or link in it, rows first, then time."""
        out = []
        for band in self.row_bands():
            for x0, x1 in self.column_spans():
                spec = TileSpec(band, x0, x1)
                if self._has_content(spec):
                    out.append(spec)
        return out

    def _has_content(self, spec: TileSpec) -> bool:
        layout = self.layout
        for n in spec.rows:
            item_id = layout.rows[n].item_id
            if item_id is not None:
                bar = layout.bars[item_id]
                if bar_left(bar) < spec.x1 and bar_right(bar) > spec.x0:
                    return True
        y0, y1 = self._y_span(spec)
        return any(crosses(a, spec.x0, spec.x1, y0, y1) for a in self.band_arrows(spec.rows))

    def band_arrows(self, rows: range) -> list[Arrow]:
        """The links into or out of the items of ``rows`` (kept for the band's next tile).

        A link is drawn on the pages of the items it joins, running off the page towards
        the other end; pages it merely passes through do not repeat it, which keeps a
        large plan's pages readable (and fast to print).
        """
        if self._band_cache[0] != rows:
            layout = self.layout
            found: dict[str, Arrow] = {}
            for n in rows:
                item_id = layout.rows[n].item_id
                if item_id is not None:
                    for dep_id in layout.links_of(item_id):
                        if dep_id not in found:
                            found[dep_id] = layout.arrows[dep_id]
            self._band_cache = (rows, list(found.values()))
        return self._band_cache[1]

    def _y_span(self, spec: TileSpec) -> tuple[float, float]:
        rows = self.layout.rows
        first, last = rows[spec.rows.start], rows[spec.rows.stop - 1]
        return first.y, last.y + last.height

    # --- drawing --------------------------------------------------------------------------

    def draw(self, canvas: Canvas, spec: TileSpec, part: int, parts: int) -> None:
        y_top, y_bottom = self._y_span(spec)
        body_top = self.height - CAPTION_H - AXIS_H
        body_h = (y_bottom - y_top) * SCALE_Y
        body_bottom = body_top - body_h
        chart_x = self.label_w
        chart_w = (spec.x1 - spec.x0) * SCALE

        def X(x: float) -> float:
            return chart_x + (x - spec.x0) * SCALE

        def Y(y: float) -> float:
            return body_top - (y - y_top) * SCALE_Y

        self._caption(canvas, spec, part, parts)
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(chart_x, body_bottom, chart_w, body_h + AXIS_H)
        canvas.clipPath(clip, stroke=0, fill=0)
        self._grid(canvas, spec, X, body_top, body_bottom)
        self._rows_background(canvas, spec, chart_x, chart_w, Y)
        self._axis(canvas, spec, X, body_top, chart_x, chart_w)
        self._markers(canvas, spec, X, body_top, body_bottom)
        canvas.restoreState()
        # Links and bars stay inside the body: a link from a row above stops at its edge.
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(chart_x, body_bottom, chart_w, body_h)
        canvas.clipPath(clip, stroke=0, fill=0)
        self._arrows(canvas, spec, X, Y, y_top, y_bottom)
        self._bars(canvas, spec, X, Y)
        canvas.restoreState()
        self._labels(canvas, spec, Y)
        # Frame lines: around the chart and between the names and the chart.
        canvas.setStrokeColor(theme.GRID_MAJOR)
        canvas.setLineWidth(0.7)
        canvas.rect(0, body_bottom, chart_x + chart_w, body_h + AXIS_H, stroke=1, fill=0)
        canvas.line(chart_x, body_bottom, chart_x, body_top + AXIS_H)
        canvas.line(0, body_top, chart_x + chart_w, body_top)
        self._legend(canvas, body_bottom - 12)

    def _legend(self, canvas: Canvas, y: float) -> None:
        """The key, defined once per document as a form and placed on every tile."""
        name = f"relplan-legend-{int(self.width)}"
        if name not in self._forms:
            canvas.beginForm(name, lowerx=-4, lowery=-40, upperx=self.width + 4, uppery=10)
            draw_legend(canvas, 0, 0, self.width)
            canvas.endForm()
            self._forms.add(name)
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm(name)
        canvas.restoreState()

    def _caption(self, canvas: Canvas, spec: TileSpec, part: int, parts: int) -> None:
        scale = self.layout.scale
        first = scale.date_at(spec.x0)
        last = scale.date_at(max(spec.x0, spec.x1 - 0.01))
        n_rows = len(self.layout.rows)
        y = self.height - 10
        canvas.setFillColor(theme.NAVY)
        width = fonts.draw_string(canvas, 0, y, "Timeline", fonts.SANS_BOLD, 9)
        canvas.setFillColor(theme.MUTED)
        fonts.draw_string(
            canvas,
            width + 6,
            y,
            f"{first.strftime('%d %b %Y').lstrip('0')} – {last.strftime('%d %b %Y').lstrip('0')}"
            f"   ·   rows {spec.rows.start + 1}–{spec.rows.stop} of {n_rows}",
            fonts.SANS,
            8,
        )
        fonts.draw_string(canvas, self.width, y, f"Part {part} of {parts}", fonts.SANS, 8, "end")

    def _labels(self, canvas: Canvas, spec: TileSpec, Y) -> None:
        """The item column: phase headers, names (clipped) and dates."""
        layout = self.layout
        row_h = layout.rows[0].height * SCALE_Y
        lines = canvas.beginPath()
        names, dates = fonts.TextBatch(canvas), fonts.TextBatch(canvas)
        dates.color(theme.MUTED)
        for n in spec.rows:
            row = layout.rows[n]
            y0 = Y(row.y + row.height)
            base = y0 + row_h / 2 - 2.5
            if row.is_header:
                canvas.setFillColor(theme.HEADER_ROW)
                canvas.rect(0, y0, self.label_w, row_h, stroke=0, fill=1)
                canvas.setFillColor(theme.PHASE_COLORS[row.phase])
                canvas.rect(0, y0, 3, row_h, stroke=0, fill=1)
                names.color(theme.NAVY)
                names.add(8, base, row.label, fonts.SANS_BOLD, 7.8)
                continue
            lines.moveTo(0, y0)
            lines.lineTo(self.label_w, y0)
            name, font, when, conflict = self._row_text(n)
            names.color(theme.CONFLICT if conflict else theme.INK)
            names.add(12, base, name, font, NAME_SIZE)
            dates.add(self.label_w - 5, base, when, fonts.COND, SMALL, "end")
        canvas.setStrokeColor(theme.ROW_LINE)
        canvas.setLineWidth(0.3)
        canvas.drawPath(lines, stroke=1, fill=0)
        names.finish()
        dates.finish()

    def _row_text(self, n: int) -> tuple[str, str, str, bool]:
        """(clipped name, font, dates, conflict) of item row ``n``, worked out once."""
        cached = self._row_texts.get(n)
        if cached is None:
            row = self.layout.rows[n]
            bar = self.layout.bars[row.item_id]
            font = fonts.COND_BOLD if bar.milestone else fonts.COND
            name = self.facts.project.items[row.item_id].name
            when = (
                short_day(bar.finish)
                if bar.milestone
                else f"{short_day(bar.start)} – {short_day(bar.finish)}"
            )
            width = self.label_w - self.dates_w - 12
            cached = (fonts.fit(name, font, NAME_SIZE, width), font, when, bar.conflict)
            self._row_texts[n] = cached
        return cached


class TimelineTile(Flowable):
    """One page of the timeline; a bookmark under "Timeline" names its rows and dates."""

    def __init__(self, chart: TimelineChart, spec: TileSpec, part: int, parts: int) -> None:
        super().__init__()
        self.chart = chart
        self.spec = spec
        self.part = part
        self.parts = parts
        scale = chart.layout.scale
        first, last = scale.date_at(spec.x0), scale.date_at(max(spec.x0, spec.x1 - 0.01))
        self.outline_title = (
            f"Rows {spec.rows.start + 1}–{spec.rows.stop}, "
            f"{first.strftime('%b %Y')} – {last.strftime('%b %Y')}"
        )
        self.outline_level = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.chart.width, self.chart.height

    def draw(self) -> None:
        self.chart.draw(self.canv, self.spec, self.part, self.parts)
