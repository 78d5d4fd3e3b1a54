"""File > Export PDF…: the main window's way into the export dialog.

The action sits in the File menu after Compare with File…; it is enabled while a project
is open and opens :class:`~relplan.ui.dialogs.export_dialog.ExportDialog` on that project,
with the release shown in the window preselected and the project's folder as the target.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from relplan.ui.dialogs.export_dialog import ExportDialog
from relplan.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from relplan.ui.main_window import MainWindow


class ExportFlow:
    """Owns the Export PDF… action and the dialog it opens."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: ExportDialog | None = None
        action = QAction("&Export PDF…", window)
        tip = "Export the release plan or a training handout as a PDF"
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setShortcut(QKeySequence("Ctrl+E"))
        action.triggered.connect(self.open_dialog)
        self.action = action
        self._add_to_file_menu()
        self.update_action()

    def _add_to_file_menu(self) -> None:
        """Right after Compare with File… (or before Close if that is missing)."""
        compare, close = self.window.ui_actions.compare, self.window.ui_actions.close
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            if menu is None or compare not in menu.actions():
                continue
            entries = menu.actions()
            following = entries[entries.index(compare) + 1 :]
            menu.insertAction(following[0] if following else close, self.action)
            return

    def update_action(self) -> None:
        self.action.setEnabled(self.window.document is not None)

    def open_dialog(self) -> ExportDialog | None:
        """Show the export dialog for the open project (window-modal, not blocking)."""
        window = self.window
        document = window.document
        if document is None:
            return None
        if document.path is not None:
            folder = document.path.parent
        else:
            folder = Path(window.settings.get(LAST_FOLDER) or Path.home())
        dialog = ExportDialog(document.project, folder, window.selection.release_id, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, *_args) -> None:
        self.dialog = None
