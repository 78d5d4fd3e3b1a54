"""The main window: explorer, timeline tabs, inspector, problems, menus, toolbar, status bar.

It owns one :class:`Selection` shared by every view and shows one :class:`Document` at a
time (or the welcome screen). File commands live in :mod:`relplan.ui.file_flows`; every
question to the planner goes through :attr:`MainWindow.prompts`, which tests replace.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relplan.domain import edits
from relplan.domain.model import ItemKind, Phase, Project, new_id
from relplan.ui import messages
from relplan.ui.actions import Actions, create_actions
from relplan.ui.dialogs.prompts import Prompts
from relplan.ui.document import Document, DocumentChange
from relplan.ui.exchange_flow import ExchangeFlow
from relplan.ui.export_flow import ExportFlow
from relplan.ui.file_flows import FileFlows
from relplan.ui.icons import icon
from relplan.ui.menus import build_menus, build_toolbar, fill_recent_menu
from relplan.ui.selection import Selection
from relplan.ui.settings import WINDOW_GEOMETRY, WINDOW_STATE, ZOOM, Settings
from relplan.ui.status import ReleaseStatus
from relplan.ui.tabs import VIEWS
from relplan.ui.template_flows import TemplateFlows
from relplan.ui.views.banner import ReadOnlyBanner
from relplan.ui.views.explorer import ExplorerView
from relplan.ui.views.inspector import InspectorView
from relplan.ui.views.problems import ProblemsView
from relplan.ui.views.timeline_view import TimelineView
from relplan.ui.views.welcome import WelcomeView

APP_NAME = "relplan"
DEFAULT_SIZE = QSize(1440, 900)


class MainWindow(QMainWindow):
    """One window showing one project."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else Settings()
        self.prompts = Prompts(self)
        self.selection = Selection(self)
        self.document: Document | None = None
        self.timeline: TimelineView | None = None
        self._dock_visibility: dict[str, bool] | None = None  # while the docks are put away
        self.undo_group = QUndoGroup(self)
        self.ui_actions: Actions = create_actions(self, self.undo_group)
        self.files = FileFlows(self)
        self.templates = TemplateFlows(self)
        self.setWindowIcon(icon("app"))
        self.setDockNestingEnabled(True)
        self._build_central()
        self._build_docks()
        self._build_extra_views()
        self.recent_menu = build_menus(self)
        self.recent_menu.aboutToShow.connect(
            lambda: fill_recent_menu(
                self.recent_menu,
                self.settings.recent_files(),
                self.files.open_path,
                self._clear_recent,
            )
        )
        self.toolbar = build_toolbar(self)
        self.exports = ExportFlow(self)
        self.exchange = ExchangeFlow(self)
        self.release_status = ReleaseStatus(self.statusBar())
        self._connect()
        self.restore_window_state()
        self.set_document(None)
        self.refresh_recent_files()

    # --- building ---------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.pages = QStackedWidget(self)
        self.welcome = WelcomeView(self)
        self.pages.addWidget(self.welcome)
        workspace = QWidget(self)
        column = QVBoxLayout(workspace)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = ReadOnlyBanner(self)
        self.banner.save_as_requested.connect(lambda: self.files.save_as())
        column.addWidget(self.banner)
        self.tabs = QTabWidget(workspace)
        self.tabs.setObjectName("viewTabs")
        self.tabs.setDocumentMode(True)
        column.addWidget(self.tabs, 1)
        self.pages.addWidget(workspace)
        self.setCentralWidget(self.pages)

    def _build_docks(self) -> None:
        self.explorer = ExplorerView(self.selection)
        self.inspector = InspectorView(self.selection)
        self.problems = ProblemsView(self.selection)
        self.explorer_dock = self._dock("explorerDock", "Explorer", self.explorer)
        self.inspector_dock = self._dock("inspectorDock", "Inspector", self.inspector)
        self.problems_dock = self._dock("problemsDock", "Problems", self.problems)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.explorer_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        # Floors for the side docks: a layout saved before a dock existed, or one dragged
        # too small, must never leave the explorer or inspector unreadable.
        self.explorer_dock.setMinimumWidth(200)
        self.inspector_dock.setMinimumWidth(300)  # its link table and spin boxes fit
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

    def _build_extra_views(self) -> None:
        """The tabs and docks declared in :mod:`relplan.ui.tabs`, by object name."""
        self.extra_views: dict[str, QWidget] = {}
        self.extra_docks: list[QDockWidget] = []
        for spec in VIEWS:
            widget = spec.build(self)
            widget.setObjectName(spec.object_name)
            self.extra_views[spec.object_name] = widget
            if spec.area is None:
                self.tabs.addTab(widget, icon(spec.icon), spec.title)
            else:
                dock = self._dock(f"{spec.object_name}Dock", spec.title, widget)
                dock.setMinimumWidth(200)
                self.addDockWidget(spec.area, dock)
                self.extra_docks.append(dock)

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _connect(self) -> None:
        a = self.ui_actions
        a.new.triggered.connect(lambda: self.files.new_project())
        a.new_from_sample.triggered.connect(lambda: self.files.new_project(from_sample=True))
        a.open.triggered.connect(lambda: self.files.open_dialog())
        a.save.triggered.connect(lambda: self.files.save())
        a.save_as.triggered.connect(lambda: self.files.save_as())
        a.compare.triggered.connect(lambda: self.files.safety.compare_with_file())
        a.close.triggered.connect(lambda: self.files.close_project())
        a.quit.triggered.connect(self.close)
        a.add_task.triggered.connect(lambda: self.add_item(ItemKind.TASK))
        a.add_milestone.triggered.connect(lambda: self.add_item(ItemKind.MILESTONE))
        a.delete.triggered.connect(self.delete_selected)
        a.zoom_group.triggered.connect(self._zoom_chosen)
        a.zoom_in.triggered.connect(lambda: self.timeline and self.timeline.zoom_in())
        a.zoom_out.triggered.connect(lambda: self.timeline and self.timeline.zoom_out())
        a.about.triggered.connect(lambda: self.prompts.show_about())
        self.welcome.sample_requested.connect(lambda: self.files.new_project(from_sample=True))
        self.welcome.new_requested.connect(lambda: self.files.new_project())
        self.welcome.open_requested.connect(lambda: self.files.open_dialog())
        self.welcome.recent_requested.connect(lambda path: self.files.open_path(path))
        self.explorer.item_activated.connect(self.show_inspector)
        self.problems.counts_changed.connect(self._show_problem_counts)
        self.selection.item_changed.connect(lambda _id: self._update_actions())
        self.selection.release_changed.connect(lambda _id: self._update_status())
        messages.bridge.info.connect(self._show_info)
        messages.bridge.warning.connect(self._show_warning)
        messages.bridge.error.connect(self._show_error)

    # --- the document -----------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        """Show ``document`` (None: the welcome screen) in every view."""
        old = self.document
        if old is not None:
            old.dirty_changed.disconnect(self._update_title)
            old.path_changed.disconnect(self._on_path_changed)
            old.changed.disconnect(self._on_changed)
            self.undo_group.removeStack(old.undo_stack)
            old.setParent(None)
        self.document = document
        if document is not None:
            document.setParent(self)
            self.undo_group.addStack(document.undo_stack)
            self.undo_group.setActiveStack(document.undo_stack)
            document.dirty_changed.connect(self._update_title)
            document.path_changed.connect(self._on_path_changed)
            document.changed.connect(self._on_changed)
        # Views read the selection when they get the document; telling them of the change
        # first would make them redraw the old document for nothing.
        was_blocked = self.selection.blockSignals(True)
        self.selection.select_item(None)
        self.selection.select_release(self._first_release_id())
        self.selection.blockSignals(was_blocked)
        self._show_timeline(document)
        for view in (self.explorer, self.inspector, self.problems, *self.extra_views.values()):
            view.set_document(document)
        self.pages.setCurrentIndex(0 if document is None else 1)
        self._show_docks(document is not None)
        self._update_banner()
        self._update_title()
        self._update_actions()
        self._update_status()
        if document is not None and document.load_problems:
            self.problems_dock.show()
            self.problems_dock.raise_()

    def _docks(self) -> tuple[QDockWidget, ...]:
        return (self.explorer_dock, self.inspector_dock, self.problems_dock, *self.extra_docks)

    def _show_docks(self, show: bool) -> None:
        """The welcome screen stands alone; the docks come back as they were with a project."""
        if not show:
            if self._dock_visibility is None:
                self._dock_visibility = {d.objectName(): not d.isHidden() for d in self._docks()}
            for dock in self._docks():
                dock.hide()
        elif self._dock_visibility is not None:
            for dock in self._docks():
                dock.setVisible(self._dock_visibility.get(dock.objectName(), True))
            self._dock_visibility = None

    def _show_timeline(self, document: Document | None) -> None:
        if document is None:
            return
        if self.timeline is None:
            self.timeline = TimelineView(document, self.selection)
            self.timeline.setObjectName("timeline")
            self.timeline.confirm_unpin = lambda name: self.prompts.confirm_unpin(name)
            self.timeline.zoom_changed.connect(self._zoom_changed)
            self.timeline.open_inspector_requested.connect(self.show_inspector)
            self.tabs.insertTab(0, self.timeline, icon("task"), "Timeline")
            self.tabs.setCurrentIndex(0)
            zoom = self.settings.get(ZOOM)
            self.timeline.set_zoom(zoom)
            self._zoom_changed(zoom)  # set_zoom is silent when the zoom is already shown
        else:
            self.timeline.set_document(document)

    def document_name(self, document: Document) -> str:
        """What the title bar and prompts call the document."""
        return document.path.name if document.path is not None else document.project.name

    def _first_release_id(self) -> str | None:
        if self.document is None:
            return None
        return default_release_id(self.document.project, date.today())

    def _on_changed(self, change: DocumentChange) -> None:
        project = self.document.project if self.document is not None else None
        if project is None:
            return
        if self.selection.item_id is not None and self.selection.item_id not in project.items:
            self.selection.select_item(None)
        if self.selection.release_id not in project.releases:
            self.selection.select_release(self._first_release_id())
        self._update_status()

    def _on_path_changed(self, _path: str) -> None:
        """Saved under a new name: a read-only document becomes editable."""
        self._update_title()
        self._update_actions()
        self.inspector.refresh()

    # --- editing commands -------------------------------------------------------------------

    def add_item(self, kind: ItemKind) -> bool:
        """Add a task or milestone to the release shown, select it and name it in the inspector."""
        doc = self.document
        release_id = self.selection.release_id
        if doc is None or release_id is None:
            return False
        selected = doc.project.items.get(self.selection.item_id or "")
        phase = selected.phase if selected is not None else Phase.BUILD
        name = "New milestone" if kind is ItemKind.MILESTONE else "New task"
        item_id = new_id()
        try:
            changes = edits.add_item(doc.project, release_id, name, kind, phase, item_id=item_id)
        except edits.EditError as exc:
            messages.error(str(exc))
            return False
        if not doc.push(changes):
            return False
        self.selection.select_item(item_id)
        self.show_inspector(item_id)
        return True

    def delete_selected(self) -> bool:
        doc, item_id = self.document, self.selection.item_id
        if doc is None or item_id is None or item_id not in doc.project.items:
            return False
        return doc.push(edits.remove_item(doc.project, item_id))

    def show_inspector(self, item_id: str | None = None) -> None:
        if item_id:
            self.selection.select_item(item_id)
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.focus_name()

    # --- zoom -------------------------------------------------------------------------------

    def _zoom_chosen(self, action: QAction) -> None:
        if self.timeline is not None:
            self.timeline.set_zoom(str(action.data()))

    def _zoom_changed(self, zoom: str) -> None:
        action = self.ui_actions.zoom_action(zoom)
        if action is not None:
            action.setChecked(True)
            self.settings.set(ZOOM, zoom)

    # --- what the window shows --------------------------------------------------------------

    def _update_title(self, *_args) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        read_only = " (read-only)" if doc.read_only else ""
        self.setWindowTitle(f"{self.document_name(doc)}[*]{read_only} — {APP_NAME}")
        self.setWindowModified(doc.is_dirty)
        self._update_banner()

    def _update_banner(self) -> None:
        doc = self.document
        self.banner.show_for(
            self.document_name(doc) if doc is not None and doc.read_only else None,
            doc.read_only_reason if doc is not None else "",
        )

    def _update_actions(self) -> None:
        a = self.ui_actions
        doc = self.document
        has_doc = doc is not None
        editable = has_doc and not doc.read_only
        for action in a.document_actions:
            action.setEnabled(has_doc)
        a.add_task.setEnabled(editable and self.selection.release_id is not None)
        a.add_milestone.setEnabled(a.add_task.isEnabled())
        a.delete.setEnabled(
            editable
            and self.selection.item_id is not None
            and self.selection.item_id in doc.project.items
        )
        self.templates.update_actions()
        self.exports.update_action()

    def _update_status(self) -> None:
        doc = self.document
        release_id = self.selection.release_id
        if doc is None or release_id is None or release_id not in doc.schedules:
            self.release_status.clear()
            return
        self.release_status.show_release(
            doc.project.releases[release_id], doc.schedules[release_id]
        )

    def _show_problem_counts(self, errors: int, warnings: int) -> None:
        total = errors + warnings
        self.problems_dock.setWindowTitle(f"Problems ({total})" if total else "Problems")
        if self.document is None:
            self.release_status.problems.clear()
        else:
            self.release_status.show_problems(errors, warnings)

    def refresh_recent_files(self) -> None:
        self.welcome.set_recent_files(self.settings.recent_files())

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self.refresh_recent_files()

    # --- messages ---------------------------------------------------------------------------

    def _show_info(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _show_warning(self, text: str) -> None:
        self.prompts.show_message("warning", text)

    def _show_error(self, text: str) -> None:
        self.prompts.show_message("error", text)

    def _disconnect_messages(self) -> None:
        for signal, slot in (
            (messages.bridge.info, self._show_info),
            (messages.bridge.warning, self._show_warning),
            (messages.bridge.error, self._show_error),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                signal.disconnect(slot)

    # --- window state -----------------------------------------------------------------------

    def restore_window_state(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        state = self.settings.get(WINDOW_STATE)
        if state.isEmpty() or not self.restoreState(state):
            self.resizeDocks(
                [self.explorer_dock, self.inspector_dock], [280, 340], Qt.Orientation.Horizontal
            )
            self.resizeDocks([self.problems_dock], [130], Qt.Orientation.Vertical)

    def save_window_state(self) -> None:
        self._show_docks(True)  # store the planner's dock layout, not the welcome screen's
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Overrides QMainWindow.closeEvent: ask about unsaved changes, keep the layout."""
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.safety.detach()  # release the lock; the work is saved or dropped
        self.save_window_state()
        self._disconnect_messages()
        event.accept()


def default_release_id(project: Project, today: date) -> str | None:
    """The release to show first: the latest one started by ``today`` that has items."""
    releases = sorted(project.releases.values(), key=lambda r: (r.start, r.name))
    with_items = {item.release_id for item in project.items.values()}
    candidates = [r for r in releases if r.id in with_items] or releases
    if not candidates:
        return None
    started = [r for r in candidates if r.start <= today]
    return (started[-1] if started else candidates[0]).id
