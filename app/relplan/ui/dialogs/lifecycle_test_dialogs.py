"""Dialogs of test cycles: record a result, add a cycle, and size a fix-and-retest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from relplan.domain.model import Phase, Project, TestCycle, TestKind, TestResult
from relplan.domain.test_cycles import KIND_LABELS, MAX_DEFECTS, RESULT_LABELS
from relplan.ui.dialogs.lifecycle_forms import FormDialog, date_edit, from_qdate


@dataclass(frozen=True)
class ResultInput:
    result: TestResult
    defects: int
    notes: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class CycleInput:
    name: str
    kind: TestKind
    item_id: str | None


class ResultDialog(FormDialog):
    """How a cycle went: passed or failed, defects found, when it ran, notes."""

    def __init__(
        self,
        cycle: TestCycle,
        planned: tuple[date | None, date | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Record the result of \u201c{cycle.name}\u201d", parent)
        self.result = QComboBox()
        for result in (TestResult.PASSED, TestResult.FAILED, TestResult.PLANNED):
            self.result.addItem(RESULT_LABELS[result], result)
        current = cycle.result if cycle.result is not TestResult.PLANNED else TestResult.PASSED
        self.result.setCurrentIndex(self.result.findData(current))
        self.defects = QSpinBox()
        self.defects.setRange(0, MAX_DEFECTS)
        self.defects.setValue(cycle.defects_found)
        start, end = planned
        recorded = cycle.start is not None
        self.ran = QCheckBox("Ran from")
        self.ran.setChecked(recorded)
        self.start = date_edit(cycle.start or start)
        self.end = date_edit(cycle.end or end or cycle.start or start)
        for edit in (self.start, self.end):
            edit.setEnabled(recorded)
            self.ran.toggled.connect(edit.setEnabled)
            edit.dateChanged.connect(self.update_ok)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.ran)
        row.addWidget(self.start, 1)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end, 1)
        self.notes = QPlainTextEdit(cycle.notes)
        self.notes.setPlaceholderText("What failed, defect numbers, what to retest")
        self.notes.setFixedHeight(90)
        self.form.addRow("&Result:", self.result)
        self.form.addRow("&Defects found:", self.defects)
        self.form.addRow("Dates:", dates)
        self.form.addRow("&Notes:", self.notes)
        self.ran.toggled.connect(self.update_ok)
        self.finish("Record")
        self.resize(480, self.sizeHint().height())

    def dates(self) -> tuple[date | None, date | None]:
        if not self.ran.isChecked():
            return None, None
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    def valid(self) -> bool:
        start, end = self.dates()
        return start is None or end is None or start <= end

    def value(self) -> ResultInput:
        return ResultInput(
            self.result.currentData(),
            self.defects.value(),
            self.notes.toPlainText().strip(),
            *self.dates(),
        )


class CycleDialog(FormDialog):
    """A new test cycle: name, kind, and the Test item that schedules it on the timeline."""

    def __init__(self, project: Project, release_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Add test cycle", parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Functional test cycle 2")
        self.name.textChanged.connect(self.update_ok)
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.item = QComboBox()
        self.item.addItem("Not on the timeline", None)
        linked = {c.item_id for c in project.test_cycles.values()}
        items = [
            i
            for i in project.release_items(release_id)
            if i.phase is Phase.TEST and not i.is_milestone and i.id not in linked
        ]
        for item in sorted(items, key=lambda i: i.name.casefold()):
            self.item.addItem(item.name, item.id)
        self.item.currentIndexChanged.connect(self._name_from_item)
        hint = QLabel("Link the cycle to a Test task to see it on the timeline.")
        hint.setEnabled(False)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Work item:", self.item)
        self.form.addRow("", hint)
        self.finish("Add")
        self.resize(440, self.sizeHint().height())

    def _name_from_item(self) -> None:
        if self.item.currentData() is not None and not self.name.text().strip():
            self.name.setText(self.item.currentText())

    def valid(self) -> bool:
        return bool(self.name.text().strip())

    def value(self) -> CycleInput:
        return CycleInput(
            self.name.text().strip(), self.kind.currentData(), self.item.currentData()
        )


class RetestDialog(FormDialog):
    """How long fixing the defects of a failed cycle takes, before the retest."""

    def __init__(
        self, cycle: TestCycle, retest_name: str, later: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__("Add fix-and-retest iteration", parent)
        text = (
            f"Adds a Build task \u201cFix {cycle.name} defects\u201d after the failed cycle and "
            f"a new cycle \u201c{retest_name}\u201d after the fix, as one step you can undo."
        )
        if later:
            text += f" Note: {', '.join(later)} already follow{'s' if len(later) == 1 else ''} it."
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setRange(1, 10_000)
        self.days.setValue(5)
        self.days.setSuffix(" working days")
        self.form.addRow(intro)
        self.form.addRow("&Fix takes:", self.days)
        self.finish("Add iteration")
        self.resize(460, self.sizeHint().height())

    def value(self) -> int:
        return self.days.value()
