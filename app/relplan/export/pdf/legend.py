"""The key to the chart's colours and shapes, printed under every timeline tile."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from relplan.export.pdf import fonts, theme

_SIZE = 6.8


def _task(canvas: Canvas, x: float, y: float, color, progress=None) -> float:
    canvas.setFillColor(color)
    canvas.roundRect(x, y - 3.5, 18, 7, 1.5, stroke=0, fill=1)
    if progress is not None:
        canvas.setFillColor(progress)
        canvas.roundRect(x, y - 3.5, 8, 7, 1.5, stroke=0, fill=1)
    return 18


def _diamond(canvas: Canvas, x: float, y: float, color) -> float:
    path = canvas.beginPath()
    path.moveTo(x + 4.5, y + 4.5)
    path.lineTo(x + 9, y)
    path.lineTo(x + 4.5, y - 4.5)
    path.lineTo(x, y)
    path.close()
    canvas.setFillColor(color)
    canvas.drawPath(path, stroke=0, fill=1)
    return 9


def _conflict(canvas: Canvas, x: float, y: float) -> float:
    canvas.setFillColor(theme.BAR)
    canvas.roundRect(x, y - 3.5, 18, 7, 1.5, stroke=0, fill=1)
    canvas.setStrokeColor(theme.CONFLICT)
    canvas.setLineWidth(1.2)
    canvas.roundRect(x - 1, y - 4.5, 20, 9, 2, stroke=1, fill=0)
    return 19


def _swatch(canvas: Canvas, x: float, y: float, fill, edge=None) -> float:
    canvas.setFillColor(fill)
    canvas.rect(x, y - 4.5, 12, 9, stroke=0, fill=1)
    if edge is not None:
        canvas.setStrokeColor(edge)
        canvas.setLineWidth(0.6)
        canvas.line(x, y - 4.5, x, y + 4.5)
        canvas.line(x + 12, y - 4.5, x + 12, y + 4.5)
    return 12


def _line(canvas: Canvas, x: float, y: float, color, dashed: bool) -> float:
    canvas.setStrokeColor(color)
    canvas.setLineWidth(1.0)
    if dashed:
        canvas.setDash(3, 2)
    canvas.line(x + 5, y - 5, x + 5, y + 5)
    canvas.setDash()
    return 10


def _link(canvas: Canvas, x: float, y: float) -> float:
    canvas.setStrokeColor(theme.ARROW)
    canvas.setLineWidth(0.6)
    canvas.line(x, y, x + 13, y)
    path = canvas.beginPath()
    path.moveTo(x + 16, y)
    path.lineTo(x + 12, y + 2.3)
    path.lineTo(x + 12, y - 2.3)
    path.close()
    canvas.setFillColor(theme.ARROW)
    canvas.drawPath(path, stroke=0, fill=1)
    return 16


ENTRIES = (
    ("Task (dark: done)", lambda c, x, y: _task(c, x, y, theme.BAR, theme.BAR_PROGRESS)),
    ("Critical path", lambda c, x, y: _task(c, x, y, theme.CRITICAL, theme.CRITICAL_PROGRESS)),
    ("Milestone", lambda c, x, y: _diamond(c, x, y, theme.MILESTONE)),
    ("Critical milestone", lambda c, x, y: _diamond(c, x, y, theme.CRITICAL)),
    ("Conflict", _conflict),
    ("Dependency", _link),
    ("Change freeze", lambda c, x, y: _swatch(c, x, y, theme.FREEZE_OPAQUE, theme.FREEZE_EDGE)),
    ("Weekend / holiday", lambda c, x, y: _swatch(c, x, y, theme.HOLIDAY)),
    ("Status date", lambda c, x, y: _line(c, x, y, theme.STATUS_LINE, False)),
    ("Deadline", lambda c, x, y: _line(c, x, y, theme.DEADLINE, True)),
)


def draw_legend(canvas: Canvas, x: float, y: float, width: float) -> float:
    """Draw the key in rows from (``x``, ``y``) (the middle of the first row) down.

    Returns the height used.
    """
    canvas.saveState()
    start, line = x, 0
    for label, draw in ENTRIES:
        need = 22 + fonts.string_width(label, fonts.SANS, _SIZE) + 8
        if x + need > start + width and x > start:
            x, line = start, line + 1
        row_y = y - line * 13
        used = draw(canvas, x, row_y)
        canvas.setFillColor(theme.MUTED)
        fonts.draw_string(canvas, x + used + 4, row_y - 2.4, label, fonts.SANS, _SIZE)
        x += need
    canvas.restoreState()
    return (line + 1) * 13


class Legend(Flowable):
    """The key as a flowable, for the timeline's first page."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 13.0
        lines, x = 1, 0.0
        for label, _draw in ENTRIES:
            need = 22 + fonts.string_width(label, fonts.SANS, _SIZE) + 8
            if x + need > width and x > 0:
                lines, x = lines + 1, 0.0
            x += need
        self.height = lines * 13.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_legend(self.canv, 0, self.height - 6.5, self.width)
