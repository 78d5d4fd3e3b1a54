"""The project explorer: what it lists, and that selecting there selects everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex
from window_support import (
    BUILD,
    GOLIVE,
    IGNORE_OFFSCREEN,
    KICKOFF,
    RELEASE,
    TEST,
    small_project,
)

from relplan.domain import edits
from relplan.domain.model import ItemKind, Phase, Release
from relplan.samples import sample_project
from relplan.ui.document import Document
from relplan.ui.models.explorer_model import ID_ROLE, KIND_ROLE, ExplorerModel
from relplan.ui.selection import Selection
from relplan.ui.views.explorer import ExplorerView

pytestmark = IGNORE_OFFSCREEN


@pytest.fixture
def doc() -> Document:
    return Document(small_project())


@pytest.fixture
def explorer(qtbot, doc) -> ExplorerView:
    view = ExplorerView(Selection())
    qtbot.addWidget(view)
    view.set_document(doc)
    view.show()
    return view


def _children(model: ExplorerModel, parent: QModelIndex) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def _click(view: ExplorerView, index: QModelIndex) -> None:
    view.tree.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_lists_releases_phases_items_requests_and_people(explorer):
    model = explorer.model
    root = QModelIndex()
    assert _children(model, root) == ["Releases", "Change requests", "People and teams"]
    release = model.index_for_release(RELEASE)
    assert release.data() == "Small 1.0 (1.0)"
    assert _children(model, release) == ["Plan", "Build", "Test", "Deploy"]
    build_phase = model.index(1, 0, release)
    assert _children(model, build_phase) == ["Build API"]
    people = model.index(2, 0, root)
    assert _children(model, people) == ["Engineering", "Bob Baker"]  # teams, then the rest
    assert _children(model, model.index(0, 0, people)) == ["Ann Archer"]
    # Releases are expanded at first so the items are one click away.
    assert explorer.tree.isExpanded(release)


def test_selecting_an_item_selects_it_everywhere(explorer):
    selection = explorer.selection
    _click(explorer, explorer.model.index_for_item(TEST))
    assert selection.item_id == TEST
    assert selection.release_id == RELEASE


def test_selecting_a_release_shows_it(explorer, doc):
    other = Release("rel-2", "Small 2.0")
    doc.push(edits.add_record(doc.project, other))
    _click(explorer, explorer.model.index_for_release("rel-2"))
    assert explorer.selection.release_id == "rel-2"


def test_follows_the_selection_made_elsewhere(explorer):
    explorer.selection.select_item(GOLIVE)
    current = explorer.tree.currentIndex()
    assert (current.data(ID_ROLE), current.data(KIND_ROLE)) == (GOLIVE, "item")


def test_rename_updates_the_row_in_place(qtbot, explorer, doc):
    model = explorer.model
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        doc.push(edits.update_item(doc.project, KICKOFF, name="Kick-off meeting"))
    assert model.index_for_item(KICKOFF).data() == "Kick-off meeting"


def test_adding_and_removing_items_keep_what_the_planner_expanded(explorer, doc):
    model, tree = explorer.model, explorer.tree
    people = model.index_for_key("group:people")
    tree.expand(people)
    tree.collapse(model.index_for_release(RELEASE))
    doc.push(edits.add_item(doc.project, RELEASE, "Security review", ItemKind.TASK, Phase.TEST))
    assert tree.isExpanded(model.index_for_key("group:people"))
    assert not tree.isExpanded(model.index_for_release(RELEASE))
    test_phase = model.index_for_key(f"phase:{RELEASE}:test")
    assert sorted(_children(model, test_phase)) == ["Security review", "Test API"]
    doc.push(edits.remove_item(doc.project, BUILD))
    assert model.index_for_item(BUILD).isValid() is False
    assert model.index_for_key(f"phase:{RELEASE}:build").isValid() is False


def test_items_in_a_phase_are_in_schedule_order(qtbot):
    doc = Document(sample_project())
    model = ExplorerModel()
    model.set_project(doc.project, doc.schedules)
    schedules = doc.schedules
    for key in model.node_keys():
        if not key.startswith("phase:"):
            continue
        phase = model.index_for_key(key)
        starts = []
        for row in range(model.rowCount(phase)):
            item_id = model.index(row, 0, phase).data(ID_ROLE)
            starts.append(
                schedules[doc.project.items[item_id].release_id].dates(item_id).start_index
            )
        assert starts == sorted(starts)


def test_explorer_model_passes_the_model_tester(qtmodeltester):
    doc = Document(sample_project())
    model = ExplorerModel()
    model.set_project(doc.project, doc.schedules)
    qtmodeltester.check(model)
    # The tester stays attached and checks the signals of in-place updates and resets too.
    first = next(iter(doc.project.items))
    doc.push(edits.update_item(doc.project, first, name="Renamed"))
    model.set_project(doc.project, doc.schedules)
    doc.push(edits.remove_item(doc.project, first))
    model.set_project(doc.project, doc.schedules)
    model.set_project(None, {})
    qtmodeltester.check(model)
