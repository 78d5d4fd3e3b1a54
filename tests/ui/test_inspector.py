"""The inspector: shows the selected item; every edit is exactly one undoable command."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from window_support import (
    BUILD,
    GOLIVE,
    IGNORE_OFFSCREEN,
    TEST,
    project_file_fixture,  # noqa: F401  (a fixture)
    prompts_fixture,  # noqa: F401  (a fixture)
    recorded_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    small_project,
    window_fixture,  # noqa: F401  (a fixture)
)

from relplan.domain.model import ConstraintKind, DependencyType, ItemKind, Phase
from relplan.ui.document import Document
from relplan.ui.models.dependency_model import COL_LAG, COL_TYPE, DependencyModel, links_of
from relplan.ui.selection import Selection
from relplan.ui.views.inspector import InspectorView

pytestmark = IGNORE_OFFSCREEN


@pytest.fixture
def doc(qtbot) -> Document:
    return Document(small_project())


@pytest.fixture
def inspector(qtbot, doc) -> InspectorView:
    selection = Selection()
    view = InspectorView(selection)
    view.selection_owner = selection  # keep it alive with the view
    qtbot.addWidget(view)
    view.set_document(doc)
    view.show()
    selection.select_item(BUILD)
    return view


def _one_command(doc: Document, text: str) -> None:
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == text


def test_shows_the_selected_item_with_its_schedule_links_and_people(inspector):
    assert inspector.stack.currentIndex() == 1
    assert inspector.name_edit.text() == "Build API"
    assert inspector.kind_combo.currentText() == "Task"
    assert inspector.phase_combo.currentText() == "Build"
    assert inspector.duration_spin.value() == 5
    assert inspector.constraint_combo.currentText() == "No date constraint"
    assert not inspector.constraint_date.isEnabled()
    assert inspector.start_label.text() == "2 Mar 2027"
    assert inspector.finish_label.text() == "8 Mar 2027"
    assert inspector.slack_label.text() == "14 working days (critical path)"
    assert inspector.driver_label.text() == "'Kick-off' (FS)"
    links = [
        [inspector.links_model.index(r, c).data() for c in range(4)]
        for r in range(inspector.links_model.rowCount())
    ]
    assert links == [["After", "Kick-off", "FS", "0 d"], ["Before", "Test API", "FS", "0 d"]]
    people = [inspector.assignments_list.item(i).text() for i in range(2)]
    assert people == ["R   Ann Archer  ·  60 %", "A   Bob Baker"]


def test_no_selection_shows_the_placeholder(inspector):
    inspector.selection.select_item(None)
    assert inspector.stack.currentIndex() == 0


def test_rename_is_one_command_and_undo_restores_it(inspector, doc):
    inspector.name_edit.setText("  Build   payments API ")
    inspector.name_edit.editingFinished.emit()
    assert doc.project.items[BUILD].name == "Build payments API"
    _one_command(doc, "Rename 'Build API' to 'Build payments API'")
    doc.undo_stack.undo()
    assert doc.project.items[BUILD].name == "Build API"
    assert inspector.name_edit.text() == "Build API"


def test_empty_name_is_refused_and_the_form_shows_the_real_name(inspector, doc, recorded):
    inspector.name_edit.setText("   ")
    inspector.name_edit.editingFinished.emit()
    assert doc.project.items[BUILD].name == "Build API"
    assert doc.undo_stack.count() == 0
    assert recorded == [("error", "A name cannot be empty; type a name.")]
    assert inspector.name_edit.text() == "Build API"


def test_duration_edit_moves_the_dependents_in_one_command(inspector, doc):
    inspector.duration_spin.setValue(8)
    _one_command(doc, "Set 'Build API' to 8 days")
    assert inspector.finish_label.text() == "11 Mar 2027"
    assert doc.schedule_of_item(TEST).dates(TEST).start == date(2027, 3, 12)
    doc.undo_stack.undo()
    assert inspector.duration_spin.value() == 5


def test_progress_phase_and_kind_edits_are_one_command_each(inspector, doc):
    inspector.progress_spin.setValue(40)
    assert doc.project.items[BUILD].progress == 40
    assert doc.undo_stack.undoText() == "Set the progress of 'Build API' to 40 %"

    inspector.phase_combo.setCurrentIndex(inspector.phase_combo.findData(Phase.TEST.value))
    inspector.phase_combo.activated.emit(inspector.phase_combo.currentIndex())
    assert doc.project.items[BUILD].phase is Phase.TEST
    assert doc.undo_stack.undoText() == "Move 'Build API' to the Test phase"

    inspector.kind_combo.setCurrentIndex(1)
    inspector.kind_combo.activated.emit(1)
    item = doc.project.items[BUILD]
    assert (item.kind, item.duration) == (ItemKind.MILESTONE, 0)
    assert doc.undo_stack.undoText() == "Make 'Build API' a milestone"
    assert not inspector.duration_spin.isEnabled()
    assert inspector.duration_spin.text() == "none (milestone)"
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    assert doc.project.items[BUILD].duration == 5
    assert inspector.duration_spin.text() == "5 working days"


def test_constraint_kind_and_date_edits(inspector, doc):
    combo = inspector.constraint_combo
    combo.setCurrentIndex(combo.findData(ConstraintKind.MUST_FINISH_ON.value))
    combo.activated.emit(combo.currentIndex())
    constraint = doc.project.items[BUILD].constraint
    # A new pin starts on the current finish date, so nothing jumps.
    assert (constraint.kind, constraint.on) == (ConstraintKind.MUST_FINISH_ON, date(2027, 3, 8))
    assert doc.undo_stack.undoText() == "Pin 'Build API' to finish on 8 Mar 2027"

    inspector.constraint_date.setDate(QDate(2027, 3, 12))
    assert doc.project.items[BUILD].constraint.on == date(2027, 3, 12)
    assert inspector.finish_label.text() == "12 Mar 2027"
    assert doc.undo_stack.count() == 2

    combo.setCurrentIndex(combo.findData(""))
    combo.activated.emit(combo.currentIndex())
    assert doc.project.items[BUILD].constraint is None
    assert doc.undo_stack.count() == 3


def test_notes_are_committed_once_when_leaving_the_field(inspector, doc):
    inspector.notes_edit.setPlainText("Needs the new <settlement> schema & more")
    inspector.notes_edit.editing_finished.emit()
    inspector.notes_edit.editing_finished.emit()  # leaving again without a change: nothing
    assert doc.project.items[BUILD].notes == "Needs the new <settlement> schema & more"
    _one_command(doc, "Edit the notes of 'Build API'")


def test_link_type_and_lag_are_editable_in_the_table(inspector, doc):
    model = inspector.links_model
    successor_row = 1
    assert model.setData(model.index(successor_row, COL_LAG), 2, Qt.ItemDataRole.EditRole)
    assert doc.project.dependencies["d2"].lag == 2
    assert doc.undo_stack.undoText() == "Edit link 'Build API' to 'Test API'"
    assert model.index(successor_row, COL_LAG).data() == "+2 d"
    assert doc.schedule_of_item(TEST).dates(TEST).start == date(2027, 3, 11)

    assert model.setData(model.index(successor_row, COL_TYPE), "SS", Qt.ItemDataRole.EditRole)
    assert doc.project.dependencies["d2"].type is DependencyType.SS
    assert doc.undo_stack.count() == 2
    # The same value again is no edit at all.
    assert not model.setData(model.index(successor_row, COL_TYPE), "SS", Qt.ItemDataRole.EditRole)
    assert doc.undo_stack.count() == 2


def test_a_lag_out_of_range_is_refused_with_a_message(inspector, doc, recorded):
    model = inspector.links_model
    assert not model.setData(model.index(1, COL_LAG), 5000, Qt.ItemDataRole.EditRole)
    assert doc.project.dependencies["d2"].lag == 0
    assert recorded[0][0] == "error"
    assert "lag" in recorded[0][1]


def test_double_clicking_a_link_selects_the_other_item(inspector):
    inspector._open_linked_item(inspector.links_model.index(1, 1))
    assert inspector.selection.item_id == TEST
    assert inspector.name_edit.text() == "Test API"


def test_edits_elsewhere_refresh_the_form(inspector, doc):
    from relplan.domain import edits

    doc.push(edits.update_item(doc.project, BUILD, name="Renamed on the timeline"))
    assert inspector.name_edit.text() == "Renamed on the timeline"
    doc.push(edits.remove_item(doc.project, BUILD))
    assert inspector.stack.currentIndex() == 0


def test_read_only_document_disables_editing(qtbot):
    doc = Document(small_project(), read_only=True)
    selection = Selection()
    view = InspectorView(selection)
    qtbot.addWidget(view)
    view.set_document(doc)
    selection.select_item(GOLIVE)
    assert not view.name_edit.isEnabled()
    assert view.notes_edit.isReadOnly()
    assert not view.links_model.flags(view.links_model.index(0, COL_LAG)) & (
        Qt.ItemFlag.ItemIsEditable
    )


def test_dependency_model_passes_the_model_tester(qtmodeltester):
    project = small_project()
    model = DependencyModel(lambda *_: True)
    model.set_rows(links_of(project, BUILD))
    qtmodeltester.check(model)
    model.set_rows(links_of(project, GOLIVE))
    qtmodeltester.check(model)


def test_typing_a_duration_and_pressing_enter_is_one_command(qtbot, inspector, doc):
    spin = inspector.duration_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    assert doc.undo_stack.count() == 0  # nothing while typing
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert doc.project.items[BUILD].duration == 12
    _one_command(doc, "Set 'Build API' to 12 days")


def test_typing_a_name_and_pressing_enter_is_one_command(qtbot, inspector, doc):
    edit = inspector.name_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Build ledger API")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    inspector.notes_edit.setFocus()  # leaving the field does not rename twice
    assert doc.project.items[BUILD].name == "Build ledger API"
    _one_command(doc, "Rename 'Build API' to 'Build ledger API'")


def test_typed_notes_are_kept_when_another_item_is_selected_without_leaving_the_field(
    inspector, doc
):
    inspector.notes_edit.insertPlainText("Typed, then a click on another bar")  # as typing
    inspector.selection.select_item(TEST)  # the timeline does not take the focus
    assert doc.project.items[BUILD].notes == "Typed, then a click on another bar"
    assert doc.project.items[TEST].notes == ""
    assert inspector.notes_edit.toPlainText() == ""
    assert doc.undo_stack.count() == 1
