"""The inspector dock: the selected work item's fields, its dates, links and assignments.

Every edit is one undoable command through :meth:`Document.push`; a refused edit leaves
the project as it was and the form shows the real values again. Dates, slack and what
drives the item are read-only: they come from the schedule.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from relplan.domain import edits
from relplan.domain.calendar import format_day
from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import Constraint, ConstraintKind, ItemKind, Phase, RaciRole, WorkItem
from relplan.ui import messages
from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.icons import icon
from relplan.ui.models.dependency_model import OTHER_ITEM_ROLE, links_of
from relplan.ui.selection import Selection
from relplan.ui.views.inspector_form import NO_CONSTRAINT, InspectorForm

_ROLE_ORDER = {RaciRole.RESPONSIBLE: 0, RaciRole.ACCOUNTABLE: 1, RaciRole.CONSULTED: 2}
_ROLE_NAMES = {
    RaciRole.RESPONSIBLE: "Responsible",
    RaciRole.ACCOUNTABLE: "Accountable",
    RaciRole.CONSULTED: "Consulted",
    RaciRole.INFORMED: "Informed",
}
_RELATED_TABLES = {"items", "dependencies", "assignments", "people"}


class InspectorView(InspectorForm):
    """Shows and edits the item in ``selection.item_id``."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.item_id: str | None = None
        self._loading = False
        self.links_model.on_edit = self._edit_link
        self.links_table.doubleClicked.connect(self._open_linked_item)
        self.name_edit.editingFinished.connect(self._commit_name)
        self.kind_combo.activated.connect(self._commit_kind)
        self.phase_combo.activated.connect(self._commit_phase)
        self.duration_spin.valueChanged.connect(self._commit_duration)
        self.progress_spin.valueChanged.connect(self._commit_progress)
        self.constraint_combo.activated.connect(self._commit_constraint_kind)
        self.constraint_date.dateChanged.connect(self._commit_constraint_date)
        self.notes_edit.editing_finished.connect(self._commit_notes)
        selection.item_changed.connect(self._show_item)

    # --- document and selection -----------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self.refresh)
        self.document = document
        self._show_item(self.selection.item_id)

    def focus_name(self) -> None:
        """Put the cursor in the name field (Enter on the timeline opens the inspector)."""
        if self.item is not None:
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.name_edit.selectAll()

    @property
    def item(self) -> WorkItem | None:
        if self.document is None or self.item_id is None:
            return None
        return self.document.project.items.get(self.item_id)

    def _show_item(self, item_id: str | None) -> None:
        if item_id != self.item_id:
            self.commit_pending()
        self.item_id = item_id
        self.refresh()

    def commit_pending(self) -> None:
        """Keep what was typed into the name or notes when another item gets selected
        before the field lost focus (a click on the timeline does not take the focus)."""
        if self.item is None or self._loading:
            return
        if self.name_edit.isModified() and self.name_edit.text() != self.item.name:
            self._commit_name()
        if self.notes_edit.document().isModified():
            self._commit_notes()

    def _on_changed(self, change: DocumentChange) -> None:
        if self.item_id is None:
            return
        if (
            self.item_id in change.moved
            or self.item_id in change.changes.ids("items")
            or change.tables & (_RELATED_TABLES - {"items"})
        ):
            self.refresh()

    def refresh(self) -> None:
        """Show the current values of the item (or the placeholder)."""
        item = self.item
        if item is None or self.document is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self._loading = True
        try:
            self._fill(item)
        finally:
            self._loading = False

    def _fill(self, item: WorkItem) -> None:
        doc = self.document
        assert doc is not None
        editable = not doc.read_only
        for widget in self.editors:
            widget.blockSignals(True)
            widget.setEnabled(editable)
        self.notes_edit.setReadOnly(not editable)
        self.links_model.editable = editable
        if self.name_edit.text() != item.name:
            self.name_edit.setText(item.name)
            self.name_edit.setCursorPosition(0)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(item.kind.value))
        self.phase_combo.setCurrentIndex(self.phase_combo.findData(item.phase.value))
        # A milestone has no duration: show "none" (the spin box's special value at 0).
        spin = self.duration_spin
        spin.setEnabled(editable and not item.is_milestone)
        spin.setMinimum(0 if item.is_milestone else 1)
        spin.setSpecialValueText("none (milestone)" if item.is_milestone else "")
        spin.setValue(0 if item.is_milestone else item.duration)
        self._pluralize_duration(spin.value())
        self.progress_spin.setValue(item.progress)
        constraint = item.constraint
        kind = constraint.kind.value if constraint else NO_CONSTRAINT
        self.constraint_combo.setCurrentIndex(self.constraint_combo.findData(kind))
        self.constraint_date.setEnabled(editable and constraint is not None)
        schedule = doc.schedule_of_item(item.id) if item.release_id in doc.schedules else None
        dates = schedule.dates(item.id) if schedule and item.id in schedule.index else None
        shown_date = constraint.on if constraint else (dates.start if dates else date.today())
        self.constraint_date.setDate(QDate(shown_date.year, shown_date.month, shown_date.day))
        for widget in self.editors:
            widget.blockSignals(False)
        if self.notes_edit.toPlainText() != item.notes:
            self.notes_edit.setPlainText(item.notes)
        self.notes_edit.document().setModified(False)
        self.name_edit.setModified(False)
        self._fill_schedule(item, schedule, dates)
        self.links_model.set_rows(links_of(doc.project, item.id))
        self._fill_assignments(item)
        self.fit_lists()

    def _fill_schedule(self, item: WorkItem, schedule, dates) -> None:
        if dates is None:
            for label in (self.start_label, self.finish_label, self.slack_label):
                label.setText("–")
            self.driver_label.setText("–")
            self.conflict_label.hide()
            return
        self.start_label.setText(format_day(dates.start))
        self.finish_label.setText(format_day(dates.finish))
        days = "day" if abs(dates.slack) == 1 else "days"
        slack = f"{dates.slack} working {days}"
        if dates.slack < 0:
            slack += " (late)"
        elif dates.critical:
            slack += " (critical path)"
        self.slack_label.setText(slack)
        self.slack_label.setStyleSheet("color: #c62828;" if dates.slack < 0 else "")
        self.driver_label.setText(schedule.describe_driver(item.id, dates.driver))
        texts = [
            c.message for c in schedule.conflicts() if c.kind != "late" and item.id in c.item_ids
        ]
        self.conflict_label.setText("\n".join(texts))
        self.conflict_label.setVisible(bool(texts))

    def _fill_assignments(self, item: WorkItem) -> None:
        doc = self.document
        assert doc is not None
        self.assignments_list.clear()
        found = [a for a in doc.project.assignments.values() if a.item_id == item.id]
        found.sort(key=lambda a: (_ROLE_ORDER.get(a.role, 3), _person_name(doc, a.person_id)))
        for assignment in found:
            name = _person_name(doc, assignment.person_id)
            text = f"{assignment.role.value}   {name}"
            if assignment.role is RaciRole.RESPONSIBLE:
                text += f"  ·  {assignment.allocation} %"
            entry = QListWidgetItem(icon("person"), text)
            entry.setToolTip(f"{_ROLE_NAMES[assignment.role]}: {name}")
            self.assignments_list.addItem(entry)
        if not found:
            entry = QListWidgetItem("Nobody is assigned yet.")
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            self.assignments_list.addItem(entry)

    # --- edits: each is one command ------------------------------------------------------

    def _push(self, make_changes) -> bool:
        """Build a change set (edits may refuse) and push it; show the truth if refused."""
        if self._loading or self.document is None or self.item is None:
            return False
        try:
            changes: ChangeSet = make_changes(self.document.project, self.item)
        except EditError as exc:
            messages.error(str(exc))
            self.refresh()
            return False
        if not changes:
            return False
        pushed = self.document.push(changes)
        if not pushed:
            self.refresh()
        return pushed

    def _commit_name(self) -> None:
        name = self.name_edit.text()

        def rename(project, item):
            changes = edits.update_item(project, item.id, name=name)
            new_name = " ".join(name.split())
            return dataclasses.replace(changes, description=f"Rename '{item.name}' to '{new_name}'")

        self._push(rename)

    def _commit_kind(self) -> None:
        kind = ItemKind(self.kind_combo.currentData())

        def change_kind(project, item):
            changes = edits.update_item(project, item.id, kind=kind)
            text = "a milestone" if kind is ItemKind.MILESTONE else "a task"
            return dataclasses.replace(changes, description=f"Make '{item.name}' {text}")

        self._push(change_kind)

    def _commit_phase(self) -> None:
        phase = Phase(self.phase_combo.currentData())

        def change_phase(project, item):
            changes = edits.update_item(project, item.id, phase=phase)
            return dataclasses.replace(
                changes, description=f"Move '{item.name}' to the {phase.label} phase"
            )

        self._push(change_phase)

    def _commit_duration(self, value: int) -> None:
        self._push(lambda project, item: edits.set_duration(project, item.id, value))

    def _commit_progress(self, value: int) -> None:
        def set_progress(project, item):
            changes = edits.update_item(project, item.id, progress=value)
            return dataclasses.replace(
                changes, description=f"Set the progress of '{item.name}' to {value} %"
            )

        self._push(set_progress)

    def _commit_constraint_kind(self) -> None:
        kind = self.constraint_combo.currentData()
        item = self.item
        if item is None:
            return
        if kind == NO_CONSTRAINT:
            constraint = None
        elif item.constraint is not None and item.constraint.kind.value == kind:
            return
        else:
            kind = ConstraintKind(kind)
            constraint = Constraint(kind, self._default_constraint_date(kind))
        self._push(lambda project, item: edits.set_constraint(project, item.id, constraint))

    def _commit_constraint_date(self, qdate: QDate) -> None:
        item = self.item
        if item is None or item.constraint is None:
            return
        on = date(qdate.year(), qdate.month(), qdate.day())
        constraint = Constraint(item.constraint.kind, on)
        self._push(lambda project, item: edits.set_constraint(project, item.id, constraint))

    def _default_constraint_date(self, kind: ConstraintKind) -> date:
        """A new constraint starts at the item's current date, so nothing moves by surprise."""
        doc, item = self.document, self.item
        assert doc is not None and item is not None
        if item.release_id not in doc.schedules:
            return date.today()
        dates = doc.schedule_of_item(item.id).dates(item.id)
        return dates.finish if kind is ConstraintKind.MUST_FINISH_ON else dates.start

    def _commit_notes(self) -> None:
        text = self.notes_edit.toPlainText()

        def set_notes(project, item):
            changes = edits.update_item(project, item.id, notes=text)
            return dataclasses.replace(changes, description=f"Edit the notes of '{item.name}'")

        self._push(set_notes)

    def _edit_link(self, dependency_id: str, field: str, value: object) -> bool:
        if self.document is None:
            return False
        try:
            changes = edits.update_dependency(
                self.document.project, dependency_id, **{field: value}
            )
        except EditError as exc:
            messages.error(str(exc))
            return False
        return bool(changes) and self.document.push(changes)

    def _open_linked_item(self, index) -> None:
        if index.column() in (0, 1):
            other = index.data(OTHER_ITEM_ROLE)
            if other:
                self.selection.select_item(other)


def _person_name(doc: Document, person_id: str) -> str:
    person = doc.project.people.get(person_id)
    return person.name if person is not None else "(removed person)"
