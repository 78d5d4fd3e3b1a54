"""The problems dock: conflicts, cycles, negative slack and load problems; a click selects."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from window_support import (
    GOLIVE,
    IGNORE_OFFSCREEN,
    RELEASE,
    TEST,
    prompts_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    small_project,
    window_fixture,  # noqa: F401  (a fixture)
    write_project,
)

from relplan.domain import edits
from relplan.domain.edits import apply_changes
from relplan.domain.model import Constraint, ConstraintKind, Dependency
from relplan.ui.document import Document
from relplan.ui.models.problem_model import ProblemModel, collect_problems
from relplan.ui.selection import Selection
from relplan.ui.views.problems import ProblemsView

pytestmark = IGNORE_OFFSCREEN


@pytest.fixture
def doc() -> Document:
    return Document(small_project())


@pytest.fixture
def problems(qtbot, doc) -> ProblemsView:
    view = ProblemsView(Selection())
    qtbot.addWidget(view)
    view.set_document(doc)
    view.show()
    return view


def _rows(view: ProblemsView) -> list[tuple[str, str]]:
    model = view.model
    return [(model.index(r, 1).data(), model.index(r, 2).data()) for r in range(model.rowCount())]


def _pin_go_live_early(doc: Document) -> None:
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 3))
    assert doc.push(edits.set_constraint(doc.project, GOLIVE, pin))


def test_a_plan_without_problems_lists_none(problems):
    assert problems.model.rowCount() == 0


def test_a_pin_conflict_appears_after_the_edit_and_goes_with_undo(problems, doc):
    _pin_go_live_early(doc)
    assert _rows(problems) == [("Date conflict", "Small 1.0")]
    message = problems.model.index(0, 0).data()
    assert message.startswith("'Go-live' must finish on 3 Mar 2027, but 'Test API' (FS) holds it")
    doc.undo_stack.undo()
    assert problems.model.rowCount() == 0


def test_clicking_a_problem_selects_its_item(qtbot, problems, doc):
    _pin_go_live_early(doc)
    index = problems.model.index(0, 2)
    rect = problems.table.visualRect(index)
    qtbot.mouseClick(problems.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert problems.selection.item_id == GOLIVE
    assert problems.selection.release_id == RELEASE


def test_a_missed_deadline_lists_negative_slack_most_negative_first(problems, doc):
    doc.push(edits.update_record(doc.project, "releases", RELEASE, deadline=date(2027, 3, 5)))
    rows = _rows(problems)
    assert ("Negative slack", "Small 1.0") in rows
    entry = problems.model.entry(rows.index(("Negative slack", "Small 1.0")))
    assert entry.severity == "error"
    assert "after its deadline 5 Mar 2027" in entry.message
    slack = {i: doc.schedules[RELEASE].dates(i).slack for i in entry.item_ids}
    assert list(slack.values()) == sorted(slack.values())
    assert min(slack.values()) < 0


def test_a_file_with_a_cycle_opens_and_lists_the_cycle_once(window, tmp_path):
    project = small_project()
    # A loop written by another tool: Test waits for Go-live, which waits for Test.
    project.add(Dependency("loop", GOLIVE, TEST))
    path = write_project(tmp_path / "loop.relplan", project)
    assert window.files.open_path(path)
    doc = window.document
    assert doc.load_problems  # the loader warns about the cycle...
    view = window.problems
    kinds = [view.model.index(r, 1).data() for r in range(view.model.rowCount())]
    assert kinds.count("Dependency cycle") == 1  # ...and the list shows it once, clickably
    assert window.problems_dock.isVisible()
    row = kinds.index("Dependency cycle")
    view.select_problem(view.model.index(row, 0))
    assert window.selection.item_id in (TEST, GOLIVE)


def test_load_warnings_are_listed_as_file_problems(window, tmp_path):
    path = write_project(tmp_path / "extra.relplan")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["items"]["1"]["colour"] = "blue"  # a field this relplan does not know
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.files.open_path(path)
    entries = [window.problems.model.entry(r) for r in range(window.problems.model.rowCount())]
    assert [e.kind for e in entries] == ["File"]
    assert "colour" in entries[0].message
    assert window.problems_dock.windowTitle() == "Problems (1)"


def test_problem_model_passes_the_model_tester(qtmodeltester):
    project = small_project()
    apply_changes(
        project,
        edits.set_constraint(
            project, GOLIVE, Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 3))
        ),
    )
    doc = Document(project)
    model = ProblemModel()
    model.set_entries(collect_problems(doc.project, doc.schedules, []))
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    model.set_entries([])
    qtmodeltester.check(model)
