"""The dialog that adds or edits a person: name, e-mail, role, team and availability."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from relplan.domain.model import Person, Project


class PersonDialog(QDialog):
    """Fields of one person; :meth:`values` gives them for ``edits.update_person``."""

    def __init__(
        self,
        project: Project,
        person: Person | None = None,
        team_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit person" if person is not None else "Add person")
        self.name = QLineEdit(person.name if person else "")
        self.name.setPlaceholderText("First and last name")
        self.email = QLineEdit(person.email if person else "")
        self.email.setPlaceholderText("name@example.com")
        self.role = QLineEdit(person.role if person else "")
        self.role.setPlaceholderText("e.g. Developer, Product owner")
        self.team = QComboBox()
        self.team.addItem("No team", None)
        for team in sorted(project.teams.values(), key=lambda t: t.name.casefold()):
            self.team.addItem(team.name, team.id)
        wanted = person.team_id if person is not None else team_id
        self.team.setCurrentIndex(max(0, self.team.findData(wanted)))
        self.availability = QSpinBox()
        self.availability.setRange(0, 100)
        self.availability.setSingleStep(10)
        self.availability.setSuffix(" %")
        self.availability.setValue(person.availability if person else 100)
        self.availability.setToolTip("How much of the working week this person has for the plan.")
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&E-mail:", self.email)
        form.addRow("&Role:", self.role)
        form.addRow("&Team:", self.team)
        form.addRow("&Availability:", self.availability)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()
        self.setMinimumWidth(380)

    def _update_ok(self) -> None:
        self._ok.setEnabled(bool(self.name.text().strip()))

    def values(self) -> dict[str, object]:
        return {
            "name": self.name.text(),
            "email": self.email.text().strip(),
            "role": self.role.text().strip(),
            "team_id": self.team.currentData(),
            "availability": self.availability.value(),
        }
