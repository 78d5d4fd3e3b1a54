"""The main window's menu bar and toolbar, built from its actions and docks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

if TYPE_CHECKING:
    from relplan.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> QMenu:
    """File, Edit, View and Help; returns the Open Recent menu (filled when it opens)."""
    a = window.ui_actions
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.new, a.new_from_sample, a.open])
    recent_menu = QMenu("Open &Recent", window)
    file_menu.addMenu(recent_menu)
    import_menu = file_menu.addMenu("&Import")
    import_menu.addActions([a.import_mspdi, a.import_gan, a.import_csv])
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addAction(a.compare)
    export_menu = file_menu.addMenu("E&xport")
    export_menu.addActions([a.export_mspdi, a.export_csv, a.export_ical])
    file_menu.addSeparator()
    file_menu.addAction(a.close)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.add_task, a.add_milestone, a.delete])

    window.release_menu = bar.addMenu("&Release")
    window.release_menu.addActions(window.templates.actions)

    view_menu = bar.addMenu("&View")
    window.view_menu = view_menu
    for dock in (window.explorer_dock, window.inspector_dock, window.problems_dock):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    view_menu.addActions([a.zoom_day, a.zoom_week, a.zoom_month])
    view_menu.addSeparator()
    view_menu.addActions([a.zoom_in, a.zoom_out])

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.about)
    return recent_menu


def build_toolbar(window: MainWindow) -> QToolBar:
    """New, Open, Save | Undo, Redo | Day, Week, Month (as words) | Zoom out, Zoom in."""
    a = window.ui_actions
    toolbar = QToolBar("Toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setMovable(False)
    toolbar.addActions([a.new, a.open, a.save])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addActions([a.zoom_day, a.zoom_week, a.zoom_month])
    for action in (a.zoom_day, a.zoom_week, a.zoom_month):
        button = toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addActions([a.zoom_out, a.zoom_in])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    # The toolbar's show/hide entry goes after the docks' in the View menu.
    view_menu = window.view_menu
    view_menu.insertAction(view_menu.actions()[3], toolbar.toggleViewAction())
    return toolbar


def fill_recent_menu(
    menu: QMenu,
    recent: list[str],
    open_path: Callable[[str], object],
    clear: Callable[[], None],
) -> None:
    """Numbered entries for the recent files (full path as tip), then Clear Menu."""
    menu.clear()
    for number, path in enumerate(recent, start=1):
        text = f"&{number} {Path(path).name}" if number < 10 else Path(path).name
        action = menu.addAction(text)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if not recent:
        empty = menu.addAction("No recent projects")
        empty.setEnabled(False)
        return
    menu.addSeparator()
    clear_action = menu.addAction("&Clear Menu")
    clear_action.triggered.connect(clear)
