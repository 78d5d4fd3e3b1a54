"""The widgets and layout of the change request form; :mod:`requests_view` fills and wires it.

Groups follow the request's life: what was asked, its evaluation, the decision (who, when,
why), the release scope, and what changes for users (the training handout's text).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import Decision, RequestStatus
from relplan.domain.requests import STATUS_LABELS
from relplan.ui.models.request_model import PRIORITY_LABELS, STATUS_COLORS, TYPE_LABELS
from relplan.ui.views.form_page import FormPage
from relplan.ui.views.inspector_form import NotesEdit, section_label

# The reconfiguration answer as a combo box: not assessed yet, yes, no.
RECONFIGURATION_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("Not assessed yet", None),
    ("Yes: reconfiguring meets it", True),
    ("No: it needs a release", False),
)
NO_DATE = QDate(1899, 12, 31)  # the date edits' minimum, shown as "No date"


class RequestForm(FormPage):
    """A placeholder (nothing selected) and a scrolling page of one request's fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Select a change request to evaluate it, decide on it or add it to a release.",
            parent,
        )
        page = self.page
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 8, 12, 12)
        outer.setSpacing(6)
        # Two columns side by side: what was asked and its evaluation; then what was
        # decided, the scope and what users are told.
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left, right = QVBoxLayout(), QVBoxLayout()
        for column in (left, right):
            column.setSpacing(6)
            columns.addLayout(column, 1)
        self.column = outer
        self._build_header()
        outer.addLayout(columns)
        outer.addStretch(1)
        self.column = left
        self._build_request()
        self._build_evaluation()
        left.addStretch(1)
        self.column = right
        self._build_decision()
        self._build_scope()
        self._build_users()
        right.addStretch(1)

    # --- groups ---------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("requestHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.status_pill = QLabel()
        self.status_pill.setObjectName("requestStatus")
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.origin_label.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.addWidget(self.status_pill)
        row.addWidget(self.origin_label, 1)
        self.column.addWidget(self.heading)
        self.column.addLayout(row)

    def _build_request(self) -> None:
        self.column.addWidget(section_label("Request"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What is asked, in a few words")
        self.type_combo = QComboBox()
        for value, label in TYPE_LABELS.items():
            self.type_combo.addItem(label, value.value)
        self.priority_combo = QComboBox()
        for value, label in PRIORITY_LABELS.items():
            self.priority_combo.addItem(label, value.value)
        self.requester_edit = QLineEdit()
        self.requester_edit.setPlaceholderText("Who asked (person, team or ticket)")
        self.submitted_edit = date_edit()
        self.description_edit = notes("What is asked and why, in the requester's words", 4)
        kind = QHBoxLayout()
        kind.addWidget(self.type_combo, 1)
        kind.addWidget(QLabel("Priority"))
        kind.addWidget(self.priority_combo, 1)
        form = _form()
        form.addRow("Title", self.title_edit)
        form.addRow("Type", kind)
        form.addRow("Requester", self.requester_edit)
        form.addRow("Submitted", self.submitted_edit)
        form.addRow("Description", self.description_edit)
        self.column.addLayout(form)

    def _build_evaluation(self) -> None:
        self.column.addWidget(section_label("Evaluation"))
        self.evaluation_hint = hint_label()
        self.column.addWidget(self.evaluation_hint)
        self.rationale_edit = notes("Why it is worth doing: benefit, demand, regulation", 3)
        self.feasibility_edit = notes("Can it be done: effort, risks, dependencies", 3)
        self.reconfiguration_combo = QComboBox()
        self.reconfiguration_combo.setObjectName("reconfigurationCombo")
        for label, _value in RECONFIGURATION_CHOICES:
            self.reconfiguration_combo.addItem(label)
        self.reconfiguration_edit = notes("How (a setting, a tier, a feature switch) or why not", 2)
        self.start_evaluation_button = QPushButton("Start evaluation")
        form = _form()
        form.addRow("Rationale", self.rationale_edit)
        form.addRow("Feasibility", self.feasibility_edit)
        question = QLabel("Can reconfiguring the version in production meet this?")
        question.setWordWrap(True)
        form.addRow(question)
        form.addRow("Answer", self.reconfiguration_combo)
        form.addRow("How", self.reconfiguration_edit)
        self.column.addLayout(form)
        self.column.addWidget(self.start_evaluation_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.evaluation_editors: list[QWidget] = [
            self.rationale_edit,
            self.feasibility_edit,
            self.reconfiguration_combo,
            self.reconfiguration_edit,
        ]

    def _build_decision(self) -> None:
        self.column.addWidget(section_label("Decision"))
        self.decision_hint = hint_label()
        self.column.addWidget(self.decision_hint)
        self.decided_by_edit = QLineEdit()
        self.decided_by_edit.setPlaceholderText("A person, or a board such as the CAB")
        self.decided_on_edit = date_edit()
        self.reason_edit = notes("Why: kept with the request for everyone to read", 3)
        form = _form()
        form.addRow("Decided by", self.decided_by_edit)
        form.addRow("On", self.decided_on_edit)
        form.addRow("Why", self.reason_edit)
        self.column.addLayout(form)
        self.decision_buttons: dict[Decision, QPushButton] = {
            Decision.APPROVE: QPushButton("Approve"),
            Decision.REJECT: QPushButton("Reject"),
            Decision.RECONFIGURE: QPushButton("Met by reconfiguration"),
        }
        row = QHBoxLayout()
        for decision, button in self.decision_buttons.items():
            button.setObjectName(f"decide_{decision.value}")
            row.addWidget(button)
        row.addStretch(1)
        self.column.addLayout(row)

    def _build_scope(self) -> None:
        self.column.addWidget(section_label("Release scope"))
        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)
        self.column.addWidget(self.scope_label)
        self.schedule_button = QPushButton("Add to release scope…")
        self.unschedule_button = QPushButton("Take out of scope")
        self.deliver_button = QPushButton("Mark delivered")
        row = QHBoxLayout()
        for button in (self.schedule_button, self.unschedule_button, self.deliver_button):
            row.addWidget(button)
        row.addStretch(1)
        self.column.addLayout(row)

    def _build_users(self) -> None:
        self.column.addWidget(section_label("For users (training handout)"))
        self.impact_edit = notes("What changes for users, in their words", 3)
        self.steps_edit = notes("One step per line", 4)
        self.audience_list = QListWidget()
        self.audience_list.setObjectName("requestAudiences")
        self.audience_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.audience_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form = _form()
        form.addRow("What changes", self.impact_edit)
        form.addRow("Steps", self.steps_edit)
        form.addRow("Audiences", self.audience_list)
        self.column.addLayout(form)

    # --- helpers for the view -------------------------------------------------------------

    @property
    def detail_editors(self) -> list[QWidget]:
        return [
            self.title_edit,
            self.type_combo,
            self.priority_combo,
            self.requester_edit,
            self.submitted_edit,
            self.description_edit,
            self.impact_edit,
            self.steps_edit,
            self.audience_list,
        ]

    @property
    def decision_editors(self) -> list[QWidget]:
        return [self.decided_by_edit, self.decided_on_edit, self.reason_edit]

    def show_status(self, status: RequestStatus) -> None:
        color = STATUS_COLORS[status]
        self.status_pill.setText(STATUS_LABELS[status])
        self.status_pill.setStyleSheet(
            f"background: {color}; color: white; border-radius: 8px; padding: 2px 10px;"
            "font-weight: bold;"
        )

    def fit_audiences(self) -> None:
        rows = min(max(self.audience_list.count(), 1), 6)
        row = max(self.audience_list.sizeHintForRow(0), 20)
        self.audience_list.setFixedHeight(rows * row + 2 * self.audience_list.frameWidth() + 4)


def notes(placeholder: str, lines: int) -> NotesEdit:
    """A multi-line field ``lines`` of text high (it scrolls beyond that)."""
    edit = NotesEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    margins = edit.contentsMargins()
    frame = 2 * edit.frameWidth() + margins.top() + margins.bottom()
    padding = 2 * int(edit.document().documentMargin())
    edit.setFixedHeight(lines * edit.fontMetrics().lineSpacing() + frame + padding)
    return edit


def date_edit() -> QDateEdit:
    """A date field whose lowest value reads "No date"."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setKeyboardTracking(False)
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(2199, 12, 31))
    edit.setSpecialValueText("No date")
    return edit


def hint_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 4)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form
