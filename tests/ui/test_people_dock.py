"""The people dock: teams and people, added, edited and removed through dialogs, and dragged
onto work (here: onto a timeline bar)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from timeline_support import grab_point, record_messages, show_timeline
from window_support import BUILD, IGNORE_OFFSCREEN, TEST, small_project

from relplan.domain.model import RaciRole
from relplan.domain.raci import item_roles
from relplan.ui.dialogs.people_prompts import Removal
from relplan.ui.document import Document
from relplan.ui.models.people_model import COLUMNS, ID_ROLE, PeopleModel
from relplan.ui.people_mime import MIME_TYPE, people_from_mime
from relplan.ui.views.people_view import PeopleView

pytestmark = IGNORE_OFFSCREEN


@dataclass
class ScriptedDialogs:
    """Answers the dock's questions from a script and records what was asked."""

    person: dict | None = None
    team: dict | None = None
    removal: Removal | None = None
    remove_team: bool = True
    asked: list[str] = field(default_factory=list)

    def edit_person(self, project, person, team_id=None):
        self.asked.append(f"person:{person.name if person else 'new'}:{team_id}")
        return self.person

    def edit_team(self, team):
        self.asked.append(f"team:{team.name if team else 'new'}")
        return self.team

    def ask_person_removal(self, project, person):
        self.asked.append(f"remove:{person.name}")
        return self.removal

    def confirm_team_removal(self, team, members):
        self.asked.append(f"remove team:{team.name}:{members}")
        return self.remove_team


@pytest.fixture
def doc() -> Document:
    return Document(small_project())


@pytest.fixture
def dock(qtbot, doc) -> PeopleView:
    view = PeopleView()
    view.dialogs = ScriptedDialogs()  # type: ignore[assignment]
    qtbot.addWidget(view)
    view.set_document(doc)
    view.resize(500, 400)
    view.show()
    return view


def _rows(model: PeopleModel) -> list[str]:
    """The tree as text: teams, then their people indented."""
    lines = []
    for t in range(model.rowCount()):
        team = model.index(t, 0)
        lines.append(team.data())
        for p in range(model.rowCount(team)):
            person = model.index(p, 0, team)
            cells = [model.index(p, c, team).data() for c in range(len(COLUMNS))]
            lines.append("  " + " | ".join(cells))
            assert person.data(ID_ROLE)
    return lines


def _select(dock: PeopleView, index: QModelIndex) -> None:
    dock.tree.selectionModel().clearSelection()
    dock.tree.setCurrentIndex(index)


def test_people_are_listed_by_team_with_email_role_and_availability(dock):
    assert _rows(dock.model) == [
        "Engineering (1)",
        "  Ann Archer | ann@example.com | Developer | 100 %",
        "No team (1)",
        "  Bob Baker | bob@example.com | Product owner | 100 %",
    ]
    ann = dock.model.index_of_person("ann")
    assert "Roles: 2 R" in ann.data(Qt.ItemDataRole.ToolTipRole)


def test_the_people_model_passes_the_model_tester(qtmodeltester, doc):
    model = PeopleModel()
    model.set_project(doc.project)
    qtmodeltester.check(model)
    model.set_project(None)
    qtmodeltester.check(model)


def test_dragging_people_or_a_team_carries_their_ids(dock):
    model = dock.model
    ann, bob = model.index_of_person("ann"), model.index_of_person("bob")
    drag = people_from_mime(model.mimeData([ann, bob, model.index(ann.row(), 1, ann.parent())]))
    assert drag.person_ids == ("ann", "bob") and drag.team_id is None
    team = people_from_mime(model.mimeData([model.index_of_team("team-1")]))
    assert team.team_id == "team-1" and team.person_ids == ()
    # "No team" is not a team: there is nothing to drag.
    no_team = model.index_of_team(None)
    assert model.mimeData([no_team]) is None
    assert not model.flags(no_team) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.mimeTypes() == [MIME_TYPE]


def test_adding_a_person_puts_them_in_the_selected_team_in_one_undoable_step(dock, doc):
    _select(dock, dock.model.index_of_team("team-1"))
    dock.dialogs.person = {
        "name": "Cleo Cruz",
        "email": "cleo@example.com",
        "role": "Tester",
        "team_id": "team-1",
        "availability": 60,
    }
    assert dock.add_person()
    assert dock.dialogs.asked == ["person:new:team-1"]
    assert "  Cleo Cruz | cleo@example.com | Tester | 60 %" in _rows(dock.model)
    current = dock.tree.currentIndex()
    assert current.data() == "Cleo Cruz"  # the new person is selected
    doc.undo_stack.undo()
    assert not any("Cleo" in line for line in _rows(dock.model))


def test_a_refused_person_is_explained_and_nothing_changes(dock, doc):
    dock.dialogs.person = {"name": "Dee", "email": "not an address", "role": "", "team_id": None,
                           "availability": 100}  # fmt: skip
    with record_messages() as seen:
        assert not dock.add_person()
    assert seen[0][0] == "error" and "not an e-mail address" in seen[0][1]
    assert doc.undo_stack.count() == 0


def test_editing_a_person_and_a_team(dock, doc):
    _select(dock, dock.model.index_of_person("bob"))
    dock.dialogs.person = {"name": "Bob Baker", "email": "bob@example.com", "role": "PO",
                           "team_id": "team-1", "availability": 50}  # fmt: skip
    assert dock.edit_selected()
    assert doc.project.people["bob"].team_id == "team-1"
    assert _rows(dock.model)[0] == "Engineering (2)"
    _select(dock, dock.model.index_of_team("team-1"))
    dock.dialogs.team = {"name": "Payments engineering", "description": "APIs"}
    assert dock.edit_selected()
    assert _rows(dock.model)[0] == "Payments engineering (2)"
    assert doc.undo_stack.undoText() == "Edit 'Engineering'"


def test_cancelling_a_dialog_changes_nothing(dock, doc):
    _select(dock, dock.model.index_of_person("ann"))
    assert not dock.edit_selected()
    assert not dock.add_team()
    assert doc.undo_stack.count() == 0


def test_removing_someone_with_assignments_asks_what_to_do_with_them(dock, doc):
    _select(dock, dock.model.index_of_person("ann"))
    assert not dock.remove_selected()  # the planner cancelled
    assert "ann" in doc.project.people
    dock.dialogs.removal = Removal(hand_to="bob")
    assert dock.remove_selected()
    assert dock.dialogs.asked == ["remove:Ann Archer", "remove:Ann Archer"]
    roles = item_roles(doc.project, [TEST])[TEST].by_person
    assert roles["bob"].role is RaciRole.ACCOUNTABLE  # Bob was A on Test; he stays A
    assert "ann" not in doc.project.people
    doc.undo_stack.undo()
    assert item_roles(doc.project, [TEST])[TEST].by_person["ann"].role is RaciRole.RESPONSIBLE


def test_removing_someone_and_their_assignments(dock, doc):
    _select(dock, dock.model.index_of_person("ann"))
    dock.dialogs.removal = Removal()
    assert dock.remove_selected()
    assert all(a.person_id != "ann" for a in doc.project.assignments.values())


def test_removing_a_team_keeps_its_people_without_a_team(dock, doc):
    _select(dock, dock.model.index_of_team("team-1"))
    assert dock.remove_selected()
    assert dock.dialogs.asked == ["remove team:Engineering:1"]
    assert doc.project.people["ann"].team_id is None
    assert _rows(dock.model)[0] == "No team (2)"


def test_actions_follow_the_selection_and_a_read_only_file(dock, doc):
    assert not dock.edit_action.isEnabled()
    _select(dock, dock.model.index_of_person("ann"))
    assert dock.edit_action.isEnabled() and dock.remove_action.isEnabled()
    _select(dock, dock.model.index_of_team(None))
    assert not dock.remove_action.isEnabled()  # "No team" is not a team
    doc.read_only = True
    dock.refresh()
    assert not dock.add_person_action.isEnabled()


# --- dropping people on a timeline bar -----------------------------------------------------


def _drop_on(widget, pos: QPoint, mime) -> QDropEvent:
    """A drag entering ``widget``, moving to ``pos`` and dropping there, as Qt delivers it."""
    copy = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QDragEnterEvent(pos, copy, mime, buttons, mods))
    move = QDragMoveEvent(pos, copy, mime, buttons, mods)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(pos, copy, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)
    drop.moved_ok = move.isAccepted()  # type: ignore[attr-defined]
    return drop


def test_a_person_dropped_on_a_timeline_bar_becomes_responsible(qtbot, doc):
    view = show_timeline(qtbot, small_project())
    people = PeopleModel()
    people.set_project(view.document.project)
    mime = people.mimeData([people.index_of_person("bob")])
    with record_messages() as seen:
        drop = _drop_on(view.chart.viewport(), grab_point(view, TEST), mime)
    assert drop.moved_ok and drop.isAccepted()
    roles = item_roles(view.document.project, [TEST])[TEST]
    assert roles.by_person["bob"].role is RaciRole.RESPONSIBLE
    assert view.document.undo_stack.count() == 1
    assert view.selection.item_id == TEST
    assert seen == [("info", "Make Bob Baker R on 'Test API'.")]


def test_a_team_dropped_on_a_bar_informs_its_members_and_off_a_bar_nothing_happens(qtbot):
    view = show_timeline(qtbot, small_project())
    project = view.document.project
    people = PeopleModel()
    people.set_project(project)
    team = people.mimeData([people.index_of_team("team-1")])
    # Beside the bar (the empty part of its row), the drop is refused.
    bar = view.timeline.bars[BUILD]
    beside = view.chart.mapFromScene(bar.x1 + 300, bar.mid_y)
    assert not _drop_on(view.chart.viewport(), beside, team).moved_ok
    assert view.document.undo_stack.count() == 0
    # Ann is R on Build already: the team has nobody left to inform there, so nothing is done.
    with record_messages() as seen:
        _drop_on(view.chart.viewport(), grab_point(view, BUILD), team)
    assert view.document.undo_stack.count() == 0
    assert seen == [("info", "Everyone in Engineering has a role on 'Build API'.")]
