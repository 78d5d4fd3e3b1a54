"""Timeline geometry without Qt: the numbers the screen and the PDF both draw from."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from relplan.domain import edits
from relplan.domain.model import Constraint, ConstraintKind, DependencyType, FreezeWindow, Holiday
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.layout import (
    BAR_HEIGHT,
    PX_PER_DAY,
    ROW_HEIGHT,
    Scale,
    TimelineLayout,
    route,
)
from timeline_release import DEADLINE, START, small_release


def layout_of(project, zoom="day", today=None) -> TimelineLayout:
    schedule = ReleaseSchedule(project, project.releases["rel"])
    return TimelineLayout(project, schedule, zoom, today=today)


def test_scale_converts_dates_to_x_and_back():
    scale = Scale("day", date(2027, 3, 1), 28.0)
    assert scale.x_of(date(2027, 3, 3)) == 56.0
    assert scale.date_at(56.0) == date(2027, 3, 3)
    assert scale.date_at(83.9) == date(2027, 3, 3)
    assert scale.days_in(-30) == -1


@pytest.mark.parametrize("zoom", ["day", "week", "month"])
def test_each_zoom_has_its_own_day_width_and_starts_before_the_release(zoom):
    layout = layout_of(small_release(), zoom)
    assert layout.scale.px_per_day == PX_PER_DAY[zoom]
    assert layout.first <= START
    assert layout.last >= DEADLINE
    assert layout.width == layout.scale.x_of(layout.last) + layout.scale.px_per_day


def test_unknown_zoom_is_refused():
    with pytest.raises(ValueError, match="unknown zoom"):
        layout_of(small_release(), "hour")


def test_rows_are_grouped_by_phase_in_phase_order_with_a_header_each():
    layout = layout_of(small_release())
    labels = [(row.label, row.is_header) for row in layout.rows]
    assert labels == [
        ("Plan", True),
        ("Kick-off", False),
        ("Build", True),
        ("Build API", False),
        ("Write docs", False),
        ("Test", True),
        ("Test", False),
        ("UAT cycle 2", False),
        ("Deploy", True),
        ("Go-live", False),
    ]
    assert [row.y for row in layout.rows] == [n * ROW_HEIGHT for n in range(10)]
    assert layout.height == 10 * ROW_HEIGHT
    assert layout.row_at(3 * ROW_HEIGHT + 1).item_id == "build"
    assert list(layout.rows_between(ROW_HEIGHT * 2.5, ROW_HEIGHT * 4.2)) == [2, 3, 4]


def test_a_task_bar_spans_its_working_days_and_a_milestone_sits_on_the_end_of_its_day():
    layout = layout_of(small_release())
    x = layout.scale.x_of
    build = layout.bars["build"]  # 2 Mar .. 8 Mar
    assert (build.start, build.finish) == (date(2027, 3, 2), date(2027, 3, 8))
    assert build.x0 == x(date(2027, 3, 2))
    assert build.x1 == x(date(2027, 3, 9))
    assert build.y1 - build.y0 == BAR_HEIGHT
    assert build.mid_y == layout.rows[layout.row_of["build"]].mid_y
    golive = layout.bars["golive"]  # shown on Thu 11 Mar
    assert golive.milestone
    assert golive.finish == date(2027, 3, 11)
    assert golive.x0 == golive.x1 == x(date(2027, 3, 12))
    assert layout.describe("build") == "2 Mar 2027 – 8 Mar 2027 (5 working days)"
    assert layout.describe("golive") == "11 Mar 2027"


def _is_right_angled(points):
    return all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points))


def test_arrows_leave_and_enter_at_the_right_ends_for_each_type():
    project = small_release()
    for pred, succ, kind in [("docs", "test", "FF"), ("docs", "uat", "SF")]:
        change = edits.add_dependency(
            project, pred, succ, DependencyType(kind), 0, f"{pred}-{succ}"
        )
        edits.apply_changes(project, change)
    layout = layout_of(project)
    bars, arrows = layout.bars, layout.arrows
    cases = {
        "build-test": (bars["build"].end_x, bars["test"].start_x, 1),  # FS
        "test-uat": (bars["test"].start_x, bars["uat"].start_x, 1),  # SS
        "docs-test": (bars["docs"].end_x, bars["test"].end_x, -1),  # FF
        "docs-uat": (bars["docs"].start_x, bars["uat"].end_x, -1),  # SF
    }
    for dep_id, (from_x, to_x, heading) in cases.items():
        points = arrows[dep_id].points
        assert points[0] == (from_x, bars[arrows[dep_id].predecessor_id].mid_y), dep_id
        assert points[-1] == (to_x, bars[arrows[dep_id].successor_id].mid_y), dep_id
        assert _is_right_angled(points), dep_id
        assert (points[-1][0] - points[-2][0]) * heading > 0, dep_id  # head points into the bar
    golive = bars["golive"]
    assert arrows["uat-golive"].points[-1][0] == golive.start_x < golive.x1


def test_a_connector_goes_round_when_the_successor_starts_before_the_predecessor_ends():
    points = route(100, 10, 1, 60, 40, 1, turn_y=20)
    assert points[0] == (100, 10) and points[-1] == (60, 40)
    assert (108, 20) in points and (52, 20) in points
    assert _is_right_angled(points)


def test_day_zoom_axis_has_day_numbers_under_week_bands():
    layout = layout_of(small_release(), "day")
    assert [c.label for c in layout.cells[:8]] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    first_band = layout.bands[0]
    assert first_band.label == "Mar 2027 · W9"
    assert first_band.x1 - first_band.x0 == 7 * 28


def test_week_zoom_axis_shows_iso_week_starts_under_months():
    layout = layout_of(small_release(), "week")
    assert all(c.day.weekday() == 0 for c in layout.cells)
    assert "1 Mar" in [c.label for c in layout.cells]
    assert "March 2027" in [b.label for b in layout.bands]


def test_month_zoom_axis_shows_month_names_under_years():
    layout = layout_of(small_release(), "month")
    assert [c.label for c in layout.cells][:3] == ["March", "April", "May"]
    assert layout.bands[0].label == "2027"


def test_weekends_holidays_and_freezes_are_shaded_with_names():
    freeze = FreezeWindow("Quarter-end freeze", date(2027, 3, 24), date(2027, 3, 26))
    project = small_release(freezes=(freeze,), holidays=(Holiday(date(2027, 3, 5), "Founders"),))
    layout = layout_of(project)
    x = layout.scale.x_of
    weekend = next(s for s in layout.shades if s.kind == "nonworking")
    assert (weekend.start, weekend.x0, weekend.x1) == (
        date(2027, 3, 6),
        x(date(2027, 3, 6)),
        x(date(2027, 3, 8)),
    )
    holiday = next(s for s in layout.shades if s.kind == "holiday")
    assert (holiday.label, holiday.x0) == ("Founders", x(date(2027, 3, 5)))
    frozen = next(s for s in layout.shades if s.kind == "freeze")
    assert frozen.label == "Quarter-end freeze"
    assert (frozen.x0, frozen.x1) == (x(date(2027, 3, 24)), x(date(2027, 3, 27)))
    month = layout_of(project, "month")
    assert not [s for s in month.shades if s.kind == "nonworking"]  # too thin to read


def test_today_and_deadline_lines():
    layout = layout_of(small_release(), today=date(2027, 3, 4))
    x = layout.scale.x_of
    assert layout.today_x == x(date(2027, 3, 4)) + 14
    assert layout.deadline_x == x(date(2027, 4, 1))
    assert layout_of(small_release(), today=date(2030, 1, 1)).today_x is None


def test_critical_and_conflict_flags():
    project = small_release()
    layout = layout_of(project)
    assert layout.bars["build"].critical and not layout.bars["docs"].critical
    assert layout.arrows["build-test"].critical
    assert not layout.arrows["kickoff-docs"].critical
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 9))
    edits.apply_changes(project, edits.set_constraint(project, "golive", pin))
    layout = layout_of(project)
    assert layout.bars["golive"].conflict
    assert "must finish on 9 Mar 2027" in layout.conflict_text["golive"][0]


def test_update_refreshes_only_what_moved():
    project = small_release()
    layout = layout_of(project)
    schedule = layout.schedule
    before = dict(layout.bars)
    edits.apply_changes(project, edits.move_item(project, "docs", date(2027, 3, 3)))
    moved = schedule.update({"docs"})
    changed, links = layout.update(moved)
    assert changed == {"docs"}
    assert links == {"kickoff-docs"}
    assert layout.bars["docs"].start == date(2027, 3, 3)
    assert layout.bars["build"] is before["build"]


def test_update_follows_a_move_past_the_end_of_the_chart():
    project = small_release()
    layout = layout_of(project, "day")
    edits.apply_changes(project, edits.move_item(project, "golive", date(2027, 9, 1)))
    changed, _links = layout.update(layout.schedule.update({"golive"}))
    assert "golive" in changed
    assert layout.last > date(2027, 9, 1)
    assert layout.width == layout.scale.x_of(layout.last) + 28


def test_update_takes_a_renamed_item():
    project = small_release()
    layout = layout_of(project)
    edits.apply_changes(project, edits.update_item(project, "docs", name="Write the guide"))
    layout.update({"docs"})
    assert layout.rows[layout.row_of["docs"]].label == "Write the guide"


def test_ghosts_and_resized_bars_preview_without_changing_the_layout():
    layout = layout_of(small_release())
    ghost = layout.ghost("golive", 12)  # shown on the 11th working day: Tue 16 Mar
    assert ghost.finish == date(2027, 3, 16)
    longer = layout.resized("build", 7)
    assert longer.finish == date(2027, 3, 10)
    assert longer.x0 == layout.bars["build"].x0
    assert layout.bars["build"].finish == date(2027, 3, 8)


def test_arrows_between_finds_arrows_crossing_a_band_of_rows():
    layout = layout_of(small_release())
    build_y = layout.rows[layout.row_of["build"]].mid_y
    found = {a.dependency_id for a in layout.arrows_between(build_y - 1, build_y + 1)}
    assert found == {"kickoff-build", "build-test", "kickoff-docs"}  # kick-off -> docs crosses
    assert layout.arrows_between(-100, -50) == []
