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

from relplan.ui.views.people_view import PeopleView
from relplan.ui.views.raci_view import RaciView
from relplan.ui.views.workload_view import WorkloadView

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


def _overview_view(window: MainWindow) -> QWidget:
    from relplan.ui.views.overview_view import OverviewView

    return OverviewView(window.selection)


def _requests_view(window: MainWindow) -> QWidget:
    from relplan.ui.views.requests_view import RequestsView

    view = RequestsView(window.selection)

    def show_request(request_id: str) -> None:
        window.tabs.setCurrentWidget(view)
        view.select_request(request_id)

    # A change request opened in the explorer shows here.
    window.explorer.request_activated.connect(show_request)
    return view


VIEWS.append(ViewSpec("overviewView", "Overview", "release", _overview_view))
VIEWS.append(ViewSpec("requestsView", "Requests", "request", _requests_view))


def _lifecycle_view(window: MainWindow) -> QWidget:
    from relplan.ui.views.lifecycle_view import LifecycleView

    return LifecycleView(window.selection)


VIEWS.append(ViewSpec("lifecycleView", "Lifecycle", "gate", _lifecycle_view))

VIEWS.append(ViewSpec("raciView", "RACI", "raci", lambda w: RaciView(w.selection)))
VIEWS.append(ViewSpec("workloadView", "Workload", "workload", lambda w: WorkloadView(w.selection)))
VIEWS.append(
    ViewSpec(
        "peopleView", "People", "team", lambda w: PeopleView(), Qt.DockWidgetArea.LeftDockWidgetArea
    )
)


def _graph_view(window: MainWindow) -> QWidget:
    from relplan.ui.views.graph_view import GraphView

    view = GraphView(window.document, window.selection)
    view.open_inspector_requested.connect(window.show_inspector)
    return view


# The graph comes right after the timeline, whatever else is declared here.
VIEWS.insert(0, ViewSpec("graphView", "Graph", "graph", _graph_view))
