"""The Lifecycle tab: gates and sign-offs, test cycles, deployment and training of a release.

The release shown follows the shared selection. Every change goes out as one domain edit
(:meth:`LifecycleView.push`); the sections refresh from ``document.changed``. Ticks,
sign-offs and overrides record who did them: the person chosen under "Acting as".
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import Project, Release
from relplan.domain.schedule import ReleaseSchedule
from relplan.ui import messages
from relplan.ui.dialogs.lifecycle_forms import sorted_people
from relplan.ui.dialogs.lifecycle_prompts import LifecyclePrompts
from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.selection import Selection
from relplan.ui.views.lifecycle_deployment import DeploymentSection
from relplan.ui.views.lifecycle_gates import GatesSection
from relplan.ui.views.lifecycle_tests import TestCyclesSection
from relplan.ui.views.lifecycle_training import TrainingSection

GATES, TESTS, DEPLOYMENT, TRAINING = range(4)


def _now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


class LifecycleView(QWidget):
    """Sections for one release: Gates, Test cycles, Deployment, Training.

    ``prompts`` asks the planner (tests replace it); ``now`` gives the time recorded on
    ticks, sign-offs and overrides (tests fix it).
    """

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.prompts = LifecyclePrompts(self)
        self.now: Callable[[], datetime] = _now
        self.title = QLabel()
        self.title.setObjectName("lifecycleTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() + 3)
        font.setBold(True)
        self.title.setFont(font)
        self.acting = QComboBox()
        self.acting.setObjectName("actingAs")
        self.acting.setToolTip("Ticks, sign-offs and overrides are recorded under this name.")
        self.acting.setMinimumContentsLength(18)
        self._acting_id: str | None = None
        self.acting.activated.connect(lambda _n: self._remember_acting())
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(QLabel("Acting as:"))
        header.addWidget(self.acting)
        self.gates = GatesSection(self)
        self.tests = TestCyclesSection(self)
        self.deployment = DeploymentSection(self)
        self.training = TrainingSection(self)
        self.sections = QTabWidget(self)
        self.sections.setObjectName("lifecycleSections")
        for section, name in (
            (self.gates, "Gates"),
            (self.tests, "Test cycles"),
            (self.deployment, "Deployment"),
            (self.training, "Training"),
        ):
            self.sections.addTab(section, name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(header)
        layout.addWidget(self.sections, 1)
        self._stale = False
        selection.release_changed.connect(lambda _id: self._refresh_when_seen())

    # --- what is shown ------------------------------------------------------------------------

    @property
    def project(self) -> Project | None:
        return self.document.project if self.document is not None else None

    @property
    def release_id(self) -> str | None:
        project = self.project
        if project is None:
            return None
        wanted = self.selection.release_id
        return wanted if wanted in project.releases else next(iter(project.releases), None)

    @property
    def release(self) -> Release | None:
        release_id = self.release_id
        return self.project.releases[release_id] if release_id is not None else None

    @property
    def schedule(self) -> ReleaseSchedule | None:
        doc, release_id = self.document, self.release_id
        return doc.schedules.get(release_id) if doc is not None and release_id else None

    @property
    def editable(self) -> bool:
        return self.document is not None and not self.document.read_only

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self.refresh)
        self.document = document
        self._acting_id = None
        self.refresh()

    def _on_changed(self, change: DocumentChange) -> None:
        self._refresh_when_seen()

    def _refresh_when_seen(self) -> None:
        """Refresh now if shown; otherwise when next shown (timeline drags stay cheap)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        """Overrides QWidget.showEvent: catch up with edits made while another tab was shown."""
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Fill every section from the document (tables of one release: cheap)."""
        self._stale = False
        release = self.release
        self.title.setText(
            f"{release.name} \u2014 gates, tests, deployment and training"
            if release is not None
            else "Open a project with a release to follow its lifecycle."
        )
        self._fill_acting()
        for section in (self.gates, self.tests, self.deployment, self.training):
            section.refresh()
        waiting, failed = self.gates.waiting_count(), self.tests.failed_count()
        self.sections.setTabText(GATES, f"Gates ({waiting} open)" if waiting else "Gates")
        self.sections.setTabText(
            TESTS, f"Test cycles ({failed} failed)" if failed else "Test cycles"
        )

    # --- who is acting ------------------------------------------------------------------------

    def _fill_acting(self) -> None:
        project = self.project
        self.acting.blockSignals(True)
        self.acting.clear()
        if project is not None:
            for person in sorted_people(project.people.values()):
                self.acting.addItem(person.name, person.id)
        account = getpass.getuser() if self.acting.count() == 0 else ""
        if account:
            self.acting.addItem(account, None)
        wanted = self._acting_id
        if wanted is None and self.release is not None:
            wanted = self.release.owner_id  # the release manager, usually
        index = self.acting.findData(wanted) if wanted else -1
        self.acting.setCurrentIndex(max(0, index))
        self.acting.setEnabled(self.acting.count() > 1)
        self.acting.blockSignals(False)

    def _remember_acting(self) -> None:
        self._acting_id = self.acting.currentData()

    def set_acting(self, person_id: str) -> None:
        self._acting_id = person_id
        self.acting.setCurrentIndex(max(0, self.acting.findData(person_id)))

    def acting_name(self) -> str:
        return self.acting.currentText()

    # --- editing ------------------------------------------------------------------------------

    def push(self, make: Callable[[Project], ChangeSet]) -> ChangeSet | None:
        """Build an edit from the current project and push it as one undo step.

        Returns the change set applied, or None (a refused edit says why in a message).
        """
        doc = self.document
        if doc is None:
            return None
        try:
            changes = make(doc.project)
        except EditError as exc:
            messages.error(str(exc))
            return None
        return changes if doc.push(changes) else None

    def commit_pending(self) -> None:
        """Text typed but not yet stored (the rollback plan) is stored now (before Save)."""
        self.deployment.commit_pending()

    def show_section(self, index: int) -> None:
        self.sections.setCurrentIndex(index)
