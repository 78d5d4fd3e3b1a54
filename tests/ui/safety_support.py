"""Scripted answers to the file-safety questions; windows that autosave to a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from window_support import ScriptedPrompts

from relplan.domain.diff import ProjectDiff
from relplan.domain.merge import Side
from relplan.storage.lock import LockOwner
from relplan.storage.recovery import RecoveryEntry
from relplan.ui.dialogs.file_safety_prompts import BaseChoice, DiskChoice, LockChoice, RecoverChoice
from relplan.ui.dialogs.merge_dialog import MergeView
from relplan.ui.main_window import MainWindow


class ScriptedSafety:
    """Stands in for the safety dialogs: answers from a script, and records what was asked."""

    def __init__(self) -> None:
        self.lock_answer = LockChoice.CANCEL
        self.locked_asked: list[tuple[str, LockOwner, bool]] = []
        self.disk_answers: list[DiskChoice] = []
        self.disk_asked: list[tuple[str, bool]] = []
        self.merge_sides: dict[str, Side] | None = {}  # None: cancel the merge dialog
        self.merge_default = Side.OURS
        self.merges: list[MergeView] = []
        self.compares: list[tuple[str, str, ProjectDiff]] = []
        self.compare_merges = False
        self.compare_path: str | None = None
        self.base_answer = BaseChoice.OPENED
        self.base_path: str | None = None
        self.recover_answer = RecoverChoice.LATER
        self.recover_asked: list[list[RecoveryEntry]] = []

    def ask_locked(self, name: str, holder: LockOwner, stale: bool) -> LockChoice:
        self.locked_asked.append((name, holder, stale))
        return self.lock_answer

    def ask_changed_on_disk(self, name: str, can_merge: bool) -> DiskChoice:
        self.disk_asked.append((name, can_merge))
        return self.disk_answers.pop(0) if self.disk_answers else DiskChoice.CANCEL

    def resolve_merge(self, view: MergeView) -> dict[str, Side] | None:
        self.merges.append(view)
        if self.merge_sides is None:
            return None
        keys = [c.key for c in view.result.conflicts]
        return {key: self.merge_sides.get(key, self.merge_default) for key in keys}

    def show_compare(self, mine: str, other: str, diff: ProjectDiff) -> bool:
        self.compares.append((mine, other, diff))
        return self.compare_merges

    def ask_compare_path(self, folder: str) -> str | None:
        return self.compare_path

    def ask_merge_base(self, opened: str | None) -> BaseChoice:
        return self.base_answer

    def ask_base_path(self, folder: str) -> str | None:
        return self.base_path

    def ask_recover(self, entries: list[RecoveryEntry]) -> RecoverChoice:
        self.recover_asked.append(entries)
        return self.recover_answer


def make_window(
    qtbot, settings, recovery: Path
) -> tuple[MainWindow, ScriptedPrompts, ScriptedSafety]:
    """A shown main window with scripted prompts whose autosaves go to ``recovery``."""
    window = MainWindow(settings)
    prompts, safety = ScriptedPrompts(), ScriptedSafety()
    window.prompts = prompts  # type: ignore[assignment]
    window.files.safety.prompts = safety  # type: ignore[assignment]
    window.files.safety.recovery_folder = recovery
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, prompts, safety


@pytest.fixture(name="recovery_folder")
def recovery_folder_fixture(tmp_path: Path) -> Path:
    return tmp_path / "recovery"
