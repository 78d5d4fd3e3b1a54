"""The Requests tab: list, filter and search requests; evaluate, decide, schedule, describe
them and record post-release bugs, each as one undoable command."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from window_support import (
    IGNORE_OFFSCREEN,
    RELEASE,
    recorded_fixture,  # noqa: F401  (a fixture)
    small_project,
)

from relplan.domain.model import (
    Audience,
    ChangeRequest,
    Decision,
    Phase,
    Priority,
    Project,
    Release,
    RequestStatus,
    RequestType,
)
from relplan.ui.document import Document
from relplan.ui.models.explorer_model import ExplorerModel
from relplan.ui.models.request_model import (
    COL_RELEASE,
    COL_STATUS,
    ID_ROLE,
    RequestFilter,
    RequestTableModel,
)
from relplan.ui.selection import Selection
from relplan.ui.views.explorer import ExplorerView
from relplan.ui.views.requests_dialogs import BugReport
from relplan.ui.views.requests_view import RequestsView

pytestmark = IGNORE_OFFSCREEN
S = RequestStatus
TODAY = date(2027, 3, 8)
LIVE = "rel-0"


def requests_project() -> Project:
    """The small release (in Plan), its live predecessor, one audience, three requests."""
    project = small_project()
    project.add(Release(LIVE, "Small 0.9", start=date(2026, 9, 1), phase=Phase.SUPPORT))
    project.add(Audience("cashiers", "Cashiers", "Staff at the tills"))
    project.add(
        ChangeRequest(
            "dark",
            "Dark mode",
            RequestType.FEATURE,
            "Feedback form",
            date(2027, 2, 1),
            Priority.LOW,
            description="A dark colour scheme.",
        )
    )
    project.add(
        ChangeRequest(
            "limit",
            "Raise the refund limit",
            RequestType.CHANGE,
            "Service desk",
            date(2027, 2, 3),
            status=S.UNDER_EVALUATION,
            rationale="40 tickets a month.",
        )
    )
    project.add(
        ChangeRequest(
            "vat",
            "Receipts show VAT per line",
            RequestType.FEATURE,
            "Finance",
            date(2027, 1, 20),
            Priority.HIGH,
            status=S.APPROVED,
            rationale="Tax audit.",
            feasibility="3 days.",
            reconfiguration_possible=False,
            decision=Decision.APPROVE,
            decided_by="CAB",
            decided_on=date(2027, 2, 10),
            decision_reason="Legal need.",
        )
    )
    return project


class ScriptedDialogs:
    def __init__(self) -> None:
        self.release: str | None = RELEASE
        self.bug: BugReport | None = None
        self.delete = True
        self.asked: list[str] = []

    def ask_release(self, releases, preferred, what):
        self.asked.append(f"release for {what}: {[r.name for r in releases]}")
        return self.release

    def ask_post_release_bug(self, releases, preferred, today):
        self.asked.append(f"bug in {[r.name for r in releases]}")
        return self.bug

    def confirm_delete(self, title):
        self.asked.append(f"delete {title}")
        return self.delete


@pytest.fixture
def doc() -> Document:
    return Document(requests_project())


@pytest.fixture
def view(qtbot, doc) -> RequestsView:
    selection = Selection()
    widget = RequestsView(selection)
    widget.selection_owner = selection  # keep it alive with the view
    widget.dialogs = ScriptedDialogs()  # type: ignore[assignment]
    widget.today = lambda: TODAY
    qtbot.addWidget(widget)
    widget.set_document(doc)
    widget.resize(1300, 800)
    widget.show()
    return widget


def _rows(view: RequestsView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _status(doc: Document, request_id: str) -> RequestStatus:
    return doc.project.change_requests[request_id].status


def _type(edit, text: str) -> None:
    """Type into a multi-line field and leave it, as the planner does."""
    edit.setPlainText(text)
    edit.document().setModified(True)
    edit.editing_finished.emit()


# --- the table --------------------------------------------------------------------------------


def test_table_lists_requests_newest_first_with_every_column(view):
    assert _rows(view) == ["Raise the refund limit", "Dark mode", "Receipts show VAT per line"]
    proxy = view.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Title", "Type", "Requester", "Submitted", "Priority", "Status", "Release"]
    assert [proxy.index(1, c).data() for c in range(7)] == [
        "Dark mode", "Feature", "Feedback form", "1 Feb 2027", "Low", "New", "",
    ]  # fmt: skip
    assert view.bar.count_label.text() == "3 requests"


def test_item_models_pass_the_model_tester(qtmodeltester, doc):
    model = RequestTableModel()
    model.set_project(doc.project)
    qtmodeltester.check(model)
    proxy = RequestFilter()
    proxy.setSourceModel(model)
    proxy.sort(COL_STATUS)
    proxy.set_filters(status=S.NEW.value)
    qtmodeltester.check(proxy)


def test_filters_and_search_narrow_the_list(view):
    bar = view.bar
    bar.status_combo.setCurrentIndex(bar.status_combo.findData(S.APPROVED.value))
    bar.status_combo.activated.emit(bar.status_combo.currentIndex())
    assert _rows(view) == ["Receipts show VAT per line"]
    assert bar.count_label.text() == "1 of 3 requests"
    bar.clear_filters()
    bar.type_combo.setCurrentIndex(bar.type_combo.findData(RequestType.FEATURE.value))
    bar.type_combo.activated.emit(bar.type_combo.currentIndex())
    assert sorted(_rows(view)) == ["Dark mode", "Receipts show VAT per line"]
    bar.clear_filters()
    bar.search_edit.setText("service   REFUND")  # words anywhere, any case
    assert _rows(view) == ["Raise the refund limit"]
    bar.search_edit.setText("colour")  # the description counts too
    assert _rows(view) == ["Dark mode"]
    bar.clear_filters()
    bar.release_combo.setCurrentIndex(bar.release_combo.findData(RELEASE))
    bar.release_combo.activated.emit(bar.release_combo.currentIndex())
    assert _rows(view) == []
    assert bar.release_combo.itemText(bar.release_combo.count() - 1) == "No release"


# --- evaluate and decide --------------------------------------------------------------------


def test_evaluate_and_approve_a_request_then_undo_each_step(view, doc, recorded):
    view.select_request("dark")
    form = view.form
    assert form.heading.text() == "Dark mode" and form.status_pill.text() == "New"
    assert form.start_evaluation_button.isVisible()
    _type(form.rationale_edit, "Asked by 120 merchants.")
    assert _status(doc, "dark") is S.UNDER_EVALUATION
    assert doc.undo_stack.undoText() == "Evaluate 'Dark mode'"
    assert form.status_pill.text() == "Under evaluation"
    _type(form.feasibility_edit, "Two weeks with the design system.")
    form.reconfiguration_combo.setCurrentIndex(2)
    form.reconfiguration_combo.activated.emit(2)
    assert doc.project.change_requests["dark"].reconfiguration_possible is False
    form.decided_by_edit.setText("Change advisory board")
    form.reason_edit.setPlainText("Cheap and often asked for.")
    assert doc.undo_stack.count() == 3  # the draft decision is no command yet
    form.decision_buttons[Decision.APPROVE].click()
    request = doc.project.change_requests["dark"]
    assert (request.status, request.decision) == (S.APPROVED, Decision.APPROVE)
    assert (request.decided_by, request.decided_on) == ("Change advisory board", TODAY)
    assert request.decision_reason == "Cheap and often asked for."
    assert doc.undo_stack.count() == 4 and doc.undo_stack.undoText() == "Approve 'Dark mode'"
    assert not form.decision_buttons[Decision.APPROVE].isVisible()
    assert form.decision_hint.text() == "Approved by Change advisory board on 8 Mar 2027."
    assert form.rationale_edit.isReadOnly()  # the evaluation is the decision's record
    row = view.model.row_of("dark")
    assert view.model.index(row, COL_STATUS).data() == "Approved"
    assert recorded == []
    doc.undo_stack.undo()
    assert _status(doc, "dark") is S.UNDER_EVALUATION
    assert form.decision_buttons[Decision.APPROVE].isVisible()
    for _ in range(3):
        doc.undo_stack.undo()
    assert doc.project.change_requests["dark"] == requests_project().change_requests["dark"]
    assert form.status_pill.text() == "New" and form.rationale_edit.toPlainText() == ""


def test_an_illegal_decision_is_refused_with_the_reason(view, doc, recorded):
    view.select_request("limit")  # under evaluation, feasibility missing
    view.form.decided_by_edit.setText("CAB")
    view.form.reason_edit.setPlainText("Fine.")
    assert not view.form.decide(Decision.APPROVE)
    assert recorded == [
        (
            "error",
            "Record the feasibility and the answer whether reconfiguring meets it of 'Raise "
            "the refund limit' in its evaluation before deciding.",
        )
    ]
    assert _status(doc, "limit") is S.UNDER_EVALUATION and doc.undo_stack.count() == 0
    assert view.form.decided_by_edit.text() == "CAB"  # the typed draft is kept


def test_decision_details_are_corrected_as_one_command(view, doc):
    view.select_request("vat")
    form = view.form
    assert form.decided_by_edit.text() == "CAB" and form.decided_by_edit.isEnabled()
    form.decided_by_edit.setText("CAB (chair: Tom)")
    form.decided_by_edit.setModified(True)
    form.decided_by_edit.editingFinished.emit()
    assert doc.project.change_requests["vat"].decided_by == "CAB (chair: Tom)"
    assert doc.undo_stack.undoText() == "Edit the decision on 'Receipts show VAT per line'"


# --- scope ------------------------------------------------------------------------------------


def test_schedule_an_approved_request_into_the_release_and_undo(view, doc):
    view.select_request("vat")
    assert view.bar.schedule_action.isEnabled()
    assert view.form.schedule_button.isVisible()
    view.bar.schedule_action.trigger()
    assert view.dialogs.asked == ["release for 'Receipts show VAT per line': ['Small 1.0']"]
    request = doc.project.change_requests["vat"]
    assert (request.status, request.release_id) == (S.SCHEDULED, RELEASE)
    assert doc.undo_stack.undoText() == (
        "Add 'Receipts show VAT per line' to the scope of Small 1.0"
    )
    row = view.model.row_of("vat")
    assert view.model.index(row, COL_RELEASE).data() == "Small 1.0"
    assert view.form.scope_label.text() == "In the scope of Small 1.0."
    assert view.form.deliver_button.isVisible()
    view.form.deliver_button.click()
    assert _status(doc, "vat") is S.DELIVERED
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    request = doc.project.change_requests["vat"]
    assert (request.status, request.release_id) == (S.APPROVED, None)
    assert view.model.index(row, COL_RELEASE).data() == ""


def test_drag_approved_requests_onto_a_release_in_the_explorer(qtbot, view, doc, recorded):
    explorer = ExplorerView(view.selection)
    qtbot.addWidget(explorer)
    explorer.set_document(doc)
    source = view.model
    mime = source.mimeData([source.index(source.row_of("vat"), 0)])
    tree: ExplorerModel = explorer.model
    release = tree.index_for_release(RELEASE)
    link = Qt.DropAction.LinkAction
    assert tree.canDropMimeData(mime, link, -1, -1, release)
    assert not tree.canDropMimeData(mime, link, -1, -1, QModelIndex())
    assert not tree.canDropMimeData(mime, link, -1, -1, tree.index_for_release(LIVE))
    not_approved = source.mimeData([source.index(source.row_of("dark"), 0)])
    assert not tree.canDropMimeData(not_approved, link, -1, -1, release)
    assert not source.flags(source.index(source.row_of("dark"), 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert tree.dropMimeData(mime, link, -1, -1, release)
    assert _status(doc, "vat") is S.SCHEDULED and doc.undo_stack.count() == 1
    assert recorded == []
    doc.undo_stack.undo()
    assert _status(doc, "vat") is S.APPROVED


# --- the support loop and the user-facing text ---------------------------------------------


def test_record_a_post_release_bug_as_a_new_defect_request_and_undo(view, doc):
    view.dialogs.bug = BugReport(
        LIVE, "Receipt printer skips the logo", "Store 12", TODAY, Priority.CRITICAL, "Since 0.9."
    )
    view.bar.bug_action.trigger()
    assert view.dialogs.asked == ["bug in ['Small 0.9']"]
    bug = next(r for r in doc.project.change_requests.values() if r.title.startswith("Receipt p"))
    assert (bug.type, bug.status, bug.origin_release_id) == (RequestType.DEFECT, S.NEW, LIVE)
    assert (bug.priority, bug.requester, bug.submitted) == (Priority.CRITICAL, "Store 12", TODAY)
    assert view.current_id == bug.id
    assert view.form.origin_label.text() == "Found in production in Small 0.9"
    assert doc.undo_stack.undoText() == "Record post-release bug 'Receipt printer skips the logo'"
    doc.undo_stack.undo()
    assert bug.id not in doc.project.change_requests
    assert view.model.rowCount() == 3
    assert view.current_id in doc.project.change_requests  # the table moved to another row


def test_user_facing_text_and_audiences_feed_the_handout(view, doc):
    view.select_request("vat")
    form = view.form
    _type(form.impact_edit, "Receipts list the VAT of every line.")
    _type(form.steps_edit, "Print a receipt.\n\nCheck the VAT column.\n")
    assert form.audience_list.count() == 1
    form.audience_list.item(0).setCheckState(Qt.CheckState.Checked)
    request = doc.project.change_requests["vat"]
    assert request.user_impact == "Receipts list the VAT of every line."
    assert request.user_steps == ("Print a receipt.", "Check the VAT column.")
    assert request.audience_ids == ("cashiers",)
    assert doc.undo_stack.count() == 3


def test_new_request_and_delete(view, doc):
    view.bar.new_action.trigger()
    new_id = view.current_id
    assert doc.project.change_requests[new_id].submitted == TODAY
    assert view.form.title_edit.text() == "New request"
    view.form.title_edit.setText("Gift cards")
    view.form.title_edit.setModified(True)
    view.commit_pending()  # e.g. Ctrl+S while still typing
    assert doc.project.change_requests[new_id].title == "Gift cards"
    assert view.bar.delete_action.isEnabled()
    view.bar.delete_action.trigger()
    assert new_id not in doc.project.change_requests
    assert view.dialogs.asked == ["delete Gift cards"]


def test_read_only_document_disables_editing(qtbot, view):
    view.set_document(Document(requests_project(), read_only=True))
    view.select_request("dark")
    assert not view.bar.new_action.isEnabled() and not view.bar.bug_action.isEnabled()
    assert view.form.title_edit.isReadOnly() and view.form.rationale_edit.isReadOnly()
    assert not view.form.type_combo.isEnabled()
    assert view.model.index(0, 0).data(ID_ROLE) is not None


def test_drop_events_on_the_explorer_viewport_schedule_the_request(qtbot, view, doc):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    explorer = ExplorerView(view.selection)
    qtbot.addWidget(explorer)
    explorer.set_document(doc)
    explorer.resize(300, 400)
    explorer.show()
    tree = explorer.tree
    source = view.model
    mime = source.mimeData([source.index(source.row_of("vat"), 0)])
    at = QPointF(tree.visualRect(explorer.model.index_for_release(RELEASE)).center())
    link, left = Qt.DropAction.LinkAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    viewport = tree.viewport()
    enter = QDragEnterEvent(at.toPoint(), link, mime, left, none)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(at.toPoint(), link, mime, left, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(at, link, mime, left, none))
    assert _status(doc, "vat") is S.SCHEDULED and doc.undo_stack.count() == 1
