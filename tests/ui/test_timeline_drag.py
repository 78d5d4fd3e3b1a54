"""Scheduling on the timeline with the mouse: drag, resize, link, as a planner does it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from timeline_support import (
    DAY,
    dates,
    drag,
    grab_point,
    handle_point,
    point,
    record_messages,
    show_timeline,
)

from relplan.domain import edits
from relplan.domain.model import Constraint, ConstraintKind, FreezeWindow
from timeline_release import small_release


@pytest.fixture
def recorded():
    with record_messages() as seen:
        yield seen


def test_dragging_a_milestone_sets_its_date_moves_dependents_and_is_one_command(qtbot):
    project = small_release()
    edits.apply_changes(project, edits.add_item(project, "rel", "Party", item_id="party"))
    edits.apply_changes(project, edits.add_dependency(project, "golive", "party"))
    view = show_timeline(qtbot, project)
    document = view.document
    before = {i: dates(view, i) for i in project.items}
    start = grab_point(view, "golive")  # shown on Thu 11 Mar
    drag(view, start, start + QPoint(8 * DAY, 0))  # Fri 19 Mar

    assert project.items["golive"].constraint == Constraint(
        ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 19)
    )
    assert dates(view, "golive") == (date(2027, 3, 19), date(2027, 3, 19))
    assert dates(view, "party") == (date(2027, 3, 22), date(2027, 3, 22))  # next working day
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == "Move 'Go-live' to 19 Mar 2027"
    assert view.timeline.bars["golive"].finish == date(2027, 3, 19)  # the chart followed

    document.undo_stack.undo()
    assert {i: dates(view, i) for i in project.items} == before
    assert project.items["golive"].constraint is None
    assert view.timeline.bars["party"].start == date(2027, 3, 12)

    document.undo_stack.redo()
    assert dates(view, "golive") == (date(2027, 3, 19), date(2027, 3, 19))
    assert dates(view, "party") == (date(2027, 3, 22), date(2027, 3, 22))


def test_while_dragging_ghosts_show_where_dependents_land_without_changing_anything(qtbot):
    view = show_timeline(qtbot)
    viewport = view.chart.viewport()
    start = grab_point(view, "build")
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(DAY, 0))
    QTest.mouseMove(viewport, start + QPoint(2 * DAY, 0))

    preview = view.chart.drag.preview
    schedule = view.document.schedules["rel"]
    assert set(preview) == {"build", "test", "uat", "golive"}
    assert schedule.index_to_start_date("golive", preview["golive"]) == date(2027, 3, 15)
    assert view.chart.drag.label == "4 Mar 2027"
    assert view.document.project.items["build"].constraint is None
    assert view.document.undo_stack.count() == 0

    QTest.keyClick(viewport, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert view.document.undo_stack.count() == 0


def test_dropping_before_a_predecessor_snaps_and_names_it(qtbot, recorded):
    project = small_release()
    edits.apply_changes(project, edits.move_item(project, "golive", date(2027, 3, 24)))
    view = show_timeline(qtbot, project)
    start = grab_point(view, "golive")  # shown on Wed 24 Mar
    drag(view, start, start + QPoint(-20 * DAY, 0))  # 4 Mar: before UAT ends on 11 Mar

    assert dates(view, "golive") == (date(2027, 3, 11), date(2027, 3, 11))
    assert project.items["golive"].constraint.on == date(2027, 3, 11)
    assert (
        "info",
        "'Go-live' can start no earlier than 11 Mar 2027: held by 'UAT cycle 2' (FS).",
    ) in recorded
    assert view.document.undo_stack.count() == 1


def test_a_click_without_movement_selects_and_pushes_nothing(qtbot):
    view = show_timeline(qtbot)
    start = grab_point(view, "test")
    drag(view, start, start + QPoint(1, 1), steps=1)  # less than the start-drag distance
    assert view.document.undo_stack.count() == 0
    assert view.selection.item_id == "test"
    assert view.chart.drag is None


def test_dragging_the_right_edge_changes_the_duration(qtbot):
    view = show_timeline(qtbot)
    bar = view.timeline.bars["build"]  # 2 .. 8 Mar, 5 working days
    start = point(view, bar.x1 - 2, bar.mid_y)
    drag(view, start, start + QPoint(2 * DAY, 0))  # to Wed 10 Mar
    assert view.document.project.items["build"].duration == 7
    assert dates(view, "build") == (date(2027, 3, 2), date(2027, 3, 10))
    assert dates(view, "test")[0] == date(2027, 3, 11)
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.text(0) == "Set 'Build API' to 7 days"


def test_dragging_from_the_link_handle_onto_another_item_adds_a_dependency(qtbot):
    view = show_timeline(qtbot)
    project = view.document.project
    drag(view, handle_point(view, "docs"), grab_point(view, "uat"))
    links = [d for d in project.dependencies.values() if d.predecessor_id == "docs"]
    assert [(d.successor_id, d.type.value) for d in links] == [("uat", "FS")]
    assert view.document.undo_stack.text(0) == "Link 'Write docs' to 'UAT cycle 2' (FS)"
    assert "docs" in {a.predecessor_id for a in view.timeline.arrows.values()}


def test_a_link_that_would_close_a_cycle_is_refused_and_names_it(qtbot, recorded):
    view = show_timeline(qtbot)
    before = dict(view.document.project.dependencies)
    drag(view, handle_point(view, "golive"), grab_point(view, "build"))
    assert view.document.project.dependencies == before
    assert view.document.undo_stack.count() == 0
    errors = [text for level, text in recorded if level == "error"]
    assert len(errors) == 1
    assert "'Go-live' → 'Build API' → 'Test' → 'UAT cycle 2' → 'Go-live'" in errors[0]


def test_dragging_a_pinned_item_asks_first(qtbot):
    project = small_release()
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 26))
    edits.apply_changes(project, edits.set_constraint(project, "golive", pin))
    view = show_timeline(qtbot, project)
    asked: list[str] = []
    view.confirm_unpin = lambda name: asked.append(name) or False
    start = grab_point(view, "golive")
    drag(view, start, start + QPoint(3 * DAY, 0))
    assert asked == ["Go-live"]
    assert project.items["golive"].constraint == pin
    assert view.document.undo_stack.count() == 0

    view.confirm_unpin = lambda name: asked.append(name) or True
    drag(view, start, start + QPoint(3 * DAY, 0))  # Fri 26 -> Mon 29 Mar
    assert project.items["golive"].constraint.kind is ConstraintKind.START_NO_EARLIER_THAN
    assert dates(view, "golive")[0] == date(2027, 3, 29)
    assert view.document.undo_stack.count() == 1


def test_a_deploy_item_dropped_in_a_freeze_lands_after_it_and_says_why(qtbot, recorded):
    freeze = FreezeWindow("Spring freeze", date(2027, 3, 15), date(2027, 3, 19))
    view = show_timeline(qtbot, small_release(freezes=(freeze,)))
    start = grab_point(view, "golive")  # Thu 11 Mar
    drag(view, start, start + QPoint(6 * DAY, 0))  # Wed 17 Mar, inside the freeze
    assert dates(view, "golive")[0] == date(2027, 3, 22)
    assert view.document.undo_stack.count() == 1
    assert (
        "info",
        "'Go-live' is a Deploy item and cannot be scheduled in the freeze 'Spring freeze'; "
        "it is on 22 Mar 2027 instead.",
    ) in recorded
