"""The dependency graph tab: a release's items left to right in layers, links between them.

Follows the document one way: gestures push change sets (link two boxes, edit or remove a
link, drop people on a box), and ``document.changed`` brings the result back. A date move
only refreshes the critical path and conflicts and repaints; the layout is recomputed only
when links, items or phases change. While the tab is hidden, work is put off until shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from relplan.domain import edits
from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import Phase, new_id
from relplan.export.graph_layout import GraphEdge, GraphLayout, GraphNode, default_collapsed
from relplan.ui import messages
from relplan.ui.document import Document, DocumentChange
from relplan.ui.people_mime import drop_people, people_from_mime
from relplan.ui.selection import Selection
from relplan.ui.views.graph_canvas import GraphCanvas
from relplan.ui.views.graph_panels import (
    GraphToolbar,
    LinkPanel,
    build_context_menu,
    edge_tooltip,
    node_tooltip,
)

_START_SCALE = 0.85  # a big graph opens at this zoom, its first column in view
# Work put off while the tab is hidden, least to most.
_NOTHING, _REFRESH, _LAYOUT, _RESET = range(4)


class GraphView(QWidget):
    """The graph of the selected release; selection shared with the other views."""

    open_inspector_requested = Signal(str)  # item id
    zoom_changed = Signal(float)

    def __init__(
        self, document: Document | None, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.selection = selection
        self.selected_edge: str | None = None
        self._collapsed: dict[str, frozenset[Phase]] = {}  # release id -> collapsed phases
        self._pending = _NOTHING  # what was put off while the tab was hidden
        self.toolbar = GraphToolbar(self)
        self.canvas = GraphCanvas(self)
        self.link_panel = LinkPanel(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.link_panel)
        self.zoom_changed.connect(self.toolbar.show_zoom)
        self.link_panel.type_chosen.connect(self.set_link_type)
        self.link_panel.lag_chosen.connect(self.set_link_lag)
        self.link_panel.remove_requested.connect(self.remove_link)
        selection.item_changed.connect(self._on_item_selected)
        selection.release_changed.connect(lambda _release_id: self._rebuild(keep_view=False))
        self.set_document(document)

    # --- public API -----------------------------------------------------------------------

    @property
    def graph(self) -> GraphLayout | None:
        """The layout shown (laid out now if that was put off while the tab was hidden)."""
        self._catch_up()
        return self.canvas.graph

    @property
    def read_only(self) -> bool:
        return self.document is None or self.document.read_only

    def set_document(self, document: Document | None) -> None:
        """Show ``document`` (None: nothing) instead of the one shown."""
        if self.document is not None:
            self.document.changed.disconnect(self._on_changed)
            self.document.reloaded.disconnect(self._rebuild)
        self.document = document
        self._collapsed.clear()
        self.selected_edge = None
        if document is not None:
            document.changed.connect(self._on_changed)
            document.reloaded.connect(self._rebuild)
        self._rebuild(keep_view=False)

    def release_id(self) -> str | None:
        """The release shown: the selected one, or the project's first."""
        if self.document is None:
            return None
        releases = self.document.project.releases
        wanted = self.selection.release_id
        return wanted if wanted in releases else next(iter(releases), None)

    def collapsed(self) -> frozenset[Phase]:
        """The phases of the shown release drawn as one summary node each."""
        release_id = self.release_id()
        if release_id is None:
            return frozenset()
        if release_id not in self._collapsed:
            count = sum(
                1 for i in self.document.project.items.values() if i.release_id == release_id
            )
            self._collapsed[release_id] = default_collapsed(count)
        return self._collapsed[release_id]

    def set_phase_expanded(self, phase: Phase, expanded: bool) -> None:
        current = self.collapsed()
        wanted = current - {phase} if expanded else current | {phase}
        self._set_collapsed(wanted)
        graph = self.canvas.graph
        if expanded and graph is not None:
            first = next((n for n in graph.nodes.values() if n.phase == phase), None)
            if first is not None:
                self.canvas.show_node(first.key)

    def expand_phase(self, phase: Phase) -> None:
        self.set_phase_expanded(phase, True)

    def expand_all(self) -> None:
        self._set_collapsed(frozenset())

    def collapse_all(self) -> None:
        self._set_collapsed(frozenset(Phase))

    def _set_collapsed(self, phases: frozenset[Phase]) -> None:
        release_id = self.release_id()
        if release_id is None or phases == self.collapsed():
            return
        self._collapsed[release_id] = phases
        self._rebuild()

    def zoom_in(self) -> None:
        self.canvas.zoom_by(1)

    def zoom_out(self) -> None:
        self.canvas.zoom_by(-1)

    def fit(self) -> None:
        self.canvas.fit()

    # --- laying out -----------------------------------------------------------------------

    def _rebuild(self, keep_view: bool = True) -> None:
        if self.isVisible():
            self._build(keep_view)
            return
        self._put_off(_LAYOUT if keep_view else _RESET)
        if not keep_view:
            self.canvas.set_graph(None)  # hold nothing of a document that may be closing

    def _put_off(self, work: int) -> None:
        self._pending = max(self._pending, work)

    def _catch_up(self) -> None:
        """Do what was put off while hidden: a new layout, or just new dates and flags."""
        pending, self._pending = self._pending, _NOTHING
        if pending >= _LAYOUT:
            self._build(keep_view=pending == _LAYOUT)
        elif pending == _REFRESH:
            self._refresh()

    def _build(self, keep_view: bool) -> None:
        self._pending = _NOTHING
        canvas = self.canvas
        centre = canvas.visible_scene_rect().center()
        release_id = self.release_id()
        doc = self.document
        schedule = doc.schedules.get(release_id) if doc is not None and release_id else None
        graph = None
        if schedule is not None:
            graph = GraphLayout(doc.project, schedule, self.collapsed())
        canvas.set_graph(graph)
        self.toolbar.show_phases(graph.phase_counts if graph else {}, self.collapsed())
        if graph is not None and self.selected_edge not in graph.edges:
            self.selected_edge = None
        self._show_selection(scroll=False)
        if graph is None:
            return
        if keep_view:
            canvas.centerOn(centre)
        else:
            self._first_view(graph)

    def _first_view(self, graph: GraphLayout) -> None:
        """Fit a small graph; show a big one from its start, at a readable zoom."""
        canvas = self.canvas
        canvas.fit()
        if canvas.scale_factor < _START_SCALE:
            canvas.set_scale(_START_SCALE)
            first = [graph.nodes[k] for k in graph.columns[0]] if graph.columns else []
            middle = sum(n.port_y for n in first) / len(first) if first else 0.0
            width = canvas.viewport().width() / _START_SCALE
            canvas.centerOn(width / 2, middle)
        if self.canvas.selected_key is not None:
            canvas.show_node(self.canvas.selected_key)

    def showEvent(self, event: QShowEvent) -> None:
        """Overrides QWidget.showEvent: catch up with what changed while the tab was hidden."""
        super().showEvent(event)
        self._catch_up()

    def _on_changed(self, change: DocumentChange) -> None:
        graph = self.canvas.graph
        release_id = self.release_id()
        schedule = self.document.schedules.get(release_id or "")
        if (
            graph is None
            or graph.release.id != release_id
            or schedule is None
            or _restructures(change, graph)
        ):
            self._rebuild()
        elif not self.isVisible():
            self._put_off(_REFRESH)
        else:
            self._refresh(change.tables)

    def _refresh(self, tables: frozenset[str] | None = None) -> None:
        """New dates, slack and conflicts (and who is Responsible): no new layout."""
        graph = self.canvas.graph
        schedule = self.document.schedules.get(graph.release.id) if self.document else None
        if schedule is None:
            self._rebuild()
            return
        graph.refresh(schedule)
        if tables is None or tables & {"assignments", "people"}:
            self.canvas.refresh_people()
        self.canvas.repaint_all()
        self._show_link()

    # --- selection ------------------------------------------------------------------------

    def select_node(self, key: str | None) -> None:
        """A click on a box (an item is selected everywhere), a summary or the background."""
        graph = self.canvas.graph
        node = graph.nodes.get(key or "") if graph is not None else None
        self.selected_edge = None
        if node is None or node.is_summary:
            self.selection.select_item(None)
            self.canvas.set_selected(node.key if node is not None else None, None)
            self._show_link()
        else:
            self.selection.select_item(node.key)
            self._show_selection(scroll=False)

    def select_edge(self, key: str | None) -> None:
        """Select a link; its successor becomes the selected item, so the inspector shows it."""
        graph = self.canvas.graph
        edge = graph.edges.get(key or "") if graph is not None else None
        self.selected_edge = edge.key if edge is not None else None
        if edge is not None and edge.dependency_id is not None:
            self.selection.select_item(edge.target)
        self._show_selection(scroll=False)

    def _on_item_selected(self, item_id: str | None) -> None:
        graph = self.canvas.graph
        edge = graph.edges.get(self.selected_edge or "") if graph is not None else None
        if edge is not None and edge.dependency_id is not None and edge.target != item_id:
            self.selected_edge = None
        self._show_selection(scroll=True)

    def _show_selection(self, scroll: bool) -> None:
        graph = self.canvas.graph
        item_id = self.selection.item_id
        key = graph.node_of.get(item_id) if graph is not None and item_id else None
        self.canvas.set_selected(key, self.selected_edge)
        if scroll and key is not None and self.isVisible():
            self.canvas.show_node(key)
        self._show_link()

    def _show_link(self) -> None:
        graph = self.canvas.graph
        edge = graph.edges.get(self.selected_edge or "") if graph is not None else None
        if edge is None or self.document is None:
            self.link_panel.hide()
            return
        self.link_panel.show_link(self.document.project, edge, self.read_only)

    def open_inspector(self, item_id: str) -> None:
        self.selection.select_item(item_id)
        self.open_inspector_requested.emit(item_id)

    # --- editing --------------------------------------------------------------------------

    def link_nodes(self, source: str, target: str) -> bool:
        """Make ``target`` wait for ``source`` (finish to start): one command, or a message."""
        dep_id = new_id()
        project = self.document.project
        if not self._push(
            lambda: edits.add_dependency(project, source, target, dependency_id=dep_id)
        ):
            return False
        self.select_edge(dep_id)
        return True

    def _selected_dependency(self) -> str | None:
        graph = self.canvas.graph
        edge = graph.edges.get(self.selected_edge or "") if graph is not None else None
        return edge.dependency_id if edge is not None else None

    def set_link_type(self, kind) -> bool:
        dep_id = self._selected_dependency()
        if dep_id is None:
            return False
        project = self.document.project
        return self._push(lambda: edits.update_dependency(project, dep_id, type=kind))

    def set_link_lag(self, lag: int) -> bool:
        dep_id = self._selected_dependency()
        if dep_id is None or self.document.project.dependencies[dep_id].lag == lag:
            return False
        project = self.document.project
        return self._push(lambda: edits.update_dependency(project, dep_id, lag=lag))

    def remove_link(self) -> bool:
        dep_id = self._selected_dependency()
        if dep_id is None:
            return False
        if not self._push(lambda: edits.remove_dependency(self.document.project, dep_id)):
            return False
        self.selected_edge = None
        self._show_selection(scroll=False)
        return True

    def delete_selected(self) -> bool:
        """Delete removes the selected link, else the selected item."""
        if self._selected_dependency() is not None:
            return self.remove_link()
        item_id = self.selection.item_id
        if self.document is None or item_id not in self.document.project.items:
            return False
        if not self._push(lambda: edits.remove_item(self.document.project, item_id)):
            return False
        self.selection.select_item(None)
        return True

    def _push(self, make: Callable[[], ChangeSet]) -> bool:
        """Push one change set; an edit refused while being made is reported like any other."""
        if self.document is None:
            return False
        try:
            changes = make()
        except EditError as exc:
            messages.error(str(exc))
            return False
        return self.document.push(changes)

    # --- people dropped on boxes ----------------------------------------------------------

    def accepts_people(self, mime: QMimeData | None) -> bool:
        return not self.read_only and people_from_mime(mime) is not None

    def can_drop_people(self, mime: QMimeData | None, node: GraphNode) -> bool:
        return not node.is_summary and self.accepts_people(mime)

    def drop_people(self, item_id: str, mime: QMimeData | None) -> bool:
        """Assign dropped people as Responsible, or a dropped team's members as Informed:
        one command, as on the timeline and in the RACI matrix."""
        drag = people_from_mime(mime)
        doc = self.document
        if drag is None or doc is None or doc.read_only or item_id not in doc.project.items:
            return False
        return drop_people(doc, item_id, drag)

    # --- menus and tooltips ---------------------------------------------------------------

    def show_context_menu(self, at: QPoint, node: GraphNode | None, edge: GraphEdge | None) -> None:
        """Select what was clicked and show its menu (blocks until the menu closes)."""
        if node is not None:
            self.select_node(node.key)
        elif edge is not None:
            self.select_edge(edge.key)
        build_context_menu(self, node, edge).exec(at)

    def tooltip(self, node: GraphNode | None, edge: GraphEdge | None) -> str:
        """Rich text about the box or link under the mouse; "" if none."""
        graph = self.canvas.graph
        if graph is None:
            return ""
        if node is not None:
            return node_tooltip(graph, node)
        if edge is not None:
            return edge_tooltip(graph, edge)
        return ""


def _restructures(change: DocumentChange, graph: GraphLayout) -> bool:
    """True when the layout must be recomputed: links or items of the release come or go,
    or an item changes phase or kind."""
    for record in change.changes.changes:
        before, after = record.before, record.after
        if record.table == "items":
            ours = any(r is not None and r.release_id == graph.release.id for r in (before, after))
            if ours and (
                before is None
                or after is None
                or before.release_id != after.release_id
                or before.phase != after.phase
                or before.kind != after.kind
            ):
                return True
        elif record.table == "dependencies" and (before is None or after is None):
            dep = before or after
            if dep.predecessor_id in graph.node_of or dep.successor_id in graph.node_of:
                return True
    return False
