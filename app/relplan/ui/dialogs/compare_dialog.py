"""Compare with File: what differs between the open project and another version of it."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.diff import ProjectDiff, diff_lines

# Added records in green, removed ones in red, as in any diff viewer (dark enough on white).
_MARK_COLOURS = {"+ ": "#1a7f37", "- ": "#b42318"}


class ChangesTree(QTreeWidget):
    """A comparison as a tree: one branch per kind of record, one row per change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)

    def show_diff(self, diff: ProjectDiff, empty_text: str = "No differences.") -> None:
        self.clear()
        lines = diff_lines(diff)
        if not lines:
            QTreeWidgetItem(self, [empty_text])
            return
        branch: QTreeWidgetItem | None = None
        for line in lines:
            if line.startswith("  ") and branch is not None:
                text = line.strip()
                row = QTreeWidgetItem(branch, [text])
                row.setToolTip(0, text)
                colour = _MARK_COLOURS.get(text[:2])
                if colour is not None:
                    row.setForeground(0, QBrush(QColor(colour)))
            else:
                branch = QTreeWidgetItem(self, [line])
                font = branch.font(0)
                font.setBold(True)
                branch.setFont(0, font)
        self.expandAll()
        self.collapse_long_branches()

    def collapse_long_branches(self, limit: int = 30) -> None:
        """Keep long lists (a schedule that moved everything) folded so the rest shows."""
        for n in range(self.topLevelItemCount()):
            branch = self.topLevelItem(n)
            if branch.childCount() > limit:
                branch.setExpanded(False)


class CompareDialog(QDialog):
    """The differences from the open project to a file, with Merge… and Close."""

    def __init__(
        self, mine: str, other: str, diff: ProjectDiff, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(f"Compare with {other}")
        self.resize(760, 520)
        self.merge_requested = False
        column = QVBoxLayout(self)
        counts = diff.counts()
        summary = (
            f"From {mine} (open) to {other}: {counts['added']} added, {counts['removed']} "
            f"removed, {counts['changed']} changed; {counts['moved']} items move."
            if diff
            else f"{mine} and {other} hold the same plan."
        )
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.tree = ChangesTree(self)
        self.tree.show_diff(diff, "No differences: both hold the same plan.")
        column.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = QPushButton("Merge…")
        self.merge_button.setToolTip(
            "Merge both versions' changes into the open project, choosing a side for each conflict"
        )
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(bool(diff))
        buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self._merge)
        column.addWidget(buttons)

    def _merge(self) -> None:
        self.merge_requested = True
        self.accept()
