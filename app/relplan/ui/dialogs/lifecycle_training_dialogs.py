"""Dialogs of training: an audience (name, people, teams) and a training session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from relplan.domain.model import Audience, Project, TrainingSession
from relplan.ui.dialogs.lifecycle_forms import FormDialog, OptionalDate, people_combo, sorted_people


@dataclass(frozen=True)
class AudienceInput:
    name: str
    description: str
    person_ids: tuple[str, ...]
    team_ids: tuple[str, ...]


@dataclass(frozen=True)
class SessionInput:
    title: str
    audience_id: str
    on: date | None
    trainer_id: str | None
    location: str


class AudienceDialog(FormDialog):
    """Who an audience is: a name, a description, and the people and teams in it."""

    def __init__(
        self, project: Project, audience: Audience | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Edit audience" if audience else "Add audience", parent)
        self.name = QLineEdit(audience.name if audience else "")
        self.name.setPlaceholderText("e.g. Support desk")
        self.name.textChanged.connect(self.update_ok)
        self.description = QLineEdit(audience.description if audience else "")
        self.description.setCursorPosition(0)
        self.description.setPlaceholderText("Who they are and how to reach them")
        chosen_people = set(audience.person_ids) if audience else set()
        chosen_teams = set(audience.team_ids) if audience else set()
        self.teams = _checklist(
            [(t.id, t.name) for t in sorted(project.teams.values(), key=lambda t: t.name)],
            chosen_teams,
        )
        self.people = _checklist(
            [
                (p.id, f"{p.name} ({p.role})" if p.role else p.name)
                for p in sorted_people(project.people.values())
            ],
            chosen_people,
        )
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Description:", self.description)
        self.teams.setFixedHeight(min(140, 8 + 20 * max(2, self.teams.count())))
        self.form.addRow("&Teams:", self.teams)
        self.form.addRow("&People:", self.people)
        self.finish("Save" if audience else "Add")
        self.resize(460, 560)

    def valid(self) -> bool:
        return bool(self.name.text().strip())

    def value(self) -> AudienceInput:
        return AudienceInput(
            self.name.text().strip(),
            self.description.text().strip(),
            _checked(self.people),
            _checked(self.teams),
        )


def _checklist(entries: list[tuple[str, str]], chosen: set[str]) -> QListWidget:
    widget = QListWidget()
    for record_id, label in entries:
        entry = QListWidgetItem(label)
        entry.setData(Qt.ItemDataRole.UserRole, record_id)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(
            Qt.CheckState.Checked if record_id in chosen else Qt.CheckState.Unchecked
        )
        widget.addItem(entry)
    return widget


def _checked(widget: QListWidget) -> tuple[str, ...]:
    return tuple(
        widget.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(widget.count())
        if widget.item(n).checkState() == Qt.CheckState.Checked
    )


class SessionDialog(FormDialog):
    """A training session: title, audience, date, trainer, and a room or a link."""

    def __init__(
        self,
        project: Project,
        session: TrainingSession | None,
        default_day: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit training session" if session else "Add training session", parent)
        self.title = QLineEdit(session.title if session else "")
        self.title.setPlaceholderText("e.g. Support desk briefing: what's new")
        self.title.textChanged.connect(self.update_ok)
        self.audience = QComboBox()
        for audience in sorted(project.audiences.values(), key=lambda a: a.name.casefold()):
            self.audience.addItem(audience.name, audience.id)
        if session is not None:
            self.audience.setCurrentIndex(max(0, self.audience.findData(session.audience_id)))
        self.on = OptionalDate("On", session.on if session else default_day, default_day)
        if session is None:
            self.on.set_value(default_day)
        self.trainer = people_combo(project, session.trainer_id if session else None, "Nobody yet")
        self.location = QLineEdit(session.location if session else "")
        self.location.setPlaceholderText("A room, or a link to the online meeting")
        self.form.addRow("&Title:", self.title)
        self.form.addRow("&Audience:", self.audience)
        self.form.addRow("&Date:", self.on)
        self.form.addRow("T&rainer:", self.trainer)
        self.form.addRow("&Place or link:", self.location)
        self.finish("Save" if session else "Add")
        self.resize(480, self.sizeHint().height())

    def valid(self) -> bool:
        return bool(self.title.text().strip()) and self.audience.currentData() is not None

    def value(self) -> SessionInput:
        return SessionInput(
            self.title.text().strip(),
            self.audience.currentData(),
            self.on.value(),
            self.trainer.currentData(),
            self.location.text().strip(),
        )
