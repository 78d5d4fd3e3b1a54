"""The Release overview: what a release manager reads first each morning, and that it
follows the shown release and every edit."""

from __future__ import annotations

from datetime import date

import pytest
from window_support import (
    IGNORE_OFFSCREEN,
    prompts_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    window_fixture,  # noqa: F401  (a fixture)
)

from relplan.domain import requests
from relplan.domain.model import Project, Release
from relplan.samples import sample_project
from relplan.samples.payments_plan import STATUS_DATE, sample_id
from relplan.ui.document import Document
from relplan.ui.selection import Selection
from relplan.ui.views.overview_view import OverviewView
from relplan.ui.views.requests_view import RequestsView

pytestmark = IGNORE_OFFSCREEN
RELEASE_42 = sample_id("release", "4.2")
RELEASE_41 = sample_id("release", "4.1")


@pytest.fixture
def doc() -> Document:
    return Document(sample_project())


@pytest.fixture
def overview(qtbot, doc) -> OverviewView:
    selection = Selection()
    view = OverviewView(selection)
    view.selection_owner = selection  # keep it alive with the view
    view.today = lambda: STATUS_DATE
    qtbot.addWidget(view)
    selection.select_release(RELEASE_42)
    view.set_document(doc)
    view.resize(1200, 900)
    view.show()
    return view


def test_header_phase_and_key_figures_of_the_sample(overview):
    shown = overview.overview
    assert overview.title.text() == "Payments 4.2 (4.2.0)"
    assert overview.subtitle.text() == (
        "Started 5 Oct 2026 · deadline 31 Mar 2027 · release manager Maria Schneider · "
        "as of Thu 26 Nov 2026"
    )
    assert shown.phases == [
        ("Request", "done"), ("Plan", "done"), ("Build", "current"),
        ("Test", "next"), ("Deploy", "next"), ("Support", "next"),
    ]  # fmt: skip
    figures = {
        tile.title.text(): (tile.value.text(), tile.detail.text()) for tile in overview.figures
    }
    assert figures["DAYS TO GO-LIVE"] == ("95", "Mon 1 Mar 2027 · 63 working days")
    assert figures["NEXT MILESTONE"] == ("Code complete", "Wed 16 Dec 2026 · in 20 days")
    assert figures["SCHEDULE"][0] == "On track"
    assert figures["SCHEDULE"][1].endswith("before the deadline 31 Mar 2027.")
    assert figures["PROGRESS"][0].endswith(" %")


def test_gates_sign_offs_and_open_checklist_items(overview):
    gates = overview.gates.row_texts()
    assert overview.gates.summary.text() == "2 of 6 passed"
    assert gates[0] == (
        "Passed | Scope approved | Request · Wed 14 Oct 2026 · checklist 3/3\n"
        "Signed by Tom Becker and Hannah Fischer"
    )
    go_no_go = next(g for g in gates if "Go/no-go decision" in g)
    assert "✓ Development lead: Priya Raman signed go, 25 Nov 2026" in go_no_go
    assert "○ Product owner: waiting for Hannah Fischer" in go_no_go
    checklist = overview.checklist.row_texts()
    assert overview.checklist.summary.text() == "17 open"
    assert checklist[0].startswith("Code complete | ○ UAT cycle 1 defects fixed and retested")
    assert checklist[-1] == "and 9 more in Go-live and Release closed"


def test_test_results_scope_and_problems(overview):
    tests = overview.tests.row_texts()
    assert "Failed | UAT cycle 1 | User acceptance · " in "\n".join(tests)
    assert any(t.startswith("Passed | Functional test cycle 1") for t in tests)
    assert overview.tests.summary.text() == "1 passed, 1 failed, 5 planned"
    assert overview.scope.summary.text() == "4 scheduled, 1 approved"
    assert any(
        t.startswith("Approved | RFC-126 Show the payee check") for t in overview.scope.row_texts()
    )
    problems = overview.problems.row_texts()
    assert any("Go/no-go decision" in p for p in problems)
    assert all(p.startswith(("Error | ", "Warning | ")) for p in problems)


def test_a_live_release_shows_its_production_bugs(overview):
    overview.selection.select_release(RELEASE_41)
    overview.refresh()
    figures = {tile.title.text(): tile.value.text() for tile in overview.figures}
    assert overview.title.text() == "Payments 4.1 (4.1.3)"
    assert overview.overview.phases[-1] == ("Support", "current")
    assert overview.scope.row_texts()[-1] == ("2 bugs found in production, 1 not delivered yet")
    assert figures["GO-LIVE"] == "–"  # 4.1 keeps no plan, only its scope and bugs


def test_follows_edits_and_the_release_chosen(qtbot, overview, doc):
    rfc126 = sample_id("change_request", "RFC-126")
    doc.push(requests.schedule_requests(doc.project, [rfc126], RELEASE_42))
    qtbot.waitUntil(lambda: overview.scope.summary.text() == "5 scheduled")
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: overview.scope.summary.text() == "4 scheduled, 1 approved")
    combo = overview.release_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Payments 4.1", "Payments 4.2"]
    combo.activated.emit(0)
    assert overview.selection.release_id == RELEASE_41
    qtbot.waitUntil(lambda: overview.title.text() == "Payments 4.1 (4.1.3)")


def test_without_a_release_it_shows_a_hint(qtbot, overview):
    overview.set_document(Document(Project("Empty")))
    assert overview.stack.currentIndex() == 0 and overview.overview is None
    project = Project("New")
    project.add(Release("r", "First", start=date(2027, 1, 4)))
    overview.selection.select_release("r")
    overview.set_document(Document(project))
    figures = {tile.title.text(): tile.value.text() for tile in overview.figures}
    assert figures["SCHEDULE"] == "Not planned" and figures["NEXT MILESTONE"] == "None ahead"
    assert overview.gates.row_texts() == ["This release has no gates."]


def test_overview_and_requests_tabs_follow_the_timeline(window):
    window.files.new_project(from_sample=True)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[0] == "Timeline"
    assert titles.index("Requests") == titles.index("Overview") + 1
    assert isinstance(window.extra_views["overviewView"], OverviewView)
    assert isinstance(window.extra_views["requestsView"], RequestsView)
    overview = window.extra_views["overviewView"]
    window.tabs.setCurrentWidget(overview)
    assert overview.overview is not None and overview.title.text() == "Payments 4.2 (4.2.0)"


def test_a_request_opened_in_the_explorer_shows_in_the_requests_tab(window):
    window.files.new_project(from_sample=True)
    explorer = window.explorer
    rfc133 = sample_id("change_request", "RFC-133")
    index = explorer.model.index_for_key(f"request:{rfc133}")
    explorer.tree.activated.emit(index)
    requests_tab = window.extra_views["requestsView"]
    assert window.tabs.currentWidget() is requests_tab
    assert requests_tab.current_id == rfc133
