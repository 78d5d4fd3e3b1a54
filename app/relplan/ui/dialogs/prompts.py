"""Every question and notice the main window puts to the planner, in one replaceable object.

The window calls these through its ``prompts`` attribute, so a test swaps in answers
instead of clicking modal dialogs (which would block without a display).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from relplan import __version__

FILE_FILTER = "relplan projects (*.relplan);;All files (*)"
SUFFIX = ".relplan"
MAX_LISTED_PROBLEMS = 3


class SaveChoice(StrEnum):
    """The answer to "save your changes first?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Prompts:
    """Modal dialogs of the main window; each method is one question or notice."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def ask_unsaved_changes(self, name: str) -> SaveChoice:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {name} before closing it?")
        box.setInformativeText("If you don't save, your changes since the last save are lost.")
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        answer = buttons(box.exec())
        if answer == buttons.Save:
            return SaveChoice.SAVE
        if answer == buttons.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    def ask_open_path(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open project", folder, FILE_FILTER)
        return path or None

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Save project as", suggested, FILE_FILTER
        )
        if not path:
            return None
        return path if Path(path).suffix else path + SUFFIX

    def show_file_problem(self, title: str, text: str, informative: str, details: str) -> None:
        """A file could not be opened or saved: what, why (first few problems) and all details."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(informative)
        if details:
            box.setDetailedText(details)
        box.exec()

    def show_message(self, level: str, text: str) -> None:
        """A warning or error from the message bridge."""
        if level == "error":
            QMessageBox.critical(self.parent, "relplan", text)
        else:
            QMessageBox.warning(self.parent, "relplan", text)

    def confirm_unpin(self, name: str) -> bool:
        """Dragging a pinned item replaces its must-finish-on date; ask first."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            "Move a pinned item?",
            f"'{name}' must finish on a fixed date. Moving it replaces that date with a "
            "start-no-earlier-than date. Move it anyway?",
            buttons.Yes | buttons.No,
            buttons.No,
        )
        return answer == buttons.Yes

    def show_about(self) -> None:
        QMessageBox.about(
            self.parent,
            "About relplan",
            f"<h3>relplan {__version__}</h3>"
            "<p>Release planning for software teams: dependencies, drag-and-drop "
            "scheduling, RACI, change requests, and PDF release plans and handouts.</p>"
            "<p>Licensed under the GNU General Public License v3 or later.</p>",
        )


def problem_lines(problems: list[object], limit: int = MAX_LISTED_PROBLEMS) -> str:
    """The first few problems as a list for a dialog, and how many more there are."""
    shown = [f"• {p}" for p in problems[:limit]]
    rest = len(problems) - limit
    if rest > 0:
        shown.append(f"…and {rest} more (see Details).")
    return "\n".join(shown)
