"""The merge dialog: the other version's changes, your changes, and a side for each conflict."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.diff import ProjectDiff
from relplan.domain.merge import MergeResult, Side
from relplan.ui.dialogs.compare_dialog import ChangesTree


@dataclass(frozen=True)
class MergeView:
    """What the merge dialog shows: the merge, and both sides' changes since the original."""

    title: str
    intro: str
    result: MergeResult
    theirs_changes: ProjectDiff
    my_changes: ProjectDiff
    theirs_name: str = "Their"


class MergeDialog(QDialog):
    """Lists the conflicts with a Mine / Theirs choice each; Apply Merge returns the choices."""

    COLUMNS = ("Conflict", "Mine", "Theirs")

    def __init__(self, view: MergeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(view.title)
        self.resize(900, 560)
        self.view = view
        self.groups: dict[str, QButtonGroup] = {}
        column = QVBoxLayout(self)
        intro = QLabel(view.intro)
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.tabs = QTabWidget(self)
        conflicts = view.result.conflicts
        self.table = self._conflict_table(view)
        theirs = ChangesTree(self)
        theirs.show_diff(view.theirs_changes, "No changes.")
        mine = ChangesTree(self)
        mine.show_diff(view.my_changes, "No changes.")
        if conflicts:
            self.tabs.addTab(self.table, f"Conflicts ({len(conflicts)})")
        counts = (len(view.theirs_changes.records), len(view.my_changes.records))
        self.tabs.addTab(theirs, f"{view.theirs_name} changes ({counts[0]})")
        self.tabs.addTab(mine, f"Your changes ({counts[1]})")
        column.addWidget(self.tabs, 1)
        dropped = view.result.resolve().dropped
        if dropped:
            note = QLabel("\n".join(dropped))
            note.setWordWrap(True)
            column.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.all_mine = QPushButton("Take All Mine")
        self.all_theirs = QPushButton("Take All Theirs")
        self.apply_button = QPushButton("Apply Merge")
        self.apply_button.setDefault(True)
        for button in (self.all_mine, self.all_theirs):
            button.setEnabled(bool(conflicts))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.all_mine.clicked.connect(lambda: self.take_all(Side.OURS))
        self.all_theirs.clicked.connect(lambda: self.take_all(Side.THEIRS))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def _conflict_table(self, view: MergeView) -> QTableWidget:
        conflicts = view.result.conflicts
        table = QTableWidget(len(conflicts), len(self.COLUMNS), self)
        table.setObjectName("conflictTable")
        table.setHorizontalHeaderLabels(list(self.COLUMNS))
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.setStyleSheet("QTableWidget::item { padding: 4px; }")
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for n in (1, 2):
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(n, 200)
        for row, conflict in enumerate(conflicts):
            item = QTableWidgetItem(conflict.message)
            item.setToolTip(conflict.message)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, item)
            group = QButtonGroup(table)
            for n, (side, text) in enumerate(
                ((Side.OURS, conflict.ours_text), (Side.THEIRS, conflict.theirs_text)), 1
            ):
                button = QRadioButton(text)
                button.setToolTip(f"Keep {'mine' if side is Side.OURS else 'theirs'}: {text}")
                button.setProperty("side", side.value)
                group.addButton(button, n)
                table.setCellWidget(row, n, button)
            group.button(1).setChecked(True)
            self.groups[conflict.key] = group
        # Rows fit their wrapped text at the width the columns finally get.
        header.sectionResized.connect(lambda *_args: table.resizeRowsToContents())
        return table

    def showEvent(self, event: QShowEvent) -> None:
        """Overrides QDialog.showEvent: fit the rows once the columns have their widths."""
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def take_all(self, side: Side) -> None:
        for group in self.groups.values():
            group.button(1 if side is Side.OURS else 2).setChecked(True)

    def choose(self, key: str, side: Side) -> None:
        self.groups[key].button(1 if side is Side.OURS else 2).setChecked(True)

    def choices(self) -> dict[str, Side]:
        """The side chosen for each conflict, by conflict key."""
        return {
            key: Side.OURS if group.checkedId() == 1 else Side.THEIRS
            for key, group in self.groups.items()
        }
