"""The dependency graph tab, used as a planner uses it: link by dragging, edit links,
select, collapse phases, drop people on boxes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from timeline_support import record_messages
from window_support import (
    BUILD,
    GOLIVE,
    IGNORE_OFFSCREEN,
    KICKOFF,
    TEST,
    project_file_fixture,  # noqa: F401  (a fixture)
    prompts_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    window_fixture,  # noqa: F401  (a fixture)
)

from relplan.domain import edits
from relplan.domain.model import (
    Constraint,
    ConstraintKind,
    DependencyType,
    ItemKind,
    Person,
    Phase,
    RaciRole,
    Release,
    Team,
)
from relplan.export import graph_layout
from relplan.export.graph_layout import polyline, summary_key
from relplan.ui.document import Document
from relplan.ui.people_mime import PeopleDrag, people_mime
from relplan.ui.selection import Selection
from relplan.ui.views.graph_panels import build_context_menu
from relplan.ui.views.graph_view import GraphView
from relplan.ui.views.timeline_view import TimelineView
from timeline_release import small_release

_windows: list[QWidget] = []


@pytest.fixture(autouse=True)
def _close_windows():
    yield
    _windows.clear()


def people_release():
    project = small_release()
    project.add(Team("qa", "Quality"))
    project.add(Person("ann", "Ann Archer", team_id="qa"))
    project.add(Person("bob", "Bob Baker", team_id="qa"))
    project.add(Person("cem", "Cem Celik"))
    return project


def show_graph(qtbot, project=None, selection: Selection | None = None) -> GraphView:
    document = Document(project or people_release())
    window = QWidget()  # a plain window around the view, as the main window's tab is
    qtbot.addWidget(window)
    window.resize(1300, 600)
    view = GraphView(document, selection or Selection(), window)
    view.setGeometry(0, 0, 1300, 600)
    window.show()
    qtbot.waitExposed(window)
    view.canvas.set_scale(1.0)
    _windows.append(window)
    return view


def centre(view: GraphView, key: str) -> QPoint:
    """Viewport position of the middle of a box (or a diamond)."""
    node = view.graph.nodes[key]
    view.canvas.show_node(key)
    return view.canvas.mapFromScene(QPointF(node.x + node.width / 2, node.port_y))


def on_link(view: GraphView, key: str) -> QPoint:
    """Viewport position of a point on a link's route, away from the boxes."""
    edge = view.graph.edges[key]
    line = polyline(edge.points)
    x, y = line[len(line) // 2]
    view.canvas.centerOn(x, y)
    return view.canvas.mapFromScene(QPointF(x, y))


def drag(view: GraphView, start: QPoint, end: QPoint, steps: int = 5) -> None:
    viewport = view.canvas.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for n in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * n / steps)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def click(view: GraphView, at: QPoint) -> None:
    QTest.mouseClick(
        view.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at
    )


def links(view: GraphView) -> set[tuple[str, str]]:
    return {(d.predecessor_id, d.successor_id) for d in view.document.project.dependencies.values()}


# --- linking ------------------------------------------------------------------------------


def test_dragging_from_one_box_to_another_links_them_in_one_command(qtbot):
    view = show_graph(qtbot)
    stack = view.document.undo_stack
    start = centre(view, "docs")
    drag(view, start, centre(view, "uat"))
    assert ("docs", "uat") in links(view)
    assert stack.count() == 1
    assert stack.undoText() == "Link 'Write docs' to 'UAT cycle 2' (FS)"
    # The new link is selected and drawn; the layout now puts UAT after Write docs.
    edge = view.graph.edges[view.selected_edge]
    assert (edge.source, edge.target) == ("docs", "uat")
    stack.undo()
    assert ("docs", "uat") not in links(view)
    assert view.selected_edge is None


def test_a_link_that_would_close_a_cycle_is_refused_with_the_cycle_named(qtbot):
    view = show_graph(qtbot)
    before = links(view)
    with record_messages() as seen:
        drag(view, centre(view, "golive"), centre(view, "build"))
    assert links(view) == before
    assert view.document.undo_stack.count() == 0
    (level, text), *_ = seen
    assert level == "error"
    assert text == (
        "'Build API' cannot depend on 'Go-live': that would close the cycle "
        "'Go-live' → 'Build API' → 'Test' → 'UAT cycle 2' → 'Go-live'."
    )


def test_a_short_wiggle_on_a_box_only_selects_it(qtbot):
    view = show_graph(qtbot)
    start = centre(view, "test")
    drag(view, start, start + QPoint(1, 1), steps=1)
    assert view.selection.item_id == "test"
    assert view.document.undo_stack.count() == 0


def test_dragging_the_background_pans(qtbot):
    view = show_graph(qtbot)
    view.canvas.set_scale(2.0)
    view.canvas.centerOn(600, 150)
    bar = view.canvas.horizontalScrollBar()
    before = bar.value()
    assert before > 0
    empty = view.canvas.mapFromScene(QPointF(view.graph.width / 2, view.graph.height - 5))
    assert view.canvas.node_at(QPointF(empty)) is None
    drag(view, empty, empty + QPoint(-80, 0))
    assert bar.value() == before + 80
    assert view.document.undo_stack.count() == 0


def test_ctrl_wheel_and_the_buttons_zoom_and_fit_shows_everything(qtbot):
    view = show_graph(qtbot)
    canvas = view.canvas
    at = QPointF(centre(view, "test"))
    wheel = QWheelEvent(
        at,
        QPointF(canvas.viewport().mapToGlobal(at.toPoint())),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), wheel)
    assert canvas.scale_factor == pytest.approx(1.25)
    assert canvas.node_at(at).key == "test"  # zoomed about the mouse
    view.toolbar.zoom_out.click()
    view.toolbar.zoom_out.click()
    assert canvas.scale_factor == pytest.approx(0.8)
    assert view.toolbar.zoom_label.text() == "80 %"
    view.toolbar.fit.click()
    assert canvas.scale_factor <= 1.0
    assert canvas.visible_scene_rect().contains(QRectF(0, 0, view.graph.width, view.graph.height))


# --- editing links ------------------------------------------------------------------------


def test_clicking_a_link_selects_it_and_its_panel_edits_type_and_lag(qtbot):
    view = show_graph(qtbot)
    click(view, on_link(view, "kickoff-docs"))
    assert view.selected_edge == "kickoff-docs"
    assert view.selection.item_id == "docs"  # the inspector shows the successor's links
    panel = view.link_panel
    assert panel.isVisible()
    assert panel.title.text() == "Link: 'Kick-off' → 'Write docs'"
    stack = view.document.undo_stack
    panel.type_box.activated.emit(panel.type_box.findData(DependencyType.SS))
    assert view.document.project.dependencies["kickoff-docs"].type == DependencyType.SS
    panel.lag_box.setValue(2)
    assert view.document.project.dependencies["kickoff-docs"].lag == 2
    assert stack.count() == 2
    assert view.graph.link_text(view.graph.edges["kickoff-docs"]) == "SS +2d"
    stack.undo()
    stack.undo()
    dep = view.document.project.dependencies["kickoff-docs"]
    assert (dep.type, dep.lag) == (DependencyType.FS, 0)
    assert panel.lag_box.value() == 0  # the panel follows undo
    assert view.selected_edge == "kickoff-docs"


def test_delete_removes_the_selected_link_and_undo_brings_it_back(qtbot):
    view = show_graph(qtbot)
    click(view, on_link(view, "kickoff-docs"))
    QTest.keyClick(view.canvas, Qt.Key.Key_Delete)
    assert "kickoff-docs" not in view.document.project.dependencies
    assert "kickoff-docs" not in view.graph.edges
    assert not view.link_panel.isVisible()
    assert view.document.undo_stack.undoText() == "Remove link 'Kick-off' to 'Write docs'"
    view.document.undo_stack.undo()
    assert "kickoff-docs" in view.graph.edges


def test_the_context_menu_of_a_link_changes_its_type_and_removes_it(qtbot):
    view = show_graph(qtbot)
    view.select_edge("build-test")
    menu = build_context_menu(view, None, view.graph.edges["build-test"])
    actions = {a.text(): a for a in menu.actions()}
    assert actions["Finish to start"].isChecked()
    actions["Finish to finish"].trigger()
    assert view.document.project.dependencies["build-test"].type == DependencyType.FF
    actions["Remove Link"].trigger()
    assert "build-test" not in view.document.project.dependencies
    assert view.document.undo_stack.count() == 2


# --- selection ----------------------------------------------------------------------------


def test_selection_is_shared_with_the_timeline_both_ways(qtbot):
    selection = Selection()
    view = show_graph(qtbot, selection=selection)
    timeline = TimelineView(view.document, selection)
    _windows.append(timeline)
    click(view, centre(view, "test"))
    assert selection.item_id == "test"
    assert timeline.chart.selected_id == "test"
    assert view.canvas.selected_key == "test"
    selection.select_item("golive")  # as a click on the timeline does
    assert view.canvas.selected_key == "golive"
    click(view, view.canvas.mapFromScene(QPointF(view.graph.width / 2, view.graph.height - 4)))
    assert selection.item_id is None
    assert timeline.chart.selected_id is None


def test_enter_and_double_click_open_the_inspector(qtbot):
    view = show_graph(qtbot)
    with qtbot.waitSignal(view.open_inspector_requested) as opened:
        QTest.mouseDClick(
            view.canvas.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            centre(view, "uat"),
        )
    assert opened.args == ["uat"]
    assert view.document.undo_stack.count() == 0


# --- phases -------------------------------------------------------------------------------


def test_collapse_a_phase_into_a_summary_and_expand_it_with_a_double_click(qtbot):
    view = show_graph(qtbot)
    view.selection.select_item("docs")
    view.toolbar.phase_buttons[Phase.BUILD].click()  # pressed = expanded: now collapsed
    key = summary_key(Phase.BUILD)
    assert view.collapsed() == {Phase.BUILD}
    assert set(view.graph.nodes[key].item_ids) == {"build", "docs"}
    assert view.canvas.selected_key == key  # the selected item is inside it
    assert "build" not in view.graph.nodes
    QTest.mouseDClick(
        view.canvas.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        centre(view, key),
    )
    assert view.collapsed() == frozenset()
    assert "build" in view.graph.nodes
    assert view.toolbar.phase_buttons[Phase.BUILD].isChecked()


def test_a_big_release_opens_with_its_phases_collapsed(qtbot, monkeypatch):
    monkeypatch.setattr(graph_layout, "COLLAPSE_ABOVE", 3)
    view = show_graph(qtbot)
    assert view.collapsed() == frozenset(Phase)
    assert {n.key for n in view.graph.nodes.values()} == {
        summary_key(p) for p in (Phase.PLAN, Phase.BUILD, Phase.TEST, Phase.DEPLOY)
    }
    assert not view.toolbar.phase_buttons[Phase.REQUEST].isEnabled()
    view.expand_all()
    assert len(view.graph.nodes) == 6


def test_the_graph_follows_the_release_chosen(qtbot):
    project = people_release()
    project.add(Release("next", "Release 2.5", start=date(2027, 5, 3)))
    edits.apply_changes(
        project, edits.add_item(project, "next", "Plan 2.5", ItemKind.TASK, item_id="plan25")
    )
    view = show_graph(qtbot, project)
    view.selection.select_release("next")
    assert set(view.graph.nodes) == {"plan25"}
    view.selection.select_release("rel")
    assert "golive" in view.graph.nodes


def test_a_read_only_file_shows_the_graph_but_takes_no_edits(qtbot):
    view = show_graph(qtbot)
    view.document.read_only = True
    drag(view, centre(view, "docs"), centre(view, "uat"))
    assert ("docs", "uat") not in links(view)
    assert not view.accepts_people(people_mime(PeopleDrag(("ann",))))
    view.select_edge("kickoff-docs")
    assert not view.link_panel.type_box.isEnabled()
    assert view.document.undo_stack.count() == 0


# --- refreshing ---------------------------------------------------------------------------


def test_a_date_move_refreshes_without_a_new_layout(qtbot):
    view = show_graph(qtbot)
    graph = view.graph
    project = view.document.project
    assert graph.dates_text(graph.nodes["docs"]) == "2 Mar – 4 Mar"
    day = view.document.schedules["rel"].index_to_start_date("docs", 3)
    assert view.document.push(edits.move_item(project, "docs", day))
    assert view.graph is graph  # same geometry object: nothing laid out again
    assert graph.dates_text(graph.nodes["docs"]) == "4 Mar – 8 Mar"
    assert view.document.push(edits.update_item(project, "docs", phase=Phase.TEST))
    assert view.graph is not graph  # a new phase regroups: laid out again


def test_a_hidden_graph_catches_up_when_shown_where_it_was(qtbot):
    view = show_graph(qtbot)
    view.canvas.set_scale(1.5)
    view.canvas.centerOn(500, 100)
    before = view.canvas.visible_scene_rect().center()
    graph = view.canvas.graph
    view.hide()
    project = view.document.project
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 3))
    assert view.document.push(edits.set_constraint(project, "build", pin))
    assert "build" not in graph.conflict_items  # put off while hidden
    view.show()
    assert view.canvas.graph is graph
    assert "build" in graph.conflict_items
    view.hide()
    assert view.document.push(edits.remove_dependency(project, "kickoff-docs"))
    assert view.canvas.graph is graph  # no layout while hidden
    view.show()
    assert view.canvas.graph is not graph
    assert "kickoff-docs" not in view.graph.edges
    assert view.canvas.scale_factor == 1.5
    after = view.canvas.visible_scene_rect().center()
    assert abs(after.x() - before.x()) < 2  # where it was (as far as the new height allows)


# --- people -------------------------------------------------------------------------------


def _drop(view: GraphView, key: str, mime: QMimeData) -> bool:
    """Drag enter, move and drop on a box, as a drag from the people dock delivers them."""
    viewport = view.canvas.viewport()
    at = QPointF(centre(view, key))
    actions, button, mods = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(at.toPoint(), actions, mime, button, mods)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(at.toPoint(), actions, mime, button, mods)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    assert view.canvas.drop_key == key
    drop = QDropEvent(at, actions, mime, button, mods)
    QApplication.sendEvent(viewport, drop)
    assert view.canvas.drop_key is None
    return drop.isAccepted()


def roles(view: GraphView, item_id: str) -> dict[str, RaciRole]:
    return {
        a.person_id: a.role
        for a in view.document.project.assignments.values()
        if a.item_id == item_id
    }


def test_dropping_a_person_on_a_box_makes_them_responsible(qtbot):
    view = show_graph(qtbot)
    assert _drop(view, "test", people_mime(PeopleDrag(("cem",))))
    assert roles(view, "test") == {"cem": RaciRole.RESPONSIBLE}
    assert view.document.undo_stack.undoText() == "Make Cem Celik R on 'Test'"
    assert view.canvas.responsible("test") == "Cem Celik"
    view.document.undo_stack.undo()
    assert roles(view, "test") == {}


def test_dropping_a_team_informs_its_members_in_one_command(qtbot):
    view = show_graph(qtbot)
    project = view.document.project
    assert view.document.push(edits.assign(project, "uat", "ann", RaciRole.RESPONSIBLE))
    assert _drop(view, "uat", people_mime(PeopleDrag(team_id="qa")))
    # Ann keeps her R; Bob is informed.
    assert roles(view, "uat") == {"ann": RaciRole.RESPONSIBLE, "bob": RaciRole.INFORMED}
    assert view.document.undo_stack.count() == 2
    assert view.document.undo_stack.undoText() == "Inform Quality of 'UAT cycle 2'"


def test_people_are_not_dropped_on_a_summary_or_dragged_as_text(qtbot):
    view = show_graph(qtbot)
    view.set_phase_expanded(Phase.TEST, False)
    assert not _drop(view, summary_key(Phase.TEST), people_mime(PeopleDrag(("ann",))))
    text = QMimeData()
    text.setText("Ann")
    assert not _drop(view, "build", text)
    assert view.document.undo_stack.count() == 0


def test_the_drop_handler_tells_when_there_is_nothing_to_do(qtbot):
    view = show_graph(qtbot)
    assert view.drop_people("build", people_mime(PeopleDrag(("ann",))))
    with record_messages() as seen:
        assert not view.drop_people("build", people_mime(PeopleDrag(("ann",))))
    assert seen == [("info", "Ann Archer is already Responsible for 'Build API'.")]


# --- tooltips -----------------------------------------------------------------------------


def test_tooltips_name_the_item_and_the_link(qtbot):
    view = show_graph(qtbot)
    graph = view.graph
    text = view.tooltip(graph.nodes["build"], None)
    assert "Build API" in text and "(critical)" in text
    text = view.tooltip(None, graph.edges["test-uat"])
    assert "Start to start, lag 1 working day" in text


# --- in the main window -------------------------------------------------------------------


@IGNORE_OFFSCREEN
def test_the_graph_tab_comes_after_the_timeline_and_opens_the_inspector(window, project_file):
    window.files.open_path(project_file)
    assert [window.tabs.tabText(n) for n in range(2)] == ["Timeline", "Graph"]
    view = window.tabs.widget(1)
    assert isinstance(view, GraphView)
    window.tabs.setCurrentIndex(1)
    assert set(view.graph.nodes) == {KICKOFF, BUILD, TEST, GOLIVE}
    window.selection.select_item(TEST)
    assert view.canvas.selected_key == TEST
    QTest.mouseDClick(
        view.canvas.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        centre(view, BUILD),
    )
    assert window.selection.item_id == BUILD
    assert window.inspector_dock.isVisible()
    # Delete with a link selected removes the link, not the item the Delete action would.
    view.select_edge("d2")
    view.canvas.setFocus()
    QTest.keyClick(view.canvas, Qt.Key.Key_Delete)
    assert "d2" not in window.document.project.dependencies
    assert TEST in window.document.project.items
    window.files.close_project()
    assert view.graph is None
