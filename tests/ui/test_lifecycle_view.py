"""The Lifecycle tab as a planner uses it: sign a gate, tick a checklist entry, record a failed
test cycle and add the retest iteration, set the deployment window, plan training, create a
release from a template, and undo each; plus what the timeline shows for them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from window_support import (
    IGNORE_OFFSCREEN,
    prompts_fixture,  # noqa: F401  (a fixture)
    recorded_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    window_fixture,  # noqa: F401  (a fixture)
)

from relplan.domain.gates import GateState, blocked_items, gate_status, override_gate
from relplan.domain.model import SignOffDecision, TestResult
from relplan.samples import sample_project
from relplan.samples.payments_plan import sample_id
from relplan.ui.dialogs.lifecycle_gate_dialogs import SignOffInput
from relplan.ui.dialogs.lifecycle_test_dialogs import ResultInput
from relplan.ui.dialogs.lifecycle_training_dialogs import SessionInput
from relplan.ui.dialogs.template_dialogs import NewReleaseInput, TemplateInfo
from relplan.ui.document import Document
from relplan.ui.people_mime import PeopleDrag, people_mime
from relplan.ui.selection import Selection
from relplan.ui.views.lifecycle_gates import ID_ROLE
from relplan.ui.views.lifecycle_view import TESTS, LifecycleView
from relplan.ui.views.timeline_lifecycle import blocked_lines, training_marks, training_tooltip
from relplan.ui.views.timeline_view import TimelineView

pytestmark = IGNORE_OFFSCREEN

RELEASE = sample_id("release", "4.2")
GO_NO_GO = sample_id("gate", "test")
NOW = datetime(2026, 11, 27, 9, 30)


class ScriptedLifecyclePrompts:
    """Answers the Lifecycle tab's questions from a script and records what was asked."""

    def __init__(self) -> None:
        self.sign: SignOffInput | None = None
        self.result: ResultInput | None = None
        self.fix_days: int | None = 4
        self.reason: str | None = None
        self.session_answer: SessionInput | None = None
        self.asked: list[str] = []

    def sign_off(self, project, gate, role, now):
        self.asked.append(f"sign {gate.name} as {role}")
        return self.sign

    def override_reason(self, gate, waiting):
        self.asked.append(f"override {gate.name}: {waiting}")
        return self.reason

    def test_result(self, cycle, planned):
        self.asked.append(f"result {cycle.name}")
        return self.result

    def retest_days(self, cycle, retest_name, later):
        self.asked.append(f"retest {cycle.name} as {retest_name}; after: {', '.join(later)}")
        return self.fix_days

    def session(self, project, session, default_day):
        self.asked.append(f"session on {default_day}")
        return self.session_answer

    def confirm(self, title, text):
        return True


@pytest.fixture
def doc() -> Document:
    return Document(sample_project())


@pytest.fixture
def view(qtbot, doc) -> LifecycleView:
    selection = Selection()
    selection.select_release(RELEASE)
    widget = LifecycleView(selection)
    widget.prompts = ScriptedLifecyclePrompts()  # type: ignore[assignment]
    widget.now = lambda: NOW
    qtbot.addWidget(widget)
    widget.set_document(doc)
    widget.resize(1100, 700)
    widget.show()
    return widget


def choose_gate(view: LifecycleView, gate_id: str) -> None:
    lst = view.gates.gate_list
    row = next(
        lst.topLevelItem(n)
        for n in range(lst.topLevelItemCount())
        if lst.topLevelItem(n).data(0, ID_ROLE) == gate_id
    )
    lst.setCurrentItem(row)


def test_the_tab_shows_the_sample_releases_gates_in_phase_order(view):
    lst = view.gates.gate_list
    names = [lst.topLevelItem(n).text(0) for n in range(lst.topLevelItemCount())]

    assert names == [
        "Scope approved", "Plan approved", "Code complete",
        "Go/no-go decision", "Go-live", "Release closed",
    ]  # fmt: skip
    assert [lst.topLevelItem(n).text(1) for n in range(2)] == ["Passed", "Passed"]
    assert view.sections.tabText(0) == "Gates (4 open)"
    assert view.acting_name() == "Maria Schneider"  # the release owner


def test_signing_the_go_no_go_gate_frees_deploy_and_undo_blocks_it_again(view, doc):
    choose_gate(view, GO_NO_GO)
    assert "Deploy is blocked" in view.gates.state.text()
    hannah = sample_id("person", "hannah")
    view.prompts.sign = SignOffInput("Product owner", hannah, SignOffDecision.GO, NOW, "UAT ok")

    assert view.gates.sign()

    assert view.prompts.asked == ["sign Go/no-go decision as Product owner"]
    assert gate_status(doc.project, GO_NO_GO).state is GateState.PASSED
    assert blocked_items(doc.project, RELEASE) == []
    row = view.gates.sign_offs.topLevelItem(1)
    assert [row.text(n) for n in range(5)] == [
        "Product owner", "Hannah Fischer", "Go", "27 Nov 2026, 09:30", "UAT ok",
    ]  # fmt: skip
    assert (
        doc.undo_stack.undoText() == "Hannah Fischer signs 'Go/no-go decision' go as Product owner"
    )

    doc.undo_stack.undo()

    assert gate_status(doc.project, GO_NO_GO).waiting_for == ("Product owner",)
    assert view.gates.sign_offs.topLevelItem(1).text(2) == "Not signed"
    assert len(blocked_items(doc.project, RELEASE)) > 0


def test_ticking_a_checklist_entry_records_who_and_when_and_undo_unticks(view, doc, qtbot):
    choose_gate(view, GO_NO_GO)
    view.set_acting(sample_id("person", "chen"))
    row = view.gates.checklist.topLevelItem(1)
    assert row.checkState(0) == Qt.CheckState.Unchecked

    row.setCheckState(0, Qt.CheckState.Checked)  # as a click on the check box does

    qtbot.waitUntil(lambda: doc.undo_stack.count() == 1)
    entry = doc.project.checklists[sample_id("checklist", "test")].entries[1]
    assert (entry.done, entry.done_by, entry.done_at) == (True, "Chen Wei", NOW)
    assert view.gates.checklist.topLevelItem(1).text(1) == "Chen Wei, 27 Nov 2026, 09:30"
    doc.undo_stack.undo()
    entry = doc.project.checklists[sample_id("checklist", "test")].entries[1]
    assert not entry.done
    assert view.gates.checklist.topLevelItem(1).checkState(0) == Qt.CheckState.Unchecked


def test_an_override_needs_a_reason_and_shows_who_overrode(view, doc, recorded):
    choose_gate(view, GO_NO_GO)
    view.prompts.reason = None
    assert not view.gates.override()

    view.prompts.reason = "Product owner on leave; CEO approved go by mail on 27 Nov."
    assert view.gates.override()

    assert view.prompts.asked[-1] == "override Go/no-go decision: the Product owner"
    assert gate_status(doc.project, GO_NO_GO).state is GateState.OVERRIDDEN
    assert "Overridden by Maria Schneider on 27 Nov 2026, 09:30" in view.gates.state.text()
    assert view.gates.override_button.text() == "Withdraw override"
    doc.undo_stack.undo()
    assert doc.project.gates[GO_NO_GO].override_reason == ""


def test_a_failed_cycle_gets_a_retest_iteration_on_the_timeline_in_one_undo_step(view, doc, qtbot):
    view.show_section(TESTS)
    tests = view.tests
    cycle_id = sample_id("test_cycle", "ts.func2")
    assert tests.cycles.topLevelItemCount() == 7
    tests.cycles.setCurrentItem(
        next(
            tests.cycles.topLevelItem(n)
            for n in range(7)
            if tests.cycles.topLevelItem(n).data(0, ID_ROLE) == cycle_id
        )
    )
    assert not tests.retest_button.isEnabled()
    view.prompts.result = ResultInput(TestResult.FAILED, 3, "3 payout defects", None, None)

    assert tests.record_result()

    assert doc.project.test_cycles[cycle_id].result is TestResult.FAILED
    assert view.sections.tabText(TESTS) == "Test cycles (2 failed)"
    assert tests.retest_button.isEnabled()
    timeline = TimelineView(doc, view.selection)
    qtbot.addWidget(timeline)
    rows_before = len(timeline.timeline.rows)

    qtbot.mouseClick(tests.retest_button, Qt.MouseButton.LeftButton)

    assert view.prompts.asked[-1] == (
        "retest Functional test cycle 2 as Functional test cycle 3; "
        "after: End-to-end test with the partner bank"
    )
    project = doc.project
    retest = next(c for c in project.test_cycles.values() if c.name == "Functional test cycle 3")
    fix = next(i for i in project.items.values() if i.name == "Fix Functional test cycle 2 defects")
    assert project.items[fix.id].duration == 4
    assert tests.cycle.id == retest.id  # the new cycle is selected
    assert len(timeline.timeline.rows) == rows_before + 2  # the iteration shows on the timeline
    schedule = doc.schedules[RELEASE]
    failed_end = schedule.dates(sample_id("item", "ts.func2")).finish
    assert schedule.dates(fix.id).start > failed_end
    assert schedule.dates(retest.item_id).start > schedule.dates(fix.id).finish
    assert (
        doc.undo_stack.undoText() == "Add fix-and-retest iteration after 'Functional test cycle 2'"
    )

    doc.undo_stack.undo()

    assert retest.id not in project.test_cycles and fix.id not in project.items
    assert len(timeline.timeline.rows) == rows_before
    assert tests.cycles.topLevelItemCount() == 7


def test_the_deployment_window_is_checked_against_freezes_as_it_is_entered(view, doc):
    section = view.deployment
    assert "Outside every change freeze" in section.check.text()

    section.window_start.setDate(date(2026, 12, 28))
    section.window_end.setDate(date(2026, 12, 30))
    assert section.apply_window()

    release = doc.project.releases[RELEASE]
    assert (release.deployment_window_start, release.deployment_window_end) == (
        date(2026, 12, 28),
        date(2026, 12, 30),
    )
    assert "overlaps the change freeze" in section.check.text()
    assert "Year-end change freeze" in section.check.text()
    doc.undo_stack.undo()
    assert doc.project.releases[RELEASE].deployment_window_start == date(2027, 2, 26)


def test_the_rollback_plan_typed_is_stored_when_saving(view, doc):
    view.deployment.rollback.setPlainText("Redeploy 4.1.3 from the blue servers.")

    view.commit_pending()

    assert doc.project.releases[RELEASE].rollback_plan == "Redeploy 4.1.3 from the blue servers."
    assert doc.undo_stack.undoText() == "Edit the rollback plan of 'Payments 4.2'"


def test_a_training_session_is_added_and_drawn_on_the_timeline(view, doc, qtbot):
    desk = sample_id("audience", "desk")
    view.prompts.session_answer = SessionInput(
        "Refund limits refresher", desk, date(2027, 2, 25), sample_id("person", "eva"), "Room 2"
    )

    assert view.training.edit_session(new=True)

    assert view.prompts.asked[-1] == "session on 2027-03-01"  # offered the go-live day
    titles = [view.training.sessions.topLevelItem(n).text(1) for n in range(5)]
    assert "Refund limits refresher" in titles
    timeline = TimelineView(doc, view.selection)
    qtbot.addWidget(timeline)
    layout = timeline.timeline
    marks = dict(training_marks(layout))
    x = layout.scale.x_of(date(2027, 2, 25)) + layout.scale.px_per_day / 2
    assert [s.title for s in marks[x]] == ["Refund limits refresher"]
    header = next(r for r in layout.rows if r.is_header and r.label == "Deploy")
    tip = training_tooltip(layout, QPointF(x, header.mid_y))
    assert "Refund limits refresher" in tip and "Eva Lindqvist" in tip and "Room 2" in tip
    doc.undo_stack.undo()
    assert view.training.sessions.topLevelItemCount() == 4


def test_people_dropped_on_an_audience_join_it(view, doc, qtbot):
    audiences = view.training.audiences
    admins = sample_id("audience", "admins")
    row = next(
        audiences.topLevelItem(n)
        for n in range(3)
        if audiences.topLevelItem(n).data(0, ID_ROLE) == admins
    )
    mime = people_mime(PeopleDrag((sample_id("person", "ana"),)))
    assert audiences.canDrop(mime, audiences.indexFromItem(row))
    assert not audiences.canDrop(mime, QModelIndex())

    assert audiences.dropMimeData(row, 0, mime, Qt.DropAction.CopyAction)

    qtbot.waitUntil(lambda: doc.undo_stack.count() == 1)
    assert sample_id("person", "ana") in doc.project.audiences[admins].person_ids
    assert doc.undo_stack.undoText() == "Add to audience 'Administrators'"


def test_blocked_deploy_items_say_why_on_the_timeline(view, doc, qtbot):
    timeline = TimelineView(doc, view.selection)
    qtbot.addWidget(timeline)

    lines = blocked_lines(timeline.timeline, sample_id("item", "dp.deploy"))

    assert lines and "waiting for the Product owner to sign" in lines[0]
    assert blocked_lines(timeline.timeline, sample_id("item", "ts.uat2")) == []


# --- templates, from the main window --------------------------------------------------------


class ScriptedTemplatePrompts:
    def __init__(self, answer=None, info=None) -> None:
        self.answer, self.info = answer, info
        self.offered: list[str] = []

    def new_release(self, project, templates, calendar_id):
        self.offered = [t.name for _path, t, _origin in templates]
        return self.answer(templates) if self.answer else None

    def template_info(self, release_name, folder):
        return self.info

    def confirm_replace(self, path):
        return True


def test_a_release_from_a_template_is_one_undo_step_and_is_shown(window, tmp_path: Path):
    window.files.new_project(from_sample=True)
    doc = window.document
    flows = window.templates
    flows.folder = tmp_path / "templates"
    lifecycle = window.extra_views["lifecycleView"]
    assert window.tabs.tabText(window.tabs.indexOf(lifecycle)) == "Lifecycle"
    window.tabs.setCurrentWidget(lifecycle)
    assert flows.new_release_action in window.release_menu.actions()

    def pick(templates):
        hotfix = next(t for _p, t, _o in templates if t.name == "Emergency hotfix")
        return NewReleaseInput(hotfix, "Payments 4.2.1", "4.2.1", date(2027, 3, 8), None)

    flows.prompts = ScriptedTemplatePrompts(pick)
    releases_before = set(doc.project.releases)

    release_id = flows.new_release()

    assert "Standard ITIL release" in flows.prompts.offered
    release = doc.project.releases[release_id]
    assert (release.name, release.start) == ("Payments 4.2.1", date(2027, 3, 8))
    assert window.selection.release_id == release_id
    assert window.timeline.timeline.release.id == release_id
    assert lifecycle.gates.gate_list.topLevelItemCount() == 5
    assert doc.undo_stack.undoText() == (
        "New release 'Payments 4.2.1' from template 'Emergency hotfix'"
    )

    doc.undo_stack.undo()

    assert set(doc.project.releases) == releases_before
    assert not any(i.release_id == release_id for i in doc.project.items.values())
    assert window.selection.release_id in releases_before


def test_saving_a_release_as_a_template_offers_it_next_time(window, tmp_path: Path, recorded):
    window.files.new_project(from_sample=True)
    flows = window.templates
    flows.folder = tmp_path / "templates"
    window.selection.select_release(RELEASE)
    flows.prompts = ScriptedTemplatePrompts(info=TemplateInfo("Northwind release", "Payments"))

    path = flows.save_release()

    assert path == tmp_path / "templates" / "northwind-release.json"
    assert any("Saved the template 'Northwind release'" in text for _l, text in recorded)
    flows.prompts = ScriptedTemplatePrompts()
    flows.new_release()
    assert "Northwind release" in flows.prompts.offered


def test_a_hidden_lifecycle_tab_catches_up_when_shown(window):
    window.files.new_project(from_sample=True)
    window.selection.select_release(RELEASE)
    lifecycle = window.extra_views["lifecycleView"]
    window.tabs.setCurrentIndex(0)  # the timeline
    doc = window.document
    doc.push(override_gate(doc.project, GO_NO_GO, "Board decision 27 Nov", "Maria Schneider", NOW))
    assert lifecycle.sections.tabText(0) == "Gates (4 open)"  # not refreshed while hidden

    window.tabs.setCurrentWidget(lifecycle)

    assert lifecycle.sections.tabText(0) == "Gates (3 open)"
