"""The main window's commands as QActions: text, icon, standard shortcut and status tip.

Menus and the toolbar show the same action objects, so enabling or checking one updates
every place it appears. Undo and Redo come from the window's QUndoGroup, which follows
the open document's undo stack; their texts name the command ("Undo Move 'Go-live' ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QWidget

from relplan.ui.icons import icon

StandardKey = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    new_from_sample: QAction
    open: QAction
    save: QAction
    save_as: QAction
    compare: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    add_task: QAction
    add_milestone: QAction
    delete: QAction
    zoom_day: QAction
    zoom_week: QAction
    zoom_month: QAction
    zoom_group: QActionGroup
    zoom_in: QAction
    zoom_out: QAction
    about: QAction
    import_mspdi: QAction
    import_gan: QAction
    import_csv: QAction
    export_mspdi: QAction
    export_csv: QAction
    export_ical: QAction

    def zoom_action(self, zoom: str) -> QAction | None:
        return {"day": self.zoom_day, "week": self.zoom_week, "month": self.zoom_month}.get(zoom)

    @property
    def document_actions(self) -> list[QAction]:
        """Actions that need an open project."""
        return [
            self.save,
            self.save_as,
            self.compare,
            self.close,
            self.add_task,
            self.add_milestone,
            self.zoom_day,
            self.zoom_week,
            self.zoom_month,
            self.zoom_in,
            self.zoom_out,
            self.export_mspdi,
            self.export_csv,
            self.export_ical,
        ]


def _action(
    parent: QWidget,
    text: str,
    tip: str,
    icon_name: str = "",
    shortcut: StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, parent)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if icon_name:
        action.setIcon(icon(icon_name))
    if isinstance(shortcut, StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    return action


def create_actions(parent: QWidget, undo_group: QUndoGroup) -> Actions:
    """Every command of the main window, owned by ``parent``."""
    undo = undo_group.createUndoAction(parent, "&Undo")
    undo.setIcon(icon("undo"))
    undo.setShortcuts(StandardKey.Undo)
    redo = undo_group.createRedoAction(parent, "&Redo")
    redo.setIcon(icon("redo"))
    redo.setShortcuts(StandardKey.Redo)

    zoom_group = QActionGroup(parent)
    zoom_group.setExclusive(True)
    zooms = []
    for zoom, key in (("day", "Ctrl+1"), ("week", "Ctrl+2"), ("month", "Ctrl+3")):
        action = _action(parent, f"&{zoom.capitalize()}", f"Show the timeline by {zoom}", "", key)
        action.setCheckable(True)
        action.setData(zoom)
        zoom_group.addAction(action)
        zooms.append(action)

    return Actions(
        new=_action(parent, "&New", "Start a new, empty project", "new", StandardKey.New),
        new_from_sample=_action(
            parent, "New from &Sample", "Start from the sample project Payments 4.2", "sample"
        ),
        open=_action(parent, "&Open…", "Open a project file", "open", StandardKey.Open),
        save=_action(parent, "&Save", "Save the project", "save", StandardKey.Save),
        save_as=_action(
            parent, "Save &As…", "Save the project under a new name", "save-as", StandardKey.SaveAs
        ),
        compare=_action(
            parent,
            "Co&mpare with File…",
            "Show what differs from another version of this project, and merge it in",
        ),
        close=_action(parent, "&Close", "Close the project", "close", StandardKey.Close),
        quit=_action(parent, "&Quit", "Quit relplan", "", StandardKey.Quit),
        undo=undo,
        redo=redo,
        add_task=_action(
            parent, "Add &Task", "Add a task to the release shown", "task", "Ctrl+Shift+T"
        ),
        add_milestone=_action(
            parent,
            "Add &Milestone",
            "Add a milestone to the release shown",
            "milestone",
            "Ctrl+Shift+M",
        ),
        delete=_action(
            parent,
            "&Delete",
            "Delete the selected item and its links",
            "delete",
            StandardKey.Delete,
        ),
        zoom_day=zooms[0],
        zoom_week=zooms[1],
        zoom_month=zooms[2],
        zoom_group=zoom_group,
        zoom_in=_action(parent, "Zoom &In", "Show fewer days", "zoom-in", StandardKey.ZoomIn),
        zoom_out=_action(parent, "Zoom &Out", "Show more days", "zoom-out", StandardKey.ZoomOut),
        about=_action(parent, "&About relplan", "Version and licence"),
        import_mspdi=_action(
            parent, "&MS Project XML…", "Open an MS Project XML file as a new project"
        ),
        import_gan=_action(parent, "&GanttProject…", "Open a GanttProject file as a new project"),
        import_csv=_action(parent, "&CSV…", "Open a CSV table of tasks as a new project"),
        export_mspdi=_action(
            parent, "&MS Project XML…", "Write the release shown as an MS Project XML file"
        ),
        export_csv=_action(parent, "&CSV…", "Write the release shown as a CSV table"),
        export_ical=_action(
            parent, "&iCalendar…", "Write the release shown's dates as an iCalendar file"
        ),
    )
