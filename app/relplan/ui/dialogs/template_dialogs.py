"""Dialogs for release templates: pick one to create a release, or name a new one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from relplan.domain.model import Project
from relplan.domain.templates import Template, people_for_roles
from relplan.ui.dialogs.lifecycle_forms import FormDialog, date_edit, from_qdate


@dataclass(frozen=True)
class NewReleaseInput:
    template: Template
    name: str
    version: str
    start: date
    calendar_id: str | None


@dataclass(frozen=True)
class TemplateInfo:
    """What to call a template saved from a release."""

    name: str
    description: str


def next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


class NewReleaseDialog(FormDialog):
    """Choose a template, name the release and the day it starts."""

    def __init__(
        self,
        project: Project,
        templates: list[tuple[Path, Template, str]],
        calendar_id: str | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New release from template", parent)
        self.project = project
        self.templates = QListWidget()
        self.templates.setObjectName("templateList")
        for path, template, origin in templates:
            entry = QListWidgetItem(f"{template.name}  \u2014  {origin}")
            entry.setData(Qt.ItemDataRole.UserRole, template)
            entry.setToolTip(str(path))
            self.templates.addItem(entry)
        self.templates.setCurrentRow(0)
        self.templates.setFixedHeight(min(160, 24 + 22 * max(2, len(templates))))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setMinimumHeight(60)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Payments 4.3")
        self.version = QLineEdit()
        self.version.setPlaceholderText("e.g. 4.3.0 (optional)")
        self.start = date_edit(next_monday(today))
        self.calendar = QComboBox()
        for calendar in project.calendars.values():
            self.calendar.addItem(calendar.name, calendar.id)
        if not project.calendars:
            self.calendar.addItem("Monday to Friday", None)
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(calendar_id)))
        self.form.addRow("&Template:", self.templates)
        self.form.addRow("", self.about)
        self.form.addRow("Release &name:", self.name)
        self.form.addRow("&Version:", self.version)
        self.form.addRow("&Starts on:", self.start)
        self.form.addRow("&Calendar:", self.calendar)
        self.templates.currentRowChanged.connect(self._describe)
        self.templates.currentRowChanged.connect(self.update_ok)
        self.name.textChanged.connect(self.update_ok)
        self._describe()
        self.finish("Create release")
        self.resize(560, self.sizeHint().height())

    @property
    def template(self) -> Template | None:
        entry = self.templates.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None

    def _describe(self) -> None:
        template = self.template
        if template is None:
            self.about.clear()
            return
        roles = template.job_roles
        filled = people_for_roles(self.project, roles)
        missing = [r for r in roles if r not in filled]
        text = f"{template.description}\n{len(template.items)} items, {len(template.gates)} gates."
        if missing:
            text += f" Nobody in this project is {', '.join(missing)}: those roles stay open."
        self.about.setText(text)

    def valid(self) -> bool:
        return self.template is not None and bool(self.name.text().strip())

    def value(self) -> NewReleaseInput:
        return NewReleaseInput(
            self.template,
            self.name.text().strip(),
            self.version.text().strip(),
            from_qdate(self.start.date()),
            self.calendar.currentData(),
        )


class SaveTemplateDialog(FormDialog):
    """Name and describe a template made from the release shown."""

    def __init__(self, release_name: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__("Save release as template", parent)
        intro = QLabel(
            f"Saves the phases, items, links, gates with their checklists and the RACI roles "
            f"of \u201c{release_name}\u201d as a template in {folder}. Dates, progress and "
            "sign-offs stay with the release."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(f"{release_name} template")
        self.name.selectAll()
        self.name.textChanged.connect(self.update_ok)
        self.description = QLineEdit()
        self.description.setPlaceholderText("When to use it")
        self.form.addRow(intro)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Description:", self.description)
        self.finish("Save template")
        self.resize(520, self.sizeHint().height())

    def valid(self) -> bool:
        return bool(self.name.text().strip())

    def value(self) -> TemplateInfo:
        return TemplateInfo(self.name.text().strip(), self.description.text().strip())
