"""The time axis of the timeline: the scale (date <-> x), axis labels and shaded days.

Plain data in points, shared by the screen and the PDF (see :mod:`relplan.export.layout`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from relplan.domain.calendar import WorkCalendar

ZOOMS: tuple[str, ...] = ("day", "week", "month")
# Width of one calendar day per zoom: a day cell fits "28", a week "29 Mar", a month "September".
PX_PER_DAY: dict[str, float] = {"day": 28.0, "week": 9.0, "month": 3.0}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Scale:
    """Calendar date <-> x: day ``origin`` starts at x = 0, each day is ``px_per_day`` wide."""

    zoom: str
    origin: date
    px_per_day: float

    def x_of(self, day: date) -> float:
        """The x where ``day`` begins (its end is ``x_of(day + 1 day)``)."""
        return (day - self.origin).days * self.px_per_day

    def date_at(self, x: float) -> date:
        """The calendar day whose column contains ``x``."""
        return self.origin + timedelta(days=int(x // self.px_per_day))

    def days_in(self, dx: float) -> int:
        """Whole calendar days nearest to a horizontal distance ``dx`` (for dragging)."""
        return round(dx / self.px_per_day)


@dataclass(frozen=True, slots=True)
class AxisCell:
    """One labelled cell of the time axis, from ``x0`` to ``x1``."""

    x0: float
    x1: float
    label: str
    day: date


@dataclass(frozen=True, slots=True)
class Shade:
    """A shaded span of days: ``kind`` is "nonworking", "holiday" or "freeze"."""

    kind: str
    x0: float
    x1: float
    label: str = ""
    start: date | None = None
    end: date | None = None


def chart_span(zoom: str, start: date, finish: date) -> tuple[date, date]:
    """The first and last day shown at ``zoom``: the schedule plus a margin, whole units."""
    if zoom == "day":
        first = start - timedelta(days=start.weekday())
        last = finish + timedelta(days=14)
        last += timedelta(days=6 - last.weekday())
    elif zoom == "week":
        first = start - timedelta(days=start.weekday() + 7)
        last = finish + timedelta(days=42)
        last += timedelta(days=6 - last.weekday())
    else:
        first = date(start.year, start.month, 1)
        last = _add_months(date(finish.year, finish.month, 1), 3) - timedelta(days=1)
    return first, last


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def axis_cells(scale: Scale, first: date, last: date) -> tuple[list[AxisCell], list[AxisCell]]:
    """The two rows of the time axis for days ``first`` .. ``last``: (bands, cells).

    day: weeks ("Mar 2027 · W10") over day numbers; week: months over ISO week starting
    dates ("8 Mar"); month: years over month names.
    """
    end = last + timedelta(days=1)
    x = scale.x_of
    if scale.zoom == "day":
        bands = _cells(scale, _week_starts(first, end), end, _week_label)
        cells = [AxisCell(x(d), x(d) + scale.px_per_day, str(d.day), d) for d in _days(first, end)]
    elif scale.zoom == "week":
        bands = _cells(
            scale, _month_starts(first, end), end, lambda d: f"{_MONTHS[d.month - 1]} {d.year}"
        )
        cells = _cells(
            scale, _week_starts(first, end), end, lambda d: f"{d.day} {_MONTHS[d.month - 1][:3]}"
        )
    else:
        bands = _cells(scale, _year_starts(first, end), end, lambda d: str(d.year))
        cells = _cells(scale, _month_starts(first, end), end, lambda d: _MONTHS[d.month - 1])
    return bands, cells


def _week_label(day: date) -> str:
    return f"{_MONTHS[day.month - 1][:3]} {day.year} · W{day.isocalendar().week}"


def _days(first: date, end: date):
    for n in range((end - first).days):
        yield first + timedelta(days=n)


def _week_starts(first: date, end: date) -> list[date]:
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(weeks=n) for n in range((end - monday).days // 7 + 1)]


def _month_starts(first: date, end: date) -> list[date]:
    starts = [date(first.year, first.month, 1)]
    while starts[-1] < end:
        starts.append(_add_months(starts[-1], 1))
    return starts[:-1]


def _year_starts(first: date, end: date) -> list[date]:
    return [date(y, 1, 1) for y in range(first.year, end.year + 1) if date(y, 1, 1) < end]


def _cells(scale: Scale, starts: list[date], end: date, label) -> list[AxisCell]:
    """Cells from each start to the next (the last to ``end``), clipped to the scale's origin."""
    out = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        if stop <= scale.origin or start >= end:
            continue
        x0 = max(0.0, scale.x_of(start))
        out.append(AxisCell(x0, scale.x_of(stop), label(start), start))
    return out


def shades(scale: Scale, calendar: WorkCalendar, first: date, last: date) -> list[Shade]:
    """Non-working days (merged runs; not at month zoom), holidays and freeze windows."""
    cal = calendar.calendar
    end = last + timedelta(days=1)
    out: list[Shade] = []
    work_week = set(cal.work_week)
    if scale.zoom != "month":
        run: date | None = None
        for day in _days(first, end + timedelta(days=1)):
            off = day < end and day.weekday() not in work_week
            if off and run is None:
                run = day
            elif not off and run is not None:
                out.append(Shade("nonworking", scale.x_of(run), scale.x_of(day), "", run, day))
                run = None
    for holiday in cal.holidays:
        if first <= holiday.on < end:
            x0 = scale.x_of(holiday.on)
            out.append(
                Shade("holiday", x0, x0 + scale.px_per_day, holiday.name, holiday.on, holiday.on)
            )
    for window in cal.freezes:
        start, stop = max(window.start, first), min(window.end, last)
        if start <= stop:
            x1 = scale.x_of(stop) + scale.px_per_day
            out.append(
                Shade("freeze", scale.x_of(start), x1, window.name, window.start, window.end)
            )
    return out
