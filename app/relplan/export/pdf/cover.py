"""The cover page shared by the plan and the handouts: a navy title band, the release's
phases as a strip, and the key facts in large type.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from relplan.domain.model import Phase
from relplan.export.pdf import fonts, text, theme

_ON_NAVY = HexColor("#c9d6f2")
_KICKER = HexColor("#8fb0f5")
_TONES = {"good": theme.GOOD, "warn": theme.WARN, "bad": theme.BAD}


@dataclass(frozen=True)
class Fact:
    """One labelled value on the cover; ``tone`` colours it ("good", "warn", "bad")."""

    label: str
    value: str
    tone: str = ""


class Cover(Flowable):
    """A full-page cover; it fills the cover template's page-sized frame."""

    def __init__(
        self,
        kicker: str,
        title: str,
        subtitle: str,
        description: str,
        facts: list[Fact],
        footer: str,
        phase: Phase | None = None,
    ) -> None:
        super().__init__()
        self.kicker = kicker
        self.title = title
        self.subtitle = subtitle
        self.description = description
        self.facts = facts
        self.footer = footer
        self.phase = phase

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        w, h = self.width, self.height
        left = 48.0
        band = h * (0.47 if w > h else 0.42)
        band_bottom = h - band
        canvas.setFillColor(theme.NAVY)
        canvas.rect(0, band_bottom, w, band, stroke=0, fill=1)
        canvas.setFillColor(theme.ACCENT)
        canvas.rect(0, band_bottom - 5, w, 5, stroke=0, fill=1)
        room = min(w - 2 * left, 620.0)
        # The title block sits at the bottom of the band, the kicker at its top.
        blocks = self._title_blocks(room)
        y = band_bottom + 30 + sum(height + space for _p, height, space in blocks)
        y = min(y, h - 80)
        canvas.saveState()
        kicker = canvas.beginText(left, h - 56)
        kicker.setFont(fonts.SANS_BOLD, 9.5)
        kicker.setCharSpace(2.2)
        kicker.setFillColor(_KICKER)
        kicker.textOut(self.kicker.upper())
        canvas.drawText(kicker)
        canvas.restoreState()
        for para, height, space in blocks:
            y -= space
            para.drawOn(canvas, left, y - height)
            y -= height
        y = band_bottom - 5 - 34
        if self.phase is not None:
            self._phases(left, y, w - 2 * left)
            y -= 54
        self._facts(left, y, w - 2 * left)
        canvas.setFillColor(theme.MUTED)
        fonts.draw_string(canvas, left, 34, self.footer, fonts.SANS, 8)
        canvas.setStrokeColor(theme.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, 48, w - left, 48)

    def _title_blocks(self, room: float) -> list[tuple[Paragraph, float, float]]:
        """(paragraph, height, space above) for the title, subtitle and description."""
        out = []
        specs = [
            (self.title, _style(34, 40, theme.WHITE, bold=True), room, 120, 60, 0.0),
            (self.subtitle, _style(14, 19, _ON_NAVY), room, 60, 80, 4.0),
            (self.description, _style(9.5, 13.5, _ON_NAVY), min(room, 480), 60, 320, 10.0),
        ]
        for value, style, width, most, short, space in specs:
            if not text.clean(value):
                continue
            para = text.para(value, style, 400)
            height = para.wrap(width, most)[1]
            if height > most:  # too long for the band: shorten rather than run off it
                para = text.para(text.clip(text.clean(value), short), style)
                height = para.wrap(width, most)[1]
            out.append((para, height, space))
        return out

    def _phases(self, x: float, y: float, width: float) -> None:
        """The six phases as a strip: done ones filled, the current one strong."""
        canvas = self.canv
        phases = list(Phase)
        gap = 4.0
        seg = (width - gap * (len(phases) - 1)) / len(phases)
        current = phases.index(self.phase) if self.phase is not None else -1
        for n, phase in enumerate(phases):
            sx = x + n * (seg + gap)
            color = theme.PHASE_COLORS[phase]
            if n < current:
                canvas.setFillColor(color)
                canvas.setFillAlpha(0.35)
                canvas.rect(sx, y, seg, 7, stroke=0, fill=1)
                canvas.setFillAlpha(1)
            elif n == current:
                canvas.setFillColor(color)
                canvas.rect(sx, y - 1.5, seg, 10, stroke=0, fill=1)
            else:
                canvas.setStrokeColor(theme.RULE)
                canvas.setLineWidth(0.8)
                canvas.rect(sx, y, seg, 7, stroke=1, fill=0)
            canvas.setFillColor(theme.INK if n == current else theme.MUTED)
            font = fonts.SANS_BOLD if n == current else fonts.SANS
            fonts.draw_string(canvas, sx, y - 13, phase.label, font, 8)

    def _facts(self, x: float, y: float, width: float) -> None:
        """Key facts in a grid of three columns: a small label over a large value."""
        canvas = self.canv
        columns = 3 if width > 600 else 2
        col_w = width / columns
        for n, fact in enumerate(self.facts):
            cx = x + (n % columns) * col_w
            cy = y - (n // columns) * 58
            canvas.setFillColor(theme.MUTED)
            fonts.draw_string(canvas, cx, cy, fact.label.upper(), fonts.SANS_BOLD, 7.2)
            tone = _TONES.get(fact.tone)
            value = fonts.fit(text.clean(fact.value), fonts.SANS_BOLD, 15, col_w - 24)
            if tone is not None:
                canvas.setFillColor(tone)
                canvas.circle(cx + 5, cy - 16.5, 4.5, stroke=0, fill=1)
                canvas.setFillColor(theme.INK)
                fonts.draw_string(canvas, cx + 15, cy - 22, value, fonts.SANS_BOLD, 15)
            else:
                canvas.setFillColor(theme.INK)
                fonts.draw_string(canvas, cx, cy - 22, value, fonts.SANS_BOLD, 15)


def _style(size: float, leading: float, color, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        f"cover-{size}",
        fontName=fonts.SANS_BOLD if bold else fonts.SANS,
        fontSize=size,
        leading=leading,
        textColor=color,
    )
