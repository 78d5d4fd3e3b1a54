"""Building blocks of the lifecycle dialogs: a form with OK/Cancel, optional dates, pickers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from relplan.domain.model import Person, Project

DATE_FORMAT = "ddd d MMM yyyy"


class FormDialog(QDialog):
    """A dialog of labelled fields over OK and Cancel; OK is enabled while :meth:`valid`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self, ok_text: str = "OK") -> None:
        """Add the buttons below the fields (call after adding the rows)."""
        self.form.addRow(self.buttons)
        self.ok_button.setText(ok_text)
        self.update_ok()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def valid(self) -> bool:
        return True

    def update_ok(self, *_args) -> None:
        self.ok_button.setEnabled(self.valid())


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(to_qdate(day or date.today()))
    return edit


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class OptionalDate(QWidget):
    """A date that may be left out: a check box beside a date field."""

    def __init__(self, text: str, day: date | None, fallback: date | None = None) -> None:
        super().__init__()
        self.check = QCheckBox(text)
        self.edit = date_edit(day or fallback)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


def people_combo(project: Project, selected: str | None, none_text: str | None = None) -> QComboBox:
    """People by name, with their job role; ``none_text`` adds a "nobody" entry first."""
    combo = QComboBox()
    if none_text is not None:
        combo.addItem(none_text, None)
    for person in sorted_people(project.people.values()):
        label = f"{person.name} ({person.role})" if person.role else person.name
        combo.addItem(label, person.id)
    index = combo.findData(selected)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.setMaxVisibleItems(20)
    return combo


def sorted_people(people: Iterable[Person]) -> list[Person]:
    return sorted(people, key=lambda p: p.name.casefold())
