"""The questions the Requests tab asks, in one replaceable object (tests script answers).

Recording a post-release bug asks for the release it was found in and what happened;
adding requests to a scope asks for the release; deleting asks for confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import Priority, Release
from relplan.ui.models.request_model import PRIORITY_LABELS
from relplan.ui.views.requests_form import date_edit


@dataclass(frozen=True)
class BugReport:
    """What the planner typed about a bug found in production."""

    release_id: str
    title: str
    requester: str = ""
    submitted: date | None = None
    priority: Priority = Priority.HIGH
    description: str = ""


class BugDialog(QDialog):
    """Release found in, title, reported by, date, priority and what happens."""

    def __init__(self, releases: list[Release], today: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record post-release bug")
        self.setMinimumWidth(460)
        intro = QLabel(
            "A bug found in production becomes a new defect request, linked to the release it "
            "was found in, and is evaluated like any other request."
        )
        intro.setWordWrap(True)
        self.release_combo = QComboBox()
        for release in releases:
            self.release_combo.addItem(release.name, release.id)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What goes wrong, in a few words")
        self.requester_edit = QLineEdit()
        self.requester_edit.setPlaceholderText("Who reported it (person, team or ticket)")
        self.date_edit = date_edit()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.priority_combo = QComboBox()
        for value, label in PRIORITY_LABELS.items():
            self.priority_combo.addItem(label, value.value)
        self.priority_combo.setCurrentIndex(list(Priority).index(Priority.HIGH))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("What happens, where, since when, how often")
        self.description_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("Found in", self.release_combo)
        form.addRow("Title", self.title_edit)
        form.addRow("Reported by", self.requester_edit)
        form.addRow("Reported on", self.date_edit)
        form.addRow("Priority", self.priority_combo)
        form.addRow("Description", self.description_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record bug")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def report(self) -> BugReport:
        day = self.date_edit.date()
        return BugReport(
            str(self.release_combo.currentData()),
            self.title_edit.text(),
            self.requester_edit.text(),
            date(day.year(), day.month(), day.day())
            if day > self.date_edit.minimumDate()
            else None,
            Priority(self.priority_combo.currentData()),
            self.description_edit.toPlainText(),
        )


class RequestDialogs:
    """Modal questions of the Requests tab; each method is one question."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def ask_post_release_bug(
        self, releases: list[Release], preferred: str | None, today: date
    ) -> BugReport | None:
        dialog = BugDialog(releases, today, self.parent)
        if preferred is not None:
            dialog.release_combo.setCurrentIndex(max(0, dialog.release_combo.findData(preferred)))
        dialog.title_edit.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.report()

    def ask_release(self, releases: list[Release], preferred: str | None, what: str) -> str | None:
        """Which release's scope ``what`` goes into; None when cancelled."""
        names = [r.name for r in releases]
        current = next((n for n, r in enumerate(releases) if r.id == preferred), 0)
        name, ok = QInputDialog.getItem(
            self.parent,
            "Add to release scope",
            f"Add {what} to the scope of:",
            names,
            current,
            False,
        )
        if not ok or name not in names:
            return None
        return releases[names.index(name)].id

    def confirm_delete(self, title: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "Delete request",
            f"Delete the request '{title}'? You can undo this.",
        )
        return answer == QMessageBox.StandardButton.Yes
