"""Every question the people dock asks, in one object that tests replace with answers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from relplan.domain.model import Person, Project, Team
from relplan.ui.dialogs.people_person import PersonDialog
from relplan.ui.dialogs.people_remove import RemovePersonDialog
from relplan.ui.dialogs.people_team import TeamDialog


@dataclass(frozen=True)
class Removal:
    """The planner's answer to removing a person: ``hand_to`` an heir, or None (drop)."""

    hand_to: str | None = None


class PeopleDialogs:
    """Modal dialogs of the people dock; each method is one question."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def edit_person(
        self, project: Project, person: Person | None, team_id: str | None = None
    ) -> dict[str, object] | None:
        """The person's fields as typed (None: cancelled); ``person`` None adds one."""
        dialog = PersonDialog(project, person, team_id, self.parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def edit_team(self, team: Team | None) -> dict[str, object] | None:
        dialog = TeamDialog(team, self.parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_person_removal(self, project: Project, person: Person) -> Removal | None:
        """What to do with the person's assignments (None: keep the person)."""
        if not any(a.person_id == person.id for a in project.assignments.values()):
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self.parent,
                "Remove person",
                f"Remove {person.name}? They hold no roles in the plan.",
                buttons.Yes | buttons.No,
                buttons.No,
            )
            return Removal() if answer == buttons.Yes else None
        dialog = RemovePersonDialog(project, person, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return Removal(dialog.hand_to())

    def confirm_team_removal(self, team: Team, members: int) -> bool:
        buttons = QMessageBox.StandardButton
        who = (
            f"Its {members} member{'s' if members != 1 else ''} stay, in no team."
            if members
            else ""
        )
        answer = QMessageBox.question(
            self.parent,
            "Remove team",
            f"Remove the team {team.name}? {who}".strip(),
            buttons.Yes | buttons.No,
            buttons.No,
        )
        return answer == buttons.Yes
