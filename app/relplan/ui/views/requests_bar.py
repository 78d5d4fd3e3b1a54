"""The Requests tab's bar: its actions, then filters by status, type and release and a search."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import Project, RequestStatus
from relplan.domain.requests import STATUS_LABELS
from relplan.ui.icons import icon
from relplan.ui.models.request_model import TYPE_LABELS, RequestFilter, status_icon

ANY, NO_RELEASE = RequestFilter.ANY, RequestFilter.NO_RELEASE


class RequestsBar(QWidget):
    """Emits :attr:`filters_changed` (status, type, release, search) when a filter changes."""

    filters_changed = Signal(str, str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_action = self._action(
            "New request", "request", "Add a change request (status new)"
        )
        self.bug_action = self._action(
            "Record post-release bug…",
            "error",
            "Record a bug found in production as a new defect request linked to its release",
        )
        self.schedule_action = self._action(
            "Add to release scope…",
            "release",
            "Put the selected approved requests into a release's scope "
            "(or drag them onto a release in the explorer)",
        )
        self.delete_action = self._action("Delete", "delete", "Delete the selected request")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem("All statuses", ANY)
        for status in RequestStatus:
            self.status_combo.addItem(status_icon(status), STATUS_LABELS[status], status.value)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("typeFilter")
        self.type_combo.addItem("All types", ANY)
        for kind, label in TYPE_LABELS.items():
            self.type_combo.addItem(label, kind.value)
        self.release_combo = QComboBox()
        self.release_combo.setObjectName("releaseFilter")
        self.release_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("requestSearch")
        self.search_edit.setPlaceholderText("Search title, requester, description")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        actions = QHBoxLayout()
        actions.addWidget(self.toolbar)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show"))
        for widget in (self.status_combo, self.type_combo, self.release_combo):
            filters.addWidget(widget)
        filters.addWidget(self.search_edit, 1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 2, 8, 6)
        rows.setSpacing(2)
        rows.addLayout(actions)
        rows.addLayout(filters)
        for combo in (self.status_combo, self.type_combo, self.release_combo):
            combo.activated.connect(self._emit)
        self.search_edit.textChanged.connect(self._emit)
        self.set_releases(None)

    def _action(self, text: str, icon_name: str, tip: str) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.toolbar.addAction(action)
        return action

    def set_releases(self, project: Project | None) -> None:
        """Fill the release filter, keeping the chosen release when it still exists."""
        chosen = self.release_combo.currentData()
        self.release_combo.clear()
        self.release_combo.addItem("All releases", ANY)
        if project is not None:
            for release in sorted(project.releases.values(), key=lambda r: (r.start, r.name)):
                self.release_combo.addItem(icon("release"), release.name, release.id)
        self.release_combo.addItem("No release", NO_RELEASE)
        index = self.release_combo.findData(chosen) if chosen is not None else 0
        self.release_combo.setCurrentIndex(max(0, index))
        if index < 0:
            self._emit()

    def filters(self) -> tuple[str, str, str, str]:
        return (
            str(self.status_combo.currentData()),
            str(self.type_combo.currentData()),
            str(self.release_combo.currentData()),
            self.search_edit.text(),
        )

    def clear_filters(self) -> None:
        for combo in (self.status_combo, self.type_combo, self.release_combo):
            combo.setCurrentIndex(0)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._emit()

    def show_count(self, shown: int, total: int) -> None:
        noun = "request" if total == 1 else "requests"
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        )

    def _emit(self, *_args) -> None:
        self.filters_changed.emit(*self.filters())
