"""The compare and merge dialogs, and the real message boxes behind the safety questions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMessageBox, QRadioButton
from window_support import BUILD, TEST, small_project

from relplan.domain import edits
from relplan.domain.diff import diff_projects
from relplan.domain.edits import apply_changes
from relplan.domain.merge import Side, merge_projects
from relplan.storage.lock import LockOwner
from relplan.ui.dialogs.compare_dialog import CompareDialog
from relplan.ui.dialogs.file_safety_prompts import (
    BaseChoice,
    DiskChoice,
    LockChoice,
    RecoverChoice,
    SafetyPrompts,
)
from relplan.ui.dialogs.merge_dialog import MergeDialog, MergeView
from relplan.ui.file_safety import snapshot


def two_sides():
    base = small_project()
    mine, theirs = snapshot(base), snapshot(base)
    apply_changes(mine, edits.set_duration(mine, BUILD, 8))
    apply_changes(theirs, edits.set_duration(theirs, BUILD, 6))
    apply_changes(mine, edits.update_item(mine, TEST, name="Test API on staging"))
    apply_changes(theirs, edits.remove_item(theirs, TEST))
    apply_changes(theirs, edits.update_item(theirs, "golive", notes="after the freeze"))
    return base, mine, theirs


def merge_view() -> MergeView:
    base, mine, theirs = two_sides()
    result = merge_projects(base, mine, theirs, labels=("yours", "theirs"))
    return MergeView(
        "Merge plan.relplan",
        "Choose a side for each conflict.",
        result,
        diff_projects(base, theirs),
        diff_projects(base, mine, with_dates=False),
    )


def test_merge_dialog_lists_each_conflict_with_mine_chosen_first(qtbot):
    view = merge_view()
    dialog = MergeDialog(view)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(n) for n in range(dialog.tabs.count())] == [
        "Conflicts (2)",
        "Their changes (7)",
        "Your changes (2)",
    ]
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == (
        "Both changed the duration of 'Build API': yours 8, theirs 6 (was 5)."
    )
    mine = table.cellWidget(0, 1)
    assert isinstance(mine, QRadioButton) and mine.text() == "8" and mine.isChecked()
    assert table.cellWidget(1, 2).text() == "removed"
    keys = [c.key for c in view.result.conflicts]
    assert dialog.choices() == dict.fromkeys(keys, Side.OURS)
    dialog.all_theirs.click()
    assert dialog.choices() == dict.fromkeys(keys, Side.THEIRS)
    dialog.table.cellWidget(1, 1).click()
    assert dialog.choices() == {keys[0]: Side.THEIRS, keys[1]: Side.OURS}


def test_compare_dialog_groups_changes_by_kind(qtbot):
    base, mine, _ = two_sides()
    dialog = CompareDialog("plan.relplan", "copy.relplan", diff_projects(base, mine))
    qtbot.addWidget(dialog)
    tree = dialog.tree
    tops = [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())]
    assert tops == ["Work items: 2 changed", "Schedule: 3 items move"]
    assert tree.topLevelItem(0).child(0).text(0) == "~ 'Build API': duration 5 → 8"
    assert dialog.summary.text().startswith("From plan.relplan (open) to copy.relplan: 0 added")
    dialog.merge_button.click()
    assert dialog.merge_requested


def test_compare_dialog_of_equal_plans_offers_no_merge(qtbot):
    project = small_project()
    dialog = CompareDialog("a.relplan", "b.relplan", diff_projects(project, snapshot(project)))
    qtbot.addWidget(dialog)
    assert not dialog.merge_button.isEnabled()
    assert dialog.tree.topLevelItem(0).text(0) == "No differences: both hold the same plan."


@pytest.fixture
def click(monkeypatch):
    """Make QMessageBox.exec click the button whose text starts with the answer given."""
    answer = {"text": ""}

    def exec_(box):
        for button in box.buttons():
            if button.text().replace("&", "").startswith(answer["text"]):
                button.click()
                return 0
        raise AssertionError(f"no button {answer['text']!r} in {[b.text() for b in box.buttons()]}")

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return answer


def test_real_lock_question_maps_its_buttons(qtbot, click):
    prompts = SafetyPrompts(None)
    owner = LockOwner("ann", "LAPTOP-7", 1, datetime.now(UTC), "t")
    for text, stale, expected in (
        ("Open Read-Only", False, LockChoice.READ_ONLY),
        ("Open a Copy", False, LockChoice.COPY),
        ("Take Over", True, LockChoice.TAKE_OVER),
        ("Cancel", True, LockChoice.CANCEL),
    ):
        click["text"] = text
        assert prompts.ask_locked("plan.relplan", owner, stale) is expected
    click["text"] = "Take Over"
    with pytest.raises(AssertionError, match="no button"):
        prompts.ask_locked("plan.relplan", owner, False)  # only a stale lock can be taken


def test_real_disk_recover_and_base_questions_map_their_buttons(qtbot, click):
    prompts = SafetyPrompts(None)
    for text, can_merge, expected in (
        ("Merge", True, DiskChoice.MERGE),
        ("Compare", False, DiskChoice.COMPARE),
        ("Overwrite", True, DiskChoice.OVERWRITE),
        ("Cancel", True, DiskChoice.CANCEL),
    ):
        click["text"] = text
        assert prompts.ask_changed_on_disk("plan.relplan", can_merge) is expected
    for text, expected in (
        ("The Version I Opened", BaseChoice.OPENED),
        ("Choose", BaseChoice.FILE),
    ):
        click["text"] = text
        assert prompts.ask_merge_base("plan.relplan") is expected
    from relplan.storage.recovery import RecoveryEntry

    entry = RecoveryEntry(
        folder=None, key="k", original=None, name="Plan", saved_at=datetime.now(UTC),
        user="ann", host="h", pid=1, stamp=None,
    )  # fmt: skip
    for text, expected in (
        ("Recover", RecoverChoice.RECOVER),
        ("Discard", RecoverChoice.DISCARD),
        ("Later", RecoverChoice.LATER),
    ):
        click["text"] = text
        assert prompts.ask_recover([entry, entry]) is expected
