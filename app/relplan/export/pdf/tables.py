"""Tables that break cleanly across pages, repeat their header, and stay fast when long.

ReportLab's own Table re-measures every remaining row each time it splits, which makes a
10,000-row table take minutes. :class:`SplitTable` measures each row once, cuts the rows
that fit on a page into a piece with the header on top, and draws the pieces itself.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph

from relplan.export.pdf import fonts, text, theme

PAD_X = 4.0
PAD_Y = 3.0
LEADING = theme.CELL_SIZE * 1.3

Cell = str | Flowable
# A style for one data row: (command, first column, last column, *arguments).
RowStyle = tuple


def cell(value: object, width: float, style: str = "cell", limit: int = text.CELL_LIMIT) -> Cell:
    """A table cell for user ``value`` in a column ``width`` points wide.

    Plain one-line text that fits is kept as a string (fast to lay out); anything else
    becomes an escaped Paragraph that wraps, clipped to ``limit`` characters.
    """
    clean = text.clean(value)
    if (
        style == "cell"
        and "\n" not in clean
        and len(clean) < 120
        and not fonts.needs_fallback(clean)
        and pdfmetrics.stringWidth(clean, fonts.COND, theme.CELL_SIZE) <= width - 2 * PAD_X
    ):
        return clean
    return text.para(clean, theme.styles()[style], limit)


def head(labels: list[str]) -> list[Cell]:
    """A header row of our own labels."""
    style = theme.styles()["cell_head"]
    return [text.para(label, style) for label in labels]


class SplitTable(Flowable):
    """A table of ``rows`` under ``header`` that splits across pages in linear time."""

    def __init__(
        self,
        header: list[list[Cell]],
        rows: list[list[Cell]],
        widths: list[float],
        row_styles: dict[int, list[RowStyle]] | None = None,
        max_row_height: float = 400.0,
        *,
        _heights: list[float] | None = None,
        _start: int = 0,
        _stop: int | None = None,
    ) -> None:
        super().__init__()
        self.header = header
        self.rows = rows
        self.widths = widths
        self.row_styles = row_styles or {}
        self.start = _start
        self.stop = len(rows) if _stop is None else _stop
        self.width = sum(widths)
        self.header_height = sum(self._measure(r, max_row_height) for r in header)
        if _heights is None:
            _heights = [self._measure(row, max_row_height) for row in rows]
        self.heights = _heights
        self._ends = list(accumulate(_heights[self.start : self.stop]))

    def _measure(self, row: list[Cell], max_height: float) -> float:
        """The height of ``row``; a row taller than ``max_height`` has its text clipped."""
        height = self._row_height(row)
        while height > max_height:
            tallest = max(
                (n for n, v in enumerate(row) if isinstance(v, Paragraph)),
                key=lambda n: row[n].wrap(self.widths[n] - 2 * PAD_X, 1e9)[1],
                default=None,
            )
            if tallest is None:
                break
            old = row[tallest]
            plain = old.getPlainText()
            row[tallest] = text.para(plain, old.style, max(20, len(plain) // 2))
            height = self._row_height(row)
        return height

    def _row_height(self, row: list[Cell]) -> float:
        tallest = LEADING
        for value, width in zip(row, self.widths, strict=True):
            if isinstance(value, Flowable):
                tallest = max(tallest, value.wrap(width - 2 * PAD_X, 1e9)[1])
        return tallest + 2 * PAD_Y

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        total = self._ends[-1] if self._ends else 0.0
        return self.width, self.header_height + total

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self.header_height
        fits = bisect_right(self._ends, room)
        if fits == 0:
            return []  # not even one row here: start on the next page
        cut = self.start + fits
        if cut >= self.stop:
            return [self]
        first = self._piece(self.start, cut)
        rest = SplitTable(
            self.header,
            self.rows,
            self.widths,
            self.row_styles,
            _heights=self.heights,
            _start=cut,
            _stop=self.stop,
        )
        return [first, rest]

    def draw(self) -> None:
        self._draw_rows(self.canv, self.start, self.stop)

    def _piece(self, start: int, stop: int) -> Flowable:
        return _Piece(self, start, stop)

    def _draw_rows(self, canvas, start: int, stop: int) -> None:
        """Draw the header and rows ``start`` .. ``stop`` with the top at this flowable's top.

        Drawn directly rather than through ReportLab's Table: the same look (zebra rows,
        header band, thin rules) at a fraction of the cost for long tables.
        """
        widths = self.widths
        xs = [sum(widths[:n]) for n in range(len(widths))]
        y = self.header_height + sum(self.heights[start:stop])
        if self.header:
            canvas.setFillColor(theme.TABLE_HEAD)
            canvas.rect(0, y - self.header_height, self.width, self.header_height, stroke=0, fill=1)
            for row in self.header:
                height = self._row_height(row)
                for value, x, w in zip(row, xs, widths, strict=True):
                    if isinstance(value, Flowable):
                        value.wrapOn(canvas, w - 2 * PAD_X, height)
                        value.drawOn(canvas, x + PAD_X, y - height + PAD_Y)
                y -= height
            canvas.setStrokeColor(theme.NAVY)
            canvas.setLineWidth(0.9)
            canvas.line(0, y, self.width, y)
        batch = fonts.TextBatch(canvas)
        canvas.setStrokeColor(theme.ROW_LINE)
        canvas.setLineWidth(0.35)
        last = len(widths) - 1
        for n in range(start, stop):
            height = self.heights[n]
            bottom = y - height
            looks = _Looks(self.row_styles.get(n, ()), last)
            if n % 2:
                canvas.setFillColor(theme.ZEBRA)
                canvas.rect(0, bottom, self.width, height, stroke=0, fill=1)
            for col, color in looks.background.items():
                canvas.setFillColor(color)
                right = self.width if looks.span else xs[col] + widths[col]
                canvas.rect(xs[col], bottom, right - xs[col], height, stroke=0, fill=1)
            row = self.rows[n]
            columns = [0] if looks.span else range(len(row))
            for col in columns:
                value = row[col]
                w = self.width if looks.span else widths[col]
                x = xs[col]
                if isinstance(value, Flowable):
                    value.wrapOn(canvas, w - 2 * PAD_X, height)
                    value.drawOn(canvas, x + PAD_X, y - PAD_Y - value.height)
                elif value:
                    batch.color(looks.color.get(col, theme.INK))
                    font = looks.font.get(col, fonts.COND)
                    baseline = y - PAD_Y - theme.CELL_SIZE
                    if col in looks.centre:
                        batch.add(x + w / 2, baseline, value, font, theme.CELL_SIZE, "middle")
                    else:
                        batch.add(x + PAD_X, baseline, value, font, theme.CELL_SIZE)
            canvas.line(0, bottom, self.width, bottom)
            y = bottom
        batch.finish()


class _Piece(Flowable):
    """The rows of a :class:`SplitTable` that fit on one page, with the header on top."""

    def __init__(self, table: SplitTable, start: int, stop: int) -> None:
        super().__init__()
        self.table = table
        self.start = start
        self.stop = stop
        self.width = table.width
        self.height = table.header_height + sum(table.heights[start:stop])

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.table._draw_rows(self.canv, self.start, self.stop)


class _Looks:
    """A row's styles as lookups by column: background, text colour, font, centring, span."""

    def __init__(self, styles, last: int) -> None:
        self.background: dict[int, object] = {}
        self.color: dict[int, object] = {}
        self.font: dict[int, str] = {}
        self.centre: set[int] = set()
        self.span = False
        for command, c0, c1, *args in styles:
            columns = range(
                c0 if c0 >= 0 else last + 1 + c0, (c1 if c1 >= 0 else last + 1 + c1) + 1
            )
            if command == "SPAN":
                self.span = True
            for col in columns:
                if command == "BACKGROUND":
                    self.background[col] = args[0]
                elif command == "TEXTCOLOR":
                    self.color[col] = args[0]
                elif command == "FONTNAME":
                    self.font[col] = args[0]
                elif command == "ALIGN" and args[0] == "CENTER":
                    self.centre.add(col)


def widths_for(total: float, shares: list[float]) -> list[float]:
    """Column widths that fill ``total`` points in proportion to ``shares``."""
    scale = total / sum(shares)
    return [share * scale for share in shares]
