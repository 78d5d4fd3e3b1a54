"""The question asked before removing someone who holds roles: drop them, or hand them over."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import Person, Project, RaciRole
from relplan.domain.raci import ROLE_NAMES


def describe_roles(project: Project, person_id: str) -> str:
    """``3 Responsible, 1 Accountable``: what a person holds, for questions and tooltips."""
    counts: dict[RaciRole, int] = {}
    for a in project.assignments.values():
        if a.person_id == person_id:
            counts[a.role] = counts.get(a.role, 0) + 1
    return ", ".join(f"{counts[r]} {ROLE_NAMES[r]}" for r in RaciRole if counts.get(r))


class RemovePersonDialog(QDialog):
    """Remove the person's assignments, or hand them to another person."""

    def __init__(self, project: Project, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove person")
        count = sum(1 for a in project.assignments.values() if a.person_id == person.id)
        items = "item" if count == 1 else "items"
        text = QLabel(
            f"{person.name} has roles on {count} work {items} "
            f"({describe_roles(project, person.id)}). What should happen to them?"
        )
        text.setWordWrap(True)
        self.drop = QRadioButton("&Remove their assignments")
        self.hand = QRadioButton("&Hand them to:")
        self.heir = QComboBox()
        for other in sorted(project.people.values(), key=lambda p: p.name.casefold()):
            if other.id != person.id:
                self.heir.addItem(other.name, other.id)
        self.hand.setEnabled(self.heir.count() > 0)
        self.heir.setEnabled(False)
        self.hand.toggled.connect(self.heir.setEnabled)
        self.drop.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        remove = buttons.addButton(f"Remove {person.name}", QDialogButtonBox.ButtonRole.AcceptRole)
        remove.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(text)
        column.addWidget(self.drop)
        column.addWidget(self.hand)
        column.addWidget(self.heir)
        column.addWidget(buttons)
        self.setMinimumWidth(420)

    def hand_to(self) -> str | None:
        """The heir's id, or None to remove the assignments."""
        return self.heir.currentData() if self.hand.isChecked() else None
