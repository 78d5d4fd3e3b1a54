"""The Deployment section of the Lifecycle tab: the deployment window and the rollback plan.

The window is checked against the change freezes of the release's calendar as it is
entered; the rollback plan is plain text, stored when the field loses focus (or on Save).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import deployment as dp
from relplan.domain.calendar import format_day
from relplan.domain.gates import deploy_blocker
from relplan.ui.dialogs.lifecycle_forms import date_edit, from_qdate, to_qdate
from relplan.ui.views.lifecycle_gates import heading

if TYPE_CHECKING:
    from relplan.ui.views.lifecycle_view import LifecycleView


class DeploymentSection(QWidget):
    """When the release may go into production, what stands in the way, how to roll back."""

    def __init__(self, host: LifecycleView) -> None:
        super().__init__(host)
        self.host = host
        self._filling = False
        self._rollback_of: str | None = None  # the release whose plan the field shows
        self.has_window = QCheckBox("Deploy between")
        self.has_window.setObjectName("hasWindow")
        self.window_start = date_edit()
        self.window_end = date_edit()
        self.has_window.toggled.connect(self._window_toggled)
        for edit in (self.window_start, self.window_end):
            edit.editingFinished.connect(self.apply_window)
        window_row = QHBoxLayout()
        window_row.setSpacing(8)
        window_row.addWidget(self.has_window)
        window_row.addWidget(self.window_start)
        window_row.addWidget(QLabel("and"))
        window_row.addWidget(self.window_end)
        window_row.addStretch(1)
        self.check = QLabel()
        self.check.setObjectName("windowCheck")
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.RichText)
        self.freezes = QLabel()
        self.freezes.setWordWrap(True)
        self.freezes.setStyleSheet("color: #6b7280")
        self.go_live = QLabel()
        self.go_live.setWordWrap(True)
        self.go_live.setTextFormat(Qt.TextFormat.RichText)
        self.rollback = QPlainTextEdit()
        self.rollback.setObjectName("rollbackPlan")
        self.rollback.setPlaceholderText(
            "When to roll back (the trigger and the deadline), the steps in order, who decides, "
            "and who tells users."
        )
        self.rollback.installEventFilter(self)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(10)
        grid.addWidget(QLabel("Window:"), 0, 0)
        grid.addLayout(window_row, 0, 1)
        grid.addWidget(self.check, 1, 1)
        grid.addWidget(self.freezes, 2, 1)
        grid.addWidget(QLabel("Go-live:"), 3, 0)
        grid.addWidget(self.go_live, 3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(heading("Deployment window"))
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(heading("Rollback plan"))
        layout.addWidget(self.rollback, 1)

    # --- filling ------------------------------------------------------------------------------

    def refresh(self) -> None:
        release = self.host.release
        self._filling = True
        enabled = release is not None and self.host.editable
        for widget in (self.has_window, self.rollback):
            widget.setEnabled(enabled)
        if release is None:
            self.has_window.setChecked(False)
            self.check.clear()
            self.freezes.clear()
            self.go_live.clear()
            self.rollback.clear()
            self._filling = False
            return
        start, end = release.deployment_window_start, release.deployment_window_end
        self.has_window.setChecked(start is not None)
        fallback = self._suggested_day()
        self.window_start.setDate(to_qdate(start or fallback))
        self.window_end.setDate(to_qdate(end or start or fallback))
        for edit in (self.window_start, self.window_end):
            edit.setEnabled(enabled and start is not None)
        self._show_check()
        if self.rollback.toPlainText() != release.rollback_plan and not self.rollback.hasFocus():
            self.rollback.setPlainText(release.rollback_plan)
        self._rollback_of = release.id
        self._filling = False

    def _suggested_day(self):
        project, release = self.host.project, self.host.release
        live = dp.go_live_date(project, release, self.host.schedule)
        return live or release.deadline or release.start

    def _show_check(self) -> None:
        project, release = self.host.project, self.host.release
        start, end = release.deployment_window_start, release.deployment_window_end
        clashes = dp.window_freezes(project, release)
        if start is None:
            self.check.setText("<span style='color:#6b7280'>No deployment window yet.</span>")
        elif clashes:
            names = ", ".join(
                f"\u201c{html.escape(f.name)}\u201d ({dp.window_text(f.start, f.end)})"
                for f in clashes
            )
            self.check.setText(
                f"<span style='color:#c62828'>\u26a0 The window overlaps the change freeze "
                f"{names}; move it out of the freeze.</span>"
            )
        else:
            self.check.setText(
                "<span style='color:#2e7d32'>\u2713 Outside every change freeze"
                + (
                    f", before the deadline {format_day(release.deadline)}."
                    if release.deadline is not None and end is not None and end <= release.deadline
                    else "."
                )
                + "</span>"
            )
        freezes = project.calendar_for(release).freezes
        self.freezes.setText(
            "Change freezes: "
            + "; ".join(f"{f.name} ({dp.window_text(f.start, f.end)})" for f in freezes)
            if freezes
            else "The release's calendar has no change freezes."
        )
        live = dp.go_live_date(project, release, self.host.schedule)
        text = format_day(live) if live is not None else "no go-live gate milestone"
        if deploy_blocker(project, release.id) is not None:
            text += (
                " — <span style='color:#c62828'><b>Deploy is blocked</b> until the go/no-go "
                "gate is signed go by every role.</span>"
            )
        self.go_live.setText(text)

    # --- editing ------------------------------------------------------------------------------

    def _window_toggled(self, checked: bool) -> None:
        if self._filling:
            return
        for edit in (self.window_start, self.window_end):
            edit.setEnabled(checked)
        self.apply_window()

    def apply_window(self) -> bool:
        """Store the window as shown (or clear it when unticked)."""
        release = self.host.release
        if self._filling or release is None:
            return False
        if self.has_window.isChecked():
            start = from_qdate(self.window_start.date())
            end = from_qdate(self.window_end.date())
        else:
            start = end = None
        if (start, end) == (release.deployment_window_start, release.deployment_window_end):
            return False
        ok = bool(self.host.push(lambda p: dp.set_deployment_window(p, release.id, start, end)))
        if not ok:
            self.refresh()
        return ok

    def commit_pending(self) -> bool:
        """Store the rollback plan as typed (focus leaving the field, or Save)."""
        release = self.host.release
        if self._filling or release is None:
            return False
        if self._rollback_of != release.id:
            return False  # a hidden tab still shows another release's plan: nothing typed here
        text = self.rollback.toPlainText().strip()
        if text == release.rollback_plan:
            return False
        return bool(self.host.push(lambda p: dp.set_rollback_plan(p, release.id, text)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Overrides QObject.eventFilter: the rollback plan is stored when it loses focus."""
        if watched is self.rollback and event.type() == QEvent.Type.FocusOut:
            self.commit_pending()
        return super().eventFilter(watched, event)
