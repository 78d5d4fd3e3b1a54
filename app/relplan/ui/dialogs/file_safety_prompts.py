"""The questions of shared-drive safety and recovery, in one replaceable object.

:class:`relplan.ui.file_safety.FileSafety` asks through its ``prompts``; tests swap in
scripted answers, since a modal dialog would block without a display.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from relplan.domain.diff import ProjectDiff
from relplan.domain.merge import Side
from relplan.storage.lock import LockOwner
from relplan.storage.recovery import RecoveryEntry
from relplan.ui.dialogs.compare_dialog import CompareDialog
from relplan.ui.dialogs.merge_dialog import MergeDialog, MergeView
from relplan.ui.dialogs.prompts import FILE_FILTER


class LockChoice(StrEnum):
    """What to do with a project someone else has open."""

    READ_ONLY = "read_only"
    COPY = "copy"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


class DiskChoice(StrEnum):
    """What to do when the file changed on disk since it was opened."""

    MERGE = "merge"
    COMPARE = "compare"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


class RecoverChoice(StrEnum):
    RECOVER = "recover"
    DISCARD = "discard"
    LATER = "later"


class BaseChoice(StrEnum):
    """Which version both sides of a merge started from."""

    OPENED = "opened"  # the open project as it was opened or last saved
    FILE = "file"  # a file the planner chooses
    CANCEL = "cancel"


class SafetyPrompts:
    """Modal dialogs for locks, changes on disk, compare and merge, and recovery."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str, informative: str) -> QMessageBox:
        box = QMessageBox(self.parent)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(informative)
        return box

    def ask_locked(self, name: str, holder: LockOwner, stale: bool) -> LockChoice:
        if stale:
            informative = (
                "Their lock looks abandoned: relplan no longer runs there, or it has not "
                "renewed the lock for over an hour. Take it over only if you are sure they "
                "are not working on it; otherwise open it read-only or open a copy."
            )
        else:
            informative = (
                "Open it read-only to look, or open a copy to work on and merge later "
                "(File > Compare with File…)."
            )
        box = self._box(
            QMessageBox.Icon.Warning,
            "Project in use",
            f"{name} is open by {holder.describe()}.",
            informative,
        )
        role = QMessageBox.ButtonRole
        read_only = box.addButton("Open Read-Only", role.AcceptRole)
        copy = box.addButton("Open a Copy", role.AcceptRole)
        take = box.addButton("Take Over", role.DestructiveRole) if stale else None
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is read_only:
            return LockChoice.READ_ONLY
        if clicked is copy:
            return LockChoice.COPY
        if take is not None and clicked is take:
            return LockChoice.TAKE_OVER
        return LockChoice.CANCEL

    def ask_changed_on_disk(self, name: str, can_merge: bool) -> DiskChoice:
        informative = (
            "Merge their changes with yours before saving, or overwrite the file and lose "
            "their changes."
            if can_merge
            else "Compare the file with your version, or overwrite it and lose their changes; "
            "Save As keeps both."
        )
        box = self._box(
            QMessageBox.Icon.Warning,
            "File changed on disk",
            f"{name} was changed by someone else since you opened it.",
            informative,
        )
        role = QMessageBox.ButtonRole
        first = box.addButton("Merge…" if can_merge else "Compare…", role.AcceptRole)
        overwrite = box.addButton("Overwrite", role.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(first)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is first:
            return DiskChoice.MERGE if can_merge else DiskChoice.COMPARE
        if clicked is overwrite:
            return DiskChoice.OVERWRITE
        return DiskChoice.CANCEL

    def resolve_merge(self, view: MergeView) -> dict[str, Side] | None:
        """The merge dialog; the side chosen for each conflict, or None when cancelled."""
        dialog = MergeDialog(view, self.parent)
        accepted = dialog.exec() == MergeDialog.DialogCode.Accepted
        return dialog.choices() if accepted else None

    def show_compare(self, mine: str, other: str, diff: ProjectDiff) -> bool:
        """The compare dialog; True when the planner asks to merge."""
        dialog = CompareDialog(mine, other, diff, self.parent)
        dialog.exec()
        return dialog.merge_requested

    def ask_compare_path(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Compare with file", folder, FILE_FILTER)
        return path or None

    def ask_merge_base(self, opened: str | None) -> BaseChoice:
        """Which version both started from: the one opened here, or a file to choose."""
        box = self._box(
            QMessageBox.Icon.Question,
            "Merge",
            "Which version did both start from?",
            "A merge needs the common original to tell who changed what: the version you "
            "opened, if the other file was copied from it, or a file you choose (for Git: "
            "git show :1:NAME > original.relplan).",
        )
        role = QMessageBox.ButtonRole
        opened_button = (
            box.addButton(f"The Version I Opened ({opened})", role.AcceptRole) if opened else None
        )
        file_button = box.addButton("Choose a File…", role.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if opened_button is not None and clicked is opened_button:
            return BaseChoice.OPENED
        return BaseChoice.FILE if clicked is file_button else BaseChoice.CANCEL

    def ask_base_path(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Choose the common original", folder, FILE_FILTER
        )
        return path or None

    def ask_recover(self, entries: list[RecoveryEntry]) -> RecoverChoice:
        """Offer the newest autosave of a session that ended without saving."""
        newest = entries[0]
        older = len(entries) - 1
        later = (
            f" {older} older autosave{'s' * (older > 1)} will be offered next time."
            if older
            else ""
        )
        box = self._box(
            QMessageBox.Icon.Question,
            "Recover unsaved work",
            "relplan closed without saving your work last time.",
            f"Recover {newest.describe()}?{later}",
        )
        role = QMessageBox.ButtonRole
        recover = box.addButton("Recover", role.AcceptRole)
        discard = box.addButton("Discard", role.DestructiveRole)
        box.addButton("Later", role.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return RecoverChoice.RECOVER
        return RecoverChoice.DISCARD if clicked is discard else RecoverChoice.LATER
