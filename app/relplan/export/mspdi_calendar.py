"""MS Project calendars -> one relplan calendar: work week and holidays.

A relplan release plans on one calendar of whole working days. From the MSPDI file we take
the project calendar (``<CalendarUID>`` of the header), its work week (inherited from its
base calendar when it has none of its own) and its non-working exceptions as holidays.

Exceptions come in two forms. Project 2007 and later write ``<Exceptions><Exception>``
with a recurrence (daily, weekly, monthly, yearly; a count or an end date), and also, for
older readers, the same dates again as ``<WeekDay>`` entries with ``DayType`` 0. We read the
new form when a calendar has it and the old form only when it has not, so no holiday is
counted twice. Recurrences are expanded over their own range (MS Project always stores an
end date or a count); one without either is expanded over the project span.
"""

from __future__ import annotations

import calendar as gregorian
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta

from relplan.domain.model import Calendar, Holiday, new_id
from relplan.export.exchange_report import ExchangeReport, plural
from relplan.export.mspdi import parse_datetime

# DayType 1 = Sunday .. 7 = Saturday; relplan counts 0 = Monday .. 6 = Sunday.
_WEEKDAY_OF_DAYTYPE = {1: 6, 2: 0, 3: 1, 4: 2, 5: 3, 6: 4, 7: 5}
# DaysOfWeek bits: 1 = Sunday, 2 = Monday, ... 64 = Saturday.
_WEEKDAY_BIT = {6: 1, 0: 2, 1: 4, 2: 8, 3: 16, 4: 32, 5: 64}
# MonthItem 3 = Sunday .. 9 = Saturday; 0 = day, 1 = weekday, 2 = weekend day.
_WEEKDAY_OF_ITEM = {3: 6, 4: 0, 5: 1, 6: 2, 7: 3, 8: 4, 9: 5}

# Guards against hostile or broken files: days one exception may cover, and in all.
MAX_DAYS_PER_EXCEPTION = 20 * 366
MAX_HOLIDAYS = 20_000


class _Reader:
    def __init__(self, root: ET.Element, ns: str) -> None:
        self.ns = ns
        self.calendars = {
            self.text(cal, "UID"): cal for cal in root.findall(self.path("Calendars", "Calendar"))
        }

    def path(self, *tags: str) -> str:
        return "/".join(f"{self.ns}{tag}" for tag in tags)

    def text(self, element: ET.Element, tag: str) -> str | None:
        found = element.find(f"{self.ns}{tag}")
        return found.text.strip() if found is not None and found.text else None

    def number(self, element: ET.Element, tag: str, default: int = 0) -> int:
        try:
            return int(float(self.text(element, tag) or default))
        except ValueError:
            return default

    def chain(self, uid: str | None) -> list[ET.Element]:
        """The calendar ``uid`` followed by its base calendars."""
        found: list[ET.Element] = []
        while uid in self.calendars and self.calendars[uid] not in found and len(found) < 10:
            cal = self.calendars[uid]
            found.append(cal)
            uid = self.text(cal, "BaseCalendarUID")
        return found


def read_calendar(
    root: ET.Element, ns: str, span: tuple[date, date], report: ExchangeReport
) -> Calendar:
    """The project calendar as a relplan calendar; the rest goes into the report."""
    reader = _Reader(root, ns)
    uid = reader.text(root, "CalendarUID")
    chain = reader.chain(uid)
    if not chain:
        bases = [c for c in reader.calendars.values() if reader.text(c, "IsBaseCalendar") == "1"]
        chain = reader.chain(reader.text(bases[0], "UID")) if bases else []
    if not chain:
        report.approximate("the file has no project calendar; Monday to Friday is used")
        return Calendar(id=new_id(), name="Standard")
    name = reader.text(chain[0], "Name") or "Standard"
    work_week = _work_week(reader, chain)
    holidays, working, capped = _holidays(reader, chain, span)
    days = ", ".join(gregorian.day_abbr[d] for d in work_week)
    report.keep(f"calendar '{name}': working days {days}, {plural(len(holidays), 'holiday')}")
    report.drop_all(
        "exceptions that add working time (relplan calendars only remove days)", working
    )
    report.drop_all("exceptions cut short (too many days)", capped)
    _report_other_calendars(reader, chain, root, report)
    return Calendar(id=new_id(), name=name, work_week=work_week, holidays=holidays)


def _work_week(reader: _Reader, chain: list[ET.Element]) -> tuple[int, ...]:
    week: dict[int, bool] = {}
    # The calendar's own day types win over its base calendar's.
    for cal in reversed(chain):
        for day in cal.findall(reader.path("WeekDays", "WeekDay")):
            day_type = reader.number(day, "DayType")
            if day_type in _WEEKDAY_OF_DAYTYPE:
                week[_WEEKDAY_OF_DAYTYPE[day_type]] = reader.text(day, "DayWorking") == "1"
    if not week:
        return (0, 1, 2, 3, 4)
    days = tuple(sorted(d for d in range(7) if week.get(d, d < 5)))
    return days or (0, 1, 2, 3, 4)


def _holidays(
    reader: _Reader, chain: list[ET.Element], span: tuple[date, date]
) -> tuple[tuple[Holiday, ...], list[str], list[str]]:
    found: dict[date, str] = {}
    working: list[str] = []
    capped: list[str] = []
    for cal in reversed(chain):  # base calendars first: the derived one may add to them
        exceptions = cal.findall(reader.path("Exceptions", "Exception"))
        if exceptions:
            entries = [_from_exception(reader, exc, span) for exc in exceptions]
        else:
            entries = [
                _from_legacy(reader, day)
                for day in cal.findall(reader.path("WeekDays", "WeekDay"))
                if reader.number(day, "DayType", -1) == 0
            ]
        for name, is_working, days, cut in entries:
            label = f"'{name}'" if name else "an unnamed exception"
            if cut:
                capped.append(label)
            if is_working:
                working.append(label)
                continue
            for day in days:
                if len(found) >= MAX_HOLIDAYS:
                    break
                found.setdefault(day, name)
    holidays = tuple(Holiday(day, found[day]) for day in sorted(found))
    return holidays, working, capped


def _from_legacy(reader: _Reader, day: ET.Element) -> tuple[str, bool, list[date], bool]:
    period = day.find(reader.path("TimePeriod"))
    start = parse_datetime(reader.text(period, "FromDate")) if period is not None else None
    end = parse_datetime(reader.text(period, "ToDate")) if period is not None else None
    if start is None:
        return "", False, [], False
    last = (end or start).date()
    days, cut = _bounded(_every_day(start.date(), last))
    return "", reader.text(day, "DayWorking") == "1", days, cut


def _from_exception(
    reader: _Reader, exc: ET.Element, span: tuple[date, date]
) -> tuple[str, bool, list[date], bool]:
    name = " ".join((reader.text(exc, "Name") or "").split())
    is_working = reader.text(exc, "DayWorking") == "1"
    period = exc.find(reader.path("TimePeriod"))
    start = parse_datetime(reader.text(period, "FromDate")) if period is not None else None
    end = parse_datetime(reader.text(period, "ToDate")) if period is not None else None
    first = start.date() if start else span[0]
    occurrences = reader.number(exc, "Occurrences", 0) or None
    last = end.date() if end else (None if occurrences else span[1])
    rule = _rule(reader, exc)
    candidates = _every_day(first, last) if last else _every_day(first, None)
    days: list[date] = []
    cut = False
    for count, day in enumerate(candidates):
        if count > MAX_DAYS_PER_EXCEPTION:
            cut = True
            break
        if rule(first, day):
            days.append(day)
            if occurrences and len(days) >= occurrences:
                break
    return name, is_working, days, cut


def _rule(reader: _Reader, exc: ET.Element):
    """A test ``(first, day) -> bool`` for the exception's recurrence."""
    kind = reader.number(exc, "Type", 1)
    period = max(1, reader.number(exc, "Period", 1))
    days_of_week = reader.number(exc, "DaysOfWeek", 0)
    item = reader.number(exc, "MonthItem", 0)
    position = reader.number(exc, "MonthPosition", 0)
    month = reader.number(exc, "Month", 0) + 1  # 0 = January
    month_day = reader.number(exc, "MonthDay", 1)

    def months_apart(first: date, day: date) -> int:
        return (day.year - first.year) * 12 + day.month - first.month

    if kind in (1, 7):  # every day, or every N days
        return lambda first, day: (day - first).days % period == 0
    if kind == 8:  # every N weekdays
        return lambda first, day: day.weekday() < 5 and _weekdays_between(first, day) % period == 0
    if kind == 6:  # weekly on some days, every N weeks (weeks start on Sunday)
        return lambda first, day: (
            days_of_week & _WEEKDAY_BIT[day.weekday()] != 0
            and (_sunday_of(day) - _sunday_of(first)).days // 7 % period == 0
        )
    if kind == 5:  # monthly: the Nth weekday of every N months
        return lambda first, day: (
            months_apart(first, day) % period == 0 and _is_nth(day, item, position)
        )
    if kind == 4:  # monthly: day N of every N months
        return lambda first, day: (
            months_apart(first, day) % period == 0
            and day.day == min(month_day, gregorian.monthrange(day.year, day.month)[1])
        )
    if kind == 3:  # yearly: the Nth weekday of a month
        return lambda first, day: day.month == month and _is_nth(day, item, position)
    if kind == 2:  # yearly: a day of a month
        return lambda first, day: (
            day.month == month
            and day.day == min(month_day, gregorian.monthrange(day.year, day.month)[1])
        )
    return lambda first, day: True


def _is_nth(day: date, item: int, position: int) -> bool:
    """Whether ``day`` is the position-th (0..3, 4 = last) MonthItem of its month."""
    matches = [d for d in _month_days(day.year, day.month) if _is_item(d, item)]
    if not matches:
        return False
    index = len(matches) - 1 if position >= 4 else position
    return index < len(matches) and matches[index] == day


def _is_item(day: date, item: int) -> bool:
    if item == 0:
        return True
    if item == 1:
        return day.weekday() < 5
    if item == 2:
        return day.weekday() >= 5
    return _WEEKDAY_OF_ITEM.get(item) == day.weekday()


def _month_days(year: int, month: int) -> list[date]:
    return [date(year, month, d) for d in range(1, gregorian.monthrange(year, month)[1] + 1)]


def _sunday_of(day: date) -> date:
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _weekdays_between(first: date, day: date) -> int:
    """Weekdays (Monday to Friday) in [first, day)."""
    weeks, rest = divmod((day - first).days, 7)
    return weeks * 5 + sum(1 for i in range(rest) if (first.weekday() + i) % 7 < 5)


def _every_day(first: date, last: date | None) -> Iterator[date]:
    day = first
    while last is None or day <= last:
        yield day
        if day == date.max:
            return
        day += timedelta(days=1)


def _bounded(days: Iterator[date]) -> tuple[list[date], bool]:
    found: list[date] = []
    for day in days:
        if len(found) >= MAX_DAYS_PER_EXCEPTION:
            return found, True
        found.append(day)
    return found, False


def _report_other_calendars(
    reader: _Reader, chain: list[ET.Element], root: ET.Element, report: ExchangeReport
) -> None:
    used = {id(cal) for cal in chain}
    unused: list[str] = []
    personal: list[str] = []
    for cal in reader.calendars.values():
        if id(cal) in used:
            continue
        name = f"'{reader.text(cal, 'Name') or reader.text(cal, 'UID')}'"
        if reader.text(cal, "IsBaseCalendar") == "1":
            unused.append(name)
        elif cal.find(reader.path("WeekDays", "WeekDay")) is not None or (
            cal.find(reader.path("Exceptions", "Exception")) is not None
        ):
            personal.append(name)
    report.drop_all("base calendars the project does not plan on", unused)
    report.drop_all(
        "resource calendars with their own working times (people follow the release calendar)",
        personal,
    )
    work_weeks = [
        f"'{reader.text(week, 'Name') or 'unnamed'}'"
        for cal in chain
        for week in cal.findall(reader.path("WorkWeeks", "WorkWeek"))
    ]
    report.drop_all("alternative work weeks for a period", work_weeks)
