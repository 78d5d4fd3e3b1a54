"""The Gates section of the Lifecycle tab: each phase's gate, its checklist and sign-offs.

Left, the release's gates in phase order with their state; right, the chosen gate's
checklist (tick an entry: who and when are recorded) and one row per role that must sign,
with Sign, Withdraw and Override. Every change is one undoable edit.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import gates as g
from relplan.domain.calendar import format_day
from relplan.domain.gates import GateState, GateStatus
from relplan.domain.model import Gate, SignOffDecision
from relplan.ui.icons import phase_icon

if TYPE_CHECKING:
    from relplan.ui.views.lifecycle_view import LifecycleView

ID_ROLE = Qt.ItemDataRole.UserRole
STATE_COLORS = {
    GateState.PASSED: "#2e7d32",
    GateState.OVERRIDDEN: "#b26a00",
    GateState.NO_GO: "#c62828",
    GateState.READY: "#1d4ed8",
    GateState.OPEN: "#6b7280",
}
DECISION_TEXT = {SignOffDecision.GO: "Go", SignOffDecision.NO_GO: "No-go", None: "Not signed"}


def when(moment) -> str:
    return f"{format_day(moment.date())}, {moment:%H:%M}" if moment is not None else ""


def tree(columns: list[str], parent: QWidget | None = None) -> QTreeWidget:
    widget = QTreeWidget(parent)
    widget.setHeaderLabels(columns)
    widget.setRootIsDecorated(False)
    widget.setUniformRowHeights(True)
    widget.setAlternatingRowColors(True)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.header().setStretchLastSection(True)
    return widget


def select_id(widget: QTreeWidget, record_id: str | None) -> bool:
    """Make the row holding ``record_id`` current; False if there is none."""
    for n in range(widget.topLevelItemCount()):
        row = widget.topLevelItem(n)
        if row.data(0, ID_ROLE) == record_id:
            widget.setCurrentItem(row)
            return True
    return False


def current_id(widget: QTreeWidget) -> str | None:
    row = widget.currentItem()
    return row.data(0, ID_ROLE) if row is not None else None


def later(owner: QWidget, action: Callable[[], object]) -> None:
    """Run ``action`` once the current signal is done: an edit refills the lists, and an
    item must not be deleted while it is still emitting (a check box click, a double click).
    """
    QTimer.singleShot(0, owner, action)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class GatesSection(QWidget):
    """Gates of the release shown, and the checklist and sign-offs of the chosen one."""

    def __init__(self, host: LifecycleView) -> None:
        super().__init__(host)
        self.host = host
        self._filling = False
        self._shown_gate_id: str | None = None
        self.gate_list = tree(["Gate", "State", "Checklist", "Sign-offs"])
        self.gate_list.setObjectName("gateList")
        header = self.gate_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.gate_list.currentItemChanged.connect(lambda *_: self._show_gate())

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.checklist = tree(["Checklist entry", "Ticked by"])
        self.checklist.setObjectName("gateChecklist")
        self.checklist.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist.header().setStretchLastSection(False)
        self.checklist.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.checklist.itemChanged.connect(self._entry_toggled)
        self.add_entry = QPushButton("Add entry…")
        self.add_entry.clicked.connect(self.add_checklist_entry)
        self.sign_offs = tree(["Role", "Signed by", "Decision", "When", "Comment"])
        self.sign_offs.setObjectName("gateSignOffs")
        self.sign_offs.setWordWrap(True)
        self.sign_offs.setUniformRowHeights(False)
        # The comment takes the width left and wraps: it is why someone signed no-go.
        self.sign_offs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sign_header = self.sign_offs.header()
        sign_header.setStretchLastSection(True)
        for column in range(4):
            sign_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.sign_offs.itemDoubleClicked.connect(lambda *_: later(self, self.sign))
        self.sign_offs.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.sign_button = QPushButton("Sign…")
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(lambda: self.sign())
        self.withdraw_button = QPushButton("Withdraw sign-off")
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        self.override_button = QPushButton("Override…")
        self.override_button.clicked.connect(lambda: self.override())

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.state)
        checklist_head = QHBoxLayout()
        checklist_head.addWidget(heading("Checklist"))
        checklist_head.addStretch(1)
        checklist_head.addWidget(self.add_entry)
        column.addLayout(checklist_head)
        column.addWidget(self.checklist, 3)
        sign_head = QHBoxLayout()
        sign_head.addWidget(heading("Sign-offs"))
        sign_head.addStretch(1)
        for button in (self.sign_button, self.withdraw_button, self.override_button):
            sign_head.addWidget(button)
        column.addLayout(sign_head)
        column.addWidget(self.sign_offs, 2)
        # Gates on top (one per phase: a short list), the chosen gate below at full width,
        # so checklist entries and sign-off comments have room to be read.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.gate_list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 530])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # --- reading ------------------------------------------------------------------------------

    @property
    def gate(self) -> Gate | None:
        project = self.host.project
        gate_id = current_id(self.gate_list)
        return project.gates.get(gate_id) if project is not None and gate_id else None

    def status(self) -> GateStatus | None:
        gate = self.gate
        return g.gate_status(self.host.project, gate) if gate is not None else None

    def waiting_count(self) -> int:
        """Gates of the release not yet passed (for the section's tab title)."""
        project, release_id = self.host.project, self.host.release_id
        if project is None or release_id is None:
            return 0
        return sum(
            not g.gate_status(project, gate).cleared
            for gate in g.release_gates(project, release_id)
        )

    # --- filling ------------------------------------------------------------------------------

    def refresh(self) -> None:
        project, release_id = self.host.project, self.host.release_id
        keep = current_id(self.gate_list)
        self.gate_list.clear()
        if project is None or release_id is None:
            self._show_gate()
            return
        first_open = None
        for gate in g.release_gates(project, release_id):
            status = g.gate_status(project, gate)
            signed = sum(r.decision is SignOffDecision.GO for r in status.roles)
            row = QTreeWidgetItem(
                [
                    gate.name,
                    status.state.label,
                    f"{status.done}/{len(status.entries)}",
                    f"{signed}/{len(status.roles)}",
                ]
            )
            row.setData(0, ID_ROLE, gate.id)
            row.setIcon(0, phase_icon(gate.phase))
            row.setToolTip(0, f"{gate.phase.label} phase. {status.summary()}")
            row.setForeground(1, QBrush(QColor(STATE_COLORS[status.state])))
            self.gate_list.addTopLevelItem(row)
            if first_open is None and not status.cleared:
                first_open = gate.id
        if not select_id(self.gate_list, keep) and not select_id(self.gate_list, first_open):
            select_id(self.gate_list, next(iter(self._ids()), None))
        self._show_gate()

    def _ids(self) -> list[str]:
        return [
            self.gate_list.topLevelItem(n).data(0, ID_ROLE)
            for n in range(self.gate_list.topLevelItemCount())
        ]

    def _show_gate(self) -> None:
        status = self.status()
        self._filling = True
        same_gate = status is not None and status.gate.id == self._shown_gate_id
        keep_role = current_id(self.sign_offs) if same_gate else None
        self._shown_gate_id = status.gate.id if status is not None else None
        self.checklist.clear()
        self.sign_offs.clear()
        if status is None:
            self.title.setText("No gates" if self.host.release_id else "")
            self.state.setText(
                "This release has no gates. Create releases from a template (Release menu) "
                "to get a gate with a checklist and sign-offs at the end of every phase."
                if self.host.release_id
                else ""
            )
            self._filling = False
            self._update_buttons()
            return
        gate = status.gate
        self.title.setText(gate.name)
        self.state.setText(self._state_text(status))
        for entry in status.entries:
            row = QTreeWidgetItem([entry.text, self._ticked_text(entry)])
            row.setData(0, ID_ROLE, entry.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(0, Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
            row.setToolTip(0, entry.text)
            self.checklist.addTopLevelItem(row)
        project = self.host.project
        for role in status.roles:
            sign_off = role.sign_off
            person = project.people.get(sign_off.person_id or "") if sign_off else None
            who = person.name if person is not None else ""
            if sign_off is not None and sign_off.decision is None and who:
                who += " (expected)"
            row = QTreeWidgetItem(
                [
                    role.role,
                    who,
                    DECISION_TEXT[role.decision],
                    when(sign_off.signed_at) if sign_off else "",
                    sign_off.comment if sign_off else "",
                ]
            )
            row.setData(0, ID_ROLE, role.role)
            color = {SignOffDecision.GO: "#2e7d32", SignOffDecision.NO_GO: "#c62828"}.get(
                role.decision, "#6b7280"
            )
            row.setForeground(2, QBrush(QColor(color)))
            if sign_off is not None and sign_off.comment:
                row.setToolTip(4, sign_off.comment)
            if role.decision is None:
                row.setForeground(1, QBrush(QColor("#6b7280")))
            self.sign_offs.addTopLevelItem(row)
        if not select_id(self.sign_offs, keep_role):
            waiting = status.waiting_for
            select_id(self.sign_offs, waiting[0] if waiting else None)
        self._filling = False
        self._update_buttons()

    def _state_text(self, status: GateStatus) -> str:
        gate = status.gate
        color = STATE_COLORS[status.state]
        parts = [f"<b style='color:{color}'>{status.state.label}</b>"]
        schedule = self.host.schedule
        if gate.milestone_id and schedule is not None and gate.milestone_id in schedule.index:
            parts.append(f"milestone on {format_day(schedule.dates(gate.milestone_id).finish)}")
        text = " · ".join(parts)
        if status.state is GateState.OVERRIDDEN:
            by = f" by {gate.overridden_by}" if gate.overridden_by else ""
            at = f" on {when(gate.overridden_at)}" if gate.overridden_at else ""
            text += f"<br>Overridden{by}{at}: <i>{html.escape(gate.override_reason)}</i>"
        elif not status.cleared:
            text += f"<br>{html.escape(status.summary())}."
        if gate.phase is g.GO_NO_GO_PHASE and not status.cleared:
            blocked = len(g.blocked_items(self.host.project, gate.release_id))
            if blocked:
                items = "item is" if blocked == 1 else "items are"
                text += (
                    f"<br><span style='color:#c62828'><b>Deploy is blocked:</b> {blocked} "
                    f"Deploy {items} waiting for this gate to be signed go by every role.</span>"
                )
        return text

    @staticmethod
    def _ticked_text(entry) -> str:
        if not entry.done:
            return ""
        return f"{entry.done_by}, {when(entry.done_at)}" if entry.done_at else entry.done_by

    def _update_buttons(self) -> None:
        status = self.status()
        editable = status is not None and self.host.editable
        role = current_id(self.sign_offs)
        signed = (
            status is not None
            and role is not None
            and any(r.role == role and r.decision is not None for r in status.roles)
        )
        self.sign_button.setEnabled(editable and bool(status.roles) if status else False)
        self.withdraw_button.setEnabled(editable and signed)
        self.add_entry.setEnabled(editable)
        self.override_button.setEnabled(editable and status.state is not GateState.PASSED)
        overridden = status is not None and status.state is GateState.OVERRIDDEN
        self.override_button.setText("Withdraw override" if overridden else "Override…")

    # --- editing ------------------------------------------------------------------------------

    def _entry_toggled(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        gate = self.gate
        if gate is None or gate.checklist_id is None:
            return
        done = row.checkState(0) == Qt.CheckState.Checked
        entry_id = row.data(0, ID_ROLE)
        later(self, lambda: self.tick(entry_id, done))

    def tick(self, entry_id: str, done: bool) -> bool:
        """Tick (as the person acting, now) or untick one entry of the gate's checklist."""
        gate = self.gate
        if gate is None or gate.checklist_id is None:
            return False
        host = self.host
        ok = bool(
            host.push(
                lambda p: g.set_entry_done(
                    p, gate.checklist_id, entry_id, done, host.acting_name(), host.now()
                )
            )
        )
        if not ok:
            self._show_gate()  # put the check box back as the file has it
        return ok

    def add_checklist_entry(self) -> bool:
        gate = self.gate
        if gate is None:
            return False
        text = self.host.prompts.checklist_entry(gate)
        if not text:
            return False
        return bool(self.host.push(lambda p: g.add_checklist_entry(p, gate.id, text)))

    def sign(self, role: str | None = None) -> bool:
        """Ask who signs, go or no-go, and why; sign the chosen (or first waiting) role."""
        status = self.status()
        if status is None or not status.roles:
            return False
        role = role or current_id(self.sign_offs) or (status.waiting_for or (None,))[0]
        role = role or status.roles[0].role
        answer = self.host.prompts.sign_off(self.host.project, status.gate, role, self.host.now())
        if answer is None:
            return False
        gate_id = status.gate.id
        return bool(
            self.host.push(
                lambda p: g.sign_gate(
                    p,
                    gate_id,
                    answer.role,
                    answer.person_id,
                    answer.decision,
                    answer.at,
                    answer.comment,
                )
            )
        )

    def withdraw(self, role: str | None = None) -> bool:
        gate = self.gate
        role = role or current_id(self.sign_offs)
        if gate is None or role is None:
            return False
        return bool(self.host.push(lambda p: g.withdraw_sign_off(p, gate.id, role)))

    def override(self) -> bool:
        """Override the gate with a written reason, or withdraw its override."""
        status = self.status()
        if status is None:
            return False
        gate = status.gate
        if status.state is GateState.OVERRIDDEN:
            return bool(self.host.push(lambda p: g.clear_override(p, gate.id)))
        roles = status.waiting_for or status.refused_by
        waiting = f"the {g.and_list(roles)}" if roles else "its checklist"
        reason = self.host.prompts.override_reason(gate, waiting)
        if not reason:
            return False
        host = self.host
        return bool(
            host.push(lambda p: g.override_gate(p, gate.id, reason, host.acting_name(), host.now()))
        )
