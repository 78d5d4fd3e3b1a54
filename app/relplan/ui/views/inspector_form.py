"""The inspector's widgets and layout; :mod:`inspector` decides what they show and do."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import ConstraintKind, DependencyType, ItemKind, Phase
from relplan.ui.icons import icon, phase_icon
from relplan.ui.models.dependency_model import COL_LAG, COL_TYPE, TYPE_NAMES, DependencyModel
from relplan.ui.views.form_page import FormPage

_Index = QModelIndex | QPersistentModelIndex

NO_CONSTRAINT = ""
_CONSTRAINT_LABELS = {
    NO_CONSTRAINT: "No date constraint",
    ConstraintKind.START_NO_EARLIER_THAN.value: "Start no earlier than",
    ConstraintKind.MUST_FINISH_ON.value: "Must finish on",
}


class InspectorForm(FormPage):
    """A placeholder page (nothing selected) and a scrolling page of the item's fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Select an item on the timeline or in the explorer to see and edit its details.",
            parent,
        )
        page = self.page
        column = QVBoxLayout(page)
        column.setContentsMargins(10, 8, 10, 10)
        column.setSpacing(6)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Name")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(icon("task"), "Task", ItemKind.TASK.value)
        self.kind_combo.addItem(icon("milestone"), "Milestone", ItemKind.MILESTONE.value)
        self.phase_combo = QComboBox()
        for phase in Phase:
            self.phase_combo.addItem(phase_icon(phase), phase.label, phase.value)
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(1, 10_000)
        self.duration_spin.setSuffix(" working days")
        self.duration_spin.setKeyboardTracking(False)
        self.progress_spin = QSpinBox()
        self.progress_spin.setRange(0, 100)
        self.progress_spin.setSuffix(" %")
        self.progress_spin.setKeyboardTracking(False)
        self.constraint_combo = QComboBox()
        for value, label in _CONSTRAINT_LABELS.items():
            self.constraint_combo.addItem(label, value)
        self.constraint_date = QDateEdit()
        self.constraint_date.setCalendarPopup(True)
        self.constraint_date.setDisplayFormat("d MMM yyyy")
        self.constraint_date.setKeyboardTracking(False)
        item_form = _form()
        item_form.addRow("Name", self.name_edit)
        item_form.addRow("Kind", self.kind_combo)
        item_form.addRow("Phase", self.phase_combo)
        item_form.addRow("Duration", self.duration_spin)
        item_form.addRow("Progress", self.progress_spin)
        item_form.addRow("Constraint", self.constraint_combo)
        item_form.addRow("Date", self.constraint_date)
        column.addLayout(item_form)

        column.addWidget(section_label("Schedule"))
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_label.setStyleSheet("color: #c62828;")
        column.addWidget(self.conflict_label)
        self.start_label, self.finish_label = _value_label(), _value_label()
        self.slack_label, self.driver_label = _value_label(), _value_label()
        schedule_form = _form()
        schedule_form.addRow("Start", self.start_label)
        schedule_form.addRow("Finish", self.finish_label)
        schedule_form.addRow("Slack", self.slack_label)
        schedule_form.addRow("Driven by", self.driver_label)
        column.addLayout(schedule_form)

        column.addWidget(section_label("Links"))
        self.links_model = DependencyModel(None, self)
        self.links_table = QTableView()
        self.links_table.setObjectName("inspectorLinks")
        self.links_table.setModel(self.links_model)
        self.links_table.setItemDelegate(LinkDelegate(self.links_table))
        self.links_table.verticalHeader().hide()
        self.links_table.setShowGrid(False)
        self.links_table.setAlternatingRowColors(True)
        self.links_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.links_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.links_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.links_table.verticalHeader().setDefaultSectionSize(24)
        self.links_table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        column.addWidget(self.links_table)

        column.addWidget(section_label("Assignments"))
        self.assignments_list = QListWidget()
        self.assignments_list.setObjectName("inspectorAssignments")
        self.assignments_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.assignments_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        column.addWidget(self.assignments_list)

        column.addWidget(section_label("Notes"))
        self.notes_edit = NotesEdit()
        self.notes_edit.setPlaceholderText("Notes for this item")
        self.notes_edit.setMinimumHeight(90)
        column.addWidget(self.notes_edit, 1)

        self.duration_spin.valueChanged.connect(self._pluralize_duration)
        # The fields a read-only document disables.
        self.editors: list[QWidget] = [
            self.name_edit,
            self.kind_combo,
            self.phase_combo,
            self.duration_spin,
            self.progress_spin,
            self.constraint_combo,
            self.constraint_date,
        ]

    def fit_lists(self) -> None:
        """Size the links table and assignments list to their rows (2 to 8), so the notes
        below stay in sight and no list shows a block of empty rows."""
        table = self.links_table
        rows = min(max(self.links_model.rowCount(), 2), 8)
        frame = 2 * table.frameWidth()
        table.setFixedHeight(
            table.horizontalHeader().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + frame
        )
        listed = self.assignments_list
        row = max(listed.sizeHintForRow(0), 20)
        count = min(max(listed.count(), 1), 8)
        listed.setFixedHeight(count * row + 2 * listed.frameWidth() + 4)

    def _pluralize_duration(self, value: int) -> None:
        self.duration_spin.setSuffix(" working day" if value == 1 else " working days")


class NotesEdit(QPlainTextEdit):
    """A multi-line field that reports when the planner leaves it (one edit, not per key)."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Overrides QPlainTextEdit.focusOutEvent."""
        super().focusOutEvent(event)
        self.editing_finished.emit()


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 4)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _value_label() -> QLabel:
    label = QLabel("–")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def section_label(text: str) -> QLabel:
    """A small bold heading between the inspector's groups of fields."""
    label = QLabel(text.upper())
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.6)
    label.setFont(font)
    label.setStyleSheet("color: palette(placeholder-text); padding-top: 8px;")
    return label


class LinkDelegate(QStyledItemDelegate):
    """A combo box for the link type and a spin box (working days) for the lag."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        """Overrides QStyledItemDelegate.createEditor."""
        if index.column() == COL_TYPE:
            combo = QComboBox(parent)
            for kind in DependencyType:
                combo.addItem(f"{kind.value}  {TYPE_NAMES[kind]}", kind.value)
            return combo
        if index.column() == COL_LAG:
            spin = QSpinBox(parent)
            spin.setRange(-1000, 1000)
            spin.setSuffix(" d")
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        """Overrides QStyledItemDelegate.setEditorData."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        """Overrides QStyledItemDelegate.setModelData."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
