"""The people dock: teams and their people; add, edit and remove them; drag them onto work.

Every change is one undoable edit pushed to the document. Questions go through
:attr:`PeopleView.dialogs`, which tests replace with scripted answers.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt
from PySide6.QtGui import QAction, QColor, QDrag, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import edits
from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import Person, Team, new_id
from relplan.ui import messages
from relplan.ui.dialogs.people_prompts import PeopleDialogs
from relplan.ui.document import Document, DocumentChange, rewire
from relplan.ui.icons import icon
from relplan.ui.models.people_model import ID_ROLE, KIND_ROLE, PeopleModel

# Edits of these tables change what the dock shows (roles are in the tooltips).
_SHOWN_TABLES = {"people", "teams", "assignments"}


class PeopleTree(QTreeView):
    """The tree; a drag shows the names being dragged."""

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Overrides QAbstractItemView.startDrag: QDrag.exec blocks until the drop."""
        indexes = self.selectionModel().selectedRows()
        mime = self.model().mimeData(indexes)
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self._chip(indexes))
        drag.exec(Qt.DropAction.CopyAction)

    def _chip(self, indexes: list[QModelIndex]) -> QPixmap:
        """A rounded label with the dragged names, to see what is being dropped."""
        names = [str(i.data()) for i in indexes][:3]
        text = ", ".join(names) + ("…" if len(indexes) > 3 else "")
        metrics = QFontMetrics(self.font())
        width, height = metrics.horizontalAdvance(text) + 16, metrics.height() + 8
        pixmap = QPixmap(width, height)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#2d6cdf"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(0, 0, width, height, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return pixmap


class PeopleView(QWidget):
    """The dock's content: a toolbar over the tree of teams and people."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.dialogs = PeopleDialogs(self)
        self.model = PeopleModel(self)
        self.tree = PeopleTree(self)
        self.tree.setObjectName("peopleTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setToolTip("")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 200)
        header.resizeSection(2, 130)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.add_person_action = self._action("person-add", "Add person…", self.add_person)
        self.add_team_action = self._action("team-add", "Add team…", self.add_team)
        self.edit_action = self._action("edit", "Edit…", self.edit_selected)
        self.remove_action = self._action("delete", "Remove…", self.remove_selected)
        self.add_person_action.setToolTip("Add a person (to the selected team)")
        self.add_team_action.setToolTip("Add a team")
        self.edit_action.setToolTip("Edit the selected person or team (or double-click it)")
        self.remove_action.setToolTip("Remove the selected person or team")
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.setIconSize(QSize(18, 18))
        for action in (
            self.add_person_action,
            self.add_team_action,
            self.edit_action,
            self.remove_action,
        ):
            bar.addAction(action)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(bar)
        column.addWidget(self.tree)
        self.tree.doubleClicked.connect(lambda _index: self.edit_selected())
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._after_reset)
        self._update_actions()

    def sizeHint(self) -> QSize:
        """Overrides QWidget.sizeHint: room for a few teams when sharing a side with others."""
        return QSize(280, 420)

    def _after_reset(self) -> None:
        """Teams open, their names across the whole row (they have no e-mail or role)."""
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()

    def _action(self, icon_name: str, text: str, slot) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- the document ---------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        rewire(self.document, document, self._on_changed, self.refresh)
        self.document = document
        self.refresh()

    def _on_changed(self, change: DocumentChange) -> None:
        if change.tables & _SHOWN_TABLES:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the tree, keeping the selected rows selected."""
        chosen = self.tree.selectionModel()
        kept = [(i.data(KIND_ROLE), i.data(ID_ROLE)) for i in chosen.selectedRows()]
        self.model.set_project(self.document.project if self.document is not None else None)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for kind, record_id in kept:
            if kind == "person":
                index = self.model.index_of_person(record_id)
            else:
                index = self.model.index_of_team(record_id)
            if index.isValid():
                chosen.select(index, flags)
        self._update_actions()

    def _update_actions(self) -> None:
        editable = self.document is not None and not self.document.read_only
        rows = self.tree.selectionModel().selectedRows()
        self.add_person_action.setEnabled(editable)
        self.add_team_action.setEnabled(editable)
        self.edit_action.setEnabled(editable and len(rows) == 1 and self._editable_row(rows[0]))
        self.remove_action.setEnabled(editable and len(rows) == 1 and self._editable_row(rows[0]))

    def _editable_row(self, index: QModelIndex) -> bool:
        return self.model.person_at(index) is not None or self.model.team_id_at(index) is not None

    # --- commands -------------------------------------------------------------------------

    def selected(self) -> Person | Team | None:
        """The one person or team selected, or None."""
        rows = self.tree.selectionModel().selectedRows()
        if len(rows) != 1 or self.document is None:
            return None
        person = self.model.person_at(rows[0])
        if person is not None:
            return person
        team_id = self.model.team_id_at(rows[0])
        return self.document.project.teams.get(team_id) if team_id is not None else None

    def select_person(self, person_id: str) -> None:
        index = self.model.index_of_person(person_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def add_person(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        chosen = self.selected()
        team_id = chosen.id if isinstance(chosen, Team) else getattr(chosen, "team_id", None)
        values = self.dialogs.edit_person(doc.project, None, team_id)
        if values is None:
            return False
        person = Person(new_id(), **values)  # type: ignore[arg-type]
        if not self._push(lambda: edits.add_person(doc.project, person)):
            return False
        self.select_person(person.id)
        return True

    def add_team(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        values = self.dialogs.edit_team(None)
        if values is None:
            return False
        team = Team(new_id(), **values)  # type: ignore[arg-type]
        return self._push(lambda: edits.add_team(doc.project, team))

    def edit_selected(self) -> bool:
        doc, chosen = self.document, self.selected()
        if doc is None or chosen is None:
            return False
        if isinstance(chosen, Person):
            values = self.dialogs.edit_person(doc.project, chosen)
            if values is None:
                return False
            return self._push(lambda: edits.update_person(doc.project, chosen.id, **values))
        values = self.dialogs.edit_team(chosen)
        if values is None:
            return False
        return self._push(lambda: edits.update_team(doc.project, chosen.id, **values))

    def remove_selected(self) -> bool:
        doc, chosen = self.document, self.selected()
        if doc is None or chosen is None:
            return False
        if isinstance(chosen, Person):
            answer = self.dialogs.ask_person_removal(doc.project, chosen)
            if answer is None:
                return False
            return self._push(lambda: edits.remove_person(doc.project, chosen.id, answer.hand_to))
        members = sum(1 for p in doc.project.people.values() if p.team_id == chosen.id)
        if not self.dialogs.confirm_team_removal(chosen, members):
            return False
        return self._push(lambda: edits.remove_record(doc.project, "teams", chosen.id))

    def _push(self, make) -> bool:
        """Push one edit; a refused one is reported like any other."""
        try:
            changes: ChangeSet = make()
        except EditError as exc:
            messages.error(str(exc))
            return False
        return self.document is not None and self.document.push(changes)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (
            self.add_person_action,
            self.add_team_action,
            self.edit_action,
            self.remove_action,
        ):
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
