"""The views the main window shows beside the timeline, declared in one place.

Each entry builds a widget over the open document; the widget has
``set_document(document)`` and is given every document the window opens (None for none).
Add a tab or a dock by adding one entry here, in the order they should appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from relplan.ui.main_window import MainWindow


@dataclass(frozen=True)
class ViewSpec:
    """One tab (``area`` None) or dock (``area`` a dock area) of the main window."""

    object_name: str
    title: str
    icon: str
    build: Callable[[MainWindow], QWidget]  # the window gives its document, selection, ...
    area: Qt.DockWidgetArea | None = None


# Tabs after the timeline, then extra docks.
VIEWS: list[ViewSpec] = []
