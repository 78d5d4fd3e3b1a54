"""Working-day arithmetic: what a planner counts as "5 working days from Monday"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relplan.domain.calendar import WorkCalendar, format_day
from relplan.domain.model import Calendar, FreezeWindow, Holiday

MON_1_MAR_2027 = date(2027, 3, 1)
EASTER_2027 = (
    Holiday(date(2027, 3, 26), "Good Friday"),
    Holiday(date(2027, 3, 29), "Easter Monday"),
)
SUN_TO_THU = (6, 0, 1, 2, 3)


def office(**values) -> Calendar:
    return Calendar(id="cal", name="Office", **values)


def test_index_zero_is_the_release_start_and_counts_skip_the_weekend():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    assert cal.origin == MON_1_MAR_2027
    assert [cal.date_of(i) for i in range(7)] == [
        date(2027, 3, 1),
        date(2027, 3, 2),
        date(2027, 3, 3),
        date(2027, 3, 4),
        date(2027, 3, 5),
        date(2027, 3, 8),  # Monday after the weekend
        date(2027, 3, 9),
    ]
    assert cal.index_of(date(2027, 3, 8)) == 5


def test_a_release_starting_on_a_saturday_starts_on_monday():
    cal = WorkCalendar(office(), date(2027, 3, 6))
    assert cal.origin == date(2027, 3, 8)
    assert cal.index_of(date(2027, 3, 8)) == 0


def test_a_weekend_day_maps_to_the_next_working_day_or_the_one_before():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    saturday = date(2027, 3, 6)
    assert cal.index_of(saturday) == 5  # Monday 8 Mar
    assert cal.index_at_or_before(saturday) == 4  # Friday 5 Mar
    assert cal.index_at_or_before(date(2027, 3, 5)) == 4
    assert not cal.is_working(saturday)


def test_negative_indices_lie_before_the_release_start():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    assert cal.date_of(-1) == date(2027, 2, 26)  # the Friday before
    assert cal.date_of(-5) == date(2027, 2, 22)
    assert cal.date_of(-6) == date(2027, 2, 19)
    assert cal.index_of(date(2027, 2, 26)) == -1
    assert cal.index_of(date(2027, 2, 27)) == 0  # Saturday before: next working day
    assert cal.index_at_or_before(date(2027, 2, 28)) == -1


def test_easter_holidays_are_not_working_days():
    cal = WorkCalendar(office(holidays=EASTER_2027), MON_1_MAR_2027)
    thursday = cal.index_of(date(2027, 3, 25))
    assert cal.date_of(thursday + 1) == date(2027, 3, 30)  # skips Good Friday to Easter Monday
    assert cal.index_of(date(2027, 3, 26)) == thursday + 1
    assert cal.index_at_or_before(date(2027, 3, 29)) == thursday
    assert cal.working_days_between(date(2027, 3, 22), date(2027, 4, 5)) == 8


def test_a_holiday_on_the_release_start_moves_index_zero():
    cal = WorkCalendar(office(holidays=(Holiday(date(2027, 3, 1), "Closure"),)), MON_1_MAR_2027)
    assert cal.origin == date(2027, 3, 2)


def test_a_sunday_to_thursday_week():
    cal = WorkCalendar(office(work_week=SUN_TO_THU), date(2027, 3, 5))  # a Friday
    assert cal.origin == date(2027, 3, 7)  # Sunday
    assert [cal.date_of(i).strftime("%a %d") for i in range(7)] == [
        "Sun 07",
        "Mon 08",
        "Tue 09",
        "Wed 10",
        "Thu 11",
        "Sun 14",
        "Mon 15",
    ]
    assert cal.index_of(date(2027, 3, 12)) == 5  # Friday off: next is Sunday 14
    assert cal.date_of(-1) == date(2027, 3, 4)  # the Thursday before


def test_a_calendar_without_working_days_is_refused():
    with pytest.raises(ValueError, match="no working days"):
        WorkCalendar(office(work_week=()), MON_1_MAR_2027)


def test_dates_decades_away_in_both_directions():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    far = cal.date_of(10_000)  # about 38 years of working days
    assert far.year == 2065
    assert far.weekday() < 5
    assert cal.index_of(far) == 10_000
    past = cal.date_of(-10_000)
    assert past.year == 1988
    assert cal.index_of(past) == -10_000
    # Extending further does not shift what was already counted.
    assert cal.date_of(0) == MON_1_MAR_2027
    assert cal.date_of(-1) == date(2027, 2, 26)


def test_index_of_a_far_date_first_extends_the_table():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    assert cal.index_of(date(2030, 3, 4)) == 3 * 52 * 5 + 5
    assert cal.index_of(date(2024, 3, 1)) < 0
    assert cal.date_of(cal.index_of(date(2024, 3, 1))) == date(2024, 3, 1)


def _naive_index(cal: Calendar, origin: date, day: date) -> int:
    """Count working days the slow way: the reference for the lazy table."""
    work = set(cal.work_week)
    holidays = {h.on for h in cal.holidays}

    def working(d: date) -> bool:
        return d.weekday() in work and d not in holidays

    while not working(origin):
        origin += timedelta(days=1)
    while not working(day):
        day += timedelta(days=1)
    step = 1 if day >= origin else -1
    count, cursor = 0, origin
    while cursor != day:
        cursor += timedelta(days=step)
        if working(cursor):
            count += step
    return count


calendars = st.builds(
    office,
    work_week=st.sampled_from([(0, 1, 2, 3, 4), SUN_TO_THU, (0, 1, 2, 3), (5,)]),
    holidays=st.lists(st.dates(date(2026, 1, 1), date(2028, 12, 31)).map(Holiday), max_size=20).map(
        tuple
    ),
)


@settings(max_examples=80, deadline=None)
@given(
    cal=calendars,
    origin=st.dates(date(2026, 6, 1), date(2027, 6, 1)),
    day=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
)
def test_index_and_date_agree_with_counting_by_hand(cal, origin, day):
    work = WorkCalendar(cal, origin)
    index = work.index_of(day)
    assert index == _naive_index(cal, origin, day)
    landed = work.date_of(index)
    assert landed >= day
    assert work.is_working(landed)
    assert all(not work.is_working(day + timedelta(days=k)) for k in range((landed - day).days))
    assert work.index_of(landed) == index
    before = work.index_at_or_before(day)
    assert before == (index if landed == day else index - 1)
    assert work.date_of(before) <= day


@settings(max_examples=60, deadline=None)
@given(cal=calendars, indices=st.lists(st.integers(-3000, 3000), min_size=1, max_size=8))
def test_date_of_then_index_of_is_the_identity_in_any_order(cal, indices):
    work = WorkCalendar(cal, MON_1_MAR_2027)
    for index in indices:
        assert work.index_of(work.date_of(index)) == index
    days = [work.date_of(i) for i in sorted(set(indices))]
    assert days == sorted(set(days))


def test_freeze_spans_are_half_open_index_ranges():
    xmas = FreezeWindow("Year-end freeze", date(2027, 12, 20), date(2028, 1, 2))  # Mon .. Sun
    march = FreezeWindow("Quarter close", date(2027, 3, 12), date(2027, 3, 16))  # Fri .. Tue
    weekend = FreezeWindow("Weekend only", date(2027, 3, 6), date(2027, 3, 7))
    cal = WorkCalendar(office(freezes=(xmas, march, weekend)), MON_1_MAR_2027)
    spans = cal.freeze_spans()
    assert [window.name for _s, _e, window in spans] == ["Quarter close", "Year-end freeze"]
    start, end, _ = spans[0]
    assert (cal.date_of(start), cal.date_of(end - 1)) == (date(2027, 3, 12), date(2027, 3, 16))
    assert end - start == 3  # Fri, Mon, Tue
    start, end, _ = spans[1]
    assert (cal.date_of(start), cal.date_of(end - 1)) == (date(2027, 12, 20), date(2027, 12, 31))
    assert cal.date_of(end) == date(2028, 1, 3)  # first working day after the freeze


def test_freeze_spans_of_other_windows_and_before_the_start():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    earlier = FreezeWindow("February freeze", date(2027, 2, 15), date(2027, 2, 19))
    assert cal.freeze_spans((earlier,)) == [(-10, -5, earlier)]
    assert cal.freeze_spans() == []


def test_working_days_between_is_what_a_planner_counts():
    cal = WorkCalendar(office(), MON_1_MAR_2027)
    assert cal.working_days_between(date(2027, 3, 1), date(2027, 3, 8)) == 5
    assert cal.working_days_between(date(2027, 3, 8), date(2027, 3, 1)) == -5
    assert cal.working_days_between(date(2027, 3, 6), date(2027, 3, 7)) == 0


def test_format_day_reads_like_a_planner_writes():
    assert format_day(date(2027, 3, 12)) == "12 Mar 2027"
    assert format_day(date(2027, 11, 2)) == "2 Nov 2027"
