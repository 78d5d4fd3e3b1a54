"""The RACI tab: roles set by click, keys and drops of people; rule breakers shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from window_support import (
    BUILD,
    GOLIVE,
    IGNORE_OFFSCREEN,
    KICKOFF,
    TEST,
    prompts_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    small_project,
    window_fixture,  # noqa: F401  (a fixture)
)

from relplan.domain import edits
from relplan.domain.model import Person, RaciRole
from relplan.samples import sample_project
from relplan.ui.document import Document
from relplan.ui.models.people_model import PeopleModel
from relplan.ui.models.raci_model import PROBLEMS_ROLE, ROLE_ROLE, RaciModel
from relplan.ui.people_mime import PeopleDrag, people_mime
from relplan.ui.selection import Selection
from relplan.ui.views.raci_view import RaciView

pytestmark = IGNORE_OFFSCREEN

R, A, C, I = RaciRole  # noqa: E741  (the matrix's own letters)


@pytest.fixture
def doc() -> Document:
    project = small_project()
    project.add(Person("cy", "Cy Clark", team_id="team-1"))
    return Document(project)


@pytest.fixture
def view(qtbot, doc) -> RaciView:
    raci = RaciView(Selection())
    qtbot.addWidget(raci)
    raci.resize(1000, 600)
    raci.set_document(doc)
    raci.show()
    qtbot.waitExposed(raci)
    return raci


def _cell(view: RaciView, item_id: str, person_id: str):
    return view.model.index(view.model.row_of(item_id), view.model.column_of(person_id))


def _role(view: RaciView, item_id: str, person_id: str) -> RaciRole | None:
    letter = _cell(view, item_id, person_id).data(ROLE_ROLE)  # a str once through Qt
    return RaciRole(letter) if letter else None


def _click(view: RaciView, item_id: str, person_id: str) -> None:
    rect = view.table.visualRect(_cell(view, item_id, person_id))
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_items_are_rows_by_phase_and_people_are_columns(view):
    model = view.model
    headers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert headers == ["Plan", "Kick-off", "Build", "Build API", "Test", "Test API", "Deploy",
                       "Go-live"]  # fmt: skip
    people = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert people == ["Ann Archer", "Cy Clark", "Bob Baker"]  # by team; no team last
    assert _cell(view, BUILD, "ann").data() == "R 60"  # an R shows its allocation if partial
    assert _cell(view, BUILD, "bob").data() == "A"
    assert _cell(view, BUILD, "cy").data() is None
    assert "Ann Archer is Responsible for 'Build API', 60 %" in _cell(view, BUILD, "ann").data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_the_raci_model_passes_the_model_tester(qtmodeltester, doc):
    model = RaciModel()
    model.load(doc, "rel-1")
    qtmodeltester.check(model)
    model.load(None, None)
    qtmodeltester.check(model)


def test_a_click_cycles_the_role_one_undo_step_each(view, doc):
    for expected in (R, A, C, I, None):
        _click(view, TEST, "cy")
        assert _role(view, TEST, "cy") is expected
    assert doc.undo_stack.count() == 5
    assert doc.undo_stack.undoText() == "Clear Cy Clark's role on 'Test API'"
    doc.undo_stack.undo()
    assert _role(view, TEST, "cy") is I


def test_keys_set_and_clear_the_current_cell(view, doc):
    view.table.setFocus()
    view.table.setCurrentIndex(_cell(view, GOLIVE, "cy"))
    for key, expected in (("C", C), ("i", I), ("A", A), ("R", R)):
        QTest.keyClicks(view.table, key)
        assert _role(view, GOLIVE, "cy") is expected
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert _role(view, GOLIVE, "cy") is None
    QTest.keyClick(view.table, Qt.Key.Key_Space)
    assert _role(view, GOLIVE, "cy") is R
    assert doc.undo_stack.count() == 6


def test_items_without_one_accountable_are_marked_and_counted(view, doc):
    assert "every item has one Accountable" in view.summary.text()
    doc.push(edits.set_role(doc.project, GOLIVE, "bob", None))  # Go-live loses its A
    doc.push(edits.set_role(doc.project, TEST, "ann", None))  # Test API loses its R
    row = view.model.row_of(GOLIVE)
    assert view.model.headerData(row, Qt.Orientation.Vertical, PROBLEMS_ROLE) == ["no Accountable"]
    assert "no Accountable" in view.model.headerData(
        row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole
    )
    assert "1 item without one Accountable, 1 task without a Responsible" in view.summary.text()
    view.only_problems.setChecked(True)
    shown = [r for r in range(view.model.rowCount()) if not view.table.isRowHidden(r)]
    names = [view.model.headerData(r, Qt.Orientation.Vertical) for r in shown]
    assert names == ["Test", "Test API", "Deploy", "Go-live"]


def test_two_accountables_are_counted_too(view, doc):
    view.table.setCurrentIndex(_cell(view, KICKOFF, "ann"))
    QTest.keyClicks(view.table, "A")
    assert view.model.problems_of(view.model.row_of(KICKOFF)) == ["2 Accountables"]
    assert "1 item without one Accountable" in view.summary.text()


# --- drops -----------------------------------------------------------------------------------


def test_people_dropped_on_a_cell_become_responsible(view, doc):
    model = view.model
    mime = people_mime(PeopleDrag(("cy", "bob")))
    target = _cell(view, GOLIVE, "ann")  # the row says which item, whatever the column
    assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    assert (_role(view, GOLIVE, "cy"), _role(view, GOLIVE, "bob")) == (R, R)
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Make Cy Clark and Bob Baker R on 'Go-live'"


def test_a_team_dropped_on_a_cell_informs_its_members_in_one_step(view, doc):
    mime = people_mime(PeopleDrag(team_id="team-1"))
    assert view.model.dropMimeData(
        mime, Qt.DropAction.CopyAction, -1, -1, _cell(view, GOLIVE, "bob")
    )
    assert (_role(view, GOLIVE, "ann"), _role(view, GOLIVE, "cy")) == (I, I)
    assert _role(view, GOLIVE, "bob") is A  # not in the team
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert (_role(view, GOLIVE, "ann"), _role(view, GOLIVE, "cy")) == (None, None)


def test_drops_are_refused_on_phase_rows_between_rows_and_without_people(view):
    model = view.model
    mime = people_mime(PeopleDrag(("cy",)))
    copy = Qt.DropAction.CopyAction
    phase_row = model.index(0, 0)
    assert model.item_id_at(0) is None
    assert not model.canDropMimeData(mime, copy, -1, -1, phase_row)
    assert not model.flags(phase_row) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.canDropMimeData(mime, copy, 2, 0, model.index(-1, -1))  # between rows
    other = QMimeData()
    other.setText("Cy Clark")
    assert not model.canDropMimeData(other, copy, -1, -1, _cell(view, TEST, "cy"))
    assert not model.dropMimeData(other, copy, -1, -1, _cell(view, TEST, "cy"))


def test_a_drop_event_on_a_cell_of_the_viewport_assigns(view, doc):
    mime = people_mime(PeopleDrag(("cy",)))
    pos = view.table.visualRect(_cell(view, TEST, "bob")).center()
    copy, left = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    viewport = view.table.viewport()
    QApplication.sendEvent(viewport, QDragEnterEvent(pos, copy, mime, left, none))
    move = QDragMoveEvent(pos, copy, mime, left, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(pos, copy, mime, left, none))
    assert _role(view, TEST, "cy") is R
    assert doc.undo_stack.count() == 1
    # Over a phase heading the drag is refused.
    heading = view.table.visualRect(view.model.index(0, 0)).center()
    refused = QDragMoveEvent(heading, copy, mime, left, none)
    QApplication.sendEvent(viewport, refused)
    assert not refused.isAccepted()


# --- following the document and the selection ----------------------------------------------


def test_selection_is_shared_both_ways(view):
    view.table.setCurrentIndex(_cell(view, TEST, "ann"))
    assert view.selection.item_id == TEST
    view.selection.select_item(GOLIVE)
    assert view.table.currentIndex().row() == view.model.row_of(GOLIVE)
    assert _role(view, GOLIVE, "ann") is None  # following the selection changes nothing


def test_new_items_and_people_appear_and_the_current_cell_stays(view, doc):
    view.table.setCurrentIndex(_cell(view, TEST, "cy"))
    doc.push(edits.add_item(doc.project, "rel-1", "Write release notes", item_id="notes"))
    doc.push(edits.add_person(doc.project, Person("dee", "Dee Dunn")))
    assert view.model.row_of("notes") > 0 and view.model.column_of("dee") >= 0
    assert view.model.item_id_at(view.table.currentIndex().row()) == TEST
    assert view.model.person_id_at(view.table.currentIndex().column()) == "cy"
    assert "no Accountable" in view.model.problems_of(view.model.row_of("notes"))


def test_the_sample_release_has_every_item_and_person(qtbot):
    project = sample_project()
    raci = RaciView(Selection())
    qtbot.addWidget(raci)
    raci.set_document(Document(project))
    raci.show()
    release = project.release_by_name("Payments 4.2")
    assert raci.model.release_id == release.id
    items = [r for r in raci.model.rows if r.item is not None]
    assert len(items) == len(project.release_items(release.id))
    assert len(raci.model.people) == len(project.people)
    assert raci.model.problem_counts() == (0, 0)


def test_the_main_window_has_the_raci_and_workload_tabs_and_the_people_dock(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "RACI" in titles and "Workload" in titles
    dock = next(d for d in window.extra_docks if d.objectName() == "peopleViewDock")
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_a_hidden_tab_catches_up_with_edits_when_shown(window):
    doc = Document(small_project())
    window.set_document(doc)
    raci = window.extra_views["raciView"]
    assert not raci.isVisible() and raci.model.rowCount() == 0  # nothing built while hidden
    doc.push(edits.set_role(doc.project, GOLIVE, "bob", None))
    window.tabs.setCurrentWidget(raci)
    assert raci.model.rowCount() == 8
    assert _role(raci, GOLIVE, "bob") is None
    assert "1 item without one Accountable" in raci.summary.text()


def test_the_whole_sample_release_can_be_assigned_by_dragging_people(qtbot):
    """Start from no roles at all; drag each task's people from the dock, type each A."""
    project = sample_project()
    release = project.release_by_name("Payments 4.2")
    wanted = [a for a in project.assignments.values() if a.item_id in project.items]
    wanted = [a for a in wanted if project.items[a.item_id].release_id == release.id]
    doc = Document(project)
    doc.push(edits.combine("Clear the RACI", [edits.set_role(project, a.item_id, a.person_id, None)
                                              for a in wanted]))  # fmt: skip
    raci = RaciView(Selection())
    qtbot.addWidget(raci)
    raci.set_document(doc)
    raci.show()
    assert raci.model.problem_counts() == (55, 48)  # 55 items lack their A, 48 tasks an R
    people = PeopleModel()
    people.set_project(project)
    for item_id in dict.fromkeys(a.item_id for a in wanted):
        responsible = [a.person_id for a in wanted if a.item_id == item_id and a.role is R]
        if responsible:
            mime = people.mimeData([people.index_of_person(p) for p in responsible])
            cell = _cell(raci, item_id, responsible[0])
            assert raci.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, cell)
        (accountable,) = [a.person_id for a in wanted if a.item_id == item_id and a.role is A]
        raci.table.setCurrentIndex(_cell(raci, item_id, accountable))
        QTest.keyClicks(raci.table, "A")
    assert raci.model.problem_counts() == (0, 0)
    assert "every item has one Accountable" in raci.summary.text()
