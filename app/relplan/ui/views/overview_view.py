"""The Release overview tab: what a release manager looks at first each morning.

For the release shown (the shared selection): the phase, days to go-live, the next
milestone, schedule and progress; gates and their sign-offs, open checklist entries, test
results, scope and problems. Read-only; it is rebuilt after edits while it is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relplan.ui.document import Document, rewire
from relplan.ui.icons import PHASE_COLORS, icon
from relplan.ui.models.problem_model import collect_problems
from relplan.ui.selection import Selection
from relplan.ui.views.overview_cards import (
    CardView,
    FigureTile,
    PhaseTrack,
    muted,
    plain,
    scaled_font,
)
from relplan.ui.views.overview_data import Overview, release_overview

_PHASE_COLORS = {phase.label: color for phase, color in PHASE_COLORS.items()}


class OverviewView(QWidget):
    """The dashboard of one release; :attr:`today` is the status date (tests fix it)."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.document: Document | None = None
        self.today: Callable[[], date] = date.today
        self.overview: Overview | None = None
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the edit's other refreshes, once per burst of edits
        self._timer.timeout.connect(self.refresh)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.placeholder = QLabel("Open a project with a release to see its overview.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self.stack.addWidget(self.placeholder)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        page.setObjectName("overviewPage")
        scroll.setWidget(page)
        self.stack.addWidget(scroll)
        self._build(page)
        selection.release_changed.connect(lambda _id: self._schedule_refresh())

    def _build(self, page: QWidget) -> None:
        column = QVBoxLayout(page)
        column.setContentsMargins(18, 14, 18, 18)
        column.setSpacing(12)
        self.title = plain(wrap=False)
        self.title.setObjectName("overviewTitle")
        self.title.setFont(scaled_font(self.title, 1.6, bold=True))
        self.release_combo = QComboBox()
        self.release_combo.setObjectName("overviewRelease")
        self.release_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.release_combo.activated.connect(
            lambda i: self.selection.select_release(self.release_combo.itemData(i))
        )
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(muted("Release", wrap=False))
        head.addWidget(self.release_combo)
        self.subtitle = muted()
        self.phases = PhaseTrack()
        column.addLayout(head)
        column.addWidget(self.subtitle)
        column.addWidget(self.phases)
        figures = QHBoxLayout()
        figures.setSpacing(12)
        self.figures = [FigureTile() for _ in range(4)]
        for tile in self.figures:
            figures.addWidget(tile, 1)
        column.addLayout(figures)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.gates, self.checklist = CardView(), CardView()
        self.tests, self.scope, self.problems = CardView(), CardView(), CardView()
        # Problems top right: the first thing to act on; gates beside them.
        grid.addWidget(self.gates, 0, 0, 1, 2)
        grid.addWidget(self.problems, 0, 2)
        grid.addWidget(self.tests, 1, 0)
        grid.addWidget(self.scope, 1, 1)
        grid.addWidget(self.checklist, 1, 2)
        for n in range(3):
            grid.setColumnStretch(n, 1)
        column.addLayout(grid)
        column.addStretch(1)

    # --- document -------------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._schedule_refresh, self._schedule_refresh)
        self.document = document
        self._stale = True
        self.refresh()

    def _schedule_refresh(self, *_args) -> None:
        """Every edit can change what the dashboard says; rebuild it once, when it is seen."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        """Overrides QWidget.showEvent: catch up with edits made while hidden."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        doc = self.document
        release_id = self.selection.release_id
        self._fill_releases()
        if doc is None or release_id not in doc.project.releases or release_id not in doc.schedules:
            self.overview = None
            self.stack.setCurrentIndex(0)
            return
        project = doc.project
        entries = collect_problems(project, doc.schedules, doc.load_problems)
        problems = [(e.severity, e.message) for e in entries if e.release_id in (release_id, None)]
        overview = release_overview(
            project, project.releases[release_id], doc.schedules[release_id], self.today(), problems
        )
        self.overview = overview
        self.title.setText(overview.title)
        self.subtitle.setText(overview.subtitle)
        self.phases.show_phases(overview.phases, _PHASE_COLORS)
        for tile, figure in zip(self.figures, overview.figures, strict=True):
            tile.show_figure(figure)
        self.gates.show_card(overview.gates)
        self.checklist.show_card(overview.checklist)
        self.tests.show_card(overview.tests)
        self.scope.show_card(overview.scope)
        self.problems.show_card(overview.problems)
        self.stack.setCurrentIndex(1)

    def _fill_releases(self) -> None:
        combo = self.release_combo
        combo.blockSignals(True)
        combo.clear()
        doc = self.document
        if doc is not None:
            for release in sorted(doc.project.releases.values(), key=lambda r: (r.start, r.name)):
                combo.addItem(icon("release"), release.name, release.id)
        combo.setCurrentIndex(max(0, combo.findData(self.selection.release_id)))
        combo.blockSignals(False)
