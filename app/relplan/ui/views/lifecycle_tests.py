"""The Test cycles section of the Lifecycle tab: functional, non-functional and UAT runs.

One row per cycle with its dates (recorded, or planned from its timeline item), result and
defects. A failed cycle offers "Add fix-and-retest iteration": a Build task and a new cycle
after it, as one undoable step, shown on the timeline at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import test_cycles as tc
from relplan.domain.calendar import format_day
from relplan.domain.model import TestCycle, TestResult
from relplan.ui.views.lifecycle_gates import ID_ROLE, current_id, later, select_id, tree

if TYPE_CHECKING:
    from relplan.ui.views.lifecycle_view import LifecycleView

RESULT_COLORS = {
    TestResult.PASSED: "#2e7d32",
    TestResult.FAILED: "#c62828",
    TestResult.PLANNED: "#6b7280",
}


class TestCyclesSection(QWidget):
    """The release's test cycles, with Record result and Add fix-and-retest iteration."""

    __test__ = False  # a widget, not a pytest test class

    def __init__(self, host: LifecycleView) -> None:
        super().__init__(host)
        self.host = host
        self.cycles = tree(["Test cycle", "Kind", "Dates", "Result", "Defects", "Notes"])
        self.cycles.setObjectName("testCycles")
        header = self.cycles.header()
        header.setStretchLastSection(True)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 260)
        self.cycles.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.cycles.itemDoubleClicked.connect(lambda *_: later(self, self.record_result))
        self.cycles.currentItemChanged.connect(lambda *_: self._select_item())
        self.add_button = QPushButton("Add cycle…")
        self.add_button.clicked.connect(lambda: self.add_cycle())
        self.record_button = QPushButton("Record result…")
        self.record_button.clicked.connect(lambda: self.record_result())
        self.retest_button = QPushButton("Add fix-and-retest iteration")
        self.retest_button.setObjectName("retestButton")
        self.retest_button.setToolTip(
            "After a failed cycle: a Build task to fix its defects and a new cycle to retest, "
            "linked after it on the timeline."
        )
        self.retest_button.clicked.connect(lambda: self.add_retest())
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the cycle's record; its work item stays.")
        self.remove_button.clicked.connect(lambda: self.remove_cycle())
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.add_button, self.record_button, self.retest_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.cycles)

    @property
    def cycle(self) -> TestCycle | None:
        project, cycle_id = self.host.project, current_id(self.cycles)
        return project.test_cycles.get(cycle_id) if project is not None and cycle_id else None

    def failed_count(self) -> int:
        project, release_id = self.host.project, self.host.release_id
        if project is None or release_id is None:
            return 0
        return sum(
            c.release_id == release_id and c.result is TestResult.FAILED
            for c in project.test_cycles.values()
        )

    # --- filling ------------------------------------------------------------------------------

    def refresh(self) -> None:
        project, release_id = self.host.project, self.host.release_id
        keep = current_id(self.cycles)
        self.cycles.clear()
        if project is None or release_id is None:
            self.summary.clear()
            self._update_buttons()
            return
        schedule = self.host.schedule
        italic = QFont(self.cycles.font())
        italic.setItalic(True)
        cycles = tc.release_cycles(project, release_id, schedule)
        for cycle in cycles:
            start, end, planned = tc.cycle_dates(cycle, schedule)
            dates = _span(start, end)
            if planned:
                dates += " (planned)"
            defects = str(cycle.defects_found) if cycle.result is not TestResult.PLANNED else ""
            row = QTreeWidgetItem(
                [
                    cycle.name,
                    tc.KIND_LABELS[cycle.kind],
                    dates,
                    tc.RESULT_LABELS[cycle.result],
                    defects,
                    " ".join(cycle.notes.split()),
                ]
            )
            row.setData(0, ID_ROLE, cycle.id)
            row.setForeground(3, QBrush(QColor(RESULT_COLORS[cycle.result])))
            if planned:
                row.setFont(2, italic)
            row.setToolTip(5, cycle.notes)
            if cycle.item_id is None:
                row.setToolTip(0, "Not on the timeline: link it to a Test task to schedule it.")
            self.cycles.addTopLevelItem(row)
        counts = {r: sum(c.result is r for c in cycles) for r in TestResult}
        self.summary.setText(
            f"{len(cycles)} cycles: {counts[TestResult.PASSED]} passed, "
            f"{counts[TestResult.FAILED]} failed, {counts[TestResult.PLANNED]} planned"
            if cycles
            else "No test cycles yet."
        )
        select_id(self.cycles, keep)
        self._update_buttons()

    def _update_buttons(self) -> None:
        cycle = self.cycle
        editable = self.host.editable
        self.add_button.setEnabled(editable and self.host.release_id is not None)
        self.record_button.setEnabled(editable and cycle is not None)
        self.remove_button.setEnabled(editable and cycle is not None)
        retest = cycle is not None and cycle.result is TestResult.FAILED and cycle.item_id
        self.retest_button.setEnabled(bool(editable and retest))

    def _select_item(self) -> None:
        """Show the chosen cycle's work item in the other views (timeline, inspector)."""
        cycle = self.cycle
        if cycle is not None and cycle.item_id in self.host.project.items:
            self.host.selection.select_item(cycle.item_id)

    # --- editing ------------------------------------------------------------------------------

    def add_cycle(self) -> bool:
        release_id = self.host.release_id
        if release_id is None:
            return False
        answer = self.host.prompts.new_cycle(self.host.project, release_id)
        if answer is None:
            return False
        changes = self.host.push(
            lambda p: tc.add_test_cycle(p, release_id, answer.name, answer.kind, answer.item_id)
        )
        return self._select_new(changes)

    def record_result(self) -> bool:
        cycle = self.cycle
        if cycle is None:
            return False
        start, end, _planned = tc.cycle_dates(cycle, self.host.schedule)
        answer = self.host.prompts.test_result(cycle, (start, end))
        if answer is None:
            return False
        return bool(
            self.host.push(
                lambda p: tc.record_result(
                    p,
                    cycle.id,
                    answer.result,
                    answer.defects,
                    answer.notes,
                    answer.start,
                    answer.end,
                )
            )
        )

    def add_retest(self) -> bool:
        """Ask how long the fix takes, then add the fix task and the retest cycle (one step)."""
        cycle = self.cycle
        if cycle is None:
            return False
        project = self.host.project
        later = [c.name for c in tc.later_cycles(project, cycle.id)]
        days = self.host.prompts.retest_days(cycle, tc.next_cycle_name(project, cycle), later)
        if days is None:
            return False
        changes = self.host.push(lambda p: tc.add_retest_iteration(p, cycle.id, days))
        return self._select_new(changes)

    def remove_cycle(self) -> bool:
        cycle = self.cycle
        if cycle is None:
            return False
        if not self.host.prompts.confirm(
            "Remove test cycle",
            f"Remove the record of \u201c{cycle.name}\u201d? Its work item stays on the timeline.",
        ):
            return False
        return bool(self.host.push(lambda p: tc.remove_test_cycle(p, cycle.id)))

    def _select_new(self, changes) -> bool:
        if not changes:
            return False
        new = sorted(changes.ids("test_cycles"))
        if new:
            select_id(self.cycles, new[0])
        return True


def _span(start, end) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return format_day(start)
    if start.year == end.year:
        return f"{start.day} {start:%b} – {format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"
