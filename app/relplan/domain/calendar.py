"""Working-day arithmetic.

The scheduler works on integer working-day indices relative to an origin (the release
start, index 0). A task of duration d starting at index s occupies the half-open interval
[s, s + d). :class:`WorkCalendar` converts between indices and calendar dates; it extends
its table of working dates lazily in both directions, so any index is valid.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from relplan.domain.model import Calendar, FreezeWindow

_CHUNK_DAYS = 366


class WorkCalendar:
    """Index <-> date conversion for one calendar, anchored at ``origin``."""

    __slots__ = ("_days", "_first", "_holidays", "_last", "_offset", "_work_week", "calendar")

    def __init__(self, calendar: Calendar, origin: date) -> None:
        if not calendar.work_week:
            raise ValueError(f"calendar {calendar.name!r} has no working days in its week")
        self.calendar = calendar
        self._work_week = frozenset(calendar.work_week)
        self._holidays = frozenset(h.on for h in calendar.holidays)
        origin = self._next_working(origin)
        self._days: list[date] = [origin]
        self._offset = 0  # index of origin within _days
        self._first = origin
        self._last = origin

    @property
    def origin(self) -> date:
        """The first working day on or after the anchor date: index 0."""
        return self._days[self._offset]

    def is_working(self, day: date) -> bool:
        return day.weekday() in self._work_week and day not in self._holidays

    def _next_working(self, day: date) -> date:
        for _ in range(3660):
            if self.is_working(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"calendar {self.calendar.name!r} has no working day for ten years")

    def _extend_forward(self) -> None:
        day = self._last
        added = 0
        while added == 0 or (day - self._last).days < _CHUNK_DAYS:
            day += timedelta(days=1)
            if self.is_working(day):
                self._days.append(day)
                added += 1
        self._last = self._days[-1]

    def _extend_backward(self) -> None:
        day = self._first
        new: list[date] = []
        while not new or (self._first - day).days < _CHUNK_DAYS:
            day -= timedelta(days=1)
            if self.is_working(day):
                new.append(day)
        new.reverse()
        self._days[:0] = new
        self._offset += len(new)
        self._first = self._days[0]

    def date_of(self, index: int) -> date:
        """The working date at ``index`` (0 = origin; negative indices lie before it)."""
        pos = index + self._offset
        while pos < 0:
            self._extend_backward()
            pos = index + self._offset
        while pos >= len(self._days):
            self._extend_forward()
        return self._days[pos]

    def index_of(self, day: date) -> int:
        """The index of ``day``, or of the first working day after it if it is not one."""
        while day < self._first:
            self._extend_backward()
        while day > self._last:
            self._extend_forward()
        return bisect_left(self._days, day) - self._offset

    def index_at_or_before(self, day: date) -> int:
        """The index of ``day``, or of the last working day before it."""
        index = self.index_of(day)
        if self.date_of(index) != day:
            index -= 1
        return index

    def freeze_spans(
        self, freezes: tuple[FreezeWindow, ...] | None = None
    ) -> list[tuple[int, int, FreezeWindow]]:
        """Freeze windows as half-open index spans [start, end), sorted, empty ones dropped."""
        spans = []
        for window in self.calendar.freezes if freezes is None else freezes:
            start = self.index_of(window.start)
            end = self.index_at_or_before(window.end) + 1
            if end > start:
                spans.append((start, end, window))
        spans.sort(key=lambda span: (span[0], span[1]))
        return spans

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in [start, end): what a planner calls the distance between dates."""
        return self.index_of(end) - self.index_of(start)


def format_day(day: date) -> str:
    """A date as planners read it in menus and messages: 12 Mar 2027."""
    return f"{day.day} {day.strftime('%b %Y')}"
