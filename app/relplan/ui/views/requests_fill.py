"""What the request form shows for a request, and the edit each of its fields makes.

Which groups can be edited follows the state machine: the evaluation until the decision,
the decision's who/when/why as a draft until a decision button is pressed (then as the
record), and the scope once approved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtWidgets import QLineEdit, QListWidgetItem, QPlainTextEdit

from relplan.domain import requests
from relplan.domain.calendar import format_day
from relplan.domain.model import ChangeRequest, Decision
from relplan.domain.model import RequestStatus as S
from relplan.ui.views.requests_form import NO_DATE, RECONFIGURATION_CHOICES, RequestForm

if TYPE_CHECKING:
    from relplan.ui.views.requests_view import RequestsView

_UNDECIDED = (S.NEW, S.UNDER_EVALUATION)
_DECIDED_LABELS = {
    S.APPROVED: "Approved",
    S.SCHEDULED: "Approved",
    S.DELIVERED: "Approved",
    S.REJECTED: "Rejected",
    S.RECONFIGURED: "Met by reconfiguring the version in production",
}


class FormFiller(RequestForm):
    """The form bound to the Requests tab: shows :attr:`request_id`, pushes its edits."""

    def __init__(self, view: RequestsView) -> None:
        super().__init__(view)
        self.view = view
        self.request_id: str | None = None
        self._loading = False
        self.title_edit.editingFinished.connect(lambda: self._detail(title=self.title_edit.text()))
        self.requester_edit.editingFinished.connect(
            lambda: self._detail(requester=self.requester_edit.text())
        )
        self.type_combo.activated.connect(
            lambda _i: self._detail(type=self.type_combo.currentData())
        )
        self.priority_combo.activated.connect(
            lambda _i: self._detail(priority=self.priority_combo.currentData())
        )
        self.submitted_edit.dateChanged.connect(
            lambda d: self._detail(submitted=to_date(d, self.submitted_edit.minimumDate()))
        )
        self.description_edit.editing_finished.connect(
            lambda: self._detail(description=self.description_edit.toPlainText())
        )
        self.impact_edit.editing_finished.connect(
            lambda: self._detail(user_impact=self.impact_edit.toPlainText().strip())
        )
        self.steps_edit.editing_finished.connect(
            lambda: self._detail(user_steps=self.steps_edit.toPlainText().splitlines())
        )
        self.audience_list.itemChanged.connect(lambda _item: self._commit_audiences())
        self.rationale_edit.editing_finished.connect(
            lambda: self._evaluate(rationale=self.rationale_edit.toPlainText().strip())
        )
        self.feasibility_edit.editing_finished.connect(
            lambda: self._evaluate(feasibility=self.feasibility_edit.toPlainText().strip())
        )
        self.reconfiguration_edit.editing_finished.connect(
            lambda: self._evaluate(
                reconfiguration_notes=self.reconfiguration_edit.toPlainText().strip()
            )
        )
        self.reconfiguration_combo.activated.connect(
            lambda i: self._evaluate(reconfiguration_possible=RECONFIGURATION_CHOICES[i][1])
        )
        self.start_evaluation_button.clicked.connect(self._start_evaluation)
        for decision, button in self.decision_buttons.items():
            button.clicked.connect(lambda _c=False, d=decision: self.decide(d))
        self.decided_by_edit.editingFinished.connect(
            lambda: self._decision(decided_by=self.decided_by_edit.text())
        )
        self.decided_on_edit.dateChanged.connect(
            lambda d: self._decision(decided_on=to_date(d, self.decided_on_edit.minimumDate()))
        )
        self.reason_edit.editing_finished.connect(
            lambda: self._decision(decision_reason=self.reason_edit.toPlainText())
        )
        self.schedule_button.clicked.connect(
            lambda: self.request is not None and self.view.add_to_scope([self.request.id])
        )
        self.unschedule_button.clicked.connect(
            lambda: self._push(lambda p, rid: requests.unschedule_request(p, rid))
        )
        self.deliver_button.clicked.connect(
            lambda: self._push(lambda p, rid: requests.deliver_request(p, rid))
        )

    # --- showing --------------------------------------------------------------------------

    @property
    def request(self) -> ChangeRequest | None:
        doc = self.view.document
        if doc is None or self.request_id is None:
            return None
        return doc.project.change_requests.get(self.request_id)

    def show_request(self, request_id: str | None) -> None:
        if request_id != self.request_id:
            self.commit_pending()
            self._clear_draft()
        self.request_id = request_id
        self.refresh()

    def refresh(self) -> None:
        request = self.request
        if request is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self._loading = True
        try:
            self._fill(request)
        finally:
            self._loading = False

    def focus_title(self) -> None:
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title_edit.selectAll()

    def _fill(self, cr: ChangeRequest) -> None:
        project = self.view.document.project
        editable = self.view.editable
        self.heading.setText(cr.title)
        self.show_status(cr.status)
        origin = project.releases.get(cr.origin_release_id or "")
        self.origin_label.setText(f"Found in production in {origin.name}" if origin else "")
        set_line(self.title_edit, cr.title)
        set_combo(self.type_combo, cr.type.value)
        set_combo(self.priority_combo, cr.priority.value)
        set_line(self.requester_edit, cr.requester)
        set_day(self.submitted_edit, cr.submitted)
        set_text(self.description_edit, cr.description)
        # Evaluation: open until decided.
        undecided = cr.status in _UNDECIDED
        set_text(self.rationale_edit, cr.rationale)
        set_text(self.feasibility_edit, cr.feasibility)
        answers = [value for _label, value in RECONFIGURATION_CHOICES]
        with QSignalBlocker(self.reconfiguration_combo):
            self.reconfiguration_combo.setCurrentIndex(answers.index(cr.reconfiguration_possible))
        set_text(self.reconfiguration_edit, cr.reconfiguration_notes)
        for widget in self.evaluation_editors:
            set_editable(widget, editable and undecided)
        self.start_evaluation_button.setVisible(cr.status is S.NEW)
        self.start_evaluation_button.setEnabled(editable)
        self.evaluation_hint.setText(_evaluation_hint(cr))
        # Decision: a draft until decided, then the record.
        if not undecided:
            set_line(self.decided_by_edit, cr.decided_by)
            set_day(self.decided_on_edit, cr.decided_on)
            set_text(self.reason_edit, cr.decision_reason)
        elif self.decided_on_edit.date() == NO_DATE:
            set_day(self.decided_on_edit, self.view.today())
        for widget in self.decision_editors:
            set_editable(widget, editable)
        for button in self.decision_buttons.values():
            button.setVisible(undecided)
            button.setEnabled(editable)
        self.decision_hint.setText(_decision_hint(cr))
        # Scope.
        self.scope_label.setText(_scope_text(cr, project))
        self.schedule_button.setVisible(cr.status in (S.APPROVED, S.SCHEDULED))
        self.schedule_button.setText(
            "Move to another release…" if cr.status is S.SCHEDULED else "Add to release scope…"
        )
        self.unschedule_button.setVisible(cr.status is S.SCHEDULED)
        self.deliver_button.setVisible(cr.status is S.SCHEDULED)
        for button in (self.schedule_button, self.unschedule_button, self.deliver_button):
            button.setEnabled(editable)
        # For users.
        set_text(self.impact_edit, cr.user_impact)
        set_text(self.steps_edit, "\n".join(cr.user_steps))
        self._fill_audiences(cr)
        for widget in self.detail_editors:
            set_editable(widget, editable)

    def _fill_audiences(self, cr: ChangeRequest) -> None:
        audiences = sorted(
            self.view.document.project.audiences.values(), key=lambda a: a.name.casefold()
        )
        with QSignalBlocker(self.audience_list):
            self.audience_list.clear()
            for audience in audiences:
                entry = QListWidgetItem(audience.name)
                entry.setData(Qt.ItemDataRole.UserRole, audience.id)
                entry.setToolTip(audience.description)
                entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = audience.id in cr.audience_ids
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.audience_list.addItem(entry)
            if not audiences:
                entry = QListWidgetItem("No audiences in this project yet")
                entry.setFlags(Qt.ItemFlag.NoItemFlags)
                self.audience_list.addItem(entry)
        self.fit_audiences()

    # --- edits ----------------------------------------------------------------------------

    def _push(self, make) -> bool:
        request_id = self.request_id
        doc = self.view.document
        if self._loading or request_id is None or doc is None:
            return False
        return self.view.push(lambda: make(doc.project, request_id))

    def _detail(self, **values) -> None:
        request = self.request
        if request is None or all(getattr(request, k) == v for k, v in values.items()):
            return
        self._push(lambda p, rid: requests.update_request(p, rid, **values))

    def _evaluate(self, **values) -> None:
        request = self.request
        if request is None or all(getattr(request, k) == v for k, v in values.items()):
            return
        self._push(lambda p, rid: requests.evaluate(p, rid, **values))

    def _start_evaluation(self) -> None:
        self._push(lambda p, rid: requests.start_evaluation(p, rid))

    def _decision(self, **values) -> None:
        """Correct a decision's who/when/why; before the decision they are a draft."""
        request = self.request
        if request is None or request.status in _UNDECIDED:
            return
        if all(getattr(request, k) == v for k, v in values.items()):
            return
        self._push(lambda p, rid: requests.update_decision(p, rid, **values))

    def decide(self, decision: Decision) -> bool:
        """Approve, reject or meet by reconfiguration, with the who/when/why typed above."""
        self.commit_pending()  # the evaluation typed just before counts
        by = self.decided_by_edit.text()
        on = to_date(self.decided_on_edit.date(), self.decided_on_edit.minimumDate())
        reason = self.reason_edit.toPlainText()
        done = self._push(lambda p, rid: requests.decide(p, rid, decision, by, on, reason))
        if done:
            self._clear_draft()
        return done

    def _commit_audiences(self) -> None:
        if self._loading:
            return
        ids = []
        for row in range(self.audience_list.count()):
            entry = self.audience_list.item(row)
            if entry.checkState() == Qt.CheckState.Checked:
                ids.append(entry.data(Qt.ItemDataRole.UserRole))
        self._detail(audience_ids=tuple(ids))

    def commit_pending(self) -> None:
        """Push text typed into a field that has not lost the focus yet."""
        request = self.request
        if request is None or self._loading or not self.view.editable:
            return
        for edit, commit in (
            (self.title_edit, lambda: self._detail(title=self.title_edit.text())),
            (self.requester_edit, lambda: self._detail(requester=self.requester_edit.text())),
            (self.decided_by_edit, lambda: self._decision(decided_by=self.decided_by_edit.text())),
        ):
            if edit.isModified():
                edit.setModified(False)
                commit()
        for notes_edit in (
            self.description_edit,
            self.rationale_edit,
            self.feasibility_edit,
            self.reconfiguration_edit,
            self.reason_edit,
            self.impact_edit,
            self.steps_edit,
        ):
            if notes_edit.document().isModified():
                notes_edit.editing_finished.emit()

    def _clear_draft(self) -> None:
        with QSignalBlocker(self.decided_on_edit):
            self.decided_on_edit.setDate(NO_DATE)
        self.decided_by_edit.clear()
        self.reason_edit.clear()


# --- texts ----------------------------------------------------------------------------------


def _evaluation_hint(cr: ChangeRequest) -> str:
    if cr.status is S.NEW:
        return "Not evaluated yet: writing the first note starts the evaluation."
    if cr.status is S.UNDER_EVALUATION:
        return "Record the rationale, the feasibility and the reconfiguration answer, then decide."
    return "Kept as the record of the decision; it no longer changes."


def _decision_hint(cr: ChangeRequest) -> str:
    if cr.status in _UNDECIDED:
        return "Who decides, when and why; then choose the decision."
    label = _DECIDED_LABELS.get(cr.status, "Decided")
    when = f" on {format_day(cr.decided_on)}" if cr.decided_on else ""
    by = f" by {cr.decided_by}" if cr.decided_by else ""
    return f"{label}{by}{when}."


def _scope_text(cr: ChangeRequest, project) -> str:
    release = project.releases.get(cr.release_id or "")
    if cr.status is S.APPROVED and release is not None:
        return f"Approved for {release.name}; not scheduled yet."
    if cr.status is S.APPROVED:
        return (
            "Approved, in no release's scope yet: add it here, or drag it onto a release in the "
            "explorer."
        )
    if cr.status is S.SCHEDULED:
        return f"In the scope of {release.name if release else 'no release'}."
    if cr.status is S.DELIVERED:
        return f"Delivered with {release.name if release else 'a release'}."
    if cr.status in (S.REJECTED, S.RECONFIGURED):
        return "Closed: it needs no release."
    return "Can be added to a release once approved."


# --- widget helpers -------------------------------------------------------------------------


def set_editable(widget, editable: bool) -> None:
    """Text fields turn read-only (still readable and selectable); other fields disabled."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setReadOnly(not editable)
        widget.setEnabled(True)
    else:
        widget.setEnabled(editable)


def to_date(day: QDate, minimum: QDate) -> date | None:
    return None if day <= minimum else date(day.year(), day.month(), day.day())


def set_line(edit, text: str) -> None:
    if edit.hasFocus() and edit.isModified():
        return  # being typed in: keep what the planner typed
    if edit.text() != text:
        edit.setText(text)
    edit.setModified(False)
    edit.setCursorPosition(0)


def set_text(edit, text: str) -> None:
    if edit.hasFocus() and edit.document().isModified():
        return  # being typed in: keep what the planner typed
    if edit.toPlainText() != text:
        edit.setPlainText(text)
    edit.document().setModified(False)


def set_combo(combo, value: str) -> None:
    with QSignalBlocker(combo):
        combo.setCurrentIndex(max(0, combo.findData(value)))


def set_day(edit, day: date | None) -> None:
    with QSignalBlocker(edit):
        edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))
