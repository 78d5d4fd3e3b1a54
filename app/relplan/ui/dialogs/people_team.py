"""The dialog that adds or renames a team."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from relplan.domain.model import Team


class TeamDialog(QDialog):
    """A team's name and description; :meth:`values` gives them for ``edits.update_team``."""

    def __init__(self, team: Team | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit team" if team is not None else "Add team")
        self.name = QLineEdit(team.name if team else "")
        self.name.setPlaceholderText("e.g. Payments engineering")
        self.description = QLineEdit(team.description if team else "")
        self.description.setPlaceholderText("What the team does (optional)")
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Description:", self.description)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(self.name.text().strip()))
        self.setMinimumWidth(380)

    def values(self) -> dict[str, object]:
        return {"name": self.name.text(), "description": self.description.text().strip()}
