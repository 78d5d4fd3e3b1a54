"""The timeline as a planner reads it: keyboard, zoom, selection, refresh, tooltips."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from timeline_support import dates, grab_point, point, record_messages, show_timeline

from relplan.domain import edits
from relplan.domain.model import Constraint, ConstraintKind, FreezeWindow, Project, Release
from relplan.ui.document import Document
from timeline_release import START, small_release


def press_key(view, key) -> None:
    QTest.keyClick(view.chart.viewport(), key)


def test_left_and_right_move_the_selected_item_one_working_day_each(qtbot):
    view = show_timeline(qtbot)
    view.selection.select_item("uat")  # 10 - 11 Mar
    view.chart.setFocus()
    for _ in range(3):
        press_key(view, Qt.Key.Key_Right)  # 11, 12, then Mon 15 Mar: skips the weekend
    assert dates(view, "uat") == (date(2027, 3, 15), date(2027, 3, 16))
    assert view.document.undo_stack.count() == 3
    assert view.document.undo_stack.text(2) == "Move 'UAT cycle 2' to 15 Mar 2027"
    press_key(view, Qt.Key.Key_Left)
    assert dates(view, "uat")[0] == date(2027, 3, 12)
    assert view.document.undo_stack.count() == 4


def test_left_before_the_predecessor_allows_is_refused_with_its_name(qtbot):
    view = show_timeline(qtbot)
    view.selection.select_item("uat")  # held by Test (SS +1)
    with record_messages() as seen:
        press_key(view, Qt.Key.Key_Left)
    assert view.document.undo_stack.count() == 0
    assert seen == [
        ("info", "'UAT cycle 2' can start no earlier than 10 Mar 2027: held by 'Test' (SS+1d).")
    ]


def test_arrow_keys_ask_before_unpinning(qtbot):
    project = small_release()
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 26))
    edits.apply_changes(project, edits.set_constraint(project, "golive", pin))
    view = show_timeline(qtbot, project)
    asked = []
    view.confirm_unpin = lambda name: asked.append(name) or False
    view.selection.select_item("golive")
    press_key(view, Qt.Key.Key_Right)
    assert asked == ["Go-live"]
    assert project.items["golive"].constraint == pin
    assert view.document.undo_stack.count() == 0


def test_delete_removes_the_selected_item_as_one_command(qtbot):
    view = show_timeline(qtbot)
    view.selection.select_item("docs")
    press_key(view, Qt.Key.Key_Delete)
    assert "docs" not in view.document.project.items
    assert "docs" not in view.timeline.row_of
    assert view.selection.item_id is None
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert "docs" in view.timeline.row_of
    assert "kickoff-docs" in view.timeline.arrows


def test_enter_and_double_click_ask_for_the_inspector(qtbot):
    view = show_timeline(qtbot)
    opened: list[str] = []
    view.open_inspector_requested.connect(opened.append)
    view.selection.select_item("test")
    press_key(view, Qt.Key.Key_Return)
    QTest.mouseDClick(
        view.chart.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        grab_point(view, "build"),
    )
    assert opened == ["test", "build"]
    assert view.selection.item_id == "build"


def test_clicking_a_bar_or_a_name_selects_and_selection_from_elsewhere_highlights(qtbot):
    view = show_timeline(qtbot)
    QTest.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=grab_point(view, "test"))
    assert view.selection.item_id == "test"
    row = view.timeline.rows[view.timeline.row_of["docs"]]
    y = int(row.mid_y - view.chart.verticalScrollBar().value()) + view.axis.height()
    QTest.mouseClick(view.names, Qt.MouseButton.LeftButton, pos=QPoint(60, y))
    assert view.selection.item_id == "docs"
    view.selection.select_item("golive")
    assert view.chart.selected_id == "golive"


def test_the_name_column_scrolls_with_the_rows(qtbot):
    project = small_release()
    for n in range(60):
        edits.apply_changes(project, edits.add_item(project, "rel", f"Extra {n}", item_id=f"x{n}"))
    view = show_timeline(qtbot, project)
    view.chart.verticalScrollBar().setValue(400)
    top = view.chart.mapToScene(QPoint(0, 0)).y()
    in_chart = view.timeline.row_at(top + 5)
    in_names = view.names.row_at(view.axis.height() + 5)
    assert in_chart is not None and in_chart == in_names
    assert view.axis.geometry().bottom() < view.chart.geometry().top() + 1  # axis stays on top


def test_set_zoom_and_ctrl_wheel_change_the_scale(qtbot):
    view = show_timeline(qtbot)
    zooms: list[str] = []
    view.zoom_changed.connect(zooms.append)
    view.set_zoom("month")
    assert view.timeline.scale.px_per_day == 3.0
    view.zoom_in()
    assert view.zoom == "week"
    wheel = QWheelEvent(
        QPointF(100, 100),
        QPointF(view.chart.viewport().mapToGlobal(QPoint(100, 100))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.chart.viewport(), wheel)
    assert view.zoom == "day"
    view.zoom_in()  # already the closest zoom
    assert zooms == ["month", "week", "day"]
    with pytest.raises(ValueError, match="unknown zoom"):
        view.set_zoom("hour")


def test_a_move_repaints_only_what_moved(qtbot):
    view = show_timeline(qtbot)
    timeline = view.timeline
    untouched = timeline.bars["build"]
    document = view.document
    assert document.push(edits.move_item(document.project, "docs", date(2027, 3, 8)))
    assert view.timeline is timeline  # updated in place, not rebuilt
    assert timeline.bars["docs"].start == date(2027, 3, 8)
    assert timeline.bars["build"] is untouched


def test_a_new_dependency_or_release_change_lays_the_chart_out_again(qtbot):
    view = show_timeline(qtbot)
    document = view.document
    first = view.timeline
    assert document.push(edits.add_dependency(document.project, "docs", "test"))
    assert view.timeline is not first
    assert "docs-test" not in first.arrows
    assert any(
        a.predecessor_id == "docs" and a.successor_id == "test"
        for a in view.timeline.arrows.values()
    )


def test_set_document_and_release_selection_choose_what_is_shown(qtbot):
    view = show_timeline(qtbot)
    other = small_release()
    other.add(Release("rel2", "Release 2.5", "2.5", date(2027, 6, 1)))
    edits.apply_changes(other, edits.add_item(other, "rel2", "Hotfix", item_id="hotfix"))
    view.set_document(Document(other))
    assert view.timeline.release.id == "rel"  # the first release
    view.selection.select_release("rel2")
    assert list(view.timeline.row_of) == ["hotfix"]
    view.document.reloaded.emit()
    assert list(view.timeline.row_of) == ["hotfix"]


def test_tooltips_name_dates_slack_driver_and_conflicts(qtbot):
    project = small_release(
        freezes=(FreezeWindow("Easter freeze", START.replace(day=29), START.replace(day=31)),)
    )
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 9))
    edits.apply_changes(project, edits.set_constraint(project, "golive", pin))
    view = show_timeline(qtbot, project)
    bar = view.timeline.bars["test"]
    text = view.chart.tooltip_at(QPointF((bar.x0 + bar.x1) / 2, bar.mid_y))
    assert "<b>Test</b>" in text
    assert "9 Mar 2027 – 11 Mar 2027 (3 working days)" in text
    assert "Held by: &#x27;Build API&#x27; (FS)" in text
    assert "Slack:" in text
    golive = view.timeline.bars["golive"]
    text = view.chart.tooltip_at(QPointF(golive.x1, golive.mid_y))
    assert "must finish on 9 Mar 2027" in text
    x = view.timeline.scale.x_of(date(2027, 3, 30))
    text = view.chart.tooltip_at(QPointF(x + 5, view.timeline.height + 50))
    assert "Easter freeze" in text and "29 Mar 2027 – 31 Mar 2027" in text


def test_hovering_a_bar_shows_its_link_handle(qtbot):
    view = show_timeline(qtbot)
    QTest.mouseMove(view.chart.viewport(), grab_point(view, "build"))
    assert view.chart.hover_id == "build"
    bar = view.timeline.bars["build"]
    assert view.chart.hit(QPointF(bar.end_x + 9, bar.mid_y)).part == "link"
    QTest.mouseMove(view.chart.viewport(), point(view, 5, view.timeline.height + 40))
    assert view.chart.hover_id is None


def test_a_project_without_releases_or_items_shows_an_empty_chart(qtbot):
    view = show_timeline(qtbot, Project())
    assert view.timeline is None
    view.set_zoom("week")
    project = Project()
    project.add(Release("empty", "Release 3.0", "3.0", date(2027, 5, 3), date(2027, 6, 30)))
    view.set_document(Document(project))
    assert view.timeline is not None and view.timeline.rows == []
    assert view.chart.tooltip_at(QPointF(10, 10)) == ""
    view.chart.viewport().repaint()
    view.names.repaint()
    view.axis.repaint()
