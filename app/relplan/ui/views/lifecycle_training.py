"""The Training section of the Lifecycle tab: audiences and the release's training sessions.

Audiences (end users, support desk, administrators) list the people and teams to train;
people or a team dragged from the People dock onto an audience join it. Sessions have an
audience, a date, a trainer and a room or link; they also show on the timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import training as tr
from relplan.domain.calendar import format_day
from relplan.domain.deployment import go_live_date
from relplan.ui.people_mime import MIME_TYPE, people_from_mime
from relplan.ui.views.lifecycle_gates import (
    ID_ROLE,
    current_id,
    heading,
    later,
    select_id,
    tree,
)

if TYPE_CHECKING:
    from relplan.ui.views.lifecycle_view import LifecycleView


class AudienceTree(QTreeWidget):
    """The audiences list; takes people and teams dropped from the People dock."""

    def __init__(self, section: TrainingSection) -> None:
        super().__init__()
        self.section = section
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def mimeTypes(self) -> list[str]:
        """Overrides QTreeWidget.mimeTypes: people and teams only."""
        return [MIME_TYPE]

    def supportedDropActions(self) -> Qt.DropAction:
        """Overrides QTreeWidget.supportedDropActions."""
        return Qt.DropAction.CopyAction

    def dropMimeData(
        self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, action: Qt.DropAction
    ) -> bool:
        """Overrides QTreeWidget.dropMimeData: the people dropped join the audience."""
        drag = people_from_mime(data)
        target = parent if parent is not None else self.currentItem()
        if drag is None or target is None:
            return False
        audience_id = target.data(0, ID_ROLE)
        later(self, lambda: self.section.add_people(audience_id, drag.person_ids, drag.team_id))
        return True

    def canDrop(self, data: QMimeData, row: QModelIndex) -> bool:
        """True when ``data`` carries people and ``row`` is an audience (for tests and hints)."""
        return people_from_mime(data) is not None and row.isValid()


class TrainingSection(QWidget):
    """Audiences on the left, the release's training sessions on the right."""

    def __init__(self, host: LifecycleView) -> None:
        super().__init__(host)
        self.host = host
        self.audiences = AudienceTree(self)
        self.audiences.setObjectName("audiences")
        self.audiences.setHeaderLabels(["Audience", "People and teams"])
        self.audiences.setRootIsDecorated(False)
        self.audiences.setAlternatingRowColors(True)
        self.audiences.setWordWrap(True)
        self.audiences.header().resizeSection(0, 180)
        self.audiences.setToolTip("Drag people or a team from the People dock onto an audience.")
        self.audiences.itemDoubleClicked.connect(lambda *_: later(self, self.edit_audience))
        self.audiences.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.sessions = tree(["Date", "Training session", "Audience", "Trainer", "Place or link"])
        self.sessions.setObjectName("trainingSessions")
        header = self.sessions.header()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 420)
        self.sessions.itemDoubleClicked.connect(lambda *_: later(self, self.edit_session))
        self.sessions.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.add_audience_button = QPushButton("Add…")
        self.add_audience_button.clicked.connect(lambda: self.edit_audience(new=True))
        self.edit_audience_button = QPushButton("Edit…")
        self.edit_audience_button.clicked.connect(lambda: self.edit_audience())
        self.remove_audience_button = QPushButton("Remove")
        self.remove_audience_button.clicked.connect(lambda: self.remove_audience())
        self.add_session_button = QPushButton("Add session…")
        self.add_session_button.clicked.connect(lambda: self.edit_session(new=True))
        self.edit_session_button = QPushButton("Edit…")
        self.edit_session_button.clicked.connect(lambda: self.edit_session())
        self.remove_session_button = QPushButton("Remove")
        self.remove_session_button.clicked.connect(lambda: self.remove_session())

        left = _panel(
            "Audiences",
            self.audiences,
            [self.add_audience_button, self.edit_audience_button, self.remove_audience_button],
        )
        right = _panel(
            "Training sessions",
            self.sessions,
            [self.add_session_button, self.edit_session_button, self.remove_session_button],
        )
        # Audiences (a few) above the sessions, both at full width: names and links are long.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 460])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)

    # --- filling ------------------------------------------------------------------------------

    def refresh(self) -> None:
        project, release_id = self.host.project, self.host.release_id
        keep_audience, keep_session = current_id(self.audiences), current_id(self.sessions)
        self.audiences.clear()
        self.sessions.clear()
        if project is not None:
            for audience in sorted(project.audiences.values(), key=lambda a: a.name.casefold()):
                members = tr.audience_members(project, audience)
                row = QTreeWidgetItem([audience.name, ", ".join(members) or "Nobody yet"])
                row.setData(0, ID_ROLE, audience.id)
                reach = tr.audience_size(project, audience)
                row.setToolTip(
                    0,
                    f"{audience.description}\n\nReaches {reach} "
                    f"{'person' if reach == 1 else 'people'}.".strip(),
                )
                row.setToolTip(1, "\n".join(members))
                self.audiences.addTopLevelItem(row)
        if project is not None and release_id is not None:
            release = project.releases[release_id]
            live = go_live_date(project, release, self.host.schedule)
            for session in tr.release_sessions(project, release_id):
                audience = project.audiences.get(session.audience_id)
                trainer = project.people.get(session.trainer_id or "")
                day = format_day(session.on) if session.on else "No date"
                row = QTreeWidgetItem(
                    [
                        day,
                        session.title,
                        audience.name if audience else "",
                        trainer.name if trainer else "",
                        session.location,
                    ]
                )
                row.setData(0, ID_ROLE, session.id)
                row.setToolTip(1, session.title)
                row.setToolTip(4, session.location)
                if session.on is None or (live is not None and session.on > live):
                    row.setForeground(0, Qt.GlobalColor.darkRed)
                    row.setToolTip(
                        0, "Train before go-live" + (f" ({format_day(live)})." if live else ".")
                    )
                self.sessions.addTopLevelItem(row)
        select_id(self.audiences, keep_audience)
        select_id(self.sessions, keep_session)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.host.editable
        has_project = self.host.project is not None
        audience = current_id(self.audiences) is not None
        session = current_id(self.sessions) is not None
        self.add_audience_button.setEnabled(editable and has_project)
        self.edit_audience_button.setEnabled(editable and audience)
        self.remove_audience_button.setEnabled(editable and audience)
        audiences = has_project and bool(self.host.project.audiences)
        self.add_session_button.setEnabled(
            editable and self.host.release_id is not None and audiences
        )
        self.add_session_button.setToolTip("" if audiences else "Add an audience first.")
        self.edit_session_button.setEnabled(editable and session)
        self.remove_session_button.setEnabled(editable and session)

    # --- editing ------------------------------------------------------------------------------

    def edit_audience(self, new: bool = False) -> bool:
        project = self.host.project
        audience = None if new else project.audiences.get(current_id(self.audiences) or "")
        if project is None or (not new and audience is None):
            return False
        answer = self.host.prompts.audience(project, audience)
        if answer is None:
            return False
        values = {
            "name": answer.name,
            "description": answer.description,
            "person_ids": answer.person_ids,
            "team_ids": answer.team_ids,
        }
        if audience is None:
            changes = self.host.push(lambda p: tr.add_audience(p, **values))
            if changes:
                select_id(self.audiences, next(iter(changes.ids("audiences"))))
            return bool(changes)
        return bool(self.host.push(lambda p: tr.update_audience(p, audience.id, **values)))

    def add_people(
        self, audience_id: str, person_ids: tuple[str, ...], team_id: str | None
    ) -> bool:
        """People or a team dropped on an audience join it (one undoable step)."""
        teams = (team_id,) if team_id else ()
        return bool(self.host.push(lambda p: tr.add_members(p, audience_id, person_ids, teams)))

    def remove_audience(self) -> bool:
        project = self.host.project
        audience = project.audiences.get(current_id(self.audiences) or "") if project else None
        if audience is None:
            return False
        if not self.host.prompts.confirm(
            "Remove audience", f"Remove the audience \u201c{audience.name}\u201d?"
        ):
            return False
        return bool(self.host.push(lambda p: tr.remove_audience(p, audience.id)))

    def edit_session(self, new: bool = False) -> bool:
        project, release_id = self.host.project, self.host.release_id
        if project is None or release_id is None:
            return False
        session = None if new else project.training_sessions.get(current_id(self.sessions) or "")
        if not new and session is None:
            return False
        release = project.releases[release_id]
        default_day = go_live_date(project, release, self.host.schedule)
        answer = self.host.prompts.session(project, session, default_day)
        if answer is None:
            return False
        values = {
            "audience_id": answer.audience_id,
            "title": answer.title,
            "on": answer.on,
            "trainer_id": answer.trainer_id,
            "location": answer.location,
        }
        if session is None:
            changes = self.host.push(lambda p: tr.add_training_session(p, release_id, **values))
            if changes:
                select_id(self.sessions, next(iter(changes.ids("training_sessions"))))
            return bool(changes)
        return bool(self.host.push(lambda p: tr.update_training_session(p, session.id, **values)))

    def remove_session(self) -> bool:
        project = self.host.project
        session = (
            project.training_sessions.get(current_id(self.sessions) or "") if project else None
        )
        if session is None:
            return False
        return bool(self.host.push(lambda p: tr.remove_training_session(p, session.id)))


def _panel(title: str, body: QWidget, buttons: list[QPushButton]) -> QWidget:
    panel = QWidget()
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 0, 0)
    row = QHBoxLayout()
    row.addWidget(heading(title))
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    column.addLayout(row)
    column.addWidget(body)
    return panel
