"""The workload tab: each person's load per week, coloured, with who is over-allocated."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from window_support import BUILD, IGNORE_OFFSCREEN, TEST, small_project

from relplan.domain import edits
from relplan.domain.model import RaciRole
from relplan.samples import sample_project
from relplan.ui.document import Document
from relplan.ui.models.workload_model import LOAD_COLORS, LOAD_ROLE, WorkloadModel
from relplan.ui.selection import Selection
from relplan.ui.views.workload_view import WorkloadView

pytestmark = IGNORE_OFFSCREEN

# The small release starts Monday 1 Mar 2027 with the kick-off; Build API (5 days) runs Tue 2
# to Mon 8 Mar, Test API (3 days) Tue 9 to Thu 11 Mar. Ann is R 60 % on Build, 50 % on Test.
WEEK_1, WEEK_2 = date(2027, 3, 1), date(2027, 3, 8)


@pytest.fixture
def doc() -> Document:
    return Document(small_project())


@pytest.fixture
def view(qtbot, doc) -> WorkloadView:
    workload = WorkloadView(Selection())
    qtbot.addWidget(workload)
    workload.resize(1000, 500)
    workload.set_document(doc)
    workload.show()
    qtbot.waitExposed(workload)
    return workload


def _cell(view: WorkloadView, person_id: str, week: date):
    return view.model.index(view.model.row_of(person_id), view.model.column_of(week))


def test_weeks_across_people_by_team_down_with_the_load_in_each_cell(view):
    model = view.model
    assert model.weeks == [WEEK_1, WEEK_2]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "W09\n1 Mar"
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert rows == ["Engineering", "Ann Archer", "No team", "Bob Baker"]
    # Week 1: Build 60 % x 4/5 days = 48 %. Week 2: Build 60 % x 1/5 = 12 % plus
    # Test 50 % x 3/5 = 30 %: 42 %.
    assert _cell(view, "ann", WEEK_1).data() == "48 %"
    assert _cell(view, "ann", WEEK_2).data() == "42 %"
    assert _cell(view, "bob", WEEK_1).data() is None  # an A carries no load
    tip = _cell(view, "ann", WEEK_2).data(Qt.ItemDataRole.ToolTipRole)
    assert "• Test API: 50 % for 3 days\n• Build API: 60 % for 1 day" in tip


def test_the_workload_model_passes_the_model_tester(qtmodeltester, doc):
    model = WorkloadModel()
    model.load(doc, "rel-1")
    qtmodeltester.check(model)
    model.load(None, None)
    qtmodeltester.check(model)


def test_overallocation_shows_its_figure_in_red_and_is_named_above(view, doc):
    assert "nobody is over-allocated" in view.summary.text()
    # Ann goes full time on Build (4 days of week 1: 80 %); Test no longer waits for Build
    # and starts Monday (3 days of week 1); full time on it adds 60 %: 140 %.
    doc.push(edits.set_role(doc.project, BUILD, "ann", RaciRole.RESPONSIBLE, 100))
    doc.push(edits.remove_dependency(doc.project, "d2"))
    doc.push(edits.set_role(doc.project, TEST, "ann", RaciRole.RESPONSIBLE, 100))
    cell = _cell(view, "ann", WEEK_1)
    assert cell.data() == "140 %"
    assert cell.data(LOAD_ROLE).over
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == QColor(LOAD_COLORS[4][1])
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    assert "1 person over-allocated" in view.summary.text()
    assert "Ann Archer (up to 140 %)" in view.summary.text()
    doc.undo_stack.undo()  # Test back to 50 %: 80 % + 30 % = 110 %
    assert _cell(view, "ann", WEEK_1).data() == "110 %"


def test_a_lower_availability_raises_the_load(view, doc):
    doc.push(edits.update_person(doc.project, "ann", availability=50))
    assert _cell(view, "ann", WEEK_1).data() == "96 %"  # 48 % of a week, of a half-time person
    assert view.model.headerData(view.model.row_of("ann"), Qt.Orientation.Vertical) == (
        "Ann Archer  (50 %)"
    )


def test_choosing_a_cell_lists_its_work_and_a_click_selects_the_item(view):
    view.table.setCurrentIndex(_cell(view, "ann", WEEK_2))
    lines = [view.details.topLevelItem(n) for n in range(view.details.topLevelItemCount())]
    assert [[line.text(c) for c in range(4)] for line in lines] == [
        ["Test API", "50 %", "3", "30 %"],
        ["Build API", "60 %", "1", "12 %"],
    ]
    assert "Ann Archer, week of 8 Mar 2027: 42 %" in view.details_title.text()
    line = lines[0]
    view.details.itemClicked.emit(line, 0)
    assert view.selection.item_id == TEST


def test_the_sample_shows_its_overallocation_first(qtbot):
    project = sample_project()
    view = WorkloadView(Selection())
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.set_document(Document(project))
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.table.currentIndex().isValid())
    sofia = next(p.id for p in project.people.values() if p.name == "Sofia Rossi")
    current = view.table.currentIndex()
    assert view.model.person_id_at(current.row()) == sofia
    assert current.data() == "111 %"  # R 100 % at 90 % availability, in the Christmas week
    assert "Sofia Rossi (up to 111 %)" in view.summary.text()
