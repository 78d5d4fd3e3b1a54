"""Every question the Lifecycle tab asks, in one object that tests replace with answers."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from relplan.domain.model import Audience, Gate, Project, TestCycle, TrainingSession
from relplan.ui.dialogs.lifecycle_gate_dialogs import OverrideDialog, SignOffDialog, SignOffInput
from relplan.ui.dialogs.lifecycle_test_dialogs import (
    CycleDialog,
    CycleInput,
    ResultDialog,
    ResultInput,
    RetestDialog,
)
from relplan.ui.dialogs.lifecycle_training_dialogs import (
    AudienceDialog,
    AudienceInput,
    SessionDialog,
    SessionInput,
)


class LifecyclePrompts:
    """Modal dialogs of the Lifecycle tab; each method is one question (None: cancelled)."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def _run(self, dialog):
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def sign_off(
        self, project: Project, gate: Gate, role: str, now: datetime
    ) -> SignOffInput | None:
        return self._run(SignOffDialog(project, gate, role, now, self.parent))

    def override_reason(self, gate: Gate, waiting: str) -> str | None:
        return self._run(OverrideDialog(gate, waiting, self.parent))

    def checklist_entry(self, gate: Gate) -> str | None:
        text, ok = QInputDialog.getText(
            self.parent, "Add checklist entry", f"What must be done before \u201c{gate.name}\u201d?"
        )
        return text.strip() if ok and text.strip() else None

    def test_result(
        self, cycle: TestCycle, planned: tuple[date | None, date | None]
    ) -> ResultInput | None:
        return self._run(ResultDialog(cycle, planned, self.parent))

    def new_cycle(self, project: Project, release_id: str) -> CycleInput | None:
        return self._run(CycleDialog(project, release_id, self.parent))

    def retest_days(self, cycle: TestCycle, retest_name: str, later: list[str]) -> int | None:
        return self._run(RetestDialog(cycle, retest_name, later, self.parent))

    def audience(self, project: Project, audience: Audience | None) -> AudienceInput | None:
        return self._run(AudienceDialog(project, audience, self.parent))

    def session(
        self, project: Project, session: TrainingSession | None, default_day: date | None
    ) -> SessionInput | None:
        return self._run(SessionDialog(project, session, default_day, self.parent))

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent, title, text, buttons.Yes | buttons.No, buttons.No
        )
        return answer == buttons.Yes
