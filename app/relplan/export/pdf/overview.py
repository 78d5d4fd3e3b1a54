"""The release at a glance: one bar per phase with its gate, on one page-wide time scale.

Executives read this instead of the full timeline: six rows that always fit, with the
status date, the change freezes, the go-live and the deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.platypus import Flowable

from relplan.domain.model import Phase
from relplan.export.pdf import fonts, theme
from relplan.export.pdf.facts import ReleaseFacts

ROW = 25.0
AXIS = 16.0
TOP_NOTE = 12.0
LABEL_W = 62.0
RIGHT_ROOM = 96.0  # gate labels right of the last diamonds


class ReleaseOverview(Flowable):
    """Phases as bars, gates as diamonds, on a scale that fits the given width."""

    def __init__(self, facts: ReleaseFacts, width: float) -> None:
        super().__init__()
        self.facts = facts
        self.width = width
        self.spans = facts.phase_spans()
        self.height = TOP_NOTE + AXIS + ROW * max(1, len(self.spans)) + 4
        start = facts.release.start
        ends = [facts.finish, facts.release.deadline, facts.go_live, start + timedelta(days=28)]
        self.first = date(start.year, start.month, 1)
        last = max(d for d in ends if d is not None)
        self.last = _next_month(last)
        self.days = max(1, (self.last - self.first).days)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def x(self, day: date) -> float:
        return LABEL_W + (day - self.first).days / self.days * (self.width - LABEL_W - RIGHT_ROOM)

    def draw(self) -> None:
        canvas = self.canv
        facts = self.facts
        top = self.height - TOP_NOTE
        axis_bottom = top - AXIS
        bottom = axis_bottom - ROW * len(self.spans)
        # Freezes behind everything.
        for window in facts.project.calendar_for(facts.release).freezes:
            if window.end < self.first or window.start > self.last:
                continue
            x0, x1 = self.x(max(window.start, self.first)), self.x(min(window.end, self.last))
            canvas.setFillColor(theme.FREEZE)
            canvas.rect(x0, bottom, max(1.5, x1 - x0), axis_bottom - bottom, stroke=0, fill=1)
        # Month axis.
        canvas.setFillColor(theme.HEADER_ROW)
        canvas.rect(LABEL_W, axis_bottom, self.x(self.last) - LABEL_W, AXIS, stroke=0, fill=1)
        month = self.first
        while month < self.last:
            following = _next_month(month)
            x0, x1 = self.x(month), self.x(following)
            canvas.setStrokeColor(theme.RULE)
            canvas.setLineWidth(0.5)
            canvas.line(x0, bottom, x0, top)
            label = month.strftime("%b %Y") if x1 - x0 > 42 else month.strftime("%b")
            canvas.setFillColor(theme.NAVY)
            fonts.draw_string(
                canvas, (x0 + x1) / 2, axis_bottom + 5, label, fonts.SANS, 6.8, "middle"
            )
            month = following
        # Phase rows.
        gates = {g.phase: g for g in facts.gates}
        for n, (phase, start, finish) in enumerate(self.spans):
            y = axis_bottom - (n + 1) * ROW
            mid = y + ROW / 2
            canvas.setStrokeColor(theme.ROW_LINE)
            canvas.setLineWidth(0.4)
            canvas.line(0, y, self.width, y)
            canvas.setFillColor(theme.INK)
            fonts.draw_string(canvas, 0, mid - 3, phase.label, fonts.SANS_BOLD, 8)
            self._phase_bar(phase, start, finish, mid)
            gate = gates.get(phase)
            item = facts.gate_item(gate) if gate is not None else None
            if item is not None and item.id in facts.dates:
                self._gate(gate.name, facts.dates[item.id].finish, mid)
        self._lines(bottom, top)

    def _phase_bar(self, phase: Phase, start: date, finish: date, mid: float) -> None:
        canvas = self.canv
        facts = self.facts
        x0, x1 = self.x(start), self.x(finish + timedelta(days=1))
        color = theme.PHASE_COLORS[phase]
        canvas.setFillColor(color)
        canvas.setFillAlpha(0.28)
        canvas.roundRect(x0, mid - 5, max(2, x1 - x0), 10, 3, stroke=0, fill=1)
        items = [it for it in facts.items if it.phase is phase]
        weight = sum(max(1, it.duration) for it in items)
        done = sum(max(1, it.duration) * it.progress for it in items) / max(1, weight)
        canvas.setFillAlpha(1.0)
        if done > 0:
            canvas.roundRect(x0, mid - 5, max(2, (x1 - x0) * done / 100), 10, 3, stroke=0, fill=1)
        canvas.setFillColor(theme.MUTED)
        note = f"{start.day} {start:%b} – {finish.day} {finish:%b}  ·  {round(done)} % done"
        width = fonts.string_width(note, fonts.SANS, 6.3)
        if x0 - 4 - width > LABEL_W + 2:
            fonts.draw_string(self.canv, x0 - 4, mid - 2.2, note, fonts.SANS, 6.3, "end")
        else:
            fonts.draw_string(self.canv, x0 + 2, mid - 12.5, note, fonts.SANS, 6.3)

    def _gate(self, name: str, when: date, mid: float) -> None:
        canvas = self.canv
        x = self.x(when + timedelta(days=1))
        path = canvas.beginPath()
        path.moveTo(x, mid + 5.5)
        path.lineTo(x + 5.5, mid)
        path.lineTo(x, mid - 5.5)
        path.lineTo(x - 5.5, mid)
        path.close()
        canvas.setFillColor(theme.MILESTONE)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFillColor(theme.INK)
        label = f"{name} · {when.day} {when:%b}"
        if x + 8 + fonts.string_width(label, fonts.SANS_BOLD, 6.6) > self.width:
            fonts.draw_string(canvas, x - 8, mid - 2.3, label, fonts.SANS_BOLD, 6.6, "end")
        else:
            fonts.draw_string(canvas, x + 8, mid - 2.3, label, fonts.SANS_BOLD, 6.6)

    def _lines(self, bottom: float, top: float) -> None:
        canvas = self.canv
        facts = self.facts
        marks = [
            (facts.as_of, theme.STATUS_LINE, False, "Status date"),
            (facts.release.deadline, theme.DEADLINE, True, "Deadline"),
        ]
        for when, color, dashed, label in marks:
            if when is None or not self.first <= when <= self.last:
                continue
            x = self.x(when + timedelta(days=1)) if dashed else self.x(when)
            canvas.setStrokeColor(color)
            canvas.setLineWidth(1)
            if dashed:
                canvas.setDash(3, 2)
            canvas.line(x, bottom, x, top + 2)
            canvas.setDash()
            canvas.setFillColor(color)
            note = f"{label} {when.day} {when:%b}"
            half = fonts.string_width(note, fonts.SANS_BOLD, 6.5) / 2
            mid = min(max(x, LABEL_W + half), self.width - half)
            fonts.draw_string(canvas, mid, top + 4, note, fonts.SANS_BOLD, 6.5, "middle")


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)
