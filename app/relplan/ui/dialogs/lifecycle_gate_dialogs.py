"""Dialogs of a gate: sign it (who, when, go or no-go, comment) and override it (why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from relplan.domain.gates import suggested_signer
from relplan.domain.model import Gate, Project, SignOffDecision
from relplan.ui.dialogs.lifecycle_forms import FormDialog, people_combo, to_qdate


@dataclass(frozen=True)
class SignOffInput:
    """What the planner entered to sign a gate."""

    role: str
    person_id: str
    decision: SignOffDecision
    at: datetime
    comment: str


class SignOffDialog(FormDialog):
    """Sign a gate for one of its roles: the signer, go or no-go, when, and a comment."""

    def __init__(
        self, project: Project, gate: Gate, role: str, now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Sign \u201c{gate.name}\u201d", parent)
        self.project, self.gate = project, gate
        intro = QLabel(
            "A sign-off records who decided, when, and why. A no-go needs a comment the "
            "team can act on."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.role = QComboBox()
        for required in gate.required_roles:
            self.role.addItem(required)
        self.role.setCurrentIndex(max(0, self.role.findText(role)))
        self.person = people_combo(project, None)
        self.role.currentTextChanged.connect(self._suggest_person)
        self._suggest_person(self.role.currentText())
        self.go = QRadioButton("&Go")
        self.no_go = QRadioButton("&No-go")
        self.go.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.go)
        group.addButton(self.no_go)
        decisions = QWidget()
        row = QHBoxLayout(decisions)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.go)
        row.addWidget(self.no_go)
        row.addStretch(1)
        self.when = QDateTimeEdit(QDateTime(to_qdate(now.date()), QTime(now.hour, now.minute)))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Conditions, references, or why not (required for no-go)")
        self.comment.setFixedHeight(80)
        self.form.addRow("&Role:", self.role)
        self.form.addRow("Signed &by:", self.person)
        self.form.addRow("Decision:", decisions)
        self.form.addRow("&When:", self.when)
        self.form.addRow("&Comment:", self.comment)
        for signal in (self.no_go.toggled, self.comment.textChanged):
            signal.connect(self.update_ok)
        self.finish("Sign")
        self.resize(460, self.sizeHint().height())

    def _suggest_person(self, role: str) -> None:
        person = suggested_signer(self.project, self.gate, role)
        if person is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(person.id)))

    def valid(self) -> bool:
        if self.person.currentData() is None:
            return False
        return not (self.no_go.isChecked() and not self.comment.toPlainText().strip())

    def value(self) -> SignOffInput:
        when = self.when.dateTime()
        day, time = when.date(), when.time()
        return SignOffInput(
            self.role.currentText(),
            self.person.currentData(),
            SignOffDecision.NO_GO if self.no_go.isChecked() else SignOffDecision.GO,
            datetime(day.year(), day.month(), day.day(), time.hour(), time.minute()),
            self.comment.toPlainText().strip(),
        )


class OverrideDialog(FormDialog):
    """Let a gate pass without every sign-off: the written reason is kept in the file."""

    def __init__(self, gate: Gate, waiting: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Override \u201c{gate.name}\u201d", parent)
        intro = QLabel(
            f"The gate is waiting for {waiting}. Overriding lets the next phase go ahead "
            "anyway; the reason, who overrode and when are kept in the project file."
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why may the release go ahead without these sign-offs?")
        self.reason.setFixedHeight(100)
        self.reason.textChanged.connect(self.update_ok)
        self.form.addRow(intro)
        self.form.addRow("&Reason:", self.reason)
        self.finish("Override")
        self.resize(460, self.sizeHint().height())

    def valid(self) -> bool:
        return bool(self.reason.toPlainText().strip())

    def value(self) -> str:
        return self.reason.toPlainText().strip()
